"""ReLUs whose negative slope is not fixed: PReLU learns it (He et al. 2015), RReLU draws it
at random in training and uses the mean slope at test (Xu et al. 2015)."""
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
import torch
import torch.nn.functional as F
from torch import nn

from playground.data import make_dataset
from playground.inits import init_weight_

DATASETS = ("circle", "xor", "gaussians", "spiral", "moons")  # the two-class ones
SLOPES = (0.0, 0.1, 0.25, 0.5, 1.0)  # PReLU's slope at the start; torch's default is 0.25
RRELU = (1 / 8, 1 / 3)  # torch's default lower and upper slope


# -- PReLU: a slope learned by gradient descent -------------------------------------------------

def prelu_net(init: float = 0.25, width: int = 8, depth: int = 2, seed: int = 0) -> nn.Sequential:
    """Linear -> nn.PReLU (one slope per layer, torch's default) `depth` times, then a linear
    head; weights He-normal for that slope (He et al. 2015 derived it for PReLU), biases 0."""
    if not (math.isfinite(init) and -1 <= init <= 1):
        raise ValueError(f"Invalid initial slope: {init!r} (expected a number in [-1, 1])")
    dims = [2] + [width] * depth
    layers = []
    # nn.Linear draws a default init from the global generator, overwritten below: fork it
    with torch.random.fork_rng(devices=[]):
        for i in range(depth):
            layers += [nn.Linear(dims[i], dims[i + 1]), nn.PReLU(init=init)]
        net = nn.Sequential(*layers, nn.Linear(width, 1)).double()
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for m in net:
            if isinstance(m, nn.Linear):
                init_weight_(m.weight, "kaiming_normal", 1.0, abs(init), g)
                m.bias.zero_()
    return net


@dataclass(frozen=True)
class PReLURun:
    """One training run of `prelu_net`, step by step (step 0 is the start)."""
    slopes: pd.DataFrame  # step, layer_1 .. layer_<depth>: each PReLU's slope after that step
    loss: pd.DataFrame    # step, loss: binary cross-entropy on all training points
    grads: np.ndarray     # (steps, depth): d(minibatch loss)/d(slope) at each step
    accuracy: float       # on all training points at the end

    def __repr__(self):
        last = self.slopes.iloc[-1, 1:].round(3).tolist()
        return f"PReLURun(steps={len(self.grads)}, slopes={last}, accuracy={self.accuracy:.2f})"


def train_prelu(dataset: str = "circle", init: float = 0.25, steps: int = 300, lr: float = 0.02,
                batch: int = 20, n: int = 200, noise: float = 0.1, width: int = 8,
                depth: int = 2, seed: int = 0) -> PReLURun:
    """Train `prelu_net` with torch.optim.Adam on minibatches of a 2-D dataset (a fresh seeded
    permutation each epoch), recording every slope after each step."""
    if dataset not in DATASETS:
        raise ValueError(f"Unknown dataset: {dataset!r} (expected one of {DATASETS})")
    if not (isinstance(steps, int) and 0 <= steps <= 100_000):
        raise ValueError(f"Invalid steps: {steps!r} (expected an integer in 0..100000)")
    if not (isinstance(batch, int) and 1 <= batch <= n):
        raise ValueError(f"Invalid batch: {batch!r} (expected an integer in 1..{n})")
    X, y = (torch.from_numpy(a).double() for a in make_dataset(dataset, n, noise, seed))
    net = prelu_net(init, width, depth, seed)
    prelus = [m for m in net if isinstance(m, nn.PReLU)]
    opt = torch.optim.Adam(net.parameters(), lr=lr)
    gen = torch.Generator().manual_seed(seed)
    slopes = torch.empty(steps + 1, depth, dtype=torch.float64)
    losses = torch.empty(steps + 1, dtype=torch.float64)
    grads = torch.empty(steps, depth, dtype=torch.float64)
    per_epoch = n // batch
    with torch.no_grad():
        slopes[0] = torch.cat([m.weight for m in prelus])
        losses[0] = F.binary_cross_entropy_with_logits(net(X)[:, 0], y)
    for s in range(steps):
        if s % per_epoch == 0:
            order = torch.randperm(n, generator=gen)
        idx = order[(s % per_epoch) * batch:(s % per_epoch + 1) * batch]
        loss = F.binary_cross_entropy_with_logits(net(X[idx])[:, 0], y[idx])
        opt.zero_grad()
        loss.backward()
        grads[s] = torch.cat([m.weight.grad for m in prelus])
        opt.step()
        with torch.no_grad():
            slopes[s + 1] = torch.cat([m.weight for m in prelus])
            losses[s + 1] = F.binary_cross_entropy_with_logits(net(X)[:, 0], y)
    with torch.no_grad():
        accuracy = float(((net(X)[:, 0] > 0).double() == y).double().mean())
    table = pd.DataFrame(slopes.numpy(), columns=[f"layer_{l}" for l in range(1, depth + 1)])
    table.insert(0, "step", np.arange(steps + 1))
    return PReLURun(table, pd.DataFrame({"step": np.arange(steps + 1), "loss": losses.numpy()}),
                    grads.numpy(), accuracy)


