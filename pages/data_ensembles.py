"""Data & ensembles: bagging on bootstrap samples against dropout, data augmentation against the
train/test gap, and a rare class (accuracy, balanced accuracy, a weighted loss, a threshold)."""
import pandas as pd
import streamlit as st

from playground import augment as ag
from playground import ensembles as en
from playground import imbalance as im
from ui import charts, entry, fragment, i18n, number, page, show, side_by_side
from ui.controls import Controls
from ui.text import data_ensembles as text

entry.required()

T = i18n.translator(text)
MEMBERS = (2, 25, 10)  # the slider's low, high and default
DRAWS = 10_000         # bootstrap samples of the share check
JITTERS = (0.0, 0.02, 0.05, 0.1, 0.2)
THRESHOLDS = (0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7)
# a smaller fall of test accuracy is read as no change: on 1,000 test points one standard
# error of an accuracy near 85 % is about 1.1 points
WORSE = 0.03


def pct(x: float, digits: int = 1) -> str:
    return number(x, f".{digits}%")


def controls(c: Controls) -> int:
    """What every section shares (a change reruns the whole page); the rest sits in its section."""
    c.where.subheader(T("c_shared"))
    return c.seed("de_seed", T("seed"))


@st.cache_data(max_entries=32, show_spinner=False)
def bagged(k: int, p: float, seed: int) -> en.Bagging:
    return en.bagging(k, p, seed)


@st.cache_data(max_entries=8, show_spinner=False)
def share_check(n: int, seed: int) -> tuple[float, float]:
    return en.sampled_unique_share(n, DRAWS, seed)


@st.cache_data(max_entries=32, show_spinner=False)
def augmented(dataset: str, jitter: float, angle: int, reflect: bool,
              seed: int) -> ag.Augmentation:
    return ag.augmentation(dataset, jitter, angle, reflect, seed)


@st.cache_data(max_entries=32, show_spinner=False)
def rare(share: float, seed: int) -> im.Imbalance:
    return im.imbalance(share, seed)


@st.cache_data(max_entries=32, show_spinner=False)
def bagging_maps(k: int, p: float, seed: int, lang: str) -> tuple[dict, dict]:
    """The members' boundaries over their average's map, and the dropout network's map."""
    b = bagged(k, p, seed)
    points = en.points_frame(*b.train, T("s_train"))
    members = charts.decision_boundary(
        b.plane.frame(b.average), points, "binary", T("x1"), T("x2"), T("value"),
        lines=b.lines(T("s_member"), T("s_average")),
        styles=((T("s_member"), "faint"), (T("s_average"), "bold")))
    lines = pd.concat([b.plane.boundary(b.single_map).assign(series=T("s_nodrop")),
                       b.plane.boundary(b.dropout_map).assign(series=T("s_dropout"))],
                      ignore_index=True)
    dropout = charts.decision_boundary(
        b.plane.frame(b.dropout_map), points, "binary", T("x1"), T("x2"), T("value"),
        lines=lines, styles=((T("s_nodrop"), "faint"), (T("s_dropout"), "bold")))
    return members, dropout


@st.cache_data(max_entries=32, show_spinner=False)
def bagging_curve(k: int, p: float, seed: int, lang: str) -> dict:
    """Test accuracy of the average of members 1..k and of member k alone, against k; the
    network on all points and the dropout network as dashed levels."""
    b = bagged(k, p, seed)
    table, y = b.table(), b.test[1]
    ends = [1, k]
    flat = {key: en.accuracy(y, z > 0) for key, z in (("single", b.test_single),
                                                      ("dropout", b.test_dropout))}
    frame = pd.concat(
        [pd.DataFrame({"key": "running", "x": table["k"], "y": table["ensemble"]}),
         pd.DataFrame({"key": "each", "x": table["k"], "y": table["member"]})]
        + [pd.DataFrame({"key": key, "x": ends, "y": [v, v]}) for key, v in flat.items()],
        ignore_index=True)
    series = {"running": T("s_running"), "each": T("s_each"), "single": T("s_single"),
              "dropout": T("s_drop")}
    return charts.xy_curves(frame, series, T("k_axis"), T("acc_axis"), points=("each",),
                            dashed=("single", "dropout"), whole_x=True)


