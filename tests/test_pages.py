"""Every page through streamlit's AppTest: it runs, widgets change results, bad links are reported."""
import json
import re
from dataclasses import dataclass, field
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


def plain(markdown: str) -> str:
    """What a notice reads on screen: Markdown's backslash escapes resolved and zero-width
    spaces gone (a value echoed from a link is escaped, ui.echo.literal)."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).replace("\u200b", "")


def warned(at: AppTest, *parts: str) -> None:
    """Every part is said in the page's warnings (what a link got wrong)."""
    notes = " ".join(w.value for w in at.warning)
    for part in parts:
        assert part in notes, part


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


@dataclass(frozen=True)
class Shows:
    """What a page shows on its first run in either language, besides its title."""
    charts: int
    texts: tuple[str, ...] = ()             # catalogue keys whose text is on the page
    headers: tuple[str, ...] | None = None  # catalogue keys of its headers, in order
    metrics: int | None = None              # how many metrics
    values: dict[str, str] = field(default_factory=dict)  # catalogue key of a metric -> value
    success: str | None = None              # what its one success notice holds


SHOWS = {
    "pages/training.py": Shows(charts=3),
    # the map, the line, two neuron maps, the gradient sizes (the deep pair is in 3-D)
    "pages/loss_surface.py": Shows(charts=5, texts=("why_title",),
                                   headers=("res_title", "neuron_title")),
    # the graph, the Jacobians, the gradient reaching each layer
    "pages/backprop.py": Shows(charts=3, texts=("table_title", "jac_title", "why_title"),
                               metrics=3),
    "pages/gradient_flow.py": Shows(charts=4),
    "pages/optimizer_paths.py": Shows(charts=5),
    "pages/batch_size.py": Shows(charts=7, texts=("why_title",)),
    "pages/normalization.py": Shows(charts=23),
    "pages/regularization.py": Shows(charts=7),
    # two bagging maps and its accuracy curve, two augmentation maps and their curve, the
    # imbalance map and its bars
    "pages/data_ensembles.py": Shows(charts=8, texts=("b_title", "a_title", "i_title",
                                                      "why_title"), metrics=12),
    "pages/losses_information.py": Shows(charts=5),
    # profile, costs, a chart per building block (5), 6 small grids; the default stack is
    # torchvision's AlexNet
    "pages/cnn_arithmetic.py": Shows(charts=13, values={"m_params": "61,100,840"},
                                     success="61,100,840"),
    "pages/activations.py": Shows(charts=11),
    "pages/rnn_lstm.py": Shows(charts=2, metrics=6),
}


@pytest.mark.parametrize("e", EXPERIMENTS, ids=lambda e: e.file)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_page_runs_in_both_languages(e, lang):
    at = run(e.file, lang=lang)
    T, shows = (e.text.ZH if lang == "zh" else e.text.EN), SHOWS[e.file]
    assert at.title[0].value == T["title"]
    assert len(chart_data(at)) == shows.charts
    assert not at.error
    assert not at.get("progress")  # a first run that trains draws a bar and clears it
    for key in shows.texts:
        assert T[key] in texts(at), key
    if shows.headers is not None:
        assert [h.value for h in at.header] == [T[key] for key in shows.headers]
    if shows.metrics is not None:
        assert len(at.metric) == shows.metrics
    assert {T[key]: value for key, value in shows.values.items()}.items() <= metrics(at).items()
    if shows.success:
        assert len(at.success) == 1 and shows.success in at.success[0].value


def test_gradient_flow_depth_slider_changes_the_charts():
    at = run(GF)
    before = chart_data(at)
    at.slider(key="depth").set_value(20).run()
    assert not at.exception
    after = chart_data(at)
    assert len(after) == len(before) and after != before


