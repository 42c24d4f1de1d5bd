"""Training an MLP on a 2-D toy dataset, a few steps at a time, keeping a history.

The optimizers and schedules come from the registry in `optim` (the real `torch.optim`
classes). Tiny networks are dominated by per-call overhead, so a step does only what it must:
one forward, one backward, one optimizer step; penalties are added to the gradients directly,
and the full-data evaluation is recorded at evaluation points (every epoch and at the end of
every `step` call), not after every minibatch; per-layer gradient norms are taken at every
step, one fused call.
"""
import collections
import dataclasses
import math
import numbers
from dataclasses import dataclass

import numpy as np
import pandas as pd
import torch
import torch.nn.functional as F

from playground.data import (DATASETS, MAX_CLASSES, MULTICLASS, REGRESSION, make_dataset, task_of,
                             train_test_split)
from playground import backprop, optim
from playground.optim import bare_step
from playground.nets import NetConfig, build_mlp

# Input features as in TF Playground. Coordinates live in [-1, 1], so sin uses pi * x to show
# one full period across the plane (TF's sin x over [-6, 6] shows about two).
FEATURES = {
    "x1": lambda X: X[:, 0],
    "x2": lambda X: X[:, 1],
    "x1^2": lambda X: X[:, 0] ** 2,
    "x2^2": lambda X: X[:, 1] ** 2,
    "x1x2": lambda X: X[:, 0] * X[:, 1],
    "sin_x1": lambda X: np.sin(np.pi * X[:, 0]),
    "sin_x2": lambda X: np.sin(np.pi * X[:, 1]),
}

LOSSES = ("bce", "mse", "ce")


def features(X, names):
    """The chosen input features of points X (n, 2): float32 (n, len(names))."""
    unknown = [f for f in names if f not in FEATURES]
    if unknown or not names:
        raise ValueError(f"Invalid features: {names!r} (expected a non-empty subset of {tuple(FEATURES)})")
    return np.stack([FEATURES[f](np.asarray(X, dtype=np.float64)) for f in names], 1).astype(np.float32)


def _check(ok, what, value, expected):
    if not ok:
        raise ValueError(f"Invalid {what}: {value!r} (expected {expected})")


def _real(x, lo=-math.inf, hi=math.inf):
    return isinstance(x, numbers.Real) and not isinstance(x, bool) and math.isfinite(x) and lo <= x <= hi


def _int(x, lo, hi):
    return isinstance(x, numbers.Integral) and not isinstance(x, bool) and lo <= x <= hi


