"""Gradient flow: how depth, initialization and activation make gradients vanish or explode."""
import dataclasses

import streamlit as st

from playground import activations, data, inits, nets, probes
from ui import charts, entry, export_script, i18n, number, page, show, span, train_controls
from ui.controls import Controls, option_label
from ui.text import gradient_flow as text

entry.required()

T = i18n.translator(text)
WIDTHS = (1, 2, 4, 8, 16, 32, 64, 128, 256, 512)
SCALES = (0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 0.8, 1.0, 1.25, 1.5, 2.0, 3.0, 5.0, 10.0)
BATCHES = (2, 4, 8, 16, 32, 64, 128, 256, 512, 1024)
# Below this norm layer 1's weight gradient is too small to learn from: a step even at learning
# rate 1 moves W₁ by less. ReLU with He init, 30 layers, gives layer 1 0.02 at width 64 (4·10⁻⁴
# at width 16); with Glorot init every layer gets about 10⁻⁶.
USABLE = 1e-4


def controls(c: Controls) -> tuple[nets.NetConfig, int, nets.NetConfig | None]:
    """Network A, the batch, and network B (None unless comparing)."""
    c.where.subheader(T("controls"))
    depth = c.slider("depth", T("depth"), 1, 50, 10)
    width = c.levels("width", T("width"), WIDTHS, 64)
    act = c.choice("act", T("activation"), activations.ACTIVATIONS, "sigmoid")
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
    return cfg, batch, compare(c, cfg)


def judged(stats) -> probes.Verdict:
    """The engine's verdict on the ratio of layer 1's gradient to the last layer's, and on its
    size: a gradient can keep its size from layer to layer and still be tiny in all of them."""
    verdict = probes.gradient_verdict(stats)
    if verdict.kind == "stable" and stats["grad_norm"].iloc[0] < USABLE:
        return dataclasses.replace(verdict, kind="tiny")
    return verdict


def said(verdict: probes.Verdict, stats, depth: int) -> str:
    """The verdict in words."""
    return T(f"verdict_{verdict.kind}", ratio=verdict.ratio, depth=depth, layer=verdict.layer,
             size=stats["grad_norm"].iloc[0], usable=f"{USABLE:.0e}".replace("e-0", "e-"))


def ratio(verdict: probes.Verdict) -> str:
    """The ratio metric; with every gradient 0 (zero initialization) it is 0/0, in words."""
    return T("ratio_undefined") if verdict.kind == "zero" else number(verdict.ratio, ".2e")


BOXES = {"stable": "success", "tiny": "warning", "vanishing": "warning", "exploding": "warning",
         "zero": "error", "overflow": "error"}  # verdict kind -> the box that shows it


def compare(c: Controls, cfg: nets.NetConfig) -> nets.NetConfig | None:
    """The A/B switch and B's versions of the controls a teacher varies; B shares A's width,
    data and seed. None when off."""
    if not train_controls.compare_toggle(c, T):
        return None
    follow = train_controls.follow
    chosen = {"depth": follow(c, "b_depth", T("depth"), tuple(range(1, 51))),
              "activation": follow(c, "b_act", T("activation"), activations.ACTIVATIONS),
              "init": follow(c, "b_init", T("init"), inits.INITIALIZERS)}
    init = cfg.init if chosen["init"] == train_controls.SAME else chosen["init"]
    chosen |= {"init_scale": follow(c, "b_scale", T("scale"), SCALES,
                                    disabled=init not in inits.SCALED),
               "norm": follow(c, "b_norm", T("norm"), nets.NORMS),
               "residual": follow(c, "b_res", T("residual"), (False, True))}
    return train_controls.b_config((cfg,), chosen)[0]


B_LABELS = {"depth": "depth", "activation": "activation", "init": "init",
            "init_scale": "scale", "norm": "norm", "residual": "residual"}


def both(stats, stats_b, series: dict[str, str]):
    """(frame, series) of a per-layer chart: A's alone, or A's and B's overlaid."""
    if stats_b is None:
        return stats, series
    frame = charts.overlay(stats, stats_b, "layer", list(series))
    return frame, {f"{w}_{col}": T("ab_series", who=w.upper(), what=label)
                   for w in "ab" for col, label in series.items()}


def summary_b(cfg: nets.NetConfig, cfg_b: nets.NetConfig, stats_b) -> None:
    """What B changes, B's verdict and B's numbers, under A's."""
    st.caption(train_controls.differences(
        (cfg,), (cfg_b,), {f: T(k) for f, k in B_LABELS.items()}, T))
    verdict_b, tag = judged(stats_b), T("ab_tag", who="B")
    getattr(st, BOXES[verdict_b.kind])(tag + said(verdict_b, stats_b, cfg_b.depth),
                                       icon=":material/compare_arrows:")
    m = st.columns(4)
    m[0].metric(tag + T("m_loss"), number(stats_b.attrs["loss"], ".4g"))
    m[1].metric(tag + T("m_ratio"), ratio(verdict_b))
    m[2].metric(tag + T("m_saturated"), f"{stats_b['act_saturated'].mean():.0%}")
    m[3].metric(tag + T("m_dead"), f"{stats_b['act_dead'].mean():.0%}")


