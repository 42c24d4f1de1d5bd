"""Iso-lines of a function sampled on a grid (marching squares), for charts without a contour mark."""
import numpy as np
import pandas as pd

# Corners of a cell, bit i set when corner i is above the level:
#   bit 0 (i, j) bottom-left, bit 1 (i, j+1) bottom-right, bit 2 (i+1, j+1) top-right,
#   bit 3 (i+1, j) top-left.  Edges: 0 bottom, 1 right, 2 top, 3 left.
# Segments per case as pairs of edges; -1 = none. Cases 5 and 10 are saddles: listed here
# is the pairing for a centre below the level (the high corners stay apart).
_FIRST = np.array([(-1, -1), (3, 0), (0, 1), (3, 1), (1, 2), (3, 0), (0, 2), (3, 2),
                   (2, 3), (0, 2), (0, 1), (1, 2), (3, 1), (0, 1), (3, 0), (-1, -1)])
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


def _edge_points(X, Y, Z, level):
    """(4, n-1, m-1, 2): where the level crosses each cell's four edges (garbage where it doesn't)."""
    corners = [(slice(None, -1), slice(None, -1)), (slice(None, -1), slice(1, None)),
               (slice(1, None), slice(1, None)), (slice(1, None), slice(None, -1))]
    P = [np.stack((X[c], Y[c]), -1) for c in corners]  # BL, BR, TR, TL: (n-1, m-1, 2)
    V = [Z[c] for c in corners]
    out = []
    for a, b in ((0, 1), (1, 2), (3, 2), (0, 3)):  # bottom, right, top, left
        with np.errstate(all="ignore"):
            t = np.clip((level - V[a]) / (V[b] - V[a]), 0, 1)
        out.append(P[a] + np.nan_to_num(t)[..., None] * (P[b] - P[a]))
    return np.stack(out), V


def iso_lines(X, Y, Z, levels) -> pd.DataFrame:
    """Segments of the iso-lines Z = level: columns level, x, y, x2, y2 (one row per segment)."""
    frames = []
    for level in levels:
        E, V = _edge_points(X, Y, Z, level)
        ok = np.logical_and.reduce([np.isfinite(v) for v in V])
        case = sum((v > level).astype(int) << i for i, v in enumerate(V))
        case[~ok] = 0
        centre_high = sum(V) / 4 > level
        pairs = [_FIRST[case]]  # (n-1, m-1, 2)
        second = np.full_like(pairs[0], -1)
        for c, pair in _SECOND.items():
            second[case == c] = pair
        for c, (p1, p2) in _SADDLE_HIGH.items():
            high = (case == c) & centre_high
            pairs[0][high], second[high] = p1, p2
        pairs.append(second)
        for pair in pairs:
            i, j = np.nonzero(pair[..., 0] >= 0)
            a, b = E[pair[i, j, 0], i, j], E[pair[i, j, 1], i, j]  # (s, 2) each
            frames.append(pd.DataFrame({"level": level, "x": a[:, 0], "y": a[:, 1],
                                        "x2": b[:, 0], "y2": b[:, 1]}))
    cols = ["level", "x", "y", "x2", "y2"]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=cols)
