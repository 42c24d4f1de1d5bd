"""Normalization engine against independent references: torch's norm modules, closed forms,
autograd Hessians and torch.optim runs."""
import math

import numpy as np
import pandas as pd
import pytest
import torch
import torch.nn.functional as F
from torch import nn

from conftest import forward, weights
from playground import norms
from playground.nets import NetConfig, build_mlp


def batch(n=16, c=8, seed=0):
    g = torch.Generator().manual_seed(seed)
    return (torch.randn(n, c, generator=g, dtype=torch.float64) * torch.linspace(0.1, 5, c)
            + torch.linspace(-3, 3, c))


def affine(c, seed=1):
    g = torch.Generator().manual_seed(seed)
    return (1 + 0.5 * torch.randn(c, generator=g, dtype=torch.float64),
            torch.randn(c, generator=g, dtype=torch.float64))


@pytest.mark.parametrize("momentum", [0.1, 0.3, 1.0])
def test_batch_norm_matches_batchnorm1d_in_train_and_eval_mode(momentum):
    bn = nn.BatchNorm1d(8, momentum=momentum, dtype=torch.float64)
    gamma, beta = affine(8)
    with torch.no_grad():
        bn.weight.copy_(gamma)
        bn.bias.copy_(beta)
    mean, var = np.zeros(8), np.ones(8)
    for seed in range(4):
        x = batch(n=5 + seed, seed=seed)
        y = bn(x).detach().numpy()
        out = norms.batch_norm(x.numpy(), gamma.numpy(), beta.numpy())
        assert out == pytest.approx(y, abs=1e-10)
        mean, var = norms.running_update(mean, var, x.numpy(), momentum)
        assert mean == pytest.approx(bn.running_mean.numpy(), abs=1e-12)
        assert var == pytest.approx(bn.running_var.numpy(), abs=1e-12)  # unbiased (N - 1)
    bn.eval()
    x = batch(n=3, seed=9)
    assert norms.batch_norm_eval(x.numpy(), mean, var, gamma.numpy(), beta.numpy()) == \
        pytest.approx(bn(x).detach().numpy(), abs=1e-10)


def test_batch_norm_of_leading_axes_is_independent_batches():
    x = torch.stack([batch(seed=s) for s in range(3)]).numpy()  # (3, 16, 8)
    out = norms.batch_norm(x)
    for i in range(3):
        ref = F.batch_norm(torch.from_numpy(x[i]), None, None, training=True, eps=norms.EPS)
        assert out[i] == pytest.approx(ref.numpy(), abs=1e-10)


def test_layer_norm_matches_torch():
    ln = nn.LayerNorm(8, dtype=torch.float64)
    gamma, beta = affine(8)
    with torch.no_grad():
        ln.weight.copy_(gamma)
        ln.bias.copy_(beta)
    x = batch()
    assert norms.layer_norm(x.numpy(), gamma.numpy(), beta.numpy()) == \
        pytest.approx(ln(x).detach().numpy(), abs=1e-10)


@pytest.mark.parametrize("groups", [1, 2, 4, 8])
def test_group_norm_matches_torch(groups):
    gn = nn.GroupNorm(groups, 8, dtype=torch.float64)
    gamma, beta = affine(8, seed=groups)
    with torch.no_grad():
        gn.weight.copy_(gamma)
        gn.bias.copy_(beta)
    x = batch()
    assert norms.group_norm(x.numpy(), groups, gamma.numpy(), beta.numpy()) == \
        pytest.approx(gn(x).detach().numpy(), abs=1e-10)
    if groups == 1:  # one group is layer norm
        assert norms.group_norm(x.numpy(), 1) == pytest.approx(norms.layer_norm(x.numpy()))


def test_bad_arguments_raise():
    with pytest.raises(ValueError):
        norms.batch_norm(np.ones((1, 4)))  # as nn.BatchNorm1d in train mode
    with pytest.raises(ValueError):
        norms.group_norm(np.ones((4, 6)), 4)
    with pytest.raises(ValueError):
        norms.layer_norm(np.ones(4))
    with pytest.raises(ValueError):
        norms.running_update(np.zeros(2), np.ones(2), np.ones((3, 2)), momentum=1.5)
    with pytest.raises(ValueError):
        norms.scale_features(np.ones((3, 2)), "robust")
    with pytest.raises(ValueError):
        norms.train_vs_eval(3, momentum=-0.1)
    with pytest.raises(ValueError):
        norms.train_vs_eval(-1)


def test_two_examples_batch_norm_to_plus_minus_one():
    x = batch(n=2).numpy()
    ref = F.batch_norm(torch.from_numpy(x), None, None, training=True, eps=1e-12).numpy()
    assert np.abs(ref) == pytest.approx(np.ones_like(ref))
    assert norms.batch_norm(x, eps=1e-12) == pytest.approx(ref, abs=1e-9)


