"""Training: a real network learns a 2-D dataset live, and its gradients show layer by layer."""
import contextlib
import time

import numpy as np
import pandas as pd
import streamlit as st

from playground import data, live, nets, train
from ui import (charts, entry, export_script, fragment, i18n, live_charts, live_view, number, page,
                present, show, span, train_controls)
from ui.controls import Controls, spell, uploader
from ui.echo import literal
from ui.text import training as text

entry.required()
T = i18n.translator(text)

# While playing, the network view (a canvas: cheap to send and to draw) comes at the pace
# `live_view.plan` sets, the Vega charts every CHART_TICK (each is a new spec to redraw).
CHART_TICK = 1.0
# Under load the next update can start before the last was sent, and Streamlit then drops the
# last: a short pause after each update while playing lets it go out first.
FLUSH = 0.01
SPEEDS = (1, 3, 10, 30, 100, 300, 0)  # epochs per second while playing; 0: full speed
PACE_WINDOW = 2.0  # seconds over which the page measures epochs and updates per second
TRAINER, BG, SETUP, PLAY, CLOCK = "tr_trainer", "tr_bg", "tr_setup", "tr_play", "tr_clock"
OWN, OWN_FILE, OWN_VERSION, ADD, VIEW = "tr_own", "tr_own_file", "tr_own_v", "tr_add", "tr_view"
TRAINER_B = "tr_trainer_b"  # setting B's trainer while comparing
PLANNED = "tr_planned"  # (frame size in bytes, live_view.Plan): the pace planned for it


def own_data(where) -> None:
    """Own points: a CSV upload, or clicks on the map. A bad file changes nothing."""
    up = uploader(where, "tr_upload", T("upload"), ["csv"], data.MAX_UPLOAD_BYTES // 1_000_000,
                  help=T("upload_help"))
    if up is not None and st.session_state.get(OWN_FILE) != up.file_id:
        st.session_state[OWN_FILE] = up.file_id
        X, y, problems = data.parse_points(up.getvalue())
        for code, details in problems:
            shown = {k: literal(v) if isinstance(v, str) else v for k, v in details.items()}
            st.error(T(f"csv_{code}", **shown), icon=":material/upload_file:")  # file text as text
        if X is not None:
            set_own(X, y)
    where.segmented_control(T("click_add"), list(range(data.MAX_CLASSES)), key=ADD,
                            help=T("click_add_help"))
    if OWN in st.session_state:
        where.caption(T("own_note", n=len(st.session_state[OWN][1])))
        if where.button(T("own_clear"), key="tr_own_clear", icon=":material/undo:"):
            del st.session_state[OWN]
            st.session_state[OWN_VERSION] = st.session_state.get(OWN_VERSION, 0) + 1


def set_own(X: np.ndarray, y: np.ndarray) -> None:
    st.session_state[OWN] = (X, y)
    st.session_state[OWN_VERSION] = st.session_state.get(OWN_VERSION, 0) + 1


def add_point(at: list[float] | None) -> None:
    """A click on the map adds a point of the chosen class there; the page then builds the
    trainer anew."""
    label = st.session_state.get(ADD)
    if not at or label is None:
        return
    tr = st.session_state[TRAINER]
    X, y = st.session_state.get(OWN, (tr.X, tr.y))
    set_own(np.vstack([X, [at[:2]]]).astype(np.float32), np.append(y, label).astype(np.float32))
    st.rerun()


def setup(net: nets.NetConfig, cfg: train.TrainConfig, b: tuple | None = None) -> tuple:
    own = st.session_state.get(OWN_VERSION, 0)
    return (net, cfg, own) if b is None else (net, cfg, own, b)


def stop_training() -> None:
    if BG in st.session_state:
        st.session_state[BG].stop()


