"""Loss surface: the loss around a trained network's weights, its training path on it, and
why skip connections and cross-entropy make the surface easier to descend."""
import numpy as np
import pandas as pd
import streamlit as st

from playground import contours, nets, surface, train
from ui import charts, entry, i18n, number, page, show, train_controls
from ui.charts.surface3d import surface_3d
from ui.controls import Controls
from ui.text import loss_surface as text

entry.required()

T = i18n.translator(text)
GRIDS = (21, 31, 41)
SPANS = (0.25, 0.5, 1.0, 2.0, 4.0)
EPOCHS = (5, 10, 20, 50, 100, 200)
ISO = 14           # contour levels per map
MIN_EPOCHS = 2     # a trajectory needs three snapshots for its PCA plane
TRAINER, SETUP, OWN_VERSION = "tr_trainer", "tr_setup", "tr_own_v"  # the Training page's state
# The deep pair of Li et al. (2018)'s comparison: ReLU with He initialization and batch norm,
# as in their ResNets. At 20 layers the plain network's surface turns rugged; with He's scale
# and no normalization the skip version's signal doubles per block and training diverges.
DEEP = {"depth": 20, "width": 16, "activation": "relu", "init": "kaiming_normal",
        "norm": "batch"}
DEEP_EPOCHS = 10  # at most: the plain deep network's surface is already rugged by then
COARSE = 15        # grid steps drawn first while a finer surface is computed
DEEP_GRID = 31     # at most, for the deep pair: a 20-layer network costs 40 times the small one
DRAWN = "ls_drawn"  # views of the deep pair this session has computed at their full grid
NEURON_BOX = 8.0   # the sigmoid neuron's (w, b) plane: [-8, 8]^2
NEURON_GRID = 61
WRONG = (-6.0, 0.0)  # a confidently wrong neuron: it predicts the opposite class everywhere


def controls(c: Controls):
    """The Training page's controls (same URL keys), then this page's own. The view is
    (directions, grid steps, span, seed): `surface.landscape`'s arguments in order."""
    net, cfg, stop, target = train_controls.controls(c)
    c.where = st.sidebar.expander(T("g_surface"), expanded=True)
    kind = c.choice("ls_dir", T("directions"), surface.DIRECTIONS, "pca")
    c.where.caption(T(f"dir_{kind}"))
    grid = c.levels("ls_grid", T("grid"), GRIDS, 41)
    span = c.levels("ls_span", T("span"), SPANS, 1.0, help=T("span_help"))
    log = c.toggle("ls_log", T("logc"))
    in_3d = c.toggle("ls_3d", T("in_3d"), help=T("in_3d_help"))
    epochs = c.levels("ls_epochs", T("epochs"), EPOCHS, 50, help=T("epochs_help"))
    dseed = c.seed("ls_seed", T("dseed"))
    return net, cfg, stop, target, (kind, grid, span, dseed), log, in_3d, epochs


@st.cache_data(max_entries=16, show_spinner=False)
def trained(net: nets.NetConfig, cfg: train.TrainConfig, epochs: int, stop: int,
            target: float) -> surface.Trained:
    """A new network trained for `epochs` (or until the Training page's stop rule)."""
    tr = train.Trainer(net, cfg)
    while tr.epoch < epochs and not tr.finished(stop, target):
        tr.step(tr.per_epoch)
    return surface.trained(tr)


@st.cache_data(max_entries=16, show_spinner=False)
def fresh(net: nets.NetConfig, cfg: train.TrainConfig, epochs: int, stop: int, target: float,
          view: tuple) -> surface.Landscape:
    """Look at that network from `view`: a new view does not train it again."""
    return surface.landscape(trained(net, cfg, epochs, stop, target), *view)


@st.cache_data(max_entries=16, show_spinner=False)
def live(_tr: train.Trainer, setup: tuple, weights: np.ndarray, view: tuple) -> surface.Landscape:
    """The Training page's network as it is now (its weights are the cache key)."""
    return surface.landscape(_tr, *view)


