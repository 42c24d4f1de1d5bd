import collections
import math

import numpy as np
import pandas as pd
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings, strategies as st

from playground.data import DATASETS, make_dataset, train_test_split
from playground.nets import NetConfig, build_mlp
from playground.optim import OPTIMIZERS, SCHEDULES
from playground.train import FEATURES, TrainConfig, Trainer, decision_grid, features

SMALL = NetConfig(depth=2, width=8, activation="tanh")


def reference_run(net, cfg, steps):
    """The same training written out plainly: same data, init and minibatch order, the named
    torch.optim class, penalties in the loss, autograd for everything. Returns the final
    parameters and per-step weight-gradient norms of the data loss."""
    X, y = make_dataset(cfg.dataset, cfg.n, cfg.noise, cfg.seed, cfg.classes)
    Xtr, ytr, _, _ = train_test_split(X, y, cfg.train_frac, cfg.seed)
    Xtr, ytr = torch.from_numpy(features(Xtr, cfg.features)), torch.from_numpy(ytr)
    net = NetConfig(**{**net.__dict__, "in_dim": len(cfg.features)})
    model = build_mlp(net)
    weights = [b.linear.weight for b in model.blocks] + [model.head.weight]
    kwargs = {"sgd": {}, "momentum": {"momentum": cfg.momentum},
              "nesterov": {"momentum": cfg.momentum, "nesterov": True}}.get(cfg.optimizer, {})
    cls = {"sgd": torch.optim.SGD, "momentum": torch.optim.SGD, "nesterov": torch.optim.SGD,
           "adam": torch.optim.Adam, "rmsprop": torch.optim.RMSprop, "adagrad": torch.optim.Adagrad,
           "adamw": torch.optim.AdamW}[cfg.optimizer]
    if cfg.optimizer == "adamw":
        kwargs = {"weight_decay": cfg.l2}
    opt = cls(model.parameters(), lr=cfg.lr, **kwargs)
    gen = torch.Generator().manual_seed(cfg.seed)
    per_epoch = len(ytr) // cfg.batch_size
    norms = []
    for s in range(steps):
        if s % per_epoch == 0:
            order = torch.randperm(len(ytr), generator=gen)
        idx = order[(s % per_epoch) * cfg.batch_size:(s % per_epoch + 1) * cfg.batch_size]
        out = model(Xtr[idx])[:, 0]
        data = F.binary_cross_entropy_with_logits(out, ytr[idx])
        g = torch.autograd.grad(data, weights[:-1], retain_graph=True)
        norms.append([gi.norm().item() for gi in g])
        l2 = 0.0 if cfg.optimizer == "adamw" else cfg.l2
        penalty = sum(cfg.l1 * W.abs().sum() + l2 / 2 * (W ** 2).sum() for W in weights)
        opt.zero_grad()
        (data + penalty).backward()
        opt.step()
    return [p.detach() for p in model.parameters()], np.array(norms)


@pytest.mark.parametrize("optimizer,l1,l2", [("sgd", 0, 0), ("momentum", 0, 0.01),
                                             ("nesterov", 0.001, 0), ("adam", 0, 0),
                                             ("rmsprop", 0, 0), ("adagrad", 0.001, 0.01),
                                             ("adamw", 0, 0.05)])
def test_trajectory_equals_a_plain_torch_loop(optimizer, l1, l2):
    cfg = TrainConfig(n=200, optimizer=optimizer, lr=0.05 if optimizer != "adam" else 0.01,
                      batch_size=8, l1=l1, l2=l2, seed=3)
    t = Trainer(SMALL, cfg)
    t.step(40)  # crosses epoch boundaries (12 steps per epoch)
    want, _ = reference_run(SMALL, cfg, 40)
    for p, q in zip(t.model.parameters(), want):
        torch.testing.assert_close(p.detach(), q, rtol=1e-5, atol=1e-6)


def test_history_gradient_norms_equal_autograd():
    cfg = TrainConfig(n=100, batch_size=5, lr=0.1, seed=1)
    t = Trainer(NetConfig(depth=3, width=6, activation="sigmoid"), cfg)
    for _ in range(15):
        t.step(1)  # every call ends with an evaluation row
    _, norms = reference_run(NetConfig(depth=3, width=6, activation="sigmoid"), cfg, 15)
    h = t.history.set_index("step")
    got = h.loc[1:15, ["grad_norm_1", "grad_norm_2", "grad_norm_3"]].to_numpy()
    np.testing.assert_allclose(got, norms, rtol=1e-5)


