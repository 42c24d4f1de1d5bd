"""The Optimizer paths page through AppTest: widgets change the paths, links reopen them, bad links are reported."""
import re

import pytest
from streamlit.testing.v1 import AppTest

from test_pages import chart_data, plain, texts, run as run_app

PAGE = "pages/optimizer_paths.py"


def run(**params) -> AppTest:
    return run_app(PAGE, **params)


@pytest.mark.parametrize("widget,key,value", [
    ("select_slider", "plr", 0.01), ("select_slider", "kappa", 100), ("slider", "angle", 60),
    ("select_slider", "pmom", 0.5), ("select_slider", "psteps", 50), ("slider", "x0", 1.0),
    ("selectbox", "psched", "cosine"), ("select_slider", "pnoise", 3.0),
    ("toggle", "pre", True), ("toggle", "logc", False), ("multiselect", "opts", ["nadam"]),
    ("select_slider", "sr_lr", 1.0), ("select_slider", "sr_ep", 25),
])
def test_every_control_changes_the_charts(widget, key, value):
    at = run()
    before = chart_data(at)
    getattr(at, widget)(key=key).set_value(value).run()
    assert not at.exception and chart_data(at) != before


def test_a_new_function_starts_from_its_own_start_point():
    at = run()
    at.selectbox(key="fn").set_value("rosenbrock").run()
    assert not at.exception
    assert (at.slider(key="x0").value, at.slider(key="y0").value) == (-1.5, 2.5)
    fn = at.selectbox(key="fn")
    assert fn.options[fn.index] == "Rosenbrock"  # the select box names it: no caption repeats it
    assert not any(c.value == "Rosenbrock" for c in at.sidebar.caption)
    assert "kappa" not in [s.key for s in at.select_slider]  # quadratic only


def test_shape_start_learning_rate_and_step_sit_above_the_map_in_its_fragment():
    at = run()
    assert {"x0", "y0", "at", "angle"}.isdisjoint(s.key for s in at.sidebar.slider)
    assert {"x0", "y0", "at", "angle"} <= {s.key for s in at.main.slider}
    assert {"plr", "kappa"}.isdisjoint(s.key for s in at.sidebar.select_slider)
    assert {"plr", "kappa"} <= {s.key for s in at.main.select_slider}
    assert "pre" not in {t.key for t in at.sidebar.toggle}
    assert "pre" in {t.key for t in at.main.toggle}


def test_divergence_is_an_outcome_on_the_page():
    at = run(plr=1, opts=["sgd", "adam"])
    assert any("**SGD** diverged at step" in e.value for e in at.error)
    assert not any("Adam" in e.value for e in at.error)


def test_scrubbing_moves_the_inspected_point():
    at = run()
    assert "Step 200 of SGD" in texts(at)
    # near the minimum, four decimals read (-0.0000, 0.0001): significant digits instead
    where = next(t for t in texts(at).split("\n") if "Step 200 of SGD" in t)
    assert re.search(r"\(-\d\.\d{3}e-5, \d\.\d{3}e-5\)", where), where
    at.slider(key="at").set_value(0).run()
    assert "The start point: (-2.5, 1.5)" in texts(at)
    at.slider(key="at").set_value(5).run()
    at.selectbox(key="insp").set_value("adam").run()
    assert not at.exception and "Step 5 of Adam" in texts(at)


def test_the_saddle_is_named_and_has_no_distance_chart():
    at = run(fn="saddle", at=0, x0=0, y0=0)
    assert any("**saddle**" in w.value for w in at.warning)
    assert any("no minimum" in i.value for i in at.info)
    charts = [c.proto.spec for c in at.get("vega_lite_chart")]
    assert len(charts) == 4  # map and loss, no distance; the schedules' two
    assert not any('"title": "distance' in c for c in charts)


def test_preconditioning_reaches_the_minimum_in_a_few_steps():
    at = run(kappa=100, plr=0.01, opts="sgd", psteps=1000)
    plain = next(s.value for s in at.success if "**SGD**" in s.value)
    at.toggle(key="pre").set_value(True).run()
    pre = next(s.value for s in at.success if "**SGD**" in s.value)
    assert int(plain.split("step ")[1].rstrip(".")) > 500
    assert pre.endswith("at step 1.")
    assert any("circles" in i.value for i in at.info)


def test_no_optimizer_is_a_notice_not_an_error():
    at = run()
    at.multiselect(key="opts").set_value([]).run()
    assert not at.exception
    assert any("at least one optimizer" in i.value for i in at.info)


