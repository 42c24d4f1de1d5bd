"""Batch size: gradient noise against 1/B, training side by side, small- and large-batch paths,
and the learning-rate / batch-size grid."""
import numpy as np
import pandas as pd
import streamlit as st

from playground import batching, contours
from playground.nets import NetConfig
from playground.train import TrainConfig
from ui import charts, entry, i18n, number, page, progress, show, side_by_side
from ui.controls import Controls
from ui.text import batch_size as text

entry.required()

T = i18n.translator(text)
DATASETS = ("circle", "xor", "moons", "spiral", "gaussians")
N_POINTS = 256                   # half train, half test: N = 128 training points
BATCHES = (1, 2, 4, 8, 16, 32, 64, 128)
LRS = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0)
EPOCHS = (2, 5, 10, 20)
DEPTH, WIDTH = 2, 16
PRE_LR, EVERY, CHECKPOINTS, DRAWS = 0.5, 20, 20, 400
# paths: logistic regression on its own data
PATH_N = 256
SMALL, LARGE = (1, 2, 4, 8, 16), (32, 64, 128, 256)
PATH_LRS = (0.1, 0.2, 0.5, 1.0, 2.0, 5.0)
PATH_EPOCHS = (1, 2, 5, 10)
START = (-2.0, 2.0)
DOMAIN = ((-2.5, 2.5), (-1.0, 3.0))
GRID, ISO = 64, 14
# the lr x B grid: both axes double, so each diagonal keeps lr / B fixed
GRID_B = (16, 32, 64, 128)
GRID_LR = (0.32, 0.64, 1.28, 2.56)
GRID_EPOCHS = 10
GRID_CELLS = [(b, lr) for lr in GRID_LR for b in GRID_B]  # rows of the grid's table


def controls(c: Controls):
    c.where.subheader(T("c_noise"))
    k = c.slider("bs_k", T("k"), 0, EVERY * CHECKPOINTS, 0, step=EVERY,
                 help=T("k_help", lr=PRE_LR))
    c.where.subheader(T("c_data"))
    data = c.choice("bs_data", T("dataset"), DATASETS, "circle")
    seed = c.seed("bs_seed", T("seed"))
    c.where.subheader(T("c_train"))
    picked = c.multi("bs_b", T("batches"), [str(b) for b in BATCHES], ("1", "8", "128"))
    lr = c.levels("bs_lr", T("lr"), LRS, 0.1)
    epochs = c.levels("bs_ep", T("epochs"), EPOCHS, 10)
    bn = c.toggle("bs_bn", T("bn"), help=T("bn_help"))
    if not picked:
        c.notes.append(T("need_one", b=8))
        picked = ["8"]
    c.where.subheader(T("c_paths"))
    small = c.levels("bs_ps", T("small"), SMALL, 4)
    large = c.levels("bs_pl", T("large"), LARGE, 256)
    plr = c.levels("bs_plr", T("plr"), PATH_LRS, 0.5)
    pep = c.levels("bs_pep", T("pep"), PATH_EPOCHS, 5)
    lin = c.toggle("bs_lin", T("lin"), help=T("lin_help"))
    batches = sorted(int(b) for b in picked)
    return k, data, seed, batches, lr, epochs, bn, (small, large, plr, pep, lin)


def configs(data: str, seed: int, batch: int = 8, lr: float = 0.1, bn: bool = False):
    """The page's network and data, one run of which trains with `batch` and `lr`."""
    net = NetConfig(depth=DEPTH, width=WIDTH, activation="tanh", norm="batch" if bn else "none",
                    seed=seed)
    train = TrainConfig(dataset=data, n=N_POINTS, train_frac=0.5, batch_size=batch, lr=lr,
                        seed=seed)
    return net, train


@st.cache_data(max_entries=128, show_spinner=False)
def run(data: str, seed: int, batch: int, lr: float, epochs: int, bn: bool) -> batching.Run:
    return batching.train_run(*configs(data, seed, batch, lr, bn), epochs)


@st.cache_data(max_entries=128, show_spinner=False)
def epoch_ms(data: str, seed: int, batch: int, bn: bool) -> float:
    return 1000 * batching.epoch_seconds(*configs(data, seed, batch, bn=bn))


