"""The controls of a training run, shared by every page that trains a network (same URL keys,
so a setting carries over from one such page to the next)."""
from collections.abc import Callable

import streamlit as st

from playground import activations, data, inits, nets, train
from ui import i18n
from ui.controls import Controls
from ui.text import training as text

T = i18n.translator(text)

LRS = (1e-5, 1e-4, 3e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
BATCHES = (1, 2, 5, 10, 20, 30, 50, 100, 250)
WIDTHS = (1, 2, 3, 4, 5, 6, 8, 12, 16, 32, 64)
RATES = (0.0, 1e-4, 3e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 1.0)
DROPOUTS = (0.0, 0.1, 0.2, 0.3, 0.5)
CLIPS = (0.0, 0.1, 0.5, 1.0, 5.0)
STOPS = (0, 50, 100, 200, 500, 1000)        # epochs; 0 = keep going
TARGETS = (0.0, 0.01, 0.02, 0.05, 0.1, 0.2)  # test loss; 0 = none


def controls(c: Controls, after_data: Callable | None = None
             ) -> tuple[nets.NetConfig, train.TrainConfig, int, float]:
    """Data, network and training controls in three sidebar groups; `after_data(where)` may
    add to the data group. Returns the configs, the epoch limit and the target test loss."""
    c.where = st.sidebar.expander(T("data"), expanded=True)
    ds = c.choice("ds", T("dataset"), tuple(data.DATASETS), "circle")
    classes = c.slider("cls", T("classes"), 2, data.MAX_CLASSES, 2,
                       disabled=ds not in data.MULTICLASS, help=T("classes_help"))
    noise = c.slider("noise", T("noise"), 0, 50, 10, step=5)
    split = c.slider("split", T("split"), 10, 90, 50, step=10)
    feats = c.multi("feat", T("features"), tuple(train.FEATURES), ("x1", "x2"))
    if after_data:
        after_data(c.where)
    c.where = st.sidebar.expander(T("network"), expanded=True)
    depth = c.slider("layers", T("layers"), 1, 10, 2)
    width = c.levels("neurons", T("neurons"), WIDTHS, 4)
    act = c.choice("act", T("activation"), activations.ACTIVATIONS, "tanh")
    init = c.choice("init", T("init"), inits.INITIALIZERS, "xavier_normal")
    norm = c.choice("norm", T("norm"), nets.NORMS, "none")
    drop = c.levels("drop", T("dropout"), DROPOUTS, 0.0)
    res = c.toggle("res", T("residual"))
    c.where = st.sidebar.expander(T("training"), expanded=True)
    opt = c.choice("opt", T("optimizer"), tuple(train.OPTIMIZERS), "sgd")
    lr = c.levels("lr", T("lr"), LRS, 0.03)
    sched = c.choice("sched", T("schedule"), train.SCHEDULES, "constant")
    bs = c.levels("bs", T("batch"), BATCHES, 10)
    regression = ds in data.REGRESSION
    loss = c.choice("loss", T("loss"), ("ce", "mse"), "ce", disabled=regression,
                    help=T("loss_help"))
    l1 = c.levels("l1", T("l1"), RATES, 0.0)
    l2 = c.levels("l2", T("l2"), RATES, 0.0)
    clip = c.levels("clip", T("clip"), CLIPS, 0.0)
    stop = c.levels("stop", T("stop_epochs"), STOPS, 0)
    target = c.levels("target", T("stop_target"), TARGETS, 0.0)
    seed = c.seed("seed", T("seed"))
    multiclass = ds in data.MULTICLASS and classes > 2
    net = nets.NetConfig(depth=depth, width=width, activation=act, init=init, norm=norm,
                         residual=res, dropout=drop, seed=seed)
    cfg = train.TrainConfig(
        dataset=ds, noise=noise / 100, train_frac=split / 100, features=tuple(feats or ("x1", "x2")),
        classes=classes if ds in data.MULTICLASS else 2, optimizer=opt, lr=lr, batch_size=bs,
        l1=l1, l2=l2, schedule=sched, clip=clip, seed=seed, epochs=stop or 200,
        loss="mse" if regression or loss == "mse" else ("ce" if multiclass else "bce"))
    return net, cfg, stop, target
