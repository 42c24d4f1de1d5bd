import numpy as np
import pytest
import torch
import torch.nn.functional as F
from conftest import forward, weights
from hypothesis import given, settings, strategies as st

from playground.data import make_dataset
from playground.nets import NetConfig, build_mlp
from playground.probes import (Verdict, activation_histograms, distinct_units, gradient_verdict,
                               symmetric_layers,
                               layer_stats)

COLUMNS = ["layer", "act_mean", "act_std", "act_saturated", "act_dead", "grad_norm", "act_grad_norm",
           "distinct_units", "nonfinite"]
X, Y = make_dataset("circle", n=200, seed=0)


def reference_stats(cfg, model, x, y, loss):
    """Gradients and activations from the conftest forward on detached copies of the weights."""
    params = weights(model)
    out, zs, hs = forward(cfg, params, torch.as_tensor(x))
    y = torch.as_tensor(y)
    L = {"bce": lambda: F.binary_cross_entropy_with_logits(out[:, 0], y),
         "mse": lambda: F.mse_loss(out[:, 0], y),
         "ce": lambda: F.cross_entropy(out, y.long())}[loss]()
    grads = torch.autograd.grad(L, [p[0] for p in params[:-1]] + hs)
    return L, zs, hs, grads[:cfg.depth], grads[cfg.depth:]


CASES = [
    (NetConfig(depth=4, width=16, activation="tanh", init="xavier_normal", init_scale=3.0), "circle", "bce"),
    (NetConfig(depth=5, width=12, activation="relu", init="kaiming_normal", seed=2), "xor", "bce"),
    (NetConfig(depth=4, width=10, activation="tanh", norm="batch", seed=1), "spiral", "bce"),
    (NetConfig(depth=6, width=8, activation="relu", init="kaiming_uniform", residual=True), "moons", "bce"),
    (NetConfig(depth=3, width=9, activation="gelu", norm="layer", residual=True), "plane", "mse"),
    (NetConfig(depth=3, width=9, activation="sigmoid", norm="batch", residual=True, out_dim=3), "gaussians", "ce"),
]


@pytest.mark.parametrize("cfg, data, loss", CASES)
def test_matches_independent_reference(cfg, data, loss):
    x, y = make_dataset(data, n=128, noise=0.2, seed=5)
    if loss == "ce":
        y = (y + (x[:, 0] > 0)).astype(np.int64)  # three classes
    model = build_mlp(cfg)
    df = layer_stats(model, x, y)  # "auto" must pick the same loss
    L, zs, hs, gw, gh = reference_stats(cfg, model, x, y, loss)
    assert list(df.columns) == COLUMNS
    assert df["layer"].tolist() == list(range(1, cfg.depth + 1))
    assert df.attrs["loss"] == pytest.approx(L.item(), rel=1e-5)
    np.testing.assert_allclose(df["grad_norm"], [g.norm().item() for g in gw], rtol=1e-4)
    np.testing.assert_allclose(df["act_grad_norm"], [g.norm().item() for g in gh], rtol=1e-4)
    h = [t.detach().double().numpy() for t in hs]
    np.testing.assert_allclose(df["act_mean"], [np.mean(a) for a in h], rtol=1e-4, atol=1e-7)
    np.testing.assert_allclose(df["act_std"], [np.std(a) for a in h], rtol=1e-4)
    assert (df["nonfinite"] == 0).all()
    np.testing.assert_array_equal(df["distinct_units"], [len(np.unique(a, axis=1).T) for a in h])  # no near-ties here
    assert df.dtypes["distinct_units"].kind == "i"


def test_explicit_loss_names():
    model = build_mlp(NetConfig())
    auto = layer_stats(model, X, Y)
    bce = layer_stats(model, X, Y, loss="bce")
    mse = layer_stats(model, X, Y, loss="mse")
    assert auto.attrs["loss"] == bce.attrs["loss"] != mse.attrs["loss"]
    L = reference_stats(model.cfg, model, X, Y, "mse")[0]
    assert mse.attrs["loss"] == pytest.approx(L.item(), rel=1e-5)
    with pytest.raises(ValueError, match="Unknown loss"):
        layer_stats(model, X, Y, loss="hinge")


