"""The CNN arithmetic page through app.py: widgets change charts, presets, bad links."""
from playground import cnn
from test_pages import chart_data, run

CNN = "pages/cnn_arithmetic.py"


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_input_height_changes_the_first_chart_and_the_table():
    at = run(CNN)
    before = chart_data(at)
    at.slider(key="cnn_h").set_value(160).run()
    after = chart_data(at)
    assert after[0] != before[0]
    assert metrics(at)["Output H × W × C"] == "1 × 1 × 1000"
    assert at.dataframe[0].value["H"].tolist()[:2] == [160, 39]


def test_presets_load_stack_and_input():
    at = run(CNN)
    at.selectbox(key="cnn_preset").set_value("vgg16").run()
    assert at.text_input(key="cnn").value == cnn.PRESETS["vgg16"].stack
    assert metrics(at)["Parameters"] == "138,357,544"
    # 15,470,264,320 in full was cut to "15,470,26…" at 1280 px
    macs = next(m for m in at.metric if m.label == "Multiply-adds (MACs)")
    assert macs.value == "15.5 G" and "15,470,264,320" in macs.proto.help
    assert at.selectbox(key="cnn_preset").value is None
    at.selectbox(key="cnn_preset").set_value("resnet_block").run()
    assert (at.slider(key="cnn_h").value, at.slider(key="cnn_c").value) == (56, 64)
    assert metrics(at)["Parameters"] == "73,728"


def test_a_stack_that_runs_out_of_pixels_stops_with_a_notice():
    at = run(CNN, cnn_h=32, cnn_w=32)
    assert any("empty output" in w.value for w in at.warning)
    assert not at.exception


def test_bad_stack_entries_and_link_values_are_reported():
    at = run(CNN, cnn="c3p1o8, zz, m2p5, c3q1", cnn_h=9999, cnn_c="x")
    notes = " ".join(w.value for w in at.warning)
    for part in ("“zz”", "“m2p5”", "“c3q1”", "cnn_h=9999", "cnn_c=x"):
        assert part in notes, part
    assert at.slider(key="cnn_h").value == 512
    assert at.dataframe[0].value["spec"].tolist() == ["", "c3p1o8"]


def test_nothing_usable_falls_back_to_the_default_stack():
    at = run(CNN, cnn="???")
    assert any("no usable layer" in w.value for w in at.warning)
    assert metrics(at)["Parameters"] == "61,100,840"


def test_seed_changes_the_small_grids_only():
    at = run(CNN)
    before = chart_data(at)
    at.number_input(key="cnn_seed").set_value(4).run()
    after = chart_data(at)
    assert after[:2] == before[:2] and after[2:] != before[2:]


def test_link_reopens_the_stack():
    at = run(CNN, cnn="t4s2p1o3", cnn_h=8, cnn_w=16, cnn_c=128, lang="zh")
    assert metrics(at)["输出 H × W × C"] == "16 × 32 × 3"
    assert not at.warning
