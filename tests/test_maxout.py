"""Maxout fits against independent references: autograd tangents, units trained one by one with
torch.optim.Adam, least squares, and the closed form for x²."""
import math

import numpy as np
import pytest
import torch
from hypothesis import given, settings, strategies as st

from playground import maxout


@pytest.fixture(scope="module")
def fits() -> dict[float, maxout.MaxoutFits]:
    return {p: maxout.fit_maxout(p) for p in (1.0, 2.0, 4.0)}


@settings(max_examples=40, deadline=None)
@given(p=st.floats(1.0, 6.0), k=st.integers(1, 12))
def test_pieces_start_as_tangents_below_the_target(p, k):
    w, b = maxout.tangent_pieces(p, k)
    u = torch.tensor(-1 + 2 * (np.arange(k) + 0.5) / k, requires_grad=True)
    (slope,) = torch.autograd.grad((u.abs() ** p).sum(), u)
    np.testing.assert_allclose(w, slope.numpy(), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(w * u.detach().numpy() + b, maxout.target(u.detach().numpy(), p),
                               atol=1e-12)
    x = np.linspace(-1, 1, 401)
    assert (x[:, None] * w + b <= maxout.target(x, p)[:, None] + 1e-12).all()  # convex target


def test_every_unit_follows_the_path_it_would_follow_alone():
    """The batched units against nn.Linear(1, k) + max, each trained by its own Adam."""
    fits = maxout.fit_maxout(3.0, pieces=4, steps=40, lr=0.05)
    x = torch.linspace(-1, 1, maxout.GRID, dtype=torch.float64)[:, None]
    y = x.abs() ** 3
    for k in range(1, 5):
        lin = torch.nn.Linear(1, k, dtype=torch.float64)
        w0, b0 = maxout.tangent_pieces(3.0, k)
        with torch.no_grad():
            lin.weight.copy_(torch.from_numpy(w0)[:, None])
            lin.bias.copy_(torch.from_numpy(b0))
        opt = torch.optim.Adam(lin.parameters(), lr=0.05)
        for _ in range(40):
            loss = torch.nn.functional.mse_loss(lin(x).max(1, keepdim=True).values, y)
            opt.zero_grad()
            loss.backward()
            opt.step()
        # An odd k has a flat piece at x = 0, whose slope's gradient is 0 up to rounding on this
        # symmetric grid: Adam turns that rounding into steps of up to lr, in a direction set by
        # the order of a sum. Even k have no such piece, and match to rounding.
        tol = {"rtol": 1e-9, "atol": 1e-12} if k % 2 == 0 else {"atol": 2 * 0.05}
        np.testing.assert_allclose(fits.w[k - 1, :k], lin.weight.detach()[:, 0].numpy(), **tol)
        np.testing.assert_allclose(fits.b[k - 1, :k], lin.bias.detach().numpy(), **tol)


def test_one_piece_is_the_least_squares_line(fits):
    for p, f in fits.items():
        slope, intercept = np.polyfit(f.x, maxout.target(f.x, p), 1)
        assert f.w[0, 0] == pytest.approx(slope, abs=1e-5)
        assert f.b[0, 0] == pytest.approx(intercept, abs=1e-5)


def test_errors_and_pieces_in_use_are_those_of_the_curves(fits):
    for f in fits.values():
        for row in f.errors.itertuples():
            c = f.curve(row.k)
            err = c["fit"] - c["target"]
            assert row.rms == pytest.approx(math.sqrt((err ** 2).mean()), abs=1e-12)
            assert row.max == pytest.approx(err.abs().max(), abs=1e-12)
            lines = f.x[:, None] * f.w[row.k - 1, :row.k] + f.b[row.k - 1, :row.k]
            assert row.used == len(set(lines.argmax(1)))  # enumeration of the winners


def test_best_rms_of_equal_pieces_on_x_squared_by_enumeration():
    for k in (1, 2, 3, 5):
        x = np.linspace(-1, 1, 200_001)
        part = np.minimum(((x + 1) * k / 2).astype(int), k - 1)
        err = np.empty_like(x)
        for j in range(k):  # the least-squares line on each part
            on = part == j
            err[on] = x[on] ** 2 - np.polyval(np.polyfit(x[on], x[on] ** 2, 1), x[on])
        assert math.sqrt((err ** 2).mean()) == pytest.approx(maxout.best_rms_square(k), rel=1e-3)


def test_x_squared_trains_to_within_a_few_percent_of_the_best_and_quarters_per_doubling(fits):
    e = fits[2.0].errors.set_index("k")
    for k, rms in e["rms"].items():
        assert 0.99 < rms / maxout.best_rms_square(k) < 1.05, k
    for k in (1, 2, 4):
        assert 3.5 < e.loc[k, "rms"] / e.loc[2 * k, "rms"] < 4.5
    assert (e["used"] == e.index).all()


def test_abs_is_exactly_two_pieces(fits):
    e = fits[1.0].errors.set_index("k")
    assert (e.loc[2:, "rms"] == 0).all() and (e.loc[2:, "max"] == 0).all()
    assert (e.loc[2:, "used"] == 2).all()
    assert e.loc[1, "rms"] > 0.28  # one line: the constant mean of |x|


def test_the_error_falls_with_every_added_piece_for_smooth_targets(fits):
    for p in (2.0, 4.0):
        rms = fits[p].errors["rms"].to_numpy()
        assert (np.diff(rms) < 0).all(), p


@pytest.mark.parametrize("bad", [0.5, math.nan, math.inf, 11])
def test_invalid_power_is_refused(bad):
    with pytest.raises(ValueError, match="power"):
        maxout.fit_maxout(bad)


def test_invalid_pieces_steps_and_rate_are_refused():
    with pytest.raises(ValueError, match="pieces"):
        maxout.fit_maxout(2.0, pieces=0)
    with pytest.raises(ValueError, match="steps"):
        maxout.fit_maxout(2.0, steps=-1)
    with pytest.raises(ValueError, match="learning rate"):
        maxout.fit_maxout(2.0, lr=0.0)
    with pytest.raises(ValueError, match="pieces"):
        maxout.fit_maxout(2.0, pieces=3).curve(4)