def test_link_reopens_the_experiment():
    at = run(fn="himmelblau", opts=["adam", "nesterov"], plr=0.002, pmom=0.95, pb2=0.99,
             psched="warmup_cosine", psteps=500, x0=1.25, y0=-3.5, pnoise=1, pbs=64, pseed=4,
             logc="false", lang="zh")
    assert at.title[0].value == "优化器轨迹"
    assert at.selectbox(key="fn").value == "himmelblau"
    assert at.multiselect(key="opts").value == ["adam", "nesterov"]
    assert at.select_slider(key="plr").value == 0.002
    assert (at.slider(key="x0").value, at.slider(key="y0").value) == (1.25, -3.5)
    assert at.select_slider(key="pbs").value == 64 and at.number_input(key="pseed").value == 4
    assert at.toggle(key="logc").value is False
    assert not at.warning or all("=" not in w.value for w in at.warning)


def test_bad_link_values_are_reported_not_raised():
    at = run(fn="sphere", plr=7, x0=99, y0="abc", opts=["lbfgs", "adam"], kappa=-1,
             psched="<i>", at=5000)
    notes = " ".join(plain(w.value) for w in at.warning)
    for part in ("fn=sphere", "plr=7", "using 2", "x0=99", "using 3", "y0=abc", "lbfgs",
                 "kappa=-1", "psched=<i>"):
        assert part in notes, part
    assert at.selectbox(key="fn").value == "quadratic"
    assert at.slider(key="x0").value == 3.0
    assert at.multiselect(key="opts").value == ["adam"]
    assert at.slider(key="at").value == 200


def test_a_bad_inspected_path_is_reported_once():
    at = run(insp="lbfgs")
    assert sum("insp=lbfgs" in w.value for w in at.warning) == 1
    assert at.selectbox(key="insp").value == "sgd"


def sidebar_charts(at: AppTest) -> list:
    return at.sidebar.get("arrow_vega_lite_chart") + at.sidebar.get("vega_lite_chart")


def test_a_schedule_shows_its_shape_from_the_real_scheduler():
    import numpy as np
    import pyarrow as pa
    from playground import optim
    at = run(psched="step", psteps=100)
    assert not at.exception and len(sidebar_charts(at)) == 1
    (data,) = sidebar_charts(at)[0].proto.datasets
    got = pa.ipc.open_stream(data.data.data).read_all().to_pandas()
    np.testing.assert_allclose(got.sort_values("step")["value"], optim.lr_curve("step", 1.0, 100))
    assert not sidebar_charts(run())  # a constant rate: nothing to draw


def test_every_schedule_trains_the_network_and_the_verdict_reads_the_engines_numbers():
    from playground import nets, optim, train
    from ui.text import options
    at = run(sr_lr=1.0, sr_ep=25)
    race = train.schedule_race(nets.NetConfig(depth=2, width=4), train.TrainConfig(lr=1.0), 25)
    end = race.groupby("schedule", sort=False).tail(1).set_index("schedule")["loss"]
    best = end.idxmin()
    verdict = next(i.value for i in at.info if "lowest training loss" in i.value)
    assert f"{options.EN[best]}'s, {end[best]:.3g}" in verdict
    assert f"constant rate ends at {end['constant']:.3g}" in verdict
    loss_chart = [c for c in at.get("vega_lite_chart") if "training loss" in c.proto.spec]
    assert len(loss_chart) == 1 and all(options.EN[n] in loss_chart[0].proto.spec
                                        for n in optim.SCHEDULES)


def test_a_diverged_schedule_is_named_and_left_out_of_the_verdict(monkeypatch):
    import numpy as np
    import streamlit as st
    from playground import train
    real = train.schedule_race

    def diverging(net, cfg, epochs):
        race = real(net, cfg, epochs)
        last = race.index[race["schedule"] == "constant"][-1]
        return race.assign(loss=np.where(race.index == last, np.nan, race["loss"]))

    monkeypatch.setattr(train, "schedule_race", diverging)
    st.cache_data.clear()  # the page's cache would otherwise hold the real race
    try:
        at = run(sr_lr=0.03, sr_ep=25)
        assert any("Diverged" in e.value and "Constant" in e.value for e in at.error)
        verdict = next(i.value for i in at.info if "lowest training loss" in i.value)
        assert verdict.endswith("a constant rate diverged.")
    finally:
        st.cache_data.clear()
