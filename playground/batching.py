"""Batch size: gradient noise of minibatches, training side by side, SGD paths on an exact
2-parameter loss, and the learning-rate / batch-size interplay.

A minibatch gradient is the mean of B per-example gradients drawn from the N of the training
set. Its variance around the full gradient g is

    E ||g_B - g||^2 = tr(Sigma) / B * (N - B) / (N - 1)     drawn without replacement
                    = tr(Sigma) / B                          drawn with replacement

where Sigma is the covariance of the N per-example gradients (divided by N). The page
measures the first by drawing minibatches, as the trainer does, and compares.
"""
import math
import time
from dataclasses import dataclass

import numpy as np
import pandas as pd
import torch
import torch.nn.functional as F
from torch.func import functional_call, grad, vmap

from playground import optim
from playground.nets import NetConfig
from playground.train import Trainer, TrainConfig


def _check(ok, what, value, expected):
    if not ok:
        raise ValueError(f"Invalid {what}: {value!r} (expected {expected})")


# ---------------------------------------------------------------- gradient noise

def flat_params(model) -> np.ndarray:
    """All parameters of a model as one float64 vector, in `model.parameters()` order."""
    return torch.cat([p.detach().reshape(-1) for p in model.parameters()]).double().numpy()


def per_example_grads(model, X, y) -> np.ndarray:
    """Gradient of the binary cross-entropy of each point alone: float64 (n, P), P = number of
    parameters, in `model.parameters()` order (torch.func.vmap over torch.func.grad).

    Not for BatchNorm models: their output for one point depends on the rest of its batch."""
    if any(isinstance(m, torch.nn.BatchNorm1d) for m in model.modules()):
        raise ValueError("Per-example gradients are undefined with BatchNorm (it mixes the batch)")
    params = {k: v.detach() for k, v in model.named_parameters()}
    X, y = torch.as_tensor(X, dtype=torch.float32), torch.as_tensor(y, dtype=torch.float32)

    def loss(p, x, t):
        out = functional_call(model, p, (x[None],))  # (1, 1)
        return F.binary_cross_entropy_with_logits(out[:, 0], t[None])

    G = vmap(grad(loss), in_dims=(None, 0, 0))(params, X, y)  # name -> (n, *shape)
    return torch.cat([G[k].reshape(len(y), -1) for k in params], 1).double().numpy()


def exact_variance(G: np.ndarray, batch: int, replace: bool = False) -> float:
    """E ||g_B - g||^2 for the mean of `batch` rows of G (n, P) drawn uniformly, without
    replacement (as an epoch's permutation does) or with it."""
    n = len(G)
    _check(isinstance(batch, int) and 1 <= batch <= (math.inf if replace else n), "batch",
           batch, f"an integer in 1..{n}" if not replace else "an integer >= 1")
    trace = float(((G - G.mean(0)) ** 2).sum(1).mean())  # tr(Sigma)
    return trace / batch if replace or n == 1 else trace / batch * (n - batch) / (n - 1)


def _gram(G: np.ndarray) -> np.ndarray:
    """K = D D^T for the deviations D = G - mean(G): (n, n)."""
    D = G - G.mean(0)
    return D @ D.T


def _measured(K: np.ndarray, batch: int, draws: int, seed: int) -> float:
    """Mean of ||g_B - g||^2 = m^T K m over `draws` minibatches, m = the batch's indicator / B.
    Through the Gram matrix K the cost does not grow with the number of parameters."""
    n = len(K)
    if batch == n:  # every minibatch is the whole set: exactly the full gradient
        return 0.0
    rng = np.random.default_rng(seed)
    picks = rng.random((draws, n)).argsort(1)[:, :batch]  # (draws, batch), distinct per row
    M = np.zeros((draws, n))
    np.put_along_axis(M, picks, 1.0 / batch, 1)  # each row averages its minibatch
    return float(((M @ K) * M).sum(1).mean())


def measured_variance(G: np.ndarray, batch: int, draws: int = 400, seed: int = 0) -> float:
    """Mean of ||g_B - g||^2 over `draws` minibatches of `batch` distinct rows of G (n, P)."""
    n = len(G)
    _check(isinstance(batch, int) and 1 <= batch <= n, "batch", batch, f"an integer in 1..{n}")
    _check(isinstance(draws, int) and draws >= 1, "draws", draws, "an integer >= 1")
    return _measured(_gram(G), batch, draws, seed)


@dataclass(frozen=True)
class Noise:
    """Gradient noise at one point of parameter space.

    table: batch, measured, exact (without replacement), with_replacement (tr Sigma / B);
    trace: tr Sigma; signal: ||g||^2; n: points in the population.
    """
    table: pd.DataFrame
    trace: float
    signal: float
    n: int

    @property
    def scale(self) -> float:
        """tr Sigma / ||g||^2: the batch size at which the noise equals the signal (with
        replacement); the "simple noise scale" of McCandlish et al. 2018."""
        return self.trace / self.signal if self.signal > 0 else math.inf

    @property
    def balance(self) -> float:
        """The batch size (as a real number) at which the exact variance without replacement
        equals ||g||^2: solves tr Sigma / B * (N - B) / (N - 1) = ||g||^2; always below N."""
        if self.n == 1 or self.trace == 0:
            return 1.0
        return self.n * self.trace / (self.trace + self.signal * (self.n - 1))

    def __repr__(self):
        return f"Noise(n={self.n}, trace={self.trace:.4g}, signal={self.signal:.4g})"


