"""The optimizer and schedule registry against closed forms and torch.optim built by hand, and
the pages and the exported script drawing from it."""
import math

import numpy as np
import pytest
import torch

from playground import nets, optim, paths, script, train
from playground import functions2d as F

O = torch.optim
LENGTHS = (1, 2, 3, 7, 10, 50, 101, 200)


def _warmup_cosine(t, n):
    w = max(1, round(0.1 * n))
    rise = 0.01 + 0.99 * t / w
    fall = (1 + np.cos(np.pi * (t - w) / max(1, n - w))) / 2
    return np.where(t < w, rise, fall)


def _cyclic(t, n):
    s = max(1, n // 8)  # steps up, then as many down (Smith 2017's triangle)
    x = np.abs(t / s - 2 * np.floor(1 + t / (2 * s)) + 1)
    return 0.1 + 0.9 * np.maximum(0, 1 - x)


# the rate of step t of n, as a share of lr, written from the definitions in optim's docstring
CLOSED = {
    "constant": lambda t, n: np.ones_like(t, dtype=float),
    "step": lambda t, n: 0.5 ** np.floor(4 * t / n),
    "exponential": lambda t, n: 0.01 ** (t / n),
    "cosine": lambda t, n: (1 + np.cos(np.pi * t / n)) / 2,
    "warmup_cosine": _warmup_cosine,
    "cyclic": _cyclic,
}


def test_every_schedule_has_a_closed_form_here():
    assert set(CLOSED) == set(optim.SCHEDULES)


@pytest.mark.parametrize("name", CLOSED)
@pytest.mark.parametrize("n", LENGTHS)
def test_lr_curve_follows_the_closed_form(name, n):
    t = np.arange(n)
    got = optim.lr_curve(name, 0.3, n)
    assert got.shape == (n,) and got.dtype == np.float64
    np.testing.assert_allclose(got, 0.3 * CLOSED[name](t, n), rtol=1e-9, atol=1e-12)


def test_step_halves_exactly_three_times_whatever_the_length():
    for n in (8, 10, 13, 50, 101, 999):
        curve = optim.lr_curve("step", 1.0, n)
        assert sorted(set(curve.tolist())) == [0.125, 0.25, 0.5, 1.0]
        # each stair is a quarter of the run, give or take a step
        assert all(abs((curve == v).sum() - n / 4) < 1 for v in (1.0, 0.5, 0.25, 0.125))


def test_lr_curve_returns_a_fresh_array_and_rejects_bad_input():
    a = optim.lr_curve("cosine", 0.1, 20)
    a[:] = -1  # the cached curve is not the caller's array
    assert optim.lr_curve("cosine", 0.1, 20)[0] == 0.1
    assert optim.lr_curve("step", 0.1, 0).shape == (0,)
    with pytest.raises(ValueError, match="Unknown schedule"):
        optim.lr_curve("one_cycle", 0.1, 10)
    with pytest.raises(ValueError, match="Invalid steps"):
        optim.lr_curve("step", 0.1, -1)


def test_constant_builds_no_scheduler_and_the_others_real_ones():
    opt = O.SGD([torch.zeros(1)], 0.1)
    assert optim.scheduler("constant", opt, 10) is None
    for name in set(optim.SCHEDULES) - {"constant"}:
        opt = O.SGD([torch.zeros(1)], 0.1)
        assert isinstance(optim.scheduler(name, opt, 10), O.lr_scheduler.LRScheduler)


# name -> torch.optim built by hand with the registry's defaults, and with every knob set
DEFAULT = {
    "sgd": lambda p, lr: O.SGD(p, lr=lr),
    "momentum": lambda p, lr: O.SGD(p, lr=lr, momentum=0.9),
    "nesterov": lambda p, lr: O.SGD(p, lr=lr, momentum=0.9, nesterov=True),
    "adagrad": lambda p, lr: O.Adagrad(p, lr=lr),
    "rmsprop": lambda p, lr: O.RMSprop(p, lr=lr),
    "adadelta": lambda p, lr: O.Adadelta(p, lr=lr),
    "adam": lambda p, lr: O.Adam(p, lr=lr),
    "adamw": lambda p, lr: O.AdamW(p, lr=lr),  # weight_decay 0.01, torch's default
    "adamax": lambda p, lr: O.Adamax(p, lr=lr),
    "nadam": lambda p, lr: O.NAdam(p, lr=lr),
}
KNOBS = {"momentum": 0.7, "betas": (0.8, 0.99), "weight_decay": 0.05}
SET = {
    "sgd": lambda p, lr: O.SGD(p, lr=lr),
    "momentum": lambda p, lr: O.SGD(p, lr=lr, momentum=0.7),
    "nesterov": lambda p, lr: O.SGD(p, lr=lr, momentum=0.7, nesterov=True),
    "adagrad": lambda p, lr: O.Adagrad(p, lr=lr),
    "rmsprop": lambda p, lr: O.RMSprop(p, lr=lr),
    "adadelta": lambda p, lr: O.Adadelta(p, lr=lr),
    "adam": lambda p, lr: O.Adam(p, lr=lr, betas=(0.8, 0.99)),
    "adamw": lambda p, lr: O.AdamW(p, lr=lr, betas=(0.8, 0.99), weight_decay=0.05),
    "adamax": lambda p, lr: O.Adamax(p, lr=lr, betas=(0.8, 0.99)),
    "nadam": lambda p, lr: O.NAdam(p, lr=lr, betas=(0.8, 0.99)),
}


def _steps(opt, p, k=3):
    """k steps on the loss Σ (p⁴/4 − p²/2 + p/3), whose gradient p³ − p + 1/3 changes with p."""
    out = []
    for _ in range(k):
        p.grad = p.detach() ** 3 - p.detach() + 1 / 3
        opt.step()
        out.append(p.detach().clone())
    return torch.stack(out).numpy()


def test_every_optimizer_has_a_reference_here():
    assert set(DEFAULT) == set(SET) == set(optim.OPTIMIZERS)


@pytest.mark.parametrize("name", DEFAULT)
@pytest.mark.parametrize("knobs", [False, True], ids=["defaults", "knobs"])
def test_each_optimizer_steps_as_torch_optim_built_by_hand(name, knobs):
    start = torch.randn(5, 3, generator=torch.Generator().manual_seed(0), dtype=torch.float64)
    p, q = start.clone().requires_grad_(), start.clone().requires_grad_()
    mine = optim.make(name, [p], 0.05, **(KNOBS if knobs else {}))
    ref = (SET if knobs else DEFAULT)[name]([q], 0.05)
    assert type(mine) is type(ref)
    np.testing.assert_array_equal(_steps(mine, p), _steps(ref, q))


def test_hyper_ignores_knobs_an_optimizer_lacks_and_rejects_unknown_names():
    assert optim.hyper("adagrad", momentum=0.5, betas=(0.5, 0.5)) == {}
    assert optim.hyper("nesterov", momentum=0.5) == {"momentum": 0.5, "nesterov": True}
    with pytest.raises(ValueError, match="Unknown optimizer"):
        optim.hyper("lion")
    with pytest.raises(ValueError, match="Unknown hyper-parameter"):
        optim.hyper("adam", beta1=0.5)
    with pytest.raises(ValueError, match="Unknown optimizer"):
        optim.make("lion", [torch.zeros(1)], 0.1)


NET = nets.NetConfig(depth=2, width=4)
SMALL = dict(n=40, batch_size=4, lr=0.1, epochs=10)  # 5 steps per epoch, horizon 50


@pytest.mark.parametrize("name", list(optim.SCHEDULES))
def test_training_and_optimizer_paths_run_the_same_schedule(name):
    tr = train.Trainer(NET, train.TrainConfig(schedule=name, **SMALL))
    seen = []
    for _ in range(tr.horizon):
        seen.append(tr.opt.param_groups[0]["lr"])
        tr.step_quietly()
    bowl = F.quadratic(10, 30)
    lrs = paths.run_many(bowl, ("sgd",), 0.1, tr.horizon, [bowl.start], schedule=name)["sgd"].lrs
    np.testing.assert_array_equal(np.array(seen), optim.lr_curve(name, 0.1, tr.horizon))
    np.testing.assert_array_equal(lrs, optim.lr_curve(name, 0.1, tr.horizon))


@pytest.mark.parametrize("name", list(optim.OPTIMIZERS))
def test_training_and_optimizer_paths_build_the_same_optimizer(name):
    opt = train.Trainer(NET, train.TrainConfig(optimizer=name, n=40, lr=0.02, l2=0.01)).opt
    other = paths._optimizer(name, torch.zeros(1, 2, dtype=torch.float64), 0.02, 0.9, 0.999)
    assert type(opt) is type(other) is optim.OPTIMIZERS[name][0]
    # the same hyper-parameters, except the ones each page sets: paths keeps AdamW's default
    # weight decay, Training uses its l2 rate
    mine, theirs = opt.param_groups[0], other.param_groups[0]
    for key in set(mine) - {"params", "foreach", "weight_decay"}:
        assert mine[key] == theirs[key], key
    assert mine["weight_decay"] == (0.01 if name == "adamw" else 0)


@pytest.mark.parametrize("name", list(optim.OPTIMIZERS))
def test_the_exported_script_builds_the_registrys_optimizer(name):
    cfg = train.TrainConfig(optimizer=name, momentum=0.8, l2=0.01)
    src = script.training_script(NET, cfg, 1)
    line = next(l for l in src.splitlines() if l.startswith("opt = torch.optim."))
    opt = eval(line.removeprefix("opt = "), {"torch": torch, "model": torch.nn.Linear(2, 1)})
    ref = train.make_optimizer(cfg, torch.nn.Linear(2, 1).parameters())
    assert type(opt) is type(ref)
    mine, theirs = opt.param_groups[0], ref.param_groups[0]
    for key in set(mine) - {"params", "foreach"}:
        assert mine[key] == theirs[key], key


@pytest.mark.parametrize("name", list(optim.SCHEDULES))
def test_the_exported_script_runs_the_registrys_schedule(name):
    cfg = train.TrainConfig(schedule=name, **SMALL)
    src = script.training_script(NET, cfg, 1)
    if name == "constant":
        assert "lr_scheduler" not in src
        return
    make = optim.SCHEDULES[name]
    assert f"def {make.__name__}(opt, n):" in src and f"sched = {make.__name__}(opt, horizon)" in src
    # the script's own copy of the function, run without the playground
    start, end = src.index(f"def {make.__name__}("), src.index("\nBATCH = ")
    space = {"math": math, "lr_scheduler": O.lr_scheduler}
    exec(src[start:end], space)
    opt = O.SGD([torch.zeros(1)], 0.1)
    sched, lrs = space[make.__name__](opt, 50), []
    for _ in range(50):
        lrs.append(opt.param_groups[0]["lr"])
        opt.step()
        sched.step()
    np.testing.assert_array_equal(lrs, optim.lr_curve(name, 0.1, 50))


def test_the_schedule_race_trains_one_network_under_each_schedule_by_the_closed_forms():
    cfg = train.TrainConfig(lr=0.3, n=100, batch_size=10)
    race = train.schedule_race(NET, cfg, 12)
    assert list(dict.fromkeys(race["schedule"])) == list(optim.SCHEDULES)
    for name, rows in race.groupby("schedule", sort=False):
        tr = train.Trainer(NET, train.TrainConfig(lr=0.3, n=100, batch_size=10, schedule=name,
                                                  epochs=12))
        tr.step(12 * tr.per_epoch)
        np.testing.assert_array_equal(rows["loss"], tr.history["loss"])  # the same run
        # the rate after epoch k is the schedule's rate of step k·per_epoch, as written above
        n = 12 * tr.per_epoch
        k = rows["epoch"].to_numpy()[:-1].round().astype(int)
        np.testing.assert_allclose(rows["lr"].to_numpy()[:-1],
                                   0.3 * CLOSED[name](k * tr.per_epoch, n), rtol=1e-9)
    with pytest.raises(ValueError, match="epochs"):
        train.schedule_race(NET, cfg, 0)
