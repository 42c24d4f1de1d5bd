"""PReLU and RReLU against independent references: a functional forward and autograd for the
slope's gradient, Adam written out by hand, nn.RReLU itself and the uniform law's closed forms."""
import math

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings, strategies as st
from hypothesis.extra.numpy import arrays
from torch import nn

from playground import relus
from playground.data import make_dataset


@pytest.fixture(scope="module")
def run() -> relus.PReLURun:
    return relus.train_prelu("circle", 0.25, steps=60, seed=3)


def test_the_net_uses_torch_prelu_with_the_chosen_start():
    net = relus.prelu_net(0.5, seed=1)
    prelus = [m for m in net if isinstance(m, nn.PReLU)]
    assert len(prelus) == 2 and all(m.weight.numel() == 1 for m in prelus)
    assert [m.weight.item() for m in prelus] == [0.5, 0.5]
    first = net[0].weight.detach()
    assert first.std().item() == pytest.approx(math.sqrt(2 / (1.25 * 2)), rel=0.5)  # He, a = 0.5


def test_the_first_slope_gradient_is_the_sum_over_negative_inputs(run):
    """dL/da = sum over z < 0 of z · dL/dPReLU(z), with dL/dPReLU(z) from autograd on a forward
    written with torch.where (no nn.PReLU)."""
    net = relus.prelu_net(0.25, seed=3)
    X, y = (torch.from_numpy(a).double() for a in make_dataset("circle", 200, 0.1, 3))
    idx = torch.randperm(200, generator=torch.Generator().manual_seed(3))[:20]
    h, zs, outs = X[idx], [], []
    for lin in (net[0], net[2]):
        z = lin(h).detach().requires_grad_(True) if not zs else lin(h)
        a = torch.tensor(0.25, dtype=torch.float64)
        h = torch.where(z > 0, z, a * z)
        h.retain_grad()
        zs.append(z)
        outs.append(h)
    loss = F.binary_cross_entropy_with_logits(net[4](h)[:, 0], y[idx])
    loss.backward()
    expected = [float((z * (z <= 0) * out.grad).sum().detach()) for z, out in zip(zs, outs)]
    np.testing.assert_allclose(run.grads[0], expected, rtol=1e-9, atol=1e-12)


def test_the_slopes_follow_adam_written_out(run):
    """Adam (Kingma & Ba 2015, torch's defaults) applied by hand to the recorded gradients."""
    a = np.full(2, 0.25)
    m, v = np.zeros(2), np.zeros(2)
    b1, b2, lr, eps = 0.9, 0.999, 0.02, 1e-8
    for t, g in enumerate(run.grads, start=1):
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        a = a - lr * (m / (1 - b1 ** t)) / (np.sqrt(v / (1 - b2 ** t)) + eps)
        np.testing.assert_allclose(run.slopes.iloc[t, 1:].to_numpy(float), a, rtol=1e-9,
                                   atol=1e-12)


def test_the_run_starts_at_the_chosen_slope_and_records_every_step(run):
    assert list(run.slopes.columns) == ["step", "layer_1", "layer_2"]
    assert run.slopes.iloc[0, 1:].tolist() == [0.25, 0.25]
    assert len(run.slopes) == len(run.loss) == 61 and run.grads.shape == (60, 2)
    net = relus.prelu_net(0.25, seed=3)
    X, y = (torch.from_numpy(a).double() for a in make_dataset("circle", 200, 0.1, 3))
    with torch.no_grad():
        assert run.loss["loss"].iloc[0] == pytest.approx(
            F.binary_cross_entropy_with_logits(net(X)[:, 0], y).item(), rel=1e-12)
    assert 0 <= run.accuracy <= 1


def test_a_run_repeats_from_its_seed_and_leaves_the_global_generator_alone():
    state = torch.get_rng_state()
    a = relus.train_prelu("xor", 0.0, steps=20, seed=5)
    assert torch.equal(state, torch.get_rng_state())
    b = relus.train_prelu("xor", 0.0, steps=20, seed=5)
    assert a.slopes.equals(b.slopes)


