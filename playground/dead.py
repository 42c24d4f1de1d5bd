"""Dead units: how many hidden units of a trained MLP never pass a gradient, against learning rate."""
import numpy as np
import pandas as pd
import torch

from playground.activations import derivative
from playground.nets import NetConfig
from playground.train import Trainer, TrainConfig

LRS = (0.01, 0.1, 0.3, 1.0, 3.0)


def dead_fraction(model, X) -> float:
    """Share of hidden units whose f'(z) is 0 at every point of X, averaged over layers.

    For ReLU that is z <= 0 everywhere: such a unit outputs 0 and gets no gradient, so
    no later step can revive it. Leaky ReLU and ELU keep f' > 0 and never die.
    """
    with torch.no_grad():
        _, zs, _ = model.trace(torch.as_tensor(X, dtype=torch.float32))
    act = model.cfg.activation
    return float(np.mean([(derivative(act, z.double().numpy()) == 0).all(0).mean() for z in zs]))


def dead_vs_lr(activation: str, lrs=LRS, depth: int = 3, width: int = 16, epochs: int = 5,
               seed: int = 0) -> pd.DataFrame:
    """Train a fresh Kaiming-initialised MLP with plain SGD at each learning rate: columns lr,
    dead (share of dead hidden units on the training points), diverged."""
    net = NetConfig(depth=depth, width=width, activation=activation, init="kaiming_normal",
                    seed=seed)
    rows = []
    for lr in lrs:
        t = Trainer(net, TrainConfig(dataset="circle", n=200, optimizer="sgd", lr=lr,
                                     batch_size=10, epochs=epochs, seed=seed))
        t.step(epochs * t.per_epoch)
        rows.append({"lr": lr, "dead": dead_fraction(t.model, t.Xtr), "diverged": t.diverged})
    return pd.DataFrame(rows)
