"""The CNN arithmetic page through app.py: widgets change charts, presets, bad links, and the
building blocks section."""
import pytest

from playground import blocks, cnn
from test_pages import chart_data, plain, run, warned

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
    warned(at, "“zz”", "“m2p5”", "“c3q1”", "cnn_h=9999", "cnn_c=x")
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


# ---- the building blocks section ----------------------------------------------------------------

BLOCK_TABS = ["Inception module", "Squeeze-and-excitation", "Dense block", "Pooling vs flatten",
              "Add vs concat"]


def test_blocks_section_shows_every_block_with_the_engine_numbers():
    at = run(CNN)
    assert "Building blocks of modern CNNs" in [s.value for s in at.subheader]
    assert [t.label for t in at.tabs][-len(BLOCK_TABS) - 4:-4] == BLOCK_TABS  # then the grids
    m = metrics(at)
    # GoogLeNet 3a, SE on 256 channels at r = 16, DenseNet-121's first block, ResNet-18's head
    assert m["Parameters, with reductions"] == (
        f"{blocks.inception(blocks.GOOGLENET['3a']).params:,}")
    assert m["Module output H × W × C"] == "28 × 28 × 256"
    assert m["SE parameters"] == f"{2 * 256 * 16 + 16 + 256:,}"
    assert m["Block output H × W × C"] == "56 × 56 × 256"
    assert m["Parameters, pooling"] == "513,000"
    assert m["Next conv, after concat"] == f"{9 * 512 * 256 + 256:,}"
    assert not at.exception and not at.warning


@pytest.mark.parametrize("kind,key,value,label,redrawn", [
    ("selectbox", "cb_inc", "4e", "Parameters, with reductions", True),
    ("select_slider", "cb_sr", 4, "SE parameters", True),
    ("slider", "cb_dl", 12, "Block parameters", True),
    ("toggle", "cb_db", False, "Block parameters", False),  # the chart shows channels only
    ("slider", "cb_hs", 14, "Parameters, flatten", True),
    ("select_slider", "cb_mk", 1, "Next conv, after add", True),
])
def test_a_block_control_changes_its_numbers_and_chart(kind, key, value, label, redrawn):
    at = run(CNN)
    before, charts_before = metrics(at)[label], chart_data(at)
    getattr(at, kind)(key=key).set_value(value).run()
    assert not at.exception
    assert metrics(at)[label] != before
    assert (chart_data(at) != charts_before) == redrawn
    assert metrics(at)["Parameters"] == "61,100,840"  # the stack above is left alone


def test_se_numbers_follow_the_reduction():
    at = run(CNN, cb_sc=512, cb_sr=8)
    assert metrics(at)["SE parameters"] == f"{2 * 512 * 512 // 8 + 512 // 8 + 512:,}"
    assert metrics(at)["Hidden units C/r"] == "64"
    extra = blocks.se_resnet50_extra(8)
    assert any(f"add {extra:,} parameters" in i.value for i in at.info)


def test_bad_block_values_in_a_link_are_clamped_or_ignored_with_a_notice():
    at = run(CNN, cb_inc="9z", cb_sr="-5", cb_dl="1e309", cb_dc="x", cb_db="maybe", cb_hs=999,
             cb_mk="4", cb_ss="nan")
    notes = " ".join(plain(w.value) for w in at.warning)
    for part in ("cb_inc=9z", "cb_sr=-5", "cb_dl=1e309", "cb_dc=x", "cb_db=maybe", "cb_hs=999",
                 "cb_mk=4", "cb_ss=nan"):
        assert part in notes, part
    assert at.selectbox(key="cb_inc").value == "3a"
    assert at.select_slider(key="cb_sr").value == 1 and at.slider(key="cb_hs").value == 32
    assert at.select_slider(key="cb_mk").value in (3, 5)
    assert not at.exception


def test_blocks_section_in_chinese():
    at = run(CNN, lang="zh", cb_inc="5b")
    assert "现代卷积网络的基本模块" in [s.value for s in at.subheader]
    assert "相加还是拼接" in [t.label for t in at.tabs]
    assert metrics(at)["模块输出 H × W × C"] == "7 × 7 × 1024"
    assert any("模块 5b" in i.value for i in at.info)
    assert not at.exception and not at.warning


def test_the_receptive_field_exercise_loads_and_is_confirmed():
    at = run(CNN)
    at.selectbox(key="cnn_preset").set_value("field_exercise").run()
    assert at.text_input(key="cnn").value == cnn.PRESETS["field_exercise"].stack
    assert metrics(at)["Receptive field"] == "99"
    assert at.dataframe[0].value["receptive field"].tolist() == ["1", "11", "19", "51", "67", "99"]
    assert any("11 → 19 → 51 → 67 → 99" in s.value for s in at.success)
    at.text_input(key="cnn").set_value("c11s4o96,m3s2,c5p2o256,m3s2,c5p2o384").run()
    assert not any("→ 99" in s.value for s in at.success)  # another stack, no confirmation
