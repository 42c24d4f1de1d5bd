"""CNN arithmetic: output sizes, parameters, multiply-adds and receptive fields of a layer stack."""
import math

import pandas as pd
import streamlit as st

from playground import cnn
from ui import charts, entry, i18n, number, page, show, si
from ui.controls import Controls
from ui.echo import literal
from ui.text import cnn_arithmetic as text

entry.required()

T = i18n.translator(text)
DEFAULT = cnn.PRESETS["alexnet"]
INPUT_KEYS = ("cnn_h", "cnn_w", "cnn_c")


def load_preset() -> None:
    """Write the chosen preset into the stack and input widgets, then clear the choice."""
    preset = cnn.PRESETS[st.session_state["cnn_preset"]]
    st.session_state["cnn_preset"] = None
    st.session_state["cnn"] = preset.stack
    for key, v in zip(INPUT_KEYS, (preset.height, preset.width, preset.channels)):
        st.session_state[key] = v


def parse(raw: str) -> tuple[tuple[cnn.Layer, ...], list[str]]:
    """A parser for Controls.text: the stack's layers, or the default's with a notice (first:
    only the first few notices are shown)."""
    layers, problems = cnn.parse_stack(raw)
    notes = [T(f"bad_{p.reason}", token=literal(p.token)) for p in problems]
    if not layers:
        notes.insert(0, T("bad_empty", default=DEFAULT.stack))
        layers = cnn.parse_stack(DEFAULT.stack)[0]
    return tuple(layers), notes


def controls(c: Controls):
    c.where.subheader(T("c_input"))
    h = c.slider("cnn_h", T("height"), 1, 512, DEFAULT.height)
    w = c.slider("cnn_w", T("width"), 1, 512, DEFAULT.width)
    ch = c.slider("cnn_c", T("channels"), 1, 512, DEFAULT.channels)
    c.where.subheader(T("c_stack"))
    c.where.selectbox(T("preset"), list(cnn.PRESETS), index=None, key="cnn_preset",
                      format_func=lambda k: T(f"preset_{k}"),
                      placeholder=T("preset_placeholder"), on_change=load_preset)
    layers = c.text("cnn", T("stack"), DEFAULT.stack, parse, help=T("stack_help"))
    c.where.caption(T("grammar"))
    c.where.subheader(T("c_grid"))
    seed = c.seed("cnn_seed", T("seed"))
    return layers, h, w, ch, seed


@st.cache_data(max_entries=64, show_spinner=False)
def analyze(layers: tuple[cnn.Layer, ...], h: int, w: int, ch: int) -> cnn.StackResult:
    return cnn.analyze(list(layers), h, w, ch)


@st.cache_data(max_entries=32, show_spinner=False)
def demo_specs(seed: int, lang: str) -> dict[str, list[dict]]:
    """The small torch grids as chart specs: they depend only on the seed and the language."""
    conv, dil, tr = cnn.conv_demo(seed), cnn.dilated_demo(seed), cnn.transposed_demo(seed)
    mx, avg = cnn.pool_demo(seed, "max"), cnn.pool_demo(seed, "avg")
    io = (T("g_input"), T("g_kernel"), T("g_output"))
    return {
        "conv": [charts.grids(list(zip(io, (conv.x, conv.kernel, conv.y))))],
        "pool": [charts.grids([(T("g_input"), mx.x), (T("g_max"), mx.y)]),
                 charts.grids([(T("g_grad_out"), mx.grad_y), (T("g_max_back"), mx.grad_x)]),
                 charts.grids([(T("g_grad_out"), avg.grad_y), (T("g_avg_back"), avg.grad_x)])],
        "dilated": [charts.grids(list(zip(io, (dil.x, dil.kernel, dil.y))))],
        "transposed": [charts.grids(list(zip(io, (tr.x, tr.kernel, tr.y))))],
    }


def readable(table: pd.DataFrame) -> pd.DataFrame:
    """The per-layer table with translated headers and kinds; fc fields spelled out."""
    return pd.DataFrame({
        T("col_layer"): table["layer"],
        T("col_kind"): [T(f"kind_{k}") for k in table["kind"]],
        T("col_spec"): table["spec"],
        T("col_h"): table["h"], T("col_w"): table["w"], T("col_c"): table["c"],
        T("col_params"): table["params"], T("col_macs"): table["macs"],
        T("col_field"): [T("whole_input") if pd.isna(f) else f"{int(f)}" for f in table["field"]],
        T("col_jump"): ["—" if math.isnan(j) else f"{j:g}" for j in table["jump"]],
    })


answer = page.header(T, "pages/cnn_arithmetic.py")  # an open lesson hides the totals in it
c = Controls()
layers, h, w, ch, seed = controls(c)
c.report()

result = analyze(layers, h, w, ch)
table = result.table
# Notices go into containers that always exist: an element appearing or vanishing above the
# charts would shift them, and the browser would redraw them from scratch.
stopped = st.container()
if result.stopped:
    stopped.warning(T("stopped", token=result.stopped.token), icon=":material/crop:")

left, right = st.columns(2)
with left:
    st.subheader(T("profile_title"))
    sizes = {"h": T("s_h")} | ({"w": T("s_w")} if (table["h"] != table["w"]).any() else {})
    show(charts.stack_profile(table, sizes | {"field": T("s_field")}, T("layer_axis"),
                              T("px_axis")))
with right:
    st.subheader(T("cost_title"))
    show(charts.grouped_bars(table[table["layer"] > 0], "layer",
                             {"params": T("s_params"), "macs": T("s_macs")},
                             T("layer_axis"), T("count_axis"), log=True))

last = table.iloc[-1]
params, macs = int(table["params"].sum()), int(table["macs"].sum())
m = (answer or st).columns(4)
m[0].metric(T("m_params"), f"{params:,}")
# in full, VGG-16's 15,470,264,320 was cut at 1280 px: the exact count in the help
m[1].metric(T("m_macs"), si(macs), help=T("m_macs_help", exact=f"{macs:,}"))
m[2].metric(T("m_out"), f"{last['h']} × {last['w']} × {last['c']}")
m[3].metric(T("m_field"), T("whole_input") if pd.isna(last["field"]) else f"{int(last['field'])}")
st.caption(T("macs_note", gmacs=number(macs / 1e9, ".3f"), gflops=number(2 * macs / 1e9, ".3f")))
shown = cnn.format_stack(list(layers))
published = st.container()
for preset in cnn.PRESETS.values():
    if preset.params and shown == preset.stack and (h, w, ch) == (preset.height, preset.width,
                                                                   preset.channels):
        published.success(T("published", total=f"{preset.params:,}", source=preset.source),
                          icon=":material/verified:")

st.subheader(T("table_title"))
st.dataframe(readable(table), hide_index=True, height=35 * (len(table) + 1) + 3)  # no scrolling
st.caption(T("table_note"))

st.subheader(T("grids_title"))
specs = demo_specs(seed, i18n.lang())
for tab, name in zip(st.tabs([T(f"tab_{n}") for n in specs]), specs):
    with tab:
        st.markdown(T(f"{name}_text"))
        for spec in specs[name]:
            show(spec)

page.footer(T)
