"""URL value repair, without a browser."""
import math

from hypothesis import given, strategies as st

from ui.controls import fix_int, fix_level, parse_number


def test_parse_number_rejects_garbage_and_non_finite():
    for raw in ["", "abc", "<b>x</b>", "nan", "inf", "-inf", "1e999"]:
        assert parse_number(raw) is None
    assert parse_number("2.5") == 2.5


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12))
def test_fix_int_always_lands_in_range(x):
    v, changed = fix_int(repr(x), 1, 50)
    assert 1 <= v <= 50
    assert changed == (v != x)


def test_fix_int_reports_what_it_changed():
    assert fix_int("7", 1, 50) == (7, False)
    assert fix_int("-3", 1, 50) == (1, True)
    assert fix_int("999", 1, 50) == (50, True)
    assert fix_int("x", 1, 50) == (None, True)


@given(st.floats(min_value=1e-6, max_value=1e6))
def test_fix_level_picks_the_nearest_level_in_log_space(x):
    levels = (1, 2, 4, 8, 16)
    v, _ = fix_level(repr(x), levels)
    best = min(levels, key=lambda l: abs(math.log(l / x)))
    assert v == best


def test_fix_level_handles_non_positive_and_exact():
    assert fix_level("16", (1, 2, 4, 8, 16)) == (16, False)
    assert fix_level("-5", (1, 2, 4)) == (1, True)
    assert fix_level("nan", (1, 2, 4)) == (None, True)