def trainer(net: nets.NetConfig, cfg: train.TrainConfig, b: tuple | None = None
            ) -> train.Trainer | None:
    """This visitor's trainer (and setting B's, when comparing), and the thread that trains
    them while playing; new ones, both from the start, whenever the settings or the own
    points change."""
    if st.session_state.get(SETUP) != setup(net, cfg, b):
        if net.norm == "batch" and cfg.batch_size < 2:
            st.error(T("bn_batch"), icon=":material/error:")
            return None
        stop_training()
        with st.spinner(T("building")):
            st.session_state[TRAINER] = train.Trainer(net, cfg, st.session_state.get(OWN))
            trainers = (st.session_state[TRAINER],) + trainer_b(b)
        st.session_state[BG] = live.Background(trainers)
        st.session_state[SETUP] = setup(net, cfg, b)
        st.session_state.pop(CLOCK, None)
    if b is not None and TRAINER_B not in st.session_state:
        st.error(T("ab_tag", who="B") + T("bn_batch"), icon=":material/error:")
    return st.session_state[TRAINER]


def trainer_b(b: tuple | None) -> tuple[train.Trainer, ...]:
    """Setting B's trainer on the same data and seed: none when off or when B cannot train."""
    st.session_state.pop(TRAINER_B, None)
    if b is None or (b[0].norm == "batch" and b[1].batch_size < 2):
        return ()
    st.session_state[TRAINER_B] = train.Trainer(*b, st.session_state.get(OWN))
    return (st.session_state[TRAINER_B],)


def status(tr: train.Trainer, stop: int, target: float, who: str = "") -> None:
    """Metrics and outcome of one run; `who` ("A", "B") labels them when comparing."""
    tag = T("ab_tag", who=who) if who else ""
    last = tr.history.iloc[-1]
    row = st.container(horizontal=True)  # wraps on a phone instead of stacking five high
    row.metric(tag + T("m_epoch"), f"{tr.epoch:.1f}", help=T("m_epoch_help", steps=tr.steps))
    row.metric(tag + T("m_loss"), number(last["loss"], ".4f"))
    row.metric(tag + T("m_test_loss"), number(last["test_loss"], ".4f"))
    if tr.task == "regression":
        row.metric(tag + T("m_lr"), number(last["lr"], ".2e"))
    else:
        row.metric(tag + T("m_test_acc"), number(100 * last["test_accuracy"], ".1f") + " %")
    if who != "B":  # one pace for both: the thread keeps them at the same epoch
        epochs, frames = pace()
        row.metric(T("m_speed"), epochs, help=frames)
    if tr.diverged:
        st.error(tag + T("diverged", step=tr.diverged_at, epoch=tr.diverged_at / tr.per_epoch),
                 icon=":material/warning:")
    elif tr.finished(stop, target):
        st.success(tag + T("stopped", epoch=tr.epoch), icon=":material/flag:")


def labels() -> dict:
    return {k: T(f"lv_{k}") for k in live_view.LABELS}


def network(frames: list[dict], gap: float, key: str = VIEW, adding: bool = False) -> int:
    """The network and its prediction map, its frames played `gap` seconds apart (a click adds
    a point while a class is chosen); returns the update's size in bytes."""
    at, size = live_view.show(frames, key, labels(), gap, adding=adding,
                              discrete=st.session_state.get("tr_disc", False),
                              scale=1.5 if present.on() else 1.0)
    add_point(at)
    return size


def draw(tr: train.Trainer, frames: list[dict], gap: float, stop: int, target: float) -> int:
    """The view and the numbers; returns the view's size in bytes."""
    # the picture first: at 1280 x 800 it then fits on the first screen, the numbers under it
    size = network(frames, gap, adding=st.session_state.get(ADD) is not None)
    status(tr, stop, target)
    return size


