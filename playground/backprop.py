"""Backpropagation by hand: the four equations on one example, for reading (`walk`), and
the fast backward pass that trains the plain MLP (`Backprop`).

`walk` runs one example through a small network in float64 and writes down every value: the
forward pass layer by layer, then the deltas, bias and weight gradients by the four
equations, each next to what autograd gives, and each layer's Jacobian.

`Backprop` calls the kernels autograd would call, without building a graph.

On a network of a few units per layer, autograd's bookkeeping (recording the graph, running
its engine) is a large part of a step next to the arithmetic. Calling the same backward
kernels directly saves most of that. It covers networks without normalization or
dropout (with or without residual connections); `supported` says which. `loss_grad`
gives the gradient of each loss the trainer knows the same way.
"""
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
import torch
import torch.nn.functional as F

from playground import activations
from playground.activations import LEAKY_SLOPE
from playground.nets import MLP, NetConfig, build_mlp

aten = torch.ops.aten

# activation -> (grad wrt its output, pre-activation z, output a) -> grad wrt z; the
# arguments are torch's module defaults (ELU alpha 1, Softplus beta 1 threshold 20,
# Hardtanh [-1, 1]), the kernels those modules' autograd nodes run
_BACKWARD: dict[str, Callable] = {
    "sigmoid": lambda g, z, a: aten.sigmoid_backward(g, a),
    "tanh": lambda g, z, a: aten.tanh_backward(g, a),
    "relu": lambda g, z, a: aten.threshold_backward(g, a, 0),
    "leaky_relu": lambda g, z, a: aten.leaky_relu_backward(g, z, LEAKY_SLOPE, False),
    "elu": lambda g, z, a: aten.elu_backward(g, 1.0, 1, 1, False, z),
    "gelu": lambda g, z, a: aten.gelu_backward(g, z),
    "softplus": lambda g, z, a: aten.softplus_backward(g, z, 1, 20),
    "hardtanh": lambda g, z, a: aten.hardtanh_backward(g, z, -1, 1),
    "linear": lambda g, z, a: g,
}


def supported(model: MLP) -> bool:
    """Whether `Backprop` can train this network (no norm layers, no dropout)."""
    cfg = model.cfg
    return cfg.norm == "none" and cfg.dropout == 0 and cfg.activation in _BACKWARD


def loss_grad(out: torch.Tensor, y: torch.Tensor, task: str, loss: str
              ) -> tuple[torch.Tensor, torch.Tensor]:
    """`train.data_loss(out, y, task, loss)` and its gradient with respect to `out`."""
    if task == "binary" and loss != "mse":  # autograd's formula for the mean of BCE on logits
        o = out[:, 0]
        return (F.binary_cross_entropy_with_logits(o, y),
                ((torch.sigmoid(o) - y) / len(y)).unsqueeze(1))
    one = out.new_ones(())  # what backward() starts from: d loss / d loss
    if task == "regression":
        o = out[:, 0]
        return F.mse_loss(o, y), aten.mse_loss_backward(one, o, y, 1).unsqueeze(1)
    if task == "binary":
        p = torch.sigmoid(out[:, 0])
        g = aten.sigmoid_backward(aten.mse_loss_backward(one, p, y, 1), p)
        return F.mse_loss(p, y), g.unsqueeze(1)
    if loss == "mse":
        p = torch.softmax(out, 1)
        target = F.one_hot(y.long(), out.shape[1]).to(out.dtype)
        g = aten._softmax_backward_data(aten.mse_loss_backward(one, p, target, 1), p, 1, out.dtype)
        return F.mse_loss(p, target), g
    logp = torch.log_softmax(out, 1)
    labels = y.long()
    value, total = aten.nll_loss_forward(logp, labels, None, 1, -100)
    g = aten.nll_loss_backward(one, logp, labels, None, 1, -100, total)
    return value, aten._log_softmax_backward_data(g, logp, 1, out.dtype)


def _input_grad(g: torch.Tensor, W: torch.Tensor, h: torch.Tensor) -> torch.Tensor:
    """d loss / d h for `F.linear(h, W, b)`, multiplied in autograd's order: for an input laid out
    column-major (as every 1 x 1 input is) it computes (W^T g^T)^T, whose rounding can differ
    from g W in the last bit on some BLAS builds."""
    if h.stride(0) == 1 and h.stride(1) == h.shape[0]:
        return W.t().mm(g.t()).t()
    return g.mm(W)


