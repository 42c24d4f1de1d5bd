"""The Training page through AppTest: Play, Step and Reset drive a real trainer."""
import json
import re
import time

import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from test_pages import chart_data, metrics, plain, run as run_app, series

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


def test_before_the_first_step_the_page_says_why_no_gradient_is_drawn():
    at = run()
    assert any("No gradient yet" in c.value for c in at.caption)
    assert not any("log axis" in c.value for c in at.caption)
    at.button(key="tr_step_btn").click().run()
    assert not any("No gradient yet" in c.value for c in at.caption)


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
    shape = "sched" in params  # the schedule's shape, under its select box
    assert not at.exception and epoch(at) == 1 and len(chart_data(at)) == 3 + shape


def test_bad_link_values_are_reported():
    at = run(layers=99, opt="<script>", feat=["x1", "zz"], lr="-1")
    notes = " ".join(plain(w.value) for w in at.warning)
    assert "layers=99" in notes and "opt=<script>" in notes and "feat=zz" in notes
    assert "lr=-1" in notes
    assert at.slider(key="layers").value == 10


def test_chinese():
    at = run(lang="zh")
    assert at.title[0].value == "训练场"
    assert at.button(key="tr_play_btn").label == "开始"


@pytest.mark.parametrize("lang,button,limit", [("en", "Upload", "1 MB per file · CSV"),
                                               ("zh", "上传", "每个文件最多 1 MB · CSV")])
def test_the_uploader_speaks_the_visitors_language_and_takes_1_mb(lang, button, limit):
    """Streamlit writes "Upload" and "200MB per file" in English: the page lays its own over
    them (the browser test looks at them drawn)."""
    at = run(lang=lang)
    css = " ".join(h.proto.body for h in at.get("html") if "tr_upload" in h.proto.body)
    assert f'content: "{button}"' in css and f'content: "{limit}"' in css
    assert at.get("file_uploader")[0].proto.max_upload_size_mb == 1


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


# Setting A next to setting B

B_RUN = dict(b_act="relu", b_init="kaiming_normal", b_opt="adam", b_lr="0.01", b_bs=25,
             b_layers=3, b_neurons=6)
PLAIN_B = dict(act="relu", init="kaiming_normal", opt="adam", lr="0.01", bs=25, layers=3,
               neurons=6)


def test_b_trains_next_to_a_exactly_as_a_plain_run_with_b_settings():
    at = run(ab="true", **B_RUN)
    at.button(key="tr_step_btn").click().run()
    at.button(key="tr_step_btn").click().run()
    assert not at.exception and len(at.session_state["tr_bg"].trainers) == 2
    plain_a, plain_b = run(), run(**PLAIN_B)
    for at_ in (plain_a, plain_b):
        at_.button(key="tr_step_btn").click().run()
        at_.button(key="tr_step_btn").click().run()
    loss = series(at, 0)  # the losses, then the gradients now
    assert set(loss) == {"A train", "A test", "B train", "B test"}
    for who, plain in (("A", plain_a), ("B", plain_b)):
        for part in ("train", "test"):
            assert loss[f"{who} {part}"] == series(plain, 0)[part]
    shown = metrics(at)
    assert shown["B: Epoch"] == "2.0"
    for label in ("Epoch", "Training loss", "Test loss", "Test accuracy"):
        assert shown[f"A: {label}"] == metrics(plain_a)[label]
        assert shown[f"B: {label}"] == metrics(plain_b)[label]
    grads = series(at, 1)  # gradients now: B has 3 layers, A 2
    assert len(grads["A ‖∂L/∂W‖"]) == 2 and len(grads["B ‖∂L/∂W‖"]) == 3
    assert grads["B ‖∂L/∂W‖"] == series(plain_b, 1)["‖∂L/∂W‖"]
    assert any("B differs from A in: Hidden layers 3, Neurons per layer 6" in c.value
               for c in at.caption)


