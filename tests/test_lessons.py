"""Lessons: each opens from its link or the picker, and shows what its answer claims."""
import math
import random
import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from playground import backprop, functions2d, nets, paths, train
from test_pages import chart_data, plain, run
from ui.experiments import EXPERIMENTS
from ui.controls import DEFAULTS, option_value
from ui.lessons import BY_KEY, LESSONS, of_page
from ui.train_controls import DEFAULT_NET
from ui.text import lessons as text


def opened(key: str, **extra) -> AppTest:
    lesson = BY_KEY[key]
    return run(lesson.page, **(lesson.link() | extra))  # extra: a setting changed afterwards


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def picker(at: AppTest):
    return next(b for b in at.get("button_group") if b.key == "lesson_pick")


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


# A random prior state: some of the page's controls moved to random values, then the lesson
# picked from the page's buttons. The lesson must set every control, so its claims still hold.

KINDS = ("slider", "select_slider", "selectbox", "multiselect", "toggle", "number_input")


def widget(at: AppTest, key: str):
    return next((w for kind in KINDS for w in getattr(at, kind) if w.key == key), None)


def as_value(w, label: str):
    """The option value whose label is `label` (a select slider shows spelled numbers)."""
    for read in (int, float, str):
        try:
            v = read(label)
        except ValueError:
            continue
        if w.format_func(v) == label:
            return v
    return label


def move(w, rng: random.Random) -> None:
    """Set a widget to a random value of its own (not its current one, where it has others)."""
    if w.type == "slider":
        n = round((w.max - w.min) / w.step)
        w.set_value(type(w.value)(w.min + rng.randint(0, n) * w.step))
    elif w.type == "select_slider":
        w.set_value(as_value(w, rng.choice(w.options)))
    elif w.type == "selectbox":
        w.select_index(rng.randrange(len(w.options)))
    elif w.type == "multiselect":
        w.set_value(rng.sample(list(w.options), rng.randint(1, min(3, len(w.options)))))
    elif w.type == "toggle":
        w.set_value(not w.value)
    else:  # a seed
        w.set_value(rng.randint(1, 9))


def picked(key: str, moves: int = 4) -> AppTest:
    """The lesson's page with `moves` random controls moved (one the lesson names among them),
    then the lesson picked."""
    lesson = BY_KEY[key]
    rng = random.Random(key)
    at = run(lesson.page)
    keys = sorted(at.session_state[DEFAULTS])
    named = [k for k, _ in lesson.settings if k in keys]
    chosen = rng.sample(named, 1) if named else []
    chosen += rng.sample([k for k in keys if k not in chosen], min(moves - len(chosen),
                                                                   len(keys) - len(chosen)))
    for k in chosen:
        if (w := widget(at, k)) is not None and not w.disabled:
            move(w, rng)
            at.run()
            assert not at.exception, [e.value for e in at.exception]
    picker(at).set_value(key).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture(params=["link", "picked"])
def open_lesson(request):
    """How a claim test opens its lesson: from its link, or picked after random moves."""
    return opened if request.param == "link" else picked


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
    button(at, text.EN["close"]).click().run()
    assert "lesson" not in at.query_params and at.session_state["init"] == "kaiming_normal"
    assert picker(at).value is None and not [e for e in at.expander if e.label == text.EN["reveal"]]


def test_picking_a_lesson_sets_every_other_control_to_the_default_it_has_there():
    at = run("pages/optimizer_paths.py")
    at.selectbox(key="fn").set_value("rosenbrock").run()
    at.slider(key="at").set_value(190).run()
    assert at.session_state["x0"] == -1.5 and at.session_state["at"] == 190
    picker(at).set_value("zigzag").run()
    quadratic = functions2d.function("quadratic", 100, 30)
    assert (at.session_state["x0"], at.session_state["y0"]) == pytest.approx(quadratic.start)
    assert at.slider(key="at").value == 500  # the last step, as the step count is 500
    assert dict(at.query_params) == {"lesson": "zigzag"} or "x0" not in at.query_params
    at = run("pages/optimizer_paths.py")
    picker(at).set_value("saddle").run()
    start = functions2d.FUNCTIONS["saddle"].start
    assert (at.session_state["x0"], at.session_state["y0"]) == pytest.approx(start)


