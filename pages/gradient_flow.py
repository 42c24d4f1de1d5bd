"""Gradient flow: how depth, initialization and activation make gradients vanish or explode."""
import streamlit as st

from playground import activations, charts, data, inits, nets, probes
from ui import entry, i18n, lessons, number, show, span
from ui.controls import Controls
from ui.text import gradient_flow as text

entry.required()

T = i18n.translator(text)
WIDTHS = (1, 2, 4, 8, 16, 32, 64, 128, 256, 512)
SCALES = (0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 0.8, 1.0, 1.25, 1.5, 2.0, 3.0, 5.0, 10.0)
BATCHES = (2, 4, 8, 16, 32, 64, 128, 256, 512, 1024)


def controls(c: Controls) -> tuple[nets.NetConfig, int]:
    c.where.subheader(T("controls"))
    depth = c.slider("depth", T("depth"), 1, 50, 10)
    width = c.levels("width", T("width"), WIDTHS, 64)
    act = c.choice("act", T("activation"), activations.ACTIVATIONS, "tanh")
    init = c.choice("init", T("init"), inits.INITIALIZERS, "xavier_normal")
    scale = c.levels("scale", T("scale"), SCALES, 1.0, disabled=init not in inits.SCALED,
                     help=T("scale_help"))
    c.where.caption(T(f"scale_{init}"))
    norm = c.choice("norm", T("norm"), nets.NORMS, "none")
    residual = c.toggle("res", T("residual"))
    batch = c.levels("batch", T("batch"), BATCHES, 256)
    seed = c.seed("seed", T("seed"))
    cfg = nets.NetConfig(depth=depth, width=width, activation=act, init=init,
                         init_scale=scale, norm=norm, residual=residual, seed=seed)
    return cfg, batch


@st.cache_data(max_entries=64, show_spinner=False)
def probe(cfg: nets.NetConfig, batch: int):
    """One forward and backward pass of a fresh network on a batch of the circle data."""
    X, y = data.make_dataset("circle", n=batch, noise=0.1, seed=cfg.seed)
    model = nets.build_mlp(cfg)
    return probes.layer_stats(model, X, y), probes.activation_histograms(model, X)


@st.cache_data(max_entries=64, show_spinner=False)
def activation_chart(name: str, f: str, df: str, zone: str) -> dict:
    """f and f' with the flat zones shaded: depends only on the activation and the labels."""
    chart = charts.activation_curve(activations.curve(name), activations.flat_zones(name),
                                    {"value": f, "derivative": df}, "z", zone)
    return charts.spec(chart)


def missing(stats, cols: list[str]) -> None:
    """Say which layers a log-axis chart had to leave out."""
    if layers := charts.unplottable(stats, cols):
        st.caption(T("log_missing", layers=span(layers)))


st.title(T("title"))
st.markdown(T("lead"))
lessons.panel("pages/gradient_flow.py")
c = Controls()
cfg, batch = controls(c)
c.report()

with st.spinner(T("computing")):
    stats, hist = probe(cfg, batch)
verdict = probes.gradient_verdict(stats)

box = {"stable": st.success, "vanishing": st.warning, "exploding": st.warning,
       "zero": st.error, "overflow": st.error}[verdict.kind]
box(T(f"verdict_{verdict.kind}", ratio=verdict.ratio, depth=cfg.depth, layer=verdict.layer),
    icon=":material/insights:")

m = st.columns(4)
m[0].metric(T("m_loss"), number(stats.attrs["loss"], ".4g"))
m[1].metric(T("m_ratio"), number(verdict.ratio, ".2e"))
m[2].metric(T("m_saturated"), f"{stats['act_saturated'].mean():.0%}")
m[3].metric(T("m_dead"), f"{stats['act_dead'].mean():.0%}")
st.caption(T("seed_note", seed=cfg.seed, batch=batch))

left, right = st.columns(2)
with left:
    st.subheader(T("std_title"))
    show(charts.layer_profile(stats, {"act_std": T("s_act_std")}, T("layer"), T("std_axis")))
    missing(stats, ["act_std"])
with right:
    st.subheader(T("grad_title"))
    show(charts.layer_profile(stats, {"grad_norm": T("s_grad_w"),
                                      "act_grad_norm": T("s_grad_h")},
                              T("layer"), T("grad_axis")))
    missing(stats, ["grad_norm", "act_grad_norm"])

left, right = st.columns(2)
with left:
    st.subheader(T("dist_title"))
    show(charts.distributions(hist, T("value"), T("density"), T("layer")))
    if hist.attrs["nonfinite"] > 0:
        st.caption(T("dist_nonfinite", share=hist.attrs["nonfinite"]))
with right:
    st.subheader(T("act_title", name=cfg.activation))
    show(activation_chart(cfg.activation, T("s_f"), T("s_df"), T("flat_zone")))

symmetric = probes.symmetric_layers(stats)
if symmetric and cfg.width > 1:
    st.subheader(T("sym_title"))
    st.info(T("sym_text", layers=len(symmetric), depth=cfg.depth, width=cfg.width),
            icon=":material/content_copy:")
    show(charts.layer_bars(stats, "distinct_units", T("layer"), T("distinct_axis")))

with st.expander(T("table_title")):
    st.dataframe(stats, hide_index=True)

st.subheader(T("why_title"))
st.markdown(T("why"))
