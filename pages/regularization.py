"""Regularization: L1/L2 geometry, weights trained with a penalty, overfitting and early
stopping, dropout, and Adam + L2 against AdamW."""
import numpy as np
import pandas as pd
import streamlit as st

from playground import contours
from playground import regularize as rg
from ui import charts, entry, fragment, i18n, number, page, progress, show
from ui.controls import Controls
from ui.text import regularization as text

entry.required()

T = i18n.translator(text)
KAPPAS = (1, 2, 4, 10, 30)
L1S = (0.001, 0.002, 0.005, 0.01)  # lr·λ₁ <= 5e-4 keeps L1's zeros inside rg.ZERO_TOL
L2S = (0.003, 0.01, 0.03, 0.1)
POINTS = (20, 30, 50, 100, 200)
RATES = (0.1, 0.2, 0.3, 0.5, 0.7, 0.9)
DECAYS = (0.03, 0.1, 0.3, 1.0)
LAM_MAX, LAM_STEP = 1.5, 0.01
PATH_STEP = 0.02  # the paths are straight between kinks: 76 points draw them
GRID, ISO = 36, 12
LR, STEPS = 0.02, 500  # the Adam/AdamW race


def controls(c: Controls) -> int:
    """What every section shares (a change reruns the whole page); the rest sits in its section."""
    c.where.subheader(T("c_shared"))
    return c.seed("rg_seed", T("seed"))


@st.cache_data(max_entries=64, show_spinner=False)
def geometry(kappa: float, angle: float):
    """The loss on a grid, its iso-lines and both solution paths: the same for every λ."""
    H = rg.hessian(kappa, angle)
    X, Y, Z = contours.grid(lambda W: rg.objective(H, rg.WSTAR, W), rg.DOMAIN, GRID)
    lams = np.round(np.arange(0, LAM_MAX + PATH_STEP / 2, PATH_STEP), 10)
    return H, X, Y, Z, contours.iso_lines(X, Y, Z, contours.levels(Z, ISO)), \
        rg.solution_paths(kappa, angle, lams)


@st.cache_data(max_entries=64, show_spinner=False)
def trained(penalty: str, strength: float, seed: int) -> rg.Run:
    return rg.penalised(penalty, strength, seed)


@st.cache_data(max_entries=128, show_spinner=False)
def overfit(points: int, p: float, seed: int) -> tuple[pd.DataFrame, int | None]:
    return rg.overfit(points, p, seed)


@st.cache_data(max_entries=32, show_spinner=False)
def sweep(points: int, seed: int) -> rg.Sweep:
    return rg.sweep_of({p: overfit(points, p, seed) for p in rg.DROPOUT_RATES})


@st.cache_data(max_entries=32, show_spinner=False)
def dropout_numbers(p: float, seed: int) -> rg.DropoutCheck:
    return rg.dropout_check(p, seed=seed)


@st.cache_data(max_entries=32, show_spinner=False)
def race(decay: float, seed: int) -> pd.DataFrame:
    return rg.decay_race(decay, lr=LR, steps=STEPS, seed=seed)


@st.cache_data(max_entries=64, show_spinner=False)
def weights_chart(l1: float, l2: float, seed: int, lang: str) -> dict:
    """Histograms of the three runs' weights over the central 98 % of the unpenalised ones."""
    runs = {"none": trained("none", 0.0, seed), "l1": trained("l1", l1, seed),
            "l2": trained("l2", l2, seed)}
    top = float(np.quantile(np.abs(runs["none"].weights), 0.99))
    hist = rg.histograms({k: r.weights for k, r in runs.items()}, -top, top)
    return charts.step_histograms(hist, {k: T(f"s_{k}") for k in runs}, T("w_axis"),
                                  T("density"))


