"""The one registry of optimizers and learning-rate schedules: a name means the same maths on
every page (Training, Batch size, Optimizer paths) and in the exported scripts.

Optimizers are the real `torch.optim` classes. Each name maps to its class and the
hyper-parameters a page may set, with their defaults (torch's own, and 0.9 for SGD's
momentum); a page passes the values of the controls it has, and an optimizer without that
hyper-parameter ignores it, as a page's momentum slider does nothing to Adagrad.

Schedules run over n steps; step t = 0 … n − 1 uses

    constant       lr
    step           lr · 0.5^⌊4t / n⌋          halved at each quarter: lr, lr/2, lr/4, lr/8
    exponential    lr · 0.01^(t / n)          down to 1 % at the end
    cosine         lr · (1 + cos(π t / n)) / 2   down to 0 at the end (Loshchilov & Hutter 2017)
    warmup_cosine  linear from lr/100 to lr over the first w = round(0.1 n) steps (at least 1),
                   then cosine over the other n − w (the warm-up of Goyal et al. 2017)

Why "step" halves at each quarter: Training did that, Optimizer paths multiplied by 0.1 at each
third (the classic ResNet recipe, tuned for runs of 100 epochs). Over the short runs of a
playground, ×0.1 leaves the last third at 1 % of the rate: the same end as "exponential", and
on Optimizer paths a path with a modest rate stalls short of the minimum, so the schedule shows
freezing rather than settling. Halving keeps four visible stairs, ends at lr/8, and is what the
exported Training scripts already ran. The drops sit at ⌈k n / 4⌉ (MultiStepLR), exactly the
quarters of any n; StepLR(n // 4) would add a fifth stair near the end when 4 does not divide n.
Warm-up length: Training's round(0.1 n) rather than Optimizer paths' ⌊n / 10⌋, the nearer
whole number of steps to a tenth, and what the exported scripts already ran.

The schedule functions are written so that `script.py` can copy their source into a standalone
script: they use only `math` and `lr_scheduler`.
"""
import functools
import inspect
import math
import numbers

import numpy as np
import torch
from torch.optim import lr_scheduler

BETAS = (0.9, 0.999)  # torch's defaults for the Adam family

# name -> (torch.optim class, the hyper-parameters a page may set, with their defaults)
OPTIMIZERS = {
    "sgd": (torch.optim.SGD, {}),
    "momentum": (torch.optim.SGD, {"momentum": 0.9}),
    "nesterov": (torch.optim.SGD, {"momentum": 0.9, "nesterov": True}),
    "adagrad": (torch.optim.Adagrad, {}),
    "rmsprop": (torch.optim.RMSprop, {}),
    "adadelta": (torch.optim.Adadelta, {}),
    "adam": (torch.optim.Adam, {"betas": BETAS}),
    # decoupled weight decay (Loshchilov & Hutter 2019); 0.01 is torch's default
    "adamw": (torch.optim.AdamW, {"betas": BETAS, "weight_decay": 0.01}),
    "adamax": (torch.optim.Adamax, {"betas": BETAS}),
    "nadam": (torch.optim.NAdam, {"betas": BETAS}),
}
HYPER = frozenset(k for _, d in OPTIMIZERS.values() for k in d)  # every settable name


def hyper(name: str, **given) -> dict:
    """The keyword arguments (besides lr) of optimizer `name`: its defaults, overridden by the
    values in `given` that it has; the others are ignored."""
    if name not in OPTIMIZERS:
        raise ValueError(f"Unknown optimizer: {name!r} (expected one of {tuple(OPTIMIZERS)})")
    if unknown := set(given) - HYPER:
        raise ValueError(f"Unknown hyper-parameter: {sorted(unknown)[0]!r} (expected some of "
                         f"{sorted(HYPER)})")
    return {k: given.get(k, v) for k, v in OPTIMIZERS[name][1].items()}


