import math

import numpy as np
import pytest
import torch

from playground.inits import INITIALIZERS, SCALED, init_weight_, weight_std

FAN_OUT, FAN_IN = 300, 400  # large enough that empirical std is within ~1% of the target


def draw(name, scale=1.0, a=0.0, seed=0, shape=(FAN_OUT, FAN_IN)):
    return init_weight_(torch.empty(shape), name, scale, a, torch.Generator().manual_seed(seed))


def trunc_std():
    """std of N(0, 1) truncated to [-2, 2], by quadrature."""
    x = np.linspace(-2, 2, 200001)
    p = np.exp(-x**2 / 2)
    return math.sqrt((x**2 * p).sum() / p.sum())


# the papers' formulas, written out independently of playground.inits
def expected_std(name, s, a, fi, fo):
    return {
        "normal": s,
        "uniform": s / math.sqrt(3),
        "trunc_normal": s * trunc_std(),
        "xavier_uniform": s * math.sqrt(2 / (fi + fo)),
        "xavier_normal": s * math.sqrt(2 / (fi + fo)),
        "kaiming_uniform": s * math.sqrt(2 / ((1 + a * a) * fi)),
        "kaiming_normal": s * math.sqrt(2 / ((1 + a * a) * fi)),
        "lecun_normal": s * math.sqrt(1 / fi),
        "orthogonal": s / math.sqrt(max(fi, fo)),
    }[name]


def test_registry():
    assert INITIALIZERS == ("zeros", "constant", "normal", "uniform", "xavier_uniform", "xavier_normal",
                            "kaiming_uniform", "kaiming_normal", "lecun_normal", "orthogonal", "trunc_normal")
    assert set(SCALED) == set(INITIALIZERS) - {"zeros"}


RANDOM = [n for n in INITIALIZERS if n not in ("zeros", "constant")]


@pytest.mark.parametrize("name", RANDOM)
@pytest.mark.parametrize("scale, a", [(1.0, 0.0), (1.0, 0.01), (2.5, 0.0), (0.3, 1.0)])
def test_std_matches_paper(name, scale, a):
    w = draw(name, scale, a).double()
    target = expected_std(name, scale, a, FAN_IN, FAN_OUT)
    assert weight_std(name, FAN_IN, FAN_OUT, scale, a) == pytest.approx(target, rel=1e-4)
    assert w.std().item() == pytest.approx(target, rel=0.02)
    assert abs(w.mean().item()) < 0.02 * target


@pytest.mark.parametrize("name", ["orthogonal", "xavier_normal", "kaiming_normal"])
def test_std_tall_matrix(name):
    w = draw(name, shape=(FAN_IN, FAN_OUT)).double()  # fan_in 300, fan_out 400
    assert w.std().item() == pytest.approx(expected_std(name, 1.0, 0.0, FAN_OUT, FAN_IN), rel=0.02)


def test_no_activation_gain():
    # sqrt(2) for ReLU, 5/3 for tanh: none may sneak in
    assert weight_std("xavier_normal", 100, 100) == pytest.approx(0.1)
    assert weight_std("lecun_normal", 100, 100) == pytest.approx(0.1)
    assert weight_std("kaiming_normal", 100, 100) == pytest.approx(math.sqrt(0.02))


@pytest.mark.parametrize("name", ["uniform", "xavier_uniform", "kaiming_uniform"])
@pytest.mark.parametrize("a", [0.0, 0.2])
def test_uniform_bounds(name, a):
    w = draw(name, 1.7, a)
    bound = math.sqrt(3) * expected_std(name, 1.7, a, FAN_IN, FAN_OUT)
    assert w.abs().max().item() <= bound * (1 + 1e-6)
    assert w.abs().max().item() >= 0.99 * bound


def test_trunc_normal_bounds():
    w = draw("trunc_normal", 0.7)
    assert w.abs().max().item() <= 2 * 0.7 * (1 + 1e-6)
    assert w.abs().max().item() >= 1.95 * 0.7


@pytest.mark.parametrize("scale", [1.0, 0.5, 3.0])
def test_orthogonal_is_orthogonal(scale):
    w = draw("orthogonal", scale, shape=(50, 80)).double()  # rows <= cols: orthogonal rows
    torch.testing.assert_close(w @ w.T, scale**2 * torch.eye(50, dtype=torch.float64), atol=1e-5, rtol=0)
    w = draw("orthogonal", scale, shape=(80, 50)).double()  # tall: orthogonal columns
    torch.testing.assert_close(w.T @ w, scale**2 * torch.eye(50, dtype=torch.float64), atol=1e-5, rtol=0)


def test_zeros_and_constant_exact():
    assert torch.equal(draw("zeros", 5.0), torch.zeros(FAN_OUT, FAN_IN))
    assert torch.equal(draw("constant", 0.25), torch.full((FAN_OUT, FAN_IN), 0.25))
    assert weight_std("zeros", 3, 4) == weight_std("constant", 3, 4) == 0.0


@pytest.mark.parametrize("name", RANDOM)
def test_generator_determinism(name):
    state = torch.random.get_rng_state()
    assert torch.equal(draw(name, seed=1), draw(name, seed=1))
    assert not torch.equal(draw(name, seed=1), draw(name, seed=2))
    assert torch.equal(state, torch.random.get_rng_state())  # global RNG untouched


def test_in_place_returns_w():
    w = torch.empty(3, 4)
    assert init_weight_(w, "normal") is w
    p = torch.nn.Parameter(torch.empty(3, 4))  # works on leaves requiring grad
    init_weight_(p, "xavier_uniform")
    assert p.requires_grad and p.grad is None


def test_matches_torch_xavier_and_kaiming():
    g = torch.Generator().manual_seed(9)
    ours = draw("xavier_normal").std().item()
    theirs = torch.nn.init.xavier_normal_(torch.empty(FAN_OUT, FAN_IN), generator=g).std().item()
    assert ours == pytest.approx(theirs, rel=0.03)
    ours = draw("kaiming_normal").std().item()
    theirs = torch.nn.init.kaiming_normal_(torch.empty(FAN_OUT, FAN_IN), mode="fan_in", nonlinearity="relu",
                                           generator=g).std().item()
    assert ours == pytest.approx(theirs, rel=0.03)


@pytest.mark.parametrize("kwargs, match", [
    ({"name": "glorot"}, "Unknown initializer"),
    ({"scale": 0.0}, "init scale"),
    ({"scale": -1.0}, "init scale"),
    ({"scale": float("nan")}, "init scale"),
    ({"scale": float("inf")}, "init scale"),
    ({"leaky_slope": -0.1}, "leaky slope"),
])
def test_invalid_arguments(kwargs, match):
    args = {"name": "normal", "scale": 1.0, "leaky_slope": 0.0} | kwargs
    with pytest.raises(ValueError, match=match):
        init_weight_(torch.empty(3, 4), **args)
    with pytest.raises(ValueError, match=match):
        weight_std(fan_in=4, fan_out=3, **args)


def test_invalid_shapes():
    with pytest.raises(ValueError, match="2-D"):
        init_weight_(torch.empty(5), "normal")
    with pytest.raises(ValueError, match="fans"):
        weight_std("normal", 0, 3)