def trends(tr: train.Trainer) -> None:
    """Loss and gradient charts (Vega): redrawn less often than the network view."""
    h = charts.thin(tr.history, 150)
    left, right = st.columns(2)
    with left:
        st.subheader(T("loss_title"))
        show(loss_lines(h, {"loss": T("train"), "test_loss": T("test")}))
    with right:
        st.subheader(T("grad_now_title"))
        now = grads_now(tr, h)
        show(charts.layer_profile(now, {"grad_norm": T("grad_norm")}, T("layer"),
                                     T("grad_axis")))
        gaps({"": (tr, now)})
    st.subheader(T("grad_time_title"))
    layers = {f"grad_norm_{l}": l for l in range(1, tr.net.depth + 1)}
    show(charts.time_heatmap(over_time(tr, h, per_minibatch()), "epoch", layers, T("epoch"),
                             T("layer"), T("grad_norm")))


def loss_lines(h: pd.DataFrame, series: dict[str, str], ab: int = 0) -> charts.Figure:
    """Losses over epochs. A loss over many decades (diverging: 0.7, then 1.7e34) goes on a log
    axis, where growing geometrically is a straight line; one drawable row (before the first
    step, or diverged after it) shows as dots, as a line needs two."""
    log = charts.spans_decades(h, list(series))
    return charts.lines(h, "epoch", series, T("epoch"), T("loss_axis_log" if log else "loss_axis"),
                        log=log, points=charts.fewest_points(h, list(series), log) < 2, ab=ab)


def per_minibatch() -> bool:
    """The switch between epoch means (a trend) and single minibatches (their noise)."""
    return st.toggle(T("per_minibatch"), key="tr_permb", help=T("per_minibatch_help"))


def over_time(tr: train.Trainer, h: pd.DataFrame, minibatches: bool) -> pd.DataFrame:
    """What the gradient heatmap draws: the history's epoch means, or the last minibatches."""
    return charts.thin(tr.minibatch_grads(), 150) if minibatches else h


def grads_now(tr: train.Trainer, h: pd.DataFrame) -> pd.DataFrame:
    """The last recorded gradient norm of every hidden layer: columns layer, grad_norm."""
    layers = range(1, tr.net.depth + 1)
    return pd.DataFrame({"layer": list(layers),
                         "grad_norm": [h.iloc[-1][f"grad_norm_{l}"] for l in layers]})


def gaps(now: dict[str, tuple[train.Trainer, pd.DataFrame]]) -> None:
    """Why layers are missing from the gradient charts (now: tag -> trainer, its `grads_now`):
    no step taken yet (the steps record the gradients), or a norm a log axis cannot show."""
    if all(tr.steps == 0 and not tr.diverged for tr, _ in now.values()):
        st.caption(T("grads_later"))
        return
    for tag, (_, frame) in now.items():
        if missing := charts.unplottable(frame, ["grad_norm"]):
            st.caption(tag + T("log_missing", layers=span(missing)))


def draw_frames(trainers: tuple[train.Trainer, ...], frames: list[tuple[dict, ...]], gap: float,
                stop: int, target: float) -> int:
    """Each network's frames (one tuple per network), alone or A beside B; returns the size."""
    if len(trainers) == 1:
        return draw(trainers[0], list(frames[0]), gap, stop, target)
    return draw_ab(*trainers, frames, gap, stop, target)


def draw_ab(a: train.Trainer, b: train.Trainer, frames: list[tuple[dict, ...]],
            gap: float, stop: int, target: float) -> int:
    """Settings A and B side by side: what differs, both statuses and both networks; returns
    the views' size in bytes."""
    st.caption(train_controls.differences((a.net, a.cfg), (b.net, b.cfg),
                                          train_controls.labels(), T))
    status(a, stop, target, "A")
    status(b, stop, target, "B")
    size = 0
    for col, who, shots in zip(st.columns(2), "AB", frames):
        with col:
            st.markdown(f"**{T('ab_title', who=who, what=T('net_title'))}**")
            size += network(shots, gap, VIEW if who == "A" else VIEW + "_b",
                            adding=who == "A" and st.session_state.get(ADD) is not None)
    return size


