"""Activations: every f and f', dead ReLUs against learning rate, and why the Gaussian."""
import streamlit as st

from playground import activations, dead, gaussian, maxout, relus
from ui import charts, entry, fragment, i18n, number, page, show, side_by_side
from ui.controls import Controls, option_label
from ui.text import activations as text

entry.required()

T = i18n.translator(text)
COMPARED = ("relu", "leaky_relu", "elu")
DEPTH, WIDTH, EPOCHS = 3, 16, 5
PRELU_STEPS = 300
LOWERS, UPPERS = (0.0, 0.05, 0.125, 0.2), (0.25, 1 / 3, 0.5, 0.8)
RRELU_Z = -2.0
Z_SHOWN = f"{RRELU_Z:g}".replace("-", "−")  # a true minus sign


def short(v: float) -> str:
    """A slope as a control shows it: 1/3 as 0.333."""
    return f"{v:.3g}"


def controls(c: Controls) -> tuple[int, list[str], str, int, int]:
    c.where.subheader(T("c_curves"))
    r = c.slider("ac_range", T("range"), 1, 12, 6)
    names = c.multi("ac_fns", T("fns"), activations.ACTIVATIONS, ("sigmoid", "tanh", "relu", "gelu"))
    if not names:
        c.notes.append(T("need_one"))
        names = ["relu"]
    shade = c.choice("ac_shade", T("shade"), activations.ACTIVATIONS, "sigmoid")
    c.where.subheader(T("c_dead"))
    seed = c.seed("ac_seed", T("seed"))
    c.where.subheader(T("c_clt"))
    k = c.slider("ac_k", T("k"), 1, 30, 2)
    return r, names, shade, seed, k


@st.cache_data(max_entries=64, show_spinner=False)
def dead_table(seed: int):
    """Dead share per learning rate for each compared activation: trains 15 small networks."""
    frames = {a: dead.dead_vs_lr(a, dead.LRS, DEPTH, WIDTH, EPOCHS, seed) for a in COMPARED}
    out = frames["relu"][["lr"]].copy()
    for a, f in frames.items():
        out[a] = f["dead"].to_numpy()
    out.attrs["diverged"] = [(a, lr) for a, f in frames.items() for lr in f["lr"][f["diverged"]]]
    return out


@st.cache_data(max_entries=64, show_spinner=False)
def prelu_run(dataset: str, init: float, seed: int) -> relus.PReLURun:
    return relus.train_prelu(dataset, init, PRELU_STEPS, seed=seed)


@st.cache_data(max_entries=64, show_spinner=False)
def rrelu(lower: float, upper: float, seed: int):
    # z up to 1 only: further right RReLU is the identity in both modes, and a wider y axis
    # squeezed the negative side, where the modes differ
    return (relus.rrelu_band(lower, upper, -3.0, 1.0, 41, seed=seed),
            relus.rrelu_at(RRELU_Z, lower, upper, seed=seed))


@st.cache_data(max_entries=16, show_spinner=False)
def maxout_fits(p: float) -> maxout.MaxoutFits:
    return maxout.fit_maxout(p)


def curves(r: int, names: list[str], shade: str) -> None:
    st.subheader(T("curves_title"))
    table = activations.table(names, -r, r)
    # ReLU dashed and on top: leaky ReLU (0.01 z below 0) and ELU (z above 0) hid it
    side_by_side(*((T(f"{part}_title"),
                    charts.lines(table, "z", {f"{part}_{a}": option_label(a) for a in names},
                                 T("z"), T("value"), dashed=(option_label("relu"),)))
                   for part in ("f", "df")))
    st.markdown(f"**{T('zones_title', name=option_label(shade))}**")
    zones = activations.flat_zones(shade, -r, r)
    show(charts.activation_curve(activations.curve(shade, -r, r), zones,
                                 {"value": T("s_f"), "derivative": T("s_df")}, T("z"),
                                 T("flat_zone")))
    if not zones:
        st.caption(T("no_zones", name=option_label(shade)))


def dead_units(seed: int) -> None:
    st.subheader(T("dead_title"))
    st.markdown(T("dead_lead", depth=DEPTH, width=WIDTH, epochs=EPOCHS))
    with st.spinner(T("computing", n=len(COMPARED) * len(dead.LRS))):
        table = dead_table(seed)
    show(charts.grouped_bars(table, "lr", {a: option_label(a) for a in COMPARED}, T("lr"),
                             T("dead_axis")))
    # One learning rate for all three, so the shares compare like with like: the largest at
    # which none diverged (a diverged run's count says nothing).
    bad = {lr for _, lr in table.attrs["diverged"]}
    rows = table[~table["lr"].isin(bad)]
    if len(rows):
        row = rows.iloc[-1]
        verdict = T("dead_verdict", lr=f"{row['lr']:g}", **{a: f"{row[a]:.0%}" for a in COMPARED})
        if row["lr"] < table["lr"].iloc[-1]:
            verdict += " " + T("dead_not_top", top=f"{table['lr'].iloc[-1]:g}")
        st.info(verdict + ("\n\n" + T("elu_dead") if row["elu"] > 0 else ""),
                icon=":material/heart_broken:")
    if table.attrs["diverged"]:
        st.caption(T("diverged", runs=", ".join(T("run", act=option_label(a), lr=f"{lr:g}")
                                                for a, lr in table.attrs["diverged"])))


