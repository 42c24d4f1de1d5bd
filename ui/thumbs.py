"""The home page's card pictures: each experiment's key chart at its page's default settings,
made by the engine calls and the chart builder that page uses, drawn small and without text.

A page is a script and cannot be imported, so each recipe below repeats its page's defaults
and steps (named in its docstring); tests/test_thumbs.py checks the pictures' data against
what the pages themselves show at their defaults.

The pictures are PNG files drawn once per process by vl-convert, not Vega charts: eleven
Vega views made the browser draw the last picture long after the cards, eleven images come
with them (bench/bench_pages.py --home-only measures both). They have a transparent background
and no text, so one file serves the light and the dark theme.
"""
import io
from collections.abc import Callable

import numpy as np
import pandas as pd
import streamlit as st
from PIL import Image

from playground import (activations, backprop, batching, cnn, contours, data, functions2d, info,
                        nets, norms, paths, probes, recurrent, surface, train)
from playground import ensembles as en
from playground import regularize as rg
from ui import charts, i18n, train_controls
from ui.charts import export
from ui.controls import option_label
from ui.text import activations as activations_text
from ui.text import backprop as backprop_text
from ui.text import data_ensembles as data_ensembles_text
from ui.text import (batch_size, cnn_arithmetic, gradient_flow, loss_surface,
                     losses_information, normalization, optimizer_paths, regularization,
                     rnn_lstm, training)

SIZE = (320, 200)  # CSS px of every picture: one shape, so cards in a row line up
SCALE = 2          # pixels per CSS px: sharp on a retina phone and on a projector
PAD = 6            # px around the plot: a line's end point is not cut in half


# -- the engine at each page's defaults (language-free, computed once per process) ------------

