"""Small display helpers of ui/."""
from ui import number, span


def test_number_spells_out_non_finite():
    assert number(float("nan"), ".3g") == "NaN"
    assert number(float("inf"), ".3g") == "∞"
    assert number(float("-inf"), ".3g") == "−∞"
    assert number(0.000123456, ".2e") == "1.23e-04"


def test_span_compresses_runs():
    assert span([1, 2, 3, 7]) == "1–3, 7"
    assert span([5]) == "5"
    assert span([]) == ""