def make(name: str, params, lr: float, *, foreach: bool | None = None,
         **given) -> torch.optim.Optimizer:
    """The torch.optim optimizer `name` over params at learning rate lr (see `hyper`).
    foreach: one fused call per update instead of a loop over tensors (the same maths)."""
    kwargs = hyper(name, **given)
    return OPTIMIZERS[name][0](params, lr=lr, foreach=foreach, **kwargs)


def bare_step(opt: torch.optim.Optimizer):
    """`opt.step` without its profiler hook and grad-mode switch: the same update.

    On a tiny network those wrappers are a noticeable part of a training step. Callers run
    under `torch.no_grad()` and register no step hooks, so what is left out does nothing;
    the tests compare every trajectory with a plain `opt.step()` loop.
    """
    return functools.partial(inspect.unwrap(type(opt).step), opt)


def constant(opt, n):
    """No scheduler: stepping a no-op one is not free next to a tiny network's step."""
    return None


def step_decay(opt, n):
    """Halve the learning rate at each quarter of n steps: lr, lr/2, lr/4, lr/8."""
    return lr_scheduler.MultiStepLR(opt, [math.ceil(k * n / 4) for k in (1, 2, 3)], gamma=0.5)


def exponential_decay(opt, n):
    """Multiply the learning rate by the same factor each step, down to 1% after n steps."""
    return lr_scheduler.ExponentialLR(opt, gamma=0.01 ** (1 / n))


def cosine_decay(opt, n):
    """Half a cosine from the learning rate down to 0 after n steps."""
    return lr_scheduler.CosineAnnealingLR(opt, T_max=n)


def warmup_cosine(opt, n):
    """A linear warm-up from 1% of the rate over about a tenth of n steps, then a cosine to 0."""
    warm = max(1, round(0.1 * n))
    return lr_scheduler.SequentialLR(
        opt, [lr_scheduler.LinearLR(opt, start_factor=0.01, total_iters=warm),
              lr_scheduler.CosineAnnealingLR(opt, T_max=max(1, n - warm))], milestones=[warm])


def cyclic(opt, n):
    """Four triangles over n steps (Smith 2017): up from a tenth of the rate to the rate over
    an eighth of n steps, back down over the next eighth, and again."""
    lr = opt.param_groups[0]["lr"]
    return lr_scheduler.CyclicLR(opt, base_lr=lr / 10, max_lr=lr, step_size_up=max(1, n // 8),
                                 cycle_momentum=False)


# name -> (optimizer, n) -> its lr_scheduler over n steps (None: constant)
SCHEDULES = {"constant": constant, "step": step_decay, "exponential": exponential_decay,
             "cosine": cosine_decay, "warmup_cosine": warmup_cosine, "cyclic": cyclic}


def scheduler(name: str, opt: torch.optim.Optimizer, steps: int):
    """The torch.optim.lr_scheduler of schedule `name` over `steps` optimizer steps, to be
    stepped once after each of them (None for a constant rate)."""
    if name not in SCHEDULES:
        raise ValueError(f"Unknown schedule: {name!r} (expected one of {tuple(SCHEDULES)})")
    return SCHEDULES[name](opt, max(int(steps), 1))


@functools.lru_cache(maxsize=64)  # pure; a page asks for the same curve on every run
def _curve(name: str, lr: float, steps: int) -> tuple[float, ...]:
    opt = torch.optim.SGD([torch.zeros(1)], lr)
    sched = scheduler(name, opt, steps)
    lrs = []
    for _ in range(steps):
        lrs.append(opt.param_groups[0]["lr"])
        if sched is not None:
            opt.step()  # no gradient: a no-op that keeps the scheduler's order check happy
            sched.step()
    return tuple(lrs)


def lr_curve(name: str, lr: float, steps: int) -> np.ndarray:
    """(steps,): the learning rate of each step, read from the real scheduler stepped on a
    dummy optimizer."""
    if not (isinstance(steps, numbers.Integral) and steps >= 0):
        raise ValueError(f"Invalid steps: {steps!r} (expected an integer >= 0)")
    return np.array(_curve(name, float(lr), int(steps)), dtype=np.float64)
