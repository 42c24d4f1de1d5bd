"""Every page through streamlit's AppTest: it runs, widgets change results, bad links are reported."""
import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ui.experiments import EXPERIMENTS
from ui.lessons import LESSONS

APP = Path(__file__).resolve().parents[1] / "app.py"
TIMEOUT = 120  # a cold torch import alone can take several seconds, more on a busy machine
GF = "pages/gradient_flow.py"


def run(page: str | None = None, **params) -> AppTest:
    """The app opened with these link parameters (a list repeats one), then switched to page."""
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    for k, v in params.items():
        at.query_params[k] = v if isinstance(v, list) else str(v)
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def chart_data(at: AppTest) -> list[str]:
    """The data behind every chart on the page, as comparable JSON text."""
    out = []
    for chart in at.get("arrow_vega_lite_chart") + at.get("vega_lite_chart"):
        datasets = [d.data.data for d in chart.proto.datasets]
        out.append(json.dumps(json.loads(chart.proto.spec), sort_keys=True) + repr(datasets))
    return out


def texts(at: AppTest) -> str:
    parts = [e.value for kind in ("title", "markdown", "caption", "subheader", "warning",
                                  "info", "success", "error") for e in getattr(at, kind)]
    return "\n".join(str(p) for p in parts)


def test_home_lists_every_experiment_with_its_question():
    at = run()
    shown = texts(at)
    for e in EXPERIMENTS:
        assert e.text.EN["question"] in shown
    assert len(at.get("page_link")) == len(EXPERIMENTS) + len(LESSONS)  # cards, then lessons


def test_home_in_chinese():
    at = run(lang="zh")
    assert at.title[0].value == "深度学习演练场"
    for e in EXPERIMENTS:
        assert e.text.ZH["question"] in texts(at)


def test_unknown_language_is_reported():
    at = run(lang="fr")
    assert any("fr" in w.value for w in at.warning)
    assert at.title[0].value == "Deep-learning playground"


@pytest.mark.parametrize("e", EXPERIMENTS, ids=lambda e: e.file)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_page_runs_in_both_languages(e, lang):
    at = run(e.file, lang=lang)
    assert at.title[0].value == (e.text.ZH if lang == "zh" else e.text.EN)["title"]
    assert chart_data(at), "a page without a chart"


def test_gradient_flow_depth_slider_changes_the_charts():
    at = run(GF)
    before = chart_data(at)
    at.slider(key="depth").set_value(20).run()
    assert not at.exception
    after = chart_data(at)
    assert len(after) == len(before) and after != before


@pytest.mark.parametrize("key,value", [("act", "sigmoid"), ("init", "kaiming_normal"),
                                       ("norm", "batch")])
def test_gradient_flow_selectboxes_change_the_charts(key, value):
    at = run(GF)
    before = chart_data(at)
    at.selectbox(key=key).set_value(value).run()
    assert not at.exception and chart_data(at) != before


def test_gradient_flow_sigmoid_reports_vanishing():
    at = run(GF, act="sigmoid", depth=10)
    assert "vanishing" in at.warning[0].value


def test_gradient_flow_zero_init_shows_symmetry_and_no_gradient():
    at = run(GF, init="zeros")
    assert "exactly 0" in at.error[0].value
    assert any("copies" in i.value for i in at.info)


def test_gradient_flow_exploding_network_is_a_message_not_a_traceback():
    at = run(GF, act="relu", init="normal", scale=10, depth=50, width=512)
    assert any("inf/NaN" in e.value for e in at.error)


def test_gradient_flow_bad_link_values_are_clamped_or_ignored_with_a_notice():
    at = run(GF, depth=-3, init="<b>x</b>", width=100, scale="nan", res="maybe")
    notes = " ".join(w.value for w in at.warning)
    assert "depth=-3" in notes and "using 1" in notes
    assert "init=<b>x</b>" in notes
    assert "width=100" in notes and "using 128" in notes
    assert "scale=nan" in notes and "res=maybe" in notes
    assert at.slider(key="depth").value == 1
    assert at.selectbox(key="init").value == "xavier_normal"
    assert at.select_slider(key="width").value == 128


def test_link_values_spelled_differently_are_still_honoured():
    at = run(GF, scale="10.0", depth="7.0", width="16.0")
    assert at.select_slider(key="scale").value == 10.0
    assert at.slider(key="depth").value == 7
    assert at.select_slider(key="width").value == 16
    assert not at.warning


def test_gradient_flow_link_reopens_the_experiment():
    at = run(GF, depth=7, width=16, act="relu", init="kaiming_normal", norm="layer",
             res="true", batch=64, seed=3, lang="zh")
    assert at.slider(key="depth").value == 7
    assert at.select_slider(key="width").value == 16
    assert at.selectbox(key="act").value == "relu"
    assert at.selectbox(key="norm").value == "layer"
    assert at.toggle(key="res").value is True
    assert at.number_input(key="seed").value == 3
    assert not at.warning or all("=" not in w.value for w in at.warning)
