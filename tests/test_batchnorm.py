"""Batch norm's parts against independent references: nn.BatchNorm2d and nn.BatchNorm1d, their
parameter and buffer counts, closed forms of SGD on a quadratic, and autograd."""
import math

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings, strategies as st
from hypothesis.extra.numpy import arrays
from torch import nn

from playground import batchnorm as bn
from playground import norms
from playground.data import make_dataset
from playground.nets import NetConfig, build_mlp


@settings(max_examples=30, deadline=None)
@given(n=st.integers(2, 6), c=st.integers(1, 4), size=st.integers(1, 5), seed=st.integers(0, 99))
def test_per_channel_and_per_position_match_the_torch_modules(n, c, size, seed):
    x = bn.feature_maps(n, size, c, seed)
    t = torch.from_numpy(x)
    two = nn.BatchNorm2d(c, dtype=torch.float64)(t).detach().numpy()
    one = nn.BatchNorm1d(c * size * size, dtype=torch.float64)(t.reshape(n, -1)).detach()
    np.testing.assert_allclose(bn.bn2d(x), two, atol=1e-10)
    np.testing.assert_allclose(bn.bn1d_flat(x), one.reshape(x.shape).numpy(), atol=1e-10)


@pytest.mark.parametrize("n,c,size", [(8, 3, 5), (2, 1, 3), (32, 4, 6)])
def test_counts_are_those_of_the_torch_modules(n, c, size):
    k = bn.counts(n, c, size).set_index("way")
    two, one = nn.BatchNorm2d(c), nn.BatchNorm1d(c * size * size)
    for way, module in (("bn2d", two), ("bn1d", one)):
        assert k.loc[way, "means"] == module.running_mean.numel()
        assert k.loc[way, "params"] == sum(p.numel() for p in module.parameters())
    # one batch with momentum 1: each running mean is the mean of that many values
    x = torch.from_numpy(bn.feature_maps(n, size, c, 0)).float()
    two.momentum = one.momentum = 1.0
    two(x), one(x.reshape(n, -1))
    assert torch.allclose(two.running_mean, x.mean((0, 2, 3)), atol=1e-5)
    assert torch.allclose(one.running_mean, x.reshape(n, -1).mean(0), atol=1e-5)
    assert k.loc["bn2d", "values"] == x[:, 0].numel() and k.loc["bn1d", "values"] == n


def test_per_position_erases_the_shared_centre_and_per_channel_keeps_it():
    x = bn.feature_maps(8, 5, seed=0)
    per_position, per_channel = bn.bn1d_flat(x).mean(0), bn.bn2d(x).mean(0)  # (C, H, W)
    assert np.abs(per_position).max() < 1e-12
    assert np.abs(per_channel.mean((1, 2))).max() < 1e-12
    centre, corner = per_channel[:, 2, 2], per_channel[:, 0, 0]
    assert (centre - corner > 1.5).all()  # the bright centre survives, in every channel


@settings(max_examples=40, deadline=None)
@given(x=arrays(np.float64, st.tuples(st.integers(2, 8), st.integers(1, 5)),
                elements=st.floats(-1e3, 1e3)),
       share=st.floats(0, 1))
def test_gamma_sigma_and_beta_mu_give_the_batch_back(x, share):
    if (x.std(0) < 1e-3).any():  # a constant feature has nothing to restore
        return
    r = bn.partial_undo(x, share)
    ref = nn.BatchNorm1d(x.shape[1], dtype=torch.float64)
    with torch.no_grad():
        ref.weight.copy_(torch.from_numpy(r["gamma"]))
        ref.bias.copy_(torch.from_numpy(r["beta"]))
    np.testing.assert_allclose(r["y"], ref(torch.from_numpy(x)).detach().numpy(), rtol=1e-9,
                               atol=1e-9 * np.abs(x).max())
    if share == 1:
        np.testing.assert_allclose(r["y"], x, rtol=1e-9, atol=1e-9 * np.abs(x).max())
    if share == 0:
        np.testing.assert_array_equal(r["y"], r["xhat"])


def test_sgd_on_gamma_and_beta_follows_the_closed_form():
    x = norms.population(6, 4, seed=2)
    lr, steps, c = 0.2, 30, 4
    t = bn.learn_identity(x, lr, steps)
    var, mu = x.var(0), x.mean(0)
    g_star, s = np.sqrt(var + norms.EPS), var / (var + norms.EPS)
    k = np.arange(steps + 1)[:, None]
    gamma = g_star + (1 - 2 * lr * s / c) ** k * (1 - g_star)
    beta = mu * (1 - (1 - 2 * lr / c) ** k)
    np.testing.assert_allclose(t[[f"gamma_{i}" for i in range(1, 5)]], gamma, rtol=1e-9)
    np.testing.assert_allclose(t[[f"beta_{i}" for i in range(1, 5)]], beta, rtol=1e-9,
                               atol=1e-12)


def test_running_norm_folds_the_batch_in_then_normalizes_with_the_averages():
    g = torch.Generator().manual_seed(0)
    x = (torch.randn(16, 5, generator=g, dtype=torch.float64) * 3 + 2).requires_grad_(True)
    run = bn.RunningNorm(5, momentum=0.3, dtype=torch.float64)
    ref = nn.BatchNorm1d(5, momentum=0.3, dtype=torch.float64)
    with torch.no_grad():
        for m in (run, ref):
            m.weight.copy_(torch.linspace(0.5, 2, 5))
            m.bias.copy_(torch.linspace(-1, 1, 5))
    y = run(x)
    ref(x)
    assert torch.allclose(run.running_mean, ref.running_mean)
    assert torch.allclose(run.running_var, ref.running_var)
    mean, var = norms.running_update(np.zeros(5), np.ones(5), x.detach().numpy(), 0.3)
    expected = norms.batch_norm_eval(x.detach().numpy(), mean, var,
                                     run.weight.detach().numpy(), run.bias.detach().numpy())
    np.testing.assert_allclose(y.detach().numpy(), expected, atol=1e-12)
    # to the gradient the averages are constants: dy/dx = gamma / sqrt(var + eps), elementwise
    (grad,) = torch.autograd.grad(y.sum(), x)
    slope = run.weight.detach().numpy() / np.sqrt(var + norms.EPS)
    np.testing.assert_allclose(grad.numpy(), np.broadcast_to(slope, (16, 5)), rtol=1e-12)
    run.eval()
    np.testing.assert_allclose(run(x).detach().numpy(), expected, atol=1e-12)  # eval: the same