@st.cache_data(max_entries=32, show_spinner=False)
def augmentation_charts(dataset: str, jitter: float, angle: int, reflect: bool, copies: int,
                        seed: int, lang: str) -> tuple[dict, dict, dict]:
    """The maps without copies and with `copies` of each point, and both accuracies against
    the number of points trained on."""
    a = augmented(dataset, jitter, angle, reflect, seed)
    maps = [charts.decision_boundary(a.plane.frame(a.map_of(c)),
                                     a.points(c, T("s_original"), T("s_copy")), "binary",
                                     T("x1"), T("x2"), T("value")) for c in (0, copies)]
    series = {"accuracy": T("s_acc_train"), "test_accuracy": T("s_acc_test")}
    frame = a.table.melt(id_vars="points", value_vars=list(series), var_name="key",
                         value_name="y").rename(columns={"points": "x"})
    return maps[0], maps[1], charts.xy_curves(frame, series, T("points_axis"), T("acc_both"),
                                              log_x=True)


@st.cache_data(max_entries=32, show_spinner=False)
def imbalance_charts(share: float, t: float, seed: int, lang: str) -> tuple[dict, dict]:
    """The plain network's map with three boundaries, and the four variants' scores as bars."""
    r = rare(share, seed)
    lines = pd.concat([r.plane.boundary(r.plain_map).assign(series=T("s_plain")),
                       r.plane.boundary(r.plain_map, t).assign(series=T("s_moved")),
                       r.plane.boundary(r.weighted_map).assign(series=T("s_weighted"))],
                      ignore_index=True)
    boundary = charts.decision_boundary(
        r.plane.frame(r.plain_map), en.points_frame(*r.train, T("s_train")), "binary",
        T("x1"), T("x2"), T("value"), lines=lines,
        styles=((T("s_plain"), "bold"), (T("s_moved"), "violet"), (T("s_weighted"), "teal")))
    names = {"plain": T("v_plain"), "moved": T("v_moved", t=f"{t:g}"),
             "weighted": T("v_weighted"), "majority": T("v_majority")}
    table = pd.DataFrame([{"variant": names[k], "accuracy": s.accuracy, "balanced": s.balanced,
                           "recall": s.recall_pos} for k, s in r.variants(t).items()])
    bars = charts.grouped_bars(table, "variant", {"accuracy": T("s_accuracy"),
                                                  "balanced": T("s_balanced"),
                                                  "recall": T("s_recall")},
                               T("variant"), T("score"), keep_order=True)
    return boundary, bars


@fragment
def bagging_section(seed: int) -> None:
    st.subheader(T("b_title"))
    drawn = st.container()  # the maps first; their sliders and the numbers under them
    k, p = Controls.beside(lambda c: c.slider("de_k", T("k"), *MEMBERS),
                           lambda c: c.levels("de_p", T("p"), en.DROPOUT_RATES, 0.3))
    with drawn, st.spinner(T("training")):
        b = bagged(k, p, seed)
        members, dropout = bagging_maps(k, p, seed, i18n.lang())
    n = len(b.train[1])
    with drawn:
        side_by_side((T("b_map_members", k=k), members), (T("b_map_dropout", p=f"{p:g}"), dropout))
    table, y = b.table(), b.test[1]
    st.markdown(T("b_lead", n=n, test=f"{len(y):,}", steps=en.FIT_STEPS,
                  lr=f"{en.FIT_LR:g}"))
    last = table.iloc[-1]
    mem, ens = table["member"].mean(), last["ensemble"]
    single, drop = en.accuracy(y, b.test_single > 0), en.accuracy(y, b.test_dropout > 0)
    m = st.columns(4)
    m[0].metric(T("m_unique"), pct(en.unique_share(b.counts).mean()))
    m[1].metric(T("m_member"), pct(mem))
    m[2].metric(T("m_ensemble", k=k), pct(ens))
    m[3].metric(T("m_dropout"), pct(drop))
    mc, se = share_check(n, seed)
    st.caption(T("b_share", draws=f"{DRAWS:,}", n=n, mc=pct(mc, 2), se=pct(se, 2),
                 exact=pct(en.expected_unique_share(n), 2)))
    words = dict(k=k, ens=pct(ens), mem=pct(mem), n=n, single=pct(single), drop=pct(drop))
    if ens > mem:
        st.info(T("b_better", **words), icon=":material/groups:")
    else:
        st.warning(T("b_not", **words), icon=":material/info:")
    st.caption(T("b_jensen", ens_loss=number(last["ensemble_loss"], ".3f"),
                 mem_loss=number(table["member_loss"].mean(), ".3f")))
    st.markdown(f"**{T('b_curve_title')}**")
    show(bagging_curve(k, p, seed, i18n.lang()))


