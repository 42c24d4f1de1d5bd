import math

import numpy as np
import pytest
import torch
from hypothesis import given, settings, strategies as st
from hypothesis.extra.numpy import arrays

from playground.activations import (ACTIVATIONS, LEAKY_SLOPE, SATURATION, activate, activation_module,
                                    derivative, flat, flat_zones)

MODULES = {"sigmoid": torch.nn.Sigmoid, "tanh": torch.nn.Tanh, "relu": torch.nn.ReLU,
           "leaky_relu": torch.nn.LeakyReLU, "elu": torch.nn.ELU, "gelu": torch.nn.GELU,
           "softplus": torch.nn.Softplus, "hardtanh": torch.nn.Hardtanh, "linear": torch.nn.Identity}
points = arrays(np.float64, st.integers(1, 50), elements=st.floats(-20, 20))


def autograd(name, z):
    """(f(z), f'(z)) from torch's own module and autograd."""
    t = torch.tensor(z, dtype=torch.float64, requires_grad=True)
    out = activation_module(name)(t)
    (g,) = torch.autograd.grad(out.sum(), t)
    return out.detach().numpy(), g.numpy()


def test_registry_and_modules():
    assert ACTIVATIONS == tuple(MODULES)
    for name, cls in MODULES.items():
        assert type(activation_module(name)) is cls
    assert activation_module("leaky_relu").negative_slope == LEAKY_SLOPE == 0.01
    assert activation_module("relu") is not activation_module("relu")  # fresh module each call


@pytest.mark.parametrize("name", ACTIVATIONS)
@settings(max_examples=40, deadline=None)
@given(z=points)
def test_value_and_derivative_match_autograd(name, z):
    f, df = autograd(name, z)
    np.testing.assert_allclose(activate(name, z), f, rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(derivative(name, z), df, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("name", ACTIVATIONS)
def test_kinks_match_autograd(name):
    z = np.array([-1.0, -0.0, 0.0, 1.0, 20.0, 20.5, -20.5])  # hardtanh corners, relu kink, softplus threshold
    np.testing.assert_allclose(derivative(name, z), autograd(name, z)[1], rtol=1e-6, atol=1e-8)


def test_float32_and_scalar_inputs():
    assert activate("gelu", np.float32(1.0)) == pytest.approx(0.8413447460685429)
    assert derivative("tanh", 0.0) == 1.0
    assert activate("sigmoid", np.array([-1000.0, 1000.0])).tolist() == [0.0, 1.0]  # no overflow


def gelu_peak():
    z = np.linspace(0, 4, 400001)
    return autograd("gelu", z)[1].max()


def test_sigmoid_flat_threshold():
    # sigma' = s (1 - s) = SATURATION * 0.25  =>  s = (1 - sqrt(1 - SATURATION)) / 2
    s = (1 - math.sqrt(1 - SATURATION)) / 2
    z0 = -math.log(s / (1 - s))
    assert 4.35 < z0 < 4.36
    z = np.linspace(-10, 10, 2001)
    z = z[np.abs(np.abs(z) - z0) > 1e-6]
    np.testing.assert_array_equal(flat("sigmoid", z), np.abs(z) > z0)
    (a, b), (c, d) = flat_zones("sigmoid")
    assert (a, d) == (-6.0, 6.0)
    assert b == pytest.approx(-z0, abs=0.01) and c == pytest.approx(z0, abs=0.01)


@pytest.mark.parametrize("name, zones", [
    ("tanh", [(-6.0, -math.atanh(math.sqrt(1 - SATURATION))), (math.atanh(math.sqrt(1 - SATURATION)), 6.0)]),
    ("relu", [(-6.0, 0.0)]),
    ("leaky_relu", [(-6.0, 0.0)]),  # slope 0.01 < 5% of 1
    ("elu", [(-6.0, math.log(SATURATION))]),
    ("softplus", [(-6.0, math.log(SATURATION / (1 - SATURATION)))]),
    ("hardtanh", [(-6.0, -1.0), (1.0, 6.0)]),
    ("linear", []),
])
def test_flat_zones(name, zones):
    got = flat_zones(name)
    assert len(got) == len(zones)
    for (a, b), (c, d) in zip(got, zones):
        assert a == pytest.approx(c, abs=0.011) and b == pytest.approx(d, abs=0.011)


@pytest.mark.parametrize("name", ACTIVATIONS)
def test_flat_is_small_slope(name):
    peak = {"sigmoid": 0.25, "gelu": gelu_peak()}.get(name, 1.0)
    z = np.linspace(-8, 8, 1601)
    slope = np.abs(autograd(name, z)[1])
    keep = np.abs(slope - SATURATION * peak) > 1e-6  # skip points on the threshold itself
    np.testing.assert_array_equal(flat(name, z)[keep], (slope < SATURATION * peak)[keep])


def test_gelu_peak():
    assert gelu_peak() == pytest.approx(1.1289, abs=1e-4)


def test_linear_never_flat():
    assert not flat("linear", np.linspace(-1e6, 1e6, 101)).any()


def test_unknown_name():
    for f in (activation_module, lambda n: activate(n, 0.0), lambda n: derivative(n, 0.0), flat_zones):
        with pytest.raises(ValueError, match="Unknown activation"):
            f("swish")


def test_bad_grid():
    with pytest.raises(ValueError, match="range"):
        flat_zones("tanh", lo=1.0, hi=-1.0)
    with pytest.raises(ValueError, match="grid"):
        flat_zones("tanh", n=1)


@pytest.mark.parametrize("name", ACTIVATIONS)
def test_curve_matches_torch_module_and_autograd(name):
    from playground.activations import curve
    df = curve(name, -5, 5, 101)
    z = torch.tensor(df["z"].to_numpy(), requires_grad=True)
    f = activation_module(name)(z)
    (g,) = torch.autograd.grad(f.sum(), z)
    ok = np.abs(df["z"].to_numpy()) > 1e-9  # skip kinks at 0
    np.testing.assert_allclose(df["value"], f.detach().numpy(), rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(df["derivative"][ok], g.numpy()[ok], rtol=1e-6, atol=1e-9)
    with pytest.raises(ValueError):
        curve(name, 1, 1)
