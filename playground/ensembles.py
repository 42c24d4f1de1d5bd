"""Ensembles of small networks: K trained at once, scored and mapped over the plane; bagging,
K networks on bootstrap resamples, against one network with dropout. augment.py and
imbalance.py train theirs here too.

The networks are playground.nets MLPs, several trained at once (`fit`): their parameters are
stacked and torch.func.vmap runs nets.MLP over the stack, torch.func's recipe for model
ensembles. Each network has its own parameters and its own loss, and Adam updates every
parameter from its own gradient, so one Adam on the sum of the losses trains each network
exactly as it would train alone (tests/test_ensembles.py checks it).
"""
import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd
import torch
import torch.nn.functional as F
from torch.func import functional_call, stack_module_state, vmap

from playground import contours
from playground.data import make_dataset
from playground.info import sigmoid
from playground.nets import MLP, NetConfig, build_mlp

FIT_STEPS, FIT_LR = 300, 0.01  # full-batch Adam: enough for 2 x 32 units to memorise 60 points
GRID = 50                      # cells per side of a decision map
MARGIN = 0.1                   # the maps reach this far past the data


# --- several networks trained at once ---------------------------------------------------------

@dataclass(frozen=True)
class Fitted:
    """K networks of one architecture after `fit`: their parameters stacked along a first axis."""
    net: NetConfig                     # the architecture (its seed is member 0's)
    params: dict[str, torch.Tensor]    # name -> (K, *shape), as stack_module_state names them
    losses: np.ndarray                 # (K,) each member's training loss at the last step
    _base: MLP = field(repr=False, compare=False)

    def __len__(self) -> int:
        return len(self.losses)

    def __repr__(self):
        return f"Fitted({len(self)} x {self.net.depth} x {self.net.width} {self.net.activation})"

    def model(self, k: int) -> MLP:
        """Member k as a nets.MLP of its own, in eval mode."""
        m = build_mlp(self.net)
        m.load_state_dict({name: p[k] for name, p in self.params.items()})
        return m.eval()

    @torch.no_grad()
    def logits(self, X) -> np.ndarray:
        """Every member's output z at points X (M, 2), dropout off: (K, M) float64."""
        x = torch.as_tensor(np.asarray(X, np.float32))
        self._base.eval()
        try:
            out = vmap(_call(self._base), in_dims=(0, None))(self.params, x)  # (K, M, 1)
        finally:
            self._base.train()
        return out[..., 0].double().numpy()

    def prob(self, X) -> np.ndarray:
        """P(class 1) = σ(z) of every member at points X: (K, M) float64."""
        return sigmoid(self.logits(X))


def _call(base: MLP):
    return lambda params, x: functional_call(base, params, (x,))


