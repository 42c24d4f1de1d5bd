"""Standalone PyTorch scripts that reproduce a Training or Gradient flow setup.

A generated script imports only numpy and torch. It regenerates the same data (the chosen
dataset's formula from data.py with the same seeded numpy generator; own points are embedded),
builds the same network as a plain nn.Sequential, draws the same initial weights through
torch.nn.init from the same torch.Generator, and walks the same minibatches, so it reaches the
losses and gradient norms the playground shows. Only the code the settings need is emitted.

Why the formula rather than the points: a dataset is five lines of numpy, shorter and more
telling than 1,000 numbers, and numpy's seeded Generator repeats its draws on any machine (NumPy
does not promise this across its versions, but these draws have held since 1.17; the tests check
the losses match). Own points have no formula: they are embedded.
"""
import inspect
import math
import numbers
import textwrap
from string import Template

import numpy as np

from playground import optim
from playground.activations import LEAKY_SLOPE
from playground.data import make_dataset, task_of
from playground.inits import weight_std
from playground.nets import NetConfig
from playground.train import TrainConfig, optimizer_kwargs

# data.py's generators, line for line, on an rng, N points, NOISE and K classes: (comment, code)
_DATA = {
    "circle": ("a disc (label 1) inside a ring (label 0); the label is read off a jittered copy", """
        r = np.concatenate([rng.uniform(0.0, 0.5, N // 2), rng.uniform(0.7, 1.0, N - N // 2)])
        t = rng.uniform(0.0, 2 * np.pi, N)
        X = np.stack([r * np.cos(t), r * np.sin(t)], 1)  # (N, 2)
        y = np.linalg.norm(X + rng.uniform(-1.0, 1.0, (N, 2)) * NOISE, axis=1) < 0.5"""),
    "xor": ("label 1 where x1 * x2 > 0, read off a jittered copy; points kept off the axes", """
        X = rng.uniform(0.05, 1.0, (N, 2)) * rng.choice([-1.0, 1.0], (N, 2))  # (N, 2)
        y = np.prod(X + rng.uniform(-1.0, 1.0, (N, 2)) * NOISE, axis=1) > 0"""),
    "gaussians": ("two blobs at (0.4, 0.4) (label 1) and (-0.4, -0.4) (label 0)", """
        std = np.sqrt(0.5 + 3.5 * NOISE) / 5
        y = np.arange(N) < N // 2
        X = np.where(y, 0.4, -0.4)[:, None] + rng.normal(0.0, std, (N, 2))  # (N, 2)"""),
    "gaussians_k": ("K blobs evenly spaced on a circle of radius 0.55 (labels 0..K-1)", """
        std = np.sqrt(0.5 + 3.5 * NOISE) / 5
        y = np.arange(N) % K
        angle = 2 * np.pi * y / K + np.pi / 4
        X = 0.55 * np.stack([np.cos(angle), np.sin(angle)], 1) + rng.normal(0.0, std, (N, 2))"""),
    "spiral": ("two interleaved arms of 1.75 turns; label 1 is arm 0 rotated by pi", """
        y = (np.arange(N) < N // 2).astype(int)
        u = rng.uniform(0.0, 1.0, N)  # position along the arm: radius and angle grow together
        t = 1.75 * 2 * np.pi * u + 2 * np.pi * y / 2
        X = u[:, None] * np.stack([np.sin(t), np.cos(t)], 1) + rng.uniform(-1.0, 1.0, (N, 2)) * NOISE / 5"""),
    "spiral_k": ("K interleaved arms of 1.75 turns (labels 0..K-1), arm j rotated by 2 pi j / K", """
        y = np.arange(N) % K
        u = rng.uniform(0.0, 1.0, N)  # position along the arm: radius and angle grow together
        t = 1.75 * 2 * np.pi * u + 2 * np.pi * y / K
        X = u[:, None] * np.stack([np.sin(t), np.cos(t)], 1) + rng.uniform(-1.0, 1.0, (N, 2)) * NOISE / 5"""),
    "moons": ("two interleaving half circles (sklearn's make_moons), centred and scaled", """
        y = np.arange(N) < N // 2
        t = rng.uniform(0.0, np.pi, N)
        upper = np.stack([np.cos(t), np.sin(t)], 1)
        lower = np.stack([1 - np.cos(t), 0.5 - np.sin(t)], 1)
        X = (np.where(y[:, None], lower, upper) - [0.5, 0.25]) / 1.5
        X = X + rng.normal(0.0, 0.2 * NOISE, (N, 2))"""),
    "plane": ("regression target (x1 + x2) / 2, read off jittered inputs", """
        X = rng.uniform(-1.0, 1.0, (N, 2))  # (N, 2)
        y = (X + rng.uniform(-1.0, 1.0, (N, 2)) * NOISE).sum(1) / 2"""),
}

