"""Presenter mode through app.py: the link turns it on, it survives page changes, the
sidebar switch turns it off, and without it nothing changes."""
import json

import pandas as pd
import pytest

from test_pages import GF, run
from ui import present
from ui.text import common

LINK = "present"


def styles(at) -> str:
    return "\n".join(h.proto.body for h in at.get("html") if "<style>" in h.proto.body)


def specs(at) -> list[dict]:
    return [json.loads(c.proto.spec)
            for c in at.get("arrow_vega_lite_chart") + at.get("vega_lite_chart")]


def assert_presenting(at) -> None:
    assert ":root { font-size: 21px; }" in styles(at)
    shown = specs(at)
    assert shown
    for s in shown:
        assert s["config"]["axis"]["labelFontSize"] == present.TEXT
        assert s["config"]["legend"]["labelFontSize"] == present.TEXT
        assert s["config"]["view"]  # the builder's own config is kept under the added one
    assert at.toggle(key="_present_toggle").value is True


def assert_not_presenting(at) -> None:
    assert ":root { font-size" not in styles(at)  # (the pages' own layout CSS is there)
    for s in specs(at):
        assert "axis" not in s.get("config", {}) and "legend" not in s.get("config", {})
    assert at.toggle(key="_present_toggle").value is False
    assert LINK not in at.query_params


@pytest.mark.parametrize("value", ["1", "true", "On"])
def test_the_link_turns_presenter_mode_on(value):
    at = run(GF, present=value)
    assert_presenting(at)
    assert at.query_params[LINK] == "1"  # the documented spelling, kept in the link
    assert "stSidebar" not in styles(at)  # collapsed, not hidden: one click opens it


def test_charts_get_taller_with_thicker_lines_and_keep_their_data():
    plain, shown = specs(run(GF)), specs(run(GF, present=1))
    assert len(plain) == len(shown)
    for p, s in zip(plain, shown):
        assert s["height"] == p["height"] + present.TALLER
    widths = [(a["mark"]["strokeWidth"], b["mark"]["strokeWidth"])
              for p, s in zip(plain, shown) for a, b in zip(p.get("layer", []), s.get("layer", []))
              if isinstance(a.get("mark"), dict) and a["mark"].get("type") == "line"
              and "strokeWidth" in a["mark"]]
    assert widths and all(b == pytest.approx(a * present.LINE) for a, b in widths)


def test_the_mode_survives_a_page_switch_that_drops_the_parameter():
    at = run(present=1)
    at.query_params.pop(LINK)  # what the browser's navigation does to a plain parameter
    at.switch_page(GF).run()
    assert not at.exception
    assert_presenting(at)
    assert at.query_params[LINK] == "1"  # written back


def test_hide_removes_the_sidebar_and_survives_a_page_switch():
    at = run(present="hide")
    assert "stSidebar" in styles(at) and "display: none" in styles(at)
    at.query_params.pop(LINK)
    at.switch_page(GF).run()
    assert "stSidebar" in styles(at)
    assert at.query_params[LINK] == "hide"


def test_home_links_carry_presenter_mode_only_when_it_is_on():
    links = [l.proto.query_string for l in run(present="hide").get("page_link")]
    assert links and all("present=hide" in q for q in links)
    assert not any("present" in l.proto.query_string for l in run().get("page_link"))


def test_the_sidebar_switch_turns_it_off_under_a_present_link():
    at = run(GF, present=1)
    at.toggle(key="_present_toggle").set_value(False).run()
    assert not at.exception
    assert_not_presenting(at)
    at.toggle(key="_present_toggle").set_value(True).run()
    assert_presenting(at)
    assert at.query_params[LINK] == "1"


def test_without_the_link_nothing_changes():
    at = run(GF)
    assert_not_presenting(at)
    assert all(s["height"] in (280, 410, 540) for s in specs(at))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_bad_value_is_reported_and_leaves_the_mode_off(lang):
    at = run(present="banana", lang=lang)
    table = common.ZH if lang == "zh" else common.EN
    assert table["present_bad"].format(raw="banana") in [w.value for w in at.warning]
    assert_not_presenting(at)
    at.switch_page(GF).run()
    assert not at.exception and not any("banana" in w.value for w in at.warning)
    assert_not_presenting(at)


def test_present_zero_turns_it_off_again():
    at = run(GF, present=1)
    at.query_params[LINK] = "0"  # a new link followed in the same session
    at.run()
    assert_not_presenting(at)


def test_walk_copies_the_structure_and_shares_the_data():
    rows = pd.DataFrame({"x": [1.0, 2.0]})
    spec = {"height": 280, "datasets": {"d": rows}, "data": {"values": [{"x": 1}]},
            "config": {"view": {"stroke": None}, "axis": {"labelFontSize": 9, "grid": True}},
            "layer": [{"mark": {"type": "line", "strokeWidth": 2}, "encoding": {
                "x": {"field": "x", "axis": {"labelFontSize": 12, "titleFontSize": 30}}}},
                      {"mark": {"type": "point", "strokeWidth": 2}},
                      {"mark": "line"}]}
    before = json.dumps({k: v for k, v in spec.items() if k != "datasets"}, sort_keys=True)
    out = present._walk(spec)
    assert json.dumps({k: v for k, v in spec.items() if k != "datasets"},
                      sort_keys=True) == before  # the caller's spec is untouched
    assert out["datasets"] is spec["datasets"] and out["data"] is spec["data"]
    assert out["layer"][0]["mark"]["strokeWidth"] == 3.0
    assert out["layer"][1]["mark"]["strokeWidth"] == 2  # a point's outline stays
    assert out["layer"][2]["mark"] == "line"  # config.line sets its width
    axis = out["layer"][0]["encoding"]["x"]["axis"]
    assert axis == {"labelFontSize": present.TEXT, "titleFontSize": 30}
    merged = present._merge(spec["config"], present.CONFIG)
    assert merged["view"] == {"stroke": None} and merged["axis"]["grid"] is True
    assert merged["axis"]["labelFontSize"] == present.TEXT
    assert merged["axis"]["labelColor"] == present.INK
    assert spec["config"]["axis"] == {"labelFontSize": 9, "grid": True}


def test_home_shows_the_lesson_map_first_when_presenting():
    from ui.text import lessons as lesson_text
    presenting = [l.proto.label for l in run("pages/home.py", present="1").get("page_link")]
    plain = [l.proto.label for l in run("pages/home.py").get("page_link")]
    assert presenting[0] == lesson_text.EN["xor_line"]  # Training's first lesson
    assert plain[0] == common.EN["open"]
    assert sorted(presenting) == sorted(plain)  # the same links, in another order
