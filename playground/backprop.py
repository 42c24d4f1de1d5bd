"""A hand-written backward pass for the plain MLP: the kernels autograd would call, without
building a graph.

On a network of a few units per layer, autograd's bookkeeping (recording the graph, running
its engine) is a large part of a step next to the arithmetic. Calling the same backward
kernels directly saves most of that. It covers networks without normalization or
dropout (with or without residual connections); `supported` says which. `loss_grad`
gives the gradient of each loss the trainer knows the same way.
"""
from collections.abc import Callable

import torch
import torch.nn.functional as F

from playground.activations import LEAKY_SLOPE
from playground.nets import MLP

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
