"""Optimizer paths on 2-D test functions, stepped by the real `torch.optim` classes.

Optimizers and schedules come from the registry in `optim`, as on the Training page. They
update every coordinate on its own (no norms across the parameter
tensor), so a (k, 2) tensor of k start points gives each row exactly the trajectory it
would have alone: many paths cost one optimizer loop.
"""
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
import torch

from playground import functions2d, optim
from playground.functions2d import TestFunction
from playground.optim import bare_step

# the registry's optimizers, and Newton's method: it needs the Hessian, which only these
# 2-D functions give, so it lives here and is stepped by the registry's "sgd"
OPTIMIZERS = (*optim.OPTIMIZERS, "newton")
ESCAPE = 100.0     # a path that goes this many domain widths away from the map has diverged
CURVATURE = 1e-3   # Newton: smallest |curvature| used, i.e. steps at most 1000 × the gradient


@dataclass(frozen=True)
class Paths:
    """k trajectories of one optimizer."""
    xy: np.ndarray        # (steps + 1, k, 2); row 0 = starts; NaN from the step a path diverged
    diverged: np.ndarray  # (k,) step at which each path diverged, -1 if it never did
    lrs: np.ndarray       # (steps,) learning rate of each step

    def __repr__(self):
        return f"Paths(steps={len(self.lrs)}, k={self.xy.shape[1]}, diverged={self.diverged})"


def _optimizer(name: str, p: torch.Tensor, lr: float, momentum: float, beta2: float):
    """The registry's torch optimizer behind `name`; momentum is also β₁ for the Adam family."""
    # One small tensor: the plain loop is the fastest. (The fused CPU kernels are a little
    # faster still, but their vector lanes round a row differently from a single run.)
    # Newton's method is SGD fed the Newton direction as its gradient.
    return optim.make("sgd" if name == "newton" else name, [p], lr, foreach=False,
                      momentum=momentum, betas=(momentum, beta2))


def newton_direction(H: np.ndarray, g: np.ndarray) -> np.ndarray:
    """(k, 2, 2), (k, 2) -> (k, 2): |H|⁻¹ g, each curvature's magnitude floored at CURVATURE.

    On a convex region this is Newton's step H⁻¹g. Where H is indefinite, plain Newton heads
    for the saddle point; using |λ| (the "saddle-free Newton" of Dauphin et al. 2014) turns
    the negative-curvature direction into a descent direction, and the floor keeps a
    singular H from sending the point to infinity in one step. Rows whose H is not finite
    (a diverged path) get g itself.
    """
    out = np.empty(g.shape, dtype=np.result_type(g, H))
    for i, ((a, b), (_, c)) in enumerate(H.tolist()):  # a few rows: floats beat numpy's calls
        gx, gy = g[i].tolist()
        if not (math.isfinite(a) and math.isfinite(b) and math.isfinite(c)):
            out[i] = gx, gy
            continue
        # a symmetric 2 × 2 in closed form: eigenvalues mid ± half, the larger one's
        # eigenvector u = (cos θ, sin θ) and v = (-sin θ, cos θ)
        mid, half = (a + c) / 2, math.hypot((a - c) / 2, b)
        theta = math.atan2(2 * b, a - c) / 2
        cos, sin = math.cos(theta), math.sin(theta)
        su = (cos * gx + sin * gy) / max(abs(mid + half), CURVATURE)  # g·u / |λ_u|
        sv = (cos * gy - sin * gx) / max(abs(mid - half), CURVATURE)  # g·v / |λ_v|
        out[i] = cos * su - sin * sv, sin * su + cos * sv
    return out


def constant_newton(function: TestFunction) -> np.ndarray | None:
    """P with newton_direction(H, g) = g @ P for every g, when H is the same everywhere (the
    second derivatives are plain numbers: the quadratic, the saddle, Booth); else None.

    Newton's step is then one small product per step instead of a Hessian and its
    eigenvectors, which were a sizeable share of the six-optimizer loop's time.
    """
    x = np.zeros(1)
    if any(np.ndim(v) for v in function.d2f(x, x, np)):
        return None
    return newton_direction(function.hessian(np.zeros((2, 2))), np.eye(2))  # rows: e₁, e₂ mapped


def _lost(xy: np.ndarray, domain) -> np.ndarray:
    """(..., 2) -> (...): whether each point is non-finite or ESCAPE domain widths away."""
    (x0, x1), (y0, y1) = domain
    far = ESCAPE * max(x1 - x0, y1 - y0)
    centre = np.array([(x0 + x1) / 2, (y0 + y1) / 2])
    return ~(np.abs(xy - centre) < far).all(-1)  # NaN fails `<` too


def _diverged(xy: np.ndarray, domain) -> np.ndarray:
    """(steps + 1, k, 2) -> (k,): first step a path is lost (see `_lost`), else -1."""
    out = _lost(xy, domain)  # (steps + 1, k)
    return np.where(out.any(0), out.argmax(0), -1)


