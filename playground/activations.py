"""Activation functions: torch modules, numpy closed forms of f and f', and their flat (saturated) zones."""
import math

import numpy as np
import pandas as pd
import torch
from torch import nn

LEAKY_SLOPE = 0.01
SATURATION = 0.05  # a unit is flat when |f'(z)| < SATURATION * max f'


def _sigmoid(z):
    return np.exp(-np.logaddexp(0.0, -z))  # never overflows, unlike 1 / (1 + exp(-z))


def _Phi(z):
    # numpy has no erf; torch's is vectorised and exact enough
    return 0.5 * (1 + torch.special.erf(torch.as_tensor(np.asarray(z / math.sqrt(2)))).numpy())


def _phi(z):
    return np.exp(-0.5 * z * z) / math.sqrt(2 * math.pi)


def _dgelu(z):
    return _Phi(z) + z * _phi(z)


# name -> (module factory, f, f'); defaults match torch's (ELU alpha 1, Softplus beta 1, Hardtanh [-1, 1])
_ACT = {
    "sigmoid": (nn.Sigmoid, _sigmoid, lambda z: _sigmoid(z) * _sigmoid(-z)),
    "tanh": (nn.Tanh, np.tanh, lambda z: 1 - np.tanh(z) ** 2),
    "relu": (nn.ReLU, lambda z: np.maximum(z, 0.0), lambda z: (z > 0).astype(float)),
    "leaky_relu": (lambda: nn.LeakyReLU(LEAKY_SLOPE), lambda z: np.where(z > 0, z, LEAKY_SLOPE * z),
                   lambda z: np.where(z > 0, 1.0, LEAKY_SLOPE)),
    "elu": (nn.ELU, lambda z: np.where(z > 0, z, np.expm1(np.minimum(z, 0.0))),
            lambda z: np.where(z > 0, 1.0, np.exp(np.minimum(z, 0.0)))),
    "gelu": (nn.GELU, lambda z: z * _Phi(z), _dgelu),
    "softplus": (nn.Softplus, lambda z: np.logaddexp(0.0, z), _sigmoid),
    # torch's hardtanh passes no gradient at the corners themselves
    "hardtanh": (nn.Hardtanh, lambda z: np.clip(z, -1.0, 1.0), lambda z: ((z > -1) & (z < 1)).astype(float)),
    "linear": (nn.Identity, lambda z: z, np.ones_like),
}
ACTIVATIONS = tuple(_ACT)

# max f': gelu's peaks where f'' = phi(z) (2 - z^2) = 0, i.e. z = sqrt(2)
_PEAK = {name: 1.0 for name in ACTIVATIONS} | {"sigmoid": 0.25, "gelu": float(_dgelu(np.float64(math.sqrt(2))))}


def _check(name):
    if name not in _ACT:
        raise ValueError(f"Unknown activation: {name!r} (expected one of {ACTIVATIONS})")


def activation_module(name):
    """A fresh torch module computing the activation."""
    _check(name)
    return _ACT[name][0]()


def activate(name, z):
    """f(z) in float64."""
    _check(name)
    return _ACT[name][1](np.asarray(z, dtype=np.float64))


def derivative(name, z):
    """f'(z) in float64 (at kinks, the value torch's autograd uses)."""
    _check(name)
    return _ACT[name][2](np.asarray(z, dtype=np.float64))


def max_slope(name) -> float:
    """The largest f'(z) over all z."""
    _check(name)
    return _PEAK[name]


def flat(name, z):
    """Where the activation is flat: |f'(z)| < SATURATION * max f' (gelu's dip below zero is not flat)."""
    return np.abs(derivative(name, z)) < SATURATION * _PEAK[name]


def flat_zones(name, lo=-6.0, hi=6.0, n=1201):
    """Intervals (start, end) of z on a grid over [lo, hi] where flat() holds, for shading plots."""
    if not lo < hi:
        raise ValueError(f"Invalid range: lo={lo} must be < hi={hi}")
    if n < 2:
        raise ValueError(f"Invalid grid size: {n} (expected >= 2)")
    z = np.linspace(lo, hi, n)
    edges = np.diff(np.concatenate([[0], flat(name, z).astype(np.int8), [0]]))  # +1 opens a run, -1 closes it
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1) - 1
    return [(float(z[a]), float(z[b])) for a, b in zip(starts, ends)]


def curve(name, lo=-6.0, hi=6.0, n=241):
    """f and f' on a grid over [lo, hi]: columns z, value, derivative."""
    if not lo < hi or n < 2:
        raise ValueError(f"Invalid grid: lo={lo}, hi={hi}, n={n} (expected lo < hi, n >= 2)")
    z = np.linspace(lo, hi, n)
    return pd.DataFrame({"z": z, "value": activate(name, z), "derivative": derivative(name, z)})


def table(names, lo=-6.0, hi=6.0, n=241):
    """f and f' of several activations on one grid: columns z, then f_<name> and df_<name> for each."""
    if not lo < hi or n < 2:
        raise ValueError(f"Invalid grid: lo={lo}, hi={hi}, n={n} (expected lo < hi, n >= 2)")
    z = np.linspace(lo, hi, n)
    return pd.DataFrame({"z": z} | {f"f_{a}": activate(a, z) for a in names}
                        | {f"df_{a}": derivative(a, z) for a in names})
