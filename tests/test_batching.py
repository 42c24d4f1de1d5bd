"""Batch size engine against independent references: autograd, brute-force enumeration,
torch.optim, hand-written SGD and torch's own losses."""
import dataclasses
import itertools
import math

import numpy as np
import pandas as pd
import pytest
import torch
import torch.nn.functional as F
from altair import TopLevelSpec

from playground import batching as b
from ui import charts
from playground.nets import NetConfig
from playground.train import Trainer, TrainConfig

NET = NetConfig(depth=2, width=8, activation="tanh", seed=3)
DATA = TrainConfig(dataset="circle", n=64, train_frac=0.5, batch_size=4, lr=0.1, seed=1)


def test_per_example_grads_match_autograd_one_point_at_a_time():
    t = Trainer(NET, DATA)
    G = b.per_example_grads(t.model, t.Xtr, t.ytr)
    assert G.shape == (32, sum(p.numel() for p in t.model.parameters()))
    for i in (0, 7, 31):
        t.model.zero_grad()
        F.binary_cross_entropy_with_logits(t.model(t.Xtr[i:i + 1])[:, 0], t.ytr[i:i + 1]).backward()
        ref = torch.cat([p.grad.reshape(-1) for p in t.model.parameters()]).double().numpy()
        np.testing.assert_allclose(G[i], ref, rtol=1e-5, atol=1e-7)
    # their mean is the full-batch gradient
    t.model.zero_grad()
    F.binary_cross_entropy_with_logits(t.model(t.Xtr)[:, 0], t.ytr).backward()
    full = torch.cat([p.grad.reshape(-1) for p in t.model.parameters()]).double().numpy()
    np.testing.assert_allclose(G.mean(0), full, rtol=1e-4, atol=1e-7)


def brute_force(G, batch, replace):
    """E ||g_B - g||^2 by enumerating every equally likely minibatch."""
    g = G.mean(0)
    picks = (itertools.product(range(len(G)), repeat=batch) if replace
             else itertools.combinations(range(len(G)), batch))
    return np.mean([((G[list(s)].mean(0) - g) ** 2).sum() for s in picks])


@pytest.mark.parametrize("replace", [False, True])
def test_exact_variance_equals_an_enumeration_of_all_minibatches(replace):
    G = np.random.default_rng(0).normal(size=(7, 3)) * [1.0, 3.0, 0.2] + [0.5, -1.0, 2.0]
    for batch in range(1, 5 if replace else 8):
        assert b.exact_variance(G, batch, replace) == pytest.approx(brute_force(G, batch, replace))
    assert b.exact_variance(G, 7) == 0  # the whole set: no noise left


def test_trace_is_the_trace_of_the_covariance():
    G = np.random.default_rng(1).normal(size=(50, 4))
    assert b.exact_variance(G, 1, True) == pytest.approx(np.trace(np.cov(G.T, bias=True)))


@pytest.mark.parametrize("batch", [1, 3, 10, 19])
def test_measured_variance_converges_to_the_exact_one(batch):
    G = np.random.default_rng(2).standard_t(5, size=(20, 6))
    got = b.measured_variance(G, batch, draws=40_000, seed=0)
    assert got == pytest.approx(b.exact_variance(G, batch), rel=0.04)
    assert b.measured_variance(G, batch, 100, seed=5) == b.measured_variance(G, batch, 100, seed=5)
    assert b.measured_variance(G, 20, 10) == 0
    # the Gram-matrix route equals averaging the drawn rows directly
    rng = np.random.default_rng(9)
    picks = rng.random((50, 20)).argsort(1)[:, :batch]
    direct = np.mean([((G[p].mean(0) - G.mean(0)) ** 2).sum() for p in picks])
    assert b.measured_variance(G, batch, 50, seed=9) == pytest.approx(direct, rel=1e-10)


def test_gradient_noise_table_and_noise_scale():
    G = np.random.default_rng(3).normal(size=(16, 5)) + 0.3
    noise = b.gradient_noise(G, [1, 2, 4, 8], draws=200)
    assert list(noise.table["batch"]) == [1, 2, 4, 8]
    np.testing.assert_allclose(noise.table["with_replacement"], noise.trace / noise.table["batch"])
    np.testing.assert_allclose(noise.table["exact"], [b.exact_variance(G, k) for k in (1, 2, 4, 8)])
    np.testing.assert_allclose(noise.table["measured"],
                               [b.measured_variance(G, k, 200, seed=i) for i, k in
                                enumerate((1, 2, 4, 8))])
    assert noise.signal == pytest.approx(np.linalg.norm(G.mean(0)) ** 2)
    assert noise.scale == pytest.approx(noise.trace / noise.signal)
    assert noise.n == 16
    B = noise.balance  # the closed form at a real-valued B: variance equals signal there
    assert 1 <= B < 16
    assert noise.trace / B * (16 - B) / 15 == pytest.approx(noise.signal)


