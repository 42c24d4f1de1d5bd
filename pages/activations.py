"""Activations: every f and f', dead ReLUs against learning rate, and why the Gaussian."""
import streamlit as st

from playground import activations, dead, gaussian
from ui import charts, entry, i18n, number, page, show, side_by_side
from ui.controls import Controls, option_label
from ui.text import activations as text

entry.required()

T = i18n.translator(text)
COMPARED = ("relu", "leaky_relu", "elu")
DEPTH, WIDTH, EPOCHS = 3, 16, 5


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


page.header(T, "pages/activations.py")
c = Controls()
r, names, shade, seed, k = controls(c)
c.report()

curves(r, names, shade)
dead_units(seed)
why_gaussian(k, seed)

page.footer(T)
