"""Chart export: PNG and SVG files of the real chart builders, and CSV rows that read back
as exactly the data the browser gets."""
import io
import json
import struct
import xml.etree.ElementTree as ET

import numpy as np
import pandas as pd
import pytest

from playground import cnn, contours, functions2d
from ui import charts
from ui.charts import export
from test_charts import rgb

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from the IHDR chunk, which the PNG format puts first."""
    assert data[:8] == PNG_SIGNATURE
    length, kind = struct.unpack(">I4s", data[8:16])
    assert kind == b"IHDR" and length == 13
    return struct.unpack(">II", data[16:24])


def history() -> pd.DataFrame:
    return pd.DataFrame({"epoch": [0.0, 1.0, 2.0, 3.0], "loss": [0.7, 0.41, 0.2, 0.13],
                         "test_loss": [0.71, 0.5, 0.33, 0.31]})


def loss_lines(train="train", test="test", x="epoch", y="loss") -> dict:
    return charts.lines(history(), "epoch", {"loss": train, "test_loss": test}, x, y)


def boundary() -> dict:
    g = np.linspace(-1.0, 1.0, 4)
    x1, x2 = np.meshgrid(g, g)
    grid = pd.DataFrame({"x1": x1.ravel(), "x2": x2.ravel(), "value": (x1 * x2).ravel() / 2 + .5,
                         "confidence": np.abs(x1 * x2).ravel(), "dx": 2 / 3, "dy": 2 / 3})
    points = pd.DataFrame({"x1": [0.1, -0.5, 0.7], "x2": [0.3, 0.2, -0.9],
                           "value": [1.0, 0.0, 1.0], "set": ["train", "test", "train"]})
    return charts.decision_boundary(grid, points, "binary", "x1", "x2", "p")


def stats() -> pd.DataFrame:
    return pd.DataFrame({"layer": [1, 2, 3, 4], "act_dead": [0.5, np.nan, np.inf, 2.0]})


def curves() -> dict:
    """An Altair chart with three inline datasets (curve, shaded zone, marker)."""
    z = np.linspace(-2, 2, 9)
    return charts.spec(charts.marked_curves(pd.DataFrame({"z": z, "a": np.tanh(z)}), {"a": "tanh"},
                                            "z", "y", 0.5, (1.0, 2.0), "flat"))


def read(text: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text))


def same_rows(got: pd.DataFrame, rows: list[dict]) -> None:
    """The CSV's rows equal the chart's rows: every value, at full precision; None as NaN."""
    want = pd.DataFrame(rows)
    pd.testing.assert_frame_equal(got[list(want.columns)].reset_index(drop=True), want,
                                  check_dtype=False)


@pytest.mark.parametrize("scale", [1, 2, 0.5])
def test_png_is_the_charts_size_times_the_scale(scale):
    assert png_size(export.png(loss_lines(), scale=scale)) == (
        export.WIDTH * scale, charts.HEIGHT * scale)
    # an inline Altair chart with its own height, and a spec with its own width
    bars = charts.layer_bars(stats(), "act_dead", "layer", "units")
    assert png_size(export.png(bars, scale=scale)) == (export.WIDTH * scale,
                                                       charts.HEIGHT * 2 // 3 * scale)
    wide = loss_lines() | {"width": 300}
    assert png_size(export.png(wide, scale=scale)) == (300 * scale, charts.HEIGHT * scale)


def test_self_sizing_charts_export_at_their_natural_size():
    """Concatenated panels and step heights have no fixed size to fill."""
    d = cnn.conv_demo()
    g = charts.grids([("x", d.x), ("y", d.y)], step=26)
    assert export.size(g) is None
    w, h = png_size(export.png(g, scale=1))
    # the cells, the spacing between panels and the titles all fit
    assert 26 * (d.x.shape[1] + d.y.shape[1]) + 18 < w and 26 * d.x.shape[0] < h


def flat_map(name: str):
    """A function's map with no iso-lines (X, Y and the spec)."""
    f = functions2d.FUNCTIONS[name]
    X, Y, Z = contours.grid(f.value, f.domain, 64)
    return X, Y, charts.surface_map(X, Y, Z, contours.iso_lines(X, Y, Z, []), f.domain, False,
                                    "f")


def cells_shape(png: bytes) -> float:
    """Width over height of the drawn cells (a bluish grey) in a PNG."""
    a = rgb(png)
    ys, xs = np.nonzero(a[..., 2] - a[..., 0] > 6)
    return (xs.max() - xs.min() + 1) / (ys.max() - ys.min() + 1)


