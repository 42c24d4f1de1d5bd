"""Loss surfaces against independent references: the model's own forward pass, numpy's SVD,
plain loops, torch autograd."""
import copy
import pickle

import numpy as np
import pytest
from hypothesis import given, strategies as st
import torch

from playground import nets, surface, train


@pytest.fixture(scope="module")
def trained():
    """A small network with BatchNorm, trained a few epochs (it has a trajectory)."""
    tr = train.Trainer(nets.NetConfig(depth=3, width=6, norm="batch", seed=2),
                       train.TrainConfig(dataset="moons", noise=0.2, seed=2))
    tr.step(5 * tr.per_epoch)
    return tr


def direct_loss(model, params: list[torch.Tensor], X, y, task="binary", loss="bce") -> float:
    """The plain way: load the weights into a copy of the model and run it."""
    m = copy.deepcopy(model).eval()
    with torch.no_grad():
        for p, v in zip(m.parameters(), params):
            p.copy_(v)
        return train.data_loss(m(X), y, task, loss).item()


def shifted(model, s: surface.Surface, a: float, b: float) -> list[torch.Tensor]:
    d1, d2 = s.directions
    return [p.detach() + a * u + b * v for p, u, v in zip(model.parameters(), d1, d2)]


@pytest.mark.parametrize("kind", surface.DIRECTIONS)
def test_centre_is_the_models_own_loss(trained, kind):
    tr = trained
    trajectory = np.stack([v for _, v in tr.snapshots])
    s = surface.loss_surface(tr.model, tr.Xtr, tr.ytr, kind, steps=11, trajectory=trajectory)
    tr.model.eval()
    with torch.no_grad():
        own = train.data_loss(tr.model(tr.Xtr), tr.ytr, tr.task, "bce").item()
    tr.model.train()
    assert s.Z[5, 5] == pytest.approx(own, rel=1e-5)
    assert s.alphas[5] == 0 and s.betas[5] == 0


@pytest.mark.parametrize("kind", surface.DIRECTIONS)
def test_grid_points_equal_a_direct_evaluation_with_the_returned_directions(trained, kind):
    tr = trained
    trajectory = np.stack([v for _, v in tr.snapshots])
    s = surface.loss_surface(tr.model, tr.Xtr, tr.ytr, kind, steps=15, span=0.8, seed=3,
                             trajectory=trajectory)
    rng = np.random.default_rng(0)
    for i, j in rng.integers(0, 15, (6, 2)):
        want = direct_loss(tr.model, shifted(tr.model, s, s.alphas[i], s.betas[j]), tr.Xtr, tr.ytr)
        assert s.Z[i, j] == pytest.approx(want, rel=1e-4, abs=1e-6)


def test_multiclass_and_regression_losses_are_evaluated_too():
    for cfg in (train.TrainConfig(dataset="spiral", classes=3, loss="ce"),
                train.TrainConfig(dataset="plane", loss="mse")):
        tr = train.Trainer(nets.NetConfig(depth=2, width=5), cfg)
        s = surface.loss_surface(tr.model, tr.Xtr, tr.ytr, steps=5, loss=cfg.loss, task=tr.task)
        want = direct_loss(tr.model, shifted(tr.model, s, s.alphas[1], s.betas[4]), tr.Xtr,
                           tr.ytr, tr.task, cfg.loss)
        assert s.Z[1, 4] == pytest.approx(want, rel=1e-4)


def test_filter_normalized_directions_have_the_filter_norms_of_the_weights(trained):
    model = trained.model
    s = surface.loss_surface(model, trained.Xtr, trained.ytr, "filter", steps=3, seed=7)
    for d in s.directions:
        for p, v in zip(model.parameters(), d):
            assert v.shape == p.shape
            if p.dim() < 2:  # biases and BatchNorm's scale and shift stay put (Li et al. 2018)
                assert torch.count_nonzero(v) == 0
            else:
                torch.testing.assert_close(v.norm(dim=1), p.detach().norm(dim=1))
    d1, d2 = (torch.cat([v.reshape(-1) for v in d]) for d in s.directions)
    assert not torch.allclose(d1, d2)  # two different draws


def test_directions_are_seeded_and_leave_the_global_rng_alone(trained):
    state = torch.get_rng_state()
    a = surface.loss_surface(trained.model, trained.Xtr, trained.ytr, steps=3, seed=1)
    b = surface.loss_surface(trained.model, trained.Xtr, trained.ytr, steps=3, seed=1)
    c = surface.loss_surface(trained.model, trained.Xtr, trained.ytr, steps=3, seed=2)
    assert torch.equal(torch.get_rng_state(), state)
    assert all(torch.equal(u, v) for u, v in zip(a.directions[0], b.directions[0]))
    assert not all(torch.equal(u, v) for u, v in zip(a.directions[0], c.directions[0]))