def test_invalid_prelu_settings_are_refused():
    with pytest.raises(ValueError, match="dataset"):
        relus.train_prelu("plane")
    with pytest.raises(ValueError, match="slope"):
        relus.train_prelu("circle", math.nan)
    with pytest.raises(ValueError, match="steps"):
        relus.train_prelu("circle", steps=-1)


bounds = st.tuples(st.floats(0, 0.9), st.floats(0.01, 1)).filter(lambda b: b[0] < b[1])
values = arrays(np.float64, st.integers(1, 40),
                elements=st.floats(-1e3, 1e3, allow_subnormal=False))


@settings(max_examples=40, deadline=None)
@given(b=bounds, z=values, seed=st.integers(0, 1000))
def test_rrelu_against_the_torch_module_and_its_definition(b, z, seed):
    lower, upper = b
    ev = relus.rrelu_eval(z, lower, upper)
    np.testing.assert_allclose(ev, np.where(z >= 0, z, z * (lower + upper) / 2), rtol=1e-12,
                               atol=1e-300)
    np.testing.assert_array_equal(ev, nn.RReLU(lower, upper).eval()(torch.from_numpy(z)).numpy())
    out = relus.rrelu_train(z, lower, upper, draws=5, seed=seed)
    assert out.shape == (5, len(z))
    neg = z < 0
    np.testing.assert_array_equal(out[:, ~neg], np.broadcast_to(z[~neg], (5, (~neg).sum())))
    slopes = out[:, neg] / z[neg]
    assert (slopes >= lower - 1e-9).all() and (slopes <= upper + 1e-9).all()
    with torch.random.fork_rng(devices=[]):  # the module itself, seeded alike
        torch.manual_seed(seed)
        ref = nn.RReLU(lower, upper).train()(torch.from_numpy(np.tile(z, (5, 1))))
    np.testing.assert_array_equal(out, ref.numpy())


def test_rrelu_draws_follow_the_uniform_law():
    at = relus.rrelu_at(-2.0, 0.125, 1 / 3, draws=20_000, seed=1)
    lo, hi = -2 / 3, -0.25
    assert at.eval == pytest.approx(-2 * (0.125 + 1 / 3) / 2)
    assert at.sd_exact == pytest.approx((1 / 3 - 0.125) * 2 / math.sqrt(12))
    assert abs(at.mean - at.eval) < 4 * at.sd_exact / math.sqrt(20_000)
    assert at.sd == pytest.approx(at.sd_exact, rel=0.03)
    widths = at.hist["hi"] - at.hist["lo"]
    assert (at.hist["density"] * widths).sum() == pytest.approx(1.0)
    assert at.hist["lo"].iloc[0] == pytest.approx(lo)
    assert at.hist["hi"].iloc[-1] == pytest.approx(hi)
    assert at.curve["density"].max() == pytest.approx(1 / (hi - lo))


def test_the_band_brackets_every_pass_and_holds_the_eval_line():
    band = relus.rrelu_band(0.05, 0.5, -3, 1, 41, draws=500, seed=2)
    neg = band["z"] < 0
    z = band["z"][neg]
    low, high, ev = band["low"][neg], band["high"][neg], band["eval"][neg]
    assert (low >= 0.5 * z - 1e-12).all() and (high <= 0.05 * z + 1e-12).all()
    assert (low < ev).all() and (ev < high).all()
    pos = ~neg
    for col in ("eval", "one", "low", "high", "mean"):  # the mean by a sum of 500 equal values
        np.testing.assert_allclose(band[col][pos], band["z"][pos], rtol=1e-12)


def test_invalid_rrelu_settings_are_refused():
    with pytest.raises(ValueError, match="slopes"):
        relus.rrelu_eval([1.0], 0.5, 0.25)
    with pytest.raises(ValueError, match="slopes"):
        relus.rrelu_train([1.0], -0.1, 0.25)
    with pytest.raises(ValueError, match="z"):
        relus.rrelu_at(1.0)
    with pytest.raises(ValueError, match="draws"):
        relus.rrelu_train([1.0], draws=0)
