"""The Loss surface page through AppTest: widgets change the maps, the Training page's network
is used when the settings match, bad links are reported."""
import base64
import json

import altair as alt
import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from test_pages import chart_data, run as run_app, warned

PAGE = "pages/loss_surface.py"
FAST = {"ls_epochs": 5, "ls_grid": 21}  # keeps each run short; test_pages.py runs the defaults


def run(page: str = PAGE, **params) -> AppTest:
    return run_app(page, **params)


def test_every_chart_is_a_valid_vega_lite_spec():
    at = run(**FAST)
    for chart in at.get("vega_lite_chart"):
        alt.Chart.from_dict(json.loads(chart.proto.spec))  # raises on a schema error


@pytest.mark.parametrize("widget,key,value,start", [
    ("slider", "noise", 30, "pca"), ("selectbox", "ls_dir", "filter", "pca"),
    ("select_slider", "ls_span", 2.0, "pca"), ("toggle", "ls_log", True, "pca"),
    ("select_slider", "ls_epochs", 10, "pca"),
    ("number_input", "ls_seed", 3, "filter"),  # the seed draws random directions only
])
def test_a_widget_changes_the_maps(widget, key, value, start):
    at = run(ls_dir=start, **FAST)
    before = chart_data(at)
    getattr(at, widget)(key=key).set_value(value).run()
    assert not at.exception
    after = chart_data(at)
    assert after[0] != before[0]  # the first chart, the one the browser test watches


def test_the_training_pages_network_is_used_when_the_settings_match():
    at = run("pages/training.py", **FAST)
    at.button(key="tr_step_btn").click().run()
    at.button(key="tr_step_btn").click().run()
    at.button(key="tr_step_btn").click().run()  # three epochs: a path for the pca plane
    at.switch_page(PAGE).run()
    assert not at.exception
    assert any("epoch 3.0" in s.value for s in at.success)
    at.slider(key="noise").set_value(20).run()  # other settings: a fresh network
    assert not at.success and any("trained here" in i.value for i in at.info)


def test_a_diverging_network_is_a_message_not_a_traceback():
    # squared error on the regression plane overflows at lr 10 (a classifier's BCE stays finite)
    at = run(ds="plane", act="sigmoid", layers=10, neurons=16, lr=10, **FAST)
    assert any("diverged" in e.value for e in at.error)


def test_batch_norm_with_single_point_batches_is_refused_plainly():
    at = run(norm="batch", bs=1, **FAST)
    assert any("at least 2 points" in e.value for e in at.error)


def test_bad_link_values_are_reported_not_raised():
    at = run(ls_dir="hessian", ls_grid=1000, ls_span="abc", ls_epochs=-4, ls_log="maybe",
             ls_seed=10**9, noise=500)
    warned(at, "ls_dir=hessian", "ls_grid=1000", "ls_span=abc", "ls_epochs=-4", "ls_log=maybe",
               "noise=500")
    assert at.selectbox(key="ls_dir").value == "pca"
    assert at.select_slider(key="ls_grid").value == 41
    assert at.select_slider(key="ls_epochs").value == 5
    assert chart_data(at)


def test_link_reopens_the_experiment():
    at = run(ls_dir="filter", ls_grid=31, ls_span=0.5, ls_log="true", ls_epochs=20, ls_seed=4,
             lang="zh")
    assert at.title[0].value == "损失曲面"
    assert at.selectbox(key="ls_dir").value == "filter"
    assert at.select_slider(key="ls_grid").value == 31
    assert at.select_slider(key="ls_span").value == 0.5
    assert at.toggle(key="ls_log").value is True
    assert at.number_input(key="ls_seed").value == 4
    assert not at.warning


def test_a_link_asking_for_hours_of_training_is_cut_to_the_budget_with_a_notice(monkeypatch):
    from playground import nets, train
    monkeypatch.setattr(train, "TRAIN_BUDGET", 0.5)  # the same rule, on a shorter budget
    at = run(ls_epochs=200, ls_grid=21, layers=10, neurons=64, norm="layer", bs=1, opt="nadam")
    assert not at.exception
    allowed = train.affordable_epochs(nets.NetConfig(depth=10, width=64, norm="layer"),
                                      train.TrainConfig(batch_size=1, optimizer="nadam"), 200)
    assert allowed < 200
    notice = next(w.value for w in at.warning if "would take too long" in w.value)
    assert f"trained for {allowed} instead" in notice
    assert any(f"for {allowed} epochs" in i.value for i in at.info)


def plotly_figures(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def values(x) -> np.ndarray:
    """A plotly array as the browser gets it: a list, or typed bytes in base64."""
    if isinstance(x, dict):
        shape = [int(n) for n in str(x.get("shape", "-1")).split(",")]
        return np.frombuffer(base64.b64decode(x["bdata"]), dtype=x["dtype"]).reshape(shape)
    return np.asarray(x)


def test_the_deep_pair_is_in_3d_and_the_plain_network_is_the_rougher():
    at = run(ls_grid=21)
    figures = plotly_figures(at)
    assert len(figures) == 2
    for fig in figures:
        z = values(fig["data"][0]["z"])
        assert fig["data"][0]["type"] == "surface" and z.shape == (21, 21)  # the fine grid
        assert fig["layout"]["scene"]["zaxis"]["type"] == "log"
    minima = [int(m.value) for m in at.metric if m.label == "local minima on the grid"]
    curvature = [float(m.value) for m in at.metric if m.label == "mean curvature"]
    assert minima[0] > minima[1] and curvature[0] > curvature[1]


def test_a_new_reach_ends_on_the_fine_grid_after_the_coarse_one():
    at = run(ls_grid=31)
    at.select_slider(key="ls_span").set_value(2.0).run()
    assert not at.exception
    for fig in plotly_figures(at):
        assert values(fig["data"][0]["z"]).shape == (31, 31)  # the coarse 15 x 15 was replaced


def test_the_3d_switch_draws_the_surface_with_its_path_on_it():
    at = run(ls_3d="true", **FAST)
    main = plotly_figures(at)[0]
    surface_, path, start = main["data"]
    assert surface_["type"] == "surface" and path["type"] == "scatter3d"
    xs = values(path["x"])
    assert len(xs) > 2 and values(start["x"]) == pytest.approx(xs[:1])
    assert any("drawn at the surface's height" in c.value for c in at.caption)
    assert len(plotly_figures(at)) == 3 and len(chart_data(at)) == 4  # the flat map gave way
