"""Recurrent cells: how far back the gradient of a loss on the last output reaches through a
tanh RNN, an LSTM and a GRU (the torch.nn modules), and what clipping by norm does to it.

Everything runs in float64: a gradient that vanishes like 0.5^k over 200 steps is ~1e-60,
far below float32's smallest number, and the page should show the decay, not the underflow.
"""
import math
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
import torch
from torch import nn

CELLS = ("rnn", "lstm", "gru")
FEATURES = 4  # inputs per time step
BATCH = 1     # sequences per measurement: one keeps a length move within the page's time budget
RADII = tuple(0.25 * i for i in range(2, 11))  # 0.5 .. 2.5: the RNN's radius sweep
VANISHED, EXPLODED = 1e-3, 1e3  # first/last ratios beyond which a gradient is called so


@dataclass(frozen=True)
class SeqConfig:
    length: int = 50          # T, time steps
    hidden: int = 32
    radius: float = 0.9       # spectral radius (max |eigenvalue|) of the RNN's W_hh
    forget_bias: float = 2.0  # LSTM: b_if + b_hf, the total bias of the forget gate
    update_bias: float = 2.0  # GRU: b_iz + b_hz, the bias of the gate that keeps h_{t-1}
    scale: float = 1.0        # standard deviation of the inputs
    seed: int = 0

    def __post_init__(self):
        if self.length < 1 or self.hidden < 1:
            raise ValueError(f"Invalid length/hidden: {self.length!r}/{self.hidden!r} (>= 1)")
        if not self.radius > 0 or not self.scale > 0:
            raise ValueError(f"Invalid radius/scale: {self.radius!r}/{self.scale!r} (> 0)")


def for_cell(cfg: SeqConfig, kind: str) -> SeqConfig:
    """cfg with the knobs of the other cells at their defaults: a cache key that a slider of
    another cell does not change."""
    keep = {"rnn": "radius", "lstm": "forget_bias", "gru": "update_bias"}[kind]
    base = SeqConfig()
    return replace(cfg, **{k: getattr(base, k) for k in ("radius", "forget_bias", "update_bias")
                           if k != keep})


def spectral_radius(w: torch.Tensor) -> float:
    """max |eigenvalue| of a square matrix."""
    return torch.linalg.eigvals(w.detach()).abs().max().item()


def build(kind: str, cfg: SeqConfig) -> nn.Module:
    """A one-layer batch_first torch.nn.RNN (tanh), LSTM or GRU in float64.

    Every weight and bias is drawn U(−1/√H, 1/√H) (PyTorch's own default) from a generator
    seeded with cfg.seed; then the RNN's W_hh is rescaled to spectral radius cfg.radius, and
    the keep-gate slice of the biases (LSTM gate order i, f, g, o; GRU r, z, n: the second
    block of H rows in both) is set to b_ih = the bias, b_hh = 0.
    """
    if kind not in CELLS:
        raise ValueError(f"Unknown cell: {kind!r} (expected one of {CELLS})")
    cls = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}[kind]
    H = cfg.hidden
    with torch.random.fork_rng(devices=[]):  # the default init draws from the global RNG
        m = cls(FEATURES, H, batch_first=True).double()
    g = torch.Generator().manual_seed(cfg.seed)
    k = 1 / math.sqrt(H)
    with torch.no_grad():
        for p in m.parameters():
            p.uniform_(-k, k, generator=g)
        if kind == "rnn":
            m.weight_hh_l0.mul_(cfg.radius / spectral_radius(m.weight_hh_l0))
        else:
            bias = cfg.forget_bias if kind == "lstm" else cfg.update_bias
            m.bias_ih_l0[H:2 * H] = bias
            m.bias_hh_l0[H:2 * H] = 0.0
    return m


def sequence(cfg: SeqConfig) -> tuple[torch.Tensor, torch.Tensor]:
    """(x, r): inputs (BATCH, T, FEATURES) ~ N(0, scale²) and a random unit readout r (H,);
    the loss is L = mean over the batch of r·h_T."""
    g = torch.Generator().manual_seed(cfg.seed + 1)
    x = cfg.scale * torch.randn(BATCH, cfg.length, FEATURES, generator=g, dtype=torch.float64)
    r = torch.randn(cfg.hidden, generator=g, dtype=torch.float64)
    return x, r / r.norm()


@dataclass(frozen=True)
class Backprop:
    """One backward pass: per-step input-gradient norms and the parameter gradient."""
    steps: np.ndarray  # (T,) ||∂L/∂x_t|| over the batch, t = 0 .. T-1
    grad: np.ndarray   # every parameter's ∂L/∂θ, flattened into one vector

    @property
    def reach(self) -> float:
        """||∂L/∂x_0|| / ||∂L/∂x_{T-1}||: how much of the gradient reaches the first input."""
        with np.errstate(divide="ignore", invalid="ignore"):  # 0/0 is NaN: no ratio to show
            return float(self.steps[0] / self.steps[-1])

    @property
    def grad_norm(self) -> float:
        return float(np.linalg.norm(self.grad))


def backprop_module(m: nn.Module, x: torch.Tensor, r: torch.Tensor) -> Backprop:
    """L = mean_b r·h_T of any batch_first recurrent module, and its gradients by autograd."""
    m.zero_grad(set_to_none=True)
    x = x.detach().clone().requires_grad_()
    out, _ = m(x)  # (B, T, H)
    loss = (out[:, -1] @ r).mean()
    loss.backward()
    steps = torch.linalg.vector_norm(x.grad, dim=(0, 2))  # (T,)
    grad = torch.cat([p.grad.flatten() for p in m.parameters()])
    return Backprop(steps.numpy().copy(), grad.numpy().copy())


