"""Chart builders: valid Vega-Lite, and they draw exactly the data they are given."""
import numpy as np
import pandas as pd
import pytest

from playground import activations, charts


def values(spec: dict) -> list[list[dict]]:
    """Inline data of a (possibly layered) spec, one list per layer (Altair hoists it into
    top-level named datasets)."""
    def rows(data):
        return data["values"] if "values" in data else spec["datasets"][data["name"]]
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
    chart().to_dict(validate=True)  # raises on an invalid spec


def test_log_profile_drops_what_a_log_axis_cannot_draw():
    spec = charts.spec(charts.layer_profile(stats(), {"act_std": "std", "grad_norm": "g"},
                                            "layer", "y"))
    rows = values(spec)[0]
    drawn = {(r["series"], r["layer"]) for r in rows}
    assert drawn == {("std", 1), ("std", 4), ("g", 1), ("g", 2), ("g", 3)}
    assert spec["encoding"]["y"]["scale"]["type"] == "log"


def test_linear_profile_keeps_zero_and_carries_non_finite_as_null():
    spec = charts.spec(charts.layer_profile(stats(), {"act_std": "std"}, "layer", "y", log=False))
    assert [r["value"] for r in values(spec)[0]] == [0.5, 0.0, None, 2.0]


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