@st.cache_data(show_spinner=False)
def trained_map() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Training: the default network (2 hidden layers of 4 tanh units, SGD at 0.03, batch 10, on
    the circle) after 200 epochs, the horizon of its schedule: its decision grid and the points
    (x1, x2, value, set: train/test)."""
    tr = train.Trainer(train_controls.DEFAULT_NET, train.TrainConfig())
    tr.step(tr.cfg.epochs * tr.per_epoch)
    Xtr, ytr, Xte, yte = tr.points
    points = pd.concat([pd.DataFrame({"x1": X[:, 0], "x2": X[:, 1], "value": y, "set": s})
                        for X, y, s in ((Xtr, ytr, "train"), (Xte, yte, "test"))],
                       ignore_index=True)
    return train.decision_grid(tr), points


@st.cache_data(show_spinner=False)
def landscape() -> surface.Landscape:
    """Loss surface (`fresh`): the Training page's default run for 50 epochs, PCA plane, 41
    steps, span 1, direction seed 0."""
    net, cfg = train_controls.DEFAULT_NET, train.TrainConfig()
    epochs = train.affordable_epochs(net, cfg, 50)
    tr = train.Trainer(net, cfg)
    while tr.epoch < epochs and not tr.finished(0, 0.0):
        tr.step(tr.per_epoch)
    return surface.landscape(tr, "pca", 41, 1.0, 0)


@st.cache_data(show_spinner=False)
def gradient_stats() -> pd.DataFrame:
    """Gradient flow (`probe`): a fresh 10 x 64 sigmoid network, Xavier normal, on 256 circle
    points."""
    cfg = nets.NetConfig(depth=10, width=64, activation="sigmoid", init="xavier_normal")
    X, y = data.make_dataset("circle", n=256, noise=0.1, seed=cfg.seed)
    return probes.layer_stats(nets.build_mlp(cfg), X, y)


def race_setup() -> paths.Setup:
    """Optimizer paths at its defaults: the quadratic (condition 10, turned 30°) from its own
    start point, the default optimizers, learning rate and steps."""
    f = functions2d.function("quadratic", 10.0, 30.0)
    return paths.Setup(function="quadratic", kappa=10.0, angle=30.0, start=f.start)


@st.cache_data(show_spinner=False)
def race() -> tuple[paths.Comparison, tuple]:
    """Optimizer paths (`race`, `surface`): the paths, and the map's 64 x 64 grid with 14
    iso-lines on a log scale."""
    s = race_setup()
    f, _ = paths.problem(s)
    X, Y, Z = contours.grid(f.value, f.domain, 64)
    return paths.compare(s), (X, Y, Z, contours.iso_lines(X, Y, Z, contours.levels(Z, 14, True)))


@st.cache_data(show_spinner=False)
def gradient_noise() -> batching.Noise:
    """Batch size (`noise_at` at k = 0): minibatch gradient noise of the page's 2 x 16 tanh
    network at its initial weights, 128 circle points, 400 draws per batch size."""
    net = nets.NetConfig(depth=2, width=16, activation="tanh", norm="none", seed=0)
    cfg = train.TrainConfig(dataset="circle", n=256, train_frac=0.5, batch_size=8, lr=0.5,
                            seed=0)
    start = batching.checkpoints(net, cfg, 20, 0)[0]
    return batching.noise_at(net, cfg, start, [1, 2, 4, 8, 16, 32, 64, 128], 400, 0)


@st.cache_data(show_spinner=False)
def norm_losses() -> pd.DataFrame:
    """Normalization (`training_charts`): training loss per epoch of the 6-layer tanh network
    without and with batch norm, learning rate 0.3, 20 epochs: columns epoch, none, batch."""
    runs = {n: norms.training_snapshots(n, "tanh", 0.3, 6, epochs=20, seed=0)
            for n in ("none", "batch")}
    return runs["none"].loss.rename(columns={"loss": "none"}).merge(
        runs["batch"].loss.rename(columns={"loss": "batch"}), on="epoch", how="outer")


# -- each page's key chart, as that page builds it ---------------------------------------------

def training_chart(lang: str) -> dict:
    """The prediction map the live view draws, made with the Vega map builder; like the live
    view, and the other maps (see charts.maps.numbers), its plot has the aspect of its domain."""
    T = i18n.translator(training, lang)
    grid, points = trained_map()
    points = points.assign(set=points["set"].map({"train": T("train"), "test": T("test")}))
    spec = charts.decision_boundary(grid, points, "binary", "x₁", "x₂", T("lv_output"))
    x, y = (spec["layer"][0]["encoding"][k]["scale"]["domain"] for k in ("x", "y"))
    return spec | {"usermeta": {"plot": [SIZE[1] * (x[1] - x[0]) / (y[1] - y[0]), SIZE[1]]}}


def loss_surface_chart(lang: str) -> dict:
    T = i18n.translator(loss_surface, lang)
    ls = landscape()
    X, Y = np.meshgrid(ls.alphas, ls.betas)
    Z = ls.Z.T
    lines = contours.iso_lines(X, Y, Z, contours.levels(Z, 14, False))
    end = pd.DataFrame({"x": [0.0], "y": [0.0], "kind": [T("end")]})
    marks = pd.concat([ls.path.iloc[:1][["x", "y"]].assign(kind=T("start")), end],
                      ignore_index=True) if not ls.path.empty else end
    domain = ((ls.alphas[0], ls.alphas[-1]), (ls.betas[0], ls.betas[-1]))
    titles = {"x": T("ax_pc1"), "y": T("ax_pc2"), "z": T("z"), "step": T("step"),
              "start": T("start"), "end": T("end")}
    return charts.loss_map(X, Y, Z, lines, ls.path, marks, domain, False, titles, square=False)


def backprop_chart(lang: str) -> dict:
    """pages/backprop.py at its defaults: the graph after the last step, without its labels."""
    T = i18n.translator(backprop_text, lang)
    w = backprop.walk(nets.NetConfig(depth=2, width=3, activation="sigmoid"), (0.5, -1.0), 1.0)
    nodes, edges = backprop.graph(w, 2 * w.layers)
    heads = [T("h_input"), T("h_layer", l=1), T("h_layer", l=2), T("h_output"), T("h_loss")]
    return charts.network_graph(nodes, edges, heads, labels=False)


def gradient_flow_chart(lang: str) -> dict:
    T = i18n.translator(gradient_flow, lang)
    return charts.layer_profile(gradient_stats(), {"grad_norm": T("s_grad_w"),
                                                   "act_grad_norm": T("s_grad_h")},
                                T("layer"), T("grad_axis"), log=True)


def optimizer_paths_chart(lang: str) -> dict:
    T = i18n.translator(optimizer_paths, lang)
    s = race_setup()
    f, start = paths.problem(s)
    result, (X, Y, Z, lines) = race()
    return charts.optimizer_map(X, Y, Z, lines, result.frame,
                                {n: option_label(n, lang) for n in s.optimizers},
                                s.steps, start, f.minima, f.domain, True,
                                {k: T(k) for k in ("z", "step", "loss", "start", "minimum")})


def batch_size_chart(lang: str) -> dict:
    T = i18n.translator(batch_size, lang)
    keys = {"measured": T("s_measured"), "exact": T("s_exact"), "with_replacement": T("s_repl")}
    frame = gradient_noise().table.melt(id_vars="batch", value_vars=list(keys), var_name="key",
                                        value_name="y").rename(columns={"batch": "x"})
    return charts.xy_curves(frame, keys, T("batch_axis"), T("var_axis"), log_x=True, log_y=True,
                            points=("measured",), dashed=("with_replacement",))


def normalization_chart(lang: str) -> dict:
    """The loss per epoch without and with batch norm, the default epoch shown (15) marked."""
    T = i18n.translator(normalization, lang)
    return charts.marked_lines(norm_losses(), "epoch", {"none": T("s_none"),
                                                        "batch": T("s_batch")},
                               T("epoch_axis"), T("loss_axis"), 15, log=False)


def regularization_chart(lang: str) -> dict:
    """The L1 diamond meeting the loss contours (condition 4, turned 30°, λ = 0.3)."""
    T = i18n.translator(regularization, lang)
    H = rg.hessian(4.0, 30.0)
    X, Y, Z = contours.grid(lambda W: rg.objective(H, rg.WSTAR, W), rg.DOMAIN, 36)
    iso = contours.iso_lines(X, Y, Z, contours.levels(Z, 12))
    lams = np.round(np.arange(0, 1.5 + 0.02 / 2, 0.02), 10)
    path = rg.solution_paths(4.0, 30.0, lams)[["lam", "l1_w1", "l1_w2"]].set_axis(
        ["lam", "x", "y"], axis=1)
    w = rg.l1_solution(H, rg.WSTAR, 0.3)[0]
    level = float(rg.objective(H, rg.WSTAR, w))
    touch = contours.iso_lines(X, Y, Z, [level] if level > 0 else [])
    marks = pd.DataFrame({"x": [rg.WSTAR[0], w[0]], "y": [rg.WSTAR[1], w[1]],
                          "kind": [T("minimum"), T("solution")]})
    titles = {k: T(k) for k in ("x", "y", "z", "minimum", "solution")} | {"lam": T("lam_axis")}
    return charts.constraint_map(X, Y, Z, iso, rg.DOMAIN, rg.ball("l1", np.abs(w).sum()), touch,
                                 path, marks, charts.SERIES[0], titles)


@st.cache_data(show_spinner=False)
def bagged() -> en.Bagging:
    """Data & ensembles (`bagged`): 10 members and a dropout network at p = 0.3, seed 0."""
    return en.bagging(10, 0.3, 0)


def data_ensembles_chart(lang: str) -> dict:
    """The members' boundaries, faint, over the map of their average and its bold boundary;
    like Training's map, the plot has the aspect of its domain."""
    T = i18n.translator(data_ensembles_text, lang)
    b = bagged()
    spec = charts.decision_boundary(
        b.plane.frame(b.average), en.points_frame(*b.train, T("s_train")), "binary", T("x1"),
        T("x2"), T("value"), lines=b.lines(T("s_member"), T("s_average")),
        styles=((T("s_member"), "faint"), (T("s_average"), "bold")))
    x, y = (spec["layer"][0]["encoding"][k]["scale"]["domain"] for k in ("x", "y"))
    return spec | {"usermeta": {"plot": [SIZE[1] * (x[1] - x[0]) / (y[1] - y[0]), SIZE[1]]}}


