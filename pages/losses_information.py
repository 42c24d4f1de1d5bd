"""Losses & information: entropy, cross-entropy and KL; cross-entropy vs squared error; softmax overflow."""
import numpy as np
import pandas as pd
import streamlit as st

from playground import info
from ui import charts, entry, i18n, number, page, show, side_by_side
from ui.controls import Controls
from ui.echo import literal
from ui.text import losses_information as text

entry.required()

T = i18n.translator(text)
P, Q, LOGITS = "5, 3, 1, 1", "1, 1, 1, 1", "3, 1, -2"
SCALES = (1, 3, 10, 30, 100, 300, 1000, 3000, 10000)
DTYPES = {"float32": np.float32, "float64": np.float64}
MAX_LOGIT = 1e6  # times the largest scale still finite in float32: 1e308 × 10 would be inf
Z = np.linspace(-10, 10, 241)


def numbers(field: str, default: str, weights: bool):
    """A parser for Controls.text: the numbers of the field, or the default's with a notice
    (first: only the first few notices are shown)."""
    def parse(raw: str) -> tuple[np.ndarray, list[str]]:
        x, problems = info.parse_numbers(raw, nonnegative=weights)
        notes = [T(f"bad_{p.reason}", token=literal(p.token), field=field) for p in problems]
        if not weights:
            notes += [T("bad_large", token=f"{v:g}", field=field, limit=f"{MAX_LOGIT:g}")
                      for v in x[np.abs(x) > MAX_LOGIT]]
            x = x[np.abs(x) <= MAX_LOGIT]
        if x.size < 2 or (weights and not x.max() > 0):  # no sum: 1e308 + 1e308 overflows
            notes.insert(0, T("bad_few" if x.size < 2 else "bad_zero", field=field,
                              default=default))
            x = info.parse_numbers(default)[0]
        return x, notes
    return parse


def controls(c: Controls):
    c.where.subheader(T("c_dist"))
    p = c.text("li_p", T("p"), P, numbers("p", P, True), help=T("weights_help"))
    q = c.text("li_q", T("q"), Q, numbers("q", Q, True), help=T("weights_help"))
    mix = c.slider("li_mix", T("mix"), 0, 100, 0, step=5, format="%d %%", help=T("mix_help"))
    c.where.subheader(T("c_sig"))
    y = int(c.choice("li_y", T("target"), ("1", "0"), "1"))
    z0 = c.slider("li_z", T("z0"), -10, 10, -6)
    c.where.subheader(T("c_soft"))
    x = c.text("li_x", T("logits"), LOGITS, numbers("logits", LOGITS, False),
               help=T("logits_help"))
    scale = c.levels("li_s", T("scale"), SCALES, 1)
    dtype = c.choice("li_dt", T("dtype"), tuple(DTYPES), "float32")
    if len(p) != len(q):
        n = min(len(p), len(q))
        c.notes.append(T("bad_length", np=len(p), nq=len(q), n=n))
        p, q = p[:n], q[:n]
        if not (p.max() > 0 and q.max() > 0):  # the cut kept only the zeros of one of them
            c.notes.append(T("bad_cut", n=n, field="p" if not p.max() > 0 else "q", p=P, q=Q))
            p, q = info.parse_numbers(P)[0], info.parse_numbers(Q)[0]
    p = info.normalize(p)
    q = (1 - mix / 100) * info.normalize(q) + mix / 100 * p
    return p, q, y, z0, x * scale, DTYPES[dtype]


def fmt(v: float) -> str:
    return number(v, ".4f")


def distributions(p: np.ndarray, q: np.ndarray) -> None:
    st.subheader(T("dist_title"))
    st.caption(T("normalised", p=", ".join(f"{v:.3f}" for v in p),
                 q=", ".join(f"{v:.3f}" for v in q)))
    hp, hq = info.entropy(p), info.entropy(q)
    hpq = info.cross_entropy(p, q)
    kl, klqp = info.kl_divergence(p, q), info.kl_divergence(q, p)
    left, right = st.columns(2)
    with left:
        cats = pd.DataFrame({"k": np.arange(1, len(p) + 1), "p": p, "q": q})
        show(charts.grouped_bars(cats, "k", {"p": T("s_p"), "q": T("s_q")}, T("category"),
                                 T("probability")))
    with right:
        rows = pd.DataFrame({"row": [T("row_pq")] * 2 + [T("row_qp")] * 2,
                             "part": ["h", "kl"] * 2, "value": [hp, kl, hq, klqp]})
        show(charts.decomposition(rows, {"h": T("part_h"), "kl": T("part_kl")}, T("nats")))
    m = st.columns(5)
    for col, label, v in zip(m, ("m_hp", "m_hq", "m_hpq", "m_kl", "m_klqp"),
                             (hp, hq, hpq, kl, klqp)):
        col.metric(T(label), fmt(v))
    st.markdown(T("identity", hpq=fmt(hpq), hp=fmt(hp), kl=fmt(kl), klqp=fmt(klqp)))
    note = st.container()  # always there, so the charts below keep their place between reruns
    if not np.isfinite(kl) or not np.isfinite(klqp):
        note.warning(T("kl_inf"), icon=":material/all_inclusive:")
    elif kl == 0:
        note.success(T("kl_zero"), icon=":material/check_circle:")