class Backprop:
    """The gradients of one network's parameters, computed by hand. Built once per network:
    it keeps the parameter tensors themselves (optimizers update them in place), so a step
    pays no module attribute lookups."""

    def __init__(self, model: MLP):
        if not supported(model):
            raise ValueError("Only networks without normalization or dropout are supported")
        self.act = model.blocks[0].act.forward  # the module's own function, minus its hooks
        self.act_backward = _BACKWARD[model.cfg.activation]
        self.blocks = [(b.linear.weight, b.linear.bias, b.residual) for b in model.blocks]
        self.head = model.head.weight, model.head.bias

    def __call__(self, x: torch.Tensor,
                 loss_of: Callable[[torch.Tensor], tuple[torch.Tensor, torch.Tensor]]
                 ) -> tuple[torch.Tensor, list[torch.Tensor]]:
        """The loss of `model(x)` and the gradient of every parameter, in
        `model.parameters()` order, as autograd's `loss.backward()` would give them;
        `loss_of(out)` returns the loss and its gradient with respect to `out` (`loss_grad`)."""
        layers = []  # (input h, pre-activation z, activation a) per block
        with torch.no_grad():
            h = x
            for W, b, residual in self.blocks:
                z = F.linear(h, W, b)
                a = self.act(z)
                layers.append((h, z, a))
                h = h + a if residual else a
            W, b = self.head
            loss, g = loss_of(F.linear(h, W, b))  # g: (n, out_dim)
            grads = [g.sum(0), g.t().mm(h)]  # built backwards: bias, weight, from the head
            g = _input_grad(g, W, h)  # wrt the last hidden output
            for i in range(len(self.blocks) - 1, -1, -1):
                W, b, residual = self.blocks[i]
                h_in, z, a = layers[i]
                gz = self.act_backward(g, z, a)
                grads += [gz.sum(0), gz.t().mm(h_in)]
                if i > 0:
                    gh = _input_grad(gz, W, h_in)
                    g = gh + g if residual else gh
        return loss, grads[::-1]


# output -> (task, loss) of train.data_loss: what the output layer computes and is judged by
OUTPUTS = {"sigmoid_ce": ("binary", "bce"),  # sigmoid, then cross-entropy
           "sigmoid_se": ("binary", "mse"),  # sigmoid, then squared error (a - y)^2
           "linear_se": ("regression", "mse")}  # no activation, squared error (z - y)^2


def _sigmoid(z):
    return activations.activate("sigmoid", z)


@dataclass(frozen=True)
class Walk:
    """One example through a network, forward then backward, in float64. Layers count from 1
    (the first hidden layer) to L + 1 (the output); per-layer lists hold layer i + 1 at
    index i, and `a` holds one more: a[0] is the input x, so layer i + 1 reads a[i] and
    writes a[i + 1]. Shapes: W[i] (n_out, n_in), every vector (n,)."""
    cfg: NetConfig
    output: str
    y: float
    W: list[np.ndarray]
    b: list[np.ndarray]
    z: list[np.ndarray]        # pre-activations W a + b
    a: list[np.ndarray]        # a[0] = x, a[i + 1] = f(z[i]); the output's f per `output`
    fprime: list[np.ndarray]   # f'(z[i])
    loss: float
    dC_da: float               # dC/da of the output, the first factor of equation 1
    delta: list[np.ndarray]    # dC/dz[l]: equation 1 for the output, equation 2 below it
    grad_b: list[np.ndarray]   # equation 3: delta
    grad_W: list[np.ndarray]   # equation 4: outer(delta[i], a[i])
    jacobians: list[np.ndarray]  # d a[i + 1] / d a[i] = diag(f'(z[i])) W[i]
    # autograd's values, for comparison: the same network as torch modules, loss.backward()
    autograd_delta: list[np.ndarray]
    autograd_b: list[np.ndarray]
    autograd_W: list[np.ndarray]
    autograd_loss: float

    @property
    def layers(self) -> int:
        """L + 1: hidden layers and the output."""
        return len(self.W)

    @property
    def input_grad(self) -> list[np.ndarray]:
        """dC/da[i] for i = 0 .. L + 1, the gradient reaching each layer's output (i = 0: the
        input): W[i]^T delta[i] (layer i + 1's weights and delta), and dC/da at the output."""
        return [W.T @ d for W, d in zip(self.W, self.delta)] + [np.array([self.dC_da])]

    @property
    def gaps(self) -> np.ndarray:
        """(L + 1,): per layer, the largest |hand - autograd| over delta, dC/db and dC/dW."""
        return np.array([max(float(np.abs(h - r).max()) for h, r in (
            (self.delta[i], self.autograd_delta[i]), (self.grad_b[i], self.autograd_b[i]),
            (self.grad_W[i], self.autograd_W[i]))) for i in range(self.layers)])

    @property
    def scale(self) -> float:
        """The largest |value| autograd gives for a delta or a weight gradient: what a gap is
        measured against."""
        return max(float(np.abs(v).max()) for v in self.autograd_delta + self.autograd_W)

    @property
    def input_grad_norms(self) -> np.ndarray:
        """(L + 2,): ‖dC/da[i]‖, scaled before squaring, so that a gradient near float64's
        largest values (a saturated sigmoid's dC/da) does not overflow to inf."""
        def norm(g):
            top = float(np.abs(g).max())
            return top * float(np.linalg.norm(g / top)) if 0 < top < np.inf else top
        return np.array([norm(g) for g in self.input_grad])

    @property
    def jacobian_norms(self) -> np.ndarray:
        """(L + 1,): the spectral norm (largest singular value) of each layer's Jacobian."""
        return np.array([np.linalg.norm(J, 2) for J in self.jacobians])

    @property
    def bound(self) -> np.ndarray:
        """(L + 2,): for each a[i], |dC/da| at the output times the norms of the Jacobians
        between: what the chain rule lets reach a[i] at most, |dC/da[i]| <= bound[i]."""
        tail = np.cumprod(self.jacobian_norms[::-1])[::-1]  # prod of norms of layers i+1..L+1
        return np.append(tail, 1.0) * abs(self.dC_da)

    def __repr__(self):
        return (f"Walk(widths={[len(v) for v in self.a]}, activation={self.cfg.activation!r}, "
                f"output={self.output!r}, loss={self.loss:.4g})")


