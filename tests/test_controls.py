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


def test_multi_drops_unknown_link_entries_and_says_so(tmp_path):
    from streamlit.testing.v1 import AppTest
    script = tmp_path / "multi.py"
    script.write_text(
        "import sys; sys.path.insert(0, %r)\n"
        "import streamlit as st\n"
        "from ui.controls import Controls\n"
        "c = Controls()\n"
        "st.session_state.setdefault('lang', 'en')\n"
        "v = c.multi('feat', 'features', ['x1', 'x2', 'x1^2'], ['x1', 'x2'])\n"
        "c.report()\n"
        "st.write(','.join(v))\n" % str(__import__('pathlib').Path(__file__).resolve().parents[1]))
    for given, kept, noted in [(["x1^2"], ["x1^2"], False), (["x1", "zz"], ["x1"], True),
                               (["zz"], ["x1", "x2"], True)]:
        at = AppTest.from_file(str(script), default_timeout=30)
        at.query_params["feat"] = given
        at.run()
        assert not at.exception
        assert at.multiselect[0].value == kept
        assert any("feat=zz" in w.value for w in at.warning) == noted


def test_text_reports_what_its_parser_rejects(tmp_path):
    from streamlit.testing.v1 import AppTest
    script = tmp_path / "text.py"
    script.write_text(
        "import sys; sys.path.insert(0, %r)\n"
        "import streamlit as st\n"
        "from ui.controls import Controls\n"
        "def parse(raw):\n"
        "    words = raw.split(',')\n"
        "    return [w for w in words if w.isdigit()], [f'bad {w}' for w in words if not w.isdigit()]\n"
        "c = Controls()\n"
        "v = c.text('nums', 'numbers', '1,2', parse)\n"
        "c.report()\n"
        "st.write('|'.join(v))\n" % str(__import__('pathlib').Path(__file__).resolve().parents[1]))
    for given, shown, notes in [("3,4", "3|4", []), ("3,x,5", "3|5", ["bad x"]),
                                ("x,y", "", ["bad x", "bad y"])]:
        at = AppTest.from_file(str(script), default_timeout=30)
        at.query_params["nums"] = given
        at.run()
        assert not at.exception
        assert at.markdown[0].value == shown
        assert len(at.warning) == len(notes)
        assert all(n in w.value for n, w in zip(notes, at.warning))


def test_fix_real_clamps_snaps_and_reports():
    from ui.controls import fix_real
    assert fix_real("1.25", -3, 3, 0.01) == (1.25, False)
    assert fix_real("99", -3, 3, 0.01) == (3, True)
    assert fix_real("0.123", -2, 2, 0.01) == (0.12, True)
    assert fix_real("-4.5", -4.5, 4.5, 0.01) == (-4.5, False)
    assert fix_real("abc", -3, 3, 0.01) == (None, True)


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e9, max_value=1e9))
def test_fix_real_lands_on_the_slider_grid(x):
    from ui.controls import fix_real
    v, _ = fix_real(repr(x), -2.2, 2.2, 0.01)
    assert -2.2 <= v <= 2.2 and abs(v * 100 - round(v * 100)) < 1e-6
