"""Optimizer paths: ill-conditioning, saddle points, momentum and adaptive steps on exact 2-D functions."""
import dataclasses

import numpy as np
import pandas as pd
import streamlit as st

from playground import contours, functions2d, optim, paths, train
from ui import (charts, entry, fragment, i18n, number, page, schedule, show, side_by_side,
                train_controls)
from ui.controls import Controls, option_label
from ui.text import optimizer_paths as text

entry.required()

T = i18n.translator(text)
KAPPAS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)
LRS = (1e-4, 2e-4, 5e-4, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0)
MOMENTA = (0.5, 0.8, 0.9, 0.95, 0.99)
BETA2S = (0.9, 0.99, 0.999, 0.9999)
STEPS = (10, 20, 50, 100, 200, 300, 500, 1000)
NOISES = (0.0, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0)
BATCHES = (1, 2, 4, 8, 16, 32, 64, 128, 256)
MOST = 6
GRID = 64         # heatmap cells per side
ISO = 14          # contour levels
STEP = 0.01       # start-point slider resolution
MAP, PICK = "omap", "pick"  # the map's element key and its click selection


def new_function() -> None:
    """A newly chosen function starts from its own start point."""
    f = functions2d.FUNCTIONS[st.session_state["fn"]]
    st.session_state["x0"], st.session_state["y0"] = f.start


def clicked() -> None:
    """A click on the map becomes the start point (runs before the sliders are created)."""
    points = st.session_state[MAP]["selection"].get(PICK) or []
    if points:
        st.session_state["x0"] = round(points[0]["x"], 2)
        st.session_state["y0"] = round(points[0]["y"], 2)


def controls(c: Controls) -> tuple[paths.Setup, bool]:
    """The sidebar's controls: everything but the quadratic's shape, the start point and the
    learning rate (see `race_view`)."""
    c.where.subheader(T("g_function"))
    fn = c.choice("fn", T("function"), tuple(functions2d.FUNCTIONS), "quadratic",
                  on_change=new_function)

    c.where.subheader(T("g_optim"))
    opts = c.multi("opts", T("optimizers"), paths.OPTIMIZERS, paths.Setup.optimizers,
                   max_selections=MOST, help=T("optimizers_help"))
    momentum = c.levels("pmom", T("momentum"), MOMENTA, 0.9, help=T("momentum_help"))
    beta2 = c.levels("pb2", T("beta2"), BETA2S, 0.999, help=T("beta2_help"))
    sched = c.choice("psched", T("schedule"), tuple(optim.SCHEDULES), "constant")
    steps = c.levels("psteps", T("steps"), STEPS, 200)
    schedule(c.where, sched, steps, T("step"))

    c.where.subheader(T("g_noise"))
    noise = c.levels("pnoise", T("noise"), NOISES, 0.0, help=T("noise_help"))
    batch = c.levels("pbs", T("batch"), BATCHES, 16, disabled=noise == 0)
    seed = c.seed("pseed", T("seed"))

    c.where.subheader(T("g_view"))
    log = c.toggle("logc", T("logc"), default=True)
    setup = paths.Setup(function=fn, optimizers=tuple(opts), steps=steps, momentum=momentum,
                        beta2=beta2, schedule=sched, noise=noise, batch=batch, seed=seed)
    return setup, log


def shape(c: Controls, setup: paths.Setup) -> paths.Setup:
    """The quadratic's condition number, rotation and preconditioning, beside the map."""
    cols = c.where.columns(2)
    c.where = cols[0]
    kappa = c.levels("kappa", T("kappa"), KAPPAS, 10, help=T("kappa_help"))
    c.where = cols[1]
    angle = c.slider("angle", T("angle"), 0, 175, 30, step=5)
    c.where = cols[0]
    pre = c.toggle("pre", T("precondition"), help=T("precondition_help"))
    return dataclasses.replace(setup, kappa=float(kappa), angle=float(angle), precondition=pre)


@st.cache_data(max_entries=64, show_spinner=False)
def race(setup: paths.Setup) -> paths.Comparison:
    """Every chosen optimizer from the start point, step by step."""
    return paths.compare(setup)


@st.cache_data(max_entries=32, show_spinner=False)
def surface(fn: str, kappa: float, angle: float, precondition: bool, log: bool):
    """The function on a grid and its contour segments: the same for every path on it."""
    f, _ = paths.problem(paths.Setup(function=fn, kappa=kappa, angle=angle,
                                     precondition=precondition))
    X, Y, Z = contours.grid(f.value, f.domain, GRID)
    return X, Y, Z, contours.iso_lines(X, Y, Z, contours.levels(Z, ISO, log))