def fit(net: NetConfig, X, y, seeds: Sequence[int], weights=None, pos_weight=None,
        steps: int = FIT_STEPS, lr: float = FIT_LR, seed: int = 0) -> Fitted:
    """Train one build_mlp(net) per seed in `seeds` (its initial weights), full batch, with
    torch.optim.Adam(lr) for `steps` steps on binary cross-entropy.

    X (N, 2) and y (N,) are every member's points, or X (K, N, 2) and y (K, N) one set per
    member. weights (K, N) >= 0 weigh each member's points: its loss is Σ wᵢ ℓᵢ / Σ wᵢ, so
    bootstrap counts train on the resample itself and zeros leave a point (padding) out.
    pos_weight (K,): torch's BCEWithLogitsLoss(pos_weight) per member, ℓᵢ = −[w₊ yᵢ log σ(zᵢ)
    + (1 − yᵢ) log(1 − σ(zᵢ))]. Dropout draws from a generator seeded by `seed`.
    """
    k = len(seeds)
    if k < 1:
        raise ValueError("Invalid seeds: expected at least one network")
    if net.norm != "none":  # its running statistics would be one buffer shared by every member
        raise ValueError(f"Invalid network: norm={net.norm!r} (fit takes norm='none')")
    if not (isinstance(steps, int) and steps >= 0 and math.isfinite(lr) and lr > 0):
        raise ValueError(f"Invalid training: steps={steps!r}, lr={lr!r}")
    X = torch.as_tensor(np.asarray(X, np.float32))
    y = torch.as_tensor(np.asarray(y, np.float32))
    shared = X.dim() == 2
    if (X.dim() not in (2, 3) or X.shape[-1] != 2 or y.shape != X.shape[:-1]
            or (not shared and X.shape[0] != k)):
        raise ValueError(f"Invalid data: X {tuple(X.shape)}, y {tuple(y.shape)} for {k} networks")
    n = X.shape[-2]
    w = torch.ones(k, n) if weights is None else torch.as_tensor(np.asarray(weights, np.float32))
    if w.shape != (k, n) or not (torch.isfinite(w).all() and (w >= 0).all()
                                 and (w.sum(1) > 0).all()):
        raise ValueError(f"Invalid weights: expected ({k}, {n}) values >= 0, each row with a "
                         "positive sum")
    pw = None if pos_weight is None else torch.as_tensor(
        np.asarray(pos_weight, np.float32)).reshape(k, 1)
    if pw is not None and not (torch.isfinite(pw).all() and (pw > 0).all()):
        raise ValueError(f"Invalid pos_weight: {pos_weight!r} (expected {k} values > 0)")
    models = [build_mlp(replace(net, seed=int(s))) for s in seeds]
    params, _ = stack_module_state(models)  # no buffers without normalization
    params = {name: p.detach().requires_grad_() for name, p in params.items()}
    base = models[0]
    if k == 1:  # the same maths without vmap's cost per call
        forward = lambda P, x: functional_call(  # noqa: E731
            base, {name: p[0] for name, p in P.items()}, (x if shared else x[0],))[None]
    else:
        forward = vmap(_call(base), in_dims=(0, None if shared else 0), randomness="different")
    targets = y.expand(k, n)
    opt = torch.optim.Adam(list(params.values()), lr=lr, foreach=True)
    loss = torch.full((k,), math.nan)
    with torch.random.fork_rng(devices=[]):  # nn.Dropout draws from the global generator
        torch.manual_seed(seed)
        for _ in range(steps):
            out = forward(params, X)[..., 0]  # (K, N)
            each = F.binary_cross_entropy_with_logits(out, targets, pos_weight=pw,
                                                      reduction="none")
            loss = (each * w).sum(1) / w.sum(1)  # (K,)
            for p in params.values():
                p.grad = None
            loss.sum().backward()
            opt.step()
    params = {name: p.detach() for name, p in params.items()}
    return Fitted(replace(net, seed=int(seeds[0])), params, loss.detach().numpy().copy(), base)


# --- scores ---------------------------------------------------------------------------------

def accuracy(y, pred) -> float:
    """Share of points whose 0/1 prediction equals the label."""
    y, pred = np.asarray(y) > 0.5, np.asarray(pred, dtype=bool)
    return float((y == pred).mean())


def recalls(y, pred) -> tuple[float, float]:
    """(recall of class 1, recall of class 0): the share of each class predicted right; nan
    for a class with no point."""
    y, pred = np.asarray(y) > 0.5, np.asarray(pred, dtype=bool)
    pos, neg = y.sum(), (~y).sum()
    return (float((pred & y).sum() / pos) if pos else math.nan,
            float((~pred & ~y).sum() / neg) if neg else math.nan)


def balanced_accuracy(y, pred) -> float:
    """The mean of the two classes' recalls: every class counts the same, however rare."""
    return float(np.nanmean(recalls(y, pred)))


def softplus(z: torch.Tensor) -> torch.Tensor:
    """log(1 + eᶻ), exact for every z (F.softplus returns z itself past z = 20)."""
    return torch.logaddexp(torch.zeros_like(z), z)


def log_loss(z, y) -> float:
    """Mean binary cross-entropy of outputs z (logits, not probabilities) for labels y, exact
    even where σ(z) rounds to 0 or 1: softplus(−z) for a 1, softplus(z) for a 0."""
    z = torch.as_tensor(np.asarray(z, np.float64))
    y = torch.as_tensor(np.asarray(y, np.float64))
    return float(torch.where(y > 0.5, softplus(-z), softplus(z)).mean())


def ensemble_log_loss(Z, y) -> float:
    """Mean binary cross-entropy of the average probability of members with logits Z (K, M):
    log p̄ = logsumexp_k log σ(z_k) − log K, and alike for 1 − p̄, so no p̄ is rounded to 0.
    Never above the members' mean log_loss, −log being convex (Jensen's inequality)."""
    Z = torch.as_tensor(np.asarray(Z, np.float64))
    y = torch.as_tensor(np.asarray(y, np.float64))
    log_k = math.log(Z.shape[0])
    log_p = torch.logsumexp(-softplus(-Z), 0) - log_k      # log p̄, (M,)
    log_q = torch.logsumexp(-softplus(Z), 0) - log_k       # log (1 − p̄)
    return float(-torch.where(y > 0.5, log_p, log_q).mean())


