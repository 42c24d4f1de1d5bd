"""CNN arithmetic: output sizes, parameters, multiply-adds and receptive fields of a layer stack."""
import math

import pandas as pd
import streamlit as st

from playground import blocks, cnn
from ui import charts, entry, fragment, i18n, number, page, show, si
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


CHANNELS = (8, 16, 32, 64, 128, 256, 512, 1024, 2048)
SIZES = (1, 2, 4, 7, 14, 28, 56, 112)
KERNELS = (1, 3, 5, 7)
CLASSES = (2, 10, 100, 1000, 10_000)
RATIOS = (1, 2, 4, 8, 16, 32, 64)


def pct(share: float) -> str:
    return f"{number(100 * share, '.2g')}%"


def times(a: int, b: int) -> str:
    return number(a / b, ".3g")


def count(n: int) -> str:
    """A count in a sentence: "128 M" kept on one line."""
    return si(n).replace(" ", "\u00a0")


def shape(cost: blocks.Cost) -> str:
    """(C, H, W) as the page writes shapes: H × W × C."""
    c, h, w = cost.shape
    return f"{h} × {w} × {c}"


@st.cache_data(max_entries=64, show_spinner=False)
def parts_chart(bars: dict[str, dict[str, int]], rows: dict[str, str], parts: dict[str, str],
                x_title: str) -> charts.Figure:
    """Parameters of each variant (`rows`: its label) as a bar stacked from its parts."""
    frame = blocks.stacked(bars)
    frame["row"] = frame["row"].map(rows)
    return charts.decomposition(frame, parts, x_title, fmt=",d")


def compared(bars: dict[str, dict[str, int]], parts: dict[str, str]) -> None:
    show(parts_chart(bars, {k: T(f"s_{k}") for k in bars}, parts, T("s_params")))


def inception_tab(c: Controls) -> None:
    name, = c.row(lambda c: c.choice("cb_inc", T("bk_module"), tuple(blocks.GOOGLENET), "3a",
                                     help=T("bk_module_help")), columns=4)
    m = blocks.GOOGLENET[name]
    reduced, naive = blocks.inception(m), blocks.inception(m, reduce=False)
    k = st.columns(4)
    k[0].metric(T("bk_m_reduced"), f"{reduced.params:,}")
    k[1].metric(T("bk_m_naive"), f"{naive.params:,}")
    k[2].metric(T("bk_m_macs_reduced"), si(reduced.macs),
                help=T("m_macs_help", exact=f"{reduced.macs:,}"))
    k[3].metric(T("bk_m_inc_out"), shape(reduced))
    branches = {v: blocks.inception_branches(m, v == "reduced") for v in ("reduced", "naive")}
    compared({v: {b: cost.params for b, cost in parts.items()} for v, parts in branches.items()},
             {b: T(f"br_{b}") for b in blocks.BRANCHES})
    st.info(T("inc_verdict", name=name, inp=f"{m.size} × {m.size} × {m.c}",
              ratio_p=times(naive.params, reduced.params), ratio_m=times(naive.macs, reduced.macs),
              macs_r=count(reduced.macs), macs_n=count(naive.macs)), icon=":material/call_split:")
    st.markdown(T("inc_text", n1=m.n1, r3=m.r3, n3=m.n3, r5=m.r5, n5=m.n5, pool=m.pool))


def se_tab(c: Controls) -> None:
    ch, r, size = c.row(lambda c: c.levels("cb_sc", T("bk_channels"), CHANNELS, 256),
                        lambda c: c.levels("cb_sr", T("bk_ratio"), RATIOS, 16),
                        lambda c: c.levels("cb_ss", T("bk_size"), SIZES, 56), columns=4)
    se, conv = blocks.squeeze_excitation(ch, size, size, r), blocks.conv(ch, ch, 3, size, size)
    extra = blocks.se_resnet50_extra(r)
    k = st.columns(4)
    k[0].metric(T("bk_m_se"), f"{se.params:,}")
    k[1].metric(T("bk_m_conv"), f"{conv.params:,}")
    k[2].metric(T("bk_m_se_macs"), si(se.macs), help=T("m_macs_help", exact=f"{se.macs:,}"))
    k[3].metric(T("bk_m_hidden"), blocks.se_hidden(ch, r))
    compared({"conv": {"conv": conv.params}, "conv_se": {"conv": conv.params, "se": se.params}},
             {"conv": T("br_conv"), "se": T("br_se")})
    st.info(T("se_verdict", share_p=pct(se.params / conv.params),
              share_m=pct(se.macs / conv.macs), r=r, extra=f"{extra:,}",
              base=f"{blocks.RESNET50_PARAMS:,}", share_net=pct(extra / blocks.RESNET50_PARAMS)),
            icon=":material/tune:")
    st.markdown(T("se_text", ew=f"{size * size * ch:,}"))


@st.cache_data(max_entries=64, show_spinner=False)
def dense_chart(table: pd.DataFrame, lang: str) -> charts.Figure:
    return charts.grouped_bars(table, "layer", {"c_in": T("s_c_in"), "c_out": T("s_c_out")},
                               T("bk_layer_axis"), T("bk_channels_axis"))


