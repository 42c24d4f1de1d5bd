"""Optimizer paths against torch.optim stepped by hand, closed-form rates, batching and divergence."""
import collections
import dataclasses
import math

import numpy as np
import pytest
import torch

from playground import functions2d as F
from playground import optim
from playground import paths as P

ROSEN = F.FUNCTIONS["rosenbrock"]
BOWL = F.quadratic(10, 30)


def by_hand(f, cls, lr, steps, start, sched=None, **kw):
    """The reference: torch.optim on one point, gradient by autograd of the value."""
    p = torch.tensor(start, dtype=torch.float64, requires_grad=True)
    opt = cls([p], lr=lr, **kw)
    s = sched(opt) if sched else None
    out = [p.detach().clone()]
    for _ in range(steps):
        opt.zero_grad()
        f.value(p).backward()
        opt.step()
        if s:
            s.step()
        out.append(p.detach().clone())
    return torch.stack(out).numpy()


O = torch.optim
REFERENCES = {
    "sgd": (O.SGD, {}), "momentum": (O.SGD, {"momentum": 0.8}),
    "nesterov": (O.SGD, {"momentum": 0.8, "nesterov": True}), "adagrad": (O.Adagrad, {}),
    "rmsprop": (O.RMSprop, {}), "adadelta": (O.Adadelta, {}),
    "adam": (O.Adam, {"betas": (0.8, 0.99)}), "adamw": (O.AdamW, {"betas": (0.8, 0.99)}),
    "adamax": (O.Adamax, {"betas": (0.8, 0.99)}), "nadam": (O.NAdam, {"betas": (0.8, 0.99)}),
}


@pytest.mark.parametrize("name", REFERENCES)
@pytest.mark.parametrize("f", [ROSEN, BOWL, F.FUNCTIONS["beale"]], ids=repr)
def test_each_optimizer_equals_torch_optim_stepped_by_hand(name, f):
    cls, kw = REFERENCES[name]
    path = P.optimizer_path(f, name, 1e-3, 150, f.start, momentum=0.8, beta2=0.99)
    assert path.shape == (151, 2) and tuple(path[0]) == f.start
    np.testing.assert_allclose(path, by_hand(f, cls, 1e-3, 150, f.start, **kw), rtol=1e-10,
                               atol=1e-12)