def test_a_lesson_link_followed_later_resets_what_an_earlier_visit_left():
    at = run("pages/optimizer_paths.py", fn="rosenbrock", pmom="0.5")
    at.switch_page("pages/home.py").run()
    assert at.session_state["fn"] == "rosenbrock"  # kept for a return to the page
    at.query_params.clear()
    for k, v in BY_KEY["zigzag"].link().items():  # what the home page's lesson link opens
        at.query_params[k] = v
    at.switch_page("pages/optimizer_paths.py").run()
    assert at.session_state["fn"] == "quadratic" and at.session_state["kappa"] == 100
    assert at.session_state["pmom"] == 0.9  # not named by the lesson: its default
    assert reveal(at) is not None


def test_a_moved_control_hides_the_answer_until_the_lesson_is_set_up_again():
    at = opened("vanishing")
    assert reveal(at) is not None
    at.slider(key="depth").set_value(12).run()
    assert not [e for e in at.expander if e.label == text.EN["reveal"]]
    assert text.EN["changed"] in [m.value for m in at.markdown]
    assert text.EN["vanishing_ask"] not in " ".join(m.value for m in at.markdown)
    assert any(m.label.startswith("‖∂L") for m in at.metric)  # the verdict is back on the page
    assert picker(at).value == "vanishing"
    button(at, text.EN["back"]).click().run()
    assert at.session_state["depth"] == 10 and reveal(at) is not None
    assert text.EN["changed"] not in [m.value for m in at.markdown]


def test_a_control_moved_back_to_the_lesson_shows_the_answer_again():
    at = opened("vanishing")
    at.selectbox(key="act").set_value("tanh").run()
    assert text.EN["changed"] in [m.value for m in at.markdown]
    at.selectbox(key="act").set_value("sigmoid").run()
    assert reveal(at) is not None and text.EN["changed"] not in [m.value for m in at.markdown]


def test_a_view_control_leaves_the_answer_shown():
    at = opened("zigzag")
    at.slider(key="at").set_value(100).run()
    assert reveal(at) is not None and text.EN["changed"] not in [m.value for m in at.markdown]


def test_clicking_the_open_lesson_again_sets_it_up_again():
    at = opened("zigzag")
    at.select_slider(key="kappa").set_value(10).run()
    assert text.EN["changed"] in [m.value for m in at.markdown]
    picker(at).set_value(None).run()  # what a click on the highlighted button sends
    assert picker(at).value == "zigzag" and at.session_state["kappa"] == 100
    assert reveal(at) is not None and at.query_params["lesson"] in ("zigzag", ["zigzag"])


def test_a_link_that_changes_a_setting_says_so():
    at = opened("vanishing", width=16)  # a teacher changed the width, then shared
    assert at.session_state["width"] == 16
    assert text.EN["changed"] in [m.value for m in at.markdown]


def test_an_unknown_lesson_is_reported():
    at = run("pages/gradient_flow.py", lesson="<b>nope</b>")
    assert any("<b>nope</b>" in plain(w.value) for w in at.warning) and not at.exception
    at = run("pages/gradient_flow.py", lesson="saddle")  # a lesson of another page
    assert any("saddle" in w.value for w in at.warning)


def test_every_page_with_lessons_offers_exactly_its_own():
    for page in {l.page for l in LESSONS}:
        at = run(page)
        assert picker(at).options == [text.EN[l.key] for l in of_page(page)]


# What each answer claims, measured on the page the lesson opens.

def test_three_sigmoid_layers_give_layer_one_under_a_fiftieth(open_lesson):
    at = open_lesson("bp_vanish")
    assert float(metric(at, "‖∂C/∂W¹‖ / ‖∂C/∂W at the output‖")) < 1 / 50 / 2  # a margin of 2