# -- batch noise ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def noise():
    pop = norms.population(seed=0)
    return pop, norms.batch_noise(pop, draws=4000, groups=2, seed=1)


def test_batch_mean_spread_follows_sigma_over_root_b(noise):
    pop, table = noise
    sigma = pop[:, 0].std()
    assert table["mean_sd_exact"].to_numpy() == pytest.approx(sigma / np.sqrt(table["batch"]))
    assert table["mean_sd"].to_numpy() == pytest.approx(table["mean_sd_exact"].to_numpy(), rel=0.06)


def test_batch_variance_spread_matches_torch_monte_carlo_and_the_closed_form(noise):
    pop, table = noise
    x = torch.from_numpy(pop[:, 0])
    g = torch.Generator().manual_seed(7)
    for b in (2, 8, 64):
        idx = torch.randint(len(x), (20000, b), generator=g)
        sd = x[idx].var(1, correction=0).std().item()
        row = table[table["batch"] == b].iloc[0]
        assert row["var_sd_exact"] == pytest.approx(sd, rel=0.05)
        assert row["var_sd"] == pytest.approx(sd, rel=0.15)  # 4000 draws of a heavy tail


def test_the_noise_shortcut_equals_normalizing_the_whole_batch():
    rng = np.random.default_rng(3)
    full = rng.normal(2.0, 3.0, (50, 16, 8))  # (draws, B, C)
    np.testing.assert_allclose(norms.batch_norm(full)[:, 0, 0],
                               norms.batch_norm(full[..., :1])[:, 0, 0])
    np.testing.assert_allclose(norms.layer_norm(full)[:, 0], norms.layer_norm(full[:, :1])[:, 0])
    np.testing.assert_allclose(norms.group_norm(full, 4)[:, 0],
                               norms.group_norm(full[:, :1], 4)[:, 0])


def test_only_batch_norm_depends_on_the_companions(noise):
    _, table = noise
    assert (table["out_sd_layer"] < 1e-12).all() and (table["out_sd_group"] < 1e-12).all()
    sd = table["out_sd_batch"].to_numpy()
    assert sd[0] > 0.8 and (np.diff(sd) < 0).all() and sd[-1] < 0.1


# -- BN in training -------------------------------------------------------------------------------

def test_snapshots_start_from_the_untrained_network():
    s = norms.training_snapshots("batch", "tanh", 0.3, depth=3, width=8, epochs=2, seed=4, bins=20)
    assert sorted(s.hist["epoch"].unique()) == [0, 1, 2]
    assert list(s.loss["epoch"]) == [0, 1, 2] and s.diverged_at is None
    # epoch 0: the freshly built net, through an independent functional forward pass
    cfg = NetConfig(depth=3, width=8, activation="tanh", init="xavier_normal", norm="batch", seed=4)
    t = norms._trainer("batch", "tanh", 0.3, 3, 8, 4)
    with torch.no_grad():
        _, zs, hs = forward(cfg, weights(build_mlp(cfg)), t.Xtr)
    spread = s.spread[s.spread["epoch"] == 0]
    z_std = spread["z_std"].to_numpy()
    assert z_std == pytest.approx([z.std(correction=0).item() for z in zs], rel=1e-5)
    assert z_std == pytest.approx(np.ones(3), rel=1e-2)  # BN at init: γ = 1 (eps aside)
    h0 = s.hist[(s.hist["epoch"] == 0) & (s.hist["layer"] == 3)]
    width = h0["x"].diff().iloc[1]
    edges = np.concatenate([h0["x"] - width / 2, [h0["x"].iloc[-1] + width / 2]])
    counts = np.histogram(hs[2].numpy().ravel(), edges)[0]
    assert h0["density"].to_numpy() == pytest.approx(counts / hs[2].numel() / width, rel=1e-4)


def test_snapshots_leave_the_running_averages_alone():
    """Probing in train mode must not move BN's running averages: the eval-mode loss of the run
    equals that of a plain Trainer with the same steps."""
    s = norms.training_snapshots("batch", "relu", 0.1, depth=2, width=8, epochs=2, seed=2)
    t = norms._trainer("batch", "relu", 0.1, 2, 8, 2)
    t.step(2 * t.per_epoch)
    assert s.loss["loss"].iloc[-1] == pytest.approx(t.history["loss"].iloc[-1], rel=1e-6)


def test_a_diverging_run_stops_and_says_when():
    s = norms.training_snapshots("none", "relu", 3.0, epochs=10, seed=0)
    assert s.diverged_at is not None and s.hist["epoch"].max() < 10


