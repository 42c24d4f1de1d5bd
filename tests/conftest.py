"""Shared by the tests: hypothesis settings, and an independent forward pass of
playground.nets.MLP in plain torch.nn.functional ops."""
import torch
import torch.nn.functional as F
from hypothesis import settings

# No per-example deadline: on a loaded CI machine a slow example is not a wrong one.
settings.register_profile("playground", deadline=None)
settings.load_profile("playground")

ACT = {
    "sigmoid": torch.sigmoid, "tanh": torch.tanh, "relu": F.relu, "leaky_relu": lambda z: F.leaky_relu(z, 0.01),
    "elu": F.elu, "gelu": F.gelu, "softplus": F.softplus, "hardtanh": F.hardtanh, "linear": lambda z: z,
}


def weights(model):
    """Detached copies of every weight, requiring grad: [(W, b, gamma, beta) per layer] + [(W, b) head]."""
    def leaf(t):
        return None if t is None else t.detach().clone().requires_grad_(True)
    layers = [tuple(leaf(t) for t in (b.linear.weight, b.linear.bias,
                                      getattr(b.norm, "weight", None), getattr(b.norm, "bias", None)))
              for b in model.blocks]
    return layers + [(leaf(model.head.weight), leaf(model.head.bias))]


def forward(cfg, params, x):
    """(out, zs, hs) as the model in train mode without dropout should compute them."""
    zs, hs, h = [], [], x
    for l, (W, b, gamma, beta) in enumerate(params[:-1]):
        z = F.linear(h, W, b)
        if cfg.norm == "batch":
            z = F.batch_norm(z, None, None, gamma, beta, training=True, eps=1e-5)
        elif cfg.norm == "layer":
            z = F.layer_norm(z, (cfg.width,), gamma, beta, eps=1e-5)
        a = ACT[cfg.activation](z)
        h = h + a if cfg.residual and l > 0 else a
        zs.append(z)
        hs.append(h)
    return F.linear(h, *params[-1]), zs, hs
