"""The hand-written backward pass gives autograd's gradients, bit for bit."""
import dataclasses
import math

import numpy as np
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


# -- the four equations on one example (`walk`) ---------------------------------------------

WALKS = dict(act=st.sampled_from(ACTIVATIONS), output=st.sampled_from(tuple(backprop.OUTPUTS)),
             depth=st.integers(1, 3), width=st.integers(2, 4),
             scale=st.sampled_from([0.25, 1.0, 4.0]), seed=st.integers(0, 50),
             # inputs to a thousandth, as the page's sliders give them (they step by 0.1): a
             # norm of values near 1e-162 squares them below float64's range
             x=st.tuples(*[st.floats(-3, 3).map(lambda v: round(v, 3))] * 2),
             y=st.sampled_from([0.0, 1.0]))


def walked(act, output, depth, width, scale, seed, x, y):
    cfg = NetConfig(depth=depth, width=width, activation=act, init_scale=scale, seed=seed)
    return backprop.walk(cfg, x, y, output)


@given(**WALKS)
def test_the_four_equations_give_autograds_deltas_and_gradients(**kw):
    w = walked(**kw)
    # torch's cross-entropy on logits adds 1 to e^z before its log: near 0 it is exact to
    # a few 1e-16 in absolute terms only
    # torch's softplus is z itself above z = 20, where log(1 + e^z) exceeds it by < e^-20
    rel = 1e-8 if kw["act"] == "softplus" else 1e-12
    assert w.loss == pytest.approx(w.autograd_loss, rel=rel, abs=1e-14)
    for mine, torch_ in ((w.delta, w.autograd_delta), (w.grad_b, w.autograd_b),
                         (w.grad_W, w.autograd_W)):
        assert len(mine) == len(torch_) == kw["depth"] + 1
        for m, t in zip(mine, torch_):
            assert m.shape == t.shape
            # 1 - tanh² near 1 keeps only the last digits of tanh, which numpy and torch round
            # apart: equal to rounding at the scale of the layer's largest value
            np.testing.assert_allclose(m, t, rtol=rel * 1e3,
                                       atol=1e-13 * max(1.0, np.abs(t).max()))
    if kw["act"] != "softplus":  # what the page calls float64's rounding
        scale = max(float(np.abs(v).max()) for v in w.autograd_delta + w.autograd_W)
        gap = max(float(np.abs(m - t).max()) for m, t in zip(
            w.delta + w.grad_b + w.grad_W, w.autograd_delta + w.autograd_b + w.autograd_W))
        assert gap <= 1e-9 * max(1.0, scale)


@given(**WALKS)
def test_the_jacobians_multiply_to_autograds_and_their_norms_bound_every_gradient(**kw):
    w = walked(**kw)
    model = build_mlp(w.cfg).double()

    def output(x):  # the output layer's activation a, as the walk's `output` defines it
        z = model(x[None])[0]
        return z if w.output == "linear_se" else torch.sigmoid(z)

    full = torch.autograd.functional.jacobian(output, torch.tensor(kw["x"], dtype=torch.float64))
    chained = w.jacobians[0]
    for J in w.jacobians[1:]:
        chained = J @ chained
    # torch's sigmoid slope a (1 - a) loses digits where a is near 1; the walk's is exact
    rtol = 1e-6 if kw["act"] == "softplus" else 1e-9  # torch's softplus: z itself above 20
    np.testing.assert_allclose(chained, full.numpy(), rtol=rtol,
                               atol=1e-13 * max(1.0, np.abs(chained).max()))
    for g, norm, bound in zip(w.input_grad, w.input_grad_norms, w.bound):
        assert norm == pytest.approx(math.hypot(*g), rel=1e-12)  # hypot scales: no overflow
        # where the bound is tight the two sides differ by rounding only
        assert norm <= bound * (1 + 1e-6) + 1e-300