@st.cache_data(max_entries=32, show_spinner=False)
def overfit_charts(points: int, seed: int, lang: str) -> tuple[dict, dict]:
    """The losses of the run without dropout with its best step marked, and the losses at the
    end against the dropout rate."""
    result = sweep(points, seed)
    h = result.histories[0.0]
    s = rg.early_stop(h)
    curves = charts.marked_curves(
        h[["step", "loss", "test_loss"]], {"loss": T("s_train"), "test_loss": T("s_test")},
        T("step"), T("loss_axis"), s.best_step, (s.best_step, int(h["step"].iloc[-1])),
        T("overfit_zone"))
    bars = charts.grouped_bars(
        result.table[["rate", "loss", "test_loss", "gap"]], "rate",
        {"loss": T("s_train"), "test_loss": T("s_test"), "gap": T("s_gap")}, T("rate"),
        T("loss_axis"))
    return curves, bars


@st.cache_data(max_entries=32, show_spinner=False)
def race_chart(decay: float, seed: int, lang: str) -> tuple[dict, pd.DataFrame]:
    """The mean weight after the race per gradient scale and optimizer, as bars and as a table
    (index scale, columns adam_l2, adamw)."""
    r = race(decay, seed)
    last = r[r["step"] == STEPS].pivot(index="scale", columns="optimizer", values="mean")
    bars = last.reset_index()
    bars["scale"] = bars["scale"].map("{:g}".format)
    return charts.grouped_bars(
        bars, "scale", {"adam_l2": T("s_adam_l2"), "adamw": T("s_adamw")}, T("scale"),
        T("mean_w", steps=STEPS)), last


def pair(w) -> str:
    return f"({number(w[0], '.3f')}, {number(w[1], '.3f')})"


def constraint_map(kind: str, w: np.ndarray, radius: float, H, X, Y, Z, iso, path, color):
    level = float(rg.objective(H, rg.WSTAR, w))
    touch = contours.iso_lines(X, Y, Z, [level] if level > 0 else [])
    marks = pd.DataFrame({"x": [rg.WSTAR[0], w[0]], "y": [rg.WSTAR[1], w[1]],
                          "kind": [T("minimum"), T("solution")]})
    titles = {k: T(k) for k in ("x", "y", "z", "minimum", "solution")} | {"lam": T("lam_axis")}
    return charts.constraint_map(X, Y, Z, iso, rg.DOMAIN, rg.ball(kind, radius), touch,
                                 path, marks, color, titles)


def path_chart(paths: pd.DataFrame, lam: float) -> dict:
    """Each coordinate of both solutions against λ, a dashed rule at the current λ."""
    cols = ("l1_w1", "l1_w2", "l2_w1", "l2_w2")
    frame = paths.melt(id_vars="lam", value_vars=list(cols), var_name="optimizer",
                       value_name="value").rename(columns={"lam": "step"})
    return charts.step_lines(frame, "value", {c: T(f"s_{c}") for c in cols}, T("path_axis"),
                             T("lam_axis"), lam, log=False)


