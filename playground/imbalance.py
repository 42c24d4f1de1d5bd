"""A rare class: accuracy against balanced accuracy, and two fixes measured against the
always-0 baseline, a loss weighted by the classes' sizes and a moved threshold. The networks
are trained by `ensembles.fit`.
"""
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from playground.data import make_dataset
from playground.ensembles import Plane, Scores, fit, on_plane, plane_over, scores
from playground.nets import NetConfig

IMB_NET = NetConfig(depth=1, width=8, activation="tanh")
IMB_NOISE = 1.0  # overlapping blobs: some points of each class sit among the other's
IMB_POINTS, IMB_TEST = 200, 4000
SHARES = (0.5, 0.2, 0.1, 0.05, 0.02)


def imbalanced(share: float, sizes: Sequence[int], seed: int = 0):
    """Disjoint sets of the two Gaussian blobs, one per size n in `sizes`, each with
    round(share · n) points of class 1 (at least 1, at most n − 1): [(X, y), ...], all drawn
    from one seeded pool."""
    if not (0 < share < 1 and sizes and all(isinstance(n, int) and n >= 2 for n in sizes)):
        raise ValueError(f"Invalid imbalance: share={share!r}, sizes={sizes!r}")
    X, y = make_dataset("gaussians", 2 * sum(sizes), IMB_NOISE, seed)
    ones, zeros = np.flatnonzero(y == 1), np.flatnonzero(y == 0)
    out, a, b = [], 0, 0
    for n in sizes:
        n1 = min(max(1, round(share * n)), n - 1)
        keep = np.sort(np.concatenate([ones[a:a + n1], zeros[b:b + n - n1]]))  # still shuffled
        out.append((X[keep], y[keep]))
        a, b = a + n1, b + n - n1
    return out


def balancing_weight(y) -> float:
    """pos_weight = (points of class 0) / (points of class 1): weighted, the rare class adds as
    much to the loss as the common one."""
    y = np.asarray(y) > 0.5
    if not 0 < y.sum() < len(y):
        raise ValueError("Both classes need at least one point")
    return float((~y).sum() / y.sum())


def reweighted(p, pos_weight: float):
    """Where a perfectly fitted plain network says P(class 1) = p, the network fitted with the
    weighted loss says w·p / (w·p + 1 − p): the weighted loss's minimum for a label that is 1
    with probability p. Above 1/2 exactly where p > 1/(1 + w), the share of class 1 when
    w balances the classes."""
    p = np.asarray(p, np.float64)
    return pos_weight * p / (pos_weight * p + 1 - p)


@dataclass(frozen=True)
class Imbalance:
    """A plain and a class-weighted network on data where class 1 is rare."""
    share: float             # of class 1, in training and test data alike
    pos_weight: float
    train: tuple[np.ndarray, np.ndarray]
    test: tuple[np.ndarray, np.ndarray]
    plane: Plane
    plain_map: np.ndarray    # (G, G)
    weighted_map: np.ndarray
    test_plain: np.ndarray   # (M,) P(class 1) on the test points
    test_weighted: np.ndarray

    def __repr__(self):
        return f"Imbalance(share={self.share}, pos_weight={self.pos_weight:.3g})"

    def variants(self, threshold: float) -> dict[str, Scores]:
        """Test scores of always answering 0 ("majority"), of the plain network at 0.5
        ("plain") and at `threshold` ("moved"), and of the weighted one at 0.5 ("weighted")."""
        y = self.test[1]
        return {"majority": scores(0 * self.test_plain, y, 0.5),
                "plain": scores(self.test_plain, y, 0.5),
                "moved": scores(self.test_plain, y, threshold),
                "weighted": scores(self.test_weighted, y, 0.5)}


def imbalance(share: float, seed: int = 0) -> Imbalance:
    """IMB_NET trained twice on IMB_POINTS points with `share` of class 1, same initial
    weights: with plain binary cross-entropy and with pos_weight = balancing_weight; both
    scored on IMB_TEST new points of the same share."""
    (Xtr, ytr), (Xte, yte) = imbalanced(share, (IMB_POINTS, IMB_TEST), seed)
    w = balancing_weight(ytr)
    init = int(np.random.default_rng([seed, 3]).integers(2**31))
    fitted = fit(IMB_NET, Xtr, ytr, [init, init], pos_weight=[1.0, w])
    plane = plane_over(Xtr)
    maps, test = on_plane(fitted, plane), fitted.prob(Xte)
    return Imbalance(float(ytr.mean()), w, (Xtr, ytr), (Xte, yte), plane, maps[0], maps[1],
                     test[0], test[1])