@pytest.mark.parametrize("schedule,make", [
    ("step", lambda o: O.lr_scheduler.LambdaLR(o, lambda t: 0.5 ** (4 * t // 120))),
    ("exponential", lambda o: O.lr_scheduler.ExponentialLR(o, gamma=0.01 ** (1 / 120))),
    ("cosine", lambda o: O.lr_scheduler.CosineAnnealingLR(o, T_max=120)),
])
def test_schedules_match_the_torch_scheduler_stepped_by_hand(schedule, make):
    path = P.optimizer_path(BOWL, "momentum", 0.02, 120, BOWL.start, schedule=schedule)
    ref = by_hand(BOWL, O.SGD, 0.02, 120, BOWL.start, sched=make, momentum=0.9)
    np.testing.assert_allclose(path, ref, rtol=1e-10, atol=1e-12)


def test_warmup_cosine_rises_then_falls_to_zero():
    lrs = optim.lr_curve("warmup_cosine", 0.1, 100)
    assert lrs[0] == pytest.approx(0.001) and lrs.argmax() == 10 and lrs.max() == pytest.approx(0.1)
    assert np.all(np.diff(lrs[:11]) > 0) and np.all(np.diff(lrs[11:]) < 0) and lrs[-1] < 1e-3
    assert optim.lr_curve("constant", 0.1, 3).tolist() == [0.1, 0.1, 0.1]


def test_gradient_descent_on_a_quadratic_contracts_at_one_minus_lr_lambda():
    # along each eigenvector of H the error is multiplied by exactly (1 - lr·λ) per step
    f, lr = F.quadratic(10, 30), 0.15
    lam, V = np.linalg.eigh(f.hessian(np.zeros(2)))
    z = P.optimizer_path(f, "sgd", lr, 20, (2.0, -1.0)) @ V  # coordinates along eigenvectors
    for i in range(2):
        np.testing.assert_allclose(z[1:, i] / z[:-1, i], 1 - lr * lam[i], rtol=1e-9)


def test_heavy_ball_reaches_its_optimal_rate():
    # Polyak: lr = 4 / (√L + √μ)², β = ((√κ - 1) / (√κ + 1))² contracts by (√κ - 1) / (√κ + 1)
    kappa = 100
    lr, rate = 4 / (math.sqrt(kappa) + 1) ** 2, (math.sqrt(kappa) - 1) / (math.sqrt(kappa) + 1)
    path = P.optimizer_path(F.quadratic(kappa, 20), "momentum", lr, 400, (2.0, 1.0),
                            momentum=rate**2)
    r = np.linalg.norm(path, axis=1)
    assert (r[400] / r[200]) ** (1 / 200) == pytest.approx(rate, rel=0.01)
    plain = np.linalg.norm(P.optimizer_path(F.quadratic(kappa, 20), "sgd", 2 / (kappa + 1), 400,
                                            (2.0, 1.0)), axis=1)
    assert r[400] < plain[400] * 1e-20  # (κ-1)/(κ+1) per step is far slower


def test_newton_solves_a_quadratic_in_one_full_step():
    path = P.optimizer_path(F.quadratic(1000, 70), "newton", 1.0, 3, (2.0, -1.5))
    np.testing.assert_allclose(path[1:], 0, atol=1e-12)


def test_newton_direction_equals_an_eigendecomposition_by_numpy():
    rng = np.random.default_rng(0)
    A = rng.normal(size=(500, 2, 2)) * 10.0 ** rng.uniform(-4, 4, size=(500, 1, 1))
    H = (A + A.transpose(0, 2, 1)) / 2
    H[:3] = [np.diag([2.0, 2.0]), np.diag([-1.0, 3.0]), [[0, 1e-5], [1e-5, 0]]]  # ties, saddles
    g = rng.normal(size=(500, 2))
    lam, V = np.linalg.eigh(H)
    ref = np.einsum("kij,kj->ki", V, np.einsum("kji,kj->ki", V, g)
                    / np.maximum(np.abs(lam), P.CURVATURE))
    np.testing.assert_allclose(P.newton_direction(H, g), ref, rtol=1e-9, atol=1e-12)


def test_newton_uses_absolute_curvature_so_a_saddle_repels_it():
    # plain Newton would land on (0, 0) in one step; |H| Newton moves away along y
    path = P.optimizer_path(F.FUNCTIONS["saddle"], "newton", 0.5, 1, (1.0, 0.2))
    np.testing.assert_allclose(path[1], [0.5, 0.3])
    d = P.newton_direction(np.zeros((1, 2, 2)), np.array([[1e-3, 0.0]]))
    np.testing.assert_allclose(d, [[1e-3 / P.CURVATURE, 0]])  # singular H: capped, finite


def test_batched_run_equals_single_runs():
    starts = [(-1.5, 2.5), (0.3, -0.5), (1.8, 2.9), (-0.2, 0.1)]
    for name in P.OPTIMIZERS:
        batch = P.run_paths(ROSEN, name, 2e-3, 80, starts, schedule="cosine", noise=5.0,
                            batch=4, seed=7)
        for i, s in enumerate(starts):
            single = P.optimizer_path(ROSEN, name, 2e-3, 80, s, schedule="cosine", noise=5.0,
                                      batch=4, seed=7 + i)
            np.testing.assert_array_equal(batch.xy[:, i], single, err_msg=name)


@pytest.mark.parametrize("f,names", [(ROSEN, P.OPTIMIZERS),
                                     (F.quadratic(20, 30), ("newton", "adam", "sgd"))])
def test_every_optimizer_stepped_together_equals_each_alone(f, names):
    # (SGD and Newton share one torch optimizer when stepped together)
    starts = [(-1.5, 2.5), (0.3, -0.5)]
    together = P.run_many(f, names, 2e-3, 80, starts, schedule="step", noise=2.0, seed=3)
    assert list(together) == list(names)
    for name, run in together.items():
        alone = P.run_paths(f, name, 2e-3, 80, starts, schedule="step", noise=2.0, seed=3)
        np.testing.assert_array_equal(run.xy, alone.xy, err_msg=name)
        np.testing.assert_array_equal(run.diverged, alone.diverged)


def test_noise_shrinks_as_one_over_root_batch_and_is_seeded():
    f, start = F.quadratic(1, 0), (0.0, 0.0)
    def spread(batch):
        kw = {"noise": 1.0, "batch": batch, "seed": 3}
        return np.diff(P.optimizer_path(f, "sgd", 1e-6, 2000, start, **kw), axis=0).std() / 1e-6
    assert spread(1) == pytest.approx(1, rel=0.05)
    assert spread(100) == pytest.approx(0.1, rel=0.05)
    a = P.optimizer_path(ROSEN, "adam", 0.01, 30, ROSEN.start, noise=1.0, seed=1)
    np.testing.assert_array_equal(a, P.optimizer_path(ROSEN, "adam", 0.01, 30, ROSEN.start,
                                                      noise=1.0, seed=1))
    assert not np.array_equal(a, P.optimizer_path(ROSEN, "adam", 0.01, 30, ROSEN.start,
                                                  noise=1.0, seed=2))


def test_sgd_lingers_at_a_saddle_while_adam_leaves():
    f, start = F.FUNCTIONS["saddle"], (-1.5, 1e-3)
    sgd = P.optimizer_path(f, "sgd", 0.01, 300, start)
    adam = P.optimizer_path(f, "adam", 0.01, 300, start)
    assert (np.linalg.norm(sgd[150:225], axis=1) < 0.15).all()  # parked next to (0, 0)
    assert abs(sgd[150, 1]) < 0.05 < 1 < abs(adam[150, 1])  # Adam escaped along y long ago


def test_divergence_is_recorded_not_raised_and_other_rows_go_on():
    run = P.run_paths(BOWL, "sgd", 0.5, 100, [(2.0, 1.0), (2.0, 1.0)])  # lr·κ = 5: diverges
    assert (run.diverged > 0).all() and np.isnan(run.xy[-1]).all()
    d = int(run.diverged[0])
    assert np.isfinite(run.xy[:d]).all() and np.isnan(run.xy[d:]).all()
    mixed = P.run_paths(F.FUNCTIONS["rosenbrock"], "sgd", 2e-3, 300, [(-1.5, 2.5), (0.9, 0.8)])
    lone = P.optimizer_path(F.FUNCTIONS["rosenbrock"], "sgd", 2e-3, 300, (0.9, 0.8))
    np.testing.assert_array_equal(mixed.xy[:, 1], lone)
    assert mixed.diverged[1] == -1
    assert P.optimizer_path(BOWL, "adam", 1e308, 3, (1.0, 1.0)).shape == (4, 2)


def test_an_optimizer_whose_paths_are_all_lost_stops_and_the_others_go_on(monkeypatch):
    calls = collections.Counter()
    real = P.bare_step

    def counted(opt):
        step = real(opt)

        def counting():
            calls[type(opt).__name__] += 1
            step()
        return counting

    monkeypatch.setattr(P, "bare_step", counted)
    names, starts = ("sgd", "adam", "momentum"), [(2.0, 1.0), (-1.0, 2.0)]
    together = P.run_many(BOWL, names, 1.0, 300, starts)  # lr·κ = 10: sgd and momentum diverge
    assert calls["Adam"] == 300 and calls["SGD"] <= 2 * 16  # stopped within 16 steps of it
    assert together["adam"].diverged.tolist() == [-1, -1]
    for name in names:
        alone = P.run_paths(BOWL, name, 1.0, 300, starts)
        np.testing.assert_array_equal(together[name].xy, alone.xy, err_msg=name)
        np.testing.assert_array_equal(together[name].diverged, alone.diverged)
        for i, d in enumerate(together[name].diverged):
            if d >= 0:  # finite up to the step it was lost, NaN from there on
                assert np.isfinite(alone.xy[:d, i]).all() and np.isnan(alone.xy[d:, i]).all()


@pytest.mark.parametrize("kw,msg", [({"optimizer": "lbfgs"}, "Unknown optimizer"),
                                    ({"lr": 0.0}, "Invalid learning rate"),
                                    ({"schedule": "one_cycle"}, "Unknown schedule"),
                                    ({"batch": 0}, "Invalid steps")])
def test_bad_arguments_are_named(kw, msg):
    args = {"function": BOWL, "optimizer": "sgd", "lr": 0.1, "steps": 5, "start": (1, 1)} | kw
    with pytest.raises(ValueError, match=msg):
        P.optimizer_path(**args)


def test_compare_tabulates_every_optimizer():
    s = P.Setup(optimizers=("sgd", "momentum", "newton"), lr=0.05, steps=200)
    c = P.compare(s)
    assert list(c.frame["optimizer"].unique()) == list(s.optimizers)
    assert len(c.frame) == 3 * 201
    sgd = c.frame[c.frame["optimizer"] == "sgd"]
    np.testing.assert_allclose(sgd[["x", "y"]], P.optimizer_path(BOWL, "sgd", 0.05, 200, s.start))
    np.testing.assert_allclose(sgd["loss"], BOWL.value(sgd[["x", "y"]].to_numpy()))
    np.testing.assert_allclose(sgd["distance"], np.hypot(sgd["x"], sgd["y"]))
    first = int(np.argmax(sgd["distance"].to_numpy() < P.REACHED))
    assert c.reached["sgd"] == first and c.diverged == {}
    t = c.table().set_index("optimizer")
    assert t.loc["sgd", "reached"] == first and np.isnan(t.loc["sgd", "diverged"])
    assert t.loc["sgd", "distance"] == pytest.approx(sgd["distance"].iloc[-1])
    assert c.position("momentum", 0) == s.start


def test_compare_reports_divergence_and_positions_after_it_are_none():
    c = P.compare(P.Setup(optimizers=("sgd", "adam"), lr=1.0, steps=50))
    assert set(c.diverged) == {"sgd"} and c.position("sgd", 50) is None
    assert c.table().set_index("optimizer").loc["sgd", "diverged"] == c.diverged["sgd"]


def test_preconditioning_turns_the_zigzag_into_a_few_steps():
    s = P.Setup(kappa=100, angle=30, optimizers=("sgd",), lr=0.01, steps=1000)
    plain, pre = P.compare(s), P.compare(P.Setup(**{**s.__dict__, "precondition": True}))
    f, start = P.problem(P.Setup(**{**s.__dict__, "precondition": True}))
    _, M = F.whitened(100, 30)
    np.testing.assert_allclose(start, M @ np.asarray(s.start))
    assert pre.reached["sgd"] == 1 and plain.reached["sgd"] > 500


def test_compare_without_optimizers_is_empty_not_an_error():
    c = P.compare(P.Setup(optimizers=()))
    assert c.frame.empty and list(c.frame.columns) == list(P.COLUMNS) and c.table().empty


@pytest.mark.parametrize("name", ["quadratic", "saddle", "booth"])
def test_newton_on_a_constant_hessian_equals_the_step_by_step_eigenvectors(name):
    f = F.FUNCTIONS[name]
    assert P.constant_newton(f) is not None
    # the same function with second derivatives as arrays: the general path, H per step
    general = dataclasses.replace(f, d2f=lambda x, y, m: tuple(x * 0 + v for v in f.d2f(x, y, m)))
    assert P.constant_newton(general) is None
    starts = [(2.0, -1.5), (-0.3, 0.7), (1e-3, 2.5)]
    fast, slow = (P.run_paths(g, "newton", 0.3, 40, starts).xy for g in (f, general))
    np.testing.assert_allclose(fast, slow, rtol=1e-12, atol=1e-14)


def test_a_curved_hessian_keeps_the_general_newton_step():
    for name in ("rosenbrock", "himmelblau", "monkey_saddle"):
        assert P.constant_newton(F.FUNCTIONS[name]) is None