def test_squared_error_on_a_confident_mistake_gives_a_tiny_delta(open_lesson):
    at = open_lesson("bp_confident")
    assert 0.0005 < float(metric(at, "output a")) < 0.002  # "0.001 for a target of 1"
    delta = float(metric(at, "δ at the output"))
    assert -0.004 < delta < -0.001  # "about −0.002"
    settings = dict(BY_KEY["bp_confident"].settings)
    cfg = nets.NetConfig(depth=2, width=3, activation=settings["bp_act"],
                         init_scale=settings["bp_scale"], seed=settings["bp_seed"])
    ce = backprop.walk(cfg, (0.5, -1.0), 1.0, "sigmoid_ce").delta[-1][0]
    assert ce < -0.95 and ce / delta > 200  # "≈ −1, hundreds of times larger"


def test_a_silent_relu_layer_passes_nothing_back(open_lesson):
    at = open_lesson("bp_dead")
    assert metric(at, "‖∂C/∂W¹‖ / ‖∂C/∂W at the output‖") == "0 / 0"
    table = at.dataframe[0].value
    for row in table.itertuples(index=False):
        if row[0] != "output":
            assert set(row[1].split(", ")) == {"0"} and set(row[3].split(", ")) == {"0"}
        else:
            assert set(row[3].split(", ")) == {"0"}  # the output's weights: a = 0 feeds them


def test_vanishing_layer_one_gets_less_than_a_thousandth(open_lesson):
    assert float(metric(open_lesson("vanishing"), "‖∂L/∂W₁‖ / ‖∂L/∂W_last‖")) < 1e-3


def test_relu_with_glorot_collapses_and_with_he_stays_steady(open_lesson):
    at, at_he = open_lesson("relu_xavier"), open_lesson("relu_he")
    xavier, he = at.dataframe[0].value, at_he.dataframe[0].value
    std = xavier["act_std"].to_numpy()
    assert std[-1] / std[0] < 1e-4  # about five orders of magnitude
    assert 0.1 < he["act_std"].iloc[-1] / he["act_std"].iloc[0] < 10  # the same order
    # "about 10⁻⁶ in every layer, too small to learn from": a tenth of the page's floor
    assert xavier["grad_norm"].max() < 1e-5 and xavier["grad_norm"].min() > 1e-7
    assert he["grad_norm"].min() > 1e-2
    verdict = " ".join(w.value for w in reveal(at).warning)
    assert "tiny in itself" in verdict and "usable size" not in verdict
    assert "usable size" in reveal(at_he).success[0].value


def test_zero_init_gives_zero_gradients_and_copied_units(open_lesson):
    at = open_lesson("zero_init")
    assert any("exactly 0" in e.value for e in at.error)
    assert any("5 of 5 layers" in i.value for i in at.info)


def shown_table(at) -> pd.DataFrame:
    """Optimizer paths' table, indexed by the engine's names (it shows the labels)."""
    return at.dataframe[0].value.set_index("optimizer").rename(index=option_value)


def test_zigzag_momentum_arrives_and_sgd_crawls(open_lesson):
    table = shown_table(open_lesson("zigzag"))
    assert table.loc["momentum", "reached"] < 200
    assert math.isnan(table.loc["sgd", "reached"]) and table.loc["sgd", "distance"] > 1e-3


def test_preconditioned_sgd_arrives_in_one_step(open_lesson):
    table = shown_table(open_lesson("precondition"))
    assert table.loc["sgd", "reached"] == 1


def test_saddle_sgd_passes_close_and_adam_turns_away(open_lesson):
    at = open_lesson("saddle")
    settings = dict(BY_KEY["saddle"].settings)
    f = functions2d.FUNCTIONS["saddle"]
    assert (at.session_state["x0"], at.session_state["y0"]) == pytest.approx(f.start)
    c = paths.compare(paths.Setup(function="saddle", optimizers=tuple(settings["opts"]),
                                  lr=settings["plr"], steps=settings["psteps"], start=f.start))
    closest = {name: np.hypot(g["x"], g["y"]).min() for name, g in c.frame.groupby("optimizer")}
    assert closest["sgd"] < 0.25 and closest["adam"] > 1.0