def test_b_equals_a_by_default_and_both_play_together():
    at = run(ab="true")
    at.button(key="tr_step_btn").click().run()
    loss = series(at, 0)
    assert loss["A train"] == loss["B train"] and loss["A test"] == loss["B test"]
    assert any("B equals A" in c.value for c in at.caption)
    at.button(key="tr_play_btn").click().run()
    at.run()  # a plain rerun between two clicks of one button, or AppTest may miss the second
    rerun_until(at, lambda at: float(metrics(at)["B: Epoch"]) > 3)
    at.button(key="tr_play_btn").click().run()
    time.sleep(0.2)
    at.run()
    a, b = at.session_state["tr_bg"].trainers
    assert at.button(key="tr_play_btn").label == "Play"
    assert not at.session_state["tr_bg"].running and abs(a.epoch - b.epoch) <= 1
    same = a.history.merge(b.history, on="step")  # the evaluation points both reached
    assert len(same) >= 4 and (same["loss_x"] == same["loss_y"]).all()


def test_divergence_of_b_is_shown_for_b_only():
    at = run(ab="true", ds="plane", stop=50, b_act="sigmoid", b_layers=10, b_neurons=16,
             b_lr=10)
    at.button(key="tr_play_btn").click().run()
    rerun_until(at, lambda at: at.button(key="tr_play_btn").label == "Play")
    assert not at.exception
    errors = [e.value for e in at.error]
    assert any(e.startswith("B: Training diverged") for e in errors)
    assert not any(e.startswith("A: ") for e in errors)
    assert float(metrics(at)["A: Epoch"]) == 50 and any("stop rule" in s.value for s in at.success)


def test_b_with_batch_norm_and_batches_of_one_is_explained_and_a_still_trains():
    at = run(ab="true", bs=2, b_norm="batch", b_bs=1)
    assert any(e.value.startswith("B: ") and "at least 2" in e.value for e in at.error)
    at.button(key="tr_step_btn").click().run()
    assert not at.exception and epoch(at) == 1 and len(at.session_state["tr_bg"].trainers) == 1


def test_bad_b_link_values_are_reported():
    at = run(ab="true", b_layers=99, b_opt="<script>", b_lr="-1", b_bs="7")
    notes = " ".join(plain(w.value) for w in at.warning)
    assert "b_layers=99" in notes and "b_opt=<script>" in notes and "b_lr=-1" in notes
    assert "b_bs=7" in notes
    assert at.selectbox(key="b_layers").value == 10
    assert at.selectbox(key="b_opt").value == "= A"
    assert at.selectbox(key="b_bs").value == 5
    assert not at.exception


def test_without_b_the_page_is_unchanged_whatever_b_links_say():
    at = run()
    assert at.toggle(key="ab").value is False
    assert chart_data(run(b_act="relu", b_layers=5)) == chart_data(at)
    assert len(chart_data(at)) == 3 and not any(m.label.startswith("A") for m in at.metric)
    assert len(at.session_state["tr_bg"].trainers) == 1


def test_b_in_chinese():
    at = run(ab="true", b_act="relu", lang="zh")
    assert any("B 与 A 的不同之处：激活函数为 ReLU" in c.value for c in at.caption)
    assert any(m.label.startswith("B：") for m in at.metric)


# The PyTorch script download

def script_maker(monkeypatch) -> list:
    """Collects the deferred `data` callables the script buttons hand to Streamlit (AppTest has
    no runtime to call them through), newest last."""
    from ui import export_script
    made, real = [], export_script._button
    monkeypatch.setattr(export_script, "_button",
                        lambda T, make, *a, **k: (made.append(make), real(T, make, *a, **k))[1])
    return made


def test_script_download_trains_for_the_stop_rule_then_for_the_epochs_done(monkeypatch):
    made = script_maker(monkeypatch)
    at = run(stop=50, opt="adam")
    button = next(b for b in at.get("download_button") if b.key == "tr_script")
    assert button.label == "PyTorch script" and button.proto.icon == ":material/code:"
    assert button.proto.deferred_file_id and "standalone" in button.help
    src = made[-1]()
    assert "EPOCHS = 50\n" in src and "torch.optim.Adam(" in src
    compile(src, "training.py", "exec")
    at.button(key="tr_step_btn").click().run()
    assert "EPOCHS = 1\n" in made[-1]()


