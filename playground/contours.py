"""Iso-lines of a function sampled on a grid (marching squares), for charts without a contour mark."""
import numpy as np
import pandas as pd

# Corners of a cell, bit i set when corner i is above the level:
#   bit 0 (i, j) bottom-left, bit 1 (i, j+1) bottom-right, bit 2 (i+1, j+1) top-right,
#   bit 3 (i+1, j) top-left.  Edges: 0 bottom, 1 right, 2 top, 3 left.
# Segments per case as pairs of edges; -1 = none. Cases 5 and 10 are saddles: listed here
# is the pairing for a centre below the level (the high corners stay apart).
_FIRST = np.array([(-1, -1), (3, 0), (0, 1), (3, 1), (1, 2), (3, 0), (0, 2), (3, 2),
                   (2, 3), (0, 2), (0, 1), (1, 2), (3, 1), (0, 1), (3, 0), (-1, -1)], np.int8)
_SECOND = {5: (1, 2), 10: (2, 3)}
_SADDLE_HIGH = {5: ((0, 1), (2, 3)), 10: ((3, 0), (1, 2))}  # centre above: high corners join


def grid(f, domain, n: int = 80):
    """X, Y, Z (n, n) with Z[i, j] = f at (X[i, j], Y[i, j]); `f` maps (..., 2) -> (...)."""
    (x0, x1), (y0, y1) = domain
    X, Y = np.meshgrid(np.linspace(x0, x1, n), np.linspace(y0, y1, n))
    Z = np.asarray(f(np.stack((X, Y), -1)), dtype=np.float64)
    return X, Y, Z


def levels(Z: np.ndarray, n: int = 12, log: bool = False) -> np.ndarray:
    """n levels strictly inside Z's finite range: evenly spaced, or log-spaced above its minimum."""
    z = Z[np.isfinite(Z)]
    lo, hi = z.min(), z.max()
    if hi <= lo:
        return np.array([])
    if log:
        return lo + np.geomspace((hi - lo) * 1e-4, hi - lo, n + 1)[:-1]
    return np.linspace(lo, hi, n + 2)[1:-1]


_CORNERS = [(slice(None, -1), slice(None, -1)), (slice(None, -1), slice(1, None)),
            (slice(1, None), slice(1, None)), (slice(1, None), slice(None, -1))]  # BL BR TR TL
_EDGES = np.array([(0, 1), (1, 2), (3, 2), (0, 3)])  # bottom, right, top, left: their corners


def iso_lines(X, Y, Z, levels) -> pd.DataFrame:
    """Segments of the iso-lines Z = level: columns level, x, y, x2, y2 (one row per segment),
    level by level, each cell's first segment before the second one of the saddle cells.

    Every level at once, as arrays of (level, cell): each crossing point is interpolated
    only where a segment ends.
    """
    levels = np.asarray(levels, dtype=np.float64).reshape(-1)
    if not levels.size:
        return pd.DataFrame(columns=["level", "x", "y", "x2", "y2"])
    P = np.stack([np.stack((X[c], Y[c]), -1) for c in _CORNERS])  # (4, n-1, m-1, 2)
    V = np.stack([Z[c] for c in _CORNERS])  # (4, n-1, m-1)
    at = levels[:, None, None]
    case = sum((V[k] > at).astype(np.uint8) << k for k in range(4))  # (L, n-1, m-1)
    case[:, ~np.isfinite(V).all(0)] = 0
    first = _FIRST[case]  # (L, n-1, m-1, 2): pairs of edges
    second = np.full_like(first, -1)
    for c, pair in _SECOND.items():
        second[case == c] = pair
    centre_high = (V[0] + V[1] + V[2] + V[3]) / 4 > at
    for c, (p1, p2) in _SADDLE_HIGH.items():
        high = (case == c) & centre_high
        first[high], second[high] = p1, p2
    pairs = np.stack([first, second], 1)  # (L, 2, n-1, m-1, 2)
    lv, k, i, j = np.nonzero(pairs[..., 0] >= 0)
    ends = []
    for edge in pairs[lv, k, i, j].T:  # where the level crosses each end's edge
        a, b = _EDGES[edge, 0], _EDGES[edge, 1]
        with np.errstate(all="ignore"):
            t = np.clip((levels[lv] - V[a, i, j]) / (V[b, i, j] - V[a, i, j]), 0, 1)
        ends.append(P[a, i, j] + np.nan_to_num(t)[:, None] * (P[b, i, j] - P[a, i, j]))
    (x, y), (x2, y2) = ends[0].T, ends[1].T
    return pd.DataFrame({"level": levels[lv], "x": x, "y": y, "x2": x2, "y2": y2})