def gradient_noise(G: np.ndarray, batches, draws: int = 400, seed: int = 0) -> Noise:
    """Measured and exact minibatch-gradient variance for each batch size in `batches`."""
    n, g, K = len(G), G.mean(0), _gram(G)
    trace = float(np.trace(K)) / n
    for b in batches:
        _check(isinstance(b, int) and 1 <= b <= n, "batch", b, f"an integer in 1..{n}")
    _check(isinstance(draws, int) and draws >= 1, "draws", draws, "an integer >= 1")
    rows = [{"batch": b, "measured": _measured(K, b, draws, seed + i),
             "exact": trace / b * (n - b) / max(n - 1, 1), "with_replacement": trace / b}
            for i, b in enumerate(batches)]
    return Noise(pd.DataFrame(rows), trace, float(g @ g), n)


def checkpoints(net: NetConfig, train: TrainConfig, every: int, count: int) -> list[np.ndarray]:
    """Parameters (flat, float64) after 0, every, 2 every, ... (count + 1 in all) steps of
    full-batch gradient descent (the registry's "sgd": torch.optim.SGD at train.lr, no
    momentum) on train's training points; train.optimizer and train.batch_size are ignored."""
    _check(isinstance(every, int) and every >= 1, "every", every, "an integer >= 1")
    _check(isinstance(count, int) and count >= 0, "count", count, "an integer >= 0")
    t = Trainer(net, train)  # the data, split and initial model every page section shares
    model, X, y = t.model, t.Xtr, t.ytr
    opt = optim.make("sgd", model.parameters(), train.lr)
    out = [flat_params(model)]
    for _ in range(count):
        for _ in range(every):  # no evaluation between steps: the trainer's would outweigh them
            opt.zero_grad()
            F.binary_cross_entropy_with_logits(model(X)[:, 0], y).backward()
            opt.step()
        out.append(flat_params(model))
    return out


def _trainer_at(net: NetConfig, train: TrainConfig, flat: np.ndarray) -> Trainer:
    """A trainer on train's data whose model has the parameters `flat`."""
    t = Trainer(net, train)
    torch.nn.utils.vector_to_parameters(torch.as_tensor(flat, dtype=torch.float32),
                                        t.model.parameters())
    return t


def noise_at(net: NetConfig, train: TrainConfig, flat: np.ndarray, batches, draws: int = 400,
             seed: int = 0) -> Noise:
    """Gradient noise of the MLP `net` with parameters `flat` on train's training points."""
    t = _trainer_at(net, train, flat)
    return gradient_noise(per_example_grads(t.model, t.Xtr, t.ytr), batches, draws, seed)


def full_loss(net: NetConfig, train: TrainConfig, flat: np.ndarray) -> float:
    """Binary cross-entropy of the MLP `net` with parameters `flat` on all training points."""
    t = _trainer_at(net, train, flat)
    with torch.no_grad():
        return F.binary_cross_entropy_with_logits(t.model(t.Xtr)[:, 0], t.ytr).item()


# ---------------------------------------------------------------- training side by side

@dataclass(frozen=True)
class Run:
    """One training run: history has step, epoch, loss, test_loss, accuracy, test_accuracy."""
    batch: int
    per_epoch: int
    history: pd.DataFrame
    diverged_at: int | None

    def __repr__(self):
        return f"Run(batch={self.batch}, steps={int(self.history['step'].iloc[-1])})"


def stops(per_epoch: int, epochs: int, points: int = 24) -> list[int]:
    """Steps to evaluate at: every epoch end, and `points` log-spaced steps (for step axes)."""
    total = per_epoch * epochs
    ends = range(per_epoch, total + 1, per_epoch)
    logs = np.unique(np.geomspace(1, total, points).round().astype(int))
    return sorted(set(ends) | set(logs.tolist()))


def train_run(net: NetConfig, train: TrainConfig, epochs: int, points: int = 24) -> Run:
    """Train for `epochs` epochs of train.batch_size minibatches (a fresh permutation per
    epoch, N // B full minibatches each), evaluating at `stops`."""
    _check(isinstance(epochs, int) and 1 <= epochs <= 1000, "epochs", epochs, "1..1000")
    t = Trainer(net, train)
    for s in stops(t.per_epoch, epochs, points):
        t.step(s - t.steps)
        if t.diverged:
            break
    cols = ["step", "epoch", "loss", "test_loss", "accuracy", "test_accuracy"]
    return Run(t.batch, t.per_epoch, t.history[cols], t.diverged_at)