def dense_tab(c: Controls) -> None:
    c0, n, k, size, neck = c.row(
        lambda c: c.slider("cb_dc", T("bk_c0"), 1, 512, 64),
        lambda c: c.slider("cb_dl", T("bk_layers"), 1, 48, 6),
        lambda c: c.slider("cb_dk", T("bk_growth"), 1, 64, 32),
        lambda c: c.levels("cb_ds", T("bk_size"), SIZES, 56),
        lambda c: c.toggle("cb_db", T("bk_bottleneck"), True, help=T("bk_bottleneck_help")),
        columns=5)
    table = blocks.dense_layers(c0, size, size, n, k, 4 if neck else 0)
    block = blocks.dense_block(c0, size, size, n, k, 4 if neck else 0)
    m = st.columns(4)
    m[0].metric(T("bk_m_params"), f"{block.params:,}")
    m[1].metric(T("bk_m_macs"), si(block.macs), help=T("m_macs_help", exact=f"{block.macs:,}"))
    m[2].metric(T("bk_m_out"), shape(block))
    show(dense_chart(table, i18n.lang()))
    st.info(T("dense_verdict", c0=c0, n=n, k=k, c=block.shape[0]),
            icon=":material/stacked_bar_chart:")
    st.markdown(T("dense_text"))


def head_tab(c: Controls) -> None:
    ch, size, n = c.row(lambda c: c.levels("cb_hc", T("bk_channels"), CHANNELS, 512),
                        lambda c: c.slider("cb_hs", T("bk_size"), 1, 32, 7),
                        lambda c: c.levels("cb_hn", T("bk_classes"), CLASSES, 1000), columns=4)
    flat = blocks.classifier_head(ch, size, size, n, pool=False)
    gap = blocks.classifier_head(ch, size, size, n)
    k = st.columns(4)
    k[0].metric(T("bk_m_flat"), f"{flat.params:,}")
    k[1].metric(T("bk_m_gap"), f"{gap.params:,}")
    compared({"flat": {"fc": flat.params}, "gap": {"fc": gap.params}}, {"fc": T("br_fc")})
    if size == 1:
        st.info(T("head_same", p=f"{gap.params:,}"), icon=":material/equal:")
    else:
        st.info(T("head_verdict", c=ch, size=size, hw=size * size,
                  ratio=times(flat.params, gap.params)), icon=":material/compress:")
    st.markdown(T("head_text"))


def merge_tab(c: Controls) -> None:
    ch, out, k, size = c.row(lambda c: c.levels("cb_mc", T("bk_branch"), CHANNELS, 256),
                             lambda c: c.levels("cb_mo", T("bk_next"), CHANNELS, 256),
                             lambda c: c.levels("cb_mk", T("bk_kernel"), KERNELS, 3),
                             lambda c: c.levels("cb_ms", T("bk_size"), SIZES, 28))
    add, cat = (blocks.merge(ch, size, size, how, out, k) for how in blocks.MERGES)
    m = st.columns(4)
    m[0].metric(T("bk_m_add"), f"{add.params:,}")
    m[1].metric(T("bk_m_concat"), f"{cat.params:,}")
    m[2].metric(T("bk_m_read"), f"{ch} / {2 * ch}")
    compared({"add": {"conv": add.params}, "concat": {"conv": cat.params}},
             {"conv": T("br_next")})
    st.info(T("merge_verdict", c=ch, c2=2 * ch, k=k, out=out, w_add=f"{add.params - out:,}",
              w_cat=f"{cat.params - out:,}", m_add=count(add.macs), m_cat=count(cat.macs)),
            icon=":material/merge:")
    st.markdown(T("merge_text"))


@fragment
def blocks_section() -> None:
    st.subheader(T("bk_title"))
    st.markdown(T("bk_lead"))
    notices = st.container()
    c = Controls()
    tabs = st.tabs([T(f"bk_tab_{n}") for n in ("inception", "se", "dense", "head", "merge")])
    for tab, make in zip(tabs, (inception_tab, se_tab, dense_tab, head_tab, merge_tab)):
        with tab:
            make(c)
    st.caption(T("bk_note"))
    with notices:
        c.report()


# an open lesson hides the totals in it
answer, (layers, h, w, ch, seed) = page.opening(T, "pages/cnn_arithmetic.py", controls)

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
    if preset.fields and shown == preset.stack and tuple(table["field"].iloc[1:]) == preset.fields:
        published.success(T("fields_match", fields=" → ".join(map(str, preset.fields))),
                          icon=":material/verified:")

st.subheader(T("table_title"))
st.dataframe(readable(table), hide_index=True, height=35 * (len(table) + 1) + 3)  # no scrolling
st.caption(T("table_note"))

blocks_section()

st.subheader(T("grids_title"))
specs = demo_specs(seed, i18n.lang())
for tab, name in zip(st.tabs([T(f"tab_{n}") for n in specs]), specs):
    with tab:
        st.markdown(T(f"{name}_text"))
        for spec in specs[name]:
            show(spec)

page.footer(T)
