"""Regularization engine against independent references: closed forms, KKT conditions, a
proximal-gradient solver, direct counts, torch.nn.Dropout and the Adam/AdamW equations."""
import math

import numpy as np
import pandas as pd
import pytest
import torch

from playground import regularize as rg
from playground.nets import NetConfig, build_mlp

LAMS = np.linspace(0, 1.5, 61)


def smooth_grad(H, wstar, w) -> np.ndarray:
    """∇ ½ (w − w*)ᵀ H (w − w*) by autograd."""
    w = torch.tensor(w, dtype=torch.float64, requires_grad=True)
    d = w - torch.tensor(wstar, dtype=torch.float64)
    (0.5 * d @ torch.tensor(H) @ d).backward()
    return w.grad.numpy()


@pytest.mark.parametrize("kappa,angle", [(1, 0), (4, 30), (10, 45), (30, 120)])
def test_l2_solution_is_where_the_penalised_gradient_vanishes(kappa, angle):
    H = rg.hessian(kappa, angle)
    for lam, w in zip(LAMS, rg.l2_solution(H, rg.WSTAR, LAMS)):
        assert smooth_grad(H, rg.WSTAR, w) + lam * w == pytest.approx([0, 0], abs=1e-12)


def test_hessian_has_the_asked_eigenvalues():
    assert np.linalg.eigvalsh(rg.hessian(10, 30)) == pytest.approx([0.1, 1.0])


@pytest.mark.parametrize("kappa", [1, 4, 10])
def test_l1_on_a_diagonal_hessian_is_the_soft_threshold(kappa):
    H = rg.hessian(kappa, 0)  # diag(1, 1/κ): the coordinates decouple
    W = rg.l1_solution(H, rg.WSTAR, LAMS)
    for lam, w in zip(LAMS, W):
        h, ws = np.diag(H), np.array(rg.WSTAR)
        expected = np.sign(ws) * np.maximum(np.abs(h * ws) - lam, 0) / h
        assert w == pytest.approx(expected, abs=1e-12)
    # L2 on the same H: each coordinate multiplied by h / (h + λ), never exactly 0
    W2 = rg.l2_solution(H, rg.WSTAR, LAMS)
    assert W2 == pytest.approx(np.diag(H) / (np.diag(H) + LAMS[:, None]) * rg.WSTAR, abs=1e-12)


@pytest.mark.parametrize("kappa,angle", [(4, 30), (10, 45), (30, 120), (2, 160)])
def test_l1_solution_meets_the_kkt_conditions_for_a_rotated_hessian(kappa, angle):
    H = rg.hessian(kappa, angle)
    for lam, w in zip(LAMS, rg.l1_solution(H, rg.WSTAR, LAMS)):
        g = smooth_grad(H, rg.WSTAR, w)
        for i in range(2):
            if w[i] != 0:
                assert g[i] + lam * np.sign(w[i]) == pytest.approx(0, abs=1e-9)
            else:
                assert abs(g[i]) <= lam + 1e-9


def test_l1_solution_matches_proximal_gradient_descent():
    """ISTA: a gradient step on the smooth part, then the soft threshold (Beck & Teboulle 2009)."""
    H = rg.hessian(10, 45)
    b = torch.tensor(H) @ torch.tensor(rg.WSTAR, dtype=torch.float64)
    eta = 1.0  # 1 / the largest eigenvalue
    for lam in (0.05, 0.3, 0.6, 1.0):
        w = torch.zeros(2, dtype=torch.float64)
        for _ in range(2_000):  # contracts by 1 − 1/κ = 0.9 per step
            z = w - eta * (torch.tensor(H) @ w - b)
            w = torch.sign(z) * torch.clamp(z.abs() - eta * lam, min=0)
        assert rg.l1_solution(H, rg.WSTAR, lam)[0] == pytest.approx(w.numpy(), abs=1e-10)


@pytest.mark.parametrize("kappa,angle", [(4, 30), (10, 45), (1, 0)])
def test_l1_reaches_exactly_zero_at_a_finite_lambda_and_l2_never_does(kappa, angle):
    H = rg.hessian(kappa, angle)
    top = rg.lambda_zero(H, rg.WSTAR)
    assert top == pytest.approx(np.abs(H @ rg.WSTAR).max())
    assert (rg.l1_solution(H, rg.WSTAR, [top, top * 1.5]) == 0).all()
    assert (rg.l1_solution(H, rg.WSTAR, top * 0.99) != 0).any()
    path = rg.solution_paths(kappa, angle, LAMS)
    first = rg.first_zero(path["lam"], path[["l1_w1", "l1_w2"]].to_numpy())
    assert 0 < first <= top
    norms = np.hypot(path["l2_w1"], path["l2_w2"])
    assert (norms > 0).all() and (np.diff(norms) < 0).all()