def trends_ab(a: train.Trainer, b: train.Trainer) -> None:
    """Overlaid losses and gradients, and both gradient heatmaps."""
    ha, hb = charts.thin(a.history, 150), charts.thin(b.history, 150)
    left, right = st.columns(2)
    with left:
        st.subheader(T("loss_title"))
        series = {f"{w}_{c}": T("ab_series", who=w.upper(), what=T(n))
                  for w in "ab" for c, n in (("loss", "train"), ("test_loss", "test"))}
        show(loss_lines(charts.overlay(ha, hb, "epoch", ["loss", "test_loss"]), series, ab=2))
    with right:
        st.subheader(T("grad_now_title"))
        now = [grads_now(tr, h) for tr, h in ((a, ha), (b, hb))]
        series = {f"{w}_grad_norm": T("ab_series", who=w.upper(), what=T("grad_norm"))
                  for w in "ab"}
        show(charts.layer_profile(charts.overlay(*now, "layer", ["grad_norm"]), series,
                                  T("layer"), T("grad_axis"), ab=1))
        gaps({T("ab_tag", who=who): (tr, frame) for who, tr, frame in zip("AB", (a, b), now)})
    minibatches = per_minibatch()
    left, right = st.columns(2)
    for col, who, tr, h in ((left, "A", a, ha), (right, "B", b, hb)):
        with col:
            st.subheader(T("ab_title", who=who, what=T("grad_time_title")))
            layers = {f"grad_norm_{l}": l for l in range(1, tr.net.depth + 1)}
            show(charts.time_heatmap(over_time(tr, h, minibatches), "epoch", layers, T("epoch"),
                                     T("layer"), T("grad_norm")))


def end_if_finished(bg: live.Background) -> None:
    """End playing once the stop rule holds (or the run diverged): the whole page reruns, so
    Play turns back into a button and the ticking stops."""
    if bg.finished:
        bg.stop()
        st.session_state[PLAY] = False
        st.rerun()


def tick(bg: live.Background, frames: int) -> None:
    """One live update while playing (bringing `frames` frames of the view): keep the thread
    training, mark the pace, and end playing when the stop rule holds."""
    end_if_finished(bg)
    bg.watch()
    bg.start()  # again after a tab left unwatched for a while
    st.session_state.setdefault(CLOCK, live.Pace(bg.trainer.per_epoch, PACE_WINDOW)).mark(
        time.perf_counter(), bg.trainer.steps, frames)


def pace() -> tuple[str, str | None]:
    """Epochs per second, and the help that says how often the view refreshes."""
    rates = st.session_state[CLOCK].rates() if CLOCK in st.session_state else None
    if rates is None:
        return "–", None
    return f"{rates[0]:.0f}", T("frames", rate=rates[1])


page.header(T, "pages/training.py")
c = Controls()
net, cfg, stop, target = train_controls.controls(c, own_data)
b = train_controls.compare(c, net, cfg)  # setting B's (net, cfg), or None
c.where = st.sidebar.expander(T("g_view"), expanded=True)
speed = c.levels("speed", T("speed"), SPEEDS, 30, help=T("speed_help"),
                 fmt=lambda v: "∞" if v == 0 else spell(v))  # the same in every language
c.where.toggle(T("discrete"), key="tr_disc", help=T("discrete_help"))
c.report()
export_script.training_button(net, cfg, st.session_state.get(OWN), st.session_state.get(TRAINER)
                              if st.session_state.get(SETUP) == setup(net, cfg, b) else None)
tr = trainer(net, cfg, b)
if tr is None:
    st.stop()