@st.cache_data(max_entries=4, show_spinner=False)
def deep_trained(dataset: str, classes: int, seed: int, epochs: int) -> list[surface.Trained]:
    """The same deep network trained without and with skip connections.

    Only the dataset (not the other training settings) is taken from the page: training two
    20-layer networks is too slow to redo on every slider move."""
    cfg = train.TrainConfig(dataset=dataset, classes=classes, seed=seed,
                            loss="ce" if classes > 2 else "bce")
    out = []
    for residual in (False, True):
        tr = train.Trainer(nets.NetConfig(**DEEP, residual=residual, seed=seed), cfg)
        tr.step(epochs * tr.per_epoch)  # stops by itself if it diverges
        out.append(surface.trained(tr))
    return out


@st.cache_data(max_entries=16, show_spinner=False)
def deep_pair(dataset: str, classes: int, seed: int, epochs: int, view: tuple) -> list:
    """Both deep networks on filter-normalized planes, each with its roughness (None where
    the surface is not finite everywhere)."""
    _, grid, span, dseed = view
    out = []
    for tr in deep_trained(dataset, classes, seed, epochs):
        ls = surface.landscape(tr, "filter", grid, span, dseed, line=False)
        finite = np.isfinite(ls.Z).all() and (ls.Z > 0).all()
        out.append((ls, surface.roughness(ls.Z, ls.alphas, ls.betas) if finite else None))
    return out


@st.cache_data(max_entries=8, show_spinner=False)
def contour(Z: np.ndarray, alphas: np.ndarray, betas: np.ndarray, log: bool):
    """The map's grid (x = alpha, y = beta) and its iso-lines."""
    X, Y = np.meshgrid(alphas, betas)  # (steps, steps): rows follow beta
    Zmap = Z.T
    return X, Y, Zmap, contours.iso_lines(X, Y, Zmap, contours.levels(Zmap, ISO, log))


@st.cache_data(max_entries=1, show_spinner=False)
def neuron():
    """Both losses of one sigmoid neuron over its (w, b) plane, and the gradient size along
    b = 0."""
    x, y = surface.neuron_data()
    ws = np.linspace(-NEURON_BOX, NEURON_BOX, NEURON_GRID)
    W, B = np.meshgrid(ws, ws)
    maps, line = {}, pd.DataFrame({"w": np.linspace(-NEURON_BOX, NEURON_BOX, 201)})
    for loss in ("ce", "mse"):
        Z, _, _ = surface.neuron_loss(W, B, x, y, loss)
        maps[loss] = (Z, contours.iso_lines(W, B, Z, contours.levels(Z, ISO)))
        _, gw, gb = surface.neuron_loss(line["w"], np.zeros(len(line)), x, y, loss)
        line[loss] = np.hypot(gw, gb)
    at = {loss: surface.neuron_loss(*WRONG, x, y, loss) for loss in ("ce", "mse")}
    return W, B, maps, line, at