def test_saturation_and_dead_units():
    model = build_mlp(NetConfig(activation="tanh", init="normal", init_scale=2.0))
    df = layer_stats(model, X, Y)
    _, zs, *_ = reference_stats(model.cfg, model, X, Y, "bce")
    slope = [1 - np.tanh(z.detach().double().numpy()) ** 2 for z in zs]  # tanh' < 5% of its peak 1
    np.testing.assert_allclose(df["act_saturated"], [np.mean(s < 0.05) for s in slope])
    assert df["act_saturated"].iloc[-1] > 0.3
    model = build_mlp(NetConfig(activation="relu", init="normal", init_scale=1.0, width=32, depth=6))
    df = layer_stats(model, X, Y)
    _, zs, *_ = reference_stats(model.cfg, model, X, Y, "bce")
    dead = [np.mean((z.detach().numpy() <= 0).all(0)) for z in zs]
    np.testing.assert_allclose(df["act_dead"], dead)
    assert max(dead) > 0


@pytest.mark.parametrize("train", [True, False])
def test_no_side_effects(train):
    model = build_mlp(NetConfig(norm="batch", dropout=0.2, residual=True)).train(train)
    before = {k: v.clone() for k, v in model.state_dict().items()}
    rng = torch.random.get_rng_state()
    layer_stats(model, X, Y)
    activation_histograms(model, X)
    assert model.training == train
    assert all(p.grad is None for p in model.parameters())
    for k, v in model.state_dict().items():
        assert torch.equal(v, before[k]), k  # weights and BatchNorm running stats
    assert torch.equal(rng, torch.random.get_rng_state())


def test_accepts_tensors():
    model = build_mlp(NetConfig())
    a = layer_stats(model, X, Y)
    b = layer_stats(model, torch.from_numpy(X), torch.from_numpy(Y))
    assert a.equals(b)


def test_zero_init_is_symmetric_and_frozen():
    df = layer_stats(build_mlp(NetConfig(init="zeros", depth=5)), X, Y)
    assert (df["grad_norm"] == 0).all()
    assert (df["distinct_units"] == 1).all()


@pytest.mark.parametrize("norm", ["none", "batch"])
def test_constant_init_is_symmetric(norm):
    df = layer_stats(build_mlp(NetConfig(init="constant", init_scale=0.1, norm=norm, depth=5, width=32)), X, Y)
    assert (df["distinct_units"] == 1).all()


def test_xavier_breaks_symmetry():
    df = layer_stats(build_mlp(NetConfig(init="xavier_normal", depth=5, width=32)), X, Y)
    assert (df["distinct_units"] == 32).all()


def test_sigmoid_gradients_vanish():
    # measured: layer 1 / layer 10 gradient ratio 9.4e-8 (seed 0); between 5e-8 and 2e-6 over seeds 0..5
    for seed in range(3):
        df = layer_stats(build_mlp(NetConfig(depth=10, activation="sigmoid", seed=seed)), X, Y)
        assert df["grad_norm"].iloc[0] / df["grad_norm"].iloc[9] < 1e-4


def test_he_init_preserves_relu_scale():
    # measured act_std ratio layer 20 / layer 1 for seeds 0..3: 0.57, 1.19, 0.82, 0.72 (geometric mean 0.80);
    # finite width makes each net a random walk in log scale, so the claim is checked on the average
    ratios = []
    for seed in range(4):
        cfg = NetConfig(depth=20, width=256, activation="relu", init="kaiming_normal", seed=seed)
        df = layer_stats(build_mlp(cfg), X, Y)
        ratios.append(df["act_std"].iloc[19] / df["act_std"].iloc[0])
    assert all(0.35 < r < 3 for r in ratios)
    assert 0.5 < np.exp(np.mean(np.log(ratios))) < 2


def test_xavier_halves_relu_variance_per_layer():
    # Glorot's variance argument assumes f'(0) = 1; ReLU zeroes half its inputs, so std shrinks by ~1/sqrt(2)
    # per layer (measured 0.686), while tanh keeps it (measured 0.997).
    def per_layer(activation):
        df = layer_stats(build_mlp(NetConfig(depth=20, width=256, activation=activation)), X, Y)
        return (df["act_std"].iloc[19] / df["act_std"].iloc[1]) ** (1 / 18)
    assert 0.62 < per_layer("relu") < 0.76
    assert 0.95 < per_layer("tanh") < 1.02