def test_first_zero_is_nan_without_a_zero():
    assert math.isnan(rg.first_zero([0, 1], np.ones((2, 2))))
    assert rg.first_zero([0, 1, 2], np.array([[1, 1], [0, 1], [0, 0]])) == 1


def test_balls_lie_on_their_norm():
    d, c = rg.ball("l1", 0.7), rg.ball("l2", 0.7)
    assert (np.abs(d["x"]) + np.abs(d["y"])).to_numpy() == pytest.approx(np.full(len(d), 0.7))
    assert np.hypot(c["x"], c["y"]).to_numpy() == pytest.approx(np.full(len(c), 0.7))
    assert (d.iloc[0][["x", "y"]] == d.iloc[-1][["x", "y"]]).all()  # closed
    with pytest.raises(ValueError):
        rg.ball("linf", 1.0)


def test_sparsity_matches_a_direct_count():
    w = np.random.default_rng(0).normal(0, 0.01, 1000)
    direct = sum(1 for v in w if abs(v) < 1e-3) / len(w)
    assert rg.sparsity(w) == direct and 0 < direct < 1
    assert rg.sparsity([0.0, -5e-4, 1e-3, 2.0]) == 0.5  # 1e-3 itself is not below 1e-3
    with pytest.raises(ValueError):
        rg.sparsity([])


def test_weights_of_takes_every_weight_matrix_and_no_bias():
    model = build_mlp(NetConfig(depth=3, width=8, seed=1))
    named = [p for n, p in model.named_parameters() if n.endswith("weight")]
    w = rg.weights_of(model)
    assert w.size == sum(p.numel() for p in named) == 2 * 8 + 8 * 8 * 2 + 8
    assert w == pytest.approx(torch.cat([p.detach().reshape(-1) for p in named]).numpy())


def test_histograms_are_densities_over_the_bins():
    rng = np.random.default_rng(1)
    runs = {"a": rng.normal(0, 0.3, 500), "b": rng.uniform(-0.5, 0.5, 300)}
    h = rg.histograms(runs, -1, 1, bins=20)
    width = h["hi"] - h["lo"]
    for name, w in runs.items():
        inside = np.mean((w >= -1) & (w <= 1))
        assert (h[name] * width).sum() == pytest.approx(inside)
    ref, _ = np.histogram(runs["b"], np.linspace(-1, 1, 21), density=True)
    assert h["b"].to_numpy() == pytest.approx(ref)


def test_l1_training_is_sparser_than_none_and_l2_shrinks_without_zeros():
    none, l1, l2 = (rg.penalised("none", 0, seed=0), rg.penalised("l1", 0.01, seed=0),
                    rg.penalised("l2", 0.03, seed=0))
    assert rg.sparsity(l1.weights) > 10 * rg.sparsity(none.weights)
    assert rg.sparsity(l1.weights) > 0.3
    assert np.abs(l2.weights).mean() < np.abs(none.weights).mean()
    assert rg.sparsity(l2.weights) < 0.05
    assert not (none.diverged_at or l1.diverged_at or l2.diverged_at)
    with pytest.raises(ValueError):
        rg.penalised("l3", 0.1)


def test_early_stop_finds_the_lowest_finite_test_loss():
    h = pd.DataFrame({"step": [0, 1, 2, 3, 4], "loss": [1.0, 0.5, 0.3, 0.2, 0.1],
                      "test_loss": [1.0, 0.6, np.nan, 0.6, 0.9]})
    s = rg.early_stop(h)
    assert (s.best_step, s.best_test, s.best_train) == (1, 0.6, 0.5)  # first of the tie
    assert s.final_gap == pytest.approx(0.8)
    with pytest.raises(ValueError):
        rg.early_stop(h.assign(test_loss=np.nan))


