"""2-D test functions with known minima: value, gradient and Hessian in closed form.

Each formula takes `(x, y, m)` where `m` is the array module (`torch` or `numpy`), so the
same expression runs under autograd and, cheaply, inside an optimizer loop on numpy views.
Points are arrays or tensors shaped (..., 2); results keep the leading shape.
"""
import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import torch

Domain = tuple[tuple[float, float], tuple[float, float]]
FLAT = 1e-8  # |eigenvalue| below this (relative to the largest) counts as zero curvature


def _split(xy):
    if torch.is_tensor(xy):
        return xy[..., 0], xy[..., 1], torch
    xy = np.asarray(xy, dtype=np.float64)
    return xy[..., 0], xy[..., 1], np


def _stack(parts, x, m):
    if m is torch:
        return torch.stack([x * 0 + p for p in parts], -1)  # `x * 0 +` broadcasts constants
    out = np.empty(x.shape + (len(parts),))  # filled in place: faster than np.stack
    for i, p in enumerate(parts):
        out[..., i] = p
    return out


@dataclass(frozen=True)
class TestFunction:
    """f(x, y) with its closed-form derivatives, a plotting domain and its known minima."""
    name: str
    f: Callable        # (x, y, m) -> f
    df: Callable       # (x, y, m) -> (f_x, f_y)
    d2f: Callable      # (x, y, m) -> (f_xx, f_xy, f_yy)
    domain: Domain     # ((xmin, xmax), (ymin, ymax)) for plotting
    minima: tuple[tuple[float, float], ...]  # global and listed local minima; () if unbounded
    start: tuple[float, float]               # a start point that shows the function's trap

    def value(self, xy):
        """(..., 2) -> (...)."""
        x, y, m = _split(xy)
        return x * 0 + self.f(x, y, m)

    def grad(self, xy):
        """(..., 2) -> (..., 2)."""
        x, y, m = _split(xy)
        return _stack(self.df(x, y, m), x, m)

    def hessian(self, xy):
        """(..., 2) -> (..., 2, 2)."""
        x, y, m = _split(xy)
        fxx, fxy, fyy = self.d2f(x, y, m)
        h = _stack((fxx, fxy, fxy, fyy), x, m)
        return h.reshape(*h.shape[:-1], 2, 2)

    def __repr__(self):
        return f"TestFunction({self.name!r}, domain={self.domain})"


def quadratic(kappa: float = 10.0, angle: float = 30.0, scale: float = 1.0) -> TestFunction:
    """f = ½ vᵀHv with H's eigenvalues scale·κ along `angle` (degrees) and scale across it.

    κ is H's condition number; gradient descent is stable for lr < 2 / (scale·κ).
    """
    if not kappa >= 1:
        raise ValueError(f"Invalid condition number: {kappa} (must be >= 1)")
    c, s = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    hi, lo = scale * kappa, scale
    a, b, d = hi * c * c + lo * s * s, (hi - lo) * c * s, hi * s * s + lo * c * c  # H = [[a, b], [b, d]]
    return TestFunction(
        "quadratic",
        lambda x, y, m: 0.5 * (a * x * x + 2 * b * x * y + d * y * y),
        lambda x, y, m: (a * x + b * y, b * x + d * y),
        lambda x, y, m: (a, b, d),
        ((-3.0, 3.0), (-3.0, 3.0)), ((0.0, 0.0),), (-2.5, 1.5))


def whitened(kappa: float, angle: float) -> tuple[TestFunction, np.ndarray]:
    """The quadratic seen through the preconditioner √κ·H^-1/2: round contours, curvature κ.

    Returns g and M with g(M x) = f(x) for f = quadratic(kappa, angle): M = H^1/2 / √κ maps a
    point of f's map onto g's. g keeps f's steepest curvature, so a learning rate that was
    stable on f now contracts every direction at the same fast rate.
    """
    H = quadratic(kappa, angle).hessian(np.zeros(2))
    lam, V = np.linalg.eigh(H)
    M = V @ np.diag(np.sqrt(lam / kappa)) @ V.T
    return quadratic(1.0, angle, scale=kappa), M


def _beale_terms(x, y):
    return [(c - x + x * y**i, i) for i, c in ((1, 1.5), (2, 2.25), (3, 2.625))]


def _beale_d2(x, y, m):
    fxx = sum(2 * (y**i - 1) ** 2 for _, i in _beale_terms(x, y))
    fxy = sum(2 * (i * x * y ** (i - 1) * (y**i - 1) + a * i * y ** (i - 1))
              for a, i in _beale_terms(x, y))
    fyy = sum(2 * ((i * x * y ** (i - 1)) ** 2 + a * i * (i - 1) * x * y ** max(i - 2, 0))
              for a, i in _beale_terms(x, y))
    return fxx, fxy, fyy


TAU = 2 * math.pi