def test_pca_plane_holds_the_variance_it_claims(trained):
    tr = trained
    trajectory = np.stack([v for _, v in tr.snapshots])  # (k, P)
    s = surface.loss_surface(tr.model, tr.Xtr, tr.ytr, "pca", steps=5, trajectory=trajectory)
    M = trajectory.astype(np.float64) - surface.flat(tr.model).double().numpy()
    sv = np.linalg.svd(M, compute_uv=False)
    np.testing.assert_allclose(s.explained, sv[:2] ** 2 / (sv ** 2).sum(), rtol=1e-6)
    D = np.stack([torch.cat([v.reshape(-1) for v in d]).double().numpy() for d in s.directions])
    np.testing.assert_allclose(D @ D.T, np.eye(2), atol=1e-5)
    kept = ((M @ D.T) ** 2).sum() / (M ** 2).sum()  # the share of the path inside the plane
    assert kept == pytest.approx(s.explained.sum(), rel=1e-4)
    np.testing.assert_allclose(s.path, M @ D.T, rtol=1e-4, atol=1e-6)
    assert s.alphas[-1] >= np.abs(s.path[:, 0]).max()  # the whole path is on the map
    assert s.betas[-1] >= np.abs(s.path[:, 1]).max()


def test_batched_evaluation_equals_a_slow_loop(trained):
    tr = trained
    s = surface.loss_surface(tr.model, tr.Xtr, tr.ytr, steps=5, span=2.0, seed=4)
    slow = np.array([[direct_loss(tr.model, shifted(tr.model, s, a, b), tr.Xtr, tr.ytr)
                      for b in s.betas] for a in s.alphas])
    np.testing.assert_allclose(s.Z, slow, rtol=1e-4, atol=1e-6)


def test_chunks_give_the_same_numbers(trained, monkeypatch):
    tr = trained
    whole = surface.loss_surface(tr.model, tr.Xtr, tr.ytr, steps=7, seed=5).Z
    monkeypatch.setattr(surface, "BUDGET", 1)  # one grid point per chunk
    np.testing.assert_allclose(surface.loss_surface(tr.model, tr.Xtr, tr.ytr, steps=7,
                                                    seed=5).Z, whole, rtol=1e-6)


def test_the_callers_model_is_unchanged(trained):
    model = trained.model
    before = copy.deepcopy(model.state_dict())
    model.train()
    trajectory = np.stack([v for _, v in trained.snapshots])
    for kind in surface.DIRECTIONS:
        surface.loss_surface(model, trained.Xtr, trained.ytr, kind, steps=5, trajectory=trajectory)
    surface.interpolation(trajectory[0], trajectory[-1], model, trained.Xtr, trained.ytr, steps=5)
    assert model.training
    after = model.state_dict()
    assert all(torch.equal(before[k], after[k]) for k in before)


def test_interpolation_ends_are_the_two_models_losses(trained):
    tr = trained
    start = tr.snapshots[0][1]
    end = surface.flat(tr.model).numpy()
    alphas, line = surface.interpolation(start, end, tr.model, tr.Xte, tr.yte)
    i0, i1 = np.flatnonzero(np.isclose(alphas, 0)), np.flatnonzero(np.isclose(alphas, 1))
    assert len(i0) == len(i1) == 1
    first = surface.unflatten(tr.model, start)
    assert line[i0[0]] == pytest.approx(direct_loss(tr.model, first, tr.Xte, tr.yte), rel=1e-5)
    last = [p.detach() for p in tr.model.parameters()]
    assert line[i1[0]] == pytest.approx(direct_loss(tr.model, last, tr.Xte, tr.yte), rel=1e-5)


def test_subsampling_is_seeded_and_reported(trained):
    tr = trained
    a = surface.loss_surface(tr.model, tr.Xtr, tr.ytr, steps=3, max_points=40, seed=1)
    b = surface.loss_surface(tr.model, tr.Xtr, tr.ytr, steps=3, max_points=40, seed=1)
    assert a.n == 40 and np.array_equal(a.Z, b.Z)
    assert surface.loss_surface(tr.model, tr.Xtr, tr.ytr, steps=3).n == len(tr.ytr)


