"""Chart builders: valid Vega-Lite, and they draw exactly the data they are given."""
import io
import math
import re
from types import SimpleNamespace

import altair as alt
import numpy as np
import pandas as pd
import pytest
from altair.vegalite.v6.schema.core import TopLevelSpec

from playground import activations, contours, functions2d
from ui import charts
from ui.charts import export


def as_sent(spec: dict) -> dict:
    """The spec with its named datasets as rows of dicts, as the browser receives them."""
    spec = charts.spec(spec)
    if "datasets" not in spec:
        return spec
    return spec | {"datasets": {name: charts.rows(spec, name) for name in spec["datasets"]}}


def resolve(fig: dict, value, width: float = 430, height: float = 430):
    """A spec's value as the browser reads it: an expression over the figure's parameters
    (values, or expressions over its datasets) and the plot's size (Vega's expressions here
    are also Python's, with Vega's `data` and `sequence`), or the value itself."""
    if not (isinstance(value, dict) and "expr" in value):
        return value

    def sequence(start, stop, step):  # Vega's: start, start + step, ... below stop
        return [start + k * step for k in range(max(0, math.ceil((stop - start) / step)))]

    scope = {"max": max, "width": width, "height": height, "sequence": sequence,
             "data": lambda name: [SimpleNamespace(**r) for r in charts.rows(fig, name)]}
    for p in fig.get("params", []):
        if "value" in p:
            scope[p["name"]] = p["value"]
        elif "expr" in p and "datasets" in fig:  # a spec as sent holds its data apart
            scope[p["name"]] = eval(p["expr"], scope)
    return eval(value["expr"], scope)


def valid(chart) -> None:
    """Raises unless the chart (or spec) is valid Vega-Lite."""
    TopLevelSpec.from_dict(as_sent(chart))


def values(spec: dict) -> list[list[dict]]:
    """Inline data of a (possibly layered) spec, one list per layer (Altair hoists it into
    top-level named datasets)."""
    def rows(data):
        return data["values"] if "values" in data else charts.rows(spec, data["name"])
    return [rows(layer.get("data", spec.get("data"))) for layer in spec.get("layer", [spec])]


def stats():
    return pd.DataFrame({"layer": [1, 2, 3, 4], "act_std": [0.5, 0.0, np.inf, 2.0],
                         "grad_norm": [1e-8, 1e-4, 1e-2, np.nan]})


@pytest.mark.parametrize("chart", [
    lambda: charts.layer_profile(stats(), {"act_std": "std", "grad_norm": "g"}, "layer", "y"),
    lambda: charts.layer_bars(stats(), "act_std", "layer", "units"),
    lambda: charts.distributions(pd.DataFrame({"layer": [1, 1, 2], "x": [0.0, 1.0, 0.0],
                                               "density": [0.5, 0.5, 1.0]}), "x", "d", "l"),
    lambda: charts.activation_curve(activations.curve("sigmoid"), activations.flat_zones("sigmoid"),
                                    {"value": "f", "derivative": "df"}, "z", "flat"),
])
def test_specs_validate_against_the_vega_lite_schema(chart):
    valid(chart())


def test_log_profile_drops_what_a_log_axis_cannot_draw():
    spec = charts.spec(charts.layer_profile(stats(), {"act_std": "std", "grad_norm": "g"},
                                            "layer", "y"))
    rows = values(spec)[0]
    drawn = {(r["series"], r["layer"]) for r in rows}
    assert drawn == {("std", 1), ("std", 4), ("g", 1), ("g", 2), ("g", 3)}
    assert spec["encoding"]["y"]["scale"]["type"] == "log"


def test_linear_profile_keeps_zero_and_leaves_out_non_finite():
    spec = charts.spec(charts.layer_profile(stats(), {"act_std": "std"}, "layer", "y", log=False))
    assert [(r["layer"], r["value"]) for r in values(spec)[0]] == [(1, 0.5), (2, 0.0), (4, 2.0)]


def test_activation_curve_shades_the_flat_zones_it_is_given():
    zones = activations.flat_zones("relu")
    spec = charts.spec(charts.activation_curve(activations.curve("relu"), zones,
                                               {"value": "f", "derivative": "df"}, "z", "flat"))
    shade, lines = values(spec)
    assert [(r["lo"], r["hi"]) for r in shade] == zones
    assert len(lines) == 2 * len(activations.curve("relu"))


def test_unplottable_names_exactly_the_layers_the_log_chart_drops():
    assert charts.unplottable(stats(), ["act_std"]) == [2, 3]
    assert charts.unplottable(stats(), ["act_std", "grad_norm"]) == [2, 3, 4]


