"""The controls of a training run, shared by every page that trains a network (same URL keys,
so a setting carries over from one such page to the next), and the B side of an A/B
comparison: B's controls follow A until one is set (keys `b_...`, so a link carries only what
B changes)."""
import dataclasses
from collections.abc import Callable, Sequence

import streamlit as st

from playground import activations, data, inits, nets, optim, train
from ui import i18n, schedule
from ui.controls import (DEFAULTS, Controls, fix_int, fix_level, forget, labeller,
                         option_label, readings, relabel, respell, spell)
from ui.echo import literal
from ui.text import training as text

T = i18n.translator(text)

LRS = (1e-5, 1e-4, 3e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
BATCHES = (1, 2, 5, 10, 20, 30, 50, 100, 250)
WIDTHS = (1, 2, 3, 4, 5, 6, 8, 12, 16, 32, 64)
RATES = (0.0, 1e-4, 3e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 1.0)
DROPOUTS = (0.0, 0.1, 0.2, 0.3, 0.5)
CLIPS = (0.0, 0.1, 0.5, 1.0, 5.0)
STOPS = (0, 50, 100, 200, 500, 1000)        # epochs; 0 = keep going
DEFAULT_NET = nets.NetConfig(depth=2, width=4)  # the network Training opens on
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
    depth = c.slider("layers", T("layers"), 1, 10, DEFAULT_NET.depth)
    width = c.levels("neurons", T("neurons"), WIDTHS, DEFAULT_NET.width)
    act = c.choice("act", T("activation"), activations.ACTIVATIONS, "tanh")
    init = c.choice("init", T("init"), inits.INITIALIZERS, "xavier_normal")
    norm = c.choice("norm", T("norm"), nets.NORMS, "none")
    drop = c.levels("drop", T("dropout"), DROPOUTS, 0.0)
    res = c.toggle("res", T("residual"))
    c.where = st.sidebar.expander(T("training"), expanded=True)
    opt = c.choice("opt", T("optimizer"), tuple(optim.OPTIMIZERS), "sgd")
    lr = c.levels("lr", T("lr"), LRS, 0.03)
    sched = c.choice("sched", T("schedule"), tuple(optim.SCHEDULES), "constant")
    schedule_place = c.where.container()  # drawn once the horizon (the stop rule) is known
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
    epochs = stop or train.TrainConfig.epochs  # the schedules' horizon
    schedule(schedule_place, sched, epochs, T("epoch"))
    multiclass = ds in data.MULTICLASS and classes > 2
    net = nets.NetConfig(depth=depth, width=width, activation=act, init=init, norm=norm,
                         residual=res, dropout=drop, seed=seed)
    cfg = train.TrainConfig(
        dataset=ds, noise=noise / 100, train_frac=split / 100, features=tuple(feats or ("x1", "x2")),
        classes=classes if ds in data.MULTICLASS else 2, optimizer=opt, lr=lr, batch_size=bs,
        l1=l1, l2=l2, schedule=sched, clip=clip, seed=seed, epochs=epochs,
        loss="mse" if regression or loss == "mse" else ("ce" if multiclass else "bce"))
    return net, cfg, stop, target


SAME = "= A"  # B's first option everywhere: follow A's value


def spell_b(value, lang: str | None = None) -> str:
    """How an option of B reads, on screen and in the URL (on/off for a switch, a named option
    in the visitor's language, or `lang`, as A's select box shows it)."""
    if isinstance(value, bool):
        return "on" if value else "off"
    return option_label(value, lang) if isinstance(value, str) else spell(value)


def fix_b(raw: str, options: Sequence) -> tuple:
    """(value to use or None to ignore, whether the link's value was changed) for B's control
    over `options`: numbers are clamped or snapped like A's, on/off also reads true/false, a
    named option reads as its value or its label in either language."""
    if isinstance(options[0], bool):
        word = raw.lower()
        return ({"on": True, "true": True, "off": False, "false": False}.get(word),
                word not in ("on", "true", "off", "false"))
    if isinstance(options[0], str):
        named = readings(options)
        return named.get(raw), raw not in named
    if all(isinstance(o, int) for o in options) and list(options) == list(
            range(options[0], options[-1] + 1)):
        return fix_int(raw, options[0], options[-1])
    return fix_level(raw, options)


def follow(c: Controls, key: str, label: str, options: Sequence, **kw):
    """B's version of one of A's controls: SAME (the default, kept out of the URL) or an
    option of its own. A bad link value is clamped or ignored and reported like A's."""
    relabel(key)
    st.session_state.setdefault(DEFAULTS, {})[key] = SAME
    raw = st.query_params.get(key)
    if raw is not None and raw != SAME:
        value, changed = fix_b(raw, options)
        shown = literal(raw)
        if value is None:
            c.notes.append(c.T("url_ignored", key=key, raw=shown))
            forget(key)
        elif changed:
            c.notes.append(c.T("url_clamped", key=key, raw=shown, used=spell_b(value)))
        if value is not None and (changed or raw != spell_b(value)):
            st.session_state[key] = value
            respell(key, spell_b(value))
    return c.where.selectbox(label, (SAME, *options), index=0, format_func=labeller(spell_b),
                             key=key, bind="query-params", **kw)


def compare_toggle(c: Controls, T) -> bool:
    """The switch that adds setting B; when on, B's controls go into their own group."""
    c.where = st.sidebar
    on = c.toggle("ab", T("ab"), help=T("ab_help"))
    if on:
        c.where = st.sidebar.expander(T("b_group"), expanded=True)
        c.where.caption(T("b_note"))
    return on


def b_config(configs: tuple, chosen: dict[str, object]) -> tuple:
    """A's configs with the fields B sets (`chosen`, SAME for "follow A") replaced."""
    out = []
    for cfg in configs:
        names = {f.name for f in dataclasses.fields(cfg)}
        out.append(dataclasses.replace(cfg, **{k: v for k, v in chosen.items()
                                               if k in names and v != SAME}))
    return tuple(out)


def differences(a: tuple, b: tuple, labels: dict[str, str], T) -> str:
    """What B changes, in words ("B differs from A in: Activation relu, ..."), or that B is A.
    `labels`: config field -> label of its control."""
    items = []
    for ca, cb in zip(a, b):
        for f in dataclasses.fields(ca):
            value = getattr(cb, f.name)
            if f.name in labels and getattr(ca, f.name) != value:
                items.append(T("ab_item", label=labels[f.name], value=spell_b(value)))
    return T("ab_differs", what=T("ab_sep").join(items)) if items else T("ab_same")


B_LABELS = {"depth": "layers", "width": "neurons", "activation": "activation", "init": "init",
            "norm": "norm", "dropout": "dropout", "optimizer": "optimizer", "lr": "lr",
            "batch_size": "batch", "l2": "l2"}  # config field -> label key


def compare(c: Controls, net: nets.NetConfig, cfg: train.TrainConfig
            ) -> tuple[nets.NetConfig, train.TrainConfig] | None:
    """The A/B switch and B's controls of a training run: B's configs, or None when off.
    B shares A's data, seed, schedule and stop rule."""
    if not compare_toggle(c, T):
        return None
    chosen = {
        "depth": follow(c, "b_layers", T("layers"), tuple(range(1, 11))),
        "width": follow(c, "b_neurons", T("neurons"), WIDTHS),
        "activation": follow(c, "b_act", T("activation"), activations.ACTIVATIONS),
        "init": follow(c, "b_init", T("init"), inits.INITIALIZERS),
        "norm": follow(c, "b_norm", T("norm"), nets.NORMS),
        "dropout": follow(c, "b_drop", T("dropout"), DROPOUTS),
        "optimizer": follow(c, "b_opt", T("optimizer"), tuple(optim.OPTIMIZERS)),
        "lr": follow(c, "b_lr", T("lr"), LRS),
        "batch_size": follow(c, "b_bs", T("batch"), BATCHES),
        "l2": follow(c, "b_l2", T("l2"), RATES),
    }
    return b_config((net, cfg), chosen)


def labels() -> dict[str, str]:
    """The training controls' labels by config field, for `differences`."""
    return {field: T(key) for field, key in B_LABELS.items()}
