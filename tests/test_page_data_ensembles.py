"""The Data & ensembles page through app.py: the numbers shown are the engine's, each section's
controls move that section only, both languages, bad links reported."""
import json

import pyarrow as pa

from playground import augment as ag
from playground import ensembles as en
from playground import imbalance as im
from test_pages import run, texts, warned
from ui import number
from ui.text import data_ensembles as text

DE = "pages/data_ensembles.py"
EN = text.EN


def pct(x: float, digits: int = 1) -> str:
    return number(x, f".{digits}%")


def chart_data(at) -> list[str]:
    """Every chart's spec and rows as comparable text. Rows are compared decoded: a text column
    concatenated from several frames travels in several Arrow chunks, the same rows read back
    from the cache in one, so the bytes differ where the rows do not."""
    out = []
    for chart in at.get("arrow_vega_lite_chart") + at.get("vega_lite_chart"):
        rows = {d.name: pa.ipc.open_stream(d.data.data).read_pandas().to_json()
                for d in chart.proto.datasets}
        out.append(json.dumps(json.loads(chart.proto.spec), sort_keys=True) + repr(rows))
    return out


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_the_numbers_shown_are_the_engines():
    at = run(DE)
    assert not at.exception
    shown = metrics(at)
    b = en.bagging(10, 0.3, 0)
    table, y = b.table(), b.test[1]
    assert shown[EN["m_unique"]] == pct(en.unique_share(b.counts).mean())
    assert shown[EN["m_member"]] == pct(table["member"].mean())
    assert shown[EN["m_ensemble"].format(k=10)] == pct(table["ensemble"].iloc[-1])
    assert shown[EN["m_dropout"]] == pct(en.accuracy(y, b.test_dropout > 0))
    mc, se = en.sampled_unique_share(60, 10_000, 0)
    caption = " ".join(c.value for c in at.caption)
    assert pct(mc, 2) in caption and pct(en.expected_unique_share(60), 2) in caption
    assert "63.52%" in caption and "63.21%" in caption
    t = ag.augmentation("circle", 0.05, 180, True, 0).table.set_index("copies")
    assert shown[EN["m_gap0"]] == pct(t.loc[0, "gap"])
    assert shown[EN["m_testm"].format(copies=16)] == pct(t.loc[16, "test_accuracy"])
    r = im.imbalance(0.05, 0)
    assert shown[EN["m_w"]] == "19"
    assert shown[EN["m_bal_w"]] == pct(en.scores(r.test_weighted, r.test[1], 0.5).balanced)
    infos = " ".join(i.value for i in at.info)
    assert "more than its members do on average" in infos  # the ensemble wins at the defaults
    assert "goes from" in infos and "Answering 0 for every point is 95.0% accurate" in infos


def test_each_sections_controls_move_that_section_only():
    at = run(DE)
    before = chart_data(at)
    assert len(before) == 8
    at.slider(key="de_k").set_value(5).run()
    after = chart_data(at)
    assert not at.exception
    assert after[:3] != before[:3] and after[3:] == before[3:]
    assert EN["m_ensemble"].format(k=5) in metrics(at)
    at.select_slider(key="de_share").set_value(0.2).run()
    assert metrics(at)[EN["m_w"]] == "4"
    moved = chart_data(at)
    assert moved[:6] == after[:6] and moved[6:] != after[6:]
    at.select_slider(key="de_t").set_value(0.2).run()
    assert EN["m_bal_t"].format(t=0.2) in metrics(at) and chart_data(at)[:6] == after[:6]


def test_augmentation_controls_and_their_verdicts():
    at = run(DE, de_jit=0, de_rot=0, de_ref="false")
    assert EN["a_same"] in [i.value for i in at.info]
    at = run(DE, de_ds="moons", de_m=16)
    assert any("Test accuracy falls from" in w.value for w in at.warning)
    assert EN["a_moons"].format(angle=180) in [c.value for c in at.caption]


def test_equal_classes():
    at = run(DE, de_share=0.5)
    assert EN["i_even"] in [i.value for i in at.info]
    assert metrics(at)[EN["m_w"]] == "1"


def test_chinese():
    at = run(DE, lang="zh")
    assert not at.exception and at.title[0].value == text.ZH["title"]
    assert text.ZH["b_title"] in texts(at) and text.ZH["why_title"] in texts(at)
    assert text.ZH["m_member"] in metrics(at)
    assert len(chart_data(at)) == 8


def test_bad_link_values_are_reported():
    at = run(DE, de_k=999, de_p="x", de_share=7, de_t=-1, de_ds="cube", de_rot=1000,
             de_jit="inf", de_seed=-2, de_m=0)
    warned(at, "de_k=999", "de_p=x", "de_share=7", "de_t=-1", "de_ds=cube", "de_rot=1000",
               "de_jit=inf", "de_seed=-2", "de_m=0")
    assert not at.exception
    assert at.slider(key="de_k").value == 25 and at.slider(key="de_rot").value == 180