def test_exploding_net_does_not_raise():
    df = layer_stats(build_mlp(NetConfig(depth=50, width=64, activation="relu", init="normal", init_scale=10.0)),
                     X, Y)
    assert len(df) == 50
    assert df["nonfinite"].iloc[-1] > 0 or not np.isfinite(df["act_std"].iloc[-1])
    assert not np.isfinite(df["grad_norm"]).all()
    hist = activation_histograms(build_mlp(NetConfig(depth=50, width=64, activation="relu", init="normal",
                                                      init_scale=10.0)), X)
    assert hist.attrs["nonfinite"] > 0
    assert np.isfinite(hist["density"]).all()


@pytest.mark.parametrize("depth, expected", [(1, [1]), (4, [1, 2, 3, 4]), (6, [1, 2, 3, 4, 5, 6]),
                                             (20, [1, 5, 9, 12, 16, 20]), (50, [1, 11, 21, 30, 40, 50])])
def test_histogram_default_layers(depth, expected):
    df = activation_histograms(build_mlp(NetConfig(depth=depth, width=8)), X)
    assert sorted(df["layer"].unique()) == expected


@pytest.mark.parametrize("cfg", [NetConfig(), NetConfig(activation="relu", depth=8, init="kaiming_normal"),
                                 NetConfig(init="constant", init_scale=0.2)])
def test_histogram_densities_integrate_to_one(cfg):
    df = activation_histograms(build_mlp(cfg), X, bins=30)
    assert df.attrs["nonfinite"] == 0
    k = df["layer"].nunique()
    for _, g in df.groupby("layer"):
        assert len(g) == 30
        width = g["x"].iloc[1] - g["x"].iloc[0]
        # the shared 0.5..99.5 percentile range drops 1% of the pooled values: at most k% of one layer
        assert 1 - 0.01 * k - 1e-9 <= g["density"].sum() * width <= 1 + 1e-9
    assert list(df.columns) == ["layer", "x", "density"]


def test_histogram_shared_range_matches_numpy():
    model = build_mlp(NetConfig(depth=6))
    with torch.no_grad():
        hs = [h.numpy() for h in model.trace(torch.from_numpy(X))[2]]
    df = activation_histograms(model, X, layers=[2, 5], bins=10)
    lo, hi = np.percentile(np.concatenate([hs[1].ravel(), hs[4].ravel()]), [0.5, 99.5])
    for l in (2, 5):
        density, edges = np.histogram(hs[l - 1], bins=10, range=(lo, hi))
        g = df[df["layer"] == l]
        np.testing.assert_allclose(g["x"], (edges[1:] + edges[:-1]) / 2, rtol=1e-6)
        np.testing.assert_allclose(g["density"], density / hs[l - 1].size / np.diff(edges), rtol=1e-6)


def test_histogram_bad_arguments():
    model = build_mlp(NetConfig(depth=4))
    for layers in ([0], [5], []):
        with pytest.raises(ValueError, match="layers"):
            activation_histograms(model, X, layers=layers)
    with pytest.raises(ValueError, match="bins"):
        activation_histograms(model, X, bins=0)


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 12), st.integers(1, 30), st.integers(1, 40), st.integers(0, 2**32 - 1))
def test_distinct_units_counts_planted_copies(k, copies, n, seed):
    rng = np.random.default_rng(seed)
    base = rng.normal(0, 1, (n, k)) * 10 ** rng.uniform(-3, 3)
    cols = rng.integers(0, k, k * copies)
    cols[:k] = np.arange(k)  # every base column used at least once
    tol = 1e-6 * (1 + np.abs(base).max())
    h = base[:, cols] + rng.uniform(-0.1, 0.1, (n, cols.size)) * tol  # copies, jittered well inside tol
    assert distinct_units(h) == k


def test_distinct_units_tolerance_and_nonfinite():
    h = np.zeros((5, 3))
    h[2, 1] = 1e-7  # within 1e-6 * (1 + 0)
    h[3, 2] = 1e-5  # outside
    assert distinct_units(h) == 2
    h = np.array([[np.inf, np.inf, 1.0], [np.nan, np.nan, np.nan], [2.0, 2.0, 2.0]])
    assert distinct_units(h) == 2
    assert distinct_units(np.full((4, 6), np.nan)) == 1


