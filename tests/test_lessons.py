"""Lessons: each opens from its link or the picker, and shows what its answer claims."""
import math

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from playground import functions2d, paths
from test_pages import chart_data, run
from ui.experiments import EXPERIMENTS
from ui.lessons import BY_KEY, LESSONS, of_page
from ui.text import lessons as text


def opened(key: str, **extra) -> AppTest:
    lesson = BY_KEY[key]
    return run(lesson.page, **lesson.link(), **extra)


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def picker(at: AppTest):
    return next(b for b in at.get("button_group") if b.key == "lesson_pick")


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda l: l.key)
def test_each_lesson_link_sets_its_page_up_without_a_complaint(lesson):
    at = opened(lesson.key)
    complaints = [w.value for w in at.warning if w.icon in (":material/link_off:",)]
    assert not complaints, complaints
    for k, v in lesson.settings:
        assert at.session_state[k] == v, k
    assert picker(at).value == lesson.key
    assert text.EN[lesson.key + "_ask"] in " ".join(m.value for m in at.markdown)


def test_every_lesson_belongs_to_a_registered_page_with_texts_in_both_languages():
    pages = {e.file for e in EXPERIMENTS}
    for lesson in LESSONS:
        assert lesson.page in pages
        for suffix in ("", "_ask", "_answer"):
            assert lesson.key + suffix in text.EN and lesson.key + suffix in text.ZH


def test_a_bare_lesson_link_gives_the_same_page_as_the_full_one():
    lesson = BY_KEY["vanishing"]
    assert chart_data(run(lesson.page, lesson="vanishing")) == chart_data(opened("vanishing"))


def test_the_picker_resets_other_controls_and_a_changed_setting_survives_a_shared_link():
    at = run("pages/gradient_flow.py", width=512, batch=16)
    picker(at).set_value("vanishing").run()
    assert at.session_state["width"] == 64 and at.session_state["batch"] == 256  # defaults
    assert at.session_state["act"] == "sigmoid" and at.query_params["lesson"] in ("vanishing", ["vanishing"])
    shared = opened("vanishing", width=16)  # a teacher changed the width, then shared
    assert shared.session_state["width"] == 16 and shared.session_state["act"] == "sigmoid"


def test_closing_the_lesson_keeps_the_settings():
    at = opened("relu_he")
    picker(at).set_value(None).run()
    assert "lesson" not in at.query_params and at.session_state["init"] == "kaiming_normal"


def test_an_unknown_lesson_is_reported():
    at = run("pages/gradient_flow.py", lesson="<b>nope</b>")
    assert any("<b>nope</b>" in w.value for w in at.warning) and not at.exception
    at = run("pages/gradient_flow.py", lesson="saddle")  # a lesson of another page
    assert any("saddle" in w.value for w in at.warning)


def test_every_page_with_lessons_offers_exactly_its_own():
    for page in {l.page for l in LESSONS}:
        at = run(page)
        assert picker(at).options == [text.EN[l.key] for l in of_page(page)]


# What each answer claims, measured on the page the lesson opens.

def test_vanishing_layer_one_gets_less_than_a_thousandth():
    assert float(metric(opened("vanishing"), "‖∂L/∂W₁‖ / ‖∂L/∂W_last‖")) < 1e-3


def test_relu_with_glorot_collapses_and_with_he_stays_steady():
    xavier = opened("relu_xavier").dataframe[0].value["act_std"].to_numpy()
    he = opened("relu_he").dataframe[0].value["act_std"].to_numpy()
    assert xavier[-1] / xavier[0] < 1e-4  # about five orders of magnitude
    assert 0.1 < he[-1] / he[0] < 10      # the same order


def test_zero_init_gives_zero_gradients_and_copied_units():
    at = opened("zero_init")
    assert any("exactly 0" in e.value for e in at.error)
    assert any("5 of 5 layers" in i.value for i in at.info)


def test_zigzag_momentum_arrives_and_sgd_crawls():
    table = opened("zigzag").dataframe[0].value.set_index("optimizer")
    assert table.loc["momentum", "reached"] < 200
    assert math.isnan(table.loc["sgd", "reached"]) and table.loc["sgd", "distance"] > 1e-3


def test_preconditioned_sgd_arrives_in_one_step():
    table = opened("precondition").dataframe[0].value.set_index("optimizer")
    assert table.loc["sgd", "reached"] == 1


def test_saddle_sgd_passes_close_and_adam_turns_away():
    at = opened("saddle")
    settings = dict(BY_KEY["saddle"].settings)
    f = functions2d.FUNCTIONS["saddle"]
    assert (at.session_state["x0"], at.session_state["y0"]) == pytest.approx(f.start)
    c = paths.compare(paths.Setup(function="saddle", optimizers=tuple(settings["opts"]),
                                  lr=settings["plr"], steps=settings["psteps"], start=f.start))
    closest = {name: np.hypot(g["x"], g["y"]).min() for name, g in c.frame.groupby("optimizer")}
    assert closest["sgd"] < 0.25 and closest["adam"] > 1.0


def test_softmax_overflow_naive_is_infinite_and_the_stable_form_finite():
    at = opened("softmax_overflow")
    assert metric(at, "log Σ exp(x), as written") == "∞"
    assert math.isfinite(float(metric(at, "log-sum-exp, max subtracted")))


def test_cross_entropy_pushes_a_thousand_times_harder():
    at = opened("ce_vs_mse")
    ce = float(metric(at, "∂ cross-entropy / ∂z"))
    mse = float(metric(at, "∂ squared error / ∂z"))
    assert ce < 0 and mse < 0 and ce / mse > 1000


def test_dead_relu_plain_relu_loses_most_and_leaky_none():
    verdict = next(i.value for i in opened("dead_relu").info if "plain ReLU lost" in i.value)
    relu = int(verdict.split("plain ReLU lost ")[1].split("%")[0])
    assert relu > 50 and "leaky ReLU 0%" in verdict and "saturation" in verdict
