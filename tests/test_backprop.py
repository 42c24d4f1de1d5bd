"""The hand-written backward pass gives autograd's gradients, bit for bit."""
import dataclasses

import pandas as pd
import pytest
import torch
from hypothesis import given, strategies as st

from playground import backprop
from playground.activations import ACTIVATIONS
from playground.nets import NetConfig, build_mlp
from playground.train import TrainConfig, Trainer, data_loss

TASKS = (("binary", "bce"), ("binary", "mse"), ("regression", "mse"),
         ("multiclass", "ce"), ("multiclass", "mse"))


def targets(task: str, n: int, classes: int, gen: torch.Generator) -> torch.Tensor:
    if task == "multiclass":
        return torch.randint(0, classes, (n,), generator=gen).float()
    if task == "binary":
        return (torch.rand(n, generator=gen) > 0.5).float()
    return torch.randn(n, generator=gen)


@given(act=st.sampled_from(ACTIVATIONS), task=st.sampled_from(TASKS),
       depth=st.integers(1, 5), width=st.integers(1, 9), residual=st.booleans(),
       n=st.integers(1, 33), scale=st.sampled_from([0.1, 1.0, 5.0]), seed=st.integers(0, 99))
def test_gradients_and_loss_equal_autograd_bit_for_bit(act, task, depth, width, residual, n,
                                                        scale, seed):
    classes = 3 if task[0] == "multiclass" else 1
    model = build_mlp(NetConfig(depth=depth, width=width, activation=act, residual=residual,
                                init_scale=scale, in_dim=3, out_dim=classes, seed=seed))
    gen = torch.Generator().manual_seed(seed)
    x, y = 2 * torch.randn(n, 3, generator=gen), targets(task[0], n, classes, gen)

    loss, grads = backprop.Backprop(model)(x, lambda out: backprop.loss_grad(out, y, *task))

    reference = data_loss(model(x), y, *task)
    reference.backward()
    assert torch.equal(loss, reference.detach())
    params = list(model.parameters())
    assert len(grads) == len(params)
    for g, p in zip(grads, params):
        assert g.shape == p.shape and torch.equal(g, p.grad)


@pytest.mark.parametrize("change", [{"norm": "batch"}, {"norm": "layer"}, {"dropout": 0.2}])
def test_networks_it_cannot_train_are_refused_and_left_to_autograd(change):
    model = build_mlp(dataclasses.replace(NetConfig(), **change))
    assert not backprop.supported(model)
    with pytest.raises(ValueError):
        backprop.Backprop(model)


@pytest.mark.parametrize("net, cfg", [
    (NetConfig(depth=2, width=4), TrainConfig()),
    (NetConfig(depth=3, width=6, activation="relu", residual=True, init="kaiming_normal"),
     TrainConfig(dataset="spiral", classes=3, loss="ce", optimizer="adam", lr=0.01,
                 schedule="cosine", l1=1e-3, l2=1e-3, clip=0.5)),
    (NetConfig(depth=2, width=5, activation="gelu"),
     TrainConfig(dataset="plane", loss="mse", optimizer="rmsprop", lr=3e-3, batch_size=7)),
    (NetConfig(depth=4, width=3, activation="sigmoid"),
     TrainConfig(dataset="xor", loss="mse", optimizer="nesterov", lr=0.3, schedule="step",
                 features=("x1", "x2", "x1x2"))),
])
def test_a_trainer_by_hand_repeats_the_autograd_trainer_exactly(net, cfg):
    fast, slow = Trainer(net, cfg), Trainer(net, cfg, by_hand=False)
    assert fast._backprop is not None and slow._backprop is None
    for tr in (fast, slow):
        tr.step(3 * tr.per_epoch + 5)
    pd.testing.assert_frame_equal(fast.history, slow.history, check_exact=True)
    for a, b in zip(fast.params, slow.params):
        assert torch.equal(a, b)