def test_the_gaps_are_the_largest_differences_from_autograd_per_layer():
    w = backprop.walk(NetConfig(depth=2, width=3, activation="tanh", init_scale=4.0),
                      (1.5, -2.0), 0.0)
    for i, gap in enumerate(w.gaps):
        diffs = np.concatenate([np.ravel(a - b) for a, b in (
            (w.delta[i], w.autograd_delta[i]), (w.grad_b[i], w.autograd_b[i]),
            (w.grad_W[i], w.autograd_W[i]))])
        assert gap == np.abs(diffs).max()
    assert w.scale == max(np.abs(np.concatenate([np.ravel(v) for v in
                                                 w.autograd_delta + w.autograd_W])))


def test_the_output_delta_has_the_closed_form_of_each_loss():
    cfg = NetConfig(depth=2, width=3, activation="tanh", seed=3)
    ce, se, lin = (backprop.walk(cfg, (0.7, -0.2), 1.0, o)
                   for o in ("sigmoid_ce", "sigmoid_se", "linear_se"))
    a, z = ce.a[-1][0], ce.z[-1][0]
    assert a == pytest.approx(1 / (1 + np.exp(-z)))
    assert ce.delta[-1][0] == pytest.approx(a - 1)  # cross-entropy cancels sigmoid's slope
    assert ce.loss == pytest.approx(-np.log(a))
    assert se.delta[-1][0] == pytest.approx(2 * (a - 1) * a * (1 - a))
    assert se.loss == pytest.approx((a - 1) ** 2)
    assert lin.delta[-1][0] == pytest.approx(2 * (z - 1)) and lin.loss == pytest.approx((z - 1) ** 2)


def test_a_relu_unit_below_zero_passes_no_gradient_back():
    w = backprop.walk(NetConfig(depth=2, width=3, activation="relu", init="kaiming_normal"),
                      (0.5, -1.0), 1.0)
    assert (w.z[1] < 0).all()  # the whole of layer 2, on this example
    for i in (0, 1):
        assert not w.delta[i].any() and not w.grad_W[i].any() and not w.autograd_W[i].any()
    assert not w.grad_W[2].any() and w.grad_b[2][0] == pytest.approx(w.a[-1][0] - 1)


def test_walk_refuses_what_it_cannot_show():
    with pytest.raises(ValueError, match="Unknown output"):
        backprop.walk(NetConfig(depth=1, width=2), (0.0, 0.0), 1.0, "hinge")
    with pytest.raises(ValueError, match="plain network"):
        backprop.walk(NetConfig(depth=2, width=2, norm="batch"), (0.0, 0.0), 1.0)


def test_steps_go_forward_through_every_layer_then_back():
    assert backprop.steps(3) == [("forward", 1), ("forward", 2), ("forward", 3),
                                 ("backward", 3), ("backward", 2), ("backward", 1)]


@given(**WALKS)
def test_the_graph_shows_each_value_once_computed_and_only_then(**kw):
    w = walked(**kw)
    L1 = w.layers
    for step, (phase, at) in enumerate(backprop.steps(L1), start=1):
        nodes, edges = backprop.graph(w, step)
        assert len(nodes) == sum(len(a) for a in w.a) + 1  # every unit, and the loss
        assert len(edges) == sum(W.size for W in w.W)
        for n in nodes.itertuples():
            if n.col == L1 + 1:  # the loss
                assert (n.kind == "C") == (phase == "backward" or at == L1)
                continue
            if n.col == 0:
                expected = ("x", w.a[0][n.unit - 1])
            elif phase == "backward" and n.col >= at:
                expected = ("delta", w.delta[n.col - 1][n.unit - 1])
            elif phase == "backward" or n.col <= at:
                expected = ("a", w.a[n.col][n.unit - 1])
            else:
                expected = ("", None)
            assert n.kind == expected[0]
            if expected[1] is not None:
                assert n.value == expected[1]
            assert n.current == (n.col == at)
        for e in edges.itertuples():
            grad = phase == "backward" and e.layer >= at
            source = w.grad_W if grad else w.W
            assert e.kind == ("dW" if grad else "w")
            assert e.value == source[e.layer - 1][e.unit - 1, e.src - 1]
            assert e.current == (e.layer == at)
