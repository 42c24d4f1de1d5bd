"""Dead units and the Gaussian panel, against independent references: torch and closed forms."""
import math

import numpy as np
import pytest
import torch

from playground import dead, gaussian
from playground.nets import NetConfig
from playground.train import Trainer, TrainConfig


def test_dead_fraction_matches_a_direct_count_in_torch():
    net = NetConfig(depth=3, width=16, activation="relu", init="kaiming_normal", seed=1)
    t = Trainer(net, TrainConfig(dataset="circle", n=200, lr=3.0, batch_size=10, seed=1))
    t.step(5 * t.per_epoch)
    h, shares = t.Xtr, []
    with torch.no_grad():
        for block in t.model.blocks:
            z = h @ block.linear.weight.T + block.linear.bias  # (n, width)
            shares.append((z <= 0).all(0).float().mean().item())
            h = torch.relu(z)
    assert dead.dead_fraction(t.model, t.Xtr) == pytest.approx(np.mean(shares))
    assert np.mean(shares) > 0  # lr 3 kills some units, so the test compares something


@pytest.mark.parametrize("act,lrs", [("leaky_relu", (0.1, 3.0)), ("elu", (0.1, 1.0))])
def test_leaky_relu_and_elu_keep_every_unit(act, lrs):
    assert (dead.dead_vs_lr(act, lrs=lrs, seed=0)["dead"] == 0).all()


def test_elu_dies_only_where_exp_underflows():
    net = NetConfig(depth=3, width=16, activation="elu", init="kaiming_normal", seed=0)
    t = Trainer(net, TrainConfig(dataset="circle", n=200, lr=3.0, batch_size=10, seed=0))
    t.step(5 * t.per_epoch)
    with torch.no_grad():
        _, zs, _ = t.model.trace(t.Xtr)
    for z in zs:
        z = z.double()
        gone = (torch.exp(z) == 0).all(0)  # f'(z) = e^z for z <= 0, exactly 0 only below ~-745
        assert (z[:, gone] < -700).all()
    assert dead.dead_fraction(t.model, t.Xtr) == pytest.approx(
        np.mean([(torch.exp(z.double()) == 0).all(0).float().mean().item() for z in zs]))


def test_relu_dies_more_at_a_high_learning_rate():
    d = dead.dead_vs_lr("relu", lrs=(0.01, 3.0), seed=0)["dead"]
    assert d.iloc[1] > d.iloc[0]


@pytest.mark.parametrize("k", [1, 3, 30])
def test_uniform_means_match_the_closed_forms(k):
    x = gaussian.uniform_means(k, n=200_000, seed=0)
    assert x.mean() == pytest.approx(0.5, abs=3e-3)
    assert x.var() == pytest.approx(1 / (12 * k), rel=2e-2)


def test_histogram_is_a_density_and_the_curve_is_the_normal():
    hist, curve = gaussian.clt_histogram(4, bins=40, seed=0)
    assert ((hist["hi"] - hist["lo"]) * hist["density"]).sum() == pytest.approx(1)
    var = 1 / 48
    assert curve["density"].max() == pytest.approx(1 / math.sqrt(2 * math.pi * var), rel=1e-3)


@pytest.mark.parametrize("var", [0.3, 1.0, 4.0])
def test_entropies_match_closed_forms_and_the_gaussian_is_largest(var):
    h = gaussian.entropies(var)
    a, b = -math.sqrt(3 * var), math.sqrt(3 * var)  # U(a, b) with variance var
    assert h["uniform"] == pytest.approx(math.log(b - a))
    assert h["laplace"] == pytest.approx(1 + math.log(2 * math.sqrt(var / 2)))
    assert h["gaussian"] == pytest.approx(0.5 * math.log(2 * math.pi * math.e * var))
    assert h["gaussian"] > h["laplace"] > h["uniform"]
    # against torch's own entropies of the same three laws
    assert h["uniform"] == pytest.approx(torch.distributions.Uniform(a, b).entropy().item(), rel=1e-6)
    assert h["laplace"] == pytest.approx(
        torch.distributions.Laplace(0.0, math.sqrt(var / 2)).entropy().item(), rel=1e-6)
    assert h["gaussian"] == pytest.approx(
        torch.distributions.Normal(0.0, math.sqrt(var)).entropy().item(), rel=1e-6)


def test_bad_arguments_raise():
    with pytest.raises(ValueError):
        gaussian.uniform_means(0)
    with pytest.raises(ValueError):
        gaussian.entropies(0.0)
