"""playground.info against torch and closed forms."""
import math

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import assume, given, settings, strategies as st
from hypothesis.extra.numpy import arrays

from playground import info


def distributions(n=None):
    """Probability vectors with 2..8 entries, some exactly 0."""
    size = st.integers(2, 8) if n is None else st.just(n)
    weights = size.flatmap(lambda k: arrays(np.float64, k, elements=st.one_of(
        st.just(0.0), st.floats(1e-3, 10.0))))
    return weights.filter(lambda w: w.sum() > 0).map(lambda w: w / w.sum())


def positive(n=None):
    return distributions(n).map(lambda p: (p + 1e-3) / (p + 1e-3).sum())


logits = st.integers(2, 8).flatmap(
    lambda k: arrays(np.float64, k, elements=st.floats(-1e4, 1e4)))


@given(logits)
def test_softmax_log_softmax_logsumexp_match_torch_even_for_huge_logits(x):
    t = torch.tensor(x)
    np.testing.assert_allclose(info.softmax(x), torch.softmax(t, 0).numpy(), atol=1e-12)
    np.testing.assert_allclose(info.log_softmax(x), torch.log_softmax(t, 0).numpy(),
                               rtol=1e-12, atol=1e-9)
    assert info.logsumexp(x) == pytest.approx(torch.logsumexp(t, 0).item(), rel=1e-12, abs=1e-9)


@given(logits)
def test_float32_softmax_stays_finite_and_sums_to_one(x):
    s = info.softmax(x, np.float32)
    assert s.dtype == np.float32 and np.isfinite(s).all()
    assert s.sum() == pytest.approx(1.0, abs=1e-5)
    assert np.isfinite(info.log_softmax(x, np.float32)).all()


@pytest.mark.parametrize("n", range(2, 9))
def test_entropy_of_the_uniform_distribution_is_log_n(n):
    assert info.entropy(np.full(n, 1 / n)) == pytest.approx(math.log(n))


def test_zero_probabilities_count_as_zero_and_certainty_has_no_entropy():
    assert info.entropy([1.0, 0.0, 0.0]) == 0.0
    assert info.cross_entropy([0.0, 1.0], [0.0, 1.0]) == 0.0
    assert info.kl_divergence([0.5, 0.5, 0.0], [0.25, 0.25, 0.5]) == pytest.approx(math.log(2))


def test_q_zero_where_p_has_mass_makes_cross_entropy_and_kl_infinite():
    assert info.cross_entropy([0.5, 0.5], [1.0, 0.0]) == math.inf
    assert info.kl_divergence([0.5, 0.5], [1.0, 0.0]) == math.inf
    assert info.kl_divergence([1.0, 0.0], [0.5, 0.5]) == pytest.approx(math.log(2))


@given(st.data())
def test_cross_entropy_and_kl_match_torch(data):
    n = data.draw(st.integers(2, 8))
    p, q = data.draw(distributions(n)), data.draw(positive(n))
    tp, tq = torch.tensor(p), torch.tensor(q)
    # F.cross_entropy with probabilities as targets: −Σ p log softmax(logits); log q are logits of q
    ce = F.cross_entropy(torch.log(tq)[None], tp[None]).item()
    assert info.cross_entropy(p, q) == pytest.approx(ce, rel=1e-9, abs=1e-12)
    kl = F.kl_div(torch.log(tq), tp, reduction="sum").item()
    assert info.kl_divergence(p, q) == pytest.approx(kl, rel=1e-9, abs=1e-12)


@given(st.data())
def test_cross_entropy_is_entropy_plus_kl(data):
    n = data.draw(st.integers(2, 8))
    p, q = data.draw(distributions(n)), data.draw(positive(n))
    assert info.cross_entropy(p, q) == pytest.approx(
        info.entropy(p) + info.kl_divergence(p, q), rel=1e-9, abs=1e-12)


@given(st.data())
def test_kl_is_nonnegative_and_zero_exactly_when_p_equals_q(data):
    n = data.draw(st.integers(2, 8))
    p, q = data.draw(distributions(n)), data.draw(distributions(n))
    assert info.kl_divergence(p, q) >= 0
    assert info.kl_divergence(p, p) == pytest.approx(0.0, abs=1e-12)
    assume(np.abs(p - q).max() > 1e-3)
    assert info.kl_divergence(p, q) > 0