def walk(cfg: NetConfig, x: tuple[float, float], y: float, output: str = "sigmoid_ce") -> Walk:
    """`build_mlp(cfg)` (in float64) on the example (x, y): every value of the forward pass,
    then the backward pass by the four equations of backpropagation (Nielsen, *Neural Networks
    and Deep Learning*, ch. 2), with the losses of `train.data_loss`:

        delta^{L+1} = dC/da * f'(z^{L+1})             (1)
        delta^l     = (W^{l+1}^T delta^{l+1}) * f'(z^l) (2)
        dC/db^l     = delta^l                           (3)
        dC/dW^l     = delta^l (a^{l-1})^T               (4)

    The hand computation uses the closed forms of `activations`; autograd's values come from
    the torch modules themselves.
    """
    if output not in OUTPUTS:
        raise ValueError(f"Unknown output: {output!r} (expected one of {tuple(OUTPUTS)})")
    if cfg.norm != "none" or cfg.residual or cfg.dropout or cfg.out_dim != 1 or cfg.in_dim != len(x):
        raise ValueError("walk takes a plain network with one output and an input of len(x)")
    model = build_mlp(cfg).double()
    W = [blk.linear.weight.detach().numpy().copy() for blk in model.blocks]
    b = [blk.linear.bias.detach().numpy().copy() for blk in model.blocks]
    W.append(model.head.weight.detach().numpy().copy())
    b.append(model.head.bias.detach().numpy().copy())
    act = cfg.activation

    a, z, fprime = [np.asarray(x, dtype=np.float64)], [], []
    for i in range(len(W)):
        z.append(W[i] @ a[-1] + b[i])
        if i < len(W) - 1:
            a.append(activations.activate(act, z[-1]))
            fprime.append(activations.derivative(act, z[-1]))
        elif output == "linear_se":
            a.append(z[-1].copy())
            fprime.append(np.ones(1))
        else:
            a.append(_sigmoid(z[-1]))
            fprime.append(_sigmoid(z[-1]) * _sigmoid(-z[-1]))
    out, zL = float(a[-1][0]), float(z[-1][0])
    if output == "sigmoid_ce":  # -y log a - (1 - y) log(1 - a), written with logits so it never overflows
        loss = float(np.logaddexp(0.0, zL) - y * zL)
        # dC/da times f' = a (1 - a) leaves a - y, computed so: dC/da itself is infinite where
        # the sigmoid rounds to exactly 0 or 1 against the other label, and is written without to exactly 0 or 1; 1 - a is taken as sigmoid(-z), exact where 1 - a
        # would keep only a's last digits
        with np.errstate(divide="ignore"):
            dC_da = ((-y / np.float64(out) if y else 0.0)
                     + ((1 - y) / _sigmoid(np.float64(-zL)) if y != 1 else 0.0))
        # a - y, written so that it keeps its digits where a is within rounding of y = 1
        delta = [np.array([(1 - y) * out - y * _sigmoid(np.float64(-zL))])]
    else:
        loss = (out - y) ** 2
        dC_da = 2 * (out - y)
        delta = [dC_da * fprime[-1]]
    for i in range(len(W) - 2, -1, -1):
        delta.insert(0, (W[i + 1].T @ delta[0]) * fprime[i])
    jacobians = [fp[:, None] * Wi for fp, Wi in zip(fprime, W)]

    from playground import train  # train imports this module for Backprop
    task, loss_name = OUTPUTS[output]
    xt = torch.tensor([x], dtype=torch.float64)
    logits, zs, _ = model.trace(xt)
    for t in zs + [logits]:
        t.retain_grad()
    reference = train.data_loss(logits, torch.tensor([float(y)], dtype=torch.float64), task, loss_name)
    reference.backward()
    linears = [blk.linear for blk in model.blocks] + [model.head]
    return Walk(cfg=cfg, output=output, y=float(y), W=W, b=b, z=z, a=a, fprime=fprime,
                loss=float(loss), dC_da=float(dC_da), delta=delta, grad_b=[d.copy() for d in delta],
                grad_W=[np.outer(d, a[i]) for i, d in enumerate(delta)], jacobians=jacobians,
                autograd_delta=[t.grad[0].numpy().copy() for t in zs + [logits]],
                autograd_b=[m.bias.grad.numpy().copy() for m in linears],
                autograd_W=[m.weight.grad.numpy().copy() for m in linears],
                autograd_loss=reference.item())


