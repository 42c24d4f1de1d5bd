"""The Activations page through app.py: the range slider, the verdict, bad links."""
import json

import pyarrow as pa
import pytest

from test_pages import chart_data, run, texts, warned

AC = "pages/activations.py"


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


def test_the_verdict_compares_at_one_rate_where_none_diverged():
    at = run(AC)
    verdict = next(i.value for i in at.info if "plain ReLU lost" in i.value)
    diverged = " ".join(c.value for c in at.caption if "diverged" in c.value)
    assert "Leaky ReLU at learning rate 3" in diverged  # this seed's leaky run at lr 3
    # so all three are compared at lr 1, and the verdict says why not at 3
    assert verdict.startswith("At learning rate 1, the largest at which all three trained")
    assert "plain ReLU lost 6% of its hidden units, leaky ReLU 0% and ELU 0%" in verdict
    assert "a run diverged there" in verdict and "saturation" not in verdict
    at = run(AC, ac_seed=2)  # no run diverges: all three at lr 3
    verdict = next(i.value for i in at.info if "plain ReLU lost" in i.value)
    assert "At learning rate 3," in verdict and "leaky ReLU 0%" in verdict
    assert "saturation" in verdict  # ELU lost units at lr 3, by e^z underflow


def test_bad_link_values_are_reported():
    at = run(AC, ac_range=99, ac_fns=["relu", "swish"], ac_shade="nope", ac_k="abc", ac_seed=-3)
    warned(at, "ac_range=99", "swish", "ac_shade=nope", "ac_k=abc", "ac_seed=-3")
    assert at.slider(key="ac_range").value == 12
    assert not at.exception


def test_relu_is_dashed_and_drawn_over_leaky_relu_and_elu():
    # drawn first and solid, ReLU lay hidden under leaky ReLU (its 0.01 slope a pixel away)
    # and under ELU for z > 0
    at = run(AC, ac_fns=["relu", "leaky_relu", "elu"])
    for i in (0, 1):  # f and f'
        spec = json.loads(at.get("vega_lite_chart")[i].proto.spec)
        dash = spec["encoding"]["strokeDash"]["scale"]
        assert dict(zip(dash["domain"], map(tuple, dash["range"]))) == {
            "ReLU": (6, 4), "Leaky ReLU": (1, 0), "ELU": (1, 0)}
        rows = {d.name: pa.ipc.open_stream(d.data.data).read_pandas()
                for d in at.get("vega_lite_chart")[i].proto.datasets}["rows"]
        order = list(dict.fromkeys(rows["series"]))  # Vega draws the lines in this order
        assert order[-1] == "ReLU" and len(order) == 3


def metric_values(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_prelu_shows_the_engine_slopes_and_the_start_slope_changes_them():
    from playground import relus
    at = run(AC)
    shown = metric_values(at)
    expected = relus.train_prelu("circle", 0.25, 300, seed=0).slopes.iloc[-1]
    assert shown["layer 1: slope after 300 steps"] == f"{expected['layer_1']:.3f}"
    assert shown["layer 2: slope after 300 steps"] == f"{expected['layer_2']:.3f}"
    before = chart_data(at)
    at.select_slider(key="ac_pa").set_value(1.0).run()
    after = chart_data(at)
    assert not at.exception
    changed = [i for i, (a, b) in enumerate(zip(before, after)) if a != b]
    assert changed == [4, 5]  # the slopes and the loss of the PReLU network, nothing else
    start = relus.train_prelu("circle", 1.0, 300, seed=0).slopes.iloc[-1]
    assert metric_values(at)["layer 1: slope after 300 steps"] == f"{start['layer_1']:.3f}"


def test_rrelu_eval_output_is_the_mean_slope_times_z():
    at = run(AC, ac_rl=0, ac_ru=0.8)
    assert metric_values(at)["eval-mode output at z = −2"] == "-0.8000"  # −2 · (0 + 0.8) / 2
    assert "U(0, 0.8)" in texts(at) and "= 0.4" in texts(at)
    at.select_slider(key="ac_ru").set_value(0.5).run()
    assert metric_values(at)["eval-mode output at z = −2"] == "-0.5000"
    assert not at.exception


def test_maxout_of_abs_uses_two_pieces_and_k_changes_only_the_fit():
    at = run(AC, ac_mp=1, ac_mk=4)
    shown = metric_values(at)
    assert shown["pieces in use (the largest somewhere)"] == "2 of 4"
    assert shown["RMS error, k = 4"] == "0"
    assert any("exactly the larger of two lines" in c.value for c in at.caption)
    before = chart_data(at)
    at.slider(key="ac_mk").set_value(1).run()
    after = chart_data(at)
    changed = [i for i, (a, b) in enumerate(zip(before, after)) if a != b]
    assert changed == [8]  # the fit; the error curve over k stays
    assert metric_values(at)["pieces in use (the largest somewhere)"] == "1 of 1"


def test_maxout_on_x_squared_names_the_closed_form():
    from playground import maxout
    from ui import number
    at = run(AC, ac_mk=8)
    note = next(c.value for c in at.caption if "(2/k)²/√180" in c.value)
    assert f"= {number(maxout.best_rms_square(8), '.2e')} " in note
    rms = float(metric_values(at)["RMS error, k = 8"])
    assert 0.99 < rms / maxout.best_rms_square(8) < 1.05  # "within a few per cent"


def test_the_new_sections_in_chinese():
    from ui.text import activations as text
    at = run(AC, lang="zh")
    shown = texts(at)
    for key in ("prelu_title", "rrelu_title", "maxout_title"):
        assert text.ZH[key] in shown, key
    assert "第 1 层：300 步后的斜率" in metric_values(at)
    assert not at.exception


def test_bad_links_of_the_new_sections_are_reported():
    at = run(AC, ac_pd="plane", ac_pa="abc", ac_rl=9, ac_ru=-1, ac_mp="x", ac_mk=99)
    warned(at, "ac_pd=plane", "ac_pa=abc", "ac_rl=9", "ac_ru=-1", "ac_mp=x", "ac_mk=99")
    assert at.slider(key="ac_mk").value == 8
    assert at.select_slider(key="ac_rl").value == 0.2
    assert not at.exception
