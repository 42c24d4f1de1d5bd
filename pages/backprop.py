"""Backpropagation: one example through a small network, forward layer by layer, then
backward by the four equations, each value next to autograd's."""
import numpy as np
import pandas as pd
import streamlit as st

from playground import activations, backprop, inits, nets
from ui import charts, entry, i18n, number, page, present, show
from ui.charts.graph import SUP
from ui.controls import Controls, option_label
from ui.experiments import link_params
from ui.text import backprop as text

entry.required()

T = i18n.translator(text)
SCALES = (0.25, 0.5, 1.0, 2.0, 4.0)
STEP = "bp_step"
SEEN = "bp_layers_seen"
# relative to the largest gradient, what float64's rounding leaves (1 - tanh² near 1 keeps only
# tanh's last digits); tests/test_backprop.py holds every activation but softplus to it
ROUNDING = 1e-9  # the last run's layer count: the step slider's end moves with it


def controls(c: Controls) -> tuple[nets.NetConfig, tuple[float, float], float, str]:
    c.where.subheader(T("c_net"))
    depth = c.slider("bp_depth", T("depth"), 1, 3, 2)
    width = c.slider("bp_width", T("width"), 2, 4, 3)
    act = c.choice("bp_act", T("activation"), activations.ACTIVATIONS, "sigmoid")
    output = c.choice("bp_out", T("output"), tuple(backprop.OUTPUTS), "sigmoid_ce")
    init = c.choice("bp_init", T("init"), inits.INITIALIZERS, "xavier_normal")
    scale = c.levels("bp_scale", T("scale"), SCALES, 1.0, help=T("scale_help"),
                     disabled=init not in inits.SCALED)
    seed = c.seed("bp_seed", T("seed"))
    c.where.subheader(T("c_example"))
    x1 = c.real("bp_x1", "x₁", -3.0, 3.0, 0.5, 0.1)
    x2 = c.real("bp_x2", "x₂", -3.0, 3.0, -1.0, 0.1)
    y = c.levels("bp_y", T("target"), (0.0, 1.0), 1.0)
    cfg = nets.NetConfig(depth=depth, width=width, activation=act, init=init, init_scale=scale,
                         seed=seed)
    return cfg, (x1, x2), y, output


@st.cache_data(max_entries=128, show_spinner=False)
def walk(cfg: nets.NetConfig, x: tuple[float, float], y: float, output: str) -> backprop.Walk:
    return backprop.walk(cfg, x, y, output)


def step_control(layers: int) -> tuple[int, str, int]:
    """The step shown (1-based), its phase and layer, with what it does beside the slider; a
    slider at its end stays at the end when the layer count changes."""
    seen, last = st.session_state.get(SEEN), 2 * layers
    if seen is not None and seen != layers and st.session_state.get(STEP) == 2 * seen:
        st.session_state[STEP] = last
    st.session_state[SEEN] = layers
    c = Controls()
    c.where, said = st.columns([2, 3], vertical_alignment="center")
    step = c.slider(STEP, T("step"), 1, last, last, help=T("step_help"))
    c.report()
    phase, layer = backprop.steps(layers)[step - 1]
    where = T("h_output") if layer == layers else T("h_layer", l=layer)
    said.markdown(T(f"now_{phase}", where=where, step=step, steps=last))
    return step, phase, layer


# -- the equations of one step, in numbers ------------------------------------------------

def num(x: float) -> str:
    return number(float(x), ".3g").replace("e", r"\mathrm{e}")


def mat(m: np.ndarray) -> str:
    m = np.atleast_2d(m)
    body = r" \\ ".join(" & ".join(num(v) for v in row) for row in m)
    return r"\begin{bmatrix}" + body + r"\end{bmatrix}"


def col(v: np.ndarray) -> str:
    return mat(np.asarray(v)[:, None])


def row(v: np.ndarray) -> str:
    return mat(np.asarray(v)[None, :])


F = {"sigmoid": r"\sigma", "tanh": r"\tanh", "relu": r"\mathrm{ReLU}",
     "leaky_relu": r"\mathrm{LReLU}", "elu": r"\mathrm{ELU}", "gelu": r"\mathrm{GELU}",
     "softplus": r"\mathrm{softplus}", "hardtanh": r"\mathrm{hardtanh}", "linear": r"\mathrm{id}"}


def forward(w: backprop.Walk, l: int) -> None:
    i, out = l - 1, l == w.layers
    st.latex(rf"z^{{{l}}} = W^{{{l}}} a^{{{l - 1}}} + b^{{{l}}} = {mat(w.W[i])}{col(w.a[i])}"
             rf" + {col(w.b[i])} = {col(w.z[i])}")
    if not out:
        f = F[w.cfg.activation]
        st.latex(rf"a^{{{l}}} = {f}(z^{{{l}}}) = {col(w.a[l])}")
        return
    a = num(w.a[l][0])
    if w.output == "linear_se":
        st.latex(rf"a^{{{l}}} = z^{{{l}}} = {a}, \quad C = (a^{{{l}}} - y)^2 = "
                 rf"({a} - {num(w.y)})^2 = {num(w.loss)}")
    else:
        loss = (r"-y \ln a - (1 - y)\ln(1 - a)" if w.output == "sigmoid_ce"
                else r"(a - y)^2")
        st.latex(rf"a^{{{l}}} = \sigma(z^{{{l}}}) = {a}, \quad C = {loss} = {num(w.loss)}"
                 rf"\quad (y = {num(w.y)})")


def aligned(*lines: str) -> None:
    """One equation over several lines, aligned at their `&`."""
    st.latex(r"\begin{aligned}" + r" \\ ".join(lines) + r"\end{aligned}")