def test_thin_keeps_ends_and_bounds_rows():
    df = pd.DataFrame({"step": range(1001)})
    got = charts.thin(df, 50)
    assert len(got) <= 50 and got.step.iloc[0] == 0 and got.step.iloc[-1] == 1000
    assert charts.thin(df.head(10), 50).equals(df.head(10))
    with pytest.raises(ValueError):
        charts.thin(df, 1)


def _grid(task):
    g = pd.DataFrame({"x1": [0.0, 0.0, 1.0, 1.0], "x2": [0.0, 1.0, 0.0, 1.0],
                      "value": [0.1, 0.9, 2.0, 1.0] if task == "multiclass" else [0.1, 0.9, 0.4, 0.6],
                      "confidence": [1.0, 1.0, 0.6, 0.7], "dx": 1.0, "dy": 1.0})
    if task == "multiclass":
        g["value"] = g["value"].round()
    pts = pd.DataFrame({"x1": [0.2, 0.8], "x2": [0.3, 0.7], "value": [0.0, 1.0],
                        "set": ["train", "test"]})
    return g, pts


@pytest.mark.parametrize("task", ["binary", "multiclass", "regression"])
def test_decision_boundary_cells_cover_the_grid(task):
    g, pts = _grid(task)
    chart = charts.decision_boundary(g, pts, task, "x1", "x2", "p")
    valid(chart)
    cells, dots = values(charts.spec(chart))
    o = charts.OVERLAP  # each cell reaches a little past its edges, centred on its point
    edges = np.array([(c["x_lo"], c["x_hi"], c["y_lo"], c["y_hi"]) for c in cells])
    assert edges == pytest.approx(np.array([  # an array: approx refuses nested tuples
        (-o, o, -o, o), (-o, o, 1 - o, 1 + o), (1 - o, 1 + o, -o, o), (1 - o, 1 + o, 1 - o, 1 + o)]))
    (x, y) = (charts.spec(chart)["layer"][0]["encoding"][k]["scale"]["domain"] for k in "xy")
    assert x == y == [-0.5, 1.5]  # the map ends at the outer cells' edges
    assert [d["set"] for d in dots] == ["train", "test"]


def rgb(png: bytes) -> np.ndarray:
    """(height, width, 3) ints: the pixels of a PNG."""
    from PIL import Image
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)