def outcome(row: dict, unbounded: bool, steps: int) -> None:
    """One line per optimizer (a row of `Comparison.table()`): where it ended, or when it diverged."""
    name = option_label(row["optimizer"])
    if row["diverged"] >= 0:
        st.error(T("diverged_unbounded" if unbounded else "diverged", name=name,
                   step=int(row["diverged"])), icon=":material/warning:")
    elif row["reached"] >= 0:
        st.success(T("reached", name=name, step=int(row["reached"])), icon=":material/flag:")
    elif unbounded:
        st.info(T("escaped", name=name, steps=steps, loss=number(row["loss"], ".4g")),
                icon=":material/trending_down:")
    else:
        st.info(T("not_reached", name=name, steps=steps, dist=number(row["distance"], ".3g")),
                icon=":material/route:")


def inspection(f: functions2d.TestFunction, point: tuple[float, float]) -> None:
    """Gradient, curvatures and their verdict at one point."""
    ins = functions2d.inspect(f, point)
    m = st.columns(2)
    m[0].metric(T("m_value"), number(ins.value, ".3g"))
    m[1].metric(T("m_grad"), number(ins.grad_norm, ".3g"))
    m = st.columns(2)
    m[0].metric(T("m_eig"), ", ".join(number(v, ".3g") for v in ins.eigenvalues))
    m[1].metric(T("m_cond"), number(ins.condition, ".3g"))
    st.caption(T("grad_vec", gx=number(ins.grad[0], ".3g"), gy=number(ins.grad[1], ".3g")))
    (st.success if ins.kind == "minimum" else st.warning)(T(f"kind_{ins.kind}"),
                                                          icon=":material/query_stats:")


@fragment
def race_view(setup: paths.Setup, log: bool) -> None:
    """The quadratic's shape, start point, learning rate, step, map, outcomes, inspection and
    curves: a fragment, so that the moves a person makes over and over, watching the map,
    rerun only this part."""
    # the map on the left from the top of the section, the sliders that move it beside it
    left, right = st.columns([3, 2])
    c = Controls()
    c.where = right
    if setup.function == "quadratic":
        setup = shape(c, setup)
    cols = right.columns(2)
    f0 = functions2d.function(setup.function, setup.kappa, setup.angle)  # the sliders' map
    (x0, x1), (y0, y1) = f0.domain
    c.where = cols[0]
    x = c.real("x0", T("start_x"), x0, x1, f0.start[0], STEP, help=T("start_help"))
    c.where = cols[1]
    y = c.real("y0", T("start_y"), y0, y1, f0.start[1], STEP, help=T("start_help"))
    c.where = cols[0]
    lr = c.levels("plr", T("lr"), LRS, paths.Setup.lr, help=T("lr_help"))
    c.where = cols[1]
    at = c.slider("at", T("at"), 0, setup.steps, setup.steps)
    c.report()
    setup = dataclasses.replace(setup, start=(x, y), lr=lr)
    f, start = paths.problem(setup)
    result = race(setup)
    table = result.table()
    X, Y, Z, lines = surface(setup.function, setup.kappa, setup.angle, setup.precondition, log)
    series = {name: option_label(name) for name in setup.optimizers}

    with left:
        st.subheader(T("map_title"))
        show(charts.optimizer_map(X, Y, Z, lines, result.frame, series, at, start, f.minima,
                                  f.domain, log,
                                  {k: T(k) for k in ("z", "step", "loss", "start", "minimum")},
                                  pick=None if setup.precondition else PICK),
             key=MAP, on_select="ignore" if setup.precondition else clicked)
        st.caption(T("map_note", step=at))
        if setup.precondition:
            st.info(T("pre_note", x=setup.start[0], y=setup.start[1], zx=start[0], zy=start[1])
                    + "  \n" + T("pick_off"), icon=":material/circle:")
    with right:
        for row in table.to_dict("records"):
            outcome(row, not f.minima, setup.steps)
        inspected(f, result, setup.optimizers, at, start)
    curves(f, result, series, at)
    with st.expander(T("table_title")):
        st.dataframe(table.assign(optimizer=table["optimizer"].map(option_label)),
                     hide_index=True)