# train.FEATURES as numpy expressions on float64 points X
_FEATURES = {
    "x1": "X[:, 0]", "x2": "X[:, 1]", "x1^2": "X[:, 0] ** 2", "x2^2": "X[:, 1] ** 2",
    "x1x2": "X[:, 0] * X[:, 1]", "sin_x1": "np.sin(np.pi * X[:, 0])", "sin_x2": "np.sin(np.pi * X[:, 1])",
}

_MODULES = {
    "sigmoid": "nn.Sigmoid()", "tanh": "nn.Tanh()", "relu": "nn.ReLU()", "leaky_relu": "nn.LeakyReLU(0.01)",
    "elu": "nn.ELU()", "gelu": "nn.GELU()", "softplus": "nn.Softplus()", "hardtanh": "nn.Hardtanh()",
    "linear": None,  # no activation at all
}

_LOSSES = {  # (task, loss) -> (comment, body of loss_fn(out, y))
    "regression": ("squared error", "F.mse_loss(out[:, 0], y)"),
    ("binary", "bce"): ("binary cross-entropy on the logit (sigmoid and log in one stable op)",
                        "F.binary_cross_entropy_with_logits(out[:, 0], y)"),
    ("binary", "mse"): ("squared error on the sigmoid's probability",
                        "F.mse_loss(torch.sigmoid(out[:, 0]), y)"),
    ("multiclass", "ce"): ("softmax cross-entropy", "F.cross_entropy(out, y.long())"),
    ("multiclass", "mse"): ("squared error between the softmax and the one-hot target",
                            "F.mse_loss(torch.softmax(out, 1), "
                            "F.one_hot(y.long(), out.shape[1]).to(out.dtype))"),
}


# Sums of many floats depend on how threads split them; the playground runs on one thread.
_THREADS = ["torch.set_num_threads(1)  # as the playground: the same order of float sums, the same digits"]


def _code(text: str, **values) -> list[str]:
    """Lines of a dedented template with $names filled in."""
    return Template(textwrap.dedent(text).strip("\n")).substitute(values).split("\n")


def _numbers(name: str, values: np.ndarray, then: str = "") -> list[str]:
    """`name = np.array([...], dtype=np.float32)` wrapped at 100 columns. Each number is the
    shortest decimal that round-trips its float32; reading it as a float64 first and rounding
    to float32 gives back the same float32 (53 >= 2 * 24 + 2 bits: no double-rounding error)."""
    body = ", ".join(str(v).removesuffix(".0") for v in np.asarray(values, np.float32).ravel())
    lines = textwrap.wrap(body, 96, break_long_words=False, break_on_hyphens=False)
    return [f"{name} = np.array([", *("    " + l for l in lines), "], dtype=np.float32)" + then]


def _data(dataset: str, n: int, noise: float, classes: int) -> list[str]:
    """Lines that leave float32 X (n, 2) and y (n,) exactly as make_dataset draws them."""
    key = f"{dataset}_k" if classes > 2 else dataset
    comment, code = _DATA[key]
    name = key.removesuffix("_k")
    head = f"N, NOISE = {n!r}, {noise!r}" + (f"\nK = {classes!r}  # classes" if classes > 2 else "")
    about = textwrap.wrap(f"The {name} dataset as the playground draws it: {comment}.", 94)
    return [*("# " + l for l in about),
            "rng = np.random.default_rng(SEED)", *head.split("\n"), *_code(code),
            "p = rng.permutation(N)  # shuffled, so that any part of the data is a fair sample",
            "X, y = X[p].astype(np.float32), y[p].astype(np.float32)"]


