"""Regularization: L1 and L2 on a 2-D quadratic, weights trained with a penalty, dropout's
inverted scaling and its train/test gap, early stopping, and Adam + L2 against AdamW."""
import math
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
import torch

from playground.functions2d import quadratic as quadratic_function
from playground.nets import NetConfig
from playground.train import Trainer, TrainConfig

# --- L1 and L2 on a quadratic ------------------------------------------------------------

WSTAR = (1.2, 0.5)  # the unregularized minimum
DOMAIN = ((-0.5, 1.7), (-0.7, 1.5))


def hessian(kappa: float, angle: float) -> np.ndarray:
    """H (2, 2) with eigenvalue 1 along `angle` (degrees) and 1/κ across it."""
    return quadratic_function(kappa, angle, scale=1 / kappa).hessian(np.zeros(2))


def objective(H, wstar, W) -> np.ndarray:
    """The data loss ½ (w − w*)ᵀ H (w − w*) at points W (..., 2)."""
    d = np.asarray(W, dtype=np.float64) - np.asarray(wstar, dtype=np.float64)
    return 0.5 * np.einsum("...i,ij,...j->...", d, H, d)


def _lams(lam) -> np.ndarray:
    lam = np.atleast_1d(np.asarray(lam, dtype=np.float64))
    if not (np.isfinite(lam).all() and (lam >= 0).all()):
        raise ValueError(f"Invalid penalty: {lam!r} (expected finite values >= 0)")
    return lam


def l2_solution(H, wstar, lam) -> np.ndarray:
    """argmin ½ (w − w*)ᵀ H (w − w*) + λ/2 ‖w‖²: (H + λI)⁻¹ H w*, one row per λ (L, 2)."""
    lam = _lams(lam)
    b = H @ np.asarray(wstar, dtype=np.float64)
    return np.stack([np.linalg.solve(H + l * np.eye(2), b) for l in lam])


def soft_threshold(x, t):
    """sign(x) · max(|x| − t, 0): the proximal map of t|x|, exactly 0 whenever |x| <= t."""
    return np.sign(x) * np.maximum(np.abs(x) - t, 0.0)


def l1_solution(H, wstar, lam, tol: float = 1e-14, max_sweeps: int = 100_000) -> np.ndarray:
    """argmin ½ (w − w*)ᵀ H (w − w*) + λ ‖w‖₁ by cyclic coordinate descent, one row per λ (L, 2).

    Each coordinate update is exact: w_i = S(b_i − Σ_{j≠i} H_ij w_j, λ) / H_ii with b = H w*
    and S the soft threshold, so a coordinate lands on exactly 0, not near it. The objective
    is strictly convex (H positive definite), so the sweeps converge to the unique minimum.
    """
    lam = _lams(lam)
    b = H @ np.asarray(wstar, dtype=np.float64)
    w = np.zeros((len(lam), 2))
    for _ in range(max_sweeps):
        old = w.copy()
        w[:, 0] = soft_threshold(b[0] - H[0, 1] * w[:, 1], lam) / H[0, 0]
        w[:, 1] = soft_threshold(b[1] - H[1, 0] * w[:, 0], lam) / H[1, 1]
        if np.abs(w - old).max() <= tol:
            break
    return w


def lambda_zero(H, wstar) -> float:
    """The smallest λ with an L1 solution of exactly 0: ‖H w*‖∞ (the gradient of the loss at
    0 must fit inside λ times the L1 ball's subgradients [−1, 1]²)."""
    return float(np.abs(H @ np.asarray(wstar, dtype=np.float64)).max())


def first_zero(lams, W, atol: float = 0.0) -> float:
    """The first λ of a path (rows of W in the order of lams) where some coordinate is 0; nan
    if none is."""
    hit = (np.abs(W) <= atol).any(1)
    return float(np.asarray(lams)[hit.argmax()]) if hit.any() else math.nan


