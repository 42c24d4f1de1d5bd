"""Toy 2-D datasets in the spirit of TensorFlow Playground."""
import csv
import io
import numbers

import numpy as np

# Every dataset lives in about [-1, 1]^2 (TF Playground's radius-5 world divided by 5),
# so inputs are unit scale, as the initializers' variance arguments assume.
# noise in [0, 1] plays the role of TF Playground's 0..50% slider.


def circle(n, noise, rng):
    """Disc (label 1) inside a ring (label 0)."""
    r = np.concatenate([rng.uniform(0.0, 0.5, n // 2), rng.uniform(0.7, 1.0, n - n // 2)])
    t = rng.uniform(0.0, 2 * np.pi, n)
    X = np.stack([r * np.cos(t), r * np.sin(t)], 1)  # (n, 2)
    # as TF Playground: the label is read off a jittered copy, so noise blurs the boundary, not the points
    jitter = rng.uniform(-1.0, 1.0, (n, 2)) * noise
    y = np.linalg.norm(X + jitter, axis=1) < 0.5
    return X, y


def xor(n, noise, rng):
    """Quadrants: label 1 where x1 * x2 > 0."""
    # keep points off the axes (TF's padding) so the classes are separable at zero noise
    X = rng.uniform(0.05, 1.0, (n, 2)) * rng.choice([-1.0, 1.0], (n, 2))
    jitter = rng.uniform(-1.0, 1.0, (n, 2)) * noise
    y = np.prod(X + jitter, axis=1) > 0
    return X, y


def gaussians(n, noise, rng, classes=2):
    """Isotropic blobs: two at (0.4, 0.4) (label 1) and (-0.4, -0.4) (label 0), or `classes`
    blobs evenly spaced on a circle of radius 0.55 (labels 0..classes-1)."""
    std = np.sqrt(0.5 + 3.5 * noise) / 5  # TF's variance lerp(0.5, 4, noise), rescaled
    if classes == 2:
        y = np.arange(n) < n // 2
        return np.where(y, 0.4, -0.4)[:, None] + rng.normal(0.0, std, (n, 2)), y
    y = np.arange(n) % classes
    angle = 2 * np.pi * y / classes + np.pi / 4
    centres = 0.55 * np.stack([np.cos(angle), np.sin(angle)], 1)
    return centres + rng.normal(0.0, std, (n, 2)), y


def spiral(n, noise, rng, classes=2):
    """Interleaved spiral arms of 1.75 turns, one per class (labels 0..classes-1; two arms:
    label 1 is the arm rotated by pi)."""
    y = (np.arange(n) < n // 2).astype(int) if classes == 2 else np.arange(n) % classes
    u = rng.uniform(0.0, 1.0, n)  # position along the arm: radius and angle grow together
    t = 1.75 * 2 * np.pi * u + 2 * np.pi * y / classes  # arm j is arm 0 rotated by 2 pi j / k
    X = u[:, None] * np.stack([np.sin(t), np.cos(t)], 1) + rng.uniform(-1.0, 1.0, (n, 2)) * noise / 5
    return X, y


def moons(n, noise, rng):
    """Two interleaving half circles (sklearn's make_moons), centred and scaled into [-1, 1]."""
    y = np.arange(n) < n // 2
    t = rng.uniform(0.0, np.pi, n)
    upper = np.stack([np.cos(t), np.sin(t)], 1)
    lower = np.stack([1 - np.cos(t), 0.5 - np.sin(t)], 1)
    X = (np.where(y[:, None], lower, upper) - [0.5, 0.25]) / 1.5 + rng.normal(0.0, 0.2 * noise, (n, 2))
    return X, y


def plane(n, noise, rng):
    """Regression target (x1 + x2) / 2, read off jittered inputs as TF Playground does."""
    X = rng.uniform(-1.0, 1.0, (n, 2))
    jitter = rng.uniform(-1.0, 1.0, (n, 2)) * noise
    y = (X + jitter).sum(1) / 2
    return X, y


DATASETS = {f.__name__: f for f in (circle, xor, gaussians, spiral, moons, plane)}
REGRESSION = {"plane"}
MULTICLASS = {"gaussians", "spiral"}  # these also draw 3 to 5 classes
MAX_CLASSES = 5


def _is_int(x):
    return isinstance(x, numbers.Integral) and not isinstance(x, bool)


def make_dataset(name, n=500, noise=0.0, seed=0, classes=2):
    """Draw n points of a named dataset: X float32 (n, 2), y float32 (n,) (class ids 0..classes-1,
    or regression targets). Only MULTICLASS datasets take classes > 2."""
    if name not in DATASETS:
        raise ValueError(f"Unknown dataset: {name!r} (expected one of {tuple(DATASETS)})")
    if not _is_int(n) or n < 1:
        raise ValueError(f"Invalid number of points: {n!r} (expected an integer >= 1)")
    if not 0.0 <= noise <= 1.0:
        raise ValueError(f"Invalid noise: {noise!r} (expected a fraction in [0, 1])")
    if not _is_int(seed) or seed < 0:
        raise ValueError(f"Invalid seed: {seed!r} (expected an integer >= 0)")
    if not _is_int(classes) or not 2 <= classes <= (MAX_CLASSES if name in MULTICLASS else 2):
        raise ValueError(f"Invalid classes for {name!r}: {classes!r} (expected 2"
                         + (f"..{MAX_CLASSES})" if name in MULTICLASS else ")"))
    rng = np.random.default_rng(seed)
    X, y = DATASETS[name](n, noise, rng, classes) if classes > 2 else DATASETS[name](n, noise, rng)
    p = rng.permutation(n)  # generators emit classes in blocks; shuffle so any prefix is a fair sample
    return X[p].astype(np.float32), y[p].astype(np.float32)


def train_test_split(X, y, train_frac, seed):
    """Random disjoint split into (Xtr, ytr, Xte, yte) with round(n * train_frac) training points."""
    n = len(X)
    if len(y) != n:
        raise ValueError(f"X and y disagree on the number of points: {n} vs {len(y)}")
    if not 0.0 < train_frac < 1.0:
        raise ValueError(f"Invalid train_frac: {train_frac!r} (expected 0 < train_frac < 1)")
    k = round(n * train_frac)
    if not 0 < k < n:
        raise ValueError(f"train_frac={train_frac} leaves one split of {n} points empty")
    p = np.random.default_rng(seed).permutation(n)
    return X[p[:k]], y[p[:k]], X[p[k:]], y[p[k:]]


MAX_UPLOAD_BYTES = 1_000_000
MAX_POINTS = 5000
MAX_VALUE = 1000  # |coordinate| and |regression target|: squared errors stay far inside float32
COLUMNS = ("x1", "x2", "label")


def parse_points(raw: bytes) -> tuple[np.ndarray | None, np.ndarray | None, list[tuple[str, dict]]]:
    """Own points from CSV text with a header x1,x2,label: (X float32 (n, 2), y float32 (n,),
    problems). Labels are class ids 0..MAX_CLASSES-1 (at least two classes) or, if any is not a
    whole number, regression targets; coordinates and targets lie within ±MAX_VALUE. On any
    problem X and y are None and problems lists
    (code, details) pairs for the caller to put in words; nothing raises."""
    fail = lambda code, **details: (None, None, [(code, details)])  # noqa: E731
    if len(raw) > MAX_UPLOAD_BYTES:
        return fail("too_big", limit=MAX_UPLOAD_BYTES // 1000)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return fail("encoding")
    try:  # newline="": csv splits lines itself, so a bare \r (old Mac files) ends one too
        rows = [r for r in csv.reader(io.StringIO(text, newline="")) if any(c.strip() for c in r)]
    except csv.Error:  # e.g. a field beyond csv's 131,072 characters: no number is that long
        return fail("unreadable", limit=csv.field_size_limit())
    if not rows or tuple(c.strip().lower() for c in rows[0]) != COLUMNS:
        return fail("columns", found=",".join(rows[0])[:60] if rows else "")
    body = rows[1:]
    if not 4 <= len(body) <= MAX_POINTS:
        return fail("count", n=len(body), lo=4, hi=MAX_POINTS)
    values = np.empty((len(body), 3))
    for i, r in enumerate(body, start=2):  # line numbers as a spreadsheet shows them
        if len(r) != 3:
            return fail("row", line=i)
        try:
            values[i - 2] = [float(c) for c in r]
        except ValueError:
            return fail("number", line=i)
        if not np.isfinite(values[i - 2]).all():
            return fail("finite", line=i)
    X, y = values[:, :2], values[:, 2]
    if np.abs(X).max() > MAX_VALUE:
        return fail("range", limit=MAX_VALUE)
    if np.all(y == np.round(y)):
        ids = np.unique(y)
        if ids.min() < 0 or ids.max() >= MAX_CLASSES or len(ids) < 2:
            return fail("labels", top=MAX_CLASSES - 1)
    elif np.abs(y).max() > MAX_VALUE:  # 1e300 is finite in float64, inf in float32
        return fail("target_range", limit=MAX_VALUE)
    return X.astype(np.float32), y.astype(np.float32), []


def task_of(y: np.ndarray) -> str:
    """binary, multiclass (whole-number labels) or regression."""
    if not np.all(y == np.round(y)):
        return "regression"
    return "multiclass" if y.max() >= 2 else "binary"
