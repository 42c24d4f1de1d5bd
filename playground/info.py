"""Information and losses: entropy, cross-entropy, KL, softmax (stable and naive), sigmoid-output losses.

Natural logarithms throughout (nats). p and q are probability vectors; `0 · log 0` counts as 0.
"""
import math
import re
from typing import NamedTuple

import numpy as np
import pandas as pd

MAX_CATEGORIES = 8


class Problem(NamedTuple):
    """One thing a text field got wrong: the token (shortened) and a reason code the page translates."""
    token: str
    reason: str

    @classmethod
    def of(cls, token: str, reason: str) -> "Problem":
        return cls(token if len(token) <= 24 else token[:24] + "…", reason)


def _vec(x) -> np.ndarray:
    return np.asarray(x, dtype=np.float64)


def _plogq(p: np.ndarray, q: np.ndarray) -> np.ndarray:
    """p·log q elementwise with 0·log q = 0 (also for q = 0)."""
    with np.errstate(divide="ignore"):
        return np.where(p > 0, p * np.log(np.where(p > 0, q, 1.0)), 0.0)


def entropy(p) -> float:
    """H(p) = −Σ p log p."""
    p = _vec(p)
    return float(-_plogq(p, p).sum())


def cross_entropy(p, q) -> float:
    """H(p, q) = −Σ p log q: the average code length for data from p with a code built for q.
    Infinite when q gives 0 to a category that p gives mass."""
    return float(-_plogq(_vec(p), _vec(q)).sum())


def kl_divergence(p, q) -> float:
    """KL(p‖q) = Σ p log(p / q) = H(p, q) − H(p) ≥ 0, zero exactly when p = q."""
    p, q = _vec(p), _vec(q)
    mass = p > 0
    with np.errstate(divide="ignore"):  # q = 0 where p > 0 gives +inf, as it should
        terms = np.where(mass, p * (np.log(np.where(mass, p, 1.0)) - np.log(np.where(mass, q, 1.0))),
                         0.0)
    return float(max(terms.sum(), 0.0))  # rounding can leave −1e-17 for p = q


def logsumexp(x, dtype=np.float64) -> float:
    """log Σ exp(x), computed as m + log Σ exp(x − m) with m = max x: nothing overflows."""
    x = np.asarray(x, dtype=dtype)
    m = x.max()
    return float(m + np.log(np.exp(x - m).sum()))


def softmax(x, dtype=np.float64) -> np.ndarray:
    """exp(x − max x) / Σ exp(x − max x): the same function as the textbook formula, but the
    largest exponent is 0, so nothing overflows and the denominator is at least 1."""
    x = np.asarray(x, dtype=dtype)
    e = np.exp(x - x.max())
    return e / e.sum()


def log_softmax(x, dtype=np.float64) -> np.ndarray:
    """x − logsumexp(x): finite even where softmax itself underflows to 0."""
    x = np.asarray(x, dtype=dtype)
    return x - x.dtype.type(logsumexp(x, dtype))


def naive_softmax(x, dtype=np.float64) -> np.ndarray:
    """exp(x) / Σ exp(x) as written in textbooks; overflows to inf/NaN for large logits, on purpose."""
    x = np.asarray(x, dtype=dtype)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        e = np.exp(x)
        return e / e.sum()


def naive_logsumexp(x, dtype=np.float64) -> float:
    """log Σ exp(x) as written: inf once one exp overflows, −inf once all underflow."""
    x = np.asarray(x, dtype=dtype)
    with np.errstate(over="ignore", divide="ignore"):
        return float(np.log(np.exp(x).sum()))


def overflow_threshold(dtype=np.float64) -> float:
    """The largest x whose exp(x) is finite in this precision (≈ 88.7 in float32, 709.8 in float64)."""
    return float(np.log(np.finfo(dtype).max))


def softmax_table(x, dtype=np.float64) -> pd.DataFrame:
    """Naive against stable, entry by entry: columns i, x, exp_x, naive, stable, log_softmax."""
    x = np.asarray(x, dtype=dtype)
    with np.errstate(over="ignore"):
        e = np.exp(x)
    return pd.DataFrame({"i": np.arange(1, len(x) + 1), "x": x.astype(np.float64),
                         "exp_x": e.astype(np.float64),
                         "naive": naive_softmax(x, dtype).astype(np.float64),
                         "stable": softmax(x, dtype).astype(np.float64),
                         "log_softmax": log_softmax(x, dtype).astype(np.float64)})