def test_checkpoints_are_the_trainers_full_batch_gradient_descent():
    cfg = TrainConfig(dataset="circle", n=64, train_frac=0.5, lr=0.5, seed=1)
    flats = b.checkpoints(NET, cfg, every=3, count=2)
    assert len(flats) == 3
    ref = Trainer(NET, dataclasses.replace(cfg, batch_size=32))  # one minibatch = all 32 points
    for flat in flats:
        np.testing.assert_allclose(flat, b.flat_params(ref.model), rtol=1e-5, atol=1e-6)
        ref.step(3)


def test_full_loss_at_a_checkpoint_is_the_trainers_loss_there():
    cfg = TrainConfig(dataset="circle", n=64, train_frac=0.5, lr=0.5, seed=1)
    flats = b.checkpoints(NET, cfg, every=4, count=1)
    t = Trainer(NET, dataclasses.replace(cfg, batch_size=32))
    t.step(4)
    assert b.full_loss(NET, cfg, flats[1]) == pytest.approx(t.history["loss"].iloc[-1], rel=1e-5)
    assert b.full_loss(NET, cfg, flats[0]) == pytest.approx(t.history["loss"].iloc[0], rel=1e-5)


def test_noise_at_a_checkpoint_uses_its_parameters():
    cfg = TrainConfig(dataset="circle", n=64, train_frac=0.5, lr=0.5, seed=1)
    flats = b.checkpoints(NET, cfg, every=5, count=1)
    t = Trainer(NET, cfg)
    torch.nn.utils.vector_to_parameters(torch.as_tensor(flats[1], dtype=torch.float32),
                                        t.model.parameters())
    G = b.per_example_grads(t.model, t.Xtr, t.ytr)
    noise = b.noise_at(NET, cfg, flats[1], [1, 4], draws=50, seed=2)
    assert noise.trace == pytest.approx(b.exact_variance(G, 1, True))
    assert noise.table["measured"].iloc[1] == b.measured_variance(G, 4, 50, seed=3)


def test_stops_cover_every_epoch_end_and_the_last_step():
    s = b.stops(per_epoch=8, epochs=5, points=10)
    assert s == sorted(set(s)) and s[0] >= 1 and s[-1] == 40
    assert {8, 16, 24, 32, 40} <= set(s)


@pytest.mark.parametrize("batch", [1, 4, 32])
def test_train_run_is_the_trainer_stepped_in_one_go(batch):
    cfg = TrainConfig(dataset="circle", n=64, train_frac=0.5, batch_size=batch, lr=0.3, seed=1)
    run = b.train_run(NET, cfg, epochs=3)
    ref = Trainer(NET, cfg)
    ref.step(3 * ref.per_epoch)
    h = run.history
    assert run.per_epoch == math.ceil(32 / batch) == 32 // batch  # batch divides N
    assert h["step"].iloc[-1] == 3 * run.per_epoch
    assert h["loss"].iloc[-1] == pytest.approx(ref.history["loss"].iloc[-1], rel=1e-6)
    np.testing.assert_allclose(h["epoch"], h["step"] * batch / 32)
    assert run.diverged_at is None


def test_steps_per_epoch_drop_the_last_partial_minibatch():
    cfg = TrainConfig(dataset="circle", n=64, train_frac=0.5, batch_size=5, seed=1)
    assert b.train_run(NET, cfg, epochs=1).per_epoch == 6  # 32 // 5: 6 full minibatches


def test_epoch_seconds_is_a_positive_time_and_final_loss_is_the_trainers():
    cfg = TrainConfig(dataset="circle", n=64, train_frac=0.5, batch_size=8, lr=0.3, seed=1)
    sec = b.epoch_seconds(NET, cfg)
    assert math.isfinite(sec) and 0 < sec < 10
    loss, diverged = b.final_loss(NET, cfg, epochs=2)
    ref = Trainer(NET, cfg)
    ref.step(2 * ref.per_epoch)
    assert loss == pytest.approx(ref.history["loss"].iloc[-1]) and not diverged


def test_logistic_loss_is_torchs_bce_with_logits():
    X, y = b.logistic_data(40, seed=4)
    W = np.random.default_rng(5).normal(size=(6, 2)) * 3
    got = b.logistic_loss(W, X, y)
    for w, v in zip(W, got):
        ref = F.binary_cross_entropy_with_logits(torch.tensor(X @ w), torch.tensor(y))
        assert v == pytest.approx(ref.item(), rel=1e-12)
    assert b.logistic_loss(W.reshape(2, 3, 2), X, y).shape == (2, 3)


def test_logistic_data_is_mirrored_classes_in_equal_numbers():
    X, y = b.logistic_data(400, seed=0)
    assert X.shape == (400, 2) and y.sum() == 200
    assert X[y == 1].mean(0) == pytest.approx(b.MEAN, abs=0.15)
    assert X[y == 0].mean(0) == pytest.approx(-np.array(b.MEAN), abs=0.15)


