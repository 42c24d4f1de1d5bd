"""The Batch size page through app.py: the noise slider, the sections, bad links."""
from test_pages import chart_data, run, warned

BS = "pages/batch_size.py"


def test_the_first_sidebar_slider_is_k_and_changes_only_the_noise_chart():
    at = run(BS)
    assert at.sidebar.slider[0].key == "bs_k"
    before = chart_data(at)
    metrics = {m.label: m.value for m in at.metric}
    at.slider(key="bs_k").set_value(200).run()
    after = chart_data(at)
    assert after[0] != before[0] and after[1:] == before[1:]
    later = {m.label: m.value for m in at.metric}
    # training shrinks the mean gradient and the loss: the noise scale grows
    assert float(later["training loss here"]) < float(metrics["training loss here"])
    assert float(later["noise scale tr Σ / ‖g‖²"].replace(",", "")) > float(
        metrics["noise scale tr Σ / ‖g‖²"].replace(",", ""))


def test_noise_metrics_agree_with_the_verdict():
    at = run(BS)
    metrics = {m.label: m.value for m in at.metric}
    trace, signal = float(metrics["noise at B = 1: tr Σ"]), float(metrics["signal ‖g‖²"])
    n = 128
    balance = n * trace / (trace + signal * (n - 1))
    assert f"B ≈ {balance:.3g}" in at.info[0].value


def test_batch_sizes_change_the_training_charts_and_the_table():
    at = run(BS)
    table = at.dataframe[0].value
    assert list(table["B"]) == [1, 8, 128]
    assert list(table["steps per epoch"]) == [128, 16, 1]
    assert list(table["steps in all"]) == [1280, 160, 10]
    before = chart_data(at)
    at.multiselect(key="bs_b").set_value(["4", "32"]).run()
    after = chart_data(at)
    assert after[1] != before[1] and after[2] != before[2] and after[0] == before[0]
    assert list(at.dataframe[0].value["B"]) == [4, 32]


def test_batchnorm_leaves_out_batch_one_with_a_notice():
    at = run(BS, bs_bn="true", bs_b=["1", "2", "16"])
    assert any("B = 1 is left out" in i.value for i in at.info)
    assert list(at.dataframe[0].value["B"]) == [2, 16]


def test_linear_scaling_sends_the_large_batch_beyond_the_stability_limit():
    at = run(BS)
    assert not at.warning
    at.toggle(key="bs_lin").set_value(True).run()
    notes = " ".join(w.value for w in at.warning) + " ".join(e.value for e in at.error)
    assert "B = 256, lr 32" in notes  # 0.5 x 256 / 4


def test_the_grid_diagonal_is_read_out():
    at = run(BS)
    caption = next(c.value for c in at.caption if c.value.startswith("Along the framed"))
    for part in ("B = 16, lr 0.32:", "B = 32, lr 0.64:", "B = 64, lr 1.28:", "B = 128, lr 2.56:"):
        assert part in caption


def test_bad_link_values_are_reported():
    at = run(BS, bs_k=999, bs_data="nope", bs_b=["3", "8"], bs_lr="abc", bs_ps=7, bs_bn="maybe",
             bs_seed=-1)
    warned(at, "bs_k=999", "bs_data=nope", "bs_b=3", "bs_lr=abc", "bs_ps=7", "bs_bn=maybe",
               "bs_seed=-1")
    assert at.slider(key="bs_k").value == 400
    assert at.multiselect(key="bs_b").value == ["8"]
    assert not at.exception


def test_no_batch_size_chosen_falls_back_with_a_notice():
    at = run(BS)
    at.multiselect(key="bs_b").set_value([]).run()
    assert any("at least one batch size" in w.value for w in at.warning)
    assert list(at.dataframe[0].value["B"]) == [8]
