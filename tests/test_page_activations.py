"""The Activations page through app.py: both languages, the range slider, bad links."""
import pytest

from test_pages import chart_data, run
from ui.text import activations as text

AC = "pages/activations.py"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_runs_in_both_languages_with_every_chart(lang):
    at = run(AC, lang=lang)
    assert at.title[0].value == (text.ZH if lang == "zh" else text.EN)["title"]
    assert len(chart_data(at)) == 5
    assert not at.exception


def test_the_first_sidebar_slider_is_the_range_and_changes_the_first_chart():
    at = run(AC)
    assert at.sidebar.slider[0].key == "ac_range"
    before = chart_data(at)
    at.slider(key="ac_range").set_value(3).run()
    after = chart_data(at)
    assert after[0] != before[0] and after[3] == before[3]  # the dead-unit chart is untouched


def test_k_changes_the_histogram_and_the_variance_metric():
    at = run(AC, ac_k=10)
    metrics = {m.label: m.value for m in at.metric}
    assert "sample variance (exact 0.00833)" in metrics
    assert float(metrics["sample variance (exact 0.00833)"]) == pytest.approx(1 / 120, rel=0.05)


def test_relu_dies_and_the_variants_do_not():
    at = run(AC)
    assert any("leaky ReLU none" in i.value for i in at.info)


def test_bad_link_values_are_reported():
    at = run(AC, ac_range=99, ac_fns=["relu", "swish"], ac_shade="nope", ac_k="abc", ac_seed=-3)
    notes = " ".join(w.value for w in at.warning)
    for part in ("ac_range=99", "swish", "ac_shade=nope", "ac_k=abc", "ac_seed=-3"):
        assert part in notes, part
    assert at.slider(key="ac_range").value == 12
    assert not at.exception
