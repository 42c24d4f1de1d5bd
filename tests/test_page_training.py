"""The Training page through AppTest: Play, Step and Reset drive a real trainer."""
import time

import pytest
from streamlit.testing.v1 import AppTest

from test_pages import chart_data, run as run_app

PAGE = "pages/training.py"


def run(**params) -> AppTest:
    return run_app(PAGE, **params)


def epoch(at: AppTest) -> float:
    return float(at.metric[0].value)


def test_step_trains_one_epoch_and_the_charts_move():
    at = run()
    before = chart_data(at)
    assert epoch(at) == 0
    at.button(key="tr_step_btn").click().run()
    assert not at.exception and epoch(at) == 1
    assert chart_data(at) != before


def rerun_until(at: AppTest, done, seconds: float = 60.0) -> AppTest:
    """Rerun (as the live fragment does while playing) until done(at) or time runs out."""
    t0 = time.monotonic()
    while not done(at) and time.monotonic() - t0 < seconds:
        time.sleep(0.1)
        at.run()
    return at


def test_play_trains_between_reruns_and_pause_stops():
    at = run()
    at.button(key="tr_play_btn").click().run()
    first = epoch(rerun_until(at, lambda at: epoch(at) > 0))
    assert first > 0
    assert epoch(rerun_until(at, lambda at: epoch(at) > first)) > first
    at.button(key="tr_play_btn").click().run()
    paused = epoch(at)
    time.sleep(0.2)
    at.run()
    assert epoch(at) == paused and not at.session_state["tr_bg"].running


def test_a_changed_setting_starts_over_and_reset_too():
    at = run()
    at.button(key="tr_step_btn").click().run()
    at.select_slider(key="lr").set_value(0.1).run()
    assert epoch(at) == 0
    at.button(key="tr_step_btn").click().run()
    at.button(key="tr_reset_btn").click().run()
    assert epoch(at) == 0 and not at.exception


def test_divergence_is_an_outcome_not_a_traceback():
    at = run(ds="plane", act="sigmoid", layers=10, neurons=16, lr=10)
    at.button(key="tr_play_btn").click().run()
    rerun_until(at, lambda at: at.button(key="tr_play_btn").label == "Play")
    assert not at.exception
    assert any("diverged" in e.value for e in at.error)
    assert at.button(key="tr_play_btn").label == "Play"  # playing stopped by itself


def test_stop_rule_ends_playing():
    at = run(stop=50, neurons=2, layers=1)
    at.button(key="tr_play_btn").click().run()
    rerun_until(at, lambda at: at.success)
    assert any("stop rule" in s.value for s in at.success)
    assert epoch(at) == 50 and at.button(key="tr_play_btn").label == "Play"


def test_batch_norm_with_batches_of_one_is_explained():
    at = run(norm="batch", bs=1)
    assert any("at least 2" in e.value for e in at.error)


@pytest.mark.parametrize("params", [dict(ds="spiral", cls=4, feat=["x1", "x2", "sin_x1"]),
                                    dict(ds="plane", opt="adam", sched="warmup_cosine"),
                                    dict(ds="xor", loss="mse", l1=0.01, l2=0.01, drop=0.2,
                                         norm="layer", res="true", clip=1)])
def test_other_tasks_and_settings_train(params):
    at = run(**params)
    at.button(key="tr_step_btn").click().run()
    assert not at.exception and epoch(at) == 1 and len(chart_data(at)) == 4


def test_bad_link_values_are_reported():
    at = run(layers=99, opt="<script>", feat=["x1", "zz"], lr="-1")
    notes = " ".join(w.value for w in at.warning)
    assert "layers=99" in notes and "opt=<script>" in notes and "feat=zz" in notes
    assert "lr=-1" in notes
    assert at.slider(key="layers").value == 10


def test_chinese():
    at = run(lang="zh")
    assert at.title[0].value == "训练场"
    assert at.button(key="tr_play_btn").label == "开始"


def test_own_points_replace_the_dataset():
    import numpy as np
    at = run()
    rng = np.random.default_rng(1)
    X = rng.uniform(-1, 1, (40, 2)).astype(np.float32)
    at.session_state["tr_own"] = (X, (X[:, 0] > 0).astype(np.float32))
    at.session_state["tr_own_v"] = 1
    at.run()
    assert not at.exception
    assert len(at.session_state["tr_trainer"].y) == 40
    assert any("40 own points" in c.value for c in at.caption)
    at.button(key="tr_own_clear").click().run()
    assert len(at.session_state["tr_trainer"].y) == 500