def test_at_rate_3_every_decaying_schedule_ends_below_the_constant_rate(open_lesson):
    at = open_lesson("decay_wins")
    verdict = next(i.value for i in at.info if i.value.startswith("After 50 epochs"))
    best, low, constant = re.search(r"is (.+)'s, (\S+); a constant rate ends at (\S+)\.",
                                    verdict).groups()
    assert best == "Exponential" and float(low) < float(constant) / 3 * 0.9  # a tenth to spare
    race = train.schedule_race(DEFAULT_NET, train.TrainConfig(lr=3.0), 50)
    end = race.groupby("schedule").tail(1).set_index("schedule")["loss"]
    assert end["exponential"] == pytest.approx(float(low), rel=1e-2)  # "about 0.04"
    for name in ("step", "exponential", "cosine", "warmup_cosine"):
        assert end[name] < end["constant"] / 1.5  # "every schedule that lowers the rate"


def test_softmax_overflow_naive_is_infinite_and_the_stable_form_finite(open_lesson):
    at = open_lesson("softmax_overflow")
    assert metric(at, "log Σ exp(x), as written") == "∞"
    assert math.isfinite(float(metric(at, "log-sum-exp, max subtracted")))


def test_cross_entropy_pushes_a_thousand_times_harder(open_lesson):
    at = open_lesson("ce_vs_mse")
    ce = float(metric(at, "∂ cross-entropy / ∂z"))
    mse = float(metric(at, "∂ squared error / ∂z"))
    assert ce < 0 and mse < 0 and ce / mse > 1000


def test_dead_relu_at_one_rate_plain_relu_loses_most_leaky_none_and_elu_some(open_lesson):
    verdict = next(i.value for i in open_lesson("dead_relu").info if "plain ReLU lost" in i.value)
    rate, relu, leaky, elu = re.search(
        r"At learning rate (\S+), the largest at which all three trained without diverging, "
        r"plain ReLU lost (\d+)% of its hidden units, leaky ReLU (\d+)% and ELU (\d+)%",
        verdict).groups()
    assert rate == "3"  # the same rate for all three: none diverged there
    assert int(relu) > 60 and int(leaky) == 0 and int(elu) > 20 and "saturation" in verdict


# The lessons of the other pages. Numbers are read from the page the lesson opens; an
# override in the link (a teacher changing one setting) gives the comparison an answer names.

def metrics(at: AppTest) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for m in at.metric:
        out.setdefault(m.label, []).append(m.value)
    return out


def value(shown: str) -> float:
    return float(shown.replace(",", "").rstrip(" %"))


def reveal(at: AppTest):
    return next(e for e in at.expander if e.label == text.EN["reveal"])


def steps(at: AppTest, n: int) -> AppTest:
    for _ in range(n):
        at.button(key="tr_step_btn").click().run()
    assert not at.exception
    return at


def chart_frame(at: AppTest, i: int, name: str) -> pd.DataFrame:
    chart = (at.get("arrow_vega_lite_chart") + at.get("vega_lite_chart"))[i]
    data = next(d for d in chart.proto.datasets if d.name == name).data.data
    return pa.ipc.open_stream(data).read_pandas()


def test_an_open_lesson_keeps_the_verdict_behind_the_reveal():
    at = opened("vanishing")
    inside = reveal(at)
    assert [m.label for m in inside.metric] == ["‖∂L/∂W₁‖ / ‖∂L/∂W_last‖"]
    assert "vanishing" in inside.warning[0].value
    assert len([m for m in at.metric if m.label.startswith("‖∂L")]) == 1  # nowhere else
    assert "Parameters" in [m.label for m in reveal(opened("stem")).metric]