def _block(net: NetConfig) -> list[str]:
    """The hidden layer as a function of its fan_in, and the Residual wrapper when needed."""
    parts, what = [f"nn.Linear(fan_in, {net.width})"], ["linear"]
    if net.norm != "none":
        parts.append(f"nn.{'BatchNorm1d' if net.norm == 'batch' else 'LayerNorm'}({net.width})")
        what.append(f"{net.norm} norm")
    if _MODULES[net.activation]:
        parts.append(_MODULES[net.activation])
        what.append(net.activation)
    if net.dropout > 0:
        parts.append(f"nn.Dropout({net.dropout!r})")
        what.append("dropout")
    lines = ["def block(fan_in):",
             f'    """One hidden layer: {" -> ".join(what)}."""',
             f"    return nn.Sequential({', '.join(parts)})", ""]
    if net.residual and net.depth > 1:  # the first block changes width: it never has a skip
        lines += _code('''
            class Residual(nn.Module):
                """h + f(h): the identity path carries the gradient past the block."""

                def __init__(self, f):
                    super().__init__()
                    self.f = f

                def forward(self, h):
                    return h + self.f(h)
            ''') + [""]
    return lines


def _init(net: NetConfig) -> list[str]:
    """init_(w): the initializer of inits.init_weight_, written with the same float operations."""
    s, name = net.init_scale, net.init
    slope = LEAKY_SLOPE if net.activation == "leaky_relu" else 0.0
    bound = math.sqrt(3) * weight_std("uniform", 1, 1, s)  # = s up to rounding: inits' own float
    times = "" if s == 1 else f"{s!r} * "  # x * 1.0 == x exactly: leave out a unit scale
    gain = "" if s == 1 else f", gain={s!r}"
    he = f"math.sqrt(2 / ((1 + {slope!r}**2) * fan_in))" if slope else "math.sqrt(2 / fan_in)"
    body = {
        "zeros": ("every weight 0: the units of a layer stay copies of each other", "nn.init.zeros_(w)"),
        "constant": ("every weight the same constant", f"nn.init.constant_(w, {s!r})"),
        "normal": ("N(0, sigma^2), sigma = the scale", f"nn.init.normal_(w, 0.0, {s!r}, generator=g)"),
        "uniform": ("U(-a, a), a = the scale", f"nn.init.uniform_(w, {-bound!r}, {bound!r}, generator=g)"),
        "xavier_uniform": ("Glorot & Bengio 2010", f"nn.init.xavier_uniform_(w{gain}, generator=g)"),
        "xavier_normal": ("Glorot & Bengio 2010", f"nn.init.xavier_normal_(w{gain}, generator=g)"),
        "kaiming_normal": ("He et al. 2015", f"nn.init.normal_(w, 0.0, {times}{he}, generator=g)"),
        "kaiming_uniform": ("He et al. 2015", f"std = {times}{he}\n"
                            "nn.init.uniform_(w, -math.sqrt(3) * std, math.sqrt(3) * std, generator=g)"),
        "lecun_normal": ("LeCun et al. 1998",
                         f"nn.init.normal_(w, 0.0, {times}math.sqrt(1 / fan_in), generator=g)"),
        "orthogonal": ("Saxe et al. 2014", f"nn.init.orthogonal_(w{gain}, generator=g)"),
        "trunc_normal": ("N(0, sigma^2) cut at +-2 sigma",
                         f"nn.init.trunc_normal_(w, 0.0, {s!r}, {-2 * s!r}, {2 * s!r}, generator=g)"),
    }
    comment, code = body[name]
    fan = ["fan_in = w.shape[1]"] if "fan_in" in code else []
    return ["def init_(w):", f'    """The {name} initializer ({comment}), without an activation gain."""',
            *("    " + l for l in fan + code.split("\n")), ""]