@dataclass(frozen=True)
class TrainConfig:
    """Data, objective and optimizer of one training run; every field can travel in a URL."""
    dataset: str = "circle"
    n: int = 500
    noise: float = 0.1
    train_frac: float = 0.5
    features: tuple[str, ...] = ("x1", "x2")
    classes: int = 2           # 3..5 only for MULTICLASS datasets
    optimizer: str = "sgd"
    lr: float = 0.03
    batch_size: int = 10
    momentum: float = 0.9      # momentum and nesterov only
    l1: float = 0.0
    l2: float = 0.0            # a penalty (l2/2)|W|^2 on the loss, except adamw: weight decay
    schedule: str = "constant"
    clip: float = 0.0          # max gradient norm; 0 = no clipping
    loss: str = "bce"          # bce | mse | ce; regression always uses mse
    epochs: int = 200          # horizon of the schedules
    seed: int = 0

    def __post_init__(self):
        _check(self.dataset in DATASETS, "dataset", self.dataset, f"one of {tuple(DATASETS)}")
        _check(_int(self.n, 4, 5000), "n", self.n, "an integer in 4..5000")
        _check(_real(self.noise, 0, 1), "noise", self.noise, "a fraction in [0, 1]")
        _check(_real(self.train_frac, 0.05, 0.95), "train_frac", self.train_frac, "a fraction in [0.05, 0.95]")
        _check(isinstance(self.features, tuple) and self.features
               and set(self.features) <= set(FEATURES) and len(set(self.features)) == len(self.features),
               "features", self.features, f"a tuple of distinct names from {tuple(FEATURES)}")
        top = MAX_CLASSES if self.dataset in MULTICLASS else 2
        _check(_int(self.classes, 2, top), "classes", self.classes, f"2..{top} for {self.dataset}")
        _check(self.optimizer in optim.OPTIMIZERS, "optimizer", self.optimizer,
               f"one of {tuple(optim.OPTIMIZERS)}")
        _check(_real(self.lr, 0, 100) and self.lr > 0, "learning rate", self.lr, "a number in (0, 100]")
        _check(_int(self.batch_size, 1, 5000), "batch size", self.batch_size, "an integer in 1..5000")
        _check(_real(self.momentum, 0, 0.999), "momentum", self.momentum, "a number in [0, 0.999]")
        _check(_real(self.l1, 0, 10), "l1", self.l1, "a number in [0, 10]")
        _check(_real(self.l2, 0, 10), "l2", self.l2, "a number in [0, 10]")
        _check(self.schedule in optim.SCHEDULES, "schedule", self.schedule,
               f"one of {tuple(optim.SCHEDULES)}")
        _check(_real(self.clip, 0, 1e6), "clip", self.clip, "a number >= 0")
        _check(self.loss in LOSSES, "loss", self.loss, f"one of {LOSSES}")
        _check(_int(self.epochs, 1, 100_000), "epochs", self.epochs, "an integer in 1..100000")
        _check(_int(self.seed, 0, 2**31 - 1), "seed", self.seed, "an integer >= 0")

    @property
    def task(self) -> str:
        """regression, binary or multiclass."""
        if self.dataset in REGRESSION:
            return "regression"
        return "multiclass" if self.classes > 2 else "binary"


def optimizer_kwargs(cfg: TrainConfig) -> dict:
    """The keyword arguments (besides lr) of cfg's optimizer: SGD's momentum, and the l2 rate
    as AdamW's decoupled weight decay (for the others l2 is a penalty: see Trainer._penalise)."""
    return optim.hyper(cfg.optimizer, momentum=cfg.momentum, weight_decay=cfg.l2)


def make_optimizer(cfg: TrainConfig, params) -> torch.optim.Optimizer:
    """The torch.optim optimizer cfg names, with its hyper-parameters."""
    # foreach: one fused call per update instead of a Python loop over tensors (same maths)
    return optim.make(cfg.optimizer, params, cfg.lr, foreach=True, **optimizer_kwargs(cfg))


def data_loss(out, y, task, loss):
    """Mean loss of raw network outputs (n, out_dim) against targets y (n,)."""
    if task == "regression":
        return F.mse_loss(out[:, 0], y)
    if task == "binary":
        if loss == "mse":  # squared error on the sigmoid's probability, as in the classic setups
            return F.mse_loss(torch.sigmoid(out[:, 0]), y)
        return F.binary_cross_entropy_with_logits(out[:, 0], y)
    if loss == "mse":
        return F.mse_loss(torch.softmax(out, 1), F.one_hot(y.long(), out.shape[1]).to(out.dtype))
    return F.cross_entropy(out, y.long())


def accuracy(out, y, task) -> float:
    """Share of points classified right (nan for regression)."""
    if task == "regression":
        return math.nan
    guess = (out[:, 0] > 0).to(y.dtype) if task == "binary" else out.argmax(1).to(y.dtype)
    return (guess == y).double().mean().item()


