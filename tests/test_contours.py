"""Marching squares against closed forms: circles, straight lines, saddles."""
import numpy as np
import pytest

from playground import contours as C


def ends(df):
    """Every segment end point as (n, 2)."""
    return np.r_[df[["x", "y"]].to_numpy(), df[["x2", "y2"]].to_numpy()]


def test_grid_layout_and_batched_call():
    calls = []
    def f(xy):
        calls.append(xy.shape)
        return xy[..., 0] + 10 * xy[..., 1]
    X, Y, Z = C.grid(f, ((0, 1), (2, 4)), 5)
    assert calls == [(5, 5, 2)]  # one call for the whole grid
    assert X[0].tolist() == [0, 0.25, 0.5, 0.75, 1] and Y[:, 0].tolist() == [2, 2.5, 3, 3.5, 4]
    np.testing.assert_allclose(Z, X + 10 * Y)


@pytest.mark.parametrize("level", [0.25, 1.0, 2.0, 3.5])
def test_iso_lines_of_x2_plus_y2_are_circles_of_radius_sqrt_level(level):
    X, Y, Z = C.grid(lambda p: (p**2).sum(-1), ((-2, 2), (-2, 2)), 101)
    df = C.iso_lines(X, Y, Z, [level])
    r = np.hypot(*ends(df).T)
    np.testing.assert_allclose(r, np.sqrt(level), atol=2e-3)  # linear interpolation error, h = 0.04
    length = np.hypot(df["x2"] - df["x"], df["y2"] - df["y"]).sum()
    assert length == pytest.approx(2 * np.pi * np.sqrt(level), rel=2e-3)  # a closed circle
    assert (df["level"] == level).all()


def test_linear_function_gives_exact_straight_lines():
    X, Y, Z = C.grid(lambda p: p[..., 0] + 2 * p[..., 1], ((-1, 1), (-1, 1)), 30)
    df = C.iso_lines(X, Y, Z, [0.3, -1.2])
    for level, g in df.groupby("level"):
        np.testing.assert_allclose(ends(g) @ [1, 2], level, atol=1e-12)


def test_saddle_cells_are_split_by_the_centre_value():
    X, Y = np.meshgrid([0.0, 1.0], [0.0, 1.0])
    highs_apart = np.array([[1.0, 0.0], [0.0, 1.0]])  # BL and TR high, centre 0.5
    df = C.iso_lines(X, Y, highs_apart, [0.6])  # centre below the level: cut off each high corner
    assert len(df) == 2
    assert sorted(map(tuple, np.round(ends(df), 6))) == [(0.0, 0.4), (0.4, 0.0), (0.6, 1.0),
                                                         (1.0, 0.6)]
    df = C.iso_lines(X, Y, highs_apart, [0.4])  # centre above: cut off each low corner
    assert sorted(map(tuple, np.round(ends(df), 6))) == [(0.0, 0.6), (0.4, 1.0), (0.6, 0.0),
                                                         (1.0, 0.4)]


def test_levels_and_non_finite_values():
    Z = np.array([[1.0, 2.0], [np.inf, 101.0]])
    lin, log = C.levels(Z, 4), C.levels(Z, 4, log=True)
    np.testing.assert_allclose(lin, [21, 41, 61, 81])
    np.testing.assert_allclose(log - 1, [0.01, 0.1, 1, 10])
    assert C.levels(np.ones((3, 3))).size == 0
    X, Y = np.meshgrid([0.0, 1.0], [0.0, 1.0])
    assert C.iso_lines(X, Y, Z, [50]).empty  # the cell touching inf is skipped, not drawn
    assert list(C.iso_lines(X, Y, Z, []).columns) == ["level", "x", "y", "x2", "y2"]