@st.cache_data(max_entries=128, show_spinner=False)
def loss_charts(y: int, z0: float, lang: str) -> tuple[dict, dict]:
    """Loss and gradient curves against z: they depend only on the target, the marker and the
    language (`lang` keys the cache), so moving any other control reuses them."""
    curve = info.sigmoid_losses(y, Z)
    zone = info.confidently_wrong(y, Z[0], Z[-1])
    names = (T("s_bce"), T("s_mse"))

    def chart(cols: tuple[str, str], axis: str) -> dict:
        return charts.marked_curves(curve[["z", *cols]], dict(zip(cols, names)),
                                    T("z_axis"), T(axis), z0, zone, T("wrong_zone"))
    return chart(("bce", "mse"), "loss_axis"), chart(("d_bce", "d_mse"), "grad_axis")


def sigmoid_losses(y: int, z0: float) -> None:
    st.subheader(T("ce_title"))
    st.markdown(T("ce_lead"))
    at = info.sigmoid_losses(y, [z0]).iloc[0]
    values = dict(z=z0, y=y, a=number(at["a"], ".4f"), dce=number(at["d_bce"], ".4f"),
                  dmse=number(at["d_mse"], ".2e"))
    if abs(at["a"] - y) > 0.9:
        st.warning(T("verdict_wrong", ratio=number(at["d_bce"] / at["d_mse"], ",.0f"), **values),
                   icon=":material/trending_flat:")
    else:
        st.info(T("verdict_ok", **values), icon=":material/insights:")
    m = st.columns(3)
    m[0].metric(T("m_a"), values["a"])
    m[1].metric(T("m_dce"), values["dce"])
    m[2].metric(T("m_dmse"), values["dmse"])
    loss, grad = loss_charts(y, z0, i18n.lang())
    side_by_side((T("loss_title"), loss), (T("grad_title"), grad))


def softmax(x: np.ndarray, dtype) -> None:
    st.subheader(T("soft_title"))
    table = info.softmax_table(x, dtype)
    name = np.dtype(dtype).name
    st.markdown(T("soft_lead", limit=f"{info.overflow_threshold(dtype):.1f}", dtype=name,
                  top=f"{table['x'].max():g}"))
    naive = table["naive"]
    if not np.isfinite(naive).all():
        st.error(T("soft_broken", what=T("what_nan")), icon=":material/error:")
    elif naive.sum() == 0:  # no exp overflowed, but their sum did: x / inf = 0
        st.error(T("soft_broken", what=T("what_zero")), icon=":material/error:")
    else:
        st.info(T("soft_fine"), icon=":material/check_circle:")
    left, right = st.columns([1, 2])
    with left:
        st.metric(T("m_lse_naive"), number(info.naive_logsumexp(x, dtype), ".6g"))
        st.metric(T("m_lse_stable"), number(info.logsumexp(x, dtype), ".6g"))
    with right:
        st.markdown(f"**{T('stable_title')}**")
        show(charts.grouped_bars(table[["i", "stable"]], "i", {"stable": T("col_stable")},
                                 T("col_i"), T("probability")))
    # spelled out as text: inf and NaN are the result, not a rendering problem
    shown = pd.DataFrame({T("col_i"): table["i"]} | {
        T(f"col_{c}"): [number(v, ".6g") for v in table[k]]
        for c, k in (("x", "x"), ("exp", "exp_x"), ("naive", "naive"),
                     ("stable", "stable"), ("log", "log_softmax"))})
    st.dataframe(shown, hide_index=True)

_, (p, q, y, z0, x, dtype) = page.opening(T, "pages/losses_information.py", controls)

distributions(p, q)
sigmoid_losses(y, z0)
softmax(x, dtype)

page.footer(T)