def test_naive_softmax_overflows_honestly_where_the_stable_one_does_not():
    x = np.array([1000.0, 0.0, -5.0])
    assert np.isnan(info.naive_softmax(x)).any()
    np.testing.assert_allclose(info.softmax(x), [1.0, 0.0, 0.0], atol=1e-300)
    assert info.naive_logsumexp(x) == math.inf
    assert info.logsumexp(x) == pytest.approx(1000.0)
    # float32 overflows far earlier: exp(100) > 3.4e38
    assert np.isnan(info.naive_softmax([100.0, 0.0], np.float32)).any()
    assert np.isfinite(info.naive_softmax([100.0, 0.0], np.float64)).all()
    # every exponent underflows: 0 / 0
    assert np.isnan(info.naive_softmax([-1000.0, -1001.0])).all()
    assert info.naive_logsumexp([-1000.0, -1001.0]) == -math.inf


def test_naive_softmax_sum_overflow_gives_zeros():
    x = np.array([88.5, 88.5, 88.5], dtype=np.float32)  # each exp finite, their sum is not
    assert np.isfinite(np.exp(x)).all()
    assert (info.naive_softmax(x, np.float32) == 0).all()


@given(st.integers(2, 8).flatmap(lambda k: arrays(np.float64, k, elements=st.floats(-30, 30))))
def test_naive_and_stable_softmax_agree_for_moderate_logits(x):
    np.testing.assert_allclose(info.naive_softmax(x), info.softmax(x), rtol=1e-9, atol=1e-15)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_overflow_threshold_is_where_exp_overflows(dtype):
    t = dtype(info.overflow_threshold(dtype))
    with np.errstate(over="ignore"):
        assert np.isfinite(np.exp(np.nextafter(t, dtype(0))))
        assert np.exp(np.nextafter(t, dtype(np.inf)) * dtype(1.0001)) == np.inf


@pytest.mark.parametrize("y", [0.0, 1.0])
def test_sigmoid_losses_and_gradients_match_torch_autograd(y):
    z = np.linspace(-12, 12, 97)
    got = info.sigmoid_losses(y, z)
    tz = torch.tensor(z, requires_grad=True)
    target = torch.full_like(tz, y)
    bce = F.binary_cross_entropy_with_logits(tz, target, reduction="none")
    (d_bce,) = torch.autograd.grad(bce.sum(), tz)
    mse = F.mse_loss(torch.sigmoid(tz), target, reduction="none")
    (d_mse,) = torch.autograd.grad(mse.sum(), tz)
    np.testing.assert_allclose(got["bce"], bce.detach().numpy(), rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(got["mse"], mse.detach().numpy(), rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(got["d_bce"], d_bce.numpy(), rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(got["d_mse"], d_mse.numpy(), rtol=1e-9, atol=1e-14)


def test_squared_error_gradient_vanishes_where_the_prediction_is_confidently_wrong():
    lo, hi = info.confidently_wrong(1, -10, 10)
    assert lo == -10 and hi == pytest.approx(-math.log(9))
    df = info.sigmoid_losses(1, np.linspace(lo, hi, 50))
    assert (np.abs(df["a"] - 1) >= 0.9 - 1e-12).all()
    assert (np.abs(df["d_mse"]) < 0.2 * np.abs(df["d_bce"])).all()
    assert np.abs(df["d_bce"]).min() > 0.89
    lo, hi = info.confidently_wrong(0, -10, 10)
    assert (lo, hi) == (pytest.approx(math.log(9)), 10)


def test_parse_numbers_skips_and_reports_bad_entries():
    x, problems = info.parse_numbers("5, abc; 3 -1 nan 1e999", nonnegative=True)
    assert x.tolist() == [5.0, 3.0]
    assert problems == [info.Problem("abc", "not_number"), info.Problem("-1", "negative"),
                        info.Problem("nan", "not_number"), info.Problem("1e999", "not_number")]
    x, problems = info.parse_numbers(",".join(["1"] * 10))
    assert len(x) == 8 and problems == [info.Problem("1", "too_many")]
    assert info.parse_numbers("x" * 30)[1] == [info.Problem("x" * 24 + "…", "not_number")]
    assert info.parse_numbers("-2, 0.5")[0].tolist() == [-2.0, 0.5]


@settings(max_examples=300)
@given(st.text())
def test_parse_numbers_never_raises(text):
    x, problems = info.parse_numbers(text)
    assert np.isfinite(x).all() and len(x) <= info.MAX_CATEGORIES


def test_normalize_divides_by_the_sum_and_refuses_what_is_no_distribution():
    np.testing.assert_allclose(info.normalize([5, 3, 1, 1]), [0.5, 0.3, 0.1, 0.1])
    for bad in ([0, 0], [1]):
        with pytest.raises(ValueError):
            info.normalize(bad)


def test_normalize_survives_weights_whose_sum_overflows():
    np.testing.assert_allclose(info.normalize([1e308, 1e308]), [0.5, 0.5])
    np.testing.assert_allclose(info.normalize([1e308, 1e308, 0]), [0.5, 0.5, 0])