def test_the_picker_reaches_the_controls_inside_the_normalization_sections():
    at = run("pages/normalization.py", nm_k=0, nm_lr=0.03)
    picker(at).set_value("bn_batch2").run()
    assert at.session_state["nm_b"] == 2 and at.select_slider(key="nm_b").value == 2
    assert at.session_state["nm_k"] == 50 and at.session_state["nm_lr"] == 0.3  # defaults
    assert "sd of the batch mean (B = 2)" in metrics(at)


def test_xor_a_single_unit_stalls_and_the_product_feature_solves_it(open_lesson):
    def accuracy(at):
        assert metrics(at)["Epoch"][0] == "5.0"
        return value(metrics(at)["Test accuracy"][0])
    assert 60 < accuracy(steps(open_lesson("xor_line"), 5)) < 75  # about two thirds
    assert accuracy(steps(open_lesson("xor_product"), 5)) > 90


def test_learning_rate_one_diverges_within_two_epochs_and_a_third_of_it_trains(open_lesson):
    at = steps(open_lesson("lr_diverge"), 2)
    assert any("diverged" in e.value for e in at.error)
    assert metrics(at)["Training loss"][0] == "∞"
    calm = steps(opened("lr_diverge", lr=0.3), 2)
    assert not calm.error and math.isfinite(value(metrics(calm)["Training loss"][0]))


def test_skips_the_plain_deep_map_climbs_over_five_times_higher(open_lesson):
    at = open_lesson("skips")
    tops = [float(c.value.split("up to ")[1].split(" on the map")[0]) for c in at.caption
            if c.value.startswith("Loss ") and "on the map" in c.value]
    assert len(tops) == 2 and tops[0] > 5 * tops[1]  # without, with skip connections
    minima = [int(m.value) for m in at.metric if m.label == "local minima on the grid"]
    assert len(minima) == 2 and 2.2 * minima[1] < minima[0] < 4.5 * minima[1]  # "about three"


def test_plateau_cross_entropy_is_about_a_hundred_times_steeper(open_lesson):
    ce, mse = map(value, metrics(open_lesson("plateau"))["Gradient size ‖∇L‖ at the cross"])
    assert 50 < ce / mse < 200


def test_two_3x3_see_five_pixels_for_fewer_parameters_than_one_5x5(open_lesson):
    two, one = metrics(open_lesson("two_3x3")), metrics(opened("two_3x3", cnn="c5p2o64"))
    assert two["Receptive field"] == one["Receptive field"] == ["5"]
    assert two["Parameters"] == ["73,856"] and one["Parameters"] == ["102,464"]


def exact_macs(at: AppTest) -> float:
    """The multiply-adds in full, from the metric's help (the metric shows them as "462 M")."""
    shown = next(m for m in at.metric if m.label == "Multiply-adds (MACs)")
    return value(re.search(r"\d[\d,]*", shown.proto.help).group())


def test_a_1x1_bottleneck_saves_over_three_times_the_parameters_and_macs(open_lesson):
    small_at, big_at = open_lesson("bottleneck"), opened("bottleneck", cnn="c3p1o256")
    small, big = metrics(small_at), metrics(big_at)
    assert small["Parameters"] == ["164,160"] and big["Parameters"] == ["590,080"]
    params = value(big["Parameters"][0]) / value(small["Parameters"][0])
    macs = exact_macs(big_at) / exact_macs(small_at)
    assert params > 3 and macs == pytest.approx(params, rel=0.01)
    assert big["Multiply-adds (MACs)"] == ["462 M"]


def test_the_resnet_stem_gives_56_pixels_that_see_11(open_lesson):
    at = open_lesson("stem")
    shown = metrics(at)
    assert shown["Output H × W × C"] == ["56 × 56 × 64"] and shown["Receptive field"] == ["11"]
    assert [int(h) for h in at.dataframe[0].value["H"]] == [224, 112, 56]


