"""The Loss surface page through AppTest: widgets change the maps, the Training page's network
is used when the settings match, bad links are reported."""
import json

import altair as alt
import pytest
from streamlit.testing.v1 import AppTest

from test_pages import chart_data, run as run_app

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
    notes = " ".join(w.value for w in at.warning)
    for part in ("ls_dir=hessian", "ls_grid=1000", "ls_span=abc", "ls_epochs=-4", "ls_log=maybe",
                 "noise=500"):
        assert part in notes, part
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