@pytest.mark.parametrize("key,value", [("act", "tanh"), ("init", "kaiming_normal"),
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


def test_gradient_flow_zero_init_lesson_draws_its_zeros_and_names_the_0_over_0_ratio():
    # A log axis cannot show 0: both charts were empty, and the ratio read NaN
    at = run(GF, lesson="zero_init")
    for i, axis in ((0, "standard deviation"), (1, "norm")):
        spec = json.loads(at.get("vega_lite_chart")[i].proto.spec)
        assert spec["encoding"]["y"].get("scale", {}).get("type") != "log"
        assert spec["encoding"]["y"]["title"] == axis
        points = series(at, i)
        assert points and all(v == 0 for line in points.values() for _, v in line)
        assert all(len(line) == 5 for line in points.values())  # every layer, drawn at 0
    assert sum("exactly 0, so this chart uses a linear axis" in c.value for c in at.caption) == 2
    assert not any("Not drawn" in c.value for c in at.caption)
    assert metrics(at)["‖∂L/∂W₁‖ / ‖∂L/∂W_last‖"] == "undefined (0/0)"
    zh = run(GF, lesson="zero_init", lang="zh")
    assert metrics(zh)["‖∂L/∂W₁‖ / ‖∂L/∂W_末层‖"] == "无定义（0/0）"


def test_gradient_flow_exploding_network_is_a_message_not_a_traceback():
    at = run(GF, act="relu", init="normal", scale=10, depth=50, width=512)
    assert any("inf/NaN" in e.value for e in at.error)


def test_gradient_flow_bad_link_values_are_clamped_or_ignored_with_a_notice():
    at = run(GF, depth=-3, init="<b>x</b>", width=100, scale="nan", res="maybe")
    notes = " ".join(plain(w.value) for w in at.warning)
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


# Gradient flow, setting A next to setting B

def series(at: AppTest, index: int) -> dict[str, list[tuple]]:
    """The (x, value) points of each series of chart `index` (a `charts.lines` chart)."""
    import pyarrow as pa
    chart = at.get("vega_lite_chart")[index]
    rows = {d.name: pa.ipc.open_stream(d.data.data).read_pandas()
            for d in chart.proto.datasets}["rows"]
    x = rows.columns[0]
    return {s: list(zip(g[x], g["value"])) for s, g in rows.groupby("series")}


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_gradient_flow_b_shows_the_numbers_of_a_plain_run_with_b_settings():
    at = run(GF, ab="true", b_act="relu", b_init="kaiming_normal", b_depth=6)
    plain_a, plain_b = run(GF), run(GF, act="relu", init="kaiming_normal", depth=6)
    std, grad = series(at, 0), series(at, 1)
    assert set(std) == {"A: std of activations", "B: std of activations"}
    assert std["A: std of activations"] == series(plain_a, 0)["std of activations"]
    assert std["B: std of activations"] == series(plain_b, 0)["std of activations"]
    assert len(std["B: std of activations"]) == 6 and len(std["A: std of activations"]) == 10
    for label in ("‖∂L/∂W‖ weights", "‖∂L/∂h‖ activations"):
        assert grad["A: " + label] == series(plain_a, 1)[label]
        assert grad["B: " + label] == series(plain_b, 1)[label]
    shown, b = metrics(at), metrics(plain_b)
    for label in ("Loss on the batch", "‖∂L/∂W₁‖ / ‖∂L/∂W_last‖"):
        assert shown["B: " + label] == b[label] and shown[label] == metrics(plain_a)[label]
    assert any("B differs from A in: Depth (hidden layers) 6, Activation ReLU, Initializer "
               "He (Kaiming) normal" in c.value for c in at.caption)
    assert any(s.value.startswith("B: ") for kind in ("success", "warning", "error")
               for s in getattr(at, kind))


def test_gradient_flow_b_follows_a_until_one_of_its_controls_is_set():
    at = run(GF, ab="true", act="sigmoid")
    std = series(at, 0)
    assert std["A: std of activations"] == std["B: std of activations"]
    assert any("B equals A" in c.value for c in at.caption)
    at.slider(key="depth").set_value(4).run()  # B follows A's new depth
    std = series(at, 0)
    assert len(std["B: std of activations"]) == 4
    assert std["A: std of activations"] == std["B: std of activations"]
    at.selectbox(key="b_act").set_value("relu").run()
    at.selectbox(key="act").set_value("tanh").run()  # B keeps its own activation
    assert at.selectbox(key="b_act").value == "relu"
    std = series(at, 0)
    assert std["B: std of activations"] == series(run(GF, act="relu", depth=4), 0)[
        "std of activations"]
    assert not at.exception and not at.warning


def test_gradient_flow_bad_b_link_values_are_clamped_or_ignored_with_a_notice():
    at = run(GF, ab="true", b_depth=99, b_act="<x>", b_scale="0.03", b_res="true")
    notes = " ".join(plain(w.value) for w in at.warning)
    assert "b_depth=99" in notes and "using 50" in notes
    assert "b_act=<x>" in notes and "b_scale=0.03" in notes and "using 0.02" in notes
    assert "b_res" not in notes  # true is how A's switch spells "on"
    assert at.selectbox(key="b_depth").value == 50
    assert at.selectbox(key="b_act").value == "= A"
    assert at.selectbox(key="b_scale").value == 0.02
    assert at.selectbox(key="b_res").value is True


def test_gradient_flow_without_b_is_unchanged_whatever_b_links_say():
    at = run(GF)
    assert at.toggle(key="ab").value is False
    assert chart_data(run(GF, b_act="relu", b_depth=3)) == chart_data(at)
    assert not any(m.label.startswith("B") for m in at.metric)
    assert set(series(at, 0)) == {"std of activations"}


def test_gradient_flow_b_in_chinese():
    at = run(GF, ab="true", b_act="relu", lang="zh")
    assert any("B 与 A 的不同之处：激活函数为 ReLU" in c.value for c in at.caption)
    assert any(m.label.startswith("B：") for m in at.metric)


# Gradient flow's PyTorch script download

def test_gradient_flow_offers_its_setup_as_a_pytorch_script(monkeypatch):
    from ui import export_script
    made, real = [], export_script._button
    monkeypatch.setattr(export_script, "_button",
                        lambda T, make, *a, **k: (made.append(make), real(T, make, *a, **k))[1])
    at = run(GF, depth=7, act="sigmoid", batch=64)
    button = next(b for b in at.get("download_button") if b.key == "gf_script")
    assert button.label == "PyTorch script" and button.proto.deferred_file_id
    src = made[-1]()
    assert "range(6)" in src and "nn.Sigmoid()" in src and "N, NOISE = 64, 0.1" in src
    compile(src, "gradient_flow.py", "exec")
    at = run(GF, lang="zh")
    assert next(b for b in at.get("download_button") if b.key == "gf_script").label == "PyTorch 脚本"


def test_b_helpers_read_links_like_a_and_overlay_by_layer():
    import pandas as pd

    from ui import charts
    from test_charts import valid
    from ui import train_controls as tc
    assert tc.fix_b("99", tuple(range(1, 51))) == (50, True)
    assert tc.fix_b("7.0", tuple(range(1, 51))) == (7, False)
    assert tc.fix_b("0.03", (0.01, 0.02, 0.05)) == (0.02, True)
    assert tc.fix_b("TRUE", (False, True)) == (True, False)
    assert tc.fix_b("maybe", (False, True)) == (None, True)
    assert tc.fix_b("<b>", ("tanh", "relu")) == (None, True)
    a = pd.DataFrame({"layer": [1, 2], "g": [1.0, 2.0]})
    b = pd.DataFrame({"layer": [1, 2, 3], "g": [5.0, 6.0, 7.0]})
    both = charts.overlay(a, b, "layer", ["g"])
    assert both["layer"].tolist() == [1, 2, 3] and both["b_g"].tolist() == [5.0, 6.0, 7.0]
    assert both["a_g"].tolist()[:2] == [1.0, 2.0] and both["a_g"].isna().tolist()[2]
    spec = charts.layer_profile(both, {"a_g": "A g", "b_g": "B g"}, "l", "g", ab=1)
    valid(spec)
    assert spec["encoding"]["strokeDash"]["scale"]["range"] == [[1, 0], charts.DASH]


def test_every_chart_is_drawn_on_a_canvas_without_per_mark_descriptions():
    at = run("pages/optimizer_paths.py")
    specs = [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]
    assert specs
    for s in specs:
        assert s["usermeta"]["embedOptions"]["renderer"] == "canvas"
        assert s["config"]["mark"]["aria"] is False
        assert s["config"]["view"]  # the chart's own config is kept


def test_drawn_leaves_the_spec_it_is_given_alone():
    from ui import drawn
    spec = {"mark": "point", "config": {"mark": {"color": "red"}}}
    out = drawn(spec)
    assert out["config"]["mark"] == {"color": "red", "aria": False}
    assert spec == {"mark": "point", "config": {"mark": {"color": "red"}}}