def run_many(function: TestFunction, optimizers: tuple[str, ...], lr: float, steps: int, starts,
             *, momentum: float = 0.9, beta2: float = 0.999, schedule: str = "constant",
             noise: float = 0.0, batch: int = 1, seed: int = 0) -> dict[str, Paths]:
    """Step each optimizer from each row of `starts` (k, 2) for `steps` steps, all together.

    Every optimizer owns its own rows of one (m·k, 2) tensor, so one gradient evaluation per
    step serves them all, and each row keeps exactly the path it would have alone.
    noise > 0 adds N(0, (noise / √batch)²) to each gradient component: the spread of a
    minibatch mean of `batch` examples whose own gradients scatter with std `noise`. Start i
    draws from torch.Generator seeded seed + i (the same draws for every optimizer), so a
    batched row equals the single run with that seed. A path diverges when it turns inf/NaN
    or goes ESCAPE domain widths away; it is NaN from that step on, and the others go on.
    """
    if unknown := [o for o in optimizers if o not in OPTIMIZERS]:
        raise ValueError(f"Unknown optimizer: {unknown[0]!r} (expected one of {OPTIMIZERS})")
    if not lr > 0:
        raise ValueError(f"Invalid learning rate: {lr}")
    if steps < 0 or batch < 1 or noise < 0:
        raise ValueError(f"Invalid steps, batch or noise: {steps}, {batch}, {noise}")
    starts = np.asarray(starts, dtype=np.float64).reshape(-1, 2)  # (k, 2)
    k = len(starts)
    # Optimizer j owns rows j·k ... j·k + k - 1 of one tensor. Newton's method is plain
    # SGD's update fed the Newton direction: placed last, right after SGD's rows, both are
    # stepped by one torch optimizer.
    order = sorted(dict.fromkeys(optimizers), key=lambda name: (name == "newton", name == "sgd"))
    p = torch.tensor(np.tile(starts, (len(order), 1)))
    rows = {name: slice(j * k, (j + 1) * k) for j, name in enumerate(order)}
    steppers = []  # (name of a torch optimizer, the rows it steps)
    for name in order:
        if name == "newton" and steppers and steppers[-1][0] == "sgd":
            steppers[-1] = "sgd", slice(rows["sgd"].start, rows[name].stop)
        else:
            steppers.append((name, rows[name]))
    opts = [_optimizer(name, p[r], lr, momentum, beta2) for name, r in steppers]
    groups = [o.param_groups[0] for o in opts]
    newton = rows.get("newton")
    fixed = constant_newton(function) if newton else None
    lrs = optim.lr_curve(schedule, lr, steps).tolist()
    if noise > 0:
        xi = torch.stack([torch.randn(steps, 2, dtype=torch.float64,
                                      generator=torch.Generator().manual_seed(seed + i))
                          for i in range(k)], 1).numpy() * (noise / math.sqrt(batch))  # (steps, k, 2)
        xi = np.tile(xi, (1, len(order), 1))  # (steps, m·k, 2)
    grad = torch.zeros_like(p)  # one buffer: every optimizer's .grad is a view of its rows
    for group, (_, r) in zip(groups, steppers):
        group["params"][0].grad = grad[r]
    active = [(group, bare_step(o), r) for group, o, (_, r) in zip(groups, opts, steppers)]
    xy = np.full((steps + 1, len(p), 2), np.nan)
    xy[0] = pn = p.numpy()  # numpy views: they follow p and grad through in-place writes
    gn = grad.numpy()
    # inference_mode, not no_grad: the optimizers' state is never seen by autograd, and
    # skipping its bookkeeping makes the tiny steps faster (same numbers)
    with np.errstate(all="ignore"), torch.inference_mode():  # diverging rows overflow: found below
        for t in range(steps):
            gn[:] = function.grad(pn)  # (m·k, 2)
            if newton:
                gn[newton] = (gn[newton] @ fixed if fixed is not None
                              else newton_direction(function.hessian(pn[newton]), gn[newton]))
            if noise > 0:
                gn += xi[t]
            for group, step, _ in active:
                group["lr"] = lrs[t]
                step()
            xy[t + 1] = pn
            if t % 16 == 15:  # an optimizer whose every path is lost stops: NaN from here on
                lost = _lost(pn, function.domain)
                going = [lost[r].all() for *_, r in active]
                for (*_, r), gone in zip(active, going):
                    if gone:
                        pn[r] = np.nan
                active = [a for a, gone in zip(active, going) if not gone]
                if not active:
                    break
    out = {}
    for name in optimizers:
        paths = xy[:, rows[name]]  # (steps + 1, k, 2)
        diverged = _diverged(paths, function.domain)
        for i in np.flatnonzero(diverged >= 0):
            paths[diverged[i]:, i] = np.nan
        out[name] = Paths(paths, diverged, np.array(lrs))
    return out


def run_paths(function: TestFunction, optimizer: str, lr: float, steps: int, starts,
              **hyper) -> Paths:
    """One optimizer from each row of `starts` (k, 2); see `run_many`."""
    if optimizer not in OPTIMIZERS:
        raise ValueError(f"Unknown optimizer: {optimizer!r} (expected one of {OPTIMIZERS})")
    return run_many(function, (optimizer,), lr, steps, starts, **hyper)[optimizer]