def test_few_points_overfit_and_dropout_narrows_the_gap():
    sweep = rg.dropout_sweep(30, rates=(0.0, 0.6), seed=0)
    table = sweep.table
    h, diverged = rg.overfit(30, 0.0, seed=0)
    pd.testing.assert_frame_equal(sweep.histories[0.0], h)  # the sweep keeps each run's history
    s = rg.early_stop(h)
    # the real property: after the best step, training loss keeps falling, test loss rises
    assert diverged is None and 0 < s.best_step < h["step"].iloc[-1]
    assert s.final_train < s.best_train and s.final_test > s.best_test
    assert table["gap"].iloc[0] == pytest.approx(s.final_gap)
    assert table["gap"].iloc[1] < table["gap"].iloc[0]
    with pytest.raises(ValueError):
        rg.overfit(5)


def test_a_sweep_made_one_run_at_a_time_is_the_one_call_sweep():
    rates = (0.0, 0.3, 0.6)
    whole = rg.dropout_sweep(20, rates, seed=3)
    runs = {p: rg.overfit(20, p, seed=3) for p in reversed(rates)}  # any order: independent
    parts = rg.sweep_of({p: runs[p] for p in rates})
    pd.testing.assert_frame_equal(parts.table, whole.table, check_exact=True)
    assert list(parts.histories) == list(whole.histories) == list(rates)
    for p in rates:
        pd.testing.assert_frame_equal(parts.histories[p], whole.histories[p], check_exact=True)


@pytest.mark.parametrize("p", [0.0, 0.1, 0.5, 0.9])
def test_dropout_check_is_inverted_dropout(p):
    state = torch.get_rng_state()
    n = 100_000
    d = rg.dropout_check(p, n=n, seed=3)
    assert torch.equal(torch.get_rng_state(), state)  # the caller's random state is untouched
    sd = math.sqrt(p * (1 - p) / n)
    assert d.kept_share == pytest.approx(1 - p, abs=4 * sd + 1e-12)
    assert d.scale_min == pytest.approx(1 / (1 - p), rel=1e-12)
    assert d.scale_max == pytest.approx(1 / (1 - p), rel=1e-12)
    # E[x·mask/(1 − p)] = E[x]: the output's sd is at most 1.5/√(1 − p) per draw
    assert d.mean_train == pytest.approx(d.mean_in, abs=4 * 1.5 / math.sqrt((1 - p) * n))
    assert d.se_train <= 1.5 / math.sqrt((1 - p) * n)
    assert d.mean_eval == d.mean_in
    ex = d.example
    kept = ex["train"] != 0
    assert ex["train"][kept].to_numpy() == pytest.approx((ex["x"][kept] / (1 - p)).to_numpy(),
                                                          rel=1e-12)
    assert (ex["eval"] == ex["x"]).all()


def test_dropout_check_is_what_torch_dropout_does():
    """The same module in a plain loop: its draws repeat from the same global seed."""
    d = rg.dropout_check(0.3, n=8, seed=5)
    g = torch.Generator().manual_seed(5)
    x = 0.5 + torch.rand(8, generator=g, dtype=torch.float64)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(int(torch.randint(2**62, (1,), generator=g)))
        ref = torch.nn.functional.dropout(x, 0.3, training=True)
    assert d.example["train"].to_numpy() == pytest.approx(ref.numpy(), rel=1e-15)
    with pytest.raises(ValueError):
        rg.dropout_check(1.0)


def adam_reference(noise: np.ndarray, lr, decay, decoupled, b1=0.9, b2=0.999, eps=1e-8):
    """Adam (Kingma & Ba 2015) with λw added to the gradient, or AdamW (Loshchilov & Hutter
    2019) with w ← w − lr·λ·w before the step, in numpy: the weights after every step."""
    w = np.ones(noise.shape[1])
    m, v, out = np.zeros_like(w), np.zeros_like(w), [w.copy()]
    for t, g in enumerate(noise, start=1):
        if decoupled:
            w = w - lr * decay * w
        else:
            g = g + decay * w
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        w = w - lr * (m / (1 - b1**t)) / (np.sqrt(v / (1 - b2**t)) + eps)
        out.append(w.copy())
    return np.array(out)  # (steps + 1, weights)


def test_decay_race_follows_the_adam_and_adamw_equations():
    steps, per, lr, decay = 60, 5, 0.02, 0.3
    race = rg.decay_race(decay, lr=lr, steps=steps, per_scale=per, seed=2, every=20)
    noise = rg.decay_noise(steps, per, seed=2).numpy()
    for name, decoupled in (("adam_l2", False), ("adamw", True)):
        W = adam_reference(noise, lr, decay, decoupled)
        got = race[race["optimizer"] == name]
        assert sorted(set(got["step"])) == [0, 20, 40, 60]
        for _, row in got.iterrows():
            i = rg.GRAD_SCALES.index(row["scale"])
            want = W[int(row["step"]), i * per:(i + 1) * per].mean()
            assert row["mean"] == pytest.approx(want, rel=1e-10, abs=1e-14)


