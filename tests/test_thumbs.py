"""The home page's card pictures: one per experiment, made of that page's own chart at its
defaults (the same rows the page shows), drawn without text; home shows them in both
languages and in presenter mode."""
import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from PIL import Image
from streamlit.runtime.memory_media_file_storage import _calculate_file_id
from streamlit.testing.v1 import AppTest

from playground import nets, train
from ui import charts, thumbs
from ui.experiments import EXPERIMENTS
from ui.text import home, training

APP = Path(__file__).resolve().parents[1] / "app.py"
TIMEOUT = 120


def run(page: str | None = None, **params) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    for k, v in params.items():
        at.query_params[k] = str(v)
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def frame(rows) -> pd.DataFrame:
    """Rows (a DataFrame, or a list of dicts as Altair inlines them) in a comparable form."""
    df = rows if isinstance(rows, pd.DataFrame) else pd.DataFrame(rows)
    df = charts.finite(df.reset_index(drop=True))
    return df[sorted(df.columns)]


def ours(spec: dict) -> dict[str, pd.DataFrame]:
    return {name: frame(rows) for name, rows in charts.spec(spec)["datasets"].items()}


def shown(at: AppTest) -> list[dict[str, pd.DataFrame]]:
    """The datasets of every chart on the page, as the browser receives them."""
    return [{d.name: frame(pa.ipc.open_stream(d.data.data).read_pandas())
             for d in c.proto.datasets}
            for c in at.get("vega_lite_chart") + at.get("arrow_vega_lite_chart")]


def same(a: dict[str, pd.DataFrame], b: dict[str, pd.DataFrame]) -> bool:
    if a.keys() != b.keys():
        return False
    try:
        for name in a:
            pd.testing.assert_frame_equal(a[name], b[name], check_dtype=False, rtol=1e-6)
    except AssertionError:
        return False
    return True


def test_every_experiment_has_a_picture():
    assert list(thumbs.CHARTS) == [e.file for e in EXPERIMENTS]
    for e in EXPERIMENTS:
        png = Image.open(io.BytesIO(thumbs.picture(e.file, "en"))).convert("RGBA")
        assert png.size == (thumbs.SIZE[0] * thumbs.SCALE, thumbs.SIZE[1] * thumbs.SCALE)
        alpha = np.asarray(png)[..., 3]
        assert (alpha > 0).mean() > 0.02, f"{e.file}: an empty picture"


# Training draws its map on a canvas of its own: its picture is checked against the page's
# trainer below.
@pytest.mark.parametrize("page", [e.file for e in EXPERIMENTS if e.file != "pages/training.py"])
def test_picture_shows_the_rows_of_the_pages_own_chart_at_its_defaults(page):
    at = run(page)
    for lang in ("en", "zh"):
        if lang == "zh":
            at = run(page, lang="zh")
        mine = ours(thumbs.CHARTS[page](lang))
        assert any(same(mine, theirs) for theirs in shown(at)), \
            f"{page} ({lang}): no chart of the page has the picture's rows"


def test_training_picture_is_the_pages_network_trained_for_the_default_horizon():
    at = run("pages/training.py")
    tr = at.session_state["tr_trainer"]  # the page's own trainer, built at its defaults
    assert (tr.net.depth, tr.net.width) == (2, 4) and tr.cfg == train.TrainConfig()
    tr.step(tr.cfg.epochs * tr.per_epoch - tr.steps)
    cells = charts.rows(thumbs.training_chart("en"), "cells")
    assert [c["value"] for c in cells] == pytest.approx(train.decision_grid(tr)["value"].tolist())
    dots = charts.rows(thumbs.training_chart("en"), "points")
    assert len(dots) == len(tr.y) and {d["set"] for d in dots} == {"train", "test"}
    zh = {d["set"] for d in charts.rows(thumbs.training_chart("zh"), "points")}
    assert zh == {training.ZH["train"], training.ZH["test"]}


def test_trained_network_learned_the_circle():
    """The map shows a learned boundary, not a fresh network's guess: the test accuracy of the
    same run is high."""
    tr = train.Trainer(nets.NetConfig(depth=2, width=4), train.TrainConfig())
    tr.step(tr.cfg.epochs * tr.per_epoch)
    assert tr.history.iloc[-1]["test_accuracy"] > 0.9


def test_thumbnail_has_no_text_and_no_interaction():
    spec = thumbs.thumbnail(thumbs.optimizer_paths_chart("en"))
    text = json.dumps({k: v for k, v in spec.items() if k != "datasets"})
    assert '"title"' not in text and '"tooltip"' not in text and '"select"' not in text
    for layer in spec["layer"]:
        for channel, e in layer.get("encoding", {}).items():
            if channel in ("x", "y") and "field" in e:
                assert e["axis"] is None
            if channel in thumbs.LEGENDS and "field" in e:
                assert e["legend"] is None
    assert spec["datasets"].keys() == thumbs.optimizer_paths_chart("en")["datasets"].keys()


def test_a_map_keeps_its_aspect():
    """A map of a square domain is drawn square, centred on the picture's canvas."""
    spec = thumbs.thumbnail(thumbs.training_chart("en"))
    assert spec["width"] - 2 * thumbs.PAD == pytest.approx(spec["height"] - 2 * thumbs.PAD, abs=3)
    png = np.asarray(Image.open(io.BytesIO(thumbs.picture("pages/training.py", "en")))
                     .convert("RGBA"))[..., 3]
    cols = np.flatnonzero(png.any(0))
    left, right = cols[0], png.shape[1] - 1 - cols[-1]  # transparent margins
    assert left > 0 and right == pytest.approx(left, abs=2 * thumbs.SCALE)


@pytest.mark.parametrize("params", [{}, {"lang": "zh"}, {"present": "1"},
                                    {"present": "1", "lang": "zh"}], ids=str)
def test_home_shows_each_cards_picture(params):
    at = run(**params)
    images = at.get("image")
    lang = params.get("lang", "en")
    assert len(images) == len(EXPERIMENTS)
    table = home.ZH if lang == "zh" else home.EN
    for img, e in zip(images, EXPERIMENTS):
        (shown_img,) = img.proto.imgs
        want = _calculate_file_id(thumbs.picture(e.file, lang), "image/png")
        assert want in shown_img.url, e.file
        assert shown_img.alt == table["pic_" + Path(e.file).stem]