def solution_paths(kappa: float, angle: float, lams) -> pd.DataFrame:
    """Both solutions along λ: columns lam, l1_w1, l1_w2, l2_w1, l2_w2."""
    H = hessian(kappa, angle)
    a, b = l1_solution(H, WSTAR, lams), l2_solution(H, WSTAR, lams)
    return pd.DataFrame({"lam": _lams(lams), "l1_w1": a[:, 0], "l1_w2": a[:, 1],
                         "l2_w1": b[:, 0], "l2_w2": b[:, 1]})


def ball(kind: str, radius: float, n: int = 121) -> pd.DataFrame:
    """The boundary of {‖w‖ <= radius} in order (closed): columns order, x, y.

    kind "l1": the diamond |x| + |y| = r (five corners); "l2": the circle, n points.
    """
    if kind == "l1":
        x, y = [radius, 0, -radius, 0, radius], [0, radius, 0, -radius, 0]
    elif kind == "l2":
        t = np.linspace(0, 2 * np.pi, n)
        x, y = radius * np.cos(t), radius * np.sin(t)
    else:
        raise ValueError(f"Unknown ball: {kind!r} (expected 'l1' or 'l2')")
    return pd.DataFrame({"order": np.arange(len(x)), "x": np.asarray(x, float),
                         "y": np.asarray(y, float)})


# --- weights trained with a penalty ------------------------------------------------------

PENALTIES = ("none", "l1", "l2")
ZERO_TOL = 1e-3
# SGD (not Adam) so that a weight the L1 subgradient has pulled to 0 jitters by lr·λ₁ <= 5e-4
# per step, inside ZERO_TOL, for every λ₁ the page offers
PENALTY_NET = NetConfig(depth=2, width=32, activation="relu", init="kaiming_normal")
PENALTY_TRAIN = TrainConfig(dataset="xor", n=200, noise=0.1, train_frac=0.5, optimizer="sgd",
                            lr=0.05, batch_size=20, epochs=100)


@dataclass(frozen=True)
class Run:
    """What a training run leaves: every weight (not the biases), losses, where it diverged."""
    weights: np.ndarray      # (number of weights,) float64
    loss: float              # final training loss, dropout off
    test_loss: float
    test_accuracy: float
    diverged_at: int | None  # step, or None

    def __repr__(self):
        return (f"Run({self.weights.size} weights, test_loss={self.test_loss:.4g}, "
                f"diverged_at={self.diverged_at})")


def weights_of(model) -> np.ndarray:
    """Every weight matrix of an MLP (hidden layers and head, biases left out), flattened."""
    mats = [b.linear.weight for b in model.blocks] + [model.head.weight]
    return torch.cat([W.detach().reshape(-1) for W in mats]).double().numpy()


def penalised(penalty: str, strength: float, seed: int = 0) -> Run:
    """Train PENALTY_NET on PENALTY_TRAIN's data with no penalty, λ₁‖W‖₁ or λ₂/2 ‖W‖²."""
    if penalty not in PENALTIES:
        raise ValueError(f"Unknown penalty: {penalty!r} (expected one of {PENALTIES})")
    cfg = replace(PENALTY_TRAIN, seed=seed, l1=strength if penalty == "l1" else 0.0,
                  l2=strength if penalty == "l2" else 0.0)
    t = Trainer(replace(PENALTY_NET, seed=seed), cfg)
    t.step(cfg.epochs * t.per_epoch)
    last = t.history.iloc[-1]
    return Run(weights_of(t.model), float(last["loss"]), float(last["test_loss"]),
               float(last["test_accuracy"]), t.diverged_at)


def sparsity(weights, tol: float = ZERO_TOL) -> float:
    """Share of weights with |w| < tol."""
    w = np.asarray(weights, dtype=np.float64)
    if w.size == 0:
        raise ValueError("No weights to count")
    return float(np.mean(np.abs(w) < tol))