def optimizer_path(function: TestFunction, optimizer: str, lr: float, steps: int,
                   start: tuple[float, float], **hyper) -> np.ndarray:
    """(steps + 1, 2): one path, row 0 = start, NaN from a divergence on (see `run_paths`)."""
    return run_paths(function, optimizer, lr, steps, [start], **hyper).xy[:, 0]


@dataclass(frozen=True)
class Setup:
    """Everything one comparison depends on: the page's cache key and its link."""
    function: str = "quadratic"
    kappa: float = 10.0          # quadratic only
    angle: float = 30.0          # quadratic only, degrees
    precondition: bool = False   # quadratic only: run on the whitened quadratic instead
    optimizers: tuple[str, ...] = ("sgd", "momentum", "adam", "newton")
    lr: float = 0.05
    steps: int = 200
    momentum: float = 0.9        # β₁ for the Adam family
    beta2: float = 0.999
    schedule: str = "constant"
    noise: float = 0.0
    batch: int = 16
    seed: int = 0
    start: tuple[float, float] = (-2.5, 1.5)


def problem(s: Setup) -> tuple[TestFunction, tuple[float, float]]:
    """The function the paths run on and their start: with `precondition`, the whitened
    quadratic and the start seen in its coordinates."""
    if s.precondition and s.function == "quadratic":
        g, M = functions2d.whitened(s.kappa, s.angle)
        z = M @ np.asarray(s.start, dtype=np.float64)
        return g, (float(z[0]), float(z[1]))
    return functions2d.function(s.function, s.kappa, s.angle), s.start


@dataclass(frozen=True)
class Comparison:
    """Every optimizer of a Setup from one start (plain data: cacheable, picklable)."""
    frame: pd.DataFrame       # optimizer, step, x, y, loss, gap (loss - best minimum), distance
    diverged: dict[str, int]  # optimizer -> step it diverged at
    reached: dict[str, int]   # optimizer -> first step within REACHED of a listed minimum
    summary: pd.DataFrame     # see `table`: made once with the run, not on every rerun

    def position(self, optimizer: str, step: int) -> tuple[float, float] | None:
        """Where a path stands at `step`; None once it has diverged."""
        names = self.summary["optimizer"].tolist()  # the frame's blocks, in order
        row = names.index(optimizer) * (len(self.frame) // len(names)) + step
        x, y = float(self.frame["x"].to_numpy()[row]), float(self.frame["y"].to_numpy()[row])
        return (x, y) if np.isfinite(x) and np.isfinite(y) else None

    def table(self) -> pd.DataFrame:
        """One row per optimizer: last finite step, its loss, gap and distance, and the
        steps at which it reached a minimum or diverged (NaN when it did not)."""
        return self.summary


REACHED = 1e-3
COLUMNS = ("optimizer", "step", "x", "y", "loss", "gap", "distance")
SUMMARY = ("optimizer", "step", "loss", "gap", "distance", "reached", "diverged")


def compare(s: Setup) -> Comparison:
    """Run each optimizer of `s` and tabulate loss and distance to the nearest minimum per step."""
    f, start = problem(s)
    best = min((float(f.value(np.asarray(m))) for m in f.minima), default=np.nan)
    runs = run_many(f, tuple(dict.fromkeys(s.optimizers)), s.lr, s.steps, [start],
                    momentum=s.momentum, beta2=s.beta2, schedule=s.schedule, noise=s.noise,
                    batch=s.batch, seed=s.seed)
    names, n = list(runs), s.steps + 1
    xy = np.concatenate([run.xy[:, 0] for run in runs.values()]) if runs else np.empty((0, 2))
    loss = f.value(xy)
    dist = functions2d.nearest_minimum_distance(f, xy)
    frame = pd.DataFrame({"optimizer": np.repeat(np.array(names, dtype=str), n),
                          "step": np.tile(np.arange(n), len(names)), "x": xy[:, 0],
                          "y": xy[:, 1], "loss": loss, "gap": loss - best, "distance": dist})
    diverged = {name: int(run.diverged[0]) for name, run in runs.items() if run.diverged[0] >= 0}
    reached, last = {}, []
    for i, name in enumerate(names):
        block = slice(i * n, (i + 1) * n)
        if (close := np.flatnonzero(dist[block] < REACHED)).size:
            reached[name] = int(close[0])
        finite = np.flatnonzero(np.isfinite(xy[block]).all(1))
        last.append(i * n + finite[-1])  # row 0, the start, is always finite
    summary = pd.DataFrame({"optimizer": np.array(names, dtype=str),
                            "step": frame["step"].to_numpy()[last], "loss": loss[last],
                            "gap": loss[last] - best, "distance": dist[last],
                            "reached": [float(reached.get(o, np.nan)) for o in names],
                            "diverged": [float(diverged.get(o, np.nan)) for o in names]})
    return Comparison(frame, diverged, reached, summary)