@fragment
def geometry_section() -> None:
    st.subheader(T("geo_title"))
    drawn = st.container()  # the maps first; their sliders and how to read them under them
    lam, angle, kappa = Controls.beside(
        lambda c: c.real("rg_lam", T("lam"), 0.0, LAM_MAX, 0.3, LAM_STEP, help=T("lam_help")),
        lambda c: c.slider("rg_ang", T("angle"), 0, 175, 30, step=5),
        lambda c: c.levels("rg_k", T("kappa"), KAPPAS, 4))
    H, X, Y, Z, iso, paths = geometry(float(kappa), float(angle))
    w1, w2 = rg.l1_solution(H, rg.WSTAR, lam)[0], rg.l2_solution(H, rg.WSTAR, lam)[0]
    left, right = drawn.columns(2)
    for col, kind, w, r, color in ((left, "l1", w1, np.abs(w1).sum(), charts.SERIES[0]),
                                   (right, "l2", w2, np.hypot(*w2), charts.SERIES[2])):
        path = paths[["lam", f"{kind}_w1", f"{kind}_w2"]].set_axis(["lam", "x", "y"], axis=1)
        with col:
            st.markdown(f"**{T(f'{kind}_map')}**")
            show(constraint_map(kind, w, r, H, X, Y, Z, iso, path, color))
    st.markdown(T("geo_lead"))
    top = rg.lambda_zero(H, rg.WSTAR)
    first = rg.first_zero(paths["lam"], paths[["l1_w1", "l1_w2"]].to_numpy())
    m = st.columns(3)
    m[0].metric(T("m_l1"), pair(w1))
    m[1].metric(T("m_l2"), pair(w2))
    m[2].metric(T("m_top"), number(top, ".3f"))
    if (w1 == 0).all():
        st.info(T("geo_origin", lam=f"{lam:g}", top=f"{top:.3f}"), icon=":material/adjust:")
    elif (w1 == 0).any():
        st.info(T("geo_corner", lam=f"{lam:g}", coord="w₁" if w1[0] == 0 else "w₂"),
                icon=":material/change_history:")
    else:
        st.info(T("geo_none", lam=f"{lam:g}", first=number(first, ".2f")),
                icon=":material/circle:")
    st.markdown(f"**{T('path_title')}**")
    show(path_chart(paths, lam))


@fragment
def weights_section(seed: int) -> None:
    st.subheader(T("w_title"))
    cfg = rg.PENALTY_TRAIN
    st.markdown(T("w_lead", lr=f"{cfg.lr:g}", epochs=cfg.epochs))
    l1, l2 = Controls.beside(lambda c: c.levels("rg_l1", T("l1"), L1S, 0.01),
                             lambda c: c.levels("rg_l2", T("l2"), L2S, 0.03))
    strengths = {"none": 0.0, "l1": l1, "l2": l2}
    done = progress.run(T("training_runs"), [lambda k=k, s=s: trained(k, s, seed)
                                             for k, s in strengths.items()])
    runs = dict(zip(strengths, done))
    names = {k: T(f"s_{k}") for k in runs}
    show(weights_chart(l1, l2, seed, i18n.lang()))
    zero = {k: rg.sparsity(r.weights) for k, r in runs.items()}
    mean = {k: float(np.abs(r.weights).mean()) for k, r in runs.items()}
    m = st.columns(3)
    for col, k in zip(m, runs):
        col.metric(T("m_zero", name=names[k]), number(zero[k], ".1%"))
        col.metric(T("m_mean", name=names[k]), number(mean[k], ".3f"))
        col.metric(T("m_test", name=names[k]), number(runs[k].test_loss, ".3f"))
    bad = [names[k] for k, r in runs.items() if r.diverged_at is not None]
    if bad:
        st.error(T("diverged", runs=", ".join(bad)), icon=":material/warning:")
    else:
        st.info(T("w_verdict", l1=f"{zero['l1']:.0%}", l2=f"{zero['l2']:.0%}",
                  none=f"{zero['none']:.0%}", m0=f"{mean['none']:.3f}", m2=f"{mean['l2']:.3f}"),
                icon=":material/filter_alt:")


