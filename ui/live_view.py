"""The live network view on Training: a canvas component (static/live_view.js, loaded by
ui/components/live_view_loader.js, styled by ui/components/live_view.css) fed a few kilobytes
per frame.

Vega redraws a whole chart from a new spec each time, five times a second at best; the canvas
paints bytes. Every grid travels as bytes (`netview.quantize`), all of them in one zlib block
the browser inflates with its own DecompressionStream:

    map value (res^2) [, map confidence (res^2) if multiclass], each input feature (thumb^2),
    each drawn hidden unit layer by layer (thumb^2), then (when `has_pts`) 3 bytes per point:
    x, y, label (+128 for a test point). Grid rows are sent as differences (`sub`).
"""
import base64
import itertools
import json
import weakref
import zlib
from pathlib import Path

import numpy as np
import streamlit as st

from playground import netview
from playground.train import Trainer

# Streamlit sends a component's JS with every frame: a loader (a few hundred bytes) stands in
# for static/live_view.js (10 KB), which the browser fetches once from this app
_HERE = Path(__file__).parent / "components"
_COMPONENT = st.components.v2.component(
    "live_view", js=(_HERE / "live_view_loader.js").read_text(),
    css=(_HERE / "live_view.css").read_text())
_FRAMES = itertools.count()
_SENT: "weakref.WeakKeyDictionary[Trainer, int]" = weakref.WeakKeyDictionary()  # frames so far
POINTS_EVERY = 20
LABELS = ("weight", "layer", "unit", "bias", "output", "input", "more", "diverged")


def value_range(tr: Trainer) -> tuple[float, float]:
    """The range the map's values are quantized over: probabilities, or the regression targets'
    symmetric range."""
    if tr.task != "regression":
        return 0.0, 1.0
    r = float(np.abs(tr.y).max()) or 1.0
    return -r, r


def encode(tr: Trainer, v: netview.NetView, points: bool = True) -> bytes:
    """The view's grids and (if `points`) the trainer's points as bytes, in the order the
    module doc gives."""
    lo, hi = value_range(tr)
    parts = [netview.quantize(v.output, lo, hi) if tr.task != "multiclass"
             else v.output.astype(np.uint8)]
    if tr.task == "multiclass":
        parts.append(netview.quantize(v.confidence, 0, 1))
    scale = np.abs(v.inputs).max(axis=(1, 2), keepdims=True)  # each feature to [-1, 1]
    parts.append(netview.quantize(v.inputs / np.where(scale > 0, scale, 1), -1, 1))
    parts += [netview.quantize(h, -1, 1) for h in v.hidden]  # TF Playground's scale
    Xtr, ytr, Xte, yte = tr.points
    x0, x1, y0, y1 = v.extent
    for X, y, test in ((Xtr, ytr, 0), (Xte, yte, 128)) if points else ():
        label = (netview.quantize(y, lo, hi) // 2 if tr.task == "regression"
                 else y.astype(np.uint8))
        parts.append(np.stack([netview.quantize(X[:, 0], x0, x1), netview.quantize(X[:, 1], y0, y1),
                               label + np.uint8(test)], 1))
    n = len(parts) - (2 if points else 0)
    grids, dots = parts[:n], parts[n:]
    return b"".join(np.ascontiguousarray(p).tobytes() for p in [*map(sub, grids), *dots])


def sub(q: np.ndarray) -> np.ndarray:
    """Each byte minus its left neighbour, mod 256 (PNG's "Sub" filter): a smooth grid becomes
    mostly small numbers, which zlib packs several times tighter."""
    d = q.astype(np.int16)
    d[..., 1:] -= q[..., :-1]
    return (d % 256).astype(np.uint8)


def frame_bytes(tr: Trainer) -> int:
    """How many bytes of JSON a frame of `tr`'s view takes now (points included)."""
    return len(json.dumps(payload(tr, {k: k for k in LABELS}, sent=False)))


def payload(tr: Trainer, labels: dict, adding: bool = False, discrete: bool = False,
            scale: float = 1.0, sent: bool = True) -> dict:
    """What the component draws one frame from: small JSON and one base64 block of bytes. The
    points do not change while a trainer plays: they travel with its first frame and then
    every POINTS_EVERY-th (the browser keeps the last ones it got for that trainer)."""
    v = netview.view(tr)
    so_far = _SENT.get(tr, 0)
    if sent:  # (False: only measuring)
        _SENT[tr] = so_far + 1
    points = so_far % POINTS_EVERY == 0
    rounded = lambda a: np.round(a.astype(float), 3).tolist()  # noqa: E731
    grads = [None if not np.isfinite(g) else float(f"{g:.3g}") for g in v.grad_norms]
    return {
        "frame": next(_FRAMES), "task": tr.task, "ext": list(v.extent), "res": netview.RES,
        "thumb": netview.THUMB, "feat": list(tr.cfg.features), "widths": v.widths,
        "shown": [len(h) for h in v.hidden], "w": [rounded(w) for w in v.weights],
        "b": [rounded(b) for b in v.biases], "g": grads, "labels": labels,
        "adding": adding, "discrete": discrete, "scale": scale, "diverged": tr.diverged,
        "pts": f"{id(tr):x}", "has_pts": points,
        "bin": base64.b64encode(zlib.compress(encode(tr, v, points), 6)).decode(),
    }


def show(tr: Trainer, key: str, labels: dict, **kw) -> tuple[list[float] | None, int]:
    """Draw the view; returns the (x1, x2) of a click on the map while adding points, and the
    frame's size in bytes of JSON."""
    data = payload(tr, labels, **kw)
    result = _COMPONENT(key=key, data=data, on_add_change=lambda: None)
    return result.add, len(json.dumps(data))