def inspected(f: functions2d.TestFunction, result: paths.Comparison, optimizers: tuple,
              at: int, start: tuple[float, float]) -> None:
    """The point under inspection: where the chosen path stands at step `at`, or the start."""
    st.subheader(T("inspect_title"))
    if optimizers and at > 0:
        which = Controls()
        which.where = st
        name = which.choice("insp", T("inspect_which"), optimizers, optimizers[0])
        which.report()
        point, label = result.position(name, at), option_label(name)
        if point is None:
            st.warning(T("inspect_gone", name=label, step=at), icon=":material/block:")
        else:
            # significant digits: near a minimum, four decimals read (-0.0000, 0.0001)
            st.markdown(T("inspect_where", name=label, step=at, x=number(point[0], ".4g"),
                          y=number(point[1], ".4g")))
            inspection(f, point)
    else:
        st.markdown(T("inspect_start", x=number(start[0], ".4g"), y=number(start[1], ".4g")))
        inspection(f, start)


def curves(f: functions2d.TestFunction, result: paths.Comparison, series: dict, at: int) -> None:
    """Gap to the best minimum (or the loss, when there is none) and distance, per step."""
    left, right = st.columns(2)
    with left:
        if f.minima:
            st.subheader(T("gap_title"))
            show(charts.step_lines(result.frame, "gap", series, T("gap_axis"), T("step"), at))
        else:
            st.subheader(T("loss_title"))
            show(charts.step_lines(result.frame, "loss", series, T("loss_axis"), T("step"), at,
                                   log=False))
    with right:
        st.subheader(T("dist_title"))
        if f.minima:
            show(charts.step_lines(result.frame, "distance", series, T("dist_axis"), T("step"),
                                   at))
        else:
            st.info(T("no_minima"), icon=":material/all_inclusive:")


SR_LRS = (0.03, 0.1, 0.3, 1.0, 3.0)
SR_EPOCHS = (25, 50, 100, 200)


@st.cache_data(max_entries=16, show_spinner=False)
def schedule_race(lr: float, epochs: int, lang: str) -> tuple[charts.Figure, charts.Figure,
                                                              pd.Series]:
    """Training's network under every schedule: the rate's and the loss's charts, and each
    schedule's last loss (NaN where it diverged; `lang` keys the cache)."""
    race = train.schedule_race(train_controls.DEFAULT_NET, train.TrainConfig(lr=lr), epochs)
    wide = {col: race.pivot(index="epoch", columns="schedule", values=col).reset_index()
            for col in ("lr", "loss")}
    names = {name: option_label(name) for name in optim.SCHEDULES}
    log = charts.spans_decades(wide["loss"], list(names))
    rate = charts.lines(wide["lr"], "epoch", names, T("sr_epoch"), T("sr_rate_axis"))
    loss = charts.lines(wide["loss"], "epoch", names, T("sr_epoch"),
                        T("sr_loss_axis_log" if log else "sr_loss_axis"), log=log)
    return rate, loss, race.groupby("schedule", sort=False).tail(1).set_index("schedule")["loss"]


@fragment
def schedules_on_a_network() -> None:
    """The network of Training under every schedule: the rate against the epoch, and the
    training loss it reaches."""
    st.subheader(T("sr_title"))
    lr, epochs = Controls.beside(lambda c: c.levels("sr_lr", T("sr_lr"), SR_LRS, 0.3),
                                 lambda c: c.levels("sr_ep", T("sr_epochs"), SR_EPOCHS, 50),
                                 columns=3)
    st.markdown(T("sr_lead", epochs=epochs))
    with st.spinner(T("sr_computing", n=len(optim.SCHEDULES))):
        rate, loss, end = schedule_race(lr, epochs, i18n.lang())
    side_by_side((T("sr_rate_title"), rate), (T("sr_loss_title"), loss))
    if gone := [option_label(n) for n, v in end.items() if not np.isfinite(v)]:
        st.error(T("sr_diverged", names=", ".join(gone)), icon=":material/warning:")
    if np.isfinite(end).any():
        best = end[np.isfinite(end)].idxmin()
        said = "sr_verdict" if np.isfinite(end["constant"]) else "sr_verdict_gone"
        st.info(T(said, epochs=epochs, best=option_label(best), low=number(end[best], ".3g"),
                  constant=number(end["constant"], ".3g")), icon=":material/query_stats:")


_, (setup, log) = page.opening(T, "pages/optimizer_paths.py", controls)
if not setup.optimizers:
    st.info(T("none_chosen"), icon=":material/info:")
race_view(setup, log)
if setup.noise > 0:
    st.caption(T("seed_note", seed=setup.seed))
schedules_on_a_network()

page.footer(T)
