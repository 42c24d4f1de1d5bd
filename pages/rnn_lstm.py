"""RNN vs LSTM: how far back a gradient reaches through a tanh RNN, an LSTM and a GRU; clipping."""
import math
from dataclasses import replace

import numpy as np
import streamlit as st

from playground import recurrent
from playground.recurrent import SeqConfig
from ui import charts, entry, i18n, number, page, show
from ui.controls import Controls
from ui.text import rnn_lstm as text

entry.required()

T = i18n.translator(text)
HIDDEN = (4, 8, 16, 32, 64, 128)
SCALES = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0)
CLIPS = (0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0, 1000.0)
NAMES = {"rnn": "RNN (tanh)", "lstm": "LSTM", "gru": "GRU"}


def controls(c: Controls) -> tuple[SeqConfig, float]:
    d = SeqConfig()
    c.where.subheader(T("c_seq"))
    length = c.slider("rl_t", T("length"), 5, 200, d.length)
    hidden = c.levels("rl_h", T("hidden"), HIDDEN, d.hidden)
    scale = c.levels("rl_x", T("scale"), SCALES, d.scale, help=T("scale_help"))
    c.where.subheader(T("c_cells"))
    radius = c.real("rl_rho", T("radius"), 0.1, 2.5, d.radius, 0.05, help=T("radius_help"))
    forget = c.real("rl_fb", T("forget"), -3.0, 8.0, d.forget_bias, 0.5, help=T("forget_help"))
    update = c.real("rl_zb", T("update"), -3.0, 8.0, d.update_bias, 0.5, help=T("update_help"))
    c.where.subheader(T("c_clip"))
    clip = c.levels("rl_clip", T("clip"), CLIPS, 10.0)
    seed = c.seed("rl_seed", T("seed"))
    return SeqConfig(length=length, hidden=hidden, radius=radius, forget_bias=forget,
                     update_bias=update, scale=scale, seed=seed), clip


@st.cache_data(max_entries=256, show_spinner=False)
def measure(kind: str, cfg: SeqConfig) -> recurrent.Backprop:
    """One cell's backward pass; `cfg` comes through `for_cell`, so another cell's slider hits."""
    return recurrent.backprop(kind, cfg)


@st.cache_data(max_entries=64, show_spinner=False)
def sweep(cfg: SeqConfig):
    """The RNN's gradient norm over the radius sweep: cfg's knobs of the cells play no part,
    so they are keyed at their defaults."""
    return recurrent.radius_sweep(cfg)


def reach(runs: dict[str, recurrent.Backprop], cfg: SeqConfig) -> None:
    st.subheader(T("steps_title"))
    bad = [k for k, b in runs.items() if recurrent.state(b.reach) == "nonfinite"]
    show(charts.lines(recurrent.by_step(runs), "back", {k: NAMES[k] for k in runs}, T("back"),
                      T("grad_axis"), log=True))
    st.caption(T("setup", features=recurrent.FEATURES,
                 scale=f"{cfg.scale:g}", seed=cfg.seed))
    m = st.columns(3)
    for col, (k, b) in zip(m, runs.items()):
        col.metric(T("m_reach", cell=NAMES[k]), number(b.reach, ".2e"))
    values = {k: number(b.reach, ".1e") for k, b in runs.items()}
    states = {f"{k}_state": T("st_" + recurrent.state(b.reach)) for k, b in runs.items()}
    st.info(T("verdict", k=cfg.length - 1, guide=number(cfg.radius ** (cfg.length - 1), ".1e"),
              **values, **states), icon=":material/timeline:")
    if bad:
        st.error(T("nonfinite", cells=", ".join(NAMES[k] for k in bad)), icon=":material/error:")


def clipping(rnn: recurrent.Backprop, table, cfg: SeqConfig, clip: float) -> None:
    st.subheader(T("clip_title"))
    st.markdown(T("clip_lead"))
    table = recurrent.with_clipping(table, clip)
    show(charts.marked_lines(table, "radius", {"grad_norm": T("s_raw"),
                                               "clipped": T("s_clipped", c=f"{clip:g}")},
                             T("radius_axis"), T("norm_axis"), cfg.radius))
    if not np.isfinite(table["grad_norm"]).all():
        st.caption(T("sweep_nonfinite"))
    s = recurrent.clipping(rnn.grad, clip)
    m = st.columns(3)
    m[0].metric(T("m_raw", rho=f"{cfg.radius:g}"), number(s.norm, ".3g"))
    m[1].metric(T("m_clipped"), number(s.clipped, ".3g"))
    m[2].metric(T("m_cos"), number(s.cosine, ".6f"))
    args = dict(rho=f"{cfg.radius:g}", raw=number(s.norm, ".3g"), c=f"{clip:g}")
    if math.isnan(s.clipped):  # the gradient overflowed
        st.error(T("clip_nonfinite", rho=args["rho"]), icon=":material/error:")
    elif s.factor < 1:
        st.warning(T("clip_on", factor=number(s.factor, ".3g"), cos=number(s.cosine, ".6f"),
                     **args), icon=":material/content_cut:")
    else:
        st.info(T("clip_off", **args), icon=":material/check_circle:")


_, (cfg, clip) = page.opening(T, "pages/rnn_lstm.py", controls)

with st.spinner(T("computing")):
    runs = {k: measure(k, recurrent.for_cell(cfg, k)) for k in recurrent.CELLS}
    swept = sweep(replace(recurrent.for_cell(cfg, "rnn"), radius=SeqConfig.radius))
reach(runs, cfg)
clipping(runs["rnn"], swept, cfg, clip)

page.footer(T)