@fragment
def augmentation_section(seed: int) -> None:
    st.subheader(T("a_title"))
    lead = st.empty()  # above the maps, though its text needs the data set's control
    drawn = st.container()
    dataset, jitter, angle = Controls.beside(
        lambda c: c.choice("de_ds", T("dataset"), ag.AUG_DATASETS, "circle"),
        lambda c: c.levels("de_jit", T("jitter"), JITTERS, 0.05),
        lambda c: c.slider("de_rot", T("angle"), 0, 180, 180, step=15))
    reflect, copies = Controls.beside(
        lambda c: c.toggle("de_ref", T("reflect"), True),
        lambda c: c.levels("de_m", T("copies"), ag.COPIES[1:], 16), columns=3)
    lead.markdown(T("a_lead", n=ag.AUG_POINTS, test=f"{en.TEST_POINTS:,}", steps=en.FIT_STEPS,
                    most=max(ag.COPIES), data=T(f"d_{dataset}")))
    with drawn, st.spinner(T("training")):
        a = augmented(dataset, jitter, angle, reflect, seed)
        none, more, curve = augmentation_charts(dataset, jitter, angle, reflect, copies, seed,
                                                i18n.lang())
    with drawn:
        side_by_side((T("a_map_none", n=ag.AUG_POINTS), none),
                     (T("a_map_aug", copies=copies, total=ag.AUG_POINTS * (copies + 1)), more))
    rows = a.table.set_index("copies")
    g0, gm = rows.loc[0, "gap"], rows.loc[copies, "gap"]
    t0, tm = rows.loc[0, "test_accuracy"], rows.loc[copies, "test_accuracy"]
    m = st.columns(4)
    m[0].metric(T("m_gap0"), pct(g0))
    m[1].metric(T("m_gapm", copies=copies), pct(gm))
    m[2].metric(T("m_test0"), pct(t0))
    m[3].metric(T("m_testm", copies=copies), pct(tm))
    words = dict(copies=copies, g0=pct(g0), gm=pct(gm), t0=pct(t0), tm=pct(tm))
    if jitter == 0 and angle == 0 and not reflect:
        st.info(T("a_same"), icon=":material/content_copy:")
    elif gm < g0 and tm > t0:
        st.info(T("a_helps", **words), icon=":material/library_add:")
    elif tm < t0 - WORSE:
        st.warning(T("a_breaks", **words), icon=":material/warning:")
    else:
        st.info(T("a_mixed", **words), icon=":material/info:")
    if dataset == "moons" and angle > 0:
        st.caption(T("a_moons", angle=angle))
    st.markdown(f"**{T('a_curve_title')}**")
    show(curve)


@fragment
def imbalance_section(seed: int) -> None:
    st.subheader(T("i_title"))
    lead = st.empty()  # above the charts, though its text needs the share's control
    drawn = st.container()
    share, t = Controls.beside(lambda c: c.levels("de_share", T("share"), im.SHARES, 0.05),
                               lambda c: c.levels("de_t", T("threshold"), THRESHOLDS, 0.05))
    with drawn, st.spinner(T("training")):
        r = rare(share, seed)
        boundary, bars = imbalance_charts(share, t, seed, i18n.lang())
    lead.markdown(T("i_lead", share=pct(r.share, 0), n=len(r.train[1]),
                    test=f"{len(r.test[1]):,}", w=f"{r.pos_weight:g}"))
    left, right = drawn.columns(2)
    with left:
        st.markdown(f"**{T('i_map')}**")
        show(boundary)
    with right:
        st.markdown(f"**{T('i_bars')}**")
        show(bars)
    v = r.variants(t)
    m = st.columns(4)
    m[0].metric(T("m_w"), f"{r.pos_weight:g}")
    m[1].metric(T("m_pi"), f"{r.share:.2g}")
    m[2].metric(T("m_bal_t", t=f"{t:g}"), pct(v["moved"].balanced))
    m[3].metric(T("m_bal_w"), pct(v["weighted"].balanced))
    if r.share == 0.5:
        st.info(T("i_even"), icon=":material/balance:")
    else:
        st.info(T("i_verdict", maj=pct(v["majority"].accuracy), acc=pct(v["plain"].accuracy),
                  rec=pct(v["plain"].recall_pos), bal=pct(v["plain"].balanced), t=f"{t:g}",
                  rec_t=pct(v["moved"].recall_pos), bal_t=pct(v["moved"].balanced),
                  acc_t=pct(v["moved"].accuracy), rec_w=pct(v["weighted"].recall_pos),
                  bal_w=pct(v["weighted"].balanced), acc_w=pct(v["weighted"].accuracy)),
                icon=":material/balance:")


_, seed = page.opening(T, "pages/data_ensembles.py", controls)

bagging_section(seed)
augmentation_section(seed)
imbalance_section(seed)

page.footer(T)
