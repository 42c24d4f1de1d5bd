"""The Activations page through app.py: the range slider, the verdict, bad links."""
import json

import pyarrow as pa
import pytest

from test_pages import chart_data, run

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
    notes = " ".join(w.value for w in at.warning)
    for part in ("ac_range=99", "swish", "ac_shade=nope", "ac_k=abc", "ac_seed=-3"):
        assert part in notes, part
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