def histograms(runs: dict[str, np.ndarray], lo: float, hi: float, bins: int = 61) -> pd.DataFrame:
    """Densities of several weight vectors over the same bins of [lo, hi] (values outside are
    left out): columns lo, hi and one per run. An odd number of bins over [−a, a] puts 0 in the
    middle of a bin, so the weights L1 zeroed stay together."""
    edges = np.linspace(lo, hi, bins + 1)
    out = pd.DataFrame({"lo": edges[:-1], "hi": edges[1:]})
    for name, w in runs.items():
        counts, _ = np.histogram(w, edges)
        out[name] = counts / (len(w) * np.diff(edges))
    return out


# --- overfitting, early stopping and dropout ---------------------------------------------

OVERFIT_NET = NetConfig(depth=2, width=32, activation="relu", init="kaiming_normal")
OVERFIT_POINTS = 400  # training points + test points
OVERFIT_EPOCHS = 200
DROPOUT_RATES = (0.0, 0.2, 0.4, 0.6)


def overfit(points: int, dropout: float = 0.0, seed: int = 0, epochs: int = OVERFIT_EPOCHS):
    """A 2 x 32 ReLU net trained full-batch with Adam on `points` noisy XOR points (the rest of
    OVERFIT_POINTS is the test set): (history with step, loss, test_loss, both measured with
    dropout off; diverged_at or None)."""
    if not 20 <= points <= OVERFIT_POINTS // 2:
        raise ValueError(f"Invalid number of training points: {points!r} "
                         f"(expected 20..{OVERFIT_POINTS // 2})")
    t = Trainer(replace(OVERFIT_NET, dropout=dropout, seed=seed), TrainConfig(dataset="xor", n=OVERFIT_POINTS, noise=0.3,
                                 train_frac=points / OVERFIT_POINTS, optimizer="adam", lr=0.003,
                                 batch_size=points, epochs=epochs, seed=seed))
    t.step(epochs * t.per_epoch)
    return t.history[["step", "loss", "test_loss"]].copy(), t.diverged_at


@dataclass(frozen=True)
class Stop:
    """Early stopping read off a history: the step of the lowest test loss and the losses there
    and at the end."""
    best_step: int
    best_test: float
    best_train: float
    final_test: float
    final_train: float

    @property
    def final_gap(self) -> float:
        return self.final_test - self.final_train


def early_stop(history: pd.DataFrame) -> Stop:
    """The evaluation point of lowest finite test loss (the first one on ties)."""
    finite = history[np.isfinite(history["test_loss"])]
    if finite.empty:
        raise ValueError("No finite test loss in the history")
    i = finite["test_loss"].to_numpy().argmin()
    best, last = finite.iloc[i], finite.iloc[-1]
    return Stop(int(best["step"]), float(best["test_loss"]), float(best["loss"]),
                float(last["test_loss"]), float(last["loss"]))


@dataclass(frozen=True)
class Sweep:
    """overfit() at several dropout rates: a summary row per rate and every history."""
    table: pd.DataFrame               # rate, loss, test_loss (at the end), gap, best_test, diverged
    histories: dict[float, pd.DataFrame]

    def __repr__(self):
        return f"Sweep(rates={tuple(self.histories)})"


def dropout_sweep(points: int, rates=DROPOUT_RATES, seed: int = 0) -> Sweep:
    """One overfit() run per dropout rate, same data and initial weights."""
    return sweep_of({p: overfit(points, p, seed) for p in rates})


def sweep_of(runs: dict[float, tuple[pd.DataFrame, int | None]]) -> Sweep:
    """The Sweep of overfit() results keyed by dropout rate, rows in the dict's order: the
    runs are independent, so a caller may make them one at a time (and report progress)."""
    rows, histories = [], {}
    for p, (h, diverged) in runs.items():
        s = early_stop(h)
        histories[p] = h
        rows.append({"rate": p, "loss": s.final_train, "test_loss": s.final_test,
                     "gap": s.final_gap, "best_test": s.best_test,
                     "diverged": diverged is not None})
    return Sweep(pd.DataFrame(rows), histories)