@dataclass(frozen=True)
class Scores:
    """A classifier's scores on labelled points at one threshold."""
    accuracy: float
    balanced: float
    recall_pos: float   # the rare class (1)
    recall_neg: float


def scores(p, y, threshold: float) -> Scores:
    """Predict class 1 where p > threshold, then count."""
    pred = np.asarray(p) > threshold
    r1, r0 = recalls(y, pred)
    return Scores(accuracy(y, pred), balanced_accuracy(y, pred), r1, r0)


# --- maps -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Plane:
    """A square grid of cells over a box: Z[i, j] sits at (xs[j], ys[i]), as contours.grid."""
    xs: np.ndarray  # (G,)
    ys: np.ndarray  # (G,)

    @property
    def points(self) -> np.ndarray:
        """The cell centres (G·G, 2), row by row: reshaped (G, G) they are Z's layout."""
        X, Y = np.meshgrid(self.xs, self.ys)
        return np.stack([X.ravel(), Y.ravel()], 1).astype(np.float32)

    def frame(self, Z) -> pd.DataFrame:
        """Cells for charts.decision_boundary: x1, x2, value, confidence, dx, dy."""
        X, Y = np.meshgrid(self.xs, self.ys)
        return pd.DataFrame({"x1": X.ravel(), "x2": Y.ravel(),
                             "value": np.asarray(Z, float).ravel(), "confidence": 1.0,
                             "dx": self.xs[1] - self.xs[0], "dy": self.ys[1] - self.ys[0]})

    def boundary(self, Z, level: float = 0.5) -> pd.DataFrame:
        """Segments x, y, x2, y2 of the line Z = level (marching squares)."""
        X, Y = np.meshgrid(self.xs, self.ys)
        return contours.iso_lines(X, Y, np.asarray(Z, float), [level])[["x", "y", "x2", "y2"]]


def plane_over(X, n: int = GRID, margin: float = MARGIN) -> Plane:
    """The grid over the box of points X, `margin` wider on every side."""
    lo, hi = np.asarray(X).min(0) - margin, np.asarray(X).max(0) + margin
    return Plane(np.linspace(lo[0], hi[0], n), np.linspace(lo[1], hi[1], n))


def on_plane(fitted: Fitted, plane: Plane) -> np.ndarray:
    """Every member's P(class 1) on the grid: (K, G, G)."""
    return fitted.prob(plane.points).reshape(len(fitted), len(plane.ys), len(plane.xs))


def points_frame(X, y, kind: str) -> pd.DataFrame:
    """Points for charts.decision_boundary: x1, x2, value (the label), set (`kind`)."""
    X = np.asarray(X)
    return pd.DataFrame({"x1": X[:, 0], "x2": X[:, 1], "value": np.asarray(y, float),
                         "set": kind})


# --- bagging ----------------------------------------------------------------------------------

def bootstrap(n: int, k: int, seed: int = 0) -> np.ndarray:
    """k bootstrap samples of n points (n draws with replacement each) as counts (k, n): how
    many times each point was drawn into each sample; every row sums to n."""
    if not (isinstance(n, int) and n >= 1 and isinstance(k, int) and k >= 1):
        raise ValueError(f"Invalid bootstrap: n={n!r}, k={k!r} (expected integers >= 1)")
    draws = np.random.default_rng(seed).integers(0, n, (k, n))
    counts = np.zeros((k, n), dtype=np.int64)
    np.add.at(counts, (np.arange(k)[:, None], draws), 1)
    return counts


def unique_share(counts) -> np.ndarray:
    """The share of the n points that made it into each sample at least once: (k,)."""
    return (np.asarray(counts) > 0).mean(-1)


def expected_unique_share(n: int) -> float:
    """1 − (1 − 1/n)ⁿ: a point is missed by each of n draws with probability 1 − 1/n, so by
    all of them with (1 − 1/n)ⁿ, which tends to 1/e; the expected share drawn is the rest."""
    if not (isinstance(n, int) and n >= 1):
        raise ValueError(f"Invalid n: {n!r} (expected an integer >= 1)")
    return -math.expm1(n * math.log1p(-1 / n)) if n > 1 else 1.0