# -- RReLU: a random slope in training, the mean slope at test ----------------------------------

def _check_bounds(lower, upper):
    if not (math.isfinite(lower) and math.isfinite(upper) and 0 <= lower < upper <= 1):
        raise ValueError(f"Invalid slopes: lower={lower!r}, upper={upper!r} "
                         "(expected 0 <= lower < upper <= 1)")


def rrelu_train(z, lower: float = RRELU[0], upper: float = RRELU[1], draws: int = 1000,
                seed: int = 0) -> np.ndarray:
    """(draws, len(z)): `draws` train-mode passes of nn.RReLU over z, each negative entry with
    its own slope drawn from U(lower, upper). torch draws them from its global generator,
    seeded here inside a fork so the caller's random state is left as it was."""
    _check_bounds(lower, upper)
    if not (isinstance(draws, int) and 1 <= draws <= 100_000):
        raise ValueError(f"Invalid draws: {draws!r} (expected an integer in 1..100000)")
    z = torch.as_tensor(np.asarray(z, np.float64)).reshape(1, -1).expand(draws, -1)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        return nn.RReLU(lower, upper).train()(z.clone()).numpy()


def rrelu_eval(z, lower: float = RRELU[0], upper: float = RRELU[1]) -> np.ndarray:
    """nn.RReLU in eval mode: z, or z times the mean slope (lower + upper) / 2 where z < 0."""
    _check_bounds(lower, upper)
    return nn.RReLU(lower, upper).eval()(torch.as_tensor(np.asarray(z, np.float64))).numpy()


def rrelu_band(lower: float = RRELU[0], upper: float = RRELU[1], lo: float = -3.0,
               hi: float = 3.0, n: int = 61, draws: int = 1000, seed: int = 0) -> pd.DataFrame:
    """Over a grid of z: columns z, eval (the test-time output), one (a single train-mode
    pass), low and high (the extremes of `draws` passes), mean (their average)."""
    if not (lo < 0 < hi and n >= 3):
        raise ValueError(f"Invalid grid: lo={lo}, hi={hi}, n={n} (expected lo < 0 < hi, n >= 3)")
    z = np.linspace(lo, hi, n)
    out = rrelu_train(z, lower, upper, draws, seed)  # (draws, n)
    return pd.DataFrame({"z": z, "eval": rrelu_eval(z, lower, upper), "one": out[0],
                         "low": out.min(0), "high": out.max(0), "mean": out.mean(0)})


@dataclass(frozen=True)
class RReLUAt:
    """Train-mode outputs of nn.RReLU at one negative z, against the law they follow."""
    hist: pd.DataFrame   # lo, hi, density: histogram of the draws
    curve: pd.DataFrame  # x, density: the uniform density on [upper z, lower z]
    eval: float          # the test-time output, z (lower + upper) / 2
    mean: float          # of the draws
    sd: float            # of the draws
    sd_exact: float      # (upper - lower) |z| / sqrt(12)

    def __repr__(self):
        return f"RReLUAt(eval={self.eval:.4g}, mean={self.mean:.4g}, sd={self.sd:.4g})"


def rrelu_at(z: float = -2.0, lower: float = RRELU[0], upper: float = RRELU[1],
             draws: int = 2000, bins: int = 25, seed: int = 0) -> RReLUAt:
    """`draws` train-mode outputs at z < 0 (each z a'; a' ~ U(lower, upper)) as a histogram
    over [upper z, lower z], with the closed-form density 1 / ((upper - lower) |z|) there."""
    if not (math.isfinite(z) and z < 0):
        raise ValueError(f"Invalid z: {z!r} (expected a number < 0: RReLU passes z >= 0 as is)")
    out = rrelu_train([z], lower, upper, draws, seed)[:, 0]
    a, b = upper * z, lower * z
    counts, edges = np.histogram(out, bins=bins, range=(a, b))
    width = (b - a) / bins
    h = 1 / (b - a)
    return RReLUAt(
        pd.DataFrame({"lo": edges[:-1], "hi": edges[1:], "density": counts / (draws * width)}),
        pd.DataFrame({"x": [a, a, b, b], "density": [0.0, h, h, 0.0]}),
        float(rrelu_eval([z], lower, upper)[0]), float(out.mean()), float(out.std()),
        (upper - lower) * abs(z) / math.sqrt(12))