@st.cache_data(max_entries=16, show_spinner=False)
def surface(seed: int):
    """The exact loss of the 2-parameter model on a grid, its iso-lines and its minimum."""
    X, y = batching.logistic_data(PATH_N, seed)
    GX, GY, Z = contours.grid(lambda W: batching.logistic_loss(W, X, y), DOMAIN, GRID)
    w = batching.logistic_minimum(X, y)
    return GX, GY, Z, contours.iso_lines(GX, GY, Z, contours.levels(Z, ISO, log=True)), w


@st.cache_data(max_entries=64, show_spinner=False)
def path(seed: int, batch: int, lr: float, epochs: int) -> pd.DataFrame:
    X, y = batching.logistic_data(PATH_N, seed)
    return batching.sgd_path(X, y, batch, lr, epochs, START, seed)


def path_runs(small: int, large: int, plr: float, lin: bool) -> list[tuple[int, float]]:
    """(batch, lr) of the small- and the large-batch run; linear scaling grows lr with B."""
    return [(small, plr), (large, plr * large / small if lin else plr)]


@st.cache_data(max_entries=16 * len(GRID_CELLS), show_spinner=False)
def cell(data: str, seed: int, batch: int, lr: float) -> tuple[float, bool]:
    return batching.final_loss(*configs(data, seed, batch, lr), GRID_EPOCHS)


@st.cache_data(max_entries=32, show_spinner=False)
def grid(data: str, seed: int) -> pd.DataFrame:
    """Final training loss of every (batch, lr) pair: columns batch, lr, loss, diverged."""
    cells = {(b, lr): cell(data, seed, b, lr) for b, lr in GRID_CELLS}
    return pd.DataFrame([{"batch": b, "lr": lr, "loss": loss, "diverged": diverged}
                         for (b, lr), (loss, diverged) in cells.items()])


@st.cache_data(max_entries=16, show_spinner=False)
def trajectory(data: str, seed: int) -> list[np.ndarray]:
    """The parameters at every checkpoint of the full-batch run the noise is measured along."""
    return batching.checkpoints(*configs(data, seed, lr=PRE_LR), EVERY, CHECKPOINTS)


@st.cache_data(max_entries=16 * (CHECKPOINTS + 1), show_spinner=False)
def noise_at(data: str, seed: int, i: int) -> tuple[batching.Noise, float]:
    """The gradient noise and the training loss at checkpoint i: every checkpoint is measured
    on the first visit, so that moving k never computes."""
    net, train = configs(data, seed, lr=PRE_LR)
    flat = trajectory(data, seed)[i]
    return (batching.noise_at(net, train, flat, list(BATCHES), DRAWS, seed),
            batching.full_loss(net, train, flat))


