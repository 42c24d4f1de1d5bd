"""Loss surfaces: the loss of a network over a plane (or a line) through its weights.

A plane through the weights theta is theta + a * d1 + b * d2 for two directions d1, d2 in
parameter space. The directions are either filter-normalized random directions (Li et al.
2018, "Visualizing the Loss Landscape of Neural Nets") or the first two principal directions
of a training trajectory, which show the path itself. The line from the initial to the
trained weights is Goodfellow et al. (2015), "Qualitatively characterizing neural network
optimization problems".

Every grid point is a full set of weights; all of them go through the network in one
`torch.vmap` over `torch.func.functional_call` (in chunks that bound the memory), never one
Python call per point. The caller's model is never touched: evaluation runs on a copy in eval
mode (dropout off, BatchNorm on its running statistics), the mode the Trainer reports its
losses in.

The last part is the textbook case of a single sigmoid neuron, whose losses and gradients have
closed forms: why cross-entropy rather than squared error behind a sigmoid.
"""
import copy
from dataclasses import dataclass

import numpy as np
import pandas as pd
import torch
from torch.func import functional_call

from playground import info
from playground.nets import MLP
from playground.train import Trainer, data_loss

DIRECTIONS = ("filter", "pca")
BUDGET = 1 << 20  # floats held at once per chunk of grid points (4 MB: fits in cache, fastest)
MAX_POINTS = 1000  # data points a surface is evaluated on by default
PAD = 1.2  # a PCA grid reaches this far beyond the trajectory, so the path's ends stay inside


@dataclass(frozen=True)
class Surface:
    """The loss on a grid: Z[i, j] at theta + alphas[i] * d1 + betas[j] * d2."""
    alphas: np.ndarray           # (steps,)
    betas: np.ndarray            # (steps,)
    Z: np.ndarray                # (steps, steps)
    directions: tuple[list[torch.Tensor], list[torch.Tensor]]  # d1, d2 shaped like parameters
    kind: str                    # filter | pca
    n: int                       # data points the loss was evaluated on
    path: np.ndarray | None = None       # (k, 2) the trajectory's coordinates (pca only)
    explained: np.ndarray | None = None  # (2,) share of the trajectory's variance per direction

    def __repr__(self):
        return (f"Surface(kind={self.kind!r}, steps={len(self.alphas)}, n={self.n}, "
                f"Z in [{np.nanmin(self.Z):.4g}, {np.nanmax(self.Z):.4g}])")


def flat(model: torch.nn.Module) -> torch.Tensor:
    """All parameters in `model.parameters()` order as one float32 vector (P,) (a copy)."""
    return torch.cat([p.detach().reshape(-1) for p in model.parameters()]).float().clone()


def unflatten(model: torch.nn.Module, v) -> list[torch.Tensor]:
    """A flat vector (P,) as a list of tensors shaped like `model.parameters()`."""
    v = torch.as_tensor(np.asarray(v, np.float32)) if not torch.is_tensor(v) else v
    sizes = [p.numel() for p in model.parameters()]
    return [t.reshape(p.shape).clone() for t, p in zip(v.split(sizes), model.parameters())]


def _data(X, y, max_points: int, seed: int) -> tuple[torch.Tensor, torch.Tensor]:
    """X, y as tensors, at most max_points of them (a seeded random subset)."""
    X, y = torch.as_tensor(np.asarray(X, np.float32)), torch.as_tensor(np.asarray(y, np.float32))
    if max_points < 1:
        raise ValueError(f"Invalid max_points: {max_points!r} (expected >= 1)")
    if len(y) > max_points:
        keep = np.sort(np.random.default_rng(seed).choice(len(y), max_points, replace=False))
        X, y = X[keep], y[keep]
    return X, y