def sampled_unique_share(n: int, draws: int = 10_000, seed: int = 0) -> tuple[float, float]:
    """The unique share measured over `draws` bootstrap samples of n points: (mean, its
    standard error)."""
    if not (isinstance(draws, int) and draws >= 2):
        raise ValueError(f"Invalid draws: {draws!r} (expected an integer >= 2)")
    expected_unique_share(n)  # checks n
    rng = np.random.default_rng(seed)
    shares = np.empty(draws)
    step = max(1, 2_000_000 // n)  # samples per chunk: memory stays small for any n
    for a in range(0, draws, step):
        s = np.sort(rng.integers(0, n, (min(step, draws - a), n)), axis=1)
        shares[a:a + len(s)] = (1 + (np.diff(s, axis=1) != 0).sum(1)) / n
    return float(shares.mean()), float(shares.std(ddof=1) / math.sqrt(draws))


BAG_NET = NetConfig(depth=2, width=32, activation="relu", init="kaiming_normal")
BAG_DATA, BAG_NOISE = "xor", 0.3  # noisy labels: one network bends its boundary round them
BAG_POINTS, TEST_POINTS = 60, 1000
DROPOUT_RATES = (0.1, 0.2, 0.3, 0.5, 0.7)


@dataclass(frozen=True)
class Bagging:
    """K networks on bootstrap samples, one on all points and one with dropout, on one task."""
    counts: np.ndarray       # (K, n) bootstrap counts
    train: tuple[np.ndarray, np.ndarray]
    test: tuple[np.ndarray, np.ndarray]
    plane: Plane
    members: np.ndarray      # (K, G, G) each member's P(class 1) on the grid
    single_map: np.ndarray   # (G, G) the network trained on all points, no dropout
    dropout_map: np.ndarray  # (G, G)
    test_members: np.ndarray  # (K, M) logits on the test points
    test_single: np.ndarray   # (M,) logits of the network trained on all points, no dropout
    test_dropout: np.ndarray  # (M,) logits
    rate: float

    def __repr__(self):
        return f"Bagging(K={len(self.counts)}, n={self.counts.shape[1]}, dropout={self.rate})"

    @property
    def average(self) -> np.ndarray:
        """The ensemble: the members' mean probability on the grid (G, G)."""
        return self.members.mean(0)

    def table(self) -> pd.DataFrame:
        """Test scores per number of members k = 1..K: member (member k's accuracy), ensemble
        (accuracy of the mean probability of members 1..k), and the losses alike
        (member_loss, ensemble_loss)."""
        y, Z = self.test[1], self.test_members
        ks = np.arange(1, len(Z) + 1)
        running = np.cumsum(sigmoid(Z), 0) / ks[:, None]
        return pd.DataFrame({
            "k": ks,
            "member": [accuracy(y, z > 0) for z in Z],
            "ensemble": [accuracy(y, p > 0.5) for p in running],
            "member_loss": [log_loss(z, y) for z in Z],
            "ensemble_loss": [ensemble_log_loss(Z[:k], y) for k in ks]})

    def lines(self, member: str, average: str) -> pd.DataFrame:
        """Every member's boundary (series `member`), then the average's (series `average`):
        segments x, y, x2, y2, series."""
        return pd.concat([self.plane.boundary(m).assign(series=member) for m in self.members]
                         + [self.plane.boundary(self.average).assign(series=average)],
                         ignore_index=True)


def bagging(k: int, dropout: float, seed: int = 0) -> Bagging:
    """BAG_NET trained k times on bootstrap samples of BAG_POINTS noisy XOR points (each with
    its own initial weights), once on all of them, and once on all of them with dropout."""
    if not (isinstance(k, int) and 1 <= k <= 50):
        raise ValueError(f"Invalid number of members: {k!r} (expected 1..50)")
    if not 0 < dropout < 1:
        raise ValueError(f"Invalid dropout rate: {dropout!r} (expected 0 < p < 1)")
    X, y = make_dataset(BAG_DATA, BAG_POINTS + TEST_POINTS, BAG_NOISE, seed)
    Xtr, ytr, Xte, yte = X[:BAG_POINTS], y[:BAG_POINTS], X[BAG_POINTS:], y[BAG_POINTS:]
    rng = np.random.default_rng([seed, 1])
    counts = bootstrap(BAG_POINTS, k, int(rng.integers(2**31)))
    inits = [int(s) for s in rng.integers(0, 2**31, k + 2)]
    weights = np.vstack([counts, np.ones(BAG_POINTS)])  # the last: all points once
    plain = fit(BAG_NET, Xtr, ytr, inits[:k + 1], weights)
    drop = fit(replace(BAG_NET, dropout=dropout), Xtr, ytr, inits[k + 1:], seed=seed)
    plane = plane_over(X)
    maps, test = on_plane(plain, plane), plain.logits(Xte)
    return Bagging(counts, (Xtr, ytr), (Xte, yte), plane, maps[:k], maps[k],
                   on_plane(drop, plane)[0], test[:k], test[k], drop.logits(Xte)[0], dropout)