class Trainer:
    """Trains build_mlp(net) on the dataset train describes, n optimizer steps at a time."""

    SNAPSHOTS = 200   # parameter snapshots kept for trajectories (thinned when full)
    STEP_ROWS = 2000  # minibatches whose gradient norms are kept (the newest)
    ROWS = 2000       # history rows kept (thinned when full): memory stays bounded while playing

    def __init__(self, net: NetConfig, train: TrainConfig, points=None, by_hand: bool = True):
        """points: optional own data (X (n, 2), y (n,)) replacing the generated dataset; its
        labels then decide the task (see data.task_of). by_hand=False makes autograd compute
        every gradient, even where `backprop` gives the same ones faster."""
        self.cfg = train
        X, y = points if points is not None else make_dataset(
            train.dataset, train.n, train.noise, train.seed, train.classes)
        self.X, self.y = np.asarray(X, np.float32), np.asarray(y, np.float32)
        Xtr, ytr, Xte, yte = train_test_split(self.X, self.y, train.train_frac, train.seed)
        self.points = (Xtr, ytr, Xte, yte)  # raw 2-D points, for drawing
        self.task = train.task if points is None else task_of(self.y)
        out_dim = int(self.y.max()) + 1 if self.task == "multiclass" else 1
        self.net = dataclasses.replace(net, in_dim=len(train.features), out_dim=out_dim)
        if self.net.norm == "batch" and train.batch_size < 2:
            raise ValueError("Batch normalization needs minibatches of at least 2 points")
        self.model = build_mlp(self.net)
        self.Xtr, self.ytr = torch.from_numpy(features(Xtr, train.features)), torch.from_numpy(ytr)
        self.Xte, self.yte = torch.from_numpy(features(Xte, train.features)), torch.from_numpy(yte)
        self.batch = min(train.batch_size, len(ytr))
        self.per_epoch = len(ytr) // self.batch  # full minibatches of a fresh permutation
        self.params = list(self.model.parameters())
        # the same gradients without autograd's per-call cost, where the network allows
        self._backprop = backprop.Backprop(self.model) if by_hand and backprop.supported(
            self.model) else None
        self.weights = [b.linear.weight for b in self.model.blocks]
        self.opt = make_optimizer(train, self.params)
        self._opt_step = bare_step(self.opt)
        self.opt._opt_called = True  # the flag the wrapped step sets for lr_scheduler's order check
        self.horizon = train.epochs * self.per_epoch
        self.sched = optim.scheduler(train.schedule, self.opt, self.horizon)
        self.gen = torch.Generator().manual_seed(train.seed)
        self.steps = 0
        self.diverged_at: int | None = None
        self._shuffled = None
        self._rows: list[dict] = []
        self._frame, self._framed = pd.DataFrame(), 0  # `history` so far, and its row count
        self.snapshots: list[tuple[int, np.ndarray]] = []
        self._snap_every = 1
        self._evaluations = 0  # _evaluate calls so far (rows may have been thinned since)
        self._ks: list[int] = []  # which evaluation each kept row is
        self._row_every, self._tail = 1, False
        # per-layer gradient norms: the last minibatch's, their sum since the last history row
        # and the last STEP_ROWS minibatches' (step, norms), all as (depth,) float64 tensors
        self._last_grads = torch.full((self.net.depth,), math.nan, dtype=torch.float64)
        self._grad_sum, self._grad_count = torch.zeros(self.net.depth, dtype=torch.float64), 0
        self._step_grads: collections.deque = collections.deque(maxlen=self.STEP_ROWS)
        self._evaluate()

    def __repr__(self):
        return f"Trainer(steps={self.steps}, epoch={self.epoch:.2f}, diverged_at={self.diverged_at})"

    @property
    def diverged(self) -> bool:
        return self.diverged_at is not None

    @property
    def epoch(self) -> float:
        return self.steps / self.per_epoch

    def _minibatch(self):
        i = self.steps % self.per_epoch
        if i == 0:  # a fresh permutation, applied once: each minibatch is then a slice
            order = torch.randperm(len(self.ytr), generator=self.gen)
            self._shuffled = self.Xtr[order], self.ytr[order]
        X, y = self._shuffled
        return X[i * self.batch:(i + 1) * self.batch], y[i * self.batch:(i + 1) * self.batch]

    def _penalise(self):
        """Add the gradients of l1 |W| + (l2/2) |W|^2 (weights only, not biases) in place."""
        l1, l2 = self.cfg.l1, 0.0 if self.cfg.optimizer == "adamw" else self.cfg.l2
        if l1 == 0 and l2 == 0:
            return
        for W in self.weights + [self.model.head.weight]:
            W.grad.add_(l1 * torch.sign(W.detach()) + l2 * W.detach())

    def step(self, n: int = 1) -> None:
        """n optimizer steps (minibatches); stops early, without raising, on divergence."""
        if n < 0:
            raise ValueError(f"Invalid number of steps: {n!r}")
        for _ in range(n):
            self.step_quietly()
        if self._rows[-1]["step"] != self.steps:
            self._evaluate()

    def step_quietly(self) -> None:
        """One step, evaluating only at epoch ends: the unit `step` and live training are made
        of."""
        if self.diverged:
            return
        self._step()
        if self.steps % self.per_epoch == 0:
            self._evaluate()

    def _gradients(self, xb, yb) -> bool:
        """Set every parameter's .grad to the gradient of the minibatch loss; False, with no
        gradients, when that loss is not finite."""
        if self._backprop:
            loss, grads = self._backprop(
                xb, lambda out: backprop.loss_grad(out, yb, self.task, self.cfg.loss))
        elif self.net.dropout > 0:
            # nn.Dropout draws from torch's global generator: seed it from ours, inside a fork,
            # so a run repeats from its seed and the caller's random state is left alone
            with torch.random.fork_rng(devices=[]):
                torch.manual_seed(int(torch.randint(2**62, (1,), generator=self.gen)))
                loss = data_loss(self.model(xb), yb, self.task, self.cfg.loss)
        else:
            loss = data_loss(self.model(xb), yb, self.task, self.cfg.loss)
        if not math.isfinite(loss.item()):
            return False
        if self._backprop:
            for p, g in zip(self.params, grads):
                p.grad = g
        else:
            for p in self.params:  # what opt.zero_grad() does, without its profiler hook
                p.grad = None
            loss.backward()
        return True

    def _step(self):
        xb, yb = self._minibatch()
        if not self._gradients(xb, yb):
            self.diverged_at = self.steps  # no update from a non-finite loss
            return
        # before penalties and clipping: the data loss's gradient, layer by layer (one fused
        # call, as clip_grad_norm_ makes it)
        g = torch.stack(torch._foreach_norm([W.grad for W in self.weights])).double()
        self._last_grads, self._grad_count = g, self._grad_count + 1
        self._grad_sum += g
        self._step_grads.append((self.steps + 1, g))
        self._penalise()
        if self.cfg.clip > 0:
            torch.nn.utils.clip_grad_norm_(self.params, self.cfg.clip)
        with torch.no_grad():
            self._opt_step()
        if self.sched and self.steps < self.horizon:  # past the horizon the rate stays put
            self.sched.step()
        self.steps += 1

    @torch.no_grad()
    def _evaluate(self):
        """Full training and test metrics now; one history row; maybe a snapshot."""
        was = self.model.training
        self.model.eval()  # dropout off, BatchNorm on running statistics
        out_tr, out_te = self.model(self.Xtr), self.model(self.Xte)
        self.model.train(was)
        row = {
            "step": self.steps,
            "epoch": self.epoch,
            "loss": data_loss(out_tr, self.ytr, self.task, self.cfg.loss).item(),
            "test_loss": data_loss(out_te, self.yte, self.task, self.cfg.loss).item(),
            "accuracy": accuracy(out_tr, self.ytr, self.task),
            "test_accuracy": accuracy(out_te, self.yte, self.task),
            "lr": self.opt.param_groups[0]["lr"],
        }
        mean = (self._grad_sum / self._grad_count if self._grad_count else self._last_grads)
        row.update({f"grad_norm_{l}": g for l, g in enumerate(mean.tolist(), start=1)})
        self._grad_sum, self._grad_count = torch.zeros_like(self._grad_sum), 0
        self._record(row)
        self._snapshot()

    def _record(self, row: dict):
        """Keep `row` as the newest history row. Kept rows are every `_row_every`-th evaluation;
        the newest is kept besides until the next evaluation replaces it. Past ROWS rows the
        spacing doubles, so a long run keeps evenly spaced rows in bounded memory."""
        k = self._evaluations
        self._evaluations += 1
        if self._tail:
            self._rows.pop(), self._ks.pop()
            if self._framed > len(self._rows):
                self._frame, self._framed = self._frame.iloc[:-1], len(self._rows)
        self._rows.append(row), self._ks.append(k)
        self._tail = k % self._row_every != 0
        if len(self._rows) > self.ROWS:
            self._row_every *= 2
            last = len(self._ks) - 1
            keep = [i for i, j in enumerate(self._ks) if j % self._row_every == 0 or i == last]
            self._rows, self._ks = [self._rows[i] for i in keep], [self._ks[i] for i in keep]
            self._tail = self._ks[-1] % self._row_every != 0
            self._frame, self._framed = pd.DataFrame(), 0

    def _snapshot(self):
        if self._evaluations % self._snap_every:
            return
        flat = torch.cat([p.detach().reshape(-1) for p in self.params]).numpy().copy()
        self.snapshots.append((self.steps, flat))
        if len(self.snapshots) > self.SNAPSHOTS:  # keep every other one, and take half as many
            self.snapshots = self.snapshots[::2]
            self._snap_every *= 2

    @property
    def history(self) -> pd.DataFrame:
        """One row per evaluation point: step, epoch, loss, test_loss, accuracy, test_accuracy,
        lr, grad_norm_1..grad_norm_<depth>: the mean, over the minibatches since the row before
        (an epoch while playing), of the norm of the data loss's gradient with respect to each
        hidden layer's weights. A long run keeps at most ROWS rows, evenly spaced from the
        first, plus the newest.

        Built as rows arrive: a live page reads it several times a second, too often to make
        a frame afresh from every row each time. The copy shares the data (written to, it copies).
        """
        if self._framed < len(self._rows):
            new = pd.DataFrame(self._rows[self._framed:])
            self._frame = pd.concat([self._frame, new], ignore_index=True) if self._framed else new
            self._framed = len(self._rows)
        return self._frame.copy(deep=False)

    @property
    def last_grads(self) -> np.ndarray:
        """(depth,): the gradient norm of each hidden layer's weights on the last minibatch."""
        return self._last_grads.numpy().copy()

    def minibatch_grads(self) -> pd.DataFrame:
        """The last STEP_ROWS minibatches: step, epoch, grad_norm_1..grad_norm_<depth>."""
        steps = [s for s, _ in self._step_grads]
        norms = (torch.stack([g for _, g in self._step_grads]).numpy() if steps
                 else np.empty((0, self.net.depth)))
        out = pd.DataFrame(norms, columns=[f"grad_norm_{l}" for l in range(1, self.net.depth + 1)])
        out.insert(0, "epoch", np.asarray(steps, float) / self.per_epoch)
        out.insert(0, "step", steps)
        return out

    def finished(self, max_epochs: int = 0, target: float = 0.0) -> bool:
        """The stop rule: diverged, max_epochs reached (0: never), or test loss <= target."""
        last = self._rows[-1]
        return (self.diverged or (max_epochs > 0 and self.epoch >= max_epochs)
                or (target > 0 and last["test_loss"] <= target))

    @torch.no_grad()
    def predict(self, X) -> np.ndarray:
        """Outputs for 2-D points X (n, 2) in eval mode: P(class 1) (binary), class
        probabilities (n, k) (multiclass) or values (regression)."""
        was = self.model.training
        self.model.eval()
        out = self.model(torch.from_numpy(features(X, self.cfg.features)))
        self.model.train(was)
        if self.task == "binary":
            return torch.sigmoid(out[:, 0]).numpy()
        return torch.softmax(out, 1).numpy() if self.task == "multiclass" else out[:, 0].numpy()