def losses(model: torch.nn.Module, thetas: torch.Tensor, X: torch.Tensor, y: torch.Tensor,
           loss: str = "bce", task: str = "binary") -> torch.Tensor:
    """The data loss of `model`'s architecture at every row of thetas (B, P): (B,), float64.

    One vmap over functional_call per chunk of rows; the model itself is not modified.
    """
    if isinstance(model, MLP):
        return _mlp_losses(model, thetas, X, y, loss, task)
    net = copy.deepcopy(model).eval()
    names = [name for name, _ in net.named_parameters()]
    shapes = [p.shape for p in net.parameters()]
    sizes = [p.numel() for p in net.parameters()]
    buffers = dict(net.named_buffers())

    def one(theta):  # (P,) -> ()
        params = {n: t.reshape(s) for n, t, s in zip(names, theta.split(sizes), shapes)}
        return data_loss(functional_call(net, (params, buffers), (X,)), y, task, loss)

    # per grid point: its weights, and a few (n, widest) activations alive at once
    widest = max((s[0] for s in shapes if len(s)), default=1)
    chunk = max(1, BUDGET // (sum(sizes) + len(y) * widest * 4))
    with torch.no_grad():
        out = [torch.vmap(one)(part) for part in thetas.float().split(chunk)]
    return torch.cat(out).double()


def _mlp_losses(model: MLP, thetas: torch.Tensor, X: torch.Tensor, y: torch.Tensor,
                loss: str, task: str) -> torch.Tensor:
    """`losses` for the project's MLP in eval mode, written out as batched matrix products:
    every grid point's layer at once, a few tensor operations per layer instead of vmap's
    per-operation bookkeeping over `functional_call` (tests/test_surface.py checks the two
    against each other)."""
    sizes = [p.numel() for p in model.parameters()]
    entries = list(zip([n for n, _ in model.named_parameters()], sizes,
                       [p.shape for p in model.parameters()]))
    widest = max(model.cfg.width, model.cfg.out_dim)
    chunk = max(1, BUDGET // (sum(sizes) + len(y) * widest * 4))
    scored = torch.vmap(lambda out: data_loss(out, y, task, loss))
    out = []
    with torch.no_grad():
        for part in thetas.float().split(chunk):  # (B, P)
            p = {name: t.reshape(len(part), *shape)
                 for (name, _, shape), t in zip(entries, part.split(sizes, 1))}
            h = X.expand(len(part), *X.shape)  # (B, n, in)
            for i, block in enumerate(model.blocks):
                pre = f"blocks.{i}."
                w, b = p[pre + "linear.weight"], p[pre + "linear.bias"]  # (B, out, in), (B, out)
                if model.cfg.norm == "batch":
                    # eval-mode batch norm is affine: folded into the weights, it costs no
                    # pass over the (B, n, width) activations
                    bn = block.norm
                    scale = p[pre + "norm.weight"] / torch.sqrt(bn.running_var + bn.eps)
                    w = w * scale[:, :, None]
                    b = (b - bn.running_mean) * scale + p[pre + "norm.bias"]
                z = torch.baddbmm(b[:, None], h, w.transpose(1, 2))  # (B, n, width)
                if model.cfg.norm == "layer":
                    z = torch.nn.functional.layer_norm(z, z.shape[-1:], eps=block.norm.eps)
                    z = z * p[pre + "norm.weight"][:, None] + p[pre + "norm.bias"][:, None]
                a = block.act(z)
                h = h + a if block.residual else a
            logits = torch.baddbmm(p["head.bias"][:, None], h, p["head.weight"].transpose(1, 2))
            out.append(scored(logits))
    return torch.cat(out).double()


def filter_normalized(model: torch.nn.Module, gen: torch.Generator) -> torch.Tensor:
    """A random Gaussian direction (P,) whose every filter has the norm of the weights' filter.

    Li et al. (2018), section 4: a filter is one output unit's incoming weights, a row of a
    linear layer's weight matrix. Biases and normalization parameters (every parameter with
    fewer than two dimensions) get 0, as in the paper, so the plane keeps them fixed.
    """
    parts = []
    for p in model.parameters():
        w = p.detach().float()
        if w.dim() < 2:
            parts.append(torch.zeros(w.numel()))
            continue
        d = torch.randn(w.shape, generator=gen)
        rows_w = w.reshape(len(w), -1).norm(dim=1, keepdim=True)  # (out, 1)
        rows_d = d.reshape(len(d), -1).norm(dim=1, keepdim=True)
        parts.append((d.reshape(len(d), -1) * rows_w / rows_d.clamp_min(1e-12)).reshape(-1))
    return torch.cat(parts)


def pca_directions(trajectory, theta: torch.Tensor):
    """The first two principal directions of the trajectory around the final weights.

    Li et al. (2018), section 7: the rows of M = [theta_i - theta] (k, P); its SVD gives the
    orthonormal directions d1, d2 (P,) each, the trajectory's coordinates M @ [d1 d2] (k, 2)
    and the share of the squared distance to theta each direction holds (2,).
    """
    M = np.asarray(trajectory, np.float64) - theta.double().numpy()[None, :]  # (k, P)
    if M.ndim != 2 or len(M) < 3:
        raise ValueError("A PCA plane needs a trajectory of at least 3 parameter snapshots")
    _, S, Vt = np.linalg.svd(M, full_matrices=False)
    total = float((S ** 2).sum())
    explained = (S[:2] ** 2) / total if total > 0 else np.zeros(2)
    # a sign convention, so the same trajectory always gives the same picture
    signs = np.where(Vt[:2].sum(1) < 0, -1.0, 1.0)[:, None]
    D = Vt[:2] * signs  # (2, P)
    return torch.from_numpy(D[0]).float(), torch.from_numpy(D[1]).float(), M @ D.T, explained


def loss_surface(model: torch.nn.Module, X, y, directions: str = "filter", steps: int = 41,
                 span: float = 1.0, seed: int = 0, trajectory=None, loss: str = "bce",
                 task: str = "binary", max_points: int = MAX_POINTS) -> Surface:
    """The loss over a steps x steps grid of the plane through the model's weights.

    directions: "filter" (filter-normalized random directions drawn from `seed`; the grid spans
    [-span, span] along both, 1 being a step the size of each filter) or "pca" (needs
    `trajectory`, (k, P) flat parameter snapshots in `model.parameters()` order; the grid spans
    span * PAD times the trajectory's extent along each direction). Z at (0, 0) is the model's
    loss.
    X, y: inputs as the model takes them and targets; at most max_points of them are used
    (a random subset drawn from `seed`).
    """
    if directions not in DIRECTIONS:
        raise ValueError(f"Unknown directions: {directions!r} (expected one of {DIRECTIONS})")
    if not (isinstance(steps, int) and 3 <= steps <= 201 and steps % 2 == 1):
        raise ValueError(f"Invalid steps: {steps!r} "
                         "(expected an odd integer in 3..201, so that 0 is on the grid)")
    if not (np.isfinite(span) and span > 0):
        raise ValueError(f"Invalid span: {span!r} (expected a number > 0)")
    Xt, yt = _data(X, y, max_points, seed)
    theta = flat(model)  # (P,)
    path = explained = None
    if directions == "filter":
        gen = torch.Generator().manual_seed(seed)
        d1, d2 = filter_normalized(model, gen), filter_normalized(model, gen)
        reach = (span, span)
    else:
        if trajectory is None:
            raise ValueError("PCA directions need a trajectory")
        d1, d2, path, explained = pca_directions(trajectory, theta)
        extent = np.abs(path).max(0)
        reach = tuple(span * PAD * (e if e > 0 else 1.0) for e in extent)
    unit = np.linspace(-1, 1, steps)
    unit[steps // 2] = 0.0  # exactly, so that the centre is the model itself
    alphas, betas = reach[0] * unit, reach[1] * unit
    A, B = np.meshgrid(alphas, betas, indexing="ij")  # (steps, steps)
    coef = torch.from_numpy(np.stack([A.ravel(), B.ravel()], 1)).float()  # (steps², 2)
    thetas = theta + coef @ torch.stack([d1, d2])  # (steps², P)
    Z = losses(model, thetas, Xt, yt, loss, task).numpy().reshape(steps, steps)
    return Surface(alphas, betas, Z, (unflatten(model, d1), unflatten(model, d2)), directions,
                   len(yt), path, explained)


def interpolation(start, end, model: torch.nn.Module, X, y, steps: int = 41,
                  extend: float = 0.5, loss: str = "bce", task: str = "binary",
                  max_points: int = MAX_POINTS, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """The loss along (1 - a) * start + a * end for a in [-extend, 1 + extend]: (alphas, losses).

    Goodfellow et al. (2015): start and end are flat parameter vectors (P,) (initial and trained
    weights) of `model`'s architecture. With the default grid a = 0 and a = 1 are grid points.
    """
    if not (isinstance(steps, int) and steps >= 2):
        raise ValueError(f"Invalid steps: {steps!r} (expected an integer >= 2)")
    a = torch.as_tensor(np.asarray(start, np.float32))
    b = torch.as_tensor(np.asarray(end, np.float32))
    alphas = np.linspace(-extend, 1 + extend, steps)
    t = torch.from_numpy(alphas).float()[:, None]  # (steps, 1)
    Xt, yt = _data(X, y, max_points, seed)
    return alphas, losses(model, (1 - t) * a + t * b, Xt, yt, loss, task).numpy()


@dataclass(frozen=True)
class Landscape:
    """What a page shows of one trained network, as plain data: the surface around its
    weights, its path on the PCA plane, and the line from its initial weights."""
    alphas: np.ndarray      # (steps,)
    betas: np.ndarray       # (steps,)
    Z: np.ndarray           # (steps, steps), Z[i, j] at (alphas[i], betas[j])
    kind: str               # filter | pca
    n: int                  # training points the surface was evaluated on
    path: pd.DataFrame      # step, x, y, loss: the trajectory in the plane (empty for filter)
    explained: np.ndarray | None  # (2,) variance share of the PCA directions
    line: pd.DataFrame      # alpha, train, test: the loss from initial (0) to trained (1) weights
    steps: int              # optimizer steps taken
    epoch: float
    loss: float             # training and test loss of the trained weights (eval mode)
    test_loss: float
    diverged_at: int | None

    def __repr__(self):
        return (f"Landscape(kind={self.kind!r}, epoch={self.epoch:.1f}, loss={self.loss:.4g}, "
                f"Z in [{np.nanmin(self.Z):.4g}, {np.nanmax(self.Z):.4g}])")


@dataclass(frozen=True)
class Trained:
    """What `landscape` reads of a Trainer, without the optimizer (whose wrapped `step` does
    not pickle): a page can cache a trained network and look at it again from other planes
    without training it again. Made by `trained`."""
    model: torch.nn.Module
    snapshots: list          # (step, flat weights)
    steps: int
    epoch: float
    history: pd.DataFrame
    cfg: object              # the TrainConfig
    task: str
    Xtr: torch.Tensor
    ytr: torch.Tensor
    Xte: torch.Tensor
    yte: torch.Tensor
    diverged_at: int | None

    def __repr__(self):
        return f"Trained(steps={self.steps}, epoch={self.epoch:.1f}, task={self.task!r})"


def trained(tr: Trainer) -> Trained:
    """A copy of what a trainer has learnt so far; training it further leaves the copy as is."""
    return Trained(copy.deepcopy(tr.model), list(tr.snapshots), tr.steps, tr.epoch,
                   tr.history.copy(), tr.cfg, tr.task, tr.Xtr, tr.ytr, tr.Xte, tr.yte,
                   tr.diverged_at)


def landscape(tr: Trainer | Trained, directions: str = "pca", steps: int = 41,
              span: float = 1.0, seed: int = 0, max_points: int = MAX_POINTS,
              line: bool = True) -> Landscape:
    """The surface around a trainer's current weights on its training set, its trajectory
    (the trainer's snapshots, then the current weights) and the interpolation from its first
    snapshot (the initial weights) to now, on the training and the test set.

    `line`: False leaves the interpolation out (an empty frame), for a page that does not
    draw it. A pca plane needs three finite snapshots ending at the current weights; without them (a
    trainer at its first epoch, or one whose weights overflowed) the plane is "filter".
    """
    now = flat(tr.model).numpy()
    snaps = [(step, v) for step, v in tr.snapshots if step != tr.steps] + [(tr.steps, now)]
    # weights that overflowed before training stopped cannot lie in a plane: leave them out
    snaps = [(step, v) for step, v in snaps if np.isfinite(v).all()]
    if directions == "pca" and (len(snaps) < 3 or not np.isfinite(now).all()):
        directions = "filter"  # no usable path: the surface is still drawn, without it
    trajectory = np.stack([v for _, v in snaps] or [now])  # (k, P)
    kw = dict(loss=tr.cfg.loss, task=tr.task, max_points=max_points, seed=seed)
    s = loss_surface(tr.model, tr.Xtr, tr.ytr, directions, steps, span,
                     trajectory=trajectory if directions == "pca" else None, **kw)
    lines = pd.DataFrame(columns=["alpha", "train", "test"])
    if line:
        alphas, train_line = interpolation(trajectory[0], now, tr.model, tr.Xtr, tr.ytr, **kw)
        _, test_line = interpolation(trajectory[0], now, tr.model, tr.Xte, tr.yte, **kw)
        lines = pd.DataFrame({"alpha": alphas, "train": train_line, "test": test_line})
    history = tr.history.set_index("step")["loss"]
    path = pd.DataFrame(columns=["step", "x", "y", "loss"])
    if s.path is not None:
        taken = [step for step, _ in snaps]
        path = pd.DataFrame({"step": taken, "x": s.path[:, 0], "y": s.path[:, 1],
                             "loss": history.reindex(taken).to_numpy()})
    last = tr.history.iloc[-1]
    return Landscape(s.alphas, s.betas, s.Z, s.kind, s.n, path, s.explained,
                     lines,
                     tr.steps, tr.epoch, float(last["loss"]), float(last["test_loss"]),
                     tr.diverged_at)


def heights(Z: np.ndarray, alphas: np.ndarray, betas: np.ndarray, x, y) -> np.ndarray:
    """The surface's height at points (x, y) of its plane, bilinear between grid points (the
    nearest edge value outside): where a path drawn on a 3-D surface lies on it."""
    x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    i = np.clip(np.searchsorted(alphas, x) - 1, 0, len(alphas) - 2)
    j = np.clip(np.searchsorted(betas, y) - 1, 0, len(betas) - 2)
    u = np.clip((x - alphas[i]) / (alphas[i + 1] - alphas[i]), 0, 1)
    v = np.clip((y - betas[j]) / (betas[j + 1] - betas[j]), 0, 1)
    return ((1 - u) * (1 - v) * Z[i, j] + u * (1 - v) * Z[i + 1, j]
            + (1 - u) * v * Z[i, j + 1] + u * v * Z[i + 1, j + 1])


@dataclass(frozen=True)
class Roughness:
    """How rugged a surface is, on log10 of the loss (a scale-free height: a map that spans
    decades is judged by its shape, not by its largest values). `minima`: grid points lower
    than all 8 neighbours (the edge has none: it lacks neighbours); `share`: minima over the
    interior points; `curvature`: the mean |Laplacian| of log10 loss over the interior, in
    decades per unit of the plane's coordinates squared."""
    minima: int
    share: float
    curvature: float


def roughness(Z: np.ndarray, alphas: np.ndarray, betas: np.ndarray) -> Roughness:
    """`Z[i, j]` at (alphas[i], betas[j]) on an evenly spaced grid, every value finite and
    > 0 (a loss). The Laplacian is the 5-point stencil, exact for quadratics."""
    Z = np.asarray(Z, dtype=np.float64)
    if Z.ndim != 2 or min(Z.shape) < 3 or Z.shape != (len(alphas), len(betas)):
        raise ValueError(f"Expected a grid of at least 3 x 3 matching its axes, got {Z.shape}")
    if not (np.isfinite(Z).all() and (Z > 0).all()):
        raise ValueError("Roughness needs a finite, positive loss at every grid point")
    L = np.log10(Z)
    inner = L[1:-1, 1:-1]
    lowest = np.ones(inner.shape, dtype=bool)
    rows, cols = L.shape
    for di in (-1, 0, 1):
        for dj in (-1, 0, 1):
            if di or dj:
                lowest &= inner < L[1 + di:rows - 1 + di, 1 + dj:cols - 1 + dj]
    ha, hb = alphas[1] - alphas[0], betas[1] - betas[0]
    laplacian = ((L[2:, 1:-1] - 2 * inner + L[:-2, 1:-1]) / ha ** 2
                 + (L[1:-1, 2:] - 2 * inner + L[1:-1, :-2]) / hb ** 2)
    return Roughness(int(lowest.sum()), float(lowest.mean()), float(np.abs(laplacian).mean()))


# A single sigmoid neuron p = sigmoid(w x + b) on 1-D data: closed forms.

def neuron_data(n: int = 40, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """1-D points x (n,) in two overlapping clusters around -1 and +1, labels y (n,) 0/1."""
    rng = np.random.default_rng(seed)
    y = (np.arange(n) % 2).astype(np.float64)
    return rng.normal(2 * y - 1, 1.0), y


def neuron_loss(w, b, x, y, loss: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Mean loss of p = sigmoid(w x + b) over points x, y (n,) at every (w, b) of same-shaped
    arrays, with its gradient: (L, dL/dw, dL/db), each shaped like w.

    loss "ce" or "mse": the loss and its dL/dz are `info.sigmoid_loss` (the squared error's
    carries a factor p (1 - p) that vanishes wherever the sigmoid saturates, right or wrong);
    the chain rule through z = w x + b gives dL/dw = mean(dL/dz · x) and dL/db = mean(dL/dz).
    """
    w, b = np.asarray(w, np.float64)[..., None], np.asarray(b, np.float64)[..., None]
    L, dz = info.sigmoid_loss(y, w * x + b, loss)  # (..., n) each; z = w x + b
    return L.mean(-1), (dz * x).mean(-1), dz.mean(-1)
