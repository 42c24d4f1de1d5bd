"""A configurable MLP whose hidden layers can be traced for probing."""
import math
import numbers
from dataclasses import dataclass

import torch
from torch import nn

from playground.activations import ACTIVATIONS, LEAKY_SLOPE, activation_module
from playground.inits import INITIALIZERS, init_weight_

NORMS = ("none", "batch", "layer")
_NORM = {"none": nn.Identity, "batch": nn.BatchNorm1d, "layer": nn.LayerNorm}


def _int_in(x, lo, hi):
    return isinstance(x, numbers.Integral) and not isinstance(x, bool) and lo <= x <= hi


@dataclass(frozen=True)
class NetConfig:
    """Everything that defines an MLP and its initial weights; depth counts hidden layers."""
    depth: int = 4
    width: int = 16
    activation: str = "tanh"
    init: str = "xavier_normal"
    init_scale: float = 1.0
    norm: str = "none"  # none | batch | layer
    residual: bool = False
    dropout: float = 0.0
    in_dim: int = 2
    out_dim: int = 1
    seed: int = 0

    def __post_init__(self):
        if not _int_in(self.depth, 1, 50):
            raise ValueError(f"Invalid depth: {self.depth!r} (expected an integer in 1..50)")
        if not _int_in(self.width, 1, 512):
            raise ValueError(f"Invalid width: {self.width!r} (expected an integer in 1..512)")
        if self.activation not in ACTIVATIONS:
            raise ValueError(f"Unknown activation: {self.activation!r} (expected one of {ACTIVATIONS})")
        if self.init not in INITIALIZERS:
            raise ValueError(f"Unknown initializer: {self.init!r} (expected one of {INITIALIZERS})")
        if not (isinstance(self.init_scale, numbers.Real) and math.isfinite(self.init_scale)
                and 0 < self.init_scale <= 100):
            raise ValueError(f"Invalid init scale: {self.init_scale!r} (expected a number in (0, 100])")
        if self.norm not in NORMS:
            raise ValueError(f"Unknown norm: {self.norm!r} (expected one of {NORMS})")
        if not isinstance(self.residual, bool):
            raise ValueError(f"Invalid residual: {self.residual!r} (expected True or False)")
        if not (isinstance(self.dropout, numbers.Real) and 0 <= self.dropout < 1):
            raise ValueError(f"Invalid dropout: {self.dropout!r} (expected 0 <= p < 1)")
        if not _int_in(self.in_dim, 1, math.inf):
            raise ValueError(f"Invalid in_dim: {self.in_dim!r} (expected an integer >= 1)")
        if not _int_in(self.out_dim, 1, math.inf):
            raise ValueError(f"Invalid out_dim: {self.out_dim!r} (expected an integer >= 1)")
        if not _int_in(self.seed, 0, 2**63 - 1):
            raise ValueError(f"Invalid seed: {self.seed!r} (expected an integer >= 0)")


class Block(nn.Module):
    """One hidden layer: linear -> norm -> activation -> dropout, plus the input if residual."""

    def __init__(self, fan_in, fan_out, activation, norm, dropout, residual):
        super().__init__()
        if residual and fan_in != fan_out:
            raise ValueError(f"A residual block needs fan_in == fan_out, got {fan_in} -> {fan_out}")
        self.linear = nn.Linear(fan_in, fan_out)  # weights set by MLP; see there for the RNG
        self.norm = _NORM[norm](fan_out)
        self.normed = norm != "none"
        self.act = activation_module(activation)
        self.drop = nn.Dropout(dropout)
        self.residual = residual

    def forward(self, h):
        return self.trace(h)[1]

    def trace(self, h):
        """(z, h_out): the pre-activation (after norm) and the block's output."""
        z = self.linear(h)  # (n, fan_out)
        if self.normed:  # skipping identity modules saves a tiny network most of its time
            z = self.norm(z)
        a = self.act(z)
        if self.drop.p > 0:
            a = self.drop(a)
        return z, h + a if self.residual else a

    def extra_repr(self):
        return f"residual={self.residual}"


class MLP(nn.Module):
    """depth hidden Blocks of equal width, then a linear head giving logits (n, out_dim)."""

    def __init__(self, cfg):
        super().__init__()
        self.cfg = cfg
        dims = [cfg.in_dim] + [cfg.width] * cfg.depth
        # nn.Linear draws a default init from the global RNG, which we overwrite anyway: fork it
        # so building a net never moves the caller's random state (faster than skip_init)
        with torch.random.fork_rng(devices=[]):
            # the first block changes dimension, so only hidden -> hidden blocks get a skip
            self.blocks = nn.ModuleList(
                Block(dims[i], dims[i + 1], cfg.activation, cfg.norm, cfg.dropout,
                      cfg.residual and i > 0)
                for i in range(cfg.depth))
            self.head = nn.Linear(cfg.width, cfg.out_dim)
        g = torch.Generator().manual_seed(cfg.seed)
        slope = LEAKY_SLOPE if cfg.activation == "leaky_relu" else 0.0
        for linear in [b.linear for b in self.blocks] + [self.head]:
            init_weight_(linear.weight, cfg.init, cfg.init_scale, slope, g)
            nn.init.zeros_(linear.bias)

    def forward(self, x):
        return self.trace(x)[0]

    def trace(self, x):
        """(out, zs, hs): logits, and per hidden layer its pre-activations and outputs."""
        zs, hs = [], []
        h = x  # (n, in_dim)
        for block in self.blocks:
            z, h = block.trace(h)  # (n, width) each
            zs.append(z)
            hs.append(h)
        return self.head(h), zs, hs


def build_mlp(cfg):
    """The MLP cfg describes, initialised from cfg.seed, in train mode."""
    if not isinstance(cfg, NetConfig):
        raise ValueError(f"Expected a NetConfig, got {type(cfg).__name__}")
    return MLP(cfg).train()