def test_inception_without_reductions_has_about_2_4_times_the_parameters(open_lesson):
    at = open_lesson("inception_reduce")
    with_, without = (int(metric(at, label).replace(",", "")) for label in
                      ("Parameters, with reductions", "Parameters, without"))
    assert (with_, without) == (163_696, 393_472) and 2.2 < without / with_ < 2.6
    verdict = next(i.value for i in at.info if "1×1 reductions cut" in i.value)
    assert "2.4× and the multiply-adds 2.41×" in verdict and "128" in verdict and "308" in verdict


def test_an_se_block_adds_about_one_percent_of_parameters_and_almost_no_macs(open_lesson):
    at = open_lesson("se_overhead")
    se = int(metric(at, "SE parameters").replace(",", ""))
    conv = int(metric(at, "3×3 conv parameters").replace(",", ""))
    assert (se, conv) == (8_464, 590_080) and 0.012 < se / conv < 0.017  # "about 1.4 %"
    verdict = next(i.value for i in at.info if "The SE block adds" in i.value)
    share = float(re.search(r"and (\S+)% to its multiply-adds", verdict).group(1))
    assert share < 0.001 / 2  # "under 0.001 %", with a margin of 2


def test_batch_statistics_hold_the_bias_and_running_averages_let_it_drift(open_lesson):
    at = open_lesson("bn_running_drift")
    batch, running = (float(m.value) for m in at.metric if m.label.startswith("largest |b|"))
    assert batch < 1e-5 and running > 1  # "below 1e-5", "past 1 within 300 steps"


def test_a_resample_holds_about_63_percent_of_the_points(open_lesson):
    share = float(metric(open_lesson("bootstrap_share"), "distinct points per sample")[:-1])
    assert 55 < share < 72  # the ten resamples' mean; the expectation is 63.5 %


def test_turned_moons_lose_more_than_ten_points_of_test_accuracy(open_lesson):
    at = open_lesson("augment_moons")
    text = next(w.value for w in at.warning if w.value.startswith("Test accuracy falls"))
    before, after = map(float, re.search(r"falls from (\S+)% to (\S+)%", text).groups())
    assert before - after > 10 * 1.5  # "more than ten points", with a margin


def test_maxout_fits_the_absolute_value_with_two_pieces_exactly(open_lesson):
    at = open_lesson("maxout_abs")
    assert metric(at, "pieces in use (the largest somewhere)") == "2 of 8"
    assert metric(at, "RMS error, k = 8") == "0"


def test_gradient_noise_falls_as_one_over_b_and_vanishes_at_the_whole_set(open_lesson):
    at = open_lesson("noise_b")
    measured = chart_frame(at, 0, "point").set_index("x")["y"]
    assert 6 < measured[1] / measured[8] < 11                # about eightfold
    assert 3 < math.sqrt(measured[1] / measured[16]) < 5.5   # 16 x the batch, 1/4 the error
    with_replacement = chart_frame(at, 0, "dash").set_index("x")["y"]
    assert 128 in with_replacement.index and 128 not in measured.index  # 0: off the log axis


def test_linear_scaling_brings_the_large_batch_as_close_to_the_minimum(open_lesson):
    def distances(at):
        return [value(d) for d in at.dataframe[1].value["distance to minimum"]]
    at = open_lesson("linear_scaling")
    assert list(at.dataframe[1].value["run"]) == ["B = 8, lr 0.5", "B = 64, lr 4"]
    assert all(d < 0.2 for d in distances(at))
    small, large = distances(opened("linear_scaling", bs_lin="false"))
    assert small < 0.2 and large > 1