def test_history_read_while_training_is_the_history_read_once_at_the_end():
    cfg = TrainConfig(n=100, batch_size=5, lr=0.1, seed=2)
    live, once = Trainer(SMALL, cfg), Trainer(SMALL, cfg)
    for n in (1, 7, 0, 40, 3):
        live.step(n)
        seen = live.history  # read between calls, as a live page does
        once.step(n)
    seen["loss"] = -1.0  # a caller writing to its copy changes nothing for the next reader
    pd.testing.assert_frame_equal(live.history, once.history)
    assert len(once.history) > 5 and (live.history["loss"] > 0).all()


@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_each_optimizer_name_is_the_torch_class_with_its_hyper_parameters(name):
    cfg = TrainConfig(optimizer=name, lr=0.02, momentum=0.8, l2=0.03, n=40)
    opt = Trainer(SMALL, cfg).opt
    expected = {"sgd": torch.optim.SGD, "momentum": torch.optim.SGD, "nesterov": torch.optim.SGD,
                "adagrad": torch.optim.Adagrad, "rmsprop": torch.optim.RMSprop,
                "adadelta": torch.optim.Adadelta, "adam": torch.optim.Adam,
                "adamw": torch.optim.AdamW, "adamax": torch.optim.Adamax,
                "nadam": torch.optim.NAdam}[name]
    assert type(opt) is expected
    group = opt.param_groups[0]
    assert group["lr"] == 0.02
    if name in ("momentum", "nesterov"):
        assert group["momentum"] == 0.8 and group["nesterov"] == (name == "nesterov")
    if name == "sgd":
        assert group["momentum"] == 0
    if name == "adamw":
        assert group["weight_decay"] == 0.03
    elif "weight_decay" in group:
        assert group["weight_decay"] == 0  # l2 is a loss penalty for every other optimizer


@pytest.mark.parametrize("dataset", [d for d in DATASETS])
def test_default_settings_lower_the_loss_on_every_dataset(dataset):
    t = Trainer(NetConfig(depth=2, width=8, activation="tanh"),
                TrainConfig(dataset=dataset, lr=0.1 if dataset != "plane" else 0.03))
    first = t.history["loss"].iloc[0]
    t.step(t.per_epoch * 30)
    last = t.history.iloc[-1]
    # a small net on bare (x1, x2) only starts to bend around the spiral in 30 epochs
    assert last["loss"] < (0.98 if dataset == "spiral" else 0.8) * first and not t.diverged
    if dataset not in ("plane", "spiral"):
        assert last["test_accuracy"] > 0.6


def test_multiclass_spiral_learns_above_chance():
    t = Trainer(NetConfig(depth=3, width=16, activation="relu", init="kaiming_normal"),
                TrainConfig(dataset="gaussians", classes=4, loss="ce", optimizer="adam", lr=0.01))
    t.step(t.per_epoch * 20)
    assert t.history["test_accuracy"].iloc[-1] > 0.8
    grid = decision_grid(t, 10)
    assert set(np.unique(grid["value"])) <= {0.0, 1.0, 2.0, 3.0}
    assert (grid["confidence"] >= 0.25 - 1e-6).all()


def test_diverging_run_is_flagged_not_raised():
    # bounded sigmoid activations and BCE on logits keep a classifier's loss finite even at
    # lr = 10; the regression target with squared error is what overflows
    t = Trainer(NetConfig(depth=10, width=16, activation="sigmoid"),
                TrainConfig(dataset="plane", loss="mse", lr=10.0))
    t.step(500)
    assert t.diverged and 0 < t.diverged_at < 100
    assert t.steps == t.diverged_at
    assert t.finished()
    t.step(10)  # no-op, no exception
    assert t.steps == t.diverged_at