def _stats(grad_norm, nonfinite=None):
    import pandas as pd
    n = len(grad_norm)
    return pd.DataFrame({"layer": range(1, n + 1), "grad_norm": grad_norm,
                         "nonfinite": nonfinite or [0.0] * n})


def test_verdict_thresholds_on_hand_made_frames():
    assert gradient_verdict(_stats([1e-5, 1e-2, 1.0])) == Verdict("vanishing", 1e-5, 0)
    assert gradient_verdict(_stats([5.0, 1.0])).kind == "stable"
    assert gradient_verdict(_stats([0.02, 1.0])).kind == "stable"
    assert gradient_verdict(_stats([0.009, 1.0])).kind == "vanishing"
    assert gradient_verdict(_stats([101.0, 1.0])).kind == "exploding"
    assert gradient_verdict(_stats([0.0, 0.0])).kind == "zero"
    assert gradient_verdict(_stats([1.0, float("nan"), float("nan")])) .layer == 2
    assert gradient_verdict(_stats([1.0, 1.0, 1.0], [0.0, 0.0, 0.5])) == Verdict("overflow", 1.0, 3)
    with pytest.raises(ValueError):
        gradient_verdict(_stats([1.0]), threshold=1)


def test_verdict_ratio_is_the_autograd_ratio():
    X, y = make_dataset("circle", 128, 0.1, seed=1)
    cfg = NetConfig(depth=10, width=16, activation="sigmoid")
    model = build_mlp(cfg)
    params = weights(model)
    out, _, _ = forward(cfg, params, torch.as_tensor(X))
    loss = F.binary_cross_entropy_with_logits(out.squeeze(1), torch.as_tensor(y))
    g = torch.autograd.grad(loss, [params[0][0], params[9][0]])
    want = (g[0].norm() / g[1].norm()).item()
    v = gradient_verdict(layer_stats(model, X, y))
    assert v.kind == "vanishing" and v.ratio == pytest.approx(want, rel=1e-4)


@pytest.mark.parametrize("cfg,kind", [
    (NetConfig(depth=10, width=64, activation="tanh"), "stable"),
    (NetConfig(depth=10, width=64, activation="tanh", init="zeros"), "zero"),
    (NetConfig(depth=50, width=64, activation="relu", init="normal", init_scale=10.0), "overflow"),
    (NetConfig(depth=30, width=64, activation="sigmoid", norm="batch"), "stable"),
])
def test_verdict_on_real_nets(cfg, kind):
    X, y = make_dataset("circle", 256, 0.1, seed=0)
    assert gradient_verdict(layer_stats(build_mlp(cfg), X, y)).kind == kind


@pytest.mark.parametrize("cfg,expected", [
    (NetConfig(depth=5, width=32, activation="tanh", init="constant", init_scale=0.1), [1, 2, 3, 4, 5]),
    (NetConfig(depth=5, width=32, activation="relu", init="constant", init_scale=0.1), [1, 2, 3, 4, 5]),
    (NetConfig(depth=5, width=32, activation="tanh", init="xavier_normal"), []),
    (NetConfig(depth=3, width=8, activation="tanh", init="zeros"), [1, 2, 3]),
])
def test_symmetric_layers(cfg, expected):
    X, y = make_dataset("gaussians", 64, 0.0, seed=0)
    stats = layer_stats(build_mlp(cfg), X, y)
    assert symmetric_layers(stats) == expected
    # every unit of such a layer computes the same thing: check on the raw activations
    hs = build_mlp(cfg).trace(torch.as_tensor(X))[2]
    for l in expected:
        h = hs[l - 1].detach()
        assert torch.allclose(h, h[:, :1].expand_as(h))


def test_overflowed_or_partly_merged_layers_are_not_called_symmetric():
    import pandas as pd
    stats = pd.DataFrame({"layer": [1, 2, 3], "distinct_units": [1, 1, 503],
                          "nonfinite": [0.0, 0.5, 0.0]})
    assert symmetric_layers(stats) == [1]