def colours_inside(spec: dict, width: int) -> int:
    """How many colours the PNG export of `spec`, `width` px wide, shows in a patch well
    inside its plot (away from axes, legends and the dot in a corner)."""
    a = rgb(export.png(spec | {"width": width}, scale=1))
    h, w, _ = a.shape
    return len(np.unique(a[h // 4: h // 2, w * 7 // 20: w * 3 // 5].reshape(-1, 3), axis=0))


@pytest.mark.parametrize("width", [330, 400, 530, 700])
def test_a_flat_map_is_one_colour_without_seams_between_cells(width):
    xs = np.linspace(-1, 1, 30)
    gx, gy = np.meshgrid(xs, xs, indexing="ij")
    grid = pd.DataFrame({"x1": gx.ravel(), "x2": gy.ravel(), "value": 1.0, "confidence": 1.0,
                         "dx": xs[1] - xs[0], "dy": xs[1] - xs[0]})
    dot = pd.DataFrame({"x1": [0.9], "x2": [0.9], "value": [1.0], "set": ["train"]})
    assert colours_inside(charts.decision_boundary(grid, dot, "binary", "x", "y", "p"), width) == 1
    f = functions2d.FUNCTIONS["booth"]
    X, Y, Z = contours.grid(f.value, f.domain, 64)
    flat = np.ones_like(Z)
    lines = contours.iso_lines(X, Y, flat, [5.0])  # none: nothing drawn over the cells
    assert colours_inside(charts.surface_map(X, Y, flat, lines, f.domain, False, "f"), width) == 1


@pytest.mark.parametrize("task", ["binary", "regression"])
def test_boundary_cells_are_opaque_and_faded_as_translucent_cells_looked(task):
    g, pts = _grid(task)
    spec = charts.decision_boundary(g, pts, task, "x1", "x2", "p")
    heat, dots = spec["layer"]
    assert "opacity" not in heat["encoding"] and "opacity" not in heat.get("mark", {})
    assert heat["encoding"]["color"]["scale"]["range"] == [
        charts.faded(c, charts.CELL_ALPHA) for c in charts.BOUNDARY]
    assert dots["encoding"]["color"]["scale"]["range"] == list(charts.BOUNDARY)
    # #0877bd at 85 % over white: 255 - 0.85 * (255 - channel)
    assert charts.faded("#0877bd", 0.85) == "#{:02x}{:02x}{:02x}".format(
        *(round(255 - 0.85 * (255 - c)) for c in (0x08, 0x77, 0xbd)))


def test_faded_runs_from_white_to_the_colour_and_fades_arrays_alike():
    assert charts.faded("#0877bd", 1.0) == "#0877bd"
    assert charts.faded("#0877bd", 0.0) == "#ffffff"
    alphas = np.linspace(0, 1, 11)
    assert list(charts.faded("#f59322", alphas)) == [charts.faded("#f59322", a) for a in alphas]


def test_multiclass_cells_fade_with_the_winning_probability():
    g, pts = _grid("multiclass")
    g.loc[3, "confidence"] = np.nan  # what a diverged network predicts
    cells = values(charts.decision_boundary(g, pts, "multiclass", "x1", "x2", "p"))[0]
    for cell in cells[:3]:
        alpha = charts.CELL_ALPHA * (0.15 + 0.85 * cell["confidence"])
        assert cell["fill"] == charts.faded(charts.SERIES[int(cell["value"])], alpha)
    assert cells[3]["fill"] is None  # left blank, as a binary map leaves a NaN cell


def axis_labels(spec: dict, axis: str) -> list[str]:
    """The tick labels of the "X" or "Y" axis in the SVG export of `spec`."""
    svg = export.svg(spec)
    start = svg.index(f'aria-label="{axis}-axis')
    group = svg[start:svg.index('role-axis-title', start)]
    return re.findall(r"<text[^>]*>([^<]*)</text>", group)


def test_value_axes_label_a_narrow_range_with_distinct_numbers():
    h = pd.DataFrame({"epoch": np.arange(5.0), "loss": [1.3912, 1.3915, 1.393, 1.395, 1.401]})
    labels = axis_labels(charts.lines(h, "epoch", {"loss": "train"}, "epoch", "loss"), "Y")
    assert len(labels) >= 4 and len({float(v) for v in labels}) == len(labels), labels


def test_an_empty_time_heatmap_asks_for_plain_labels():
    # Before the first step the map has no cell; with no format, Chromium's Vega labelled its
    # empty axis 0.000000 (the PNG export's renderer writes 0 either way, so the spec is checked)
    h = pd.DataFrame({"epoch": [0.0], "grad_norm_1": [np.nan]})
    chart = charts.time_heatmap(h, "epoch", {"grad_norm_1": 1}, "epoch", "layer", "g")
    assert values(chart)[0] == []
    assert chart["encoding"]["x"]["axis"]["labelExpr"] == charts.NUMBER_LABEL


def test_number_labels_are_plain_numbers_si_prefixes_or_short_exponents():
    ticks = [0.0, -0.0, 0.5, -2.0, 10.0, 0.1 + 0.2, 2000.0, 9999.0, 20000.0, 12500.0, 1.5e6,
             15.47e9, 1.7e34, 1e-5, 2.5e-4, 0.001]
    spec = {"data": {"values": [{"v": 0.0}]}, "mark": "point",
            "encoding": {"y": {"field": "v", "type": "quantitative", "title": "v",
                               "scale": {"domain": [-1e35, 1e35]},
                               "axis": {"values": ticks, "labelExpr": charts.NUMBER_LABEL,
                                        "labelOverlap": False}}}}
    # one label for 0 and -0 (one tick); d3 writes a minus sign (U+2212), as every other axis
    assert sorted(axis_labels(spec, "Y")) == sorted([
        "0", "0.5", "\u22122", "10", "0.3", "2000", "9999", "20k", "12.5k", "1.5M", "15.5G",
        "1.7e34", "1e-5", "0.00025", "0.001"])


def test_a_long_log_axis_labels_its_powers_of_ten_alike():
    spec = charts.lines(pd.DataFrame({"x": [0, 1], "y": [0.7, 1.7e34]}), "x", {"y": "y"}, "x",
                        "y", log=True)
    labels = axis_labels(spec, "Y")
    assert len(labels) >= 3 and all(re.fullmatch(r"1e\d+|0\.\d*1|1|10|100|1000", l)
                                    for l in labels), labels  # 1e14, not 1M next to 1e22


def test_linear_axes_label_round_numbers_without_exponents():
    # Vega's "~g" labelled a tick step of 1 or 5,000 with one significant digit: 1e+1, 2e+4
    h = pd.DataFrame({"epoch": np.arange(11.0), "loss": np.linspace(0.0, 10.0, 11)})
    hist = pd.DataFrame({"x": [-1e-3, 0.0, 1e-3], "density": [0.0, 2e4, 0.0], "layer": 1})
    steps = pd.DataFrame({"lo": [0.0, 1.0], "hi": [1.0, 2.0], "a": [10.0, 3.0]})
    curves = pd.DataFrame({"key": "a", "x": np.arange(11.0), "y": np.arange(11.0)})
    for spec, axes in ((charts.lines(h, "epoch", {"loss": "train"}, "epoch", "loss"), "XY"),
                       (charts.spec(charts.distributions(hist, "x", "density", "layer")), "Y"),
                       (charts.step_histograms(steps, {"a": "a"}, "w", "density"), "Y"),
                       (charts.xy_curves(curves, {"a": "A"}, "epochs", "loss"), "X")):
        for axis in axes:
            labels = axis_labels(spec, axis)
            assert labels and not any("e" in l for l in labels), (axis, labels)


def test_an_empty_time_heatmaps_legend_writes_no_nan():
    h = pd.DataFrame({"epoch": [0.0], "grad_norm_1": [np.nan]})
    svg = export.svg(charts.time_heatmap(h, "epoch", {"grad_norm_1": 1}, "epoch", "layer", "g"))
    assert "NaN" not in re.findall(r"<text[^>]*>([^<]*)</text>", svg)


def test_time_heatmap_cells_span_to_the_next_row_and_skip_zeros():
    h = pd.DataFrame({"epoch": [0.0, 1.0, 2.0], "grad_norm_1": [1e-3, 0.0, 1e-2],
                      "grad_norm_2": [1.0, 2.0, np.nan]})
    chart = charts.time_heatmap(h, "epoch", {"grad_norm_1": 1, "grad_norm_2": 2}, "epoch", "layer", "g")
    valid(chart)
    cells = values(charts.spec(chart))[0]
    assert [(c["epoch"], c["x_hi"], c["layer"]) for c in cells] == [
        (0.0, 1.0, 1), (2.0, 3.0, 1), (0.0, 1.0, 2), (1.0, 2.0, 2)]


def test_skeletons_are_reused_and_rows_are_fresh():
    g, pts = _grid("binary")
    a = charts.decision_boundary(g, pts, "binary", "x1", "x2", "p")
    g2 = g.assign(value=1 - g.value)
    b = charts.decision_boundary(g2, pts, "binary", "x1", "x2", "p")
    assert {k: v for k, v in a.items() if k != "datasets"} == {k: v for k, v in b.items()
                                                               if k != "datasets"}
    assert [c["value"] for c in values(b)[0]] == pytest.approx([1 - c["value"] for c in values(a)[0]])
    b["layer"][0]["mark"] = "changed"  # a caller's edit must not leak into the cached skeleton
    assert charts.decision_boundary(g, pts, "binary", "x1", "x2", "p")["layer"][0]["mark"] != "changed"


def shown(values, lo, hi, count=6):
    """The ticks Vega draws from explicit `values` on a log axis over [lo, hi], niced to whole
    decades, with `count` ticks asked for (Vega-Lite asks ceil(height / 40), 6 at the usual
    height): vega-encode's validTicks keeps the values inside the axis, then every other one
    until no more than `count` remain, or the two ends if fewer than three are left."""
    lo, hi = 10.0 ** math.floor(math.log10(lo)), 10.0 ** math.ceil(math.log10(hi))
    ticks = [v for v in values if lo <= v <= hi]
    ends = [ticks[0], ticks[-1]]
    while len(ticks) > count and len(ticks) >= 3:
        ticks = ticks[::2]
    return ends if len(ticks) < 3 else ticks


@pytest.mark.parametrize("lo,hi", [(1e-9, 0.2), (1e-60, 1.0), (1e-3, 5.0), (3e-7, 2e4)])
def test_a_long_log_axis_shows_a_few_evenly_spaced_powers_of_ten_over_the_data(lo, hi):
    assert charts.many_decades(pd.Series([lo, hi, 0.0, np.nan]))
    spec = charts.lines(pd.DataFrame({"x": [0, 1], "y": [lo, hi]}), "x", {"y": "y"}, "x", "y",
                        log=True)
    values = spec["encoding"]["y"]["axis"]["values"]
    assert values == list(charts.DECADES)  # the same for every range: the spec stays put
    ticks = shown(values, lo, hi)
    assert 2 <= len(ticks) <= 6
    exps = np.round(np.log10(ticks))
    np.testing.assert_allclose(np.log10(ticks), exps)
    step = set(np.diff(exps))
    assert len(step) == 1  # evenly spaced, and no decade of the data a step away or more:
    assert exps[0] < math.log10(lo) + step.pop() and exps[-1] > math.log10(hi) - (exps[1] - exps[0])


@pytest.mark.parametrize("lo,hi,want", [
    (0.05, 0.4, [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0]),  # Vega's own: 0.4, 0.05, 0.01
    (0.6, 0.7, [0.1, 0.2, 0.5, 1.0]),
    (2e-5, 8e-5, [1e-5, 2e-5, 5e-5, 1e-4]),
])
def test_a_short_log_range_is_ticked_at_1_2_5(lo, hi, want):
    assert not charts.many_decades(pd.Series([lo, hi]))
    spec = charts.lines(pd.DataFrame({"x": [0, 1], "y": [lo, hi]}), "x", {"y": "y"}, "x", "y",
                        log=True)
    axis = spec["encoding"]["y"]["axis"]
    assert axis["values"] == list(charts.ONE_TWO_FIVE)
    assert shown(axis["values"], lo, hi, axis["tickCount"]) == want  # none dropped
    assert axis["labelOverlap"] is False  # nor any label: hiding some left 1, 0.2, 0.05, 0.01
    assert [float(v) for v in axis_labels(spec, "Y")] == want


def test_a_log_x_axis_that_ends_at_its_data_is_ticked_at_1_2_5_over_two_decades():
    # batch sizes 2 … 256 on an axis not widened to whole decades: its powers of ten alone
    # were 10 and 100
    frame = pd.DataFrame({"key": "a", "x": [2.0, 8.0, 256.0], "y": [1.0, 0.5, 0.1]})
    spec = charts.xy_curves(frame, {"a": "A"}, "B", "sd", log_x=True)
    assert spec["layer"][0]["encoding"]["x"]["axis"]["values"] == list(charts.ONE_TWO_FIVE)
    assert [float(v) for v in axis_labels(spec, "X")] == [2, 5, 10, 20, 50, 100, 200]
    wide = charts.xy_curves(frame.assign(x=[1.0, 10.0, 1280.0]), {"a": "A"}, "B", "sd",
                            log_x=True)
    assert wide["layer"][0]["encoding"]["x"]["axis"]["values"] == list(charts.DECADES)


def test_every_log_value_axis_ticks_at_powers_of_ten():
    from playground import paths
    c = paths.compare(paths.Setup(optimizers=("sgd",), steps=200))
    specs = [charts.step_lines(c.frame, "gap", {"sgd": "sgd"}, "gap", "step", 5),
             charts.marked_lines(pd.DataFrame({"r": [1, 2, 3], "g": [1e-6, 1.0, 1e4]}), "r",
                                 {"g": "g"}, "r", "g", 2.0),
             charts.xy_curves(pd.DataFrame({"key": ["a"] * 3, "x": [1, 2, 4],
                                            "y": [1e-5, 1e-2, 10.0]}), {"a": "A"}, "x", "y",
                              log_x=True, log_y=True)]
    for spec in specs:
        axes = [l["encoding"]["y"]["axis"] for l in spec.get("layer", [spec])
                if "y" in l.get("encoding", {})]
        assert axes and all("values" in a for a in axes)
        exps = np.log10(axes[0]["values"])
        np.testing.assert_allclose(exps, np.round(exps))


def test_legend_columns_keep_every_label_on_a_phone():
    assert charts.legend_columns(["train", "test"]) is alt.Undefined  # one row
    assert charts.legend_columns(["B = 1", "B = 8", "B = 64", "B = 512", "B = 4096", "B = 32768",
                                  "B = 100000"]) == 2
    long = ["measured (drawn minibatches)", "exact, without replacement", "tr Σ / B (with replacement)"]
    assert charts.legend_columns(long) == 1  # two such columns overflowed a 420 px screen
    assert charts.legend_columns(["实测（抽取的小批量）", "精确值（不放回）", "tr Σ / B（放回）"]) == 2
    spec = charts.xy_curves(pd.DataFrame({"key": ["a"], "x": [1.0], "y": [1.0]}),
                            {"a": long[0], "b": long[1], "c": long[2]}, "x", "y")
    assert spec["layer"][0]["encoding"]["color"]["legend"]["columns"] == 1
    assert spec["height"] == charts.HEIGHT + 2 * charts.LEGEND_ROW  # three rows of legend
