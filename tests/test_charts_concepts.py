"""Chart builders of the concept pages: valid Vega-Lite, drawing exactly the data they are given."""
import numpy as np
import pandas as pd
import pytest

from playground import cnn, info
from ui import charts
from test_charts import axis_labels, resolve, valid, values


def costs():
    return pd.DataFrame({"layer": [1, 2, 3], "params": [10, 0, 1e8], "macs": [5e6, 0, 1e8]})


def table():
    return cnn.analyze(cnn.parse_stack("c3p1o8, m2, f10")[0], 8, 8, 3).table


def decomposition():
    return charts.decomposition(
        pd.DataFrame({"row": ["H(p, q)", "H(p, q)", "H(q, p)", "H(q, p)"],
                      "part": ["h", "kl", "h", "kl"], "value": [1.0, 0.25, 0.5, np.inf]}),
        {"h": "entropy", "kl": "KL"}, "nats")


def curves():
    df = info.sigmoid_losses(1, np.linspace(-10, 10, 21))
    return charts.marked_curves(df[["z", "d_bce", "d_mse"]], {"d_bce": "CE", "d_mse": "MSE"},
                                "z", "grad", -6, info.confidently_wrong(1, -10, 10), "wrong")


@pytest.mark.parametrize("chart", [
    lambda: charts.grouped_bars(costs(), "layer", {"params": "p", "macs": "m"}, "l", "n", log=True),
    lambda: charts.grouped_bars(costs(), "layer", {"params": "p"}, "l", "n"),
    decomposition,
    curves,
    lambda: charts.grids([("x", cnn.conv_demo().x), ("y", cnn.conv_demo().y)]),
    lambda: charts.stack_profile(table(), {"h": "size", "field": "field"}, "layer", "px"),
])
def test_specs_validate_against_the_vega_lite_schema(chart):
    valid(chart())


def test_log_bars_leave_out_zeros_and_keep_the_rest():
    spec = charts.spec(charts.grouped_bars(costs(), "layer", {"params": "p", "macs": "m"},
                                           "l", "n", log=True))
    drawn = {(r["series"], r["layer"]) for r in values(spec)[0]}
    assert drawn == {("p", 1), ("p", 3), ("m", 1), ("m", 3)}
    assert spec["encoding"]["y"]["scale"]["type"] == "log"


def test_decomposition_stacks_finite_parts_in_order():
    spec = charts.spec(decomposition())
    rows = values(spec)[0]
    assert [(r["row"], r["series"], r["value"]) for r in rows] == [
        ("H(p, q)", "entropy", 1.0), ("H(p, q)", "KL", 0.25), ("H(q, p)", "entropy", 0.5)]
    assert spec["encoding"]["x"]["stack"] == "zero"


def test_marked_curves_draw_the_zone_the_curves_and_the_marker():
    shade, lines, rule = values(charts.spec(curves()))
    assert (shade[0]["lo"], shade[0]["hi"]) == (-10, pytest.approx(-np.log(9)))
    assert len(lines) == 2 * 21
    assert rule == [{"z": -6}]


def test_grids_write_every_cell_and_centre_signed_scales_on_zero():
    d = cnn.conv_demo(1)
    spec = charts.grids([("x", d.x), ("y", d.y)])
    # each panel names its rows in the top-level datasets
    x_cells, y_cells = (values(panel | {"datasets": spec["datasets"]})[0]
                        for panel in spec["hconcat"])
    assert [c["v"] for c in x_cells] == d.x.ravel().tolist()
    assert [c["v"] for c in y_cells] == d.y.ravel().tolist()
    y_scale = spec["hconcat"][1]["layer"][0]["encoding"]["fill"]["scale"]
    if (d.y < 0).any():
        assert y_scale["domainMid"] == 0
    for panel, m in zip(spec["hconcat"], (d.x, d.y)):  # each panel's colours span its own values
        top = np.abs(m).max()
        assert resolve(spec, panel["layer"][0]["encoding"]["fill"]["scale"]["domain"]) == (
            [-top, top] if (m < 0).any() else [0, top])


def test_log_bars_of_counts_are_ticked_at_round_counts():
    # Vega's own log ticks drew a grid line at every 2…9 × 10ᵏ; labels in SI, as the metrics
    rows = pd.DataFrame({"layer": [1, 2], "params": [1_728, 2_359_808],
                         "macs": [86_704_128, 1_849_688_064]})
    spec = charts.spec(charts.grouped_bars(rows, "layer", {"params": "p", "macs": "m"}, "l", "n",
                                           log=True))
    assert spec["encoding"]["y"]["axis"]["values"] == list(charts.DECADES)
    labels = axis_labels(spec, "Y")
    assert {"1M", "1G"} <= set(labels) and not any("e" in l for l in labels), labels


def test_log_bars_start_at_one():
    spec = charts.spec(charts.grouped_bars(costs(), "layer", {"params": "p"}, "l", "n", log=True))
    assert spec["encoding"]["y2"] == {"datum": 1}


def test_stack_profile_leaves_out_the_fields_of_fully_connected_layers():
    spec = charts.spec(charts.stack_profile(table(), {"h": "size", "field": "field"}, "l", "px"))
    drawn = [(r["series"], r["layer"], r["value"]) for r in values(spec)[0]]
    assert drawn == [("size", 0, 8), ("size", 1, 8), ("size", 2, 4), ("size", 3, 1),
                     ("field", 0, 1), ("field", 1, 3), ("field", 2, 4)]
