"""The RNN vs LSTM page through app.py: the sliders, the engine's ratios, clipping, bad links."""
import pyarrow as pa
import pytest

from playground import recurrent
from playground.recurrent import SeqConfig
from test_pages import chart_data, run, warned

RL = "pages/rnn_lstm.py"


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_the_first_sidebar_slider_is_the_length_and_changes_the_first_chart():
    at = run(RL)
    assert at.sidebar.slider[0].key == "rl_t"
    before = chart_data(at)
    at.slider(key="rl_t").set_value(80).run()
    after = chart_data(at)
    assert after[0] != before[0] and not at.exception


def test_the_metrics_are_the_engines_ratios():
    at = run(RL, rl_t=40, rl_h=16, rl_rho=0.5, rl_fb=5)
    cfg = SeqConfig(length=40, hidden=16, radius=0.5, forget_bias=5.0)
    shown = metrics(at)
    for kind, name in (("rnn", "RNN (tanh)"), ("lstm", "LSTM")):
        expected = recurrent.backprop(kind, cfg).reach
        assert float(shown[f"{name}: first ÷ last input"]) == pytest.approx(expected, rel=1e-2)
    verdict = at.info[0].value
    assert "RNN (vanished)" in verdict and "LSTM (kept)" in verdict


def sweep_data(at) -> dict:
    """The named datasets of the sweep chart, as records."""
    chart = at.get("vega_lite_chart")[1]
    return {d.name: pa.ipc.open_stream(d.data.data).read_pandas().to_dict("records")
            for d in chart.proto.datasets}


def test_radius_moves_the_rnn_line_and_the_marker_but_not_the_sweep():
    at = run(RL)
    before, data = chart_data(at), sweep_data(at)
    at.slider(key="rl_rho").set_value(1.5).run()
    after, moved = chart_data(at), sweep_data(at)
    assert after[0] != before[0]
    assert moved["rows"] == data["rows"] and len(data["rows"]) == 2 * len(recurrent.RADII)
    assert (data["marker"], moved["marker"]) == (
        [{"radius": 0.9}], [{"radius": 1.5}])


def test_clipping_an_exploding_rnn_keeps_the_direction():
    at = run(RL, rl_rho=2.0, rl_clip=1)
    shown = metrics(at)
    assert float(shown["after clipping"]) == pytest.approx(1.0)
    assert shown["cosine (direction kept)"] == "1.000000"
    assert float(shown["‖∂L/∂θ‖ at ρ = 2"]) > 10
    assert any("multiplies every component" in w.value for w in at.warning)


def test_a_vanished_gradient_is_left_alone_by_clipping():
    at = run(RL, rl_rho=0.5, rl_clip=1000)
    assert any("untouched" in i.value for i in at.info)


def test_bad_link_values_are_reported():
    at = run(RL, rl_t=999, rl_h="abc", rl_rho=-1, rl_fb="nan", rl_clip=0, rl_seed=-2)
    warned(at, "rl_t=999", "rl_h=abc", "rl_rho=-1", "rl_fb=nan", "rl_clip=0", "rl_seed=-2")
    assert at.slider(key="rl_t").value == 200
    assert at.slider(key="rl_rho").value == 0.1
    assert not at.exception
