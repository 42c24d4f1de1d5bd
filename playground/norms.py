"""Normalization: batch, layer and group norm by hand, batch-statistics noise, BN during
training and in eval mode, and input feature scaling as loss contours.

Batch norm follows Ioffe & Szegedy 2015, layer norm Ba et al. 2016, group norm Wu & He 2018;
the conventions (biased variance to normalize, unbiased variance in the running average,
`momentum` as the weight of the new batch) are torch's.
"""
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
import torch

from playground.nets import NetConfig
from playground.probes import activation_histograms
from playground.train import Trainer, TrainConfig

EPS = 1e-5
BATCHES = (2, 4, 8, 16, 32, 64, 128, 256)
LRS = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0)
SCALINGS = ("raw", "minmax", "zscore")


# -- the normalizations, on a batch x (..., N, C) ----------------------------------------------

def _affine(y, gamma, beta):
    """gamma * y + beta per feature (last axis); None means 1 and 0."""
    if gamma is not None:
        y = y * np.asarray(gamma, dtype=np.float64)
    if beta is not None:
        y = y + np.asarray(beta, dtype=np.float64)
    return y


def _batch(x) -> np.ndarray:
    x = np.asarray(x, dtype=np.float64)
    if x.ndim < 2 or not x.size:
        raise ValueError(f"Invalid batch shape: {x.shape} (expected a non-empty (..., N, C))")
    return x


def batch_norm(x, gamma=None, beta=None, eps: float = EPS) -> np.ndarray:
    """Train mode: each feature (column) centred by its batch mean and divided by the square root
    of its biased batch variance + eps, then scaled by gamma and shifted by beta. x (..., N, C):
    leading axes are independent batches."""
    x = _batch(x)
    if x.shape[-2] < 2:
        raise ValueError("Batch norm in train mode needs at least 2 examples per batch")
    mu, var = x.mean(-2, keepdims=True), x.var(-2, keepdims=True)
    return _affine((x - mu) / np.sqrt(var + eps), gamma, beta)


def running_update(mean, var, x, momentum: float = 0.1) -> tuple[np.ndarray, np.ndarray]:
    """The running averages after one train-mode batch x (N, C): new = (1 - momentum) * old +
    momentum * batch statistic, with the unbiased (N - 1) batch variance."""
    x = _batch(x)
    if not 0 <= momentum <= 1:
        raise ValueError(f"Invalid momentum: {momentum!r} (expected a number in [0, 1])")
    m = (1 - momentum) * np.asarray(mean, np.float64) + momentum * x.mean(-2)
    v = (1 - momentum) * np.asarray(var, np.float64) + momentum * x.var(-2, ddof=1)
    return m, v


def batch_norm_eval(x, mean, var, gamma=None, beta=None, eps: float = EPS) -> np.ndarray:
    """Eval mode: every example normalized with the running averages, alone. (..., N, C)."""
    x = _batch(x)
    return _affine((x - np.asarray(mean)) / np.sqrt(np.asarray(var) + eps), gamma, beta)


def layer_norm(x, gamma=None, beta=None, eps: float = EPS) -> np.ndarray:
    """Each example (row) normalized over its own C features: no other example enters."""
    x = _batch(x)
    mu, var = x.mean(-1, keepdims=True), x.var(-1, keepdims=True)
    return _affine((x - mu) / np.sqrt(var + eps), gamma, beta)


