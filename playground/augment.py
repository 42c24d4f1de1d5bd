"""Data augmentation: jittered, rotated and reflected copies of a small 2-D training set, and
how the gap between training and test accuracy closes as copies are added. The networks are
trained by `ensembles.fit`.
"""
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from playground.data import make_dataset
from playground.ensembles import (BAG_NET, TEST_POINTS, Plane, accuracy, fit, log_loss, on_plane,
                                  plane_over, points_frame)

AUG_NET = BAG_NET
AUG_DATASETS = ("circle", "moons")  # the circle's labels keep under rotation and reflection
AUG_NOISE = 0.3  # labels read off jittered points: a blurred border a network can memorise
AUG_POINTS = 30
COPIES = (0, 1, 2, 4, 8, 16)


def augment(X, y, copies: int, jitter: float = 0.0, angle: float = 0.0, reflect: bool = False,
            seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """The points, then `copies` transformed copies of all of them (copy c of point i at row
    (c + 1)·n + i), labels copied: each copy turned about the origin by an angle drawn
    uniformly from [−angle, angle] degrees, then, with `reflect`, each coordinate's sign
    flipped with probability 1/2, then moved by Gaussian noise of standard deviation
    `jitter`. Copy c of the points is the same whatever `copies` is (c < copies)."""
    if not (isinstance(copies, int) and copies >= 0):
        raise ValueError(f"Invalid copies: {copies!r} (expected an integer >= 0)")
    if not (0 <= jitter < math.inf and 0 <= angle <= 180):
        raise ValueError(f"Invalid augmentation: jitter={jitter!r}, angle={angle!r} "
                         "(expected jitter >= 0 and 0 <= angle <= 180)")
    X, y = np.asarray(X, np.float64), np.asarray(y)
    n = len(X)
    out = [X]
    for c in range(copies):
        rng = np.random.default_rng([seed, c])
        t = np.deg2rad(rng.uniform(-angle, angle, n))
        cos, sin = np.cos(t), np.sin(t)
        Z = np.stack([cos * X[:, 0] - sin * X[:, 1], sin * X[:, 0] + cos * X[:, 1]], 1)
        flips = rng.choice([-1.0, 1.0], (n, 2))  # drawn either way: the jitter stays the same
        if reflect:
            Z = Z * flips
        out.append(Z + jitter * rng.standard_normal((n, 2)))
    return np.concatenate(out).astype(np.float32), np.tile(y, copies + 1).astype(np.float32)


@dataclass(frozen=True)
class Augmentation:
    """One network per amount of augmentation, same initial weights, on one small set."""
    table: pd.DataFrame      # copies, points, loss, test_loss, accuracy, test_accuracy, gap
                             # (training − test accuracy); scores on the originals
    train: tuple[np.ndarray, np.ndarray]   # every point made, the originals first
    test: tuple[np.ndarray, np.ndarray]
    plane: Plane
    maps: np.ndarray         # (len(COPIES), G, G) P(class 1) on the grid

    def __repr__(self):
        return f"Augmentation(copies={tuple(self.table['copies'])})"

    def map_of(self, copies: int) -> np.ndarray:
        """P(class 1) on the grid of the network trained with `copies` copies (G, G)."""
        return self.maps[COPIES.index(copies)]

    def points(self, copies: int, original: str, copy: str) -> pd.DataFrame:
        """The points that network trained on, as points_frame rows: the originals (set
        `original`), then the copies (set `copy`) that fall on the map."""
        n = int(self.table["points"].iloc[0])
        X, y = self.train[0][:n * (copies + 1)], self.train[1][:n * (copies + 1)]
        xs, ys = self.plane.xs, self.plane.ys
        inside = ((X[:, 0] >= xs[0]) & (X[:, 0] <= xs[-1]) & (X[:, 1] >= ys[0])
                  & (X[:, 1] <= ys[-1]))
        inside[:n] = True  # the box is drawn round the originals
        kind = np.where(np.arange(len(y)) < n, original, copy)
        return points_frame(X[inside], y[inside], "").assign(set=kind[inside])


def augmentation(dataset: str, jitter: float, angle: float, reflect: bool,
                 seed: int = 0) -> Augmentation:
    """AUG_NET trained on AUG_POINTS points of `dataset` plus c transformed copies of each, for
    every c in COPIES (nested sets: c copies are the first c of the largest set). The
    training scores are on the original points only: what the network memorised."""
    if dataset not in AUG_DATASETS:
        raise ValueError(f"Unknown dataset: {dataset!r} (expected one of {AUG_DATASETS})")
    X, y = make_dataset(dataset, AUG_POINTS + TEST_POINTS, AUG_NOISE, seed)
    Xtr, ytr, Xte, yte = X[:AUG_POINTS], y[:AUG_POINTS], X[AUG_POINTS:], y[AUG_POINTS:]
    Xa, ya = augment(Xtr, ytr, max(COPIES), jitter, angle, reflect, seed)
    sizes = [AUG_POINTS * (c + 1) for c in COPIES]
    weights = np.array([np.arange(len(ya)) < s for s in sizes], np.float32)  # (C, N)
    init = int(np.random.default_rng([seed, 2]).integers(2**31))
    fitted = fit(AUG_NET, Xa, ya, [init] * len(COPIES), weights)
    z_tr, z_te = fitted.logits(Xtr), fitted.logits(Xte)
    table = pd.DataFrame({
        "copies": COPIES,
        "points": [len(ytr) * (c + 1) for c in COPIES],
        "loss": [log_loss(z, ytr) for z in z_tr],
        "test_loss": [log_loss(z, yte) for z in z_te],
        "accuracy": [accuracy(ytr, z > 0) for z in z_tr],
        "test_accuracy": [accuracy(yte, z > 0) for z in z_te]})
    table["gap"] = table["accuracy"] - table["test_accuracy"]
    plane = plane_over(X)
    return Augmentation(table, (Xa, ya), (Xte, yte), plane, on_plane(fitted, plane))