def test_adam_weight_decay_is_l2_in_the_loss():
    """torch's Adam(weight_decay=λ) is the same run as plain Adam on loss + λ/2 ‖w‖²."""
    g = torch.Generator().manual_seed(0)
    target = torch.randn(4, generator=g, dtype=torch.float64)
    ws = [torch.zeros(4, dtype=torch.float64, requires_grad=True) for _ in range(2)]
    a = torch.optim.Adam([ws[0]], lr=0.05, weight_decay=0.2)
    b = torch.optim.Adam([ws[1]], lr=0.05)
    for _ in range(50):
        for w, opt, pen in ((ws[0], a, 0.0), (ws[1], b, 0.2)):
            opt.zero_grad()
            (((w - target) ** 2).sum() + pen / 2 * (w ** 2).sum()).backward()
            opt.step()
    assert ws[0].detach().numpy() == pytest.approx(ws[1].detach().numpy(), rel=1e-12)


def test_adamw_decays_every_scale_alike_and_adam_l2_does_not():
    lr, decay, steps = 0.02, 0.1, 500
    race = rg.decay_race(decay, lr=lr, steps=steps, per_scale=2000, seed=0)
    last = race[race["step"] == steps].set_index(["optimizer", "scale"])["mean"]
    # E[w_T] = (1 − lr·λ)^T exactly for AdamW: the noise's normalized step has mean 0
    for s in rg.GRAD_SCALES:
        assert last["adamw", s] == pytest.approx((1 - lr * decay) ** steps, abs=0.05)
    assert last["adam_l2", 0.01] < 0.05 < 0.9 < last["adam_l2", 100.0]
    with pytest.raises(ValueError):
        rg.decay_race(-1.0)


def test_constraint_map_draws_the_ball_the_touching_contour_and_the_path():
    from playground import contours
    from ui import charts
    from test_charts import valid
    H = rg.hessian(4, 30)
    X, Y, Z = contours.grid(lambda W: rg.objective(H, rg.WSTAR, W), rg.DOMAIN, 20)
    w = rg.l1_solution(H, rg.WSTAR, 0.3)[0]
    touch = contours.iso_lines(X, Y, Z, [float(rg.objective(H, rg.WSTAR, w))])
    path = rg.solution_paths(4, 30, LAMS)[["lam", "l1_w1", "l1_w2"]].set_axis(
        ["lam", "x", "y"], axis=1)
    marks = pd.DataFrame({"x": [1.2, w[0]], "y": [0.5, w[1]], "kind": ["min", "sol"]})
    titles = {"x": "w1", "y": "w2", "z": "loss", "lam": "λ", "minimum": "min", "solution": "sol"}
    spec = charts.constraint_map(X, Y, Z, contours.iso_lines(X, Y, Z, [0.1, 0.5]), rg.DOMAIN,
                                 rg.ball("l1", np.abs(w).sum()), touch, path, marks,
                                 charts.SERIES[0], titles)
    valid(spec)
    ball = charts.rows(spec, "ball")
    assert all(abs(abs(p["x"]) + abs(p["y"]) - np.abs(w).sum()) < 1e-12 for p in ball)
    assert len(charts.rows(spec, "touch")) == len(touch) > 0
    assert [r["kind"] for r in charts.rows(spec, "marks")] == ["min", "sol"]
    assert len(charts.rows(spec, "path")) == len(LAMS)


def test_step_histograms_close_the_last_bin_and_keep_every_series():
    from ui import charts
    from test_charts import valid
    h = rg.histograms({"a": np.array([0.1, 0.2, 0.9]), "b": np.array([-0.5])}, -1, 1, bins=4)
    spec = charts.step_histograms(h, {"a": "A", "b": "B"}, "w", "density")
    valid(spec)
    steps = charts.rows(spec, "steps")
    a = [r for r in steps if r["series"] == "A"]
    assert [r["x"] for r in a] == [-1.0, -0.5, 0.0, 0.5, 1.0]
    assert [r["value"] for r in a] == pytest.approx([0, 0, 4 / 3, 2 / 3, 2 / 3])
    assert spec["encoding"]["y"]["scale"]["type"] == "sqrt"