def group_norm(x, groups: int, gamma=None, beta=None, eps: float = EPS) -> np.ndarray:
    """Each example's features split into `groups` runs of C / groups consecutive features, each
    run normalized on its own; groups = 1 is layer norm, groups = C instance norm."""
    x = _batch(x)
    c = x.shape[-1]
    if not (isinstance(groups, int) and groups >= 1 and c % groups == 0):
        raise ValueError(f"Invalid groups: {groups!r} (expected a divisor of {c})")
    g = x.reshape(*x.shape[:-1], groups, c // groups)  # (..., N, G, C / G)
    y = (g - g.mean(-1, keepdims=True)) / np.sqrt(g.var(-1, keepdims=True) + eps)
    return _affine(y.reshape(x.shape), gamma, beta)


NORMALIZERS = {"batch": batch_norm, "layer": layer_norm, "group": group_norm}


# -- how noisy batch statistics are ----------------------------------------------------------

def population(size: int = 4096, channels: int = 8, seed: int = 0) -> np.ndarray:
    """A fixed layer input (size, channels): skewed features (shifted gamma laws, as a ReLU
    layer's outputs are) with different means and scales."""
    rng = np.random.default_rng(seed)
    scale = np.geomspace(0.5, 4.0, channels)
    shift = np.linspace(-2.0, 3.0, channels)
    return shift + scale * rng.gamma(2.0, 1.0, (size, channels))


def batch_noise(pop: np.ndarray, batches=BATCHES, draws: int = 1000, groups: int = 2,
                seed: int = 0) -> pd.DataFrame:
    """How much BN's batch statistics of feature 0 wander from batch to batch, by batch size B.

    Batches are drawn with replacement from `pop` (P, C). Columns: batch; mean_sd and var_sd,
    the standard deviation over `draws` batches of the batch mean and of the biased batch
    variance; mean_sd_exact = sigma / sqrt(B) and var_sd_exact, the closed forms for i.i.d.
    draws; out_sd_batch / out_sd_layer / out_sd_group: the spread of example 0's normalized
    feature 0 when its B - 1 companions are redrawn (each norm applied to the whole batch).
    """
    pop = _batch(pop)
    rng = np.random.default_rng(seed)
    x = pop[:, 0]
    sigma2 = x.var()
    mu4 = ((x - x.mean()) ** 4).mean()
    rows = []
    for b in batches:
        idx = rng.integers(0, len(pop), (draws, b))
        batch = x[idx]  # (draws, B)
        idx[:, 0] = 0  # example 0 among B - 1 random companions
        # Batch norm works per feature and layer/group norm per example, so feature 0 of the
        # batch and example 0's own features give exactly what normalizing the whole
        # (draws, B, C) batch would, at a fraction of the cost.
        feature0 = pop[idx, :1]  # (draws, B, 1)
        example0 = pop[idx[:, :1]]  # (draws, 1, C)
        rows.append({
            "batch": b,
            "mean_sd": batch.mean(1).std(),
            "mean_sd_exact": math.sqrt(sigma2 / b),
            "var_sd": batch.var(1).std(),
            "var_sd_exact": math.sqrt(((b - 1) ** 2 * mu4 - (b - 1) * (b - 3) * sigma2 ** 2)
                                      / b ** 3),
            "out_sd_batch": batch_norm(feature0)[:, 0, 0].std(),
            "out_sd_layer": layer_norm(example0)[:, 0, 0].std(),
            "out_sd_group": group_norm(example0, groups)[:, 0, 0].std(),
        })
    return pd.DataFrame(rows)


# -- batch norm inside a network during training ---------------------------------------------

def _trainer(norm: str, activation: str, lr: float, depth: int, width: int, seed: int,
             batch: int = 10, n: int = 200) -> Trainer:
    init = "kaiming_normal" if activation in ("relu", "leaky_relu", "elu") else "xavier_normal"
    net = NetConfig(depth=depth, width=width, activation=activation, init=init, norm=norm,
                    seed=seed)
    return Trainer(net, TrainConfig(dataset="circle", n=n, noise=0.0, optimizer="sgd", lr=lr,
                                    batch_size=batch, seed=seed))


@dataclass(frozen=True)
class Snapshots:
    """Hidden layers of one training run, epoch by epoch."""
    hist: pd.DataFrame     # epoch, layer, x, density: output densities
    spread: pd.DataFrame   # epoch, layer, z_mean, z_std: the activation's input (after the norm)
    loss: pd.DataFrame     # epoch, loss (full training set, eval mode)
    diverged_at: float | None  # epoch, or None

    def __repr__(self):
        return f"Snapshots(epochs={self.loss['epoch'].max()}, diverged_at={self.diverged_at})"


def _spread(model, X) -> pd.DataFrame:
    """Mean and std of each hidden layer's pre-activation on X, in the model's mode, with the
    BatchNorm running averages left as they were."""
    saved = [b.clone() for b in model.buffers()]
    with torch.no_grad():
        zs = model.trace(X)[1]
        for b, s in zip(model.buffers(), saved):
            b.copy_(s)
    z = torch.stack([z.double() for z in zs])  # (depth, n, width)
    return pd.DataFrame({"layer": np.arange(1, len(zs) + 1),
                         "z_mean": z.mean((1, 2)).numpy(),
                         "z_std": z.reshape(len(zs), -1).std(1, correction=0).numpy()})


def training_snapshots(norm: str, activation: str = "tanh", lr: float = 0.3, depth: int = 6,
                       width: int = 16, epochs: int = 20, seed: int = 0,
                       bins: int = 30) -> Snapshots:
    """Train an MLP with plain SGD (batch 10, circle data) and record, at every epoch, each
    hidden layer's output density (probes.activation_histograms) and the mean and std of its
    pre-activation, on all training points (in train mode BN uses their statistics). A run
    that diverges stops there."""
    t = _trainer(norm, activation, lr, depth, width, seed)
    hists, spreads = [], []
    for e in range(epochs + 1):
        if e:
            t.step(t.per_epoch)
            if t.diverged:
                break
        hists.append(activation_histograms(t.model, t.Xtr, bins=bins).assign(epoch=e))
        spreads.append(_spread(t.model, t.Xtr).assign(epoch=e))
    h = t.history
    loss = pd.DataFrame({"epoch": h["epoch"].round(6), "loss": h["loss"]})
    return Snapshots(pd.concat(hists, ignore_index=True), pd.concat(spreads, ignore_index=True),
                     loss, t.epoch if t.diverged else None)


SWEEP_NORMS = ("none", "batch")


def lr_sweep(lrs=LRS, activation: str = "tanh", depth: int = 6, width: int = 16,
             epochs: int = 10, seed: int = 0) -> pd.DataFrame:
    """Final full-training-set loss after `epochs` epochs of plain SGD at each learning rate,
    without and with batch norm. Columns lr, none, batch (NaN where the run diverged),
    none_diverged, batch_diverged."""
    return sweep_table({(norm, lr): sweep_run(norm, lr, activation, depth, width, epochs, seed)
                        for lr in lrs for norm in SWEEP_NORMS})


def sweep_run(norm: str, lr: float, activation: str = "tanh", depth: int = 6, width: int = 16,
              epochs: int = 10, seed: int = 0) -> tuple[float, bool]:
    """One network of lr_sweep: (final training loss, NaN if it diverged; whether it did)."""
    t = _trainer(norm, activation, lr, depth, width, seed)
    t.step(epochs * t.per_epoch)
    loss = t.history["loss"].iloc[-1]
    diverged = bool(t.diverged or not math.isfinite(loss))
    return (math.nan if diverged else float(loss)), diverged


def sweep_table(runs: dict[tuple[str, float], tuple[float, bool]]) -> pd.DataFrame:
    """lr_sweep's table from sweep_run results keyed by (norm, lr), one row per lr in order of
    first appearance: the runs are independent, so a caller may make them one at a time."""
    rows: dict[float, dict] = {}
    for (norm, lr), (loss, diverged) in runs.items():
        row = rows.setdefault(lr, {"lr": lr})
        row[norm], row[f"{norm}_diverged"] = loss, diverged
    return pd.DataFrame(list(rows.values()))


@dataclass(frozen=True)
class TrainEval:
    """A BN network after some steps, seen in train mode and in eval mode."""
    trace: pd.DataFrame    # step, batch_, running_, true_ mean and var (batch_var unbiased)
    units: pd.DataFrame    # unit, running_mean, true_mean, running_var, true_var (first BN layer)
    outputs: pd.DataFrame  # example, train, eval: P(class 1) of the probe batch in both modes

    def __repr__(self):
        return f"TrainEval(steps={self.trace['step'].max()})"


def train_vs_eval(steps: int, momentum: float = 0.1, batch: int = 16, probe: int = 8,
                  lr: float = 0.1, seed: int = 0) -> TrainEval:
    """Train a 3-layer tanh MLP with batch norm for `steps` SGD steps, recording unit 0 of the
    first BN layer: its input's minibatch mean and variance, the running averages after that
    step's update, and the mean and variance over all training points with that step's weights
    (variances unbiased, as the running one). Then one probe batch of test points goes through
    the net in eval mode and in train mode."""
    if not (isinstance(steps, int) and steps >= 0):
        raise ValueError(f"Invalid steps: {steps!r} (expected an integer >= 0)")
    if not 0 <= momentum <= 1:
        raise ValueError(f"Invalid momentum: {momentum!r} (expected a number in [0, 1])")
    if not 2 <= probe:
        raise ValueError(f"Invalid probe: {probe!r} (expected >= 2)")
    t = _trainer("batch", "tanh", lr, 3, 8, seed, batch=batch)
    bns = [b.norm for b in t.model.blocks]
    for bn in bns:
        bn.momentum = momentum
    first, seen = bns[0], {}

    def grab(module, args):
        if module.training:
            seen["x"] = args[0].detach()
    hook = first.register_forward_pre_hook(grab)
    rows = []
    try:
        for s in range(steps + 1):
            with torch.no_grad():
                full = t.model.blocks[0].linear(t.Xtr)[:, 0].double()  # (n,)
            row = {"step": s, "true_mean": full.mean().item(), "true_var": full.var().item()}
            if s:
                t.step_quietly()
                xb = seen["x"][:, 0].double()
                row |= {"batch_mean": xb.mean().item(), "batch_var": xb.var().item()}
            else:
                row |= {"batch_mean": math.nan, "batch_var": math.nan}
            row |= {"running_mean": first.running_mean[0].item(),
                    "running_var": first.running_var[0].item()}
            rows.append(row)
            if t.diverged:
                break
    finally:
        hook.remove()
    with torch.no_grad():
        full = t.model.blocks[0].linear(t.Xtr).double()  # (n, width)
        units = pd.DataFrame({"unit": np.arange(1, full.shape[1] + 1),
                              "running_mean": first.running_mean.double().numpy(),
                              "true_mean": full.mean(0).numpy(),
                              "running_var": first.running_var.double().numpy(),
                              "true_var": full.var(0).numpy()})
        xp = t.Xte[:probe]
        t.model.eval()
        out_eval = torch.sigmoid(t.model(xp)[:, 0])  # running averages
        t.model.train()
        # batch statistics of these points (after eval: a train-mode pass moves the averages)
        out_train = torch.sigmoid(t.model(xp)[:, 0])
    outputs = pd.DataFrame({"example": np.arange(1, len(xp) + 1),
                            "train": out_train.double().numpy(),
                            "eval": out_eval.double().numpy()})
    return TrainEval(pd.DataFrame(rows)[["step", "batch_mean", "running_mean", "true_mean",
                                         "batch_var", "running_var", "true_var"]],
                     units, outputs)


# -- input feature scaling -------------------------------------------------------------------

def feature_data(scale: float = 10.0, n: int = 200, noise: float = 0.3,
                 seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """X (n, 2), y (n,): feature 1 skewed with a long tail and `scale` times wider than
    feature 2 (uniform on [0, 1]); y depends on both equally per unit of spread."""
    if not 0 < scale <= 1e4:
        raise ValueError(f"Invalid scale: {scale!r} (expected a number in (0, 1e4])")
    rng = np.random.default_rng(seed)
    x1 = scale * rng.lognormal(0.0, 0.6, n)
    x2 = rng.uniform(0.0, 1.0, n)
    y = x1 / x1.std() + x2 / x2.std() + noise * rng.standard_normal(n)
    return np.stack([x1, x2], 1), y


def scale_features(X, kind: str) -> np.ndarray:
    """raw (unchanged), minmax ((x - min) / (max - min), into [0, 1]) or zscore ((x - mean) / std)
    per column of X (n, d)."""
    X = np.asarray(X, dtype=np.float64)
    if kind == "raw":
        return X.copy()
    if kind == "minmax":
        return (X - X.min(0)) / (X.max(0) - X.min(0))
    if kind == "zscore":
        return (X - X.mean(0)) / X.std(0)
    raise ValueError(f"Unknown scaling: {kind!r} (expected one of {SCALINGS})")


@dataclass(frozen=True)
class LeastSquares:
    """The mean squared error of y ≈ w·x + b with the bias at its optimum for every w, which is
    the loss on centred data: L(w) = mean((yc - Xc w)^2) = (w - w*)ᵀ A (w - w*) + floor."""
    Xc: np.ndarray      # (n, 2) centred features
    yc: np.ndarray      # (n,) centred target
    H: np.ndarray       # (2, 2) Hessian 2 A
    w_star: np.ndarray  # (2,)
    floor: float        # L(w*)

    def __repr__(self):
        return f"LeastSquares(w_star={self.w_star}, condition={self.condition:.3g})"

    def value(self, w) -> np.ndarray:
        """L at points w (..., 2)."""
        d = np.asarray(w, np.float64) - self.w_star
        return 0.5 * np.einsum("...i,ij,...j->...", d, self.H, d) + self.floor

    @property
    def eigenvalues(self) -> np.ndarray:
        return np.linalg.eigvalsh(self.H)  # ascending

    @property
    def condition(self) -> float:
        """Largest over smallest curvature: 1 means round contours."""
        lo, hi = self.eigenvalues
        return float(hi / lo) if lo > 0 else math.inf


def least_squares(X, y) -> LeastSquares:
    """The loss surface over the two weights of a linear model on features X (n, 2)."""
    X, y = np.asarray(X, np.float64), np.asarray(y, np.float64)
    Xc, yc = X - X.mean(0), y - y.mean()
    A = Xc.T @ Xc / len(y)
    w = np.linalg.solve(A, Xc.T @ yc / len(y))
    floor = float(np.mean((yc - Xc @ w) ** 2))
    return LeastSquares(Xc, yc, 2 * A, w, floor)


def gd_path(q: LeastSquares, lr: float, steps: int, start=(0.0, 0.0)) -> pd.DataFrame:
    """Full-batch gradient descent on the data loss from `start`: columns step, x, y (the two
    weights), loss. Stops at the first non-finite loss (that row is kept). The gradient of
    mean((y - Xw)²) is -2/n Xᵀ(y - Xw): two small products a step, in numpy."""
    if not (lr > 0 and math.isfinite(lr)):
        raise ValueError(f"Invalid learning rate: {lr!r}")
    Xc, yc = q.Xc, q.yc
    w = np.array(start, dtype=np.float64)
    rows = []
    with np.errstate(all="ignore"):  # a diverging path overflows: its last row says so
        for s in range(steps + 1):
            r = yc - Xc @ w  # (n,) residuals
            loss = float(np.mean(r * r))
            rows.append((s, w[0], w[1], loss))
            if s == steps or not math.isfinite(loss):
                break
            w = w + lr * (2 / len(yc)) * (Xc.T @ r)
    return pd.DataFrame(rows, columns=["step", "x", "y", "loss"])


def square_domain(points, pad: float = 0.25) -> tuple[tuple[float, float], tuple[float, float]]:
    """A square ((x0, x1), (y0, y1)) around the points (k, 2), so circles stay round."""
    p = np.asarray(points, np.float64)
    centre = (p.min(0) + p.max(0)) / 2
    half = max((p.max(0) - p.min(0)).max() / 2, 1e-12) * (1 + pad)
    return ((centre[0] - half, centre[0] + half), (centre[1] - half, centre[1] + half))