def epoch_seconds(net: NetConfig, train: TrainConfig, epochs: int = 2) -> float:
    """Wall time of one epoch (N // B minibatch steps and one full-data evaluation): the
    fastest of `epochs` epochs, after one warm-up step. Depends on the machine."""
    t = Trainer(net, train)
    t.step(1)
    best = math.inf
    for _ in range(epochs):
        start = time.perf_counter()
        t.step(t.per_epoch)
        best = min(best, time.perf_counter() - start)
    return best


def final_loss(net: NetConfig, train: TrainConfig, epochs: int) -> tuple[float, bool]:
    """(training loss after `epochs` epochs, whether training diverged): one cell of the
    learning-rate x batch-size grid."""
    t = Trainer(net, train)
    t.step(epochs * t.per_epoch)
    return (math.nan if t.diverged else float(t.history["loss"].iloc[-1])), t.diverged


# ---------------------------------------------------------------- 2-parameter paths

MEAN = (0.5, 0.25)    # class 1 around +MEAN, class 0 around -MEAN
STD = (1.0, 0.5)      # per axis, then rotated: an elongated, tilted valley
ANGLE = 30.0          # degrees


def logistic_data(n: int = 256, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Two Gaussian classes mirrored through the origin, so a line through 0 (no bias)
    separates them best: X float64 (n, 2), y float64 (n,) in {0, 1}, half of each."""
    _check(isinstance(n, int) and n >= 2, "n", n, "an integer >= 2")
    rng = np.random.default_rng(seed)
    y = (np.arange(n) < n // 2).astype(np.float64)
    a = np.radians(ANGLE)
    R = np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]])
    X = (rng.normal(size=(n, 2)) * STD) @ R.T + np.where(y[:, None] > 0, 1.0, -1.0) * MEAN
    p = rng.permutation(n)
    return X[p], y[p]


def logistic_loss(W, X, y) -> np.ndarray:
    """Mean binary cross-entropy of the logits X @ w for every w in W (..., 2): shape (...)."""
    z = np.asarray(W, dtype=np.float64) @ np.asarray(X, dtype=np.float64).T  # (..., n)
    return (np.logaddexp(0.0, z) - y * z).mean(-1)


def logistic_minimum(X, y, iters: int = 50) -> np.ndarray:
    """The w minimising logistic_loss (Newton's method from 0; the loss is convex)."""
    w = np.zeros(2)
    for _ in range(iters):
        p = 1 / (1 + np.exp(-(X @ w)))
        g = X.T @ (p - y) / len(y)
        H = (X * (p * (1 - p))[:, None]).T @ X / len(y)
        w = w - np.linalg.solve(H, g)
    return w


def minibatches(n: int, batch: int, epochs: int, seed: int = 0) -> list[torch.Tensor]:
    """Index sets of every step: per epoch a fresh permutation cut into n // batch full
    minibatches, from a local torch.Generator (as playground.train.Trainer does)."""
    _check(isinstance(batch, int) and 1 <= batch <= n, "batch", batch, f"an integer in 1..{n}")
    gen = torch.Generator().manual_seed(seed)
    out = []
    for _ in range(epochs):
        order = torch.randperm(n, generator=gen)
        out += [order[i * batch:(i + 1) * batch] for i in range(n // batch)]
    return out


def sgd_path(X, y, batch: int, lr: float, epochs: int, start=(0.0, 0.0),
             seed: int = 0) -> pd.DataFrame:
    """Plain minibatch SGD (the registry's "sgd": torch.optim.SGD) on the no-bias logistic
    regression: columns step, epoch, x, y (w1, w2) and loss (the full-data loss at that w);
    row 0 is the start. Stops at the first non-finite loss (the last row then holds it)."""
    _check(isinstance(lr, (int, float)) and math.isfinite(lr) and lr > 0, "learning rate", lr,
           "a number > 0")
    _check(isinstance(epochs, int) and 1 <= epochs <= 1000, "epochs", epochs, "1..1000")
    Xt, yt = torch.as_tensor(X, dtype=torch.float64), torch.as_tensor(y, dtype=torch.float64)
    w = torch.tensor(start, dtype=torch.float64, requires_grad=True)
    opt = optim.make("sgd", [w], lr)
    steps = minibatches(len(yt), batch, epochs, seed)
    ws = [w.detach().clone()]
    for idx in steps:
        opt.zero_grad()
        F.binary_cross_entropy_with_logits(Xt[idx] @ w, yt[idx]).backward()
        opt.step()
        ws.append(w.detach().clone())
        if not torch.isfinite(w).all():
            break
    W = torch.stack(ws).numpy()  # (steps + 1, 2)
    with np.errstate(all="ignore"):
        loss = logistic_loss(W, X, y)
    per_epoch = len(yt) // batch
    step = np.arange(len(W))
    return pd.DataFrame({"step": step, "epoch": step / per_epoch, "x": W[:, 0], "y": W[:, 1],
                         "loss": loss})