def decision_grid(trainer: Trainer, resolution: int = 50, margin: float = 0.1) -> pd.DataFrame:
    """The trained function on a resolution x resolution grid covering the data: columns x1,
    x2, value (P(class 1), the winning class, or the regression output), confidence (the
    winning class's probability; 1 for regression), and the cell size dx, dy."""
    if not 2 <= resolution <= 200:
        raise ValueError(f"Invalid resolution: {resolution!r} (expected 2..200)")
    lo = trainer.X.min(0) - margin
    hi = trainer.X.max(0) + margin
    xs, ys = np.linspace(lo[0], hi[0], resolution), np.linspace(lo[1], hi[1], resolution)
    gx, gy = np.meshgrid(xs, ys, indexing="ij")
    grid = np.stack([gx.ravel(), gy.ravel()], 1).astype(np.float32)  # (resolution^2, 2)
    out = trainer.predict(grid)
    if trainer.task == "multiclass":
        value, confidence = out.argmax(1).astype(float), out.max(1)
    else:
        value, confidence = out.astype(float), np.ones(len(grid))
    return pd.DataFrame({"x1": grid[:, 0], "x2": grid[:, 1], "value": value, "confidence": confidence,
                         "dx": xs[1] - xs[0], "dy": ys[1] - ys[0]})


