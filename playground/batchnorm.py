"""Batch norm's parts: what a convolution layer's batch norm averages over, the learnable
scale and shift that can undo it, and what goes wrong when the running averages stand in for
the batch statistics during training (Ioffe & Szegedy 2015, sections 2 and 3)."""
import math

import numpy as np
import pandas as pd
import torch
import torch.nn.functional as F
from torch import nn

from playground.data import make_dataset
from playground.nets import NetConfig, build_mlp
from playground.norms import EPS, batch_norm

CHANNELS = 3


# -- per channel (BatchNorm2d) or per feature (BatchNorm1d on the flattened map) ----------------

def feature_maps(n: int = 8, size: int = 4, channels: int = CHANNELS,
                 seed: int = 0) -> np.ndarray:
    """A batch of convolution outputs (n, channels, size, size): every map has a bright centre
    (a bump shared by the whole batch, as a centred object in every image would give), each
    channel its own level and contrast, plus noise of its own per example."""
    if not (isinstance(n, int) and n >= 2 and isinstance(size, int) and size >= 1
            and isinstance(channels, int) and channels >= 1):
        raise ValueError(f"Invalid shape: n={n!r}, size={size!r}, channels={channels!r} "
                         "(expected integers, n >= 2, size >= 1, channels >= 1)")
    rng = np.random.default_rng(seed)
    r = np.linspace(-1, 1, size) if size > 1 else np.zeros(1)
    bump = np.exp(-2 * (r[:, None] ** 2 + r[None, :] ** 2))  # (size, size), 1 at the centre
    level = np.linspace(-1.0, 2.0, channels)[:, None, None]
    contrast = np.geomspace(1.0, 3.0, channels)[:, None, None]
    return level + contrast * (2 * bump + 0.4 * rng.standard_normal((n, channels, size, size)))


def bn2d(x) -> np.ndarray:
    """nn.BatchNorm2d in train mode: each channel normalized with one mean and variance over
    all N x H x W of its values. (N, C, H, W)."""
    x = np.asarray(x, np.float64)
    n, c, h, w = x.shape
    flat = x.transpose(0, 2, 3, 1).reshape(n * h * w, c)  # one row per (example, position)
    return batch_norm(flat).reshape(n, h, w, c).transpose(0, 3, 1, 2)


def bn1d_flat(x) -> np.ndarray:
    """nn.BatchNorm1d on the flattened map (N, C x H x W): every (channel, position) normalized
    on its own, over the N examples only."""
    x = np.asarray(x, np.float64)
    return batch_norm(x.reshape(len(x), -1)).reshape(x.shape)


def counts(n: int, channels: int, size: int) -> pd.DataFrame:
    """How many means each way computes, over how many values each, and how many learnable
    parameters (gamma and beta) it holds: columns way (bn2d, bn1d), means, values, params."""
    cells = size * size
    return pd.DataFrame({"way": ["bn2d", "bn1d"], "means": [channels, channels * cells],
                         "values": [n * cells, n], "params": [2 * channels, 2 * channels * cells]})


# -- the learnable scale and shift --------------------------------------------------------------

def undo_affine(x, eps: float = EPS) -> tuple[np.ndarray, np.ndarray]:
    """(gamma, beta) per feature of a batch x (N, C) that make batch norm give x back:
    gamma = sqrt(sigma_B^2 + eps), beta = mu_B."""
    x = np.asarray(x, np.float64)
    return np.sqrt(x.var(0) + eps), x.mean(0)


def partial_undo(x, share: float, eps: float = EPS) -> dict[str, np.ndarray]:
    """Batch norm of x (N, C) with gamma and beta `share` of the way from (1, 0) to the values
    that undo it: x, xhat (the normalized batch), gamma, beta, y (the output)."""
    if not (math.isfinite(share) and 0 <= share <= 1):
        raise ValueError(f"Invalid share: {share!r} (expected a number in [0, 1])")
    x = np.asarray(x, np.float64)
    g, b = undo_affine(x, eps)
    gamma, beta = 1 + share * (g - 1), share * b
    xhat = batch_norm(x, eps=eps)
    return {"x": x, "xhat": xhat, "gamma": gamma, "beta": beta, "y": gamma * xhat + beta}


def learn_identity(x, lr: float = 0.2, steps: int = 60) -> pd.DataFrame:
    """nn.BatchNorm1d (gamma = 1, beta = 0 at the start) trained with torch.optim.SGD so that
    its output on the fixed batch x (N, C) matches x (mean squared error). Columns step, then
    gamma_<c> and beta_<c> for every feature c = 1..C after that step.

    The loss is quadratic in (gamma, beta): gamma approaches sqrt(sigma^2 + eps) by the factor
    1 - 2 lr s / C a step, with s = sigma^2 / (sigma^2 + eps), and beta approaches mu by
    1 - 2 lr / C."""
    if not (math.isfinite(lr) and lr > 0):
        raise ValueError(f"Invalid learning rate: {lr!r}")
    if not (isinstance(steps, int) and 0 <= steps <= 10_000):
        raise ValueError(f"Invalid steps: {steps!r} (expected an integer in 0..10000)")
    xt = torch.as_tensor(np.asarray(x, np.float64))
    c = xt.shape[1]
    bn = nn.BatchNorm1d(c, eps=EPS, dtype=torch.float64)
    opt = torch.optim.SGD(bn.parameters(), lr=lr)
    rows = np.empty((steps + 1, 2 * c))
    rows[0] = torch.cat([bn.weight, bn.bias]).detach().numpy()
    for s in range(steps):
        loss = F.mse_loss(bn(xt), xt)
        opt.zero_grad()
        loss.backward()
        opt.step()
        rows[s + 1] = torch.cat([bn.weight, bn.bias]).detach().numpy()
    out = pd.DataFrame(rows, columns=[f"gamma_{i}" for i in range(1, c + 1)]
                       + [f"beta_{i}" for i in range(1, c + 1)])
    out.insert(0, "step", np.arange(steps + 1))
    return out