def frames(ls: surface.Landscape) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The path and its two markers (start, trained weights) as the map draws them."""
    end = pd.DataFrame({"x": [0.0], "y": [0.0], "kind": [T("end")]})
    if ls.path.empty:
        return ls.path, end
    start = ls.path.iloc[:1][["x", "y"]].assign(kind=T("start"))
    return ls.path, pd.concat([start, end], ignore_index=True)


def loss_map(ls: surface.Landscape, log: bool, axes: tuple[str, str]):
    X, Y, Zmap, lines = contour(ls.Z, ls.alphas, ls.betas, log)
    path, marks = frames(ls)
    domain = ((ls.alphas[0], ls.alphas[-1]), (ls.betas[0], ls.betas[-1]))
    titles = {"x": axes[0], "y": axes[1], "z": T("z"), "step": T("step"), "start": T("start"),
              "end": T("end")}
    # a PCA plane spans far more along its first direction than its second: drawn at one
    # scale it would be a thin strip, so the plane fills the map
    return charts.loss_map(X, Y, Zmap, lines, path, marks, domain, log, titles, square=False)


def drawable(ls: surface.Landscape) -> bool:
    """Say why a surface cannot be drawn (diverged weights, no finite loss on the grid)."""
    if ls.diverged_at is not None:
        st.error(T("diverged", step=ls.diverged_at), icon=":material/warning:")
        return False
    if not np.isfinite(ls.Z).any():
        st.error(T("no_finite"), icon=":material/warning:")
        return False
    return True


def numbers(ls: surface.Landscape) -> None:
    m = st.columns(4)
    m[0].metric(T("m_epoch"), f"{ls.epoch:.1f}", help=T("m_epoch_help", steps=ls.steps))
    m[1].metric(T("m_loss"), number(ls.loss, ".4f"))
    m[2].metric(T("m_test_loss"), number(ls.test_loss, ".4f"))
    m[3].metric(T("m_points"), f"{ls.n}", help=T("m_points_help"))


def in_3d(ls: surface.Landscape, log: bool, axes: tuple[str, str]):
    """The surface in 3-D, the path drawn on it (at the surface's height where it passes)."""
    path = ls.path
    if not path.empty:
        path = path.assign(z=surface.heights(ls.Z, ls.alphas, ls.betas, path["x"], path["y"]))
    titles = {"x": axes[0], "y": axes[1], "z": T("z"), "path": T("path3d"), "start": T("start")}
    return surface_3d(ls.alphas, ls.betas, ls.Z, titles, log, path)


def surfaces(ls: surface.Landscape, log: bool, three_d: bool) -> None:
    left, right = st.columns([3, 2])
    with left:
        st.subheader(T("map_title"))
        pca = ls.kind == "pca"
        axes = (T("ax_pc1"), T("ax_pc2")) if pca else (T("ax_d1"), T("ax_d2"))
        show(in_3d(ls, log, axes) if three_d else loss_map(ls, log, axes))
        if pca:
            st.caption(T("map_pca_3d" if three_d else "map_pca", e1=ls.explained[0],
                         e2=ls.explained[1], n=ls.n)
                       + ("  \n" + T("path3d_note") if three_d else ""))
        else:
            st.caption(T("map_filter", span=ls.alphas[-1], n=ls.n))
    with right:
        st.subheader(T("interp_title"))
        show(charts.lines(ls.line, "alpha", {"train": T("train"), "test": T("test")},
                          T("alpha"), T("z")))
        st.caption(T("interp_note"))


def deep_3d(ls: surface.Landscape, rough: surface.Roughness | None) -> None:
    """One deep network's surface in 3-D, its range and roughness under it."""
    if not drawable(ls):
        return
    titles = {"x": T("ax_d1"), "y": T("ax_d2"), "z": T("z"), "path": "", "start": ""}
    show(surface_3d(ls.alphas, ls.betas, ls.Z, titles, log=True))
    st.caption(T("res_range", centre=number(ls.loss, ".3g"),
                 top=number(float(np.nanmax(ls.Z)), ".3g")))
    if rough is not None:
        m = st.columns(2)
        m[0].metric(T("m_minima"), f"{rough.minima}", help=T("m_minima_help"))
        m[1].metric(T("m_curvature"), number(rough.curvature, ".3g"), help=T("m_curvature_help"))


def residual_panel(cfg: train.TrainConfig, seed: int, epochs: int, view: tuple) -> None:
    """Always on a log height axis: without skips the loss spans several decades. A view not
    yet computed at its grid is drawn on a coarse grid first, then replaced."""
    st.header(T("res_title"))
    kind, grid, span, dseed = view
    grid = min(grid, DEEP_GRID)
    st.markdown(T("res_lead", epochs=epochs, span=span, grid=grid, **DEEP))
    slots = [col.empty() for col in st.columns(2)]
    key = (cfg.dataset, cfg.classes, seed, epochs, grid, span, dseed)
    done = st.session_state.setdefault(DRAWN, set())
    with st.spinner(T("training_deep", epochs=epochs)):
        for g in [grid] if key in done or grid <= COARSE else [COARSE, grid]:
            pair = deep_pair(cfg.dataset, cfg.classes, seed, epochs, (kind, g, span, dseed))
            for slot, (ls, rough), title in zip(slots, pair, (T("res_off"), T("res_on"))):
                with slot.container():
                    st.subheader(title)
                    deep_3d(ls, rough)
    done.add(key)
    st.caption(T("res_note"))


def neuron_panel(log: bool) -> None:
    st.header(T("neuron_title"))
    st.markdown(T("neuron_lead", w=WRONG[0], b=WRONG[1]))
    W, B, maps, line, at = neuron()
    domain = ((-NEURON_BOX, NEURON_BOX), (-NEURON_BOX, NEURON_BOX))
    titles = {"x": T("ax_w"), "y": T("ax_b"), "z": T("z"), "step": T("step"),
              "start": T("wrong"), "end": T("best")}
    for col, loss in zip(st.columns(2), ("ce", "mse")):
        Z, lines = maps[loss]
        i, j = np.unravel_index(np.argmin(Z), Z.shape)
        marks = pd.DataFrame({"x": [WRONG[0], W[i, j]], "y": [WRONG[1], B[i, j]],
                              "kind": [T("wrong"), T("best")]})
        with col:
            st.subheader(T(f"{loss}_title"))
            show(charts.loss_map(W, B, Z, lines, pd.DataFrame(columns=["step", "x", "y", "loss"]),
                                 marks, domain, log, titles))
            L, gw, gb = at[loss]
            st.metric(T("m_grad"), number(float(np.hypot(gw, gb)), ".2e"),
                      help=T("m_grad_help", loss=number(float(L), ".3f")))
    left, right = st.columns([3, 2])
    with left:
        st.subheader(T("grad_title"))
        show(charts.lines(line, "w", {"ce": T("ce_title"), "mse": T("mse_title")}, T("ax_w"),
                          T("grad_axis"), log=True))
    with right:
        ce, mse = (float(np.hypot(at[k][1], at[k][2])) for k in ("ce", "mse"))
        st.info(T("neuron_verdict", ratio=ce / mse, w=WRONG[0], b=WRONG[1]),
                icon=":material/insights:")


_, (net, cfg, stop, target, view, log, three_d, epochs) = page.opening(
    T, "pages/loss_surface.py", controls)

if net.norm == "batch" and cfg.batch_size < 2:
    st.error(T("bn_batch"), icon=":material/error:")
    st.stop()
setup = (net, cfg, st.session_state.get(OWN_VERSION, 0))
theirs = st.session_state.get(TRAINER) if st.session_state.get(SETUP) == setup else None
uses_live = theirs is not None and theirs.epoch >= MIN_EPOCHS
allowed = epochs if uses_live else train.affordable_epochs(net, cfg, epochs)
if allowed < epochs:
    st.warning(T("reduced", asked=epochs, epochs=allowed), icon=":material/timer:")
drawn = st.container()  # the map and the line first; where the network came from under them
if uses_live:
    with st.spinner(T("computing")):
        ls = live(theirs, setup, surface.flat(theirs.model).numpy(), view)
    st.success(T("using_live", epoch=theirs.epoch), icon=":material/link:")
else:
    with st.spinner(T("training", epochs=allowed)):
        ls = fresh(net, cfg, allowed, stop, target, view)
    st.info(T("using_fresh", epochs=ls.epoch, seed=net.seed)
            + ("  \n" + T("live_young", epochs=MIN_EPOCHS) if theirs is not None else ""),
            icon=":material/model_training:")
with drawn:
    if drawable(ls):
        surfaces(ls, log, three_d)
numbers(ls)
residual_panel(cfg, net.seed, min(epochs, DEEP_EPOCHS), view)
neuron_panel(log)

page.footer(T)