@pytest.fixture(scope="module")
def runs() -> dict:
    return {(mode, m, lr): bn.train_with_stats(mode, m, lr, steps=120)
            for mode in bn.MODES for m, lr in ((0.1, 0.3), (1.0, 0.1), (0.01, 1.0))}


def test_batch_statistics_hold_the_bias_and_running_averages_let_it_drift(runs):
    for (mode, m, lr), r in runs.items():
        drift = r["bias"].iloc[-1]
        if mode == "batch":
            assert drift < 1e-5, (m, lr)  # its gradient is 0 up to float rounding
        else:
            assert drift > 0.3, (m, lr)


def test_batch_statistics_give_standardized_values_at_every_step(runs):
    for (mode, m, lr), r in runs.items():
        if mode == "batch":
            seen = r.iloc[1:]
            assert (seen["seen_mean"] < 1e-6).all()
            assert np.allclose(seen["seen_std"], 1, atol=1e-3)


def test_running_averages_with_momentum_one_hold_just_this_batch(runs):
    """Folded in with momentum 1 the averages are this minibatch's mean and unbiased
    variance: mean 0 and std sqrt((B - 1) / B) of the normalized values (a little less, by
    the eps added to variances of about 0.05 here)."""
    r = runs[("running", 1.0, 0.1)].iloc[1:]
    assert (r["seen_mean"] < 1e-6).all()
    assert (r["seen_std"] <= math.sqrt(15 / 16)).all()
    assert np.allclose(r["seen_std"], math.sqrt(15 / 16), atol=2e-3)


def test_the_first_running_step_sees_the_start_averages():
    """Step 1 with momentum m: variance (1 - m) · 1 + m · unbiased batch variance, mean
    m · batch mean, of layer 1's linear outputs on the first minibatch."""
    r = bn.train_with_stats("running", 0.1, 0.3, steps=1)
    model = build_mlp(NetConfig(depth=2, width=16, activation="tanh", init="xavier_normal",
                                norm="batch", seed=0))
    X, _ = make_dataset("circle", 200, 0.1, 0)
    idx = torch.randperm(200, generator=torch.Generator().manual_seed(0))[:16]
    with torch.no_grad():
        z = model.blocks[0].linear(torch.from_numpy(X)[idx]).double()
    mean = 0.1 * z.mean(0)
    var = 0.9 + 0.1 * z.var(0)
    xhat = (z - mean) / torch.sqrt(var + norms.EPS)
    assert r["seen_std"].iloc[1] == pytest.approx(xhat.std(0, correction=0).mean().item(),
                                                  rel=1e-5)
    assert r["seen_mean"].iloc[1] == pytest.approx(xhat.mean(0).abs().mean().item(), rel=1e-5)
    assert r["seen_std"].iloc[1] < 0.5  # the start variance 1 is far above the layer's


def test_the_first_loss_is_that_of_the_network_on_the_first_minibatch():
    """build_mlp in train mode (batch statistics) on the seeded first minibatch."""
    r = bn.train_with_stats("batch", 0.1, 0.3, steps=1)
    model = build_mlp(NetConfig(depth=2, width=16, activation="tanh", init="xavier_normal",
                                norm="batch", seed=0))
    X, y = (torch.from_numpy(a) for a in make_dataset("circle", 200, 0.1, 0))
    idx = torch.randperm(200, generator=torch.Generator().manual_seed(0))[:16]
    with torch.no_grad():
        loss = F.binary_cross_entropy_with_logits(model(X[idx])[:, 0], y[idx]).item()
    assert r["loss"].iloc[1] == pytest.approx(loss, rel=1e-6)


def test_the_settled_step_is_the_first_within_the_tolerance():
    import pandas as pd
    run = pd.DataFrame({"step": [0, 1, 2, 3, 4], "seen_std": [np.nan, 0.2, 0.95, 0.5, 1.0]})
    assert bn.settled_step(run) == 2 and bn.settled_step(run, tol=0.01) == 4
    assert bn.settled_step(run.iloc[:2]) is None
    slow = bn.train_with_stats("running", 0.01, 0.3, steps=60)
    assert bn.settled_step(slow) is None  # momentum 0.01 still remembers variance 1
    assert bn.settled_step(bn.train_with_stats("running", 1.0, 0.3, steps=5)) == 1


def test_invalid_settings_are_refused():
    with pytest.raises(ValueError, match="mode"):
        bn.train_with_stats("eval")
    with pytest.raises(ValueError, match="momentum"):
        bn.train_with_stats("batch", 0.0)
    with pytest.raises(ValueError, match="batch"):
        bn.train_with_stats("batch", batch=1)
    with pytest.raises(ValueError, match="shape"):
        bn.feature_maps(1, 4)
    with pytest.raises(ValueError, match="share"):
        bn.partial_undo(np.ones((3, 2)), 2.0)
    with pytest.raises(ValueError, match="learning rate"):
        bn.learn_identity(np.ones((3, 2)), 0.0)
