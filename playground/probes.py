"""Per-layer health statistics of an MLP: activations, saturation, gradients, symmetry."""
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
import pandas as pd
import torch
import torch.nn.functional as F

from playground.activations import flat

LOSSES = ("auto", "bce", "mse", "ce")


@contextmanager
def _untouched(model):
    """Undo what a probing forward changes: BatchNorm running stats and the global RNG (dropout)."""
    saved = [b.clone() for b in model.buffers()]
    try:
        with torch.random.fork_rng(devices=[]):
            yield
    finally:
        with torch.no_grad():
            for b, s in zip(model.buffers(), saved):
                b.copy_(s)


def _loss(out, y, loss):
    if loss not in LOSSES:
        raise ValueError(f"Unknown loss: {loss!r} (expected one of {LOSSES})")
    if loss == "auto":
        if out.shape[1] > 1:
            loss = "ce"
        else:
            loss = "bce" if bool(((y == 0) | (y == 1)).all()) else "mse"
    if loss == "ce":
        return F.cross_entropy(out, y.long())
    y = y.reshape(out.shape).to(out.dtype)
    return F.binary_cross_entropy_with_logits(out, y) if loss == "bce" else F.mse_loss(out, y)


def _norm(g):
    return torch.linalg.vector_norm(g.double()).item()  # float64: float32 squares overflow early


def distinct_units(h):
    """Number of distinct columns of h (n, width), greedily merging columns within 1e-6 * (1 + max|h|)."""
    h = np.asarray(h, dtype=np.float64)
    n, width = h.shape
    finite = np.isfinite(h)
    tol = 1e-6 * (1 + (np.abs(h[finite]).max() if finite.any() else 0.0))
    # Columns within tol of each other have projections within tol * |r|_1, so after sorting by
    # projection each column need only be compared with a short window of its successors.
    r = np.random.default_rng(0).standard_normal(n)
    s = r @ np.where(finite, h, 0.0)  # (width,)
    order = np.argsort(s)
    end = np.searchsorted(s[order], s[order] + tol * np.abs(r).sum(), side="right")
    merged = np.zeros(width, dtype=bool)
    for i in np.flatnonzero(end > np.arange(1, width + 1)):  # only columns with a candidate twin
        if merged[i]:
            continue
        j = np.arange(i + 1, end[i])
        j = j[~merged[j]]
        a, b = h[:, order[i], None], h[:, order[j]]  # (n, 1), (n, len(j))
        with np.errstate(invalid="ignore"):  # inf - inf; equal infinities and NaN pairs count as the same
            same = (np.abs(a - b) <= tol) | (a == b) | (np.isnan(a) & np.isnan(b))
        merged[j[same.all(0)]] = True
    return int(width - merged.sum())  # every column not merged into an earlier one stands for itself


def layer_stats(model, X, y, loss="auto"):
    """One row of statistics per hidden layer from one forward and backward pass; df.attrs['loss'] holds the loss.

    Runs in the model's current mode (train mode: BatchNorm uses batch statistics) but has no side
    effects: no .grad is written, BatchNorm running stats and the global RNG are restored.
    Exploding nets give inf/nan statistics rather than errors.
    """
    X = torch.as_tensor(X, dtype=torch.float32)
    y = torch.as_tensor(y)
    weights = [b.linear.weight for b in model.blocks]
    with _untouched(model), torch.enable_grad():
        out, zs, hs = model.trace(X)
        L = _loss(out, y, loss)
        grads = torch.autograd.grad(L, weights + hs)  # not backward(): leaves .grad alone
    depth = len(weights)
    rows = []
    with np.errstate(all="ignore"):
        for l, (z, h, gw, gh) in enumerate(zip(zs, hs, grads[:depth], grads[depth:]), start=1):
            f = flat(model.cfg.activation, z.detach().double().numpy())  # (n, width)
            h = h.detach().double().numpy()  # (n, width)
            rows.append({
                "layer": l,
                "act_mean": h.mean(),
                "act_std": h.std(),
                "act_saturated": f.mean(),
                "act_dead": f.all(0).mean(),
                "grad_norm": _norm(gw),
                "act_grad_norm": _norm(gh),
                "distinct_units": distinct_units(h),
                "nonfinite": 1 - np.isfinite(h).mean(),
            })
    df = pd.DataFrame(rows)
    df.attrs["loss"] = L.item()
    return df