def test_bn_batch_two_moves_an_example_near_one_sd_and_layer_norm_not_at_all(open_lesson):
    at = open_lesson("bn_batch2")
    two = value(metrics(at)["sd of the example's BN output (B = 2)"][0])
    wide = value(metrics(opened("bn_batch2", nm_b=64))["sd of the example's BN output (B = 64)"][0])
    assert 0.8 < two < 1.2 and two > 5 * wide
    grids = [chart_frame(at, i, "grid0") for i, c in enumerate(
        at.get("arrow_vega_lite_chart") + at.get("vega_lite_chart"))
        if any(d.name == "grid0" for d in c.proto.datasets)]
    assert set(grids[1]["v"].abs()) == {1.0}  # input, batch norm, layer norm, group norm
    note = next(c.value for c in at.caption if "companions never matter" in c.value)
    ln, gn = (float(x) for x in note.split("measured spread ")[1].split(",")[0].split(" and "))
    assert ln < 1e-12 and gn < 1e-12


def test_bn_trains_at_learning_rate_one_and_its_best_rate_is_higher(open_lesson):
    at = open_lesson("bn_lr")
    plain, bn = map(value, metrics(at)["training loss at epoch 20"])
    assert bn < 0.4 * plain and 0.5 < plain < math.log(2) + 0.05  # "less than half", "above 0.45"
    verdict = next(i.value for i in at.info if i.value.startswith("Lowest final loss"))
    number = r"(\d+(?:\.\d+)?)"
    l0, lr0, l1, lr1 = map(float, re.search(
        rf"norm: {number} at learning rate {number};.* norm: {number} at learning rate {number}",
        verdict).groups())
    assert lr1 > lr0 and l1 < l0


def test_l1_zeroes_over_half_the_weights_and_l2_almost_none(open_lesson):
    shown = metrics(open_lesson("l1_sparse"))
    assert value(shown["L1: zero weights"][0]) > 50
    assert value(shown["L2: zero weights"][0]) < 2
    assert value(shown["no penalty: zero weights"][0]) < 2


def test_inverted_dropout_keeps_the_mean_and_eval_passes_the_input(open_lesson):
    at = open_lesson("dropout_scale")
    shown = {k.split(" (")[0]: v[0] for k, v in metrics(at).items()}
    assert shown["survivor scale"] == "2.0000" and abs(value(shown["kept share"]) - 0.5) < 0.02
    se = float(next(c.value for c in at.caption if "standard error" in c.value)
               .split("is ")[-1].rstrip("."))
    mean_in = value(shown["mean of the inputs"])
    assert abs(value(shown["mean after dropout, train mode"]) - mean_in) < 3 * se
    assert shown["mean, eval mode"] == shown["mean of the inputs"]


def test_early_stopping_picks_a_step_before_half_way_and_the_test_loss_climbs_after(open_lesson):
    at = open_lesson("early_stop")
    assert int(metrics(at)["best step (early stopping)"][0]) < 100
    verdict = next(i.value for i in at.info if i.value.startswith("Early stopping keeps"))
    best, train0, train1, final = (float(x) for x in re.findall(
        r"test loss (\d\.\d+).*from (\d\.\d+) to (\d\.\d+).*climbs to (\d\.\d+)", verdict)[0])
    assert train1 < train0 and final > best


def test_rnn_loses_the_gradient_over_50_steps_and_the_lstm_keeps_it(open_lesson):
    shown = metrics(open_lesson("rnn_vanish"))
    rnn, lstm = (value(shown[f"{c}: first ÷ last input"][0]) for c in ("RNN (tanh)", "LSTM"))
    assert rnn < 1e-4 and lstm > 1e-2 and lstm / rnn > 1000


def test_a_closed_forget_gate_makes_the_lstm_lose_it_too(open_lesson):
    shown = metrics(open_lesson("forget_bias"))
    rnn, lstm = (value(shown[f"{c}: first ÷ last input"][0]) for c in ("RNN (tanh)", "LSTM"))
    assert lstm < 1e-30 and lstm < rnn


def test_clipping_cuts_the_exploded_norm_to_the_threshold_and_keeps_the_direction(open_lesson):
    shown = metrics(open_lesson("rnn_clip"))
    assert value(shown["‖∂L/∂θ‖ at ρ = 2.5"][0]) > 1e5
    assert shown["after clipping"] == ["10"] and shown["cosine (direction kept)"] == ["1.000000"]