def losses_information_chart(lang: str) -> dict:
    """p = (5, 3, 1, 1) and q uniform, normalized."""
    T = i18n.translator(losses_information, lang)
    p, q = (info.normalize(info.parse_numbers(s)[0]) for s in ("5, 3, 1, 1", "1, 1, 1, 1"))
    cats = pd.DataFrame({"k": np.arange(1, len(p) + 1), "p": p, "q": q})
    return charts.grouped_bars(cats, "k", {"p": T("s_p"), "q": T("s_q")},
                               T("category"), T("probability"))


def cnn_arithmetic_chart(lang: str) -> dict:
    """AlexNet's sizes and receptive fields per layer."""
    T = i18n.translator(cnn_arithmetic, lang)
    net = cnn.PRESETS["alexnet"]
    table = cnn.analyze(cnn.parse_stack(net.stack)[0], net.height, net.width, net.channels).table
    sizes = {"h": T("s_h")} | ({"w": T("s_w")} if (table["h"] != table["w"]).any() else {})
    return charts.stack_profile(table, sizes | {"field": T("s_field")},
                                T("layer_axis"), T("px_axis"))


def activations_chart(lang: str) -> dict:
    """sigmoid, tanh, ReLU and GELU on [-6, 6], ReLU dashed."""
    T = i18n.translator(activations_text, lang)
    names = ["sigmoid", "tanh", "relu", "gelu"]
    table = activations.table(names, -6, 6)
    return charts.lines(table, "z", {f"f_{a}": option_label(a, lang) for a in names}, T("z"),
                        T("value"), dashed=(option_label("relu", lang),))