# Seconds per optimizer step, fitted on this project's CPU runs: a fixed cost per step and per
# layer (larger when autograd computes the gradients: norm layers, dropout), and a cost per
# sample and parameter. An estimate to bound work by, not a promise.
STEP_COST = {"by_hand": (60e-6, 20e-6), "autograd": (300e-6, 130e-6)}
SAMPLE_PARAM_COST = 2.5e-10
TRAIN_BUDGET = 15.0  # estimated seconds one request may spend training


def epoch_seconds(net: NetConfig, cfg: TrainConfig) -> float:
    """Estimated seconds one epoch of `Trainer(net, cfg)` takes (steps and the evaluation)."""
    n_train = max(1, round(cfg.n * cfg.train_frac))
    batch = min(cfg.batch_size, n_train)
    width, depth, inputs = net.width, net.depth, len(cfg.features)
    params = (inputs + 1) * width + (depth - 1) * (width + 1) * width + width + cfg.classes
    fixed, per_layer = STEP_COST["autograd" if net.norm != "none" or net.dropout > 0
                                 else "by_hand"]
    step = fixed + per_layer * depth + SAMPLE_PARAM_COST * 3 * batch * params
    return (n_train // batch) * step + SAMPLE_PARAM_COST * cfg.n * params


def affordable_epochs(net: NetConfig, cfg: TrainConfig, epochs: int,
                      budget: float | None = None) -> int:
    """`epochs`, or fewer (at least 1) when their estimated time exceeds `budget` seconds
    (TRAIN_BUDGET by default): the bound on the training a link can ask one request for."""
    budget = TRAIN_BUDGET if budget is None else budget
    return max(1, min(epochs, int(budget / epoch_seconds(net, cfg))))


def schedule_race(net: NetConfig, cfg: TrainConfig, epochs: int,
                  names: tuple[str, ...] = tuple(optim.SCHEDULES)) -> pd.DataFrame:
    """The same network (same initial weights, same minibatches) trained for `epochs` epochs
    under each schedule of `names`, each over that horizon: one row per schedule and epoch
    end (schedule, epoch, loss, lr: the training loss then, and the rate of the next step)."""
    _check(isinstance(epochs, numbers.Integral) and 1 <= epochs <= 10_000, "epochs", epochs,
           "an integer in [1, 10000]")
    rows = []
    for name in names:
        tr = Trainer(net, dataclasses.replace(cfg, schedule=name, epochs=int(epochs)))
        tr.step(int(epochs) * tr.per_epoch)
        h = tr.history[["epoch", "loss", "lr"]]
        rows.append(h.assign(schedule=name)[["schedule", "epoch", "loss", "lr"]])
    return pd.concat(rows, ignore_index=True)