def test_lr_sweep_reports_losses_and_divergence():
    table = norms.lr_sweep((0.3, 3.0), "relu", depth=6, epochs=10, seed=0)
    t = norms._trainer("batch", "relu", 0.3, 6, 16, 0)
    t.step(10 * t.per_epoch)
    assert table["batch"].iloc[0] == pytest.approx(t.history["loss"].iloc[-1])
    assert table["none_diverged"].iloc[1] and math.isnan(table["none"].iloc[1])
    assert not table["batch_diverged"].any() and table["batch"].notna().all()


def test_a_sweep_made_one_network_at_a_time_is_the_one_call_sweep():
    lrs = (0.3, 3.0)
    whole = norms.lr_sweep(lrs, "relu", depth=3, width=8, epochs=3, seed=1)
    keys = [(n, lr) for lr in lrs for n in norms.SWEEP_NORMS]
    runs = {k: norms.sweep_run(*k, "relu", depth=3, width=8, epochs=3, seed=1)
            for k in reversed(keys)}  # any order: the networks are independent
    parts = norms.sweep_table({k: runs[k] for k in keys})
    pd.testing.assert_frame_equal(parts, whole, check_exact=True)
    assert list(whole.columns) == ["lr", "none", "none_diverged", "batch", "batch_diverged"]


def test_batch_norm_trains_tanh_better_at_every_rate_of_the_sweep():
    table = norms.lr_sweep((0.1, 1.0, 3.0), "tanh", seed=0)
    assert (table["batch"] < table["none"]).all()


# -- train vs eval ---------------------------------------------------------------------------------

@pytest.mark.parametrize("momentum", [0.1, 0.5])
def test_running_averages_are_the_exponential_average_of_the_batch_statistics(momentum):
    r = norms.train_vs_eval(12, momentum, batch=8, seed=3)
    tr = r.trace
    assert len(tr) == 13 and tr["running_mean"].iloc[0] == 0 and tr["running_var"].iloc[0] == 1
    k = np.arange(12)
    w = momentum * (1 - momentum) ** (11 - k)  # weight of step k + 1's batch at the end
    mean = (w * tr["batch_mean"].iloc[1:]).sum()
    var = (1 - momentum) ** 12 + (w * tr["batch_var"].iloc[1:]).sum()
    assert tr["running_mean"].iloc[-1] == pytest.approx(mean, rel=1e-5, abs=1e-7)
    assert tr["running_var"].iloc[-1] == pytest.approx(var, rel=1e-5)
    assert r.units["running_mean"].iloc[0] == pytest.approx(tr["running_mean"].iloc[-1])


def test_with_momentum_one_the_running_averages_are_the_last_batch():
    r = norms.train_vs_eval(5, 1.0, seed=0)
    last = r.trace.iloc[-1]
    assert last["running_mean"] == pytest.approx(last["batch_mean"], rel=1e-5)
    assert last["running_var"] == pytest.approx(last["batch_var"], rel=1e-5)


def test_eval_mode_output_is_the_net_with_running_averages():
    """Rebuild the network in plain torch from the recorded running statistics after 0 steps
    (mean 0, var 1): eval mode normalizes with those, train mode with the probe batch's own."""
    r = norms.train_vs_eval(0, seed=1, probe=8)
    cfg = NetConfig(depth=3, width=8, activation="tanh", init="xavier_normal", norm="batch", seed=1)
    model = build_mlp(cfg)
    t = norms._trainer("batch", "tanh", 0.1, 3, 8, 1, batch=16)
    x = t.Xte[:8]
    h = x
    with torch.no_grad():
        for b in model.blocks:
            h = torch.tanh(F.batch_norm(F.linear(h, b.linear.weight, b.linear.bias),
                                        torch.zeros(8), torch.ones(8), training=False))
        out_eval = torch.sigmoid(model.head(h)[:, 0])
        out_train = torch.sigmoid(forward(cfg, weights(model), x)[0][:, 0])
    assert r.outputs["eval"].to_numpy() == pytest.approx(out_eval.numpy(), abs=1e-6)
    assert r.outputs["train"].to_numpy() == pytest.approx(out_train.numpy(), abs=1e-6)
    assert np.abs(r.outputs["eval"] - r.outputs["train"]).mean() > 0.01


def test_running_averages_approach_the_true_statistics():
    early, late = norms.train_vs_eval(2, seed=0), norms.train_vs_eval(300, seed=0)
    gap = [np.abs(r.units["running_mean"] - r.units["true_mean"]).mean() +
           np.abs(r.units["running_var"] - r.units["true_var"]).mean() for r in (early, late)]
    assert gap[1] < gap[0] / 3


# -- input feature scaling ----------------------------------------------------------------------