@fragment
def overfit_section(seed: int) -> None:
    st.subheader(T("o_title"))
    lead = st.empty()  # above the slider, though its text needs the slider's value
    points, = Controls.beside(lambda c: c.levels("rg_n", T("points"), POINTS, 30), columns=2)
    lead.markdown(T("o_lead", points=points, test=rg.OVERFIT_POINTS - points,
                    epochs=rg.OVERFIT_EPOCHS))
    progress.ensure(T("training_rates"), [lambda p=p: overfit(points, p, seed)
                                          for p in rg.DROPOUT_RATES], ("rg_sweep", points, seed))
    result = sweep(points, seed)
    h = result.histories[0.0]
    s = rg.early_stop(h)
    last = int(h["step"].iloc[-1])
    curves, bars = overfit_charts(points, seed, i18n.lang())
    show(curves)
    m = st.columns(3)
    m[0].metric(T("m_best"), s.best_step)
    m[1].metric(T("m_best_test"), number(s.best_test, ".3f"))
    m[2].metric(T("m_final_gap"), number(s.final_gap, ".3f"))
    diverged = result.table[result.table["diverged"]]
    if len(diverged):
        st.error(T("diverged", runs=", ".join(f"p = {p:g}" for p in diverged["rate"])),
                 icon=":material/warning:")
    if s.best_step < last:
        st.info(T("o_verdict", best=s.best_step, best_test=f"{s.best_test:.3f}", last=last,
                  best_train=f"{s.best_train:.3f}", final_train=f"{s.final_train:.3f}",
                  final_test=f"{s.final_test:.3f}"), icon=":material/front_hand:")
    else:
        st.info(T("o_monotone", points=points, epochs=rg.OVERFIT_EPOCHS),
                icon=":material/trending_down:")

    st.subheader(T("d_title"))
    st.markdown(T("d_lead", rates=", ".join(f"{p:g}" for p in rg.DROPOUT_RATES)))
    table = result.table
    show(bars)
    g0, g1, p1 = table["gap"].iloc[0], table["gap"].iloc[-1], table["rate"].iloc[-1]
    values = dict(g0=f"{g0:.3f}", g1=f"{g1:.3f}", p1=f"{p1:g}")
    if g1 < g0:
        st.info(T("d_narrows", **values), icon=":material/compress:")
    else:
        st.warning(T("d_not", **values), icon=":material/info:")


@fragment
def inverted_section(seed: int) -> None:
    lead = st.empty()  # above the slider, though its text needs the slider's value
    p, = Controls.beside(lambda c: c.levels("rg_p", T("p"), RATES, 0.5), columns=2)
    lead.markdown(f"**{T('inv_title')}**  \n{T('inv_lead', p=f'{p:g}')}")
    d = dropout_numbers(p, seed)
    m = st.columns(2)
    m[0].metric(T("m_kept", exp=f"{1 - p:.2f}"), number(d.kept_share, ".4f"))
    m[1].metric(T("m_scale", exp=f"{1 / (1 - p):.4f}"), number(d.scale_max, ".4f"))
    m = st.columns(3)
    m[0].metric(T("m_mean_in"), number(d.mean_in, ".4f"))
    m[1].metric(T("m_mean_train"), number(d.mean_train, ".4f"))
    m[2].metric(T("m_mean_eval"), number(d.mean_eval, ".4f"))
    st.caption(T("inv_noise", se=f"{d.se_train:.4f}"))
    ex = d.example
    rows = {T("col_x"): ex["x"], T("col_train"): ex["train"], T("col_eval"): ex["eval"]}
    st.dataframe(pd.DataFrame({k: v.map("{:.3f}".format).to_numpy() for k, v in rows.items()},
                              index=range(1, len(ex) + 1)).T)


@fragment
def adamw_section(seed: int) -> None:
    st.subheader(T("a_title"))
    st.markdown(T("a_lead", steps=STEPS, lr=f"{LR:g}"))
    decay, = Controls.beside(lambda c: c.levels("rg_wd", T("decay"), DECAYS, 0.1), columns=2)
    bars, last = race_chart(decay, seed, i18n.lang())
    show(bars)
    st.info(T("a_verdict", steps=STEPS, exp=f"{(1 - LR * decay) ** STEPS:.3f}",
              small=f"{last.loc[0.01, 'adam_l2']:.3f}", large=f"{last.loc[100.0, 'adam_l2']:.3f}"),
            icon=":material/balance:")


_, seed = page.opening(T, "pages/regularization.py", controls)

geometry_section()
weights_section(seed)
overfit_section(seed)
inverted_section(seed)
adamw_section(seed)

page.footer(T)