# -- running averages in place of the batch statistics, during training -------------------------

class RunningNorm(nn.BatchNorm1d):
    """Batch norm that, in train mode too, normalizes with its running averages: it first
    folds the batch into them (as nn.BatchNorm1d does), then normalizes with them as eval mode
    would. The statistics are then constants to the gradient."""

    def forward(self, x):
        if not self.training:
            return super().forward(x)
        with torch.no_grad():
            F.batch_norm(x, self.running_mean, self.running_var, None, None, True,
                         self.momentum, self.eps)
        return F.batch_norm(x, self.running_mean, self.running_var, self.weight, self.bias,
                            False, 0.0, self.eps)


MODES = ("batch", "running")


def train_with_stats(mode: str, momentum: float = 0.1, lr: float = 0.3, steps: int = 300,
                     batch: int = 16, width: int = 16, depth: int = 2, n: int = 200,
                     seed: int = 0) -> pd.DataFrame:
    """Train a tanh MLP with batch norm (`build_mlp`, Xavier init) with plain SGD on the
    circle data, normalizing with the batch statistics ("batch") or with the running averages
    ("running", `RunningNorm`); the same minibatches either way. One row per step: step; loss,
    the minibatch loss that step descended; seen_mean and seen_std, the mean over units of
    |mean| and of the std of layer 1's normalized values (before gamma and beta) in that
    minibatch; bias, the largest |b| of layer 1's linear map (before the norm) after the step.
    Row 0 is the start (bias only). Stops after the first non-finite loss, without a step."""
    if mode not in MODES:
        raise ValueError(f"Unknown mode: {mode!r} (expected one of {MODES})")
    if not (math.isfinite(momentum) and 0 < momentum <= 1):
        raise ValueError(f"Invalid momentum: {momentum!r} (expected a number in (0, 1])")
    if not (math.isfinite(lr) and lr > 0):
        raise ValueError(f"Invalid learning rate: {lr!r}")
    if not (isinstance(batch, int) and 2 <= batch <= n):
        raise ValueError(f"Invalid batch: {batch!r} (expected an integer in 2..{n})")
    if not (isinstance(steps, int) and 0 <= steps <= 100_000):
        raise ValueError(f"Invalid steps: {steps!r} (expected an integer in 0..100000)")
    model = build_mlp(NetConfig(depth=depth, width=width, activation="tanh",
                                init="xavier_normal", norm="batch", seed=seed))
    for block in model.blocks:
        if mode == "running":
            block.norm = RunningNorm(width)
        block.norm.momentum = momentum
    X, y = (torch.from_numpy(a) for a in make_dataset("circle", n, 0.1, seed))
    first = model.blocks[0]
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    gen = torch.Generator().manual_seed(seed)
    per_epoch, seen = n // batch, {}

    def grab(module, args, out):  # what the next layer is given, before gamma and beta
        z = args[0].detach()
        if isinstance(module, RunningNorm):  # its averages already hold this batch
            xhat = (z - module.running_mean) / torch.sqrt(module.running_var + module.eps)
        else:
            xhat = F.batch_norm(z, None, None, training=True, eps=module.eps)
        seen["mean"] = xhat.mean(0).abs().mean().item()
        seen["std"] = xhat.std(0, correction=0).mean().item()

    rows = [{"step": 0, "loss": math.nan, "seen_mean": math.nan, "seen_std": math.nan,
             "bias": first.linear.bias.abs().max().item()}]
    hook = first.norm.register_forward_hook(grab)
    try:
        for s in range(steps):
            i = s % per_epoch
            if i == 0:
                order = torch.randperm(n, generator=gen)
            idx = order[i * batch:(i + 1) * batch]
            loss = F.binary_cross_entropy_with_logits(model(X[idx])[:, 0], y[idx])
            if not math.isfinite(loss.item()):
                break
            opt.zero_grad()
            loss.backward()
            opt.step()
            rows.append({"step": s + 1, "loss": loss.item(), "seen_mean": seen["mean"],
                         "seen_std": seen["std"], "bias": first.linear.bias.abs().max().item()})
    finally:
        hook.remove()
    return pd.DataFrame(rows)


def settled_step(run: pd.DataFrame, tol: float = 0.1) -> int | None:
    """The first step at which the normalized values' standard deviation (`train_with_stats`'
    seen_std) came within `tol` of 1, or None if it never did."""
    hit = run.loc[(run["step"] > 0) & ((run["seen_std"] - 1).abs() <= tol), "step"]
    return int(hit.iloc[0]) if len(hit) else None