def test_script_download_in_chinese_and_off_for_batch_norm_with_batches_of_one():
    at = run(lang="zh")
    assert next(b for b in at.get("download_button") if b.key == "tr_script").label == "PyTorch 脚本"
    at = run(norm="batch", bs=1)
    assert next(b for b in at.get("download_button") if b.key == "tr_script").proto.disabled


@pytest.mark.parametrize("link, pace", [("0", 0), ("∞", 0), ("10", 10), ("12", 10), (None, 30)])
def test_the_speed_reaches_the_trainer_from_a_link(link, pace):
    at = run(**({} if link is None else {"speed": link}))
    assert not at.exception and at.session_state["tr_bg"].pace == pace
    assert at.select_slider(key="speed").value == pace


def test_the_gradient_heatmap_shows_epoch_means_or_single_minibatches():
    at = run()
    for _ in range(3):
        at.button(key="tr_step_btn").click().run()
    trend = chart_data(at)[2]
    at.toggle(key="tr_permb").set_value(True).run()
    assert not at.exception and chart_data(at)[2] != trend
    tr = at.session_state["tr_trainer"]
    assert len(tr.minibatch_grads()) == 3 * tr.per_epoch


def test_a_diverging_loss_is_drawn_on_a_log_axis_and_read_in_short_numbers():
    # The lr_diverge lesson's first Step: the loss goes from about 1 to 1.7e34. On a linear
    # axis that was two dots and no visible growth; the metric wrote 35 digits, the learning
    # rate 1.00e+00.
    at = run(lesson="lr_diverge")
    at.button(key="tr_step_btn").click().run()
    assert not at.exception
    m = metrics(at)
    assert m["Learning rate"] == "1"
    assert re.fullmatch(r"\d\.\d\de3\d", m["Training loss"]), m["Training loss"]
    loss = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert loss["encoding"]["y"]["scale"]["type"] == "log"
    assert loss["encoding"]["y"]["title"] == "loss (log)"
    values = [v for points in series(at, 0).values() for _, v in points]
    assert len(values) == 4 and max(values) / min(values) > 1e30


def test_a_loss_over_a_short_range_keeps_a_linear_axis():
    at = run()
    at.button(key="tr_step_btn").click().run()
    loss = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert loss["encoding"]["y"]["scale"].get("type") != "log"
    assert loss["encoding"]["y"]["title"] == "loss"


def test_a_run_diverged_after_its_first_row_shows_that_row_as_a_dot():
    at = run(ds="plane", act="sigmoid", layers=10, neurons=16, lr=10)
    at.button(key="tr_step_btn").click().run()
    assert any("diverged" in e.value for e in at.error)
    loss = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert loss["mark"]["point"]  # one finite row: a line of one point draws nothing


def test_a_chosen_schedule_is_drawn_over_the_runs_epochs():
    from playground import optim
    at = run(sched="step", stop=100)
    chart = next(c for c in at.get("vega_lite_chart")
                 if json.loads(c.proto.spec)["encoding"]["y"].get("title") == "rate ÷ chosen rate")
    rows = pa.ipc.open_stream(chart.proto.datasets[0].data.data).read_pandas()
    assert rows["step"].tolist() == list(range(100))  # titled "epoch"
    assert rows["value"].tolist() == optim.lr_curve("step", 1.0, 100).tolist()
    assert rows["value"].iloc[0] == 1 and rows["value"].iloc[-1] == 0.125  # halved 3 times
    assert not any(json.loads(c.proto.spec).get("encoding", {}).get("y", {}).get("title")
                   == "rate ÷ chosen rate" for c in run().get("vega_lite_chart"))  # constant: words only
