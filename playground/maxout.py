"""Maxout: one unit outputs the largest of k affine pieces, max_j (w_j x + b_j) (Goodfellow et
al. 2013). A max of affine pieces is convex, and every convex function is the max of its
tangents, so k pieces approximate a convex target better as k grows. Here k = 1..K units are
trained at once to fit |x|^p on [-1, 1]."""
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
import torch

POWERS = (1.0, 1.5, 2.0, 3.0, 4.0)  # |x|^p is convex for p >= 1
MAX_PIECES = 8
GRID = 201  # points of [-1, 1] the units are fitted and measured on
STEPS, LR = 300, 0.01


def target(x, p: float) -> np.ndarray:
    """|x|^p in float64."""
    return np.abs(np.asarray(x, np.float64)) ** p


def _check_power(p):
    if not (isinstance(p, (int, float)) and math.isfinite(p) and 1 <= p <= 10):
        raise ValueError(f"Invalid power: {p!r} (expected a number in [1, 10]: |x|^p convex)")


def tangent_pieces(p: float, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Slopes and intercepts (k,) of the tangents to |x|^p at the middles of the k equal parts
    of [-1, 1]. Each piece starts as the largest around its own point: a piece that is never
    the largest gets no gradient and never moves (from random pieces, many were lost so)."""
    _check_power(p)
    if not (isinstance(k, int) and 1 <= k <= 64):
        raise ValueError(f"Invalid number of pieces: {k!r} (expected an integer in 1..64)")
    u = -1 + 2 * (np.arange(k) + 0.5) / k
    w = p * np.abs(u) ** (p - 1) * np.sign(u)  # d/dx |x|^p
    return w, target(u, p) - w * u


def _pieces(w, b, mask, x):
    """Every piece of every unit at x: (units, points, pieces), unused slots at -inf."""
    z = x[None, :, None] * w[:, None, :] + b[:, None, :]
    return z.masked_fill(~mask[:, None, :], -math.inf)


@dataclass(frozen=True)
class MaxoutFits:
    """Maxout units of 1..K pieces fitted to |x|^p: pieces before and after training."""
    p: float
    x: np.ndarray       # (GRID,)
    w0: np.ndarray      # (K, K): unit k-1's slopes at the start in row k-1, its first k entries
    b0: np.ndarray
    w: np.ndarray       # after training
    b: np.ndarray
    errors: pd.DataFrame  # k, rms, max (|fit - target| on x), used (pieces largest somewhere)

    def __repr__(self):
        return f"MaxoutFits(p={self.p:g}, K={len(self.w)})"

    def curve(self, k: int) -> pd.DataFrame:
        """Columns x, target, fit (after training), start (the tangents) of the unit of k
        pieces."""
        if not 1 <= k <= len(self.w):
            raise ValueError(f"Invalid number of pieces: {k!r} (expected 1..{len(self.w)})")
        fit, start = (np.max(self.x[:, None] * w[k - 1, :k] + b[k - 1, :k], axis=1)
                      for w, b in ((self.w, self.b), (self.w0, self.b0)))
        return pd.DataFrame({"x": self.x, "target": target(self.x, self.p), "fit": fit,
                             "start": start})


def fit_maxout(p: float = 2.0, pieces: int = MAX_PIECES, steps: int = STEPS,
               lr: float = LR) -> MaxoutFits:
    """Train maxout units of 1..pieces pieces with torch.optim.Adam (full batch, mean squared
    error on GRID points of [-1, 1]) from `tangent_pieces`. The units sit in one tensor, a
    unit's unused slots masked: its loss reaches only its own pieces, and Adam updates every
    entry on its own, so each unit follows exactly the path it would alone."""
    _check_power(p)
    if not (isinstance(pieces, int) and 1 <= pieces <= 64):
        raise ValueError(f"Invalid number of pieces: {pieces!r} (expected an integer in 1..64)")
    if not (isinstance(steps, int) and steps >= 0):
        raise ValueError(f"Invalid steps: {steps!r} (expected an integer >= 0)")
    if not (lr > 0 and math.isfinite(lr)):
        raise ValueError(f"Invalid learning rate: {lr!r}")
    K = pieces
    w0, b0 = np.zeros((K, K)), np.zeros((K, K))
    for k in range(1, K + 1):
        w0[k - 1, :k], b0[k - 1, :k] = tangent_pieces(p, k)
    x = torch.linspace(-1, 1, GRID, dtype=torch.float64)
    y = torch.from_numpy(target(x.numpy(), p))
    mask = torch.arange(K)[None, :] < torch.arange(1, K + 1)[:, None]  # (units, pieces)
    w, b = (torch.tensor(a, requires_grad=True) for a in (w0, b0))
    opt = torch.optim.Adam([w, b], lr=lr)
    for _ in range(steps):
        loss = ((_pieces(w, b, mask, x).max(2).values - y) ** 2).mean(1).sum()  # units' own MSEs
        opt.zero_grad()
        loss.backward()
        opt.step()
    with torch.no_grad():
        z = _pieces(w, b, mask, x)
        err = (z.max(2).values - y).numpy()  # (units, points)
        used = [len(np.unique(z[k].argmax(1).numpy())) for k in range(K)]
    errors = pd.DataFrame({"k": np.arange(1, K + 1), "rms": np.sqrt((err ** 2).mean(1)),
                           "max": np.abs(err).max(1), "used": used})
    return MaxoutFits(float(p), x.numpy(), w0, b0, w.detach().numpy().copy(),
                      b.detach().numpy().copy(), errors)


def best_rms_square(k: int) -> float:
    """The least RMS error of k equal-width pieces fitted to x² on [-1, 1] (continuous
    measure): on each part of width h = 2/k the best line leaves u² - h²/12 for u in
    [-h/2, h/2], whose mean square is h⁴/180."""
    return (2 / k) ** 2 / math.sqrt(180)