playing = st.session_state.setdefault(PLAY, False)
bar = st.container(horizontal=True, vertical_alignment="center")  # stays a row when narrow
if bar.button(T("pause") if playing else T("play"), type="primary", key="tr_play_btn",
               icon=":material/pause:" if playing else ":material/play_arrow:",
               disabled=not playing and all(
                   t.finished(stop, target) for t in st.session_state[BG].trainers)):
    st.session_state[PLAY] = playing = not playing
    st.session_state.pop(CLOCK, None)
    if not playing:
        stop_training()
    st.rerun()
if bar.button(T("step"), key="tr_step_btn", icon=":material/skip_next:"):
    with st.session_state[BG].lock:
        for t in st.session_state[BG].trainers:
            t.step(t.per_epoch)
if bar.button(T("reset"), key="tr_reset_btn", icon=":material/restart_alt:"):
    stop_training()
    st.session_state.pop(SETUP, None)
    st.session_state[PLAY] = playing = False
    st.rerun()
bar.caption(T("seed_note", seed=cfg.seed, n=len(tr.y), batch=tr.batch, per_epoch=tr.per_epoch)
             + ("  \n" + T("own_in_use") if OWN in st.session_state else ""))


@contextlib.contextmanager
def visible(bg: live.Background, turns: live.Turns):
    """While playing, the live views of all visitors draw in turn (so a class playing leaves
    time for everyone else) and the download menus wait; the scheduler skips a trainer while
    its visitor reads it."""
    playing = st.session_state[PLAY]
    with turns.turn() if playing else contextlib.nullcontext(), bg.lock, live_charts(playing):
        yield


def planned(trainers: tuple[train.Trainer, ...]) -> live_view.Plan:
    """The view's pace while playing, planned from the size of its frames now. The size is kept:
    a view that grows while it learns has its pace planned again."""
    size = sum(live_view.frame_bytes(t) for t in trainers)
    st.session_state[PLANNED] = size, live_view.plan(size, len(live.SCHEDULER))
    return st.session_state[PLANNED][1]


@fragment(run_every=planned(st.session_state[BG].trainers).every if playing else None)
def view() -> None:
    if st.session_state[SETUP] != setup(net, cfg, b):
        st.rerun()  # a click added a point: the whole page builds the new trainer
    bg = st.session_state[BG]
    bg.max_epochs, bg.target, bg.pace = stop, target, speed
    playing = st.session_state[PLAY]
    size_then, plan = st.session_state.get(PLANNED, (0, live_view.plan(0, 1)))
    if playing:
        tick(bg, plan.frames)
    count, shots = plan.frames if playing else 1, []  # shots: each frame, a payload per network
    for i in range(count):
        if i:  # the next frame a gap later, the trainers learning meanwhile
            time.sleep(max(0.0, plan.gap - (time.perf_counter() - taken)))
        with visible(bg, live.DRAWS):
            taken = time.perf_counter()
            shots.append([live_view.payload(t) for t in bg.trainers])
            if i == count - 1:  # the last frame taken: draw them all (and the numbers, now)
                size = draw_frames(bg.trainers, list(zip(*shots)), plan.gap, stop, target)
    if playing:
        end_if_finished(bg)  # it may have finished while we drew: no Pause button on a result
        time.sleep(FLUSH)  # the server sends this update before the next run replaces it
        if not 0.75 < size / len(shots) / max(size_then, 1) < 1.33:
            st.rerun()  # the frames grew (or shrank) as it learned: plan their pace again


# with a class playing, each visitor's charts come less often (the view keeps its pace); when
# comparing there are twice the charts, so they come less often too (about 250 KB/s at most)
@fragment(run_every=CHART_TICK * max(1, len(live.SCHEDULER) / 2)
             * (2 if b is not None else 1) if playing else None)
def chart_view() -> None:
    bg = st.session_state[BG]
    with visible(bg, live.CHARTS):
        if len(bg.trainers) == 1:
            trends(bg.trainer)
        else:
            trends_ab(*bg.trainers)


view()
st.caption(T("lv_caption"))  # outside the view's fragment: sent once, not with every frame
chart_view()
page.footer(T)