def rnn_lstm_chart(lang: str) -> dict:
    """The gradient's norm back through 50 steps of a tanh RNN, an LSTM and a GRU."""
    T = i18n.translator(rnn_lstm, lang)
    cfg = recurrent.SeqConfig()
    runs = {k: recurrent.backprop(k, recurrent.for_cell(cfg, k)) for k in recurrent.CELLS}
    names = {"rnn": "RNN (tanh)", "lstm": "LSTM", "gru": "GRU"}
    return charts.lines(recurrent.by_step(runs), "back", {k: names[k] for k in runs}, T("back"),
                        T("grad_axis"), log=True)


CHARTS: dict[str, Callable[[str], dict]] = {
    "pages/training.py": training_chart,
    "pages/loss_surface.py": loss_surface_chart,
    "pages/backprop.py": backprop_chart,
    "pages/gradient_flow.py": gradient_flow_chart,
    "pages/optimizer_paths.py": optimizer_paths_chart,
    "pages/batch_size.py": batch_size_chart,
    "pages/normalization.py": normalization_chart,
    "pages/regularization.py": regularization_chart,
    "pages/data_ensembles.py": data_ensembles_chart,
    "pages/losses_information.py": losses_information_chart,
    "pages/cnn_arithmetic.py": cnn_arithmetic_chart,
    "pages/activations.py": activations_chart,
    "pages/rnn_lstm.py": rnn_lstm_chart,
}


# -- drawing them small --------------------------------------------------------------------------

LEGENDS = {"color", "fill", "stroke", "shape", "size", "opacity", "fillOpacity",
           "strokeOpacity", "strokeDash", "strokeWidth", "angle"}  # channels that take one


def _bare(node):
    """A copy of a spec's structure (rows shared, not copied) with no axis, legend, title,
    tooltip or click selection."""
    if isinstance(node, list):
        return [_bare(v) for v in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for k, v in node.items():
        if k in ("datasets", "data", "values"):
            out[k] = v
        elif k == "params":
            out[k] = [_bare(p) for p in v if "select" not in p]
        elif k == "encoding":
            out[k] = {ch: _channel(ch, _bare(e)) for ch, e in v.items() if ch != "tooltip"}
        elif k not in ("tooltip", "title"):
            out[k] = _bare(v)
    return out


def _channel(name: str, e):
    """An encoding without its axis or legend."""
    if not isinstance(e, dict) or "field" not in e:
        return e
    if name in ("x", "y"):
        return e | {"axis": None}
    return e | {"legend": None} if name in LEGENDS else e


def thumbnail(spec: dict) -> dict:
    """`spec` as a small picture: no text, a transparent background, SIZE, or as wide as its
    height allows where it is a map with the aspect of its domain (usermeta "plot", see
    charts.maps.numbers): a map shows its domain and no more."""
    s = _bare(spec)
    width, height = SIZE
    if plot := s.pop("usermeta", {}).get("plot"):
        width = min(width, round((height - 2 * PAD) * plot[0] / plot[1]) + 2 * PAD)
    s |= {"width": width, "height": height, "background": "transparent", "padding": PAD,
          "autosize": {"type": "fit", "contains": "padding"}}
    config = s.get("config", {})
    s["config"] = config | {"view": config.get("view", {}) | {"stroke": None},
                            "axis": config.get("axis", {}) | {"grid": False}}
    return s


@st.cache_data(show_spinner=False, max_entries=4 * len(CHARTS))
def picture(page: str, lang: str) -> bytes:
    """The PNG of `page`'s key chart (a file under pages/) in `lang`, centred on a SIZE canvas
    and in 256 colours: a sixth of the bytes (the decision map's 176 KB became 28 KB), and no
    visible change at this size."""
    drawn = Image.open(io.BytesIO(export.png(thumbnail(CHARTS[page](lang)), scale=SCALE)))
    canvas = Image.new("RGBA", (SIZE[0] * SCALE, SIZE[1] * SCALE), (0, 0, 0, 0))
    canvas.paste(drawn, ((canvas.width - drawn.width) // 2, (canvas.height - drawn.height) // 2))
    out = io.BytesIO()
    canvas.quantize(256, method=Image.Quantize.FASTOCTREE).save(out, "PNG", optimize=True)
    return out.getvalue()


@st.cache_data(show_spinner=False)
def blank() -> bytes:
    """A transparent PNG of the pictures' shape: holds a picture's place while it is made, so
    the cards do not move when it arrives."""
    out = io.BytesIO()
    Image.new("RGBA", (SIZE[0] // 10, SIZE[1] // 10), (0, 0, 0, 0)).save(out, "PNG")
    return out.getvalue()