def sigmoid(z) -> np.ndarray:
    """σ(z) = 1 / (1 + e^(−z)) as exp(−softplus(−z)): no overflow, and tiny values keep their
    digits (1 + tanh(z/2) would round them to 0)."""
    return np.exp(-np.logaddexp(0.0, -_vec(z)))


SIGMOID_LOSSES = ("ce", "mse")


def sigmoid_loss(y, z, loss: str) -> tuple[np.ndarray, np.ndarray]:
    """The loss of a sigmoid output a = σ(z) against targets y, and its derivative w.r.t. z:
    the single definition behind `sigmoid_losses` and the neuron of the Loss surface page.

    "ce":  −y log a − (1 − y) log(1 − a) = softplus(z) − y·z,   dL/dz = a − y
    "mse": (a − y)²,                                            dL/dz = 2 (a − y) a (1 − a)
    The factor a (1 − a) ≤ 1/4 is what makes the squared error's gradient vanish when the
    output saturates, also when it saturates on the wrong side. y and z broadcast.
    """
    if loss not in SIGMOID_LOSSES:
        raise ValueError(f"Unknown loss: {loss!r} (expected one of {SIGMOID_LOSSES})")
    z, y = _vec(z), _vec(y)
    a = sigmoid(z)
    if loss == "ce":
        return np.logaddexp(0.0, z) - y * z, a - y
    # 1 − a as σ(−z): exact where a rounds to 1
    return (a - y) ** 2, 2 * (a - y) * a * sigmoid(-z)


def sigmoid_losses(y: float, z) -> pd.DataFrame:
    """Both losses of a sigmoid output a = σ(z) against a target y (see `sigmoid_loss`):
    columns z, a, bce, mse and their derivatives w.r.t. z, d_bce and d_mse."""
    z = _vec(z)
    bce, d_bce = sigmoid_loss(y, z, "ce")
    mse, d_mse = sigmoid_loss(y, z, "mse")
    return pd.DataFrame({"z": z, "a": sigmoid(z), "bce": bce, "mse": mse,
                         "d_bce": d_bce, "d_mse": d_mse})


def confidently_wrong(y: float, lo: float, hi: float, margin: float = 0.9) -> tuple[float, float]:
    """The interval of z in [lo, hi] where the output is wrong by more than `margin`: |σ(z) − y| > margin.

    For y = 1 that is z < −logit(margin), for y = 0 it is z > logit(margin); y must be 0 or 1.
    """
    edge = float(np.log(margin / (1 - margin)))
    return (lo, -edge) if y == 1 else (edge, hi)


def parse_numbers(text: str, max_n: int = MAX_CATEGORIES,
                  nonnegative: bool = False) -> tuple[np.ndarray, list[Problem]]:
    """Finite numbers from a text like '5, 3, 2' (commas or spaces). Bad entries are skipped
    and reported, never raised; at most `max_n` are kept, the first one beyond is reported."""
    values, problems = [], []
    for token in filter(None, re.split(r"[,;\s]+", text.strip())):
        try:
            x = float(token)
        except ValueError:
            x = math.nan
        if not math.isfinite(x):
            problems.append(Problem.of(token, "not_number"))
        elif nonnegative and x < 0:
            problems.append(Problem.of(token, "negative"))
        elif len(values) == max_n:
            problems.append(Problem.of(token, "too_many"))  # said once: the rest goes too
            break
        else:
            values.append(x)
    return np.array(values, dtype=np.float64), problems


def normalize(weights) -> np.ndarray:
    """weights / Σ weights; raises on fewer than 2 entries or a zero sum."""
    w = _vec(weights)
    top = np.abs(w).max(initial=0.0)
    # scaled first: 1e308 + 1e308 overflows to inf, and every share would read 0
    v = w / top if top > 0 else w
    if v.size < 2 or not v.sum() > 0:
        raise ValueError(f"Invalid weights: {w.tolist()} (need at least 2, not all zero)")
    return v / v.sum()
