"""What the live network view shows: the trained function over the input plane, what every
drawn hidden unit computes there, the weights between drawn units and each layer's gradient.

One batched forward pass in eval mode over a fine grid (the map) and a coarse one (the unit
thumbnails), as TensorFlow Playground draws its heatmaps; hidden outputs come from the model's
own `trace`. Grids are quantized to bytes for the browser: `quantize` says how.
"""
from dataclasses import dataclass

import numpy as np
import torch

from playground.train import Trainer, features

SHOWN = 8      # units drawn per layer; wider layers draw their first SHOWN
RES = 100      # map cells per side
THUMB = 12     # thumbnail cells per side (drawn smoothed, as TF Playground's 10)
MARGIN = 0.1   # the map reaches this far past the data, as decision_grid


@dataclass(frozen=True)
class NetView:
    """One picture of a network. Grids are (side, side) with rows along x2 (row 0 at the
    lowest x2) and columns along x1."""
    extent: tuple[float, float, float, float]  # x1 lo, x1 hi, x2 lo, x2 hi
    task: str
    output: np.ndarray         # (RES, RES): P(class 1), winning class, or regression output
    confidence: np.ndarray     # (RES, RES): the winning class's probability (1 if not multiclass)
    inputs: np.ndarray         # (features, THUMB, THUMB): each input feature over the plane
    hidden: list[np.ndarray]   # per layer (shown units, THUMB, THUMB): each unit's output
    weights: list[np.ndarray]  # per layer, head last: (shown out, shown in) weights
    biases: list[np.ndarray]   # per layer, head last: (shown out,)
    widths: list[int]          # all units per hidden layer (drawn or not)
    grad_norms: np.ndarray     # (depth,): ||dL/dW|| of each hidden layer, last recorded

    def __repr__(self):
        return f"NetView(task={self.task!r}, widths={self.widths}, res={self.output.shape[0]})"


def plane(extent, side: int) -> np.ndarray:
    """Cell centres of a side x side grid over extent: (side * side, 2), x1 fastest."""
    x0, x1, y0, y1 = extent
    xs = x0 + (np.arange(side) + 0.5) * (x1 - x0) / side
    ys = y0 + (np.arange(side) + 0.5) * (y1 - y0) / side
    gx, gy = np.meshgrid(xs, ys)  # (side, side): rows follow x2
    return np.stack([gx.ravel(), gy.ravel()], 1).astype(np.float32)


def extent_of(X: np.ndarray, margin: float = MARGIN) -> tuple[float, float, float, float]:
    lo, hi = X.min(0) - margin, X.max(0) + margin
    return float(lo[0]), float(hi[0]), float(lo[1]), float(hi[1])


@torch.no_grad()
def view(tr: Trainer, res: int = RES, thumb: int = THUMB, shown: int = SHOWN) -> NetView:
    """The picture of `tr`'s network now (the model is left in the mode it was in)."""
    ext = extent_of(tr.X)
    fine, coarse = plane(ext, res), plane(ext, thumb)
    x = torch.from_numpy(features(np.concatenate([fine, coarse]), tr.cfg.features))
    was = tr.model.training
    tr.model.eval()
    out, _, hs = tr.model.trace(x)  # out (res^2 + thumb^2, out_dim); hs per layer (.., width)
    tr.model.train(was)
    out = out[:res * res]
    if tr.task == "binary":
        value, conf = torch.sigmoid(out[:, 0]).numpy(), np.ones(res * res)
    elif tr.task == "multiclass":
        p = torch.softmax(out, 1)
        conf, value = (t.numpy() for t in p.max(1))
    else:
        value, conf = out[:, 0].numpy(), np.ones(res * res)
    grid = (res, res)
    inputs = x[res * res:].numpy().T.reshape(-1, thumb, thumb)
    hidden = [h[res * res:, :shown].numpy().T.reshape(-1, thumb, thumb) for h in hs]
    linears = [b.linear for b in tr.model.blocks] + [tr.model.head]
    weights = [l.weight[:shown, :shown].numpy().copy() for l in linears]
    biases = [l.bias[:shown].numpy().copy() for l in linears]
    return NetView(ext, tr.task, value.astype(np.float32).reshape(grid),
                   np.asarray(conf, np.float32).reshape(grid), inputs, hidden, weights, biases,
                   [tr.net.width] * tr.net.depth, tr.last_grads)


def quantize(a: np.ndarray, lo: float, hi: float) -> np.ndarray:
    """Bytes for values in [lo, hi]: 0 at lo, 255 at hi, clamped outside; NaN becomes 0 (the
    view marks a diverged network on its own)."""
    if not hi > lo:
        raise ValueError(f"Invalid range: [{lo!r}, {hi!r}]")
    q = np.round((np.nan_to_num(np.asarray(a, float), nan=lo) - lo) * (255 / (hi - lo)))
    return np.clip(q, 0, 255).astype(np.uint8)


def unquantize(q: np.ndarray, lo: float, hi: float) -> np.ndarray:
    """The value each byte stands for (what the browser computes)."""
    return lo + np.asarray(q, float) * (hi - lo) / 255