def _model(net: NetConfig, in_dim: int, out_dim: int) -> list[str]:
    """Lines that build `model` and draw its initial weights from `g`."""
    deeper = net.depth > 1
    one = f"Residual(block({net.width}))" if net.residual else f"block({net.width})"
    hidden = one if net.depth == 2 else f"*[{one} for _ in range({net.depth - 1})]"
    return [*_block(net),
            f"# {net.depth} hidden layer{'s' * deeper} of {net.width} units, then a linear head giving "
            f"{'logits' if out_dim > 1 else 'the output'}",
            f"model = nn.Sequential(block({in_dim}), {hidden + ', ' if deeper else ''}"
            f"nn.Linear({net.width}, {out_dim}))",
            "g = torch.Generator().manual_seed(SEED)  # the initial weights repeat from the seed", "",
            *_init(net),
            "linears = [m for m in model.modules() if isinstance(m, nn.Linear)]  # in order, head last",
            "for layer in linears:",
            "    init_(layer.weight)",
            "    nn.init.zeros_(layer.bias)"]


def _tidy(lines: list[str]) -> str:
    """The script's text: no unused `import math`, and PEP 8's two blank lines around
    top-level functions and classes (one at most elsewhere)."""
    if not any("math." in l for l in lines):
        i = lines.index("import math")
        del lines[i:i + 2]  # and the blank line under it
    out, in_def = [], False
    for line in lines:
        if not line.strip():
            if out and out[-1]:
                out.append("")
            continue
        top = not line[0].isspace()
        starts = top and line.startswith(("def ", "class ", "@"))
        decorated = bool(out) and out[-1].startswith("@")
        if (starts and not decorated) or (top and in_def and not starts):
            while out and not out[-1]:
                out.pop()
            out += ["", ""]
        if top:
            in_def = starts
        out.append(line)
    return "\n".join(out).rstrip("\n") + "\n"


def _header(title: str, lines: list[str]) -> list[str]:
    return ['"""' + title, "", *lines, '"""']


def training_script(net: NetConfig, cfg: TrainConfig, epochs: int, points=None) -> str:
    """A standalone script that trains net on cfg's data for `epochs` epochs, as Trainer does,
    and prints the final train and test loss. points: own data (X (n, 2), y (n,)), embedded."""
    if not (isinstance(epochs, numbers.Integral) and not isinstance(epochs, bool) and 1 <= epochs <= 100_000):
        raise ValueError(f"Invalid epochs: {epochs!r} (expected an integer in 1..100000)")
    if points is None:
        X, y = make_dataset(cfg.dataset, cfg.n, cfg.noise, cfg.seed, cfg.classes)
        task = cfg.task
    else:
        X, y = np.asarray(points[0], np.float32), np.asarray(points[1], np.float32)
        task = task_of(y)
    if net.norm == "batch" and cfg.batch_size < 2:
        raise ValueError("Batch normalization needs minibatches of at least 2 points")
    out_dim = int(y.max()) + 1 if task == "multiclass" else 1
    n_train = round(len(y) * cfg.train_frac)
    batch = min(cfg.batch_size, n_train)
    schedule = cfg.schedule != "constant"
    clean_l2 = cfg.l2 if cfg.optimizer != "adamw" else 0.0
    penalty = cfg.l1 > 0 or clean_l2 > 0
    where = "own points" if points is not None else f"the {cfg.dataset} dataset"
    src = _header(f"Training: {net.depth} x {net.width} {net.activation} MLP on {where}, "
                  f"{cfg.optimizer} at lr {cfg.lr!r}.", [
        "A standalone copy of the playground's Training page with these settings: the same data,",
        "initial weights and minibatches, so it ends at the losses the page shows after the same",
        "number of epochs. Needs numpy and torch.",
    ])
    src += ["import math", "",
            "import numpy as np", "import torch", "import torch.nn.functional as F",
            "from torch import nn", *(["from torch.optim import lr_scheduler"] if schedule else []), "",
            *_THREADS, f"SEED = {cfg.seed!r}", f"EPOCHS = {epochs!r}", ""]
    if points is None:
        src += _data(cfg.dataset, cfg.n, cfg.noise, cfg.classes)
    else:
        src += [f"# Own points: {len(y)} rows of x1, x2 and the label."]
        src += _numbers("X", X, ".reshape(-1, 2)") + _numbers("y", y) + ["N = len(y)"]
    src += ["", f"# A random {round(100 * cfg.train_frac)} / {100 - round(100 * cfg.train_frac)} "
                "split into training and test points",
            "p = np.random.default_rng(SEED).permutation(N)",
            f"k = round(N * {cfg.train_frac!r})", ""]
    if cfg.features == ("x1", "x2"):  # the points themselves are the inputs
        src += ["Xtr, ytr = torch.from_numpy(X[p[:k]]), torch.from_numpy(y[p[:k]])",
                "Xte, yte = torch.from_numpy(X[p[k:]]), torch.from_numpy(y[p[k:]])", ""]
    else:
        src += ["def features(X):",
                f'    """The network\'s inputs: {", ".join(cfg.features)}."""',
                "    X = X.astype(np.float64)",
                f"    return np.stack([{', '.join(_FEATURES[f] for f in cfg.features)}], 1)"
                ".astype(np.float32)", "",
                "Xtr, ytr = torch.from_numpy(features(X[p[:k]])), torch.from_numpy(y[p[:k]])",
                "Xte, yte = torch.from_numpy(features(X[p[k:]])), torch.from_numpy(y[p[k:]])", ""]
    src += _model(net, len(cfg.features), out_dim) + [""]
    loss = "mse" if cfg.loss == "mse" else ("ce" if task == "multiclass" else "bce")  # as train.data_loss
    comment, body = _LOSSES["regression" if task == "regression" else (task, loss)]
    src += ["def loss_fn(out, y):", f'    """Mean {comment}."""', f"    return {body}", ""]
    src += _optimizer(cfg, batch, schedule)
    src += _loop(cfg, net, task, penalty, clean_l2, schedule and epochs > cfg.epochs)
    return _tidy(src)