def activation_histograms(model, X, layers=None, bins=40):
    """Densities of hidden-layer outputs on one shared range: columns layer, x (bin centre), density.

    Default layers: up to 6, evenly spaced from 1 to depth. The range is the 0.5..99.5 percentile of the
    finite values of all chosen layers; a layer's density is its fraction of finite values per unit x, so
    it integrates to 1 minus the share of that layer outside the range. df.attrs['nonfinite'] is the
    fraction of values dropped as inf/nan. No side effects, as layer_stats.
    """
    depth = len(model.blocks)
    if layers is None:
        layers = np.unique(np.round(np.linspace(1, depth, min(6, depth))).astype(int)).tolist()
    if not layers or any(not 1 <= l <= depth for l in layers):
        raise ValueError(f"Invalid layers: {layers!r} (expected a non-empty list within 1..{depth})")
    if bins < 1:
        raise ValueError(f"Invalid bins: {bins!r} (expected >= 1)")
    X = torch.as_tensor(X, dtype=torch.float32)
    with _untouched(model), torch.no_grad():
        hs = model.trace(X)[2]
    values = [hs[l - 1].double().numpy().ravel() for l in layers]
    finite = [v[np.isfinite(v)] for v in values]
    total = sum(v.size for v in values)
    kept = np.concatenate(finite)
    lo, hi = np.percentile(kept, [0.5, 99.5]) if kept.size else (0.0, 0.0)
    if lo == hi:
        lo, hi = lo - 1e-3, hi + 1e-3
    edges = np.linspace(lo, hi, bins + 1)
    frames = []
    for l, v in zip(layers, finite):
        counts = np.histogram(v, edges)[0]
        frames.append(pd.DataFrame({
            "layer": l,
            "x": (edges[:-1] + edges[1:]) / 2,
            "density": counts / max(v.size, 1) / np.diff(edges),
        }))
    df = pd.concat(frames, ignore_index=True)
    df.attrs["nonfinite"] = 1 - kept.size / total
    return df


def symmetric_layers(stats):
    """Layers (of width > 1) whose units are all copies of one unit, as zero or constant init
    makes them: one distinct unit and finite values (partly merged dead ReLUs do not count)."""
    one = (stats["distinct_units"] == 1) & (stats["nonfinite"] == 0)
    return stats["layer"][one].astype(int).tolist()


@dataclass(frozen=True)
class Verdict:
    kind: str       # stable | vanishing | exploding | zero | overflow
    ratio: float    # grad_norm of layer 1 / grad_norm of the last hidden layer (nan if undefined)
    layer: int      # overflow: first layer with non-finite activations (else gradients); else 0


def gradient_verdict(stats, threshold=100.0):
    """Classify a layer_stats frame: does the weight gradient reach layer 1 at a usable size?

    A ratio below 1/threshold is vanishing, above threshold exploding; non-finite activations are
    an overflow, all-zero hidden gradients (zero initialization) are zero.
    """
    if not threshold > 1:
        raise ValueError(f"Invalid threshold: {threshold!r} (expected > 1)")
    g = stats["grad_norm"].to_numpy()
    acts = np.flatnonzero(stats["nonfinite"].to_numpy() > 0)
    bad = acts if acts.size else np.flatnonzero(~np.isfinite(g))
    with np.errstate(all="ignore"):
        ratio = float(g[0] / g[-1])
    if bad.size:
        return Verdict("overflow", ratio, int(stats["layer"].iloc[bad[0]]))
    if not g.any():
        return Verdict("zero", ratio, 0)
    if g[-1] == 0 or ratio > threshold:
        return Verdict("exploding", ratio, 0)
    return Verdict("vanishing" if ratio < 1 / threshold else "stable", ratio, 0)
