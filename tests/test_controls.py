"""URL value repair, without a browser."""
import json
import math
import re
import unicodedata
from pathlib import Path

import pytest
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


# -- hostile links: echoed as text, ignored values out of the URL, notices capped -------------

ROOT = str(Path(__file__).resolve().parents[1])
UNESCAPED_LINK = re.compile(r"(?<!\\)(\]\(|!\[|://|<|www\.)")  # a link, image or tag


@given(st.text(max_size=300))
def test_literal_never_leaves_markdown_and_reads_as_the_value(raw):
    from test_pages import plain
    from ui.echo import LIMIT, literal
    md = literal(raw)
    assert "\n" not in md and "\r" not in md
    assert not UNESCAPED_LINK.search(md.replace("\\\\", ""))
    blank = ("Cc", "Cf", "Cs", "Zl", "Zp")  # controls, format marks, surrogates, breaks
    one_line = " ".join("".join(" " if unicodedata.category(c) in blank else c
                                for c in raw).split())
    shown = plain(md)
    assert shown == one_line or (len(one_line) > LIMIT and shown == one_line[:LIMIT] + "…")


Z = "\u200b"  # what ui.echo.literal puts inside http://, www. and @, which GFM links unescaped


def test_literal_escapes_links_images_html_and_maths():
    from ui.echo import literal
    assert literal("[click](https://example.org)") == r"\[click\]\(https\:" + Z + r"//example.org\)"
    assert literal("![x](https://example.org/p.png)") == r"\!\[x\]\(https\:" + Z + r"//example.org/p.png\)"
    assert literal("<b>$x$</b> ~a~ |b| `c`") == r"\<b\>\$x\$\</b\> \~a\~ \|b\| \`c\`"
    assert literal("*d* _e_ :red[f] www.g.org") == r"\*d\* \_e\_ \:red\[f\] www" + Z + ".g.org"
    assert literal("a\n\n- b\r\nc") == "a - b c"
    assert literal("- a") == r"\- a" and literal("1. a") == r"1\. a"  # a list if it opened a line
    assert literal("-3") == "-3" and literal("0.5") == "0.5"  # numbers read as they are
    assert literal("x" * 10_000) == "x" * 40 + "…"
    assert literal("a@b.org") == "a" + Z + r"\@b.org"  # an e-mail link, also unescaped


KINDS = (  # control call, its key, the widget's value when the link is ignored
    ("c.slider('d', 'depth', 1, 50, 5)", "d", 5),
    ("c.real('r', 'real', -1.0, 1.0, 0.5, 0.01)", "r", 0.5),
    ("c.levels('l', 'levels', (1, 2, 4, 8), 2)", "l", 2),
    ("c.choice('ch', 'choice', ('a', 'b'), 'a')", "ch", "a"),
    ("c.toggle('t', 'switch')", "t", False),
    ("c.multi('m', 'multi', ('x', 'y'), ('x',))", "m", ["x"]),
    ("c.seed('seed', 'seed')", "seed", 0),
)


def kind_script(tmp_path, call: str):
    script = tmp_path / "kind.py"
    script.write_text(
        f"import sys; sys.path.insert(0, {ROOT!r})\n"
        "import json\n"
        "import streamlit as st\n"
        "from ui.controls import Controls\n"
        "st.session_state.setdefault('lang', 'en')\n"
        "c = Controls()\n"
        f"v = {call}\n"
        "c.report()\n"
        "st.write(json.dumps({'value': v, 'url': st.query_params.to_dict()}))\n")
    return str(script)


@pytest.mark.parametrize("call,key,default", KINDS, ids=[k[1] for k in KINDS])
@pytest.mark.parametrize("bad", ["inf", "-inf", "1e309", "nan", "[a](https://example.org)",
                                 "x" * 2000, ["inf", "zz"]], ids=repr)
def test_an_ignored_link_value_leaves_the_url_and_the_widget_starts_at_its_default(
        tmp_path, call, key, default, bad):
    from streamlit.testing.v1 import AppTest
    from test_pages import plain
    at = AppTest.from_file(kind_script(tmp_path, call), default_timeout=30)
    at.query_params[key] = bad
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    out = json.loads(at.markdown[0].value.strip("`"))
    assert out["value"] == default and key not in out["url"]
    [note] = at.warning
    assert not UNESCAPED_LINK.search(note.value)
    shown = plain(note.value)
    assert f"{key}=" in shown and (bad if isinstance(bad, str) else bad[-1])[:40] in shown
    at.run()  # reported once: the link no longer says it
    assert not at.exception and not at.warning


def test_a_text_field_reports_its_first_few_problems_then_counts_the_rest(tmp_path):
    from streamlit.testing.v1 import AppTest
    script = tmp_path / "text.py"
    script.write_text(
        f"import sys; sys.path.insert(0, {ROOT!r})\n"
        "import streamlit as st\n"
        "from ui.controls import Controls\n"
        "from ui.echo import literal\n"
        "st.session_state.setdefault('lang', 'en')\n"
        "def parse(raw):\n"
        "    return raw, [f'bad {literal(w)}' for w in raw.split(',') if not w.isdigit()]\n"
        "c = Controls()\n"
        "c.text('nums', 'Numbers', '1', parse)\n"
        "c.report()\n")
    at = AppTest.from_file(str(script), default_timeout=30)
    at.query_params["nums"] = ",".join(["[x](https://example.org)"] * 5000)
    at.run()
    assert not at.exception
    assert [w.value for w in at.warning] == [r"bad \[x\]\(https\:" + Z + r"//example.org\)"] * 3 + [
        "…and 4997 more problems in “Numbers”, not listed."]


def test_a_slider_pulls_a_value_kept_from_a_wider_range_inside(tmp_path):
    """A bound that moves with another control (Optimizer paths' step shown, up to the number
    of steps) must not leave the kept value outside: Streamlit raises on it."""
    from streamlit.testing.v1 import AppTest
    script = tmp_path / "moving.py"
    script.write_text(
        f"import sys; sys.path.insert(0, {ROOT!r})\n"
        "import streamlit as st\n"
        "from ui.controls import Controls\n"
        "st.session_state.setdefault('lang', 'en')\n"
        "c = Controls()\n"
        "hi = c.levels('n', 'steps', (50, 200, 500), 200)\n"
        "at = c.slider('at', 'step shown', 0, hi, hi)\n"
        "c.report()\n"
        "st.write(f'{at}')\n")
    at = AppTest.from_file(str(script), default_timeout=30)
    at.query_params.update(n="50", at="400")
    at.run()
    assert not at.exception and at.markdown[0].value == "50"
    at.select_slider(key="n").set_value(500).run()
    at.slider(key="at").set_value(450).run()
    at.select_slider(key="n").set_value(200).run()
    assert not at.exception and at.markdown[0].value == "200"
    at.session_state["at"] = 480  # as a lesson's reset to the last run's default does
    at.run()
    assert not at.exception and at.markdown[0].value == "200"