def _optimizer(cfg: TrainConfig, batch: int, schedule: bool) -> list[str]:
    """Minibatch size, the registry's torch.optim optimizer and, if any, its lr_scheduler: the
    schedule's function in optim, copied source and all, so the script runs the same maths."""
    cls = optim.OPTIMIZERS[cfg.optimizer][0]
    hyper = "".join(f", {k}={v!r}" for k, v in optimizer_kwargs(cfg).items())
    lines = [f"BATCH = {batch!r}",
             "per_epoch = len(ytr) // BATCH  # full minibatches of each shuffle; the rest waits",
             f"opt = torch.optim.{cls.__name__}(model.parameters(), lr={cfg.lr!r}{hyper})"]
    if not schedule:
        return lines + [""]
    make = optim.SCHEDULES[cfg.schedule]
    return ["", *inspect.getsource(make).rstrip("\n").split("\n"), "", *lines,
            f"horizon = {cfg.epochs!r} * per_epoch  # steps over which the schedule runs",
            f"sched = {make.__name__}(opt, horizon)", ""]


def _loop(cfg, net, task, penalty, l2, capped) -> list[str]:
    off = [what for what, on in (("dropout off", net.dropout > 0),
                                 ("batch norm on running statistics", net.norm == "batch")) if on]
    accuracy = {"binary": "(out[:, 0] > 0).float()", "multiclass": "out.argmax(1).float()"}.get(task)
    lines = ["@torch.no_grad()", "def report(label):",
             *textwrap.wrap(f'"""Loss{" and accuracy" if accuracy else ""} on the training and test '
                            f'points, in eval mode{" (" + ", ".join(off) + ")" if off else ""}."""', 92,
                            initial_indent="    ", subsequent_indent="    "),
             "    model.eval()",
             '    for name, X, y in (("train", Xtr, ytr), ("test", Xte, yte)):',
             "        out = model(X)"]
    if accuracy:
        lines += [f"        acc = ({accuracy} == y).float().mean().item()",
                  '        print(f"{label} {name} loss {loss_fn(out, y).item():.8g}  accuracy {acc:.4f}")']
    else:
        lines += ['        print(f"{label} {name} loss {loss_fn(out, y).item():.8g}")']
    lines += ["    model.train()", "", ""]
    lines += _code('''
        def train():
            gen = torch.Generator().manual_seed(SEED)  # draws the minibatch order$dropout_note
            step = 0
            for epoch in range(1, EPOCHS + 1):
                order = torch.randperm(len(ytr), generator=gen)  # a fresh shuffle every epoch
                for i in range(per_epoch):
                    idx = order[i * BATCH:(i + 1) * BATCH]
        ''', dropout_note=" and dropout's masks" if net.dropout > 0 else "")
    body = []
    if net.dropout > 0:
        body.append("torch.manual_seed(int(torch.randint(2**62, (1,), generator=gen)))"
                    "  # this step's dropout masks")
    body += ["loss = loss_fn(model(Xtr[idx]), ytr[idx])",
             "if not math.isfinite(loss.item()):  # no update from an inf/NaN loss",
             '    print(f"diverged at step {step}: the loss is {loss.item()}")',
             "    return",
             "opt.zero_grad()",
             "loss.backward()"]
    if penalty:
        terms = [(f"{cfg.l1!r} |W|", f"{cfg.l1!r} * torch.sign(W)")] if cfg.l1 > 0 else []
        terms += [(f"{l2!r}/2 |W|^2", f"{l2!r} * W")] if l2 > 0 else []
        body += [f"with torch.no_grad():  # the gradient of {' + '.join(t[0] for t in terms)} "
                 "(weights only, not biases)",
                 "    for W in [layer.weight for layer in linears]:",
                 f"        W.grad.add_({' + '.join(t[1] for t in terms)})"]
    if cfg.clip > 0:
        body.append(f"torch.nn.utils.clip_grad_norm_(model.parameters(), {cfg.clip!r})"
                    "  # cap the gradient's norm")
    body.append("opt.step()")
    if cfg.schedule != "constant":
        body += (["if step < horizon:  # past the horizon the rate stays put", "    sched.step()"] if capped
                 else ["sched.step()"])
    body.append("step += 1")
    lines += ["            " + l for l in body]
    return lines + ["        if epoch % max(1, EPOCHS // 10) == 0:", '            report(f"epoch {epoch:4d}")',
                    "", "", "train()", 'report("final")']


