"""The Normalization page through app.py: the sliders, divergence, bad links."""
from playground import norms
from test_pages import chart_data, run, texts, warned
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
    warned(at, "nm_ep=99", "nm_act=swish", "nm_b=3", "nm_mom=abc", "nm_seed=-1")
    assert at.slider(key="nm_ep").value == 20
    assert at.select_slider(key="nm_b").value == 4
    assert not at.exception


def test_conv_counts_follow_the_batch_and_map_size():
    at = run(NM, nm_cn=2, nm_cs=3)
    shown = metrics(at)
    assert shown["means computed"] == ["3 vs 27"]
    assert shown["values behind each mean"] == ["18 vs 2"]
    assert shown["learnable γ and β"] == ["6 vs 54"]
    before = chart_data(at)
    at.select_slider(key="nm_cn").set_value(16).run()
    after = chart_data(at)
    changed = [i for i, (a, b) in enumerate(zip(before, after)) if a != b]
    assert changed == [14, 15]  # the two sets of maps, nothing else
    assert metrics(at)["values behind each mean"] == ["144 vs 16"]


def test_gamma_and_beta_undo_the_norm_at_share_one_only():
    from playground import batchnorm
    at = run(NM)
    assert float(metrics(at)["largest |y − x| at share 1"][0]) < 1e-12
    at.select_slider(key="nm_gb").set_value(0.0).run()
    x = norms.population(6, 4, 0).round(2)
    gap = abs(batchnorm.partial_undo(x, 0.0)["y"] - x).max()
    assert metrics(at)["largest |y − x| at share 0"] == [number(gap, ".1e")]
    assert gap > 1


def test_running_averages_let_the_bias_drift_and_momentum_changes_only_that_section():
    at = run(NM)
    batch, running = (float(v) for v in metrics(at)["largest |b| after 300 steps"])
    assert batch < 1e-5 and running > 1
    assert any("first comes within 10 % of 1 at step" in i.value for i in at.info)
    before = chart_data(at)
    at.select_slider(key="nm_rm").set_value(1.0).run()
    after = chart_data(at)
    changed = [i for i, (a, b) in enumerate(zip(before, after)) if a != b]
    assert changed == [18, 19]
    assert any("at step 1;" in i.value for i in at.info)  # momentum 1: no lag
    assert not at.exception


def test_the_new_sections_in_chinese():
    from ui.text import normalization as text
    at = run(NM, lang="zh")
    shown = texts(at)
    for key in ("conv_title", "undo_title", "run_title", "bias_note"):
        assert text.ZH[key] in shown, key
    assert metrics(at)["计算的均值个数"] == ["3 对 75"]
    assert not at.exception


def test_bad_links_of_the_new_sections_are_reported():
    at = run(NM, nm_cn=3, nm_cs="big", nm_gb=7, nm_rm=0, nm_rl="inf")
    warned(at, "nm_cn=3", "nm_cs=big", "nm_gb=7", "nm_rm=0", "nm_rl=inf")
    assert at.select_slider(key="nm_cn").value in (2, 4)
    assert at.select_slider(key="nm_gb").value == 1.0
    assert not at.exception
