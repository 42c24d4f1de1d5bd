"""The Backpropagation page through app.py: the step slider walks the graph, the equations
and the verdict agree with the engine, the slider keeps its end when the depth changes."""
import pyarrow as pa
import pytest

from playground import backprop, nets
from test_pages import run
from ui.text import backprop as text

BP = "pages/backprop.py"
DEFAULT = backprop.walk(nets.NetConfig(depth=2, width=3, activation="sigmoid"), (0.5, -1.0), 1.0)


def graph_nodes(at):
    chart = at.get("vega_lite_chart")[0]
    data = {d.name: pa.ipc.open_stream(d.data.data).read_pandas() for d in chart.proto.datasets}
    return data["nodes"]


def latex(at) -> str:
    return "\n".join(l.proto.body for l in at.get("latex"))


def test_the_default_shows_the_whole_walk_and_its_agreement_with_autograd():
    at = run(BP)
    assert at.slider(key="bp_step").value == 6
    nodes = graph_nodes(at)
    assert (nodes["kind"] != "").all()  # after the last step every value is known
    deltas = nodes[nodes["kind"] == "delta"].sort_values(["col", "unit"])["value"].to_numpy()
    assert deltas == pytest.approx([v for d in DEFAULT.delta for v in d])
    assert "largest difference is" in at.success[0].value
    gap = float(at.success[0].value.split("largest difference is ")[1].split(",")[0])
    assert gap < 1e-12
    body = latex(at)  # layer 1's backward step: equations 2, 3 and 4, and autograd's values
    assert r"\big((W^{2})^\top \delta^{2}\big)" in body and r"\partial W^{1}" in body
    assert at.get("latex")[0].proto.body.count("bmatrix") >= 2


def test_the_step_slider_goes_back_to_the_first_forward_step():
    at = run(BP)
    at.slider(key="bp_step").set_value(1).run()
    assert not at.exception
    nodes = graph_nodes(at)
    assert set(nodes.loc[nodes["col"] == 1, "kind"]) == {"a"}
    assert set(nodes.loc[nodes["col"] >= 2, "kind"]) == {""}  # not computed yet
    assert r"z^{1} = W^{1} a^{0} + b^{1}" in latex(at)
    assert any("Step 1 of 6: forward through layer 1" in m.value for m in at.markdown)


def test_the_slider_at_its_end_stays_at_the_end_when_layers_are_added():
    at = run(BP)
    at.slider(key="bp_depth").set_value(3).run()
    assert at.slider(key="bp_step").value == 8
    at.slider(key="bp_step").set_value(3).run()
    at.slider(key="bp_depth").set_value(1).run()  # a step past the new end is clamped
    assert not at.exception and at.slider(key="bp_step").value == 3 <= 4


def test_the_metrics_and_the_link_follow_the_activation():
    at = run(BP, bp_act="tanh", bp_depth=3)
    w = backprop.walk(nets.NetConfig(depth=3, width=3, activation="tanh"), (0.5, -1.0), 1.0)
    shown = {m.label: m.value for m in at.metric}
    assert float(shown[text.EN["m_delta"]]) == pytest.approx(w.delta[-1][0], rel=1e-2)
    link = next(l for l in at.get("page_link") if l.proto.page == "gradient_flow")
    assert link.proto.query_string == "act=tanh&depth=10"


def test_every_output_and_initializer_runs_in_both_languages():
    for output in backprop.OUTPUTS:
        for lang in ("en", "zh"):
            at = run(BP, bp_out=output, bp_init="zeros", lang=lang)
            assert not at.exception and at.success