def gradient_flow_script(net: NetConfig, batch: int) -> str:
    """A standalone script of the Gradient flow page: one forward and backward pass of a fresh
    network on `batch` circle points; prints each hidden layer's |dL/dW| and the ratio of the
    first layer's to the last one's."""
    if not (isinstance(batch, numbers.Integral) and not isinstance(batch, bool) and 1 <= batch <= 5000):
        raise ValueError(f"Invalid batch: {batch!r} (expected an integer in 1..5000)")
    src = _header(f"Gradient flow: {net.depth} x {net.width} {net.activation} MLP, {net.init} init.", [
        "A standalone copy of the playground's Gradient flow page with these settings: one forward",
        "and one backward pass of a freshly initialized network on one batch, no training. Prints",
        "the weight gradient's norm layer by layer. Needs numpy and torch.",
    ])
    src += ["import math", "", "import numpy as np", "import torch", "import torch.nn.functional as F",
            "from torch import nn", "", *_THREADS, f"SEED = {net.seed!r}", ""]
    src += _data("circle", batch, 0.1, 2)
    src += ["X, y = torch.from_numpy(X), torch.from_numpy(y)", ""]
    src += _model(net, net.in_dim, net.out_dim) + [""]
    if net.dropout > 0:
        src.append("torch.manual_seed(SEED)  # dropout's masks")
    src += _code('''
        out = model(X)  # train mode$bn
        loss = F.binary_cross_entropy_with_logits(out, y[:, None])
        loss.backward()
        norms = torch.stack([torch.linalg.vector_norm(layer.weight.grad.double()) for layer in linears[:-1]])
        print(f"loss on the batch {loss.item():.8g}")
        for l, norm in enumerate(norms.tolist(), start=1):
            print(f"layer {l:2d}  |dL/dW| = {norm:.8e}")
        print(f"ratio layer 1 / layer {len(norms)}: {(norms[0] / norms[-1]).item():.8e}")
        ''', bn=": batch norm uses this batch's statistics" if net.norm == "batch" else "")
    return _tidy(src)