@st.cache_data(max_entries=256, show_spinner=False)
def noise_view(data: str, seed: int, k: int, lang: str) -> tuple[dict, batching.Noise, float]:
    """The noise chart, the measurement and the loss at checkpoint k (`lang` keys the cache)."""
    result, loss = noise_at(data, seed, k // EVERY)
    keys = {"measured": T("s_measured"), "exact": T("s_exact"), "with_replacement": T("s_repl")}
    frame = result.table.melt(id_vars="batch", value_vars=list(keys), var_name="key",
                              value_name="y").rename(columns={"batch": "x"})
    chart = charts.xy_curves(frame, keys, T("batch_axis"), T("var_axis"), log_x=True,
                             log_y=True, points=("measured",), dashed=("with_replacement",))
    return chart, result, loss


def gradient_noise(data: str, seed: int, k: int) -> None:
    st.subheader(T("noise_title"))
    progress.ensure(T("measuring", count=CHECKPOINTS + 1),  # the first also trains
                    [lambda i=i: noise_at(data, seed, i) for i in range(CHECKPOINTS + 1)],
                    ("bs_noise", data, seed))
    chart, result, loss = noise_view(data, seed, k, i18n.lang())
    show(chart)  # the picture first, how to read it under it
    st.markdown(T("noise_lead", n=result.n, depth=DEPTH, width=WIDTH, draws=DRAWS))
    st.caption(T("noise_full", n=result.n))
    m = st.columns(4)
    m[0].metric(T("m_signal"), number(result.signal, ".3g"))
    m[1].metric(T("m_trace"), number(result.trace, ".3g"))
    m[2].metric(T("m_scale"), number(result.scale, ",.0f"))
    m[3].metric(T("m_loss"), number(loss, ".4f"))
    st.info(T("verdict_noise", balance=number(result.balance, ".3g")), icon=":material/grain:")


@st.cache_data(max_entries=64, show_spinner=False)
def training_view(data: str, seed: int, batches: tuple[int, ...], lr: float, epochs: int,
                  bn: bool, lang: str) -> dict:
    """Charts, table and divergences of the side-by-side runs (`lang` keys the cache)."""
    runs = {b: run(data, seed, b, lr, epochs, bn) for b in batches}
    times = {b: epoch_ms(data, seed, b, bn) for b in batches}
    labels = {str(b): T("s_batch", b=b) for b in batches}
    frame = pd.concat([r.history.assign(key=str(b)) for b, r in runs.items()])
    last = {b: r.history.iloc[-1] for b, r in runs.items()}
    return {
        "step": charts.xy_curves(frame.rename(columns={"step": "x", "loss": "y"}), labels,
                                 T("step_axis"), T("loss_axis"), log_x=True),
        "epoch": charts.xy_curves(frame.rename(columns={"epoch": "x", "loss": "y"}), labels,
                                  T("epoch_axis"), T("loss_axis")),
        "time": charts.xy_curves(
            pd.DataFrame({"key": "ms", "x": batches, "y": [times[b] for b in batches]}),
            {"ms": T("s_ms")}, T("batch_axis"), T("time_axis"), log_x=True, log_y=True,
            points=("ms",)),
        "table": pd.DataFrame({
            T("col_b"): batches,
            T("col_steps"): [runs[b].per_epoch for b in batches],
            T("col_total"): [int(last[b]["step"]) for b in batches],
            T("col_loss"): [number(last[b]["loss"], ".4f") for b in batches],
            T("col_test"): [number(last[b]["test_loss"], ".4f") for b in batches],
            T("col_acc"): [number(100 * last[b]["test_accuracy"], ".1f") + " %"
                           for b in batches],
            T("col_ms"): [number(times[b], ".1f") for b in batches],
        }),
        "diverged": [(b, r.diverged_at) for b, r in runs.items() if r.diverged_at is not None],
    }


def trained_side_by_side(data: str, seed: int, batches: list[int], lr: float, epochs: int,
                 bn: bool) -> None:
    st.subheader(T("train_title"))
    n = N_POINTS // 2
    st.markdown(T("train_lead", depth=DEPTH, width=WIDTH, n=n, lr=f"{lr:g}", epochs=epochs))
    if bn and 1 in batches:
        st.info(T("bn_dropped"), icon=":material/info:")
        batches = [b for b in batches if b > 1] or [2]
    progress.ensure(T("training", b=", ".join(map(str, batches))),
                    [lambda b=b: (run(data, seed, b, lr, epochs, bn), epoch_ms(data, seed, b, bn))
                     for b in batches], ("bs_train", data, seed, tuple(batches), lr, epochs, bn))
    view = training_view(data, seed, tuple(batches), lr, epochs, bn, i18n.lang())
    side_by_side((T("step_title"), view["step"]), (T("epoch_title"), view["epoch"]))
    for b, step in view["diverged"]:
        st.error(T("diverged", b=b, step=step), icon=":material/warning:")
    left, right = st.columns([3, 2])
    with left:
        st.markdown(f"**{T('time_title')}**")
        show(view["time"])
    with right:
        st.caption(T("time_lead"))
    st.dataframe(view["table"], hide_index=True)


@st.cache_data(max_entries=64, show_spinner=False)
def paths_view(seed: int, small: int, large: int, plr: float, pep: int, lin: bool,
               lang: str) -> dict:
    """The map, the gap chart, the end of each run and its warnings (`lang` keys the cache)."""
    GX, GY, Z, lines, w = surface(seed)
    low = float(batching.logistic_loss(w, *batching.logistic_data(PATH_N, seed)))
    runs = {T("s_path", b=b, lr=f"{lr:g}"): (b, path(seed, b, lr, pep))
            for b, lr in path_runs(small, large, plr, lin)}
    frame = pd.concat([p.assign(optimizer=name) for name, (_, p) in runs.items()])
    titles = {k: T(k) for k in ("z", "step", "loss", "start", "minimum")}
    names = {k: k for k in runs}
    gaps = frame.assign(key=frame["optimizer"], x=frame["epoch"], y=frame["loss"] - low)
    ends, notes = [], []
    (x0, x1), (y0, y1) = DOMAIN
    for name, (b, p) in runs.items():
        end = p.iloc[-1]
        ends.append({T("col_run"): name, T("col_total"): int(end["step"]),
                     T("m_gap"): number(end["loss"] - low, ".2e"),
                     T("m_dist"): number(float(np.hypot(end["x"] - w[0], end["y"] - w[1])),
                                         ".3g")})
        W = p[["x", "y"]].to_numpy()
        if not np.isfinite(W).all():
            notes.append(("error", T("path_diverged", name=name)))
        elif ((W[:, 0] < x0) | (W[:, 0] > x1) | (W[:, 1] < y0) | (W[:, 1] > y1)).any():
            notes.append(("warning", T("left_map", name=name,
                                       w=number(float(np.abs(W).max()), ".3g"))))
    return {
        "map": charts.optimizer_map(GX, GY, Z, lines, frame, names, int(frame["step"].max()),
                                    START, [tuple(w)], DOMAIN, True, titles),
        "gap": charts.xy_curves(gaps, names, T("epoch_axis"), T("gap_axis"), log_y=True),
        "ends": pd.DataFrame(ends), "notes": notes,
    }


def paths(seed: int, small: int, large: int, plr: float, pep: int, lin: bool) -> None:
    st.subheader(T("path_title"))
    st.markdown(T("path_lead", n=PATH_N))
    runs = path_runs(small, large, plr, lin)
    progress.ensure(T("path_training"), [lambda b=b, lr=lr: path(seed, b, lr, pep)
                                         for b, lr in runs], ("bs_path", seed, *runs, pep))
    view = paths_view(seed, small, large, plr, pep, lin, i18n.lang())
    left, right = st.columns([3, 2])
    with left:
        show(view["map"])
    with right:
        st.markdown(f"**{T('gap_title')}**")
        show(view["gap"])
    st.dataframe(view["ends"], hide_index=True)
    for kind, note in view["notes"]:
        getattr(st, kind)(note, icon=":material/warning:" if kind == "error"
                          else ":material/open_in_full:")


@st.cache_data(max_entries=64, show_spinner=False)
def grid_view(data: str, seed: int, lang: str) -> tuple[dict, str]:
    """The grid chart and the caption reading its framed diagonal (`lang` keys the cache)."""
    table = grid(data, seed)
    ratio = GRID_LR[0] / GRID_B[0]
    cells = pd.DataFrame({
        "x": table["batch"], "y": [f"{lr:g}" for lr in table["lr"]], "value": table["loss"],
        "outline": (table["lr"] / table["batch"] - ratio).abs() < 1e-9,
        "label": [T("cell_diverged") if d else number(v, ".3f")
                  for v, d in zip(table["loss"], table["diverged"])]})
    chart = charts.value_grid(cells, T("grid_b"), T("grid_lr"), T("grid_value"), list(GRID_B),
                              [f"{lr:g}" for lr in reversed(GRID_LR)])
    diag = cells[cells["outline"]]
    return chart, T("grid_diag", values=T("diag_sep").join(
        T("diag_item", b=r.x, lr=r.y, loss=r.label) for r in diag.itertuples()))


def lr_grid(data: str, seed: int) -> None:
    st.subheader(T("grid_title"))
    st.markdown(T("grid_lead", epochs=GRID_EPOCHS, ratio=f"{GRID_LR[0] / GRID_B[0]:g}"))
    progress.ensure(T("grid_training", cells=len(GRID_CELLS)),
                    [lambda b=b, lr=lr: cell(data, seed, b, lr) for b, lr in GRID_CELLS],
                    ("bs_grid", data, seed))
    chart, caption = grid_view(data, seed, i18n.lang())
    show(chart)
    st.caption(caption)


_, (k, data, seed, batches, lr, epochs, bn, path_setup) = page.opening(
    T, "pages/batch_size.py", controls)

gradient_noise(data, seed, k)
trained_side_by_side(data, seed, batches, lr, epochs, bn)
paths(seed, *path_setup)
lr_grid(data, seed)

page.footer(T)