FUNCTIONS: dict[str, TestFunction] = {f.name: f for f in (
    quadratic(),
    TestFunction(
        "rosenbrock",
        lambda x, y, m: (1 - x) ** 2 + 100 * (y - x * x) ** 2,
        lambda x, y, m: (-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)),
        lambda x, y, m: (2 - 400 * y + 1200 * x * x, -400 * x, 200),
        ((-2.0, 2.0), (-1.0, 3.0)), ((1.0, 1.0),), (-1.5, 2.5)),
    TestFunction(
        "beale",
        lambda x, y, m: sum(a**2 for a, _ in _beale_terms(x, y)),
        lambda x, y, m: (sum(2 * a * (y**i - 1) for a, i in _beale_terms(x, y)),
                         sum(2 * a * i * x * y ** (i - 1) for a, i in _beale_terms(x, y))),
        _beale_d2,
        ((-4.5, 4.5), (-4.5, 4.5)), ((3.0, 0.5),), (1.0, 1.5)),
    TestFunction(
        "saddle",
        lambda x, y, m: x * x - y * y,
        lambda x, y, m: (2 * x, -2 * y),
        lambda x, y, m: (2, 0, -2),
        ((-2.0, 2.0), (-2.0, 2.0)), (), (-1.8, 0.01)),
    TestFunction(
        "monkey_saddle",
        lambda x, y, m: x**3 - 3 * x * y * y,
        lambda x, y, m: (3 * x * x - 3 * y * y, -6 * x * y),
        lambda x, y, m: (6 * x, -6 * y, -6 * x),
        ((-2.0, 2.0), (-2.0, 2.0)), (), (1.5, 0.1)),
    TestFunction(
        "himmelblau",
        lambda x, y, m: (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2,
        lambda x, y, m: (4 * x * (x * x + y - 11) + 2 * (x + y * y - 7),
                         2 * (x * x + y - 11) + 4 * y * (x + y * y - 7)),
        lambda x, y, m: (4 * (x * x + y - 11) + 8 * x * x + 2, 4 * x + 4 * y,
                         4 * (x + y * y - 7) + 8 * y * y + 2),
        ((-5.0, 5.0), (-5.0, 5.0)),
        ((3.0, 2.0), (-2.805118, 3.131313), (-3.779310, -3.283186), (3.584428, -1.848127)),
        (-0.5, -0.5)),
    TestFunction(
        "rastrigin",
        lambda x, y, m: 20 + x * x + y * y - 10 * (m.cos(TAU * x) + m.cos(TAU * y)),
        lambda x, y, m: (2 * x + 10 * TAU * m.sin(TAU * x), 2 * y + 10 * TAU * m.sin(TAU * y)),
        lambda x, y, m: (2 + 10 * TAU**2 * m.cos(TAU * x), 0, 2 + 10 * TAU**2 * m.cos(TAU * y)),
        ((-3.0, 3.0), (-3.0, 3.0)), ((0.0, 0.0),), (-2.3, 1.7)),  # only the global one of many
    TestFunction(
        "six_hump_camel",
        lambda x, y, m: (4 - 2.1 * x * x + x**4 / 3) * x * x + x * y + (4 * y * y - 4) * y * y,
        lambda x, y, m: (8 * x - 8.4 * x**3 + 2 * x**5 + y, x - 8 * y + 16 * y**3),
        lambda x, y, m: (8 - 25.2 * x * x + 10 * x**4, 1, -8 + 48 * y * y),
        ((-2.2, 2.2), (-1.2, 1.2)),
        ((0.089842, -0.712656), (-0.089842, 0.712656), (-1.703607, 0.796084),
         (1.703607, -0.796084), (-1.607105, -0.568651), (1.607105, 0.568651)),
        (-1.9, 1.0)),
    TestFunction(
        "booth",
        lambda x, y, m: (x + 2 * y - 7) ** 2 + (2 * x + y - 5) ** 2,
        lambda x, y, m: (10 * x + 8 * y - 34, 8 * x + 10 * y - 38),
        lambda x, y, m: (10, 8, 10),
        ((-4.0, 6.0), (-2.0, 8.0)), ((1.0, 3.0),), (-3.0, -1.0)),
)}


def function(name: str, kappa: float = 10.0, angle: float = 30.0) -> TestFunction:
    """The function called `name`; for "quadratic", the one with this condition number and angle."""
    if name not in FUNCTIONS:
        raise ValueError(f"Unknown function: {name!r} (expected one of {tuple(FUNCTIONS)})")
    return quadratic(kappa, angle) if name == "quadratic" else FUNCTIONS[name]


@dataclass(frozen=True)
class Inspection:
    """What the derivatives say about one point."""
    point: tuple[float, float]
    value: float
    grad: tuple[float, float]
    eigenvalues: tuple[float, float]  # of the Hessian, ascending
    kind: str                         # minimum | maximum | saddle | flat (a zero curvature)
    condition: float                  # |λ|max / |λ|min; inf when a curvature is zero

    @property
    def grad_norm(self) -> float:
        return math.hypot(*self.grad)


def inspect(f: TestFunction, point: tuple[float, float]) -> Inspection:
    """Gradient, Hessian eigenvalues and the curvature's verdict at `point`."""
    xy = np.asarray(point, dtype=np.float64)
    lo, hi = np.linalg.eigvalsh(f.hessian(xy))
    flat = FLAT * max(abs(lo), abs(hi), 1.0)
    if min(abs(lo), abs(hi)) <= flat:
        kind = "flat"
    else:
        kind = "minimum" if lo > 0 else "maximum" if hi < 0 else "saddle"
    small, big = sorted((abs(lo), abs(hi)))
    return Inspection((float(xy[0]), float(xy[1])), float(f.value(xy)),
                      tuple(float(g) for g in f.grad(xy)), (float(lo), float(hi)), kind,
                      big / small if small > 0 else math.inf)


def nearest_minimum_distance(f: TestFunction, xy: np.ndarray) -> np.ndarray:
    """(..., 2) -> (...): Euclidean distance to the closest listed minimum (NaN if none listed)."""
    xy = np.asarray(xy, dtype=np.float64)
    if not f.minima:
        return np.full(xy.shape[:-1], np.nan)
    d = np.linalg.norm(xy[..., None, :] - np.asarray(f.minima), axis=-1)  # (..., n_minima)
    return d.min(-1)