def backprop(kind: str, cfg: SeqConfig) -> Backprop:
    """The measurement of the page for one cell."""
    x, r = sequence(cfg)
    return backprop_module(build(kind, cfg), x, r)


def by_step(runs: dict[str, Backprop]) -> pd.DataFrame:
    """Columns back (steps back from the last input: 0 .. T-1) and one norm column per cell."""
    T = len(next(iter(runs.values())).steps)
    return pd.DataFrame({"back": np.arange(T)} | {k: b.steps[::-1] for k, b in runs.items()})


def state(ratio: float) -> str:
    """vanished / kept / exploded for a first/last ratio; nonfinite when there is no finite
    ratio (a gradient overflowed, or the last one is exactly 0)."""
    if not math.isfinite(ratio):
        return "nonfinite"
    return "vanished" if ratio < VANISHED else "exploded" if ratio > EXPLODED else "kept"


def radius_sweep(cfg: SeqConfig, radii=RADII) -> pd.DataFrame:
    """||∂L/∂θ|| of the RNN of cfg at each spectral radius in radii: columns radius, grad_norm.

    All radii run as one batch through a hand-unrolled h_t = tanh(W_ih x_t + b_ih + ρ W h_{t-1}
    + b_hh), W being build("rnn")'s W_hh at radius 1 (the same x, r and loss as `backprop`).
    Autograd gives δ_t = ∂L/∂(pre-activation at t); the parameter gradients are then sums over
    t and the batch: ∂L/∂W_hh = Σ δ_t h_{t-1}ᵀ, ∂L/∂W_ih = Σ δ_t x_tᵀ, ∂L/∂b_ih = ∂L/∂b_hh = Σ δ_t.
    One matmul per step for every radius at once: faster than one nn.RNN each.
    """
    base = build("rnn", replace(cfg, radius=1.0))
    x, r = sequence(cfg)  # (B, T, F), (H,)
    rho = torch.tensor(radii, dtype=torch.float64)[:, None, None]  # (R, 1, 1)
    w = base.weight_hh_l0.detach().clone().requires_grad_()  # a leaf, so the graph is recorded
    u = x @ base.weight_ih_l0.detach().T + (base.bias_ih_l0 + base.bias_hh_l0).detach()  # (B, T, H)
    h = torch.zeros(len(radii), x.shape[0], cfg.hidden, dtype=torch.float64)  # (R, B, H)
    hs, pres = [], []
    for t in range(cfg.length):
        hs.append(h)
        pres.append(u[:, t] + rho * (h @ w.T))
        h = torch.tanh(pres[-1])
    loss = (h @ r).mean(1).sum()  # the radii do not interact: each keeps its own δ
    d = torch.stack(torch.autograd.grad(loss, pres), 1)  # (R, T, B, H)
    prev = torch.stack(hs, 1)  # (R, T, B, H)
    sq = (torch.einsum("rtbh,rtbk->rhk", d, prev).pow(2).sum((1, 2))
          + torch.einsum("rtbh,btk->rhk", d, x).pow(2).sum((1, 2))
          + 2 * d.sum((1, 2)).pow(2).sum(1))  # (R,)
    return pd.DataFrame({"radius": np.asarray(radii, dtype=float),
                         "grad_norm": sq.sqrt().detach().numpy()})


def clip_by_norm(g: np.ndarray, max_norm: float) -> np.ndarray:
    """g rescaled to norm max_norm when it is longer (same direction), else unchanged: what
    torch.nn.utils.clip_grad_norm_ does to all parameters' gradients together."""
    if not max_norm > 0:
        raise ValueError(f"Invalid max_norm: {max_norm!r} (expected > 0)")
    n = float(np.linalg.norm(g))
    return g * (max_norm / n) if n > max_norm else g.copy()


def with_clipping(sweep: pd.DataFrame, max_norm: float) -> pd.DataFrame:
    """sweep plus column clipped: the norm after clipping at max_norm, min(||g||, max_norm)."""
    if not max_norm > 0:
        raise ValueError(f"Invalid max_norm: {max_norm!r} (expected > 0)")
    return sweep.assign(clipped=np.minimum(sweep["grad_norm"], max_norm))


@dataclass(frozen=True)
class Clipping:
    """What clipping by norm does to one gradient."""
    norm: float     # ||g||
    clipped: float  # ||clip(g)||
    factor: float   # clip(g) = factor · g
    cosine: float   # between g and clip(g): 1 when the direction is kept


def clipping(g: np.ndarray, max_norm: float) -> Clipping:
    """Norms, factor and cosine of `clip_by_norm(g, max_norm)`; NaN everywhere when g is not finite."""
    n = float(np.linalg.norm(g))
    if not math.isfinite(n):  # clipping an inf gradient gives 0 · inf = NaN: nothing to show
        return Clipping(n, math.nan, math.nan, math.nan)
    if n == 0:
        return Clipping(0.0, 0.0, 1.0, math.nan)
    c = clip_by_norm(g, max_norm)
    nc = float(np.linalg.norm(c))
    return Clipping(n, nc, nc / n, float(g @ c) / (n * nc))