def test_landscape_of_a_trainer(trained):
    ls = surface.landscape(trained, "pca", steps=9)
    assert ls.Z.shape == (9, 9) and ls.kind == "pca"
    assert ls.path["step"].iloc[0] == 0 and ls.path["step"].iloc[-1] == trained.steps
    assert tuple(ls.path.iloc[-1][["x", "y"]]) == pytest.approx((0, 0), abs=1e-5)
    np.testing.assert_allclose(ls.path["loss"].iloc[-1], ls.loss, rtol=1e-6)
    assert ls.line.loc[np.isclose(ls.line["alpha"], 1), "train"].item() == pytest.approx(ls.loss,
                                                                                         rel=1e-5)
    assert surface.landscape(trained, "filter", steps=5).path.empty


@pytest.mark.parametrize("bad", [dict(directions="hessian"), dict(steps=4), dict(steps=1),
                                 dict(span=0.0), dict(span=float("nan")),
                                 dict(directions="pca"), dict(max_points=0)])
def test_bad_arguments_are_named(trained, bad):
    with pytest.raises(ValueError):
        surface.loss_surface(trained.model, trained.Xtr, trained.ytr, **bad)


@pytest.mark.parametrize("loss", ["ce", "mse"])
def test_sigmoid_neuron_loss_and_gradient_match_autograd(loss):
    x, y = surface.neuron_data(n=30, seed=3)
    rng = np.random.default_rng(1)
    w, b = rng.uniform(-8, 8, 20), rng.uniform(-8, 8, 20)
    L, gw, gb = surface.neuron_loss(w, b, x, y, loss)
    for k in range(len(w)):
        tw = torch.tensor(w[k], dtype=torch.float64, requires_grad=True)
        tb = torch.tensor(b[k], dtype=torch.float64, requires_grad=True)
        z = tw * torch.from_numpy(x) + tb
        t = torch.from_numpy(y)
        if loss == "ce":
            ref = torch.nn.functional.binary_cross_entropy_with_logits(z, t)
        else:
            ref = torch.nn.functional.mse_loss(torch.sigmoid(z), t)
        ref.backward()
        assert L[k] == pytest.approx(ref.item(), rel=1e-9, abs=1e-12)
        assert gw[k] == pytest.approx(tw.grad.item(), rel=1e-7, abs=1e-12)
        assert gb[k] == pytest.approx(tb.grad.item(), rel=1e-7, abs=1e-12)


def test_squared_error_gradient_vanishes_where_cross_entropy_is_large():
    x, y = surface.neuron_data()
    _, ce_w, ce_b = surface.neuron_loss(-6.0, 0.0, x, y, "ce")
    _, se_w, se_b = surface.neuron_loss(-6.0, 0.0, x, y, "mse")
    assert np.hypot(ce_w, ce_b) > 50 * np.hypot(se_w, se_b)
    with pytest.raises(ValueError):
        surface.neuron_loss(0.0, 0.0, x, y, "hinge")


def test_a_trainer_without_a_usable_path_falls_back_to_random_directions():
    tr = train.Trainer(nets.NetConfig(depth=2, width=3), train.TrainConfig())
    assert surface.landscape(tr, "pca", steps=5).kind == "filter"  # a single snapshot
    tr.step(3 * tr.per_epoch)
    with torch.no_grad():
        tr.model.head.weight.fill_(float("inf"))  # weights that overflowed
    ls = surface.landscape(tr, "pca", steps=5)
    assert ls.kind == "filter" and ls.path.empty and not np.isfinite(ls.Z).any()


# -- roughness -------------------------------------------------------------------------------

def test_a_bowl_has_one_minimum_and_the_curvature_of_its_quadratic_log():
    a, b = np.linspace(-2, 2, 41), np.linspace(-1, 1, 21)
    A, B = np.meshgrid(a, b, indexing="ij")
    r = surface.roughness(np.exp(A ** 2 + 3 * B ** 2), a, b)  # log10 Z = (A² + 3B²) / ln 10
    assert r.minima == 1 and r.share == pytest.approx(1 / (39 * 19))
    assert r.curvature == pytest.approx((2 + 6) / np.log(10), rel=1e-9)


def test_an_egg_crate_has_the_minima_its_cosines_put_on_the_grid():
    x = np.linspace(-2 * np.pi, 2 * np.pi, 81)  # ±π are grid points
    X, Y = np.meshgrid(x, x, indexing="ij")
    r = surface.roughness(np.exp(np.cos(X) + np.cos(Y) + 3), x, x)
    assert r.minima == 4  # (±π, ±π); the edges at ±2π are maxima of cos, not minima
    flat = surface.roughness(np.exp(0.01 * (X ** 2 + Y ** 2) + 3), x, x)
    assert r.curvature > 10 * flat.curvature


