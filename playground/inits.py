"""Weight initializers as their papers define them: no activation gain, so the classic failures show."""
import math

import torch

INITIALIZERS = ("zeros", "constant", "normal", "uniform", "xavier_uniform", "xavier_normal",
                "kaiming_uniform", "kaiming_normal", "lecun_normal", "orthogonal", "trunc_normal")
SCALED = tuple(name for name in INITIALIZERS if name != "zeros")

# std of N(0, 1) truncated at +-2: sqrt(1 - 2 * 2 phi(2) / (Phi(2) - Phi(-2)))
_TRUNC = math.sqrt(1 - 4 * math.exp(-2) / math.sqrt(2 * math.pi) / math.erf(2 / math.sqrt(2)))


def _check(name, scale, leaky_slope):
    if name not in INITIALIZERS:
        raise ValueError(f"Unknown initializer: {name!r} (expected one of {INITIALIZERS})")
    if not (math.isfinite(scale) and scale > 0):
        raise ValueError(f"Invalid init scale: {scale!r} (expected a finite number > 0)")
    if not (math.isfinite(leaky_slope) and leaky_slope >= 0):
        raise ValueError(f"Invalid leaky slope: {leaky_slope!r} (expected a finite number >= 0)")


def weight_std(name, fan_in, fan_out, scale=1.0, leaky_slope=0.0):
    """Standard deviation of the weights the initializer draws (closed form)."""
    _check(name, scale, leaky_slope)
    if fan_in < 1 or fan_out < 1:
        raise ValueError(f"Invalid fans: fan_in={fan_in}, fan_out={fan_out} (expected >= 1)")
    glorot = math.sqrt(2 / (fan_in + fan_out))  # Glorot & Bengio 2010
    he = math.sqrt(2 / ((1 + leaky_slope**2) * fan_in))  # He et al. 2015
    return scale * {
        "zeros": 0.0,
        "constant": 0.0,
        "normal": 1.0,
        "uniform": 1 / math.sqrt(3),
        "xavier_uniform": glorot,
        "xavier_normal": glorot,
        "kaiming_uniform": he,
        "kaiming_normal": he,
        "lecun_normal": math.sqrt(1 / fan_in),  # LeCun 1998
        # orthonormal rows (or columns, when tall) of length scale spread over the longer side
        "orthogonal": 1 / math.sqrt(max(fan_in, fan_out)),
        "trunc_normal": _TRUNC,
    }[name]


def init_weight_(w, name, scale=1.0, leaky_slope=0.0, generator=None):
    """Fill a (fan_out, fan_in) weight in place with the named initializer; returns w."""
    _check(name, scale, leaky_slope)
    if w.dim() != 2:
        raise ValueError(f"Expected a 2-D (fan_out, fan_in) weight, got shape {tuple(w.shape)}")
    fan_out, fan_in = w.shape
    init = torch.nn.init
    if name == "zeros":
        return init.zeros_(w)
    if name == "constant":
        return init.constant_(w, scale)
    if name == "orthogonal":
        return init.orthogonal_(w, gain=scale, generator=generator)  # Saxe et al. 2014
    if name == "trunc_normal":
        return init.trunc_normal_(w, 0.0, scale, -2 * scale, 2 * scale, generator=generator)
    std = weight_std(name, fan_in, fan_out, scale, leaky_slope)
    if name.endswith("uniform"):
        bound = math.sqrt(3) * std  # U(-b, b) has std b / sqrt(3)
        return init.uniform_(w, -bound, bound, generator=generator)
    return init.normal_(w, 0.0, std, generator=generator)