def test_schedules_follow_their_closed_forms():
    cfg = dict(n=40, batch_size=4, lr=0.1, epochs=10)  # 5 steps per epoch, horizon 50
    lrs = {}
    for s in SCHEDULES:
        t = Trainer(SMALL, TrainConfig(schedule=s, **cfg))
        seen = []
        for _ in range(60):
            seen.append(t.opt.param_groups[0]["lr"])
            t.step_quietly()
        lrs[s] = np.array(seen)
    k = np.arange(60)
    np.testing.assert_allclose(lrs["constant"], 0.1)
    np.testing.assert_allclose(lrs["step"][:50], 0.1 * 0.5 ** (4 * k[:50] // 50))  # quarters of 50
    assert np.all(lrs["step"][50:] == 0.1 / 8)  # held after the horizon
    np.testing.assert_allclose(lrs["exponential"][:51], 0.1 * 0.01 ** (k[:51] / 50), rtol=1e-6)
    np.testing.assert_allclose(lrs["cosine"][:51], 0.05 * (1 + np.cos(np.pi * k[:51] / 50)), atol=1e-9)
    warm = lrs["warmup_cosine"]
    assert warm[0] == pytest.approx(0.001) and warm[5] == pytest.approx(0.1)
    assert np.all(np.diff(warm[:5]) > 0) and np.all(np.diff(warm[5:50]) <= 1e-12)
    assert np.all(lrs["cosine"][50:] == lrs["cosine"][50])  # held after the horizon


def test_features_match_their_formulas():
    X = np.array([[0.5, -0.25], [1.0, 0.0]], np.float32)
    got = features(X, tuple(FEATURES))
    want = np.array([[0.5, -0.25, 0.25, 0.0625, -0.125, 1.0, -np.sqrt(0.5)],
                     [1.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0]])
    np.testing.assert_allclose(got, want, atol=1e-6)
    with pytest.raises(ValueError):
        features(X, ("x3",))


def test_features_change_the_input_layer():
    t = Trainer(SMALL, TrainConfig(features=("x1^2", "x2^2", "x1x2"), n=40))
    assert t.model.blocks[0].linear.in_features == 3


def test_decision_grid_is_the_model_on_a_grid():
    t = Trainer(SMALL, TrainConfig(n=60))
    t.step(5)
    g = decision_grid(t, 7)
    assert len(g) == 49
    X = g[["x1", "x2"]].to_numpy(np.float32).copy()
    t.model.eval()
    want = torch.sigmoid(t.model(torch.from_numpy(X))[:, 0]).detach().numpy()
    np.testing.assert_allclose(g["value"], want, rtol=1e-5)
    assert g["x1"].min() < t.X[:, 0].min() and g["x2"].max() > t.X[:, 1].max()


def test_snapshots_stay_bounded_and_ordered():
    t = Trainer(SMALL, TrainConfig(n=20, batch_size=10))  # one step per epoch: a row per step
    t.step(1000)
    steps = [s for s, _ in t.snapshots]
    assert len(steps) <= Trainer.SNAPSHOTS and steps == sorted(steps) and steps[0] == 0
    assert steps[-1] > 800


def test_evaluation_has_no_side_effect_on_training():
    a = Trainer(SMALL, TrainConfig(n=60, seed=2))
    b = Trainer(SMALL, TrainConfig(n=60, seed=2))
    a.step(30)
    for _ in range(30):
        b.step(1)
    for p, q in zip(a.model.parameters(), b.model.parameters()):
        torch.testing.assert_close(p, q)


def test_batch_norm_with_single_point_batches_is_refused_clearly():
    with pytest.raises(ValueError, match="at least 2"):
        Trainer(NetConfig(norm="batch"), TrainConfig(batch_size=1))


@settings(max_examples=40, deadline=None)
@given(lr=st.floats(allow_nan=True, allow_infinity=True), batch=st.integers(-5, 10_000),
       n=st.integers(-5, 10_000))
def test_bad_configs_raise_value_errors(lr, batch, n):
    ok = (math.isfinite(lr) and 0 < lr <= 100) and 1 <= batch <= 5000 and 4 <= n <= 5000
    if ok:
        TrainConfig(lr=lr, batch_size=batch, n=n)
    else:
        with pytest.raises(ValueError):
            TrainConfig(lr=lr, batch_size=batch, n=n)


def test_own_points_decide_the_task_and_train():
    rng = np.random.default_rng(0)
    X = rng.uniform(-1, 1, (60, 2)).astype(np.float32)
    y = (X[:, 0] > 0).astype(np.float32) + (X[:, 1] > 0)  # classes 0, 1, 2
    t = Trainer(SMALL, TrainConfig(loss="ce", optimizer="adam", lr=0.05), points=(X, y))
    assert t.task == "multiclass" and t.model.head.out_features == 3 and len(t.y) == 60
    t.step(t.per_epoch * 30)
    assert t.history["test_accuracy"].iloc[-1] > 0.7
    r = Trainer(SMALL, TrainConfig(loss="mse"), points=(X, X[:, 0] * 0.5))
    assert r.task == "regression" and np.isnan(r.history["accuracy"].iloc[0])


def test_dropout_runs_repeat_from_their_seed_and_leave_global_rng_alone():
    net = NetConfig(depth=2, width=8, dropout=0.3)
    cfg = TrainConfig(n=60, seed=5)
    state = torch.random.get_rng_state()
    a, b = Trainer(net, cfg), Trainer(net, cfg)
    before = torch.random.get_rng_state()
    a.step(20)
    assert torch.equal(torch.random.get_rng_state(), before)
    torch.rand(3)  # the caller uses the global generator in between
    b.step(20)
    for p, q in zip(a.model.parameters(), b.model.parameters()):
        torch.testing.assert_close(p, q)
    c = Trainer(net, TrainConfig(n=60, seed=6))
    c.step(20)
    assert not torch.equal(a.model.head.weight, c.model.head.weight)
    torch.random.set_rng_state(state)


def test_a_long_history_is_thinned_to_evenly_spaced_rows_from_first_to_newest():
    tr = Trainer(NetConfig(depth=2, width=4), TrainConfig())
    tr.ROWS = 40
    tr.step(200 * tr.per_epoch)  # 201 rows without thinning
    h = tr.history
    assert 20 < len(h) <= 40
    assert h["step"].iloc[0] == 0 and h["step"].iloc[-1] == tr.steps
    gaps = np.diff(h["step"].to_numpy()[:-1])
    assert len(set(gaps)) == 1  # evenly spaced, but for the newest row
    full = Trainer(NetConfig(depth=2, width=4), TrainConfig())
    full.step(200 * full.per_epoch)
    kept = full.history.set_index("step").loc[h["step"]]
    np.testing.assert_array_equal(kept["loss"].to_numpy(), h["loss"].to_numpy())


def test_a_history_read_while_it_is_thinned_equals_one_read_at_the_end():
    live = Trainer(NetConfig(depth=2, width=4), TrainConfig())
    live.ROWS = 30
    for _ in range(120):
        live.step(7)  # rows at epoch ends and at each call's end: the newest is replaced
        assert live.history["step"].iloc[-1] == live.steps
    assert len(live.history) <= 31
    pd.testing.assert_frame_equal(live.history, pd.DataFrame(live._rows))


def test_the_work_a_link_can_ask_for_is_bounded_and_ordinary_runs_are_not_cut():
    from playground.train import affordable_epochs, epoch_seconds
    default = (NetConfig(depth=2, width=4), TrainConfig())
    assert affordable_epochs(*default, 200) == 200
    # the link that took 184 s of CPU: 10 x 64, layer norm, batch 1, 90 % training points
    heavy = (NetConfig(depth=10, width=64, norm="layer"),
             TrainConfig(batch_size=1, train_frac=0.9, optimizer="nadam"))
    allowed = affordable_epochs(*heavy, 200)
    assert 1 <= allowed < 50 and allowed * epoch_seconds(*heavy) <= 15.0
    # cost grows with what makes a step dearer
    base = epoch_seconds(NetConfig(depth=4, width=16), TrainConfig(batch_size=10))
    assert epoch_seconds(NetConfig(depth=8, width=16), TrainConfig(batch_size=10)) > base
    assert epoch_seconds(NetConfig(depth=4, width=64), TrainConfig(batch_size=10)) > base
    assert epoch_seconds(NetConfig(depth=4, width=16, norm="layer"), TrainConfig(batch_size=10)) > base
    assert epoch_seconds(NetConfig(depth=4, width=16), TrainConfig(batch_size=1)) > base


def test_each_history_row_holds_the_mean_gradient_norm_of_its_epoch():
    cfg = TrainConfig(n=100, batch_size=5, lr=0.1, seed=1)  # 10 steps an epoch
    net = NetConfig(depth=3, width=6, activation="sigmoid")
    t = Trainer(net, cfg)
    t.step(3 * t.per_epoch)
    _, norms = reference_run(net, cfg, 3 * t.per_epoch)  # (steps, depth), autograd's
    got = t.history.set_index("step").loc[[10, 20, 30], ["grad_norm_1", "grad_norm_2",
                                                         "grad_norm_3"]].to_numpy()
    np.testing.assert_allclose(got, norms.reshape(3, 10, 3).mean(1), rtol=1e-5)
    np.testing.assert_allclose(t.last_grads, norms[-1], rtol=1e-5)
    per_step = t.minibatch_grads()
    assert list(per_step["step"]) == list(range(1, 31))
    np.testing.assert_allclose(per_step[["grad_norm_1", "grad_norm_2", "grad_norm_3"]], norms,
                               rtol=1e-5)


def test_only_the_newest_minibatch_norms_are_kept():
    t = Trainer(NetConfig(depth=2, width=4), TrainConfig())
    t.STEP_ROWS = 10
    t._step_grads = collections.deque(maxlen=10)
    t.step(25)
    assert list(t.minibatch_grads()["step"]) == list(range(16, 26))