@dataclass(frozen=True)
class DropoutCheck:
    """torch.nn.Dropout(p) on n positive inputs, in train and in eval mode."""
    p: float
    kept_share: float     # share of inputs that came through, expected 1 − p
    scale_min: float      # smallest and largest output/input over the kept ones: 1/(1 − p)
    scale_max: float
    mean_in: float
    mean_train: float     # expected mean_in: the 1/(1 − p) undoes the dropping on average
    se_train: float       # standard error of mean_train: its sampling noise
    mean_eval: float      # eval mode is the identity
    example: pd.DataFrame  # x, train, eval: a few inputs and what each mode makes of them


def dropout_check(p: float, n: int = 100_000, seed: int = 0) -> DropoutCheck:
    """Run the real nn.Dropout on inputs x ~ U(0.5, 1.5) (seeded, caller's RNG untouched)."""
    if not 0 <= p < 1:
        raise ValueError(f"Invalid dropout rate: {p!r} (expected 0 <= p < 1)")
    g = torch.Generator().manual_seed(seed)
    x = 0.5 + torch.rand(n, generator=g, dtype=torch.float64)
    drop = torch.nn.Dropout(p)
    # nn.Dropout draws from the global generator: seed it in a fork, from a draw of ours (the
    # same seed would replay x's uniforms and tie the mask to x)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(int(torch.randint(2**62, (1,), generator=g)))
        train = drop.train()(x)
    test = drop.eval()(x)
    kept = train != 0
    ratio = (train[kept] / x[kept]) if kept.any() else torch.tensor([math.nan])
    k = 8
    example = pd.DataFrame({"x": x[:k].numpy(), "train": train[:k].numpy(),
                            "eval": test[:k].numpy()})
    return DropoutCheck(p, kept.double().mean().item(), ratio.min().item(), ratio.max().item(),
                        x.mean().item(), train.mean().item(), (train.std() / math.sqrt(n)).item(),
                        test.mean().item(), example)


# --- Adam + L2 against AdamW --------------------------------------------------------------

GRAD_SCALES = (0.01, 1.0, 100.0)
DECAY_OPTIMIZERS = ("adam_l2", "adamw")


def decay_noise(steps: int, per_scale: int, seed: int) -> torch.Tensor:
    """The data gradients of decay_race: gradient scale x pure noise, (steps, scales x per_scale)."""
    g = torch.Generator().manual_seed(seed)
    xi = torch.randn(steps, len(GRAD_SCALES) * per_scale, generator=g, dtype=torch.float64)
    return xi * torch.tensor(GRAD_SCALES, dtype=torch.float64).repeat_interleave(per_scale)


def decay_race(decay: float, lr: float = 0.02, steps: int = 500, per_scale: int = 200,
               seed: int = 0, every: int = 10) -> pd.DataFrame:
    """Weights that start at 1 and whose data gradient is pure noise of scale s, under
    torch.optim.Adam(weight_decay=λ) (L2 in the loss: λw joins the gradient and is divided by
    √v̂ like the rest) and torch.optim.AdamW(weight_decay=λ) (decoupled: w shrinks by lr·λ·w
    every step; Loshchilov & Hutter 2019). Columns step, optimizer, scale, mean (of the
    per_scale weights of that scale), every `every` steps and at the last."""
    if not (decay >= 0 and lr > 0 and steps >= 1 and per_scale >= 1):
        raise ValueError(f"Invalid decay race: decay={decay!r}, lr={lr!r}, steps={steps!r}")
    noise = decay_noise(steps, per_scale, seed)
    rows = []
    for name, cls in (("adam_l2", torch.optim.Adam), ("adamw", torch.optim.AdamW)):
        w = torch.ones(noise.shape[1], dtype=torch.float64, requires_grad=True)
        opt = cls([w], lr=lr, weight_decay=decay, foreach=False)  # one tensor: the plain loop is faster
        for t in range(steps + 1):
            if t % every == 0 or t == steps:
                means = w.detach().reshape(len(GRAD_SCALES), per_scale).mean(1)
                rows += [{"step": t, "optimizer": name, "scale": s, "mean": float(m)}
                         for s, m in zip(GRAD_SCALES, means)]
            if t < steps:
                w.grad = noise[t].clone()
                opt.step()
    return pd.DataFrame(rows)