def test_scalings_do_what_they_say():
    X, _ = norms.feature_data(30, seed=1)
    mm, z = norms.scale_features(X, "minmax"), norms.scale_features(X, "zscore")
    assert mm.min(0) == pytest.approx([0, 0]) and mm.max(0) == pytest.approx([1, 1])
    assert z.mean(0) == pytest.approx([0, 0], abs=1e-12) and z.std(0) == pytest.approx([1, 1])
    assert norms.scale_features(X, "raw") == pytest.approx(X)


@pytest.mark.parametrize("kind", norms.SCALINGS)
def test_least_squares_against_lstsq_and_an_autograd_hessian(kind):
    X, y = norms.feature_data(10, seed=2)
    Xs = norms.scale_features(X, kind)
    q = norms.least_squares(Xs, y)
    coef = np.linalg.lstsq(np.column_stack([Xs, np.ones(len(y))]), y, rcond=None)[0]
    assert q.w_star == pytest.approx(coef[:2], rel=1e-8)
    Xt, yt = torch.from_numpy(Xs), torch.from_numpy(y)

    def loss(w):  # the bias at its optimum for w: b = mean(y) - w · mean(x)
        b = yt.mean() - Xt.mean(0) @ w
        return torch.mean((yt - Xt @ w - b) ** 2)
    H = torch.autograd.functional.hessian(loss, torch.tensor([0.3, -0.2], dtype=torch.float64))
    assert q.H == pytest.approx(H.numpy(), rel=1e-8)
    ev = np.linalg.eigvalsh(H.numpy())
    assert q.condition == pytest.approx(ev[-1] / ev[0], rel=1e-8)
    w = np.array([[0.5, 1.5], [-1.0, 2.0]])
    assert q.value(w) == pytest.approx([loss(torch.from_numpy(p)).item() for p in w], rel=1e-9)


def test_zscore_condition_is_set_by_the_correlation_alone():
    X, y = norms.feature_data(100, seed=3)
    rho = abs(np.corrcoef(X.T)[0, 1])
    q = norms.least_squares(norms.scale_features(X, "zscore"), y)
    assert q.condition == pytest.approx((1 + rho) / (1 - rho), rel=1e-9)


def test_scaling_removes_the_feature_scale_and_raw_conditioning_grows_with_it():
    conds = {k: [] for k in norms.SCALINGS}
    for s in (1, 10, 100):
        X, y = norms.feature_data(s, seed=0)
        for k in norms.SCALINGS:
            conds[k].append(norms.least_squares(norms.scale_features(X, k), y).condition)
    assert conds["minmax"] == pytest.approx([conds["minmax"][0]] * 3, rel=1e-9)
    assert conds["zscore"] == pytest.approx([conds["zscore"][0]] * 3, rel=1e-9)
    raw = conds["raw"]
    assert raw[1] > 50 * raw[0] and raw[2] > 50 * raw[1]  # about the square of the scale
    assert conds["zscore"][0] < conds["minmax"][0] < raw[1]


@pytest.mark.parametrize("share", [0.3, 0.9])
def test_gd_path_is_the_closed_form_of_gradient_descent_on_a_quadratic(share):
    X, y = norms.feature_data(10, seed=0)
    q = norms.least_squares(norms.scale_features(X, "minmax"), y)
    lr = share * 2 / q.eigenvalues[-1]
    path = norms.gd_path(q, lr, 15, start=(0.5, -1.0))
    w0, M = np.array([0.5, -1.0]), np.eye(2) - lr * q.H
    for k in (0, 1, 7, 15):
        wk = q.w_star + np.linalg.matrix_power(M, k) @ (w0 - q.w_star)
        row = path.iloc[k]
        assert [row["x"], row["y"]] == pytest.approx(wk, rel=1e-9, abs=1e-12)
        assert row["loss"] == pytest.approx(q.value(wk), rel=1e-9)


def test_gd_beyond_the_stable_step_grows():
    X, y = norms.feature_data(10, seed=0)
    q = norms.least_squares(norms.scale_features(X, "raw"), y)
    path = norms.gd_path(q, 1.1 * 2 / q.eigenvalues[-1], 50)
    assert path["loss"].iloc[-1] > 100 * path["loss"].iloc[0]


def test_square_domain_holds_the_points_with_equal_sides():
    (x0, x1), (y0, y1) = norms.square_domain([(0, 0), (0.01, 3.0)])
    assert x1 - x0 == pytest.approx(y1 - y0)
    assert x0 < 0 < 0.01 < x1 and y0 < 0 < 3.0 < y1


def test_engine_frames_are_plain():
    r = norms.train_vs_eval(1)
    assert all(isinstance(f, pd.DataFrame) for f in (r.trace, r.units, r.outputs))