def steps(layers: int) -> list[tuple[str, int]]:
    """The walk's steps for L + 1 = `layers` layers: forward through layers 1 .. L + 1 (the
    last with the loss), then backward from L + 1 down to 1."""
    return ([("forward", l) for l in range(1, layers + 1)]
            + [("backward", l) for l in range(layers, 0, -1)])


def graph(w: Walk, step: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(nodes, edges) of the computational graph after `step` (1-based, of `steps`).

    nodes: one per unit, the input's first (col 0) and the loss last (col L + 2): col, row
    (centred on 0), layer, unit (1-based), kind ("x", "a", "delta" or "C": what `value`
    is; "" for a value not computed yet), value, current (bool: computed in this step).
    Forward, a unit shows its activation once computed; backward, its delta once computed.
    edges: one per weight W[layer - 1][unit - 1, src - 1], from (col, row) to (col2, row2):
    layer, unit, src, kind ("w", "dW": the weight, or its gradient once computed), value,
    current.
    """
    phase, at = steps(w.layers)[step - 1]
    back = phase == "backward"
    nodes, edges = [], []

    def rows(n):
        return np.arange(n) - (n - 1) / 2

    for col, a in enumerate(w.a):  # col 0 = input, col l = layer l
        done_fwd = col <= at or back
        done_back = back and 1 <= col and col >= at
        for j, r in enumerate(rows(len(a))):
            if col == 0:
                kind, value = "x", a[j]
            elif done_back:
                kind, value = "delta", w.delta[col - 1][j]
            elif done_fwd:
                kind, value = "a", a[j]
            else:
                kind, value = "", np.nan
            nodes.append((col, r, col, j + 1, kind, value,
                          col == at and (done_back or not back)))
    loss_known = back or at == w.layers
    nodes.append((w.layers + 1, 0.0, w.layers + 1, 1, "C" if loss_known else "",
                  w.loss if loss_known else np.nan, not back and at == w.layers))
    for l in range(1, w.layers + 1):
        src, dst = rows(len(w.a[l - 1])), rows(len(w.a[l]))
        grad = back and l >= at
        for j, r2 in enumerate(dst):
            for k, r in enumerate(src):
                edges.append((l - 1, r, l, r2, l, j + 1, k + 1, "dW" if grad else "w",
                              (w.grad_W if grad else w.W)[l - 1][j, k], l == at))
    node_cols = ["col", "row", "layer", "unit", "kind", "value", "current"]
    edge_cols = ["col", "row", "col2", "row2", "layer", "unit", "src", "kind", "value", "current"]
    return pd.DataFrame(nodes, columns=node_cols), pd.DataFrame(edges, columns=edge_cols)