def backward(w: backprop.Walk, l: int) -> None:
    """Equation 1 or 2, then 3 and 4 for layer l, by hand; beside them autograd's values."""
    i = l - 1
    hand, torch_side = st.columns([3, 2])
    with hand:
        st.markdown(T("by_hand"))
        if l == w.layers:
            tail = r" = a - y" if w.output == "sigmoid_ce" else ""
            lines = (rf"\delta^{{{l}}} &= \frac{{\partial C}}{{\partial a^{{{l}}}}}\,"
                     rf"f'(z^{{{l}}}){tail}",
                     rf"&= {num(w.dC_da)} \times {num(w.fprime[i][0])} = {num(w.delta[i][0])}")
        else:
            lines = (rf"\delta^{{{l}}} &= \big((W^{{{l + 1}}})^\top \delta^{{{l + 1}}}\big) "
                     rf"\odot f'(z^{{{l}}})",
                     rf"&= {mat(w.W[l].T)}{col(w.delta[l])} \odot {col(w.fprime[i])}",
                     rf"&= {col(w.delta[i])}")
        aligned(*lines)
        st.latex(rf"\frac{{\partial C}}{{\partial b^{{{l}}}}} = \delta^{{{l}}} = "
                 rf"{col(w.grad_b[i])}")
        aligned(rf"\frac{{\partial C}}{{\partial W^{{{l}}}}} &= \delta^{{{l}}} "
                rf"(a^{{{l - 1}}})^\top = {col(w.delta[i])}{row(w.a[i])}",
                rf"&= {mat(w.grad_W[i])}")
    with torch_side:
        st.markdown(T("by_autograd"))
        st.latex(rf"\delta^{{{l}}} = {col(w.autograd_delta[i])}")
        st.latex(rf"\frac{{\partial C}}{{\partial b^{{{l}}}}} = {col(w.autograd_b[i])}")
        st.latex(rf"\frac{{\partial C}}{{\partial W^{{{l}}}}} = {mat(w.autograd_W[i])}")


def differences(w: backprop.Walk) -> pd.DataFrame:
    """Per layer, the four equations' vectors and the largest difference from autograd."""
    def vec(v):
        return ", ".join(number(float(x), ".4g") for x in np.ravel(v))
    return pd.DataFrame([{T("t_layer"): T("h_output") if i == w.layers - 1 else str(i + 1),
                          "δ": vec(w.delta[i]), T("t_autograd_delta"): vec(w.autograd_delta[i]),
                          "∂C/∂W": vec(w.grad_W[i]), T("t_gap"): number(gap, ".1e")}
                         for i, gap in enumerate(w.gaps)])


def sup(n: int) -> str:
    return str(n).translate(SUP)


def heads(layers: int) -> list[str]:
    return ([T("h_input")] + [T("h_layer", l=l) for l in range(1, layers)]
            + [T("h_output"), T("h_loss")])


def jacobians(w: backprop.Walk) -> None:
    st.subheader(T("jac_title"))
    norms = w.jacobian_norms
    show(charts.grids([(T("jac_panel", l=sup(l + 1), prev=sup(l), norm=number(n, ".3g")), J)
                       for l, (J, n) in enumerate(zip(w.jacobians, norms))], step=50))
    reach = pd.DataFrame({"layer": np.arange(w.layers + 1),
                          "actual": w.input_grad_norms,
                          "bound": w.bound})
    st.markdown(f"**{T('reach_title')}**")
    show(charts.lines(reach, "layer", {"actual": T("s_actual"), "bound": T("s_bound")},
                      T("reach_x"), T("reach_y"), log=True, points=True, height=240))
    missing = charts.unplottable(reach, ["actual", "bound"])
    if missing:
        st.caption(T("reach_missing", layers=", ".join(map(str, missing))))
    st.markdown(T("reach_text", product=number(float(np.prod(norms)), ".3g"),
                  peak=number(activations.max_slope(w.cfg.activation), ".3g"),
                  name=option_label(w.cfg.activation)))
    st.page_link("pages/gradient_flow.py", icon=":material/stacked_line_chart:",
                 label=T("to_gradient_flow", name=option_label(w.cfg.activation)),
                 query_params={"act": w.cfg.activation, "depth": "10"}
                 | link_params() | present.link_params())


answer, (cfg, x, y, output) = page.opening(T, "pages/backprop.py", controls)
w = walk(cfg, x, y, output)

step, phase, layer = step_control(w.layers)
nodes, edges = backprop.graph(w, step)
show(charts.network_graph(nodes, edges, heads(w.layers)))
gap = float(w.gaps.max())  # under the graph, or behind an open lesson's reveal
rounding = gap <= ROUNDING * max(1.0, w.scale)
said = ("verdict_exact" if not gap else "verdict" if rounding or w.cfg.activation != "softplus"
        else "verdict_softplus")
(answer or st.container()).success(
    T(said, gap=number(gap, ".1e"), loss=number(w.loss, ".4g")), icon=":material/check_circle:")
if phase == "forward":
    forward(w, layer)
else:
    backward(w, layer)

m = st.columns(3)
m[0].metric(T("m_out"), number(float(w.a[-1][0]), ".4g"))
m[1].metric(T("m_delta"), number(float(w.delta[-1][0]), ".3g"))
first, last = (float(np.linalg.norm(g)) for g in (w.grad_W[0], w.grad_W[-1]))
m[2].metric(T("m_ratio"), number(first / last, ".3g") if last > 0 else T("m_ratio_undefined"),
            help=T("m_ratio_help"))

st.subheader(T("table_title"))
st.caption(T("table_lead"))
st.dataframe(differences(w), hide_index=True)
jacobians(w)
page.footer(T)