@pytest.mark.parametrize("name", ["quadratic", "six_hump_camel", "himmelblau"])
def test_an_exported_map_keeps_its_domains_aspect(name):
    """A circle on the map stays a circle in the file (the browser stretches the map to its
    column; the file does not)."""
    _, _, spec = flat_map(name)
    (x0, x1), (y0, y1) = functions2d.FUNCTIONS[name].domain
    assert cells_shape(export.png(spec, scale=1)) == pytest.approx((x1 - x0) / (y1 - y0),
                                                                   rel=0.01)


@pytest.mark.parametrize("plot", [(900, 300), (300, 520)])
def test_a_map_drawn_wider_or_taller_than_its_domain_keeps_one_scale(plot):
    """As the browser draws it, stretched to a column of any width: margins, not ovals."""
    import vl_convert as vlc
    X, Y, spec = flat_map("six_hump_camel")
    spec = export.plain(spec)
    spec["width"], spec["height"] = plot
    # the side that fits is clipped at the domain's edges; in the margins, whole cells show
    cx, cy = X[0, 1] - X[0, 0], Y[1, 0] - Y[0, 0]
    margins_x = plot[0] / plot[1] > (X.max() - X.min()) / (Y.max() - Y.min())
    wide = X.max() - X.min() + (2 * charts.OVERLAP * cx if margins_x else 0)
    tall = Y.max() - Y.min() + (0 if margins_x else 2 * charts.OVERLAP * cy)
    assert cells_shape(vlc.vegalite_to_png(spec, scale=1)) == pytest.approx(wide / tall,
                                                                           rel=0.01)


def test_bad_scale_is_refused():
    with pytest.raises(ValueError, match="scale"):
        export.png(loss_lines(), scale=0)


def texts(svg: str) -> list[str]:
    return ["".join(e.itertext()) for e in ET.fromstring(svg).iter()
            if e.tag.endswith("text")]


@pytest.mark.parametrize("names", [("train", "test", "epoch", "loss"),
                                   ("训练集", "测试集", "轮次", "损失")])
def test_svg_is_xml_with_the_charts_titles_and_legend(names):
    out = texts(export.svg(loss_lines(*names)))
    for word in names:
        assert word in out


def test_svg_of_a_titled_inline_chart_holds_its_title():
    chart = charts.layer_bars(stats(), "act_dead", "layer", "dead units")
    chart["title"] = "Dead units per layer"
    out = texts(export.svg(chart))
    assert {"Dead units per layer", "layer", "dead units"} <= set(out)


def test_chinese_labels_are_drawn_with_real_glyphs():
    """Without a CJK font every glyph would be the same empty box, and two titles of the
    same length would give the same image."""
    a = export.png(loss_lines() | {"title": "损失曲线"}, scale=1)
    b = export.png(loss_lines() | {"title": "梯度范数"}, scale=1)
    assert png_size(a) == png_size(b) and a != b


def test_csv_of_a_single_dataset_chart_is_its_rows():
    spec = loss_lines()
    same_rows(read(export.csv(spec)), charts.rows(spec, "rows"))


def test_csv_of_a_map_with_points_holds_both_tables():
    spec = boundary()
    got = read(export.csv(spec))
    assert list(got.columns[:1]) == ["dataset"]
    assert set(got["dataset"]) == {"cells", "points"}
    for name in ("cells", "points"):
        same_rows(got[got["dataset"] == name], charts.rows(spec, name))


def test_csv_of_an_inline_altair_chart_is_its_values_in_order():
    spec = curves()
    got = read(export.csv(spec))
    hashed = list(spec["datasets"])  # Altair's hash names, in the spec's order
    assert list(dict.fromkeys(got["dataset"])) == [f"data{i + 1}" for i in range(len(hashed))]
    for i, name in enumerate(hashed):
        same_rows(got[got["dataset"] == f"data{i + 1}"], spec["datasets"][name])


def test_csv_of_one_inline_dataset_has_no_dataset_column():
    bars = charts.spec(charts.layer_bars(stats(), "act_dead", "layer", "units"))
    got = read(export.csv(bars))
    assert "dataset" not in got.columns
    same_rows(got, next(iter(bars["datasets"].values())))


def test_values_left_inline_are_exported_too():
    spec = {"$schema": "https://vega.github.io/schema/vega-lite/v6.4.1.json",
            "layer": [{"data": {"values": [{"a": 1, "b": 2.5}]}, "mark": "point",
                       "encoding": {"x": {"field": "a", "type": "quantitative"}}},
                      {"data": {"values": [{"a": 3}]}, "mark": "rule",
                       "encoding": {"x": {"field": "a", "type": "quantitative"}}}]}
    t = export.tables(spec)
    assert list(t) == ["layer.0", "layer.1"]
    assert t["layer.0"].to_dict("records") == [{"a": 1, "b": 2.5}]