@fragment
def learned_slope(seed: int) -> None:
    st.subheader(T("prelu_title"))
    dataset, init = Controls.beside(
        lambda c: c.choice("ac_pd", T("dataset"), relus.DATASETS, "circle"),
        lambda c: c.levels("ac_pa", T("slope0"), relus.SLOPES, 0.25, help=T("slope0_help")))
    st.markdown(T("prelu_lead", steps=PRELU_STEPS, seed=seed))
    with st.spinner(T("training_prelu")):
        run = prelu_run(dataset, init, seed)
    layers = {c: T("layer_n", l=c.split("_")[1]) for c in run.slopes.columns[1:]}
    side_by_side((T("slope_title"), charts.lines(run.slopes, "step", layers, T("step"),
                                                 T("slope_axis"))),
                 (T("prelu_loss_title"), charts.lines(run.loss, "step", {"loss": T("loss")},
                                                      T("step"), T("loss"), legend=False)))
    last = run.slopes.iloc[-1]
    m = st.columns(3)
    for col, (c, name) in zip(m, layers.items()):
        col.metric(T("m_slope", layer=name, steps=PRELU_STEPS), number(last[c], ".3f"),
                   delta=number(last[c] - init, "+.3f"), delta_color="off")
    m[2].metric(T("m_acc"), number(run.accuracy, ".0%"))
    ends = [last[c] for c in layers]
    notes = [T("prelu_below")] if min(ends) < 0 else []
    notes += [T("prelu_above")] if max(ends) > 1 else []
    if notes:
        st.info(" ".join(notes), icon=":material/show_chart:")


@fragment
def random_slope(seed: int) -> None:
    st.subheader(T("rrelu_title"))
    lower, upper = Controls.beside(
        lambda c: c.levels("ac_rl", T("lower"), LOWERS, 0.125, fmt=short),
        lambda c: c.levels("ac_ru", T("upper"), UPPERS, 1 / 3, fmt=short))
    st.markdown(T("rrelu_lead", lower=short(lower), upper=short(upper),
                  mid=short((lower + upper) / 2)))
    band, at = rrelu(lower, upper, seed)
    series = {"eval": T("s_eval"), "one": T("s_one"), "low": T("s_low"), "high": T("s_high")}
    side_by_side(
        (T("band_title"), charts.lines(band, "z", series, T("z"), T("output"),
                                       dashed=(T("s_low"), T("s_high")))),
        (T("at_title", z=Z_SHOWN),
         charts.histogram_density(at.hist, at.curve, {"hist": T("s_draws"),
                                                      "curve": T("s_uniform")},
                                  T("output"), T("density"))))
    m = st.columns(3)
    m[0].metric(T("m_eval", z=Z_SHOWN), number(at.eval, ".4f"))
    m[1].metric(T("m_draw_mean"), number(at.mean, ".4f"))
    m[2].metric(T("m_draw_sd"), number(at.sd, ".4f"),
                help=T("m_exact", exact=number(at.sd_exact, ".4f")))


@fragment
def maxout_fit() -> None:
    st.subheader(T("maxout_title"))
    p, k = Controls.beside(
        lambda c: c.levels("ac_mp", T("power"), maxout.POWERS, 2.0, help=T("power_help")),
        lambda c: c.slider("ac_mk", T("pieces"), 1, maxout.MAX_PIECES, 3))
    st.markdown(T("maxout_lead", steps=maxout.STEPS, points=maxout.GRID))
    with st.spinner(T("training_maxout")):
        fits = maxout_fits(p)
    target = T("s_target", p=f"{p:g}")
    errors = fits.errors
    side_by_side(
        (T("fit_title", k=k), charts.lines(fits.curve(k), "x", {
            "target": target, "fit": T("s_fit"), "start": T("s_start")}, "x", T("value"),
            dashed=(T("s_start"),))),
        (T("err_title"), charts.lines(errors, "k", {"rms": T("s_rms"), "max": T("s_max")},
                                      T("pieces_axis"), T("err_axis"), points=True)))
    row = errors.loc[errors["k"] == k].iloc[0]
    m = st.columns(3)
    m[0].metric(T("m_rms", k=k), number(row["rms"], ".2e"))
    m[1].metric(T("m_max", k=k), number(row["max"], ".2e"))
    m[2].metric(T("m_used"), T("used", used=int(row["used"]), k=k))
    if p == 2.0:
        st.caption(T("square_note", k=k, best=number(maxout.best_rms_square(k), ".2e")))
    elif p == 1.0:
        st.caption(T("abs_note"))


def why_gaussian(k: int, seed: int) -> None:
    st.subheader(T("clt_title"))
    st.markdown(T("clt_lead"))
    hist, curve = gaussian.clt_histogram(k, seed=seed)
    sample = gaussian.uniform_means(k, seed=seed)
    show(charts.histogram_density(hist, curve, {"hist": T("s_sample"), "curve": T("s_normal")},
                                  T("x"), T("density")))
    m = st.columns(2)
    m[0].metric(T("m_mean"), number(sample.mean(), ".4f"))
    m[1].metric(T("m_var", exact=f"{1 / (12 * k):.5f}"), number(sample.var(), ".5f"))
    st.markdown(f"**{T('ent_title')}**  \n{T('ent_lead')}")
    h = gaussian.entropies(1.0)
    m = st.columns(3)
    for col, name in zip(m, ("uniform", "laplace", "gaussian")):
        col.metric(T(f"m_{name}"), number(h[name], ".4f"))


_, (r, names, shade, seed, k) = page.opening(T, "pages/activations.py", controls)

curves(r, names, shade)
dead_units(seed)
learned_slope(seed)
random_slope(seed)
maxout_fit()
why_gaussian(k, seed)

page.footer(T)
