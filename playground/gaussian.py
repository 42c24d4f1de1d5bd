"""Why the Gaussian: the central limit theorem on uniform means, and maximum entropy."""
import math

import numpy as np
import pandas as pd


def uniform_means(k: int, n: int = 20000, seed: int = 0) -> np.ndarray:
    """n samples of the mean of k i.i.d. U(0, 1) variables: (n,); mean 1/2, variance 1/(12k)."""
    if not (isinstance(k, int) and k >= 1):
        raise ValueError(f"Invalid k: {k!r} (expected an integer >= 1)")
    return np.random.default_rng(seed).random((n, k)).mean(1)


def normal_pdf(x, mean: float, var: float) -> np.ndarray:
    """The normal density N(mean, var) at x."""
    x = np.asarray(x, dtype=np.float64)
    return np.exp(-0.5 * (x - mean) ** 2 / var) / math.sqrt(2 * math.pi * var)


def entropies(var: float = 1.0) -> dict[str, float]:
    """Differential entropies (nats) of uniform, Laplace and Gaussian with the same variance;
    the Gaussian's is the largest (Cover & Thomas, Theorem 8.6.5)."""
    if not var > 0:
        raise ValueError(f"Invalid variance: {var!r} (expected > 0)")
    width = math.sqrt(12 * var)      # U(a, b): var = (b - a)^2 / 12
    b = math.sqrt(var / 2)           # Laplace(b): var = 2 b^2
    return {"uniform": math.log(width), "laplace": 1 + math.log(2 * b),
            "gaussian": 0.5 * math.log(2 * math.pi * math.e * var)}


def clt_histogram(k: int, bins: int = 40, n: int = 20000, seed: int = 0):
    """(hist, curve): the density histogram of uniform_means (columns lo, hi, density) and the
    normal density with the same mean and variance on [0, 1] (columns x, density)."""
    density, edges = np.histogram(uniform_means(k, n, seed), bins=bins, range=(0.0, 1.0),
                                  density=True)
    x = np.linspace(0.0, 1.0, 201)
    hist = pd.DataFrame({"lo": edges[:-1], "hi": edges[1:], "density": density})
    return hist, pd.DataFrame({"x": x, "density": normal_pdf(x, 0.5, 1 / (12 * k))})