@given(scale=st.floats(1e-3, 1e3), seed=st.integers(0, 99))
def test_roughness_ignores_the_loss_scale(scale, seed):
    rng = np.random.default_rng(seed)
    a = np.linspace(-1, 1, 11)
    Z = np.exp(rng.normal(size=(11, 11)))
    r, s = surface.roughness(Z, a, a), surface.roughness(scale * Z, a, a)
    assert r.minima == s.minima and r.curvature == pytest.approx(s.curvature, rel=1e-9)


def test_roughness_refuses_a_grid_without_a_loss_everywhere():
    a = np.linspace(-1, 1, 5)
    with pytest.raises(ValueError, match="finite, positive"):
        surface.roughness(np.where(np.eye(5) > 0, np.nan, 1.0), a, a)
    with pytest.raises(ValueError, match="3 x 3"):
        surface.roughness(np.ones((2, 5)), a[:2], a)


def test_heights_are_exact_on_a_plane_and_at_grid_points():
    a, b = np.linspace(-1, 2, 7), np.linspace(-3, 3, 5)
    A, B = np.meshgrid(a, b, indexing="ij")
    Z = 2 * A - 3 * B + 1
    x, y = np.array([-0.9, 0.3, 1.99, 0.0]), np.array([2.5, -1.2, 0.1, 0.0])
    assert surface.heights(Z, a, b, x, y) == pytest.approx(2 * x - 3 * y + 1)
    rng = np.random.default_rng(0)
    W = rng.normal(size=Z.shape)
    assert surface.heights(W, a, b, A.ravel(), B.ravel()) == pytest.approx(W.ravel())


def test_a_trained_copy_pickles_and_gives_the_trainers_landscape():
    tr = train.Trainer(nets.NetConfig(depth=2, width=4), train.TrainConfig())
    tr.step(5 * tr.per_epoch)
    copy_ = pickle.loads(pickle.dumps(surface.trained(tr)))
    ours, theirs = surface.landscape(copy_, "pca", 11), surface.landscape(tr, "pca", 11)
    assert np.array_equal(ours.Z, theirs.Z) and ours.path.equals(theirs.path)
    tr.step(tr.per_epoch)  # training on leaves the copy where it was
    assert copy_.steps == 5 * tr.per_epoch and not np.array_equal(
        surface.landscape(copy_, "pca", 11).Z, surface.landscape(tr, "pca", 11).Z)


class _Generic(torch.nn.Module):
    """The MLP behind a wrapper that is no MLP: `losses` takes its generic path."""

    def __init__(self, mlp):
        super().__init__()
        self.mlp = mlp

    def forward(self, x):
        return self.mlp(x)


TASKS = (("binary", "bce"), ("binary", "mse"), ("regression", "mse"), ("multiclass", "ce"))


@given(norm=st.sampled_from(nets.NORMS), residual=st.booleans(),
       act=st.sampled_from(("relu", "tanh", "gelu", "sigmoid")), depth=st.integers(1, 6),
       width=st.integers(1, 9), task=st.sampled_from(TASKS), seed=st.integers(0, 99))
def test_the_batched_mlp_losses_equal_functional_call_over_the_module(norm, residual, act, depth,
                                                                      width, task, seed):
    classes = 3 if task[0] == "multiclass" else 1
    model = nets.build_mlp(nets.NetConfig(depth=depth, width=width, activation=act, norm=norm,
                                          residual=residual, out_dim=classes, seed=seed))
    gen = torch.Generator().manual_seed(seed)
    if norm == "batch":  # running statistics away from their initial 0 and 1
        for m in model.modules():
            if isinstance(m, torch.nn.BatchNorm1d):
                m.running_mean.normal_(generator=gen)
                m.running_var.uniform_(0.5, 2.0, generator=gen)
    X = torch.randn(17, 2, generator=gen)
    y = (torch.randint(0, classes, (17,), generator=gen).float() if classes > 1
         else (torch.rand(17, generator=gen) > 0.5).float())
    theta = surface.flat(model)
    thetas = theta + 0.3 * torch.randn(23, theta.numel(), generator=gen)
    fast = surface.losses(model, thetas, X, y, task[1], task[0])
    generic = surface.losses(_Generic(model), thetas, X, y, task[1], task[0])
    np.testing.assert_allclose(fast.numpy(), generic.numpy(), rtol=2e-5, atol=1e-6)