def test_logistic_minimum_has_zero_gradient_in_autograd():
    X, y = b.logistic_data(256, seed=0)
    w = torch.tensor(b.logistic_minimum(X, y), requires_grad=True)
    F.binary_cross_entropy_with_logits(torch.tensor(X) @ w, torch.tensor(y)).backward()
    assert w.grad.norm().item() < 1e-10


def test_minibatches_cut_a_permutation_per_epoch():
    steps = b.minibatches(10, 3, epochs=2, seed=7)
    assert len(steps) == 6 and all(len(s) == 3 for s in steps)
    for e in range(2):
        assert len(set(torch.cat(steps[3 * e:3 * e + 3]).tolist())) == 9
    assert all(torch.equal(a, c) for a, c in zip(steps, b.minibatches(10, 3, 2, seed=7)))


@pytest.mark.parametrize("batch", [1, 8, 64])
def test_sgd_path_matches_hand_written_sgd(batch):
    X, y = b.logistic_data(64, seed=1)
    lr, start = 0.7, (-2.0, 1.5)
    path = b.sgd_path(X, y, batch, lr, epochs=2, start=start, seed=3)
    w = np.array(start)
    hand = [w]
    for idx in b.minibatches(64, batch, 2, seed=3):
        Xb, yb = X[idx.numpy()], y[idx.numpy()]
        w = w - lr * Xb.T @ (1 / (1 + np.exp(-(Xb @ w))) - yb) / len(yb)
        hand.append(w)
    hand = np.array(hand)
    assert len(path) == 2 * 64 // batch + 1
    np.testing.assert_allclose(path[["x", "y"]].to_numpy(), hand, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(path["loss"], b.logistic_loss(hand, X, y))
    np.testing.assert_allclose(path["epoch"], path["step"] * batch / 64)


def test_bad_arguments_raise():
    bn = Trainer(dataclasses.replace(NET, norm="batch"), DATA)
    with pytest.raises(ValueError):
        b.per_example_grads(bn.model, bn.Xtr, bn.ytr)
    G = np.ones((4, 2))
    for call in (lambda: b.exact_variance(G, 5), lambda: b.measured_variance(G, 0),
                 lambda: b.measured_variance(G, 2, draws=0), lambda: b.minibatches(4, 5, 1),
                 lambda: b.sgd_path(*b.logistic_data(8), 2, -1.0, 1),
                 lambda: b.sgd_path(*b.logistic_data(8), 2, 0.1, 0),
                 lambda: b.train_run(NET, DATA, 0), lambda: b.logistic_data(1)):
        with pytest.raises(ValueError):
            call()


# ---------------------------------------------------------------- the page's chart builders

def valid(spec: dict) -> dict:
    """Schema-check a spec as the browser gets it (datasets as rows)."""
    sent = spec | {"datasets": {k: charts.rows(spec, k) for k in spec.get("datasets", {})}}
    TopLevelSpec.from_dict(sent)
    return sent


def test_xy_curves_split_marks_and_drop_what_a_log_axis_cannot_draw():
    frame = pd.DataFrame({"key": ["m", "m", "m", "e", "e", "r"], "x": [1, 2, 4, 1, 4, 2],
                          "y": [1.0, 0.0, np.nan, 0.5, 0.25, 3.0]})
    sent = valid(charts.xy_curves(frame, {"m": "measured", "e": "exact", "r": "ref"}, "B", "v",
                                  log_x=True, log_y=True, points=("m",), dashed=("r",)))
    data = sent["datasets"]
    assert [r["y"] for r in data["point"]] == [1.0]  # 0 and NaN left out
    assert [r["series"] for r in data["line"]] == ["exact", "exact"]
    assert [r["x"] for r in data["dash"]] == [2]
    linear = valid(charts.xy_curves(frame, {"m": "measured"}, "B", "v"))
    assert [r["y"] for r in linear["datasets"]["line"]] == [1.0, 0.0]


def test_value_grid_keeps_every_cell_and_greys_the_missing_ones():
    cells = pd.DataFrame({"x": [16, 32, 16, 32], "y": ["0.32", "0.32", "0.64", "0.64"],
                          "value": [0.6, np.inf, 0.5, 0.7], "outline": [True, False, False, True],
                          "label": ["0.600", "diverged", "0.500", "0.700"]})
    sent = valid(charts.value_grid(cells, "B", "lr", "loss", [16, 32], ["0.64", "0.32"]))
    rows = sent["datasets"]["cells"]
    assert len(rows) == 4 and rows[1]["value"] is None and rows[1]["label"] == "diverged"
    assert [r["x"] for r in rows] == ["16", "32", "16", "32"]
