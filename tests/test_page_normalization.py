"""The Normalization page through app.py: the sliders, divergence, bad links."""
from playground import norms
from test_pages import chart_data, run, texts
from ui import number

NM = "pages/normalization.py"


def metrics(at) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for m in at.metric:
        out.setdefault(m.label, []).append(m.value)
    return out


def test_the_first_slider_is_the_epoch_and_changes_the_layer_charts():
    at = run(NM)
    assert not at.sidebar.slider and at.slider[0].key == "nm_ep"  # each section has its own
    before = chart_data(at)
    at.slider(key="nm_ep").set_value(3).run()
    after = chart_data(at)
    # first the loss per epoch with the chosen epoch marked, then each layer's outputs there
    assert after[0] != before[0] and after[1] != before[1]
    assert after[5] == before[5]  # the sweep is not retrained
    assert "training loss at epoch 3" in metrics(at)


def test_batch_size_moves_the_metrics_to_the_engine_values():
    at = run(NM, nm_b=2)
    table = norms.batch_noise(norms.population(seed=0), groups=2, seed=0)
    row = table[table["batch"] == 2].iloc[0]
    shown = metrics(at)
    assert shown["sd of the batch mean (B = 2)"] == [f"{row['mean_sd']:.3f}"]
    assert shown["sd of the example's BN output (B = 2)"] == [f"{row['out_sd_batch']:.3f}"]
    assert "every batch-normed value is ±1" in texts(at)


def test_groups_change_the_group_norm_panels_only():
    at = run(NM)
    before = chart_data(at)
    at.select_slider(key="nm_g").set_value(4).run()
    after = chart_data(at)
    changed = [i for i, (a, b) in enumerate(zip(before, after)) if a != b]
    assert changed and all(6 <= i <= 11 for i in changed)


def test_no_training_step_leaves_the_start_values_in_eval_mode():
    at = run(NM, nm_k=0)
    assert any("start values" in i.value for i in at.info)


def test_feature_scaling_shows_the_engine_condition_numbers():
    at = run(NM, nm_sc=100)
    X, y = norms.feature_data(100.0, seed=0)
    expected = [number(norms.least_squares(norms.scale_features(X, k), y).condition, ",.3g")
                for k in norms.SCALINGS]
    assert expected[0] == "53,200"  # plain, where Python's own format wrote 5.32e+04
    assert metrics(at)["condition number"] == expected


def test_a_diverged_run_is_a_message_not_a_traceback():
    at = run(NM, nm_act="relu")
    assert any("Diverged" in w.value and "3" in w.value for w in at.warning)
    assert not at.exception


def test_bad_link_values_are_reported():
    at = run(NM, nm_ep=99, nm_act="swish", nm_b=3, nm_mom="abc", nm_seed=-1)
    notes = " ".join(w.value for w in at.warning)
    for part in ("nm_ep=99", "nm_act=swish", "nm_b=3", "nm_mom=abc", "nm_seed=-1"):
        assert part in notes, part
    assert at.slider(key="nm_ep").value == 20
    assert at.select_slider(key="nm_b").value == 4
    assert not at.exception