def test_nan_and_inf_export_as_missing_values():
    grid = pd.DataFrame({"x": [1, 2, 1, 2], "y": ["a", "a", "b", "b"],
                         "value": [0.5, np.nan, np.inf, -np.inf],
                         "label": ["½", "?", "∞", "-∞"],
                         "outline": [True, False, False, False]})
    raw = {"$schema": "https://vega.github.io/schema/vega-lite/v6.4.1.json",
           "data": {"values": [{"a": 1.0, "b": float("inf")}, {"a": np.float64("nan"), "b": 2}]},
           "datasets": {"extra": [{"c": -np.inf}]},
           "mark": "point", "encoding": {"x": {"field": "a", "type": "quantitative"},
                                         "y": {"field": "b", "type": "quantitative"}}}
    for chart in (charts.value_grid(grid, "x", "y", "v", [1, 2], ["a", "b"]),
                  charts.layer_bars(stats(), "act_dead", "layer", "units"), raw):
        json.dumps(export.plain(chart), allow_nan=False)  # strict JSON: no NaN, no Infinity
        assert png_size(export.png(chart, scale=1))[0] == export.WIDTH
        assert ET.fromstring(export.svg(chart)) is not None
        got = read(export.csv(chart))
        assert not np.isinf(got.select_dtypes("number").to_numpy()).any()
    got = read(export.csv(raw))
    assert got["dataset"].tolist() == ["extra", "data", "data"]
    assert got["b"].isna().tolist() == [True, True, False] and got["c"].isna().all()
    assert read(export.csv(charts.value_grid(grid, "x", "y", "v", [1, 2], ["a", "b"])))[
        "value"].isna().tolist() == [False, True, True, True]


def test_plain_leaves_the_callers_spec_alone():
    spec = boundary()
    before = {k: v.copy() for k, v in spec["datasets"].items()}
    s = export.plain(spec)
    assert isinstance(s["datasets"]["cells"], list) and "width" not in spec
    for k, v in before.items():
        pd.testing.assert_frame_equal(spec["datasets"][k], v)


def test_no_remote_data_is_fetched():
    spec = {"$schema": "https://vega.github.io/schema/vega-lite/v6.4.1.json",
            "data": {"url": "https://example.com/rows.csv"}, "mark": "point",
            "encoding": {"x": {"field": "a", "type": "quantitative"}}}
    for to_file in (export.png, export.svg):
        with pytest.raises(ValueError, match="not allowed"):
            to_file(spec)


def test_file_names_are_ascii_and_the_same_in_every_language():
    en = export.name(loss_lines())
    zh = export.name(loss_lines("训练", "测试", "轮次", "损失"))
    assert en == zh == "value-epoch"
    assert export.name(boundary()).isascii()
    assert export.name({"mark": "point"}) == "chart"


def test_a_chart_without_data_exports_an_empty_csv():
    assert export.csv({"mark": "point"}) == ""


def test_a_shaded_zone_drawn_first_does_not_name_the_chart():
    assert export.name(curves()) == "y-z"


def _three_charts():
    """The same chart three times, the middle one redrawn live."""
    import pandas as pd

    import ui
    from ui import charts
    spec = charts.lines(pd.DataFrame({"epoch": [0.0, 1.0], "loss": [1.0, 0.5]}), "epoch",
                        {"loss": "train"}, "epoch", "loss")
    ui.show(spec)
    with ui.live_charts():
        ui.show(spec)
    ui.show(spec)


def test_every_chart_gets_a_menu_whose_files_are_made_only_on_click(monkeypatch):
    from streamlit.testing.v1 import AppTest
    made = []
    for fmt in ("png", "svg", "csv"):
        monkeypatch.setattr(export, fmt, lambda spec, *a, _f=fmt, **k: made.append(_f))
    at = AppTest.from_function(_three_charts, default_timeout=60).run()
    assert not at.exception
    menus = at.get("popover")
    # alike charts get their own keys; the live one has a blank in its menu's place
    assert len(menus) == 2 and len({m.proto.id for m in menus}) == 2
    assert len(at.get("space")) == 1
    assert not at.get("download_button")  # closed menus hold no buttons
    key = menus[0].proto.id.split("-", 2)[-1]
    at.session_state[key] = True  # the person opens the first menu
    at.run()
    buttons = at.get("download_button")
    assert [b.proto.label for b in buttons] == ["PNG image", "SVG drawing", "CSV data"]
    assert all(b.proto.ignore_rerun and not b.proto.url for b in buttons)
    assert made == []  # reruns converted nothing: the files wait for a click
