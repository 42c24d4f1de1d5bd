"""The live network view on Training: a canvas component (static/live_view.js, loaded by
ui/components/live_view_loader.js, styled by ui/components/live_view.css) fed a few kilobytes
per frame.

Vega redraws a whole chart from a new spec each time, too slow for a view that plays; the
canvas paints bytes. Every grid travels as bytes (`netview.quantize`), all of them in one zlib block
the browser inflates with its own DecompressionStream:

    map value (res^2) [, map confidence (res^2) if multiclass], each input feature (thumb^2),
    each drawn hidden unit layer by layer (thumb^2), the drawn weights and biases layer by layer
    (int16, `scaled`), then (when `has_pts`) 3 bytes per point: x, y, label (+128 for a test
    point). Grid rows are sent as differences (`sub`).
"""
import base64
import itertools
import json
import weakref
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import streamlit as st

from playground import netview
from playground.train import Trainer
from ui.controls import option_label

# Streamlit sends a component's JS with every frame: a loader (a few hundred bytes) stands in
# for static/live_view.js (10 KB), which the browser fetches once from this app
_HERE = Path(__file__).parent / "components"
_COMPONENT = st.components.v2.component(
    "live_view", js=(_HERE / "live_view_loader.js").read_text(),
    css=(_HERE / "live_view.css").read_text())
_FRAMES = itertools.count()
_SENT: "weakref.WeakKeyDictionary[Trainer, int]" = weakref.WeakKeyDictionary()  # frames so far
POINTS_EVERY = 20
NAN_CODE = -32768  # a weight or bias that is not finite
# The view's pace while playing: a frame every TICK seconds at most, MOST_FRAMES frames per
# update, each update within UPDATE_BYTES (UPDATE_OVERHEAD of them Streamlit's own messages:
# the run's session info, metrics, the component's loader), the view within VIEW_BYTES_PER_S
# (the Vega charts take the rest of about 250 KB/s a visitor should receive at most).
TICK, MOST_FRAMES = 0.045, 2
UPDATE_BYTES, UPDATE_OVERHEAD, VIEW_BYTES_PER_S = 24_000, 3_500, 170_000
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
    params = [scaled(a)[0] for a in (*v.weights, *v.biases)]
    return b"".join(np.ascontiguousarray(p).tobytes()
                    for p in [*map(sub, grids), *params, *dots])


def scaled(a: np.ndarray) -> tuple[np.ndarray, float]:
    """`a` as little-endian int16 in units of max|a| / 32767 (a third of the JSON's size, and
    finer than the three digits the view shows), and that max; a value that is not finite
    becomes NAN_CODE (the view then says NaN)."""
    a = np.asarray(a, float)
    ok = np.isfinite(a)
    top = float(np.abs(a[ok]).max()) if ok.any() else 0.0
    q = np.round(np.where(ok, a, 0) * (32767 / top if top else 0)).astype("<i2")
    q[~ok] = NAN_CODE
    return q, top


def sub(q: np.ndarray) -> np.ndarray:
    """Each byte minus its left neighbour, mod 256 (PNG's "Sub" filter): a smooth grid becomes
    mostly small numbers, which zlib packs several times tighter."""
    d = q.astype(np.int16)
    d[..., 1:] -= q[..., :-1]
    return (d % 256).astype(np.uint8)


def frame_bytes(tr: Trainer) -> int:
    """How many bytes of JSON a frame of `tr`'s view takes now (points included)."""
    return len(json.dumps(payload(tr, sent=False)))


def payload(tr: Trainer, sent: bool = True) -> dict:
    """One frame: small JSON and one base64 block of bytes. The points do not change while a
    trainer plays: they travel with its first frame and then every POINTS_EVERY-th (the
    browser keeps the last ones it got for that trainer)."""
    v = netview.view(tr)
    so_far = _SENT.get(tr, 0)
    if sent:  # (False: only measuring)
        _SENT[tr] = so_far + 1
    points = so_far % POINTS_EVERY == 0
    grads = [None if not np.isfinite(g) else float(f"{g:.3g}") for g in v.grad_norms]
    return {
        "frame": next(_FRAMES), "task": tr.task, "ext": list(v.extent), "res": netview.RES,
        "thumb": netview.THUMB, "widths": v.widths,
        "feat": [option_label(f, "en") for f in tr.cfg.features],  # notation: alike in zh
        "shown": [len(h) for h in v.hidden], "out": len(v.biases[-1]), "g": grads, "diverged": tr.diverged,
        "wmax": [float(f"{scaled(a)[1]:.7g}") for a in (*v.weights, *v.biases)],
        "pts": f"{id(tr):x}", "has_pts": points,
        "bin": base64.b64encode(zlib.compress(encode(tr, v, points), 6)).decode(),
    }


@dataclass(frozen=True)
class Plan:
    """How the view travels while playing: `frames` frames per update, an update every `every`
    seconds, the browser playing its frames `every / frames` seconds apart."""
    frames: int
    every: float

    @property
    def gap(self) -> float:
        return self.every / self.frames


def plan(size: int, players: int) -> Plan:
    """The pace of the view for frames of `size` bytes (all the networks drawn) while
    `players` visitors play on this server.

    Each update costs a Streamlit run (and about UPDATE_OVERHEAD bytes of its own messages):
    two frames per update halve that cost. An update stays within UPDATE_BYTES and the view
    within VIEW_BYTES_PER_S (so a class on one Wi-Fi keeps up): large frames come less often.
    With a class playing every visitor's view comes less often (what the server can draw is
    shared anyway)."""
    k = max(1, min(MOST_FRAMES, (UPDATE_BYTES - UPDATE_OVERHEAD) // max(size, 1)))
    every = max(k * TICK, (k * size + UPDATE_OVERHEAD) / VIEW_BYTES_PER_S)
    return Plan(k, every * max(1, players / 4))


def show(frames: list[dict], key: str, labels: dict, gap: float = TICK,
         **kw) -> tuple[list[float] | None, int]:
    """Draw the view from one or more frames (`payload`), played `gap` seconds apart; `kw`:
    adding (a click adds a point), discrete, scale. Returns the (x1, x2) of a click on the map
    while adding points, and the update's size in bytes of JSON."""
    data = {"frames": frames, "gap": round(1000 * gap), "labels": labels,
            **{"adding": False, "discrete": False, "scale": 1.0, **kw}}
    result = _COMPONENT(key=key, data=data, on_add_change=lambda: None)
    return result.add, len(json.dumps(data))