@st.cache_data(max_entries=64, show_spinner=False)
def probe(cfg: nets.NetConfig, batch: int):
    """One forward and backward pass of a fresh network on a batch of the circle data."""
    X, y = data.make_dataset("circle", n=batch, noise=0.1, seed=cfg.seed)
    model = nets.build_mlp(cfg)
    return probes.layer_stats(model, X, y), probes.activation_histograms(model, X)


@st.cache_data(max_entries=64, show_spinner=False)
def activation_chart(name: str, f: str, df: str, zone: str) -> dict:
    """f and f' with the flat zones shaded: depends only on the activation and the labels."""
    return charts.activation_curve(activations.curve(name), activations.flat_zones(name),
                                   {"value": f, "derivative": df}, "z", zone)


def profile(stats, stats_b, series: dict[str, str], axis: str, per_side: int) -> None:
    """A per-layer chart (A's, or A's and B's) on a log axis, or on a linear one when every
    value is exactly 0 (zero initialization), which a log axis would leave an empty chart."""
    frame, shown = both(stats, stats_b, series)
    zero = charts.zeros_only(frame, list(shown))
    show(charts.layer_profile(frame, shown, T("layer"), T(axis + "_lin" if zero else axis),
                              log=not zero, ab=0 if stats_b is None else per_side))
    if zero:
        st.caption(T("all_zero"))
    else:
        missing(stats, list(series), stats_b)


def missing(stats, cols: list[str], stats_b=None) -> None:
    """Say which layers a log-axis chart had to leave out (of A and B when comparing)."""
    for who, frame in (("", stats),) if stats_b is None else (("A", stats), ("B", stats_b)):
        if layers := charts.unplottable(frame, cols):
            tag = T("ab_tag", who=who) if who else ""
            st.caption(tag + T("log_missing", layers=span(layers)))


# an open lesson hides the verdict in `answer`
answer, (cfg, batch, cfg_b) = page.opening(T, "pages/gradient_flow.py", controls)
export_script.gradient_flow_button(cfg, batch)

with st.spinner(T("computing")):
    stats, hist = probe(cfg, batch)
    stats_b, hist_b = (None, None) if cfg_b is None else probe(cfg_b, batch)
verdict = judged(stats)

here = answer or st.container()
getattr(here, BOXES[verdict.kind])((T("ab_tag", who="A") if cfg_b else "")
                                   + said(verdict, stats, cfg.depth), icon=":material/insights:")

# the two charts that answer the question first, the numbers under them
left, right = st.columns(2)
with left:
    st.subheader(T("std_title"))
    profile(stats, stats_b, {"act_std": T("s_act_std")}, "std_axis", 1)
with right:
    st.subheader(T("grad_title"))
    profile(stats, stats_b, {"grad_norm": T("s_grad_w"), "act_grad_norm": T("s_grad_h")},
            "grad_axis", 2)

m = st.columns(4 if answer is None else 3)
m[0].metric(T("m_loss"), number(stats.attrs["loss"], ".4g"))
(answer or m[1]).metric(T("m_ratio"), ratio(verdict))
m[-2].metric(T("m_saturated"), f"{stats['act_saturated'].mean():.0%}")
m[-1].metric(T("m_dead"), f"{stats['act_dead'].mean():.0%}")
st.caption(T("seed_note", seed=cfg.seed, batch=batch))
if cfg_b is not None:
    summary_b(cfg, cfg_b, stats_b)

left, right = st.columns(2)
with left:
    st.subheader((T("ab_tag", who="A") if cfg_b else "") + T("dist_title"))
    show(charts.distributions(hist, T("value"), T("density"), T("layer")))
    if hist.attrs["nonfinite"] > 0:
        st.caption(T("dist_nonfinite", share=hist.attrs["nonfinite"]))
with right:
    st.subheader(T("act_title", name=option_label(cfg.activation)))
    show(activation_chart(cfg.activation, T("s_f"), T("s_df"), T("flat_zone")))
if cfg_b is not None:
    left, right = st.columns(2)
    with left:
        st.subheader(T("ab_tag", who="B") + T("dist_title"))
        show(charts.distributions(hist_b, T("value"), T("density"), T("layer")))
        if hist_b.attrs["nonfinite"] > 0:
            st.caption(T("dist_nonfinite", share=hist_b.attrs["nonfinite"]))
    if cfg_b.activation != cfg.activation:
        with right:
            st.subheader(T("act_title", name=option_label(cfg_b.activation)))
            show(activation_chart(cfg_b.activation, T("s_f"), T("s_df"), T("flat_zone")))

symmetric = probes.symmetric_layers(stats)
if symmetric and cfg.width > 1:
    st.subheader(T("sym_title"))
    st.info(T("sym_text", layers=len(symmetric), depth=cfg.depth, width=cfg.width),
            icon=":material/content_copy:")
    show(charts.layer_bars(stats, "distinct_units", T("layer"), T("distinct_axis")))

with st.expander(T("table_title")):
    st.dataframe(stats, hide_index=True)
    if stats_b is not None:
        st.caption(T("ab_table"))
        st.dataframe(stats_b, hide_index=True)

page.footer(T)
