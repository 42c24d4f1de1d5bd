"""Chart builders of the Optimizer paths page: valid Vega-Lite, drawing exactly the data given."""
import re

import altair as alt
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from playground import contours
from ui import charts
from ui.charts import paths as charts_paths
from ui.charts import export
from playground import functions2d as F
from playground import paths as P
from test_charts import as_sent, resolve

TITLES = {"z": "f", "step": "step", "loss": "loss", "start": "start", "minimum": "minimum"}


@pytest.fixture(scope="module")
def race():
    s = P.Setup(optimizers=("sgd", "adam", "momentum"), lr=0.1, steps=40)
    return s, P.compare(s)


@pytest.fixture(scope="module")
def surface():
    f = F.FUNCTIONS["himmelblau"]
    X, Y, Z = contours.grid(f.value, f.domain, 20)
    return f, X, Y, Z, contours.iso_lines(X, Y, Z, contours.levels(Z, 5, log=True))


def layers(spec):
    """The layers that draw something (a map's layer of its own numbers draws nothing)."""
    return [l for l in spec.get("layer", [spec])
            if l.get("data", {}).get("name") != charts.maps.MAP]


def test_surface_map_validates_and_carries_every_cell_and_segment(surface):
    f, X, Y, Z, lines = surface
    for log in (True, False):
        spec = charts.surface_map(X, Y, Z, lines, f.domain, log, "f", pick="pick")
        alt.LayerChart.from_dict(as_sent(spec), validate=True)
        cells = charts.rows(spec, "cells")
        assert len(cells) == 400 and len(charts.rows(spec, "iso")) == len(lines)
        np.testing.assert_allclose([c["z"] for c in cells], Z.ravel(), rtol=1e-4)
        color = layers(spec)[0]["encoding"]["color"]["scale"]
        assert color.get("type") == ("log" if log else "linear")
    assert spec["params"][0]["name"] == "pick"


def test_optimizer_map_draws_paths_up_to_the_step_with_one_colour_each(race, surface):
    s, c = race
    f, start = P.problem(s)
    _, X, Y, Z, lines = surface
    series = {o: o.upper() for o in s.optimizers}
    spec = charts.optimizer_map(X, Y, Z, lines, c.frame, series, 25, start, f.minima, f.domain,
                                True, TITLES)
    alt.LayerChart.from_dict(as_sent(spec), validate=True)
    data = {name: charts.rows(spec, name) for name in spec["datasets"]}
    assert max(r["step"] for r in data["paths"]) == 25
    assert {r["series"] for r in data["paths"]} == {"SGD", "ADAM", "MOMENTUM"}
    assert sorted((r["series"], r["step"]) for r in data["now"]) == [
        ("ADAM", 25), ("MOMENTUM", 25), ("SGD", 25)]
    sgd_now = next(r for r in data["now"] if r["series"] == "SGD")
    assert (sgd_now["x"], sgd_now["y"]) == pytest.approx(c.position("sgd", 25), abs=1e-9)
    assert [(r["x"], r["y"], r["kind"]) for r in data["marks"]] == [(0, 0, "minimum"),
                                                                    (*start, "start")]
    path_layer = next(l for l in layers(spec) if l.get("data", {}).get("name") == "paths")
    scale = path_layer["encoding"]["color"]["scale"]
    assert resolve(spec, scale["domain"]) == ["SGD", "ADAM", "MOMENTUM"]
    assert scale["range"][:3] == list(charts.SERIES[:3])


def test_diverged_points_are_not_drawn():
    s = P.Setup(optimizers=("sgd", "adam"), lr=1.0, steps=30)  # sgd diverges
    c, (f, start) = P.compare(s), P.problem(s)
    X, Y, Z = contours.grid(f.value, f.domain, 8)
    spec = charts.optimizer_map(X, Y, Z, contours.iso_lines(X, Y, Z, [1.0]), c.frame,
                                {"sgd": "sgd", "adam": "adam"}, 30, start, f.minima, f.domain,
                                False, TITLES)
    sgd = [r for r in charts.rows(spec, "paths") if r["series"] == "sgd"]
    assert len(sgd) == c.diverged["sgd"] and all(np.isfinite(r["x"]) for r in sgd)


def test_step_lines_on_a_log_axis_leave_out_what_it_cannot_draw():
    frame = pd.DataFrame({"optimizer": ["a"] * 4 + ["b"] * 4, "step": [0, 1, 2, 3] * 2,
                          "gap": [1.0, 0.1, 0.0, np.nan, -1.0, 2.0, 3.0, np.inf]})
    spec = charts.step_lines(frame, "gap", {"a": "A", "b": "B"}, "gap", "step", 2)
    alt.LayerChart.from_dict(as_sent(spec), validate=True)
    assert [(r["series"], r["step"]) for r in charts.rows(spec, "lines")] == [
        ("A", 0), ("A", 1), ("B", 1), ("B", 2)]
    assert charts.rows(spec, "now") == [{"step": 2}]
    assert layers(spec)[1]["encoding"]["y"]["scale"]["type"] == "log"
    linear = charts.step_lines(frame, "gap", {"a": "A", "b": "B"}, "gap", "step", 0, log=False)
    assert len(charts.rows(linear, "lines")) == 6


def test_with_data_never_changes_the_cached_skeleton(race, surface):
    s, c = race
    f, start = P.problem(s)
    _, X, Y, Z, lines = surface
    args = (X, Y, Z, lines, c.frame, {"sgd": "sgd"}, 5, start, f.minima, f.domain, True, TITLES)
    first = charts.optimizer_map(*args)
    first["layer"].clear()
    assert charts.optimizer_map(*args)["layer"]


def test_a_new_set_of_labels_reuses_the_skeletons_with_its_own_colours(race, surface):
    s, c = race
    f, start = P.problem(s)
    _, X, Y, Z, lines = surface

    def both(series):
        return (charts.optimizer_map(X, Y, Z, lines, c.frame, series, 5, start, f.minima,
                                     f.domain, True, TITLES),
                charts.step_lines(c.frame, "gap", series, "gap", "step", 5))

    both({"sgd": "sgd", "adam": "adam", "momentum": "momentum"})
    built = (charts_paths._optimizer_map_spec.cache_info().misses,
             charts_paths._step_lines_spec.cache_info().misses)
    for series in ({"adam": "Adam", "sgd": "SGD", "momentum": "M"},
                   {"momentum": "μ", "sgd": "s", "adam": "a"}):
        m, g = both(series)
        for fig, layer in ((m, layers(m)[2]), (m, layers(m)[3]), (g, g["layer"][1])):
            scale = layer["encoding"]["color"]["scale"]
            assert resolve(fig, scale["domain"]) == list(series.values())
            assert scale["range"][:3] == list(charts.SERIES[:3])
        assert {r["series"] for r in charts.rows(g, "lines")} == set(series.values())
    assert (charts_paths._optimizer_map_spec.cache_info().misses,
            charts_paths._step_lines_spec.cache_info().misses) == built


def test_small_values_keep_full_precision_and_round_off_is_left_out():
    frame = pd.DataFrame({"optimizer": ["a"] * 3, "step": [0, 1, 2],
                          "gap": [2.0, 3.2e-12, 1e-300]})
    spec = charts.step_lines(frame, "gap", {"a": "A"}, "gap", "step", 0)
    assert [r["value"] for r in charts.rows(spec, "lines")] == [2.0, 3.2e-12]  # 1e-300 < 2e-16


def test_maps_of_different_domains_share_a_skeleton_but_keep_their_own_numbers():
    drawn = []
    for name in ("himmelblau", "booth", "himmelblau"):
        f = F.FUNCTIONS[name]
        X, Y, Z = contours.grid(f.value, f.domain, 10)
        spec = charts.surface_map(X, Y, Z, contours.iso_lines(X, Y, Z, [1.0]), f.domain, True, "f")
        rect, iso = layers(spec)[:2]
        (x0, x1), (y0, y1) = f.domain
        for layer in (rect, iso):
            for channel, domain in charts.isotropic().items():
                assert layer["encoding"][channel]["scale"]["domain"] == domain
        assert [resolve(spec, {"expr": e}) for e in ("x_lo", "x_hi", "y_lo", "y_hi")] == [
            x0, x1, y0, y1]
        corner = next(t["calculate"] for t in rect["transform"] if t["as"] == "x2")
        dx = X[0, 1] - X[0, 0]
        assert resolve(spec, {"expr": corner.replace("datum.x", "0")}) == dx * charts.OVERLAP
        cells = pd.DataFrame(charts.rows(spec, "cells"))
        floor = max((cells["z"].max() - cells["z"].min()) * 1e-6, 1e-12)
        np.testing.assert_array_equal(cells["c"], np.maximum(cells["z"] - cells["z"].min(),
                                                             floor))
        drawn.append(spec)
    # one skeleton; each map's numbers in its own dataset, so the browser's chart takes in a
    # new map's data instead of being built anew
    assert drawn[0]["layer"] == drawn[1]["layer"] and drawn[0]["params"] == drawn[1]["params"]
    numbers = [charts.rows(d, "map") for d in drawn]
    assert numbers[0] == numbers[2] != numbers[1]


@given(st.floats(1, 10), st.floats(1, 10), st.integers(150, 2000), st.integers(150, 1200))
def test_map_domains_show_all_of_the_function_at_one_scale_for_x_and_y(dx, dy, width, height):
    domain = ((-1.0, dx - 1.0), (2.0, 2.0 + dy))
    table, _ = charts.maps.numbers(domain, (0.1, 0.1), 400)
    fig = charts.maps.mapped({"layer": []}) | {"datasets": table}
    (x0, x1), (y0, y1) = (resolve(fig, e, width, height) for e in charts.isotropic().values())
    assert x0 <= -1.0 + 1e-9 and x1 >= dx - 1.0 - 1e-9 and y0 <= 2.0 + 1e-9
    assert y1 >= 2.0 + dy - 1e-9
    assert (x1 - x0) / width == pytest.approx((y1 - y0) / height)  # units per pixel
    assert min(x1 - x0 - dx, y1 - y0 - dy) == pytest.approx(0, abs=1e-9)  # one side fits


@pytest.mark.parametrize("width,height", [(1000, 455), (205, 280), (430, 430)])
def test_map_axes_hug_the_domain_so_no_margin_lies_inside_them(surface, width, height):
    # a plot of another shape than the domain showed white bands inside its axes (a projector's
    # 1000 x 455 px plot of a square domain, or three maps side by side at 1280 px)
    f, X, Y, Z, lines = surface
    spec = charts.surface_map(X, Y, Z, lines, f.domain, True, "f")
    (x0, x1), (y0, y1) = f.domain
    (dx0, dx1), (dy0, dy1) = (resolve(spec, e, width, height)
                              for e in charts.isotropic().values())
    left = (x0 - dx0) / (dx1 - dx0) * width  # px of margin beside and under the domain
    below = (y0 - dy0) / (dy1 - dy0) * height
    for layer in layers(spec):
        x, y = layer["encoding"]["x"]["axis"], layer["encoding"]["y"]["axis"]
        assert resolve(spec, x["offset"], width, height) == pytest.approx(-below, abs=1e-6)
        assert resolve(spec, y["offset"], width, height) == pytest.approx(-left, abs=1e-6)
        assert x["domain"] is False and y["domain"] is False  # no axis line across a margin
        xs, ys = resolve(spec, x["values"]), resolve(spec, y["values"])
        assert x0 <= min(xs) and max(xs) <= x1 and len(xs) >= 3
        assert y0 <= min(ys) and max(ys) <= y1 and len(ys) >= 3
        # a label on the plot's edge keeps inside it: centred, "2.5" was cut to "2."
        assert x["labelFlush"] >= 10 and y["labelFlush"] >= 10


def test_a_maps_top_legend_sits_just_above_the_domain(race, surface):
    s, c = race
    f, start = P.problem(s)
    _, X, Y, Z, lines = surface
    spec = charts.optimizer_map(X, Y, Z, lines, c.frame, {"sgd": "sgd"}, 5, start, f.minima,
                                f.domain, True, TITLES)
    legends = [e["legend"] for l in layers(spec) for e in l["encoding"].values()
               if isinstance(e, dict) and isinstance(e.get("legend"), dict)]
    assert legends
    for width, height, margin in ((430, 430, 0), (205, 280, (280 - 205) / 2)):
        for legend in legends:
            got = resolve(spec, legend["offset"], width, height)
            assert got == pytest.approx(18 - margin)


@pytest.mark.parametrize("lo,hi", [(-2.5, 2.5), (-1.0, 3.0), (0.0, 1.1), (-0.35, 1.45),
                                   (-6.2, 6.3), (0.0, 1e-3), (1e4, 1.02e4)])
def test_nice_ticks_are_round_evenly_spaced_and_inside(lo, hi):
    ticks = charts.nice_ticks(lo, hi)
    assert 3 <= len(ticks) <= 10 and lo <= ticks[0] and ticks[-1] <= hi
    steps = np.diff(ticks)
    np.testing.assert_allclose(steps, steps[0], rtol=1e-9)
    mantissa = steps[0] / 10 ** np.floor(np.log10(steps[0]))
    assert round(mantissa, 9) in (1, 2, 5)
    assert all(len(repr(t)) <= 8 for t in ticks), ticks  # 0.3, not 0.30000000000000004


def test_a_loss_map_is_square_unless_its_plane_should_fill_the_plot():
    f = F.FUNCTIONS["six_hump_camel"]
    X, Y, Z = contours.grid(f.value, f.domain, 10)
    path = pd.DataFrame(columns=["step", "x", "y", "loss"])
    args = (X, Y, Z, contours.iso_lines(X, Y, Z, [1.0]), path,
            pd.DataFrame({"x": [0.0], "y": [0.0], "kind": ["end"]}), f.domain, True,
            {"x": "a", "y": "b", "z": "f", "step": "s", "start": "start", "end": "end"})
    square, filled = charts.loss_map(*args), charts.loss_map(*args, square=False)
    (x0, x1), (y0, y1) = f.domain
    for layer in layers(square)[:2]:
        assert layer["encoding"]["x"]["scale"]["domain"] == charts.isotropic()["x"]
    for layer in layers(filled)[:2]:
        assert resolve(filled, layer["encoding"]["x"]["scale"]["domain"]) == [x0, x1]
        assert resolve(filled, layer["encoding"]["y"]["scale"]["domain"]) == [y0, y1]
    assert "usermeta" in square and "usermeta" not in filled  # a file as drawn: WIDTH wide


def test_a_loss_maps_legend_shows_its_markers_in_their_colours():
    # the legend drew both symbols grey while the start is an orange cross on the map
    f = F.FUNCTIONS["booth"]
    X, Y, Z = contours.grid(f.value, f.domain, 8)
    T = {"x": "a", "y": "b", "z": "f", "step": "s", "start": "initial", "end": "trained"}
    spec = charts.loss_map(X, Y, Z, contours.iso_lines(X, Y, Z, [1.0]),
                           pd.DataFrame(columns=["step", "x", "y", "loss"]),
                           pd.DataFrame({"x": [1.0, 2.0], "y": [1.0, 2.0],
                                         "kind": ["initial", "trained"]}), f.domain, True, T)
    svg = export.svg(spec)
    legend = svg[svg.index("role-legend"):]
    strokes = re.findall(r'<path transform="[^"]*" d="[^"]*" stroke="([^"]*)"', legend)[:2]
    assert strokes == [charts.SERIES[1], charts.INK]


def test_a_new_function_on_the_same_domain_changes_the_data_not_the_spec():
    # (a changed spec makes the browser build the chart anew; new data it draws in place)
    def drawn(kappa, log):
        f = F.quadratic(kappa, 30)
        X, Y, Z = contours.grid(f.value, f.domain, 12)
        spec = charts.surface_map(X, Y, Z, contours.iso_lines(X, Y, Z, contours.levels(Z, 4, log)),
                                  f.domain, log, "f")
        return {k: v for k, v in spec.items() if k != "datasets"}, charts.rows(spec, "cells")

    for log in (True, False):
        (a, cells_a), (b, cells_b) = drawn(1, log), drawn(1000, log)
        assert a == b and cells_a != cells_b


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 2), st.floats(-5, 5), st.floats(-5, 5)), max_size=60),
       st.sampled_from([0.01, 0.3, 2.0]))
def test_visible_points_keep_every_line_within_a_square_of_itself(points, cell):
    points.sort(key=lambda p: p[0])  # the points of a line follow one another
    line = np.array([p[0] for p in points])
    xy = np.array([p[1:] for p in points], dtype=float).reshape(-1, 2)
    keep = charts.visible(xy, line, cell)
    for name in set(line):
        rows = np.flatnonzero(line == name)
        assert keep[rows[0]] and keep[rows[-1]]  # where a path starts and where it stands
        last = None
        for i in rows:
            if keep[i]:
                last = xy[i]
            else:  # a dropped point lies in the square of the last point kept before it
                assert (np.floor(xy[i] / cell) == np.floor(last / cell)).all()
                assert np.hypot(*(xy[i] - last)) <= cell * np.sqrt(2)


def test_a_settled_path_costs_the_map_a_few_points(surface):
    s = P.Setup(optimizers=("sgd", "adam"), lr=0.05, steps=500)
    c, (f, start) = P.compare(s), P.problem(s)
    _, X, Y, Z, lines = surface
    spec = charts.optimizer_map(X, Y, Z, lines, c.frame, {"sgd": "sgd", "adam": "adam"}, 500,
                                start, f.minima, f.domain, True, TITLES)
    drawn = pd.DataFrame(charts.rows(spec, "paths"))
    (x0, x1), (y0, y1) = f.domain
    cell = max(x1 - x0, y1 - y0) / charts.PIXELS
    for name in ("sgd", "adam"):
        full = c.frame[c.frame["optimizer"] == name]
        kept = drawn[drawn["series"] == name]
        assert len(kept) < len(full) / 2  # both settle near the minimum long before step 500
        assert (kept["step"].iloc[0], kept["step"].iloc[-1]) == (0, 500)
        # every step of the full path lies within a square's diagonal of a point drawn
        gap = np.hypot(full["x"].to_numpy()[:, None] - kept["x"].to_numpy(),
                       full["y"].to_numpy()[:, None] - kept["y"].to_numpy()).min(1)
        assert gap.max() <= cell * np.sqrt(2)


def test_step_lines_have_a_fixed_step_axis_so_the_rule_moves_alone():
    frame = pd.DataFrame({"optimizer": ["a"] * 4, "step": [0, 1, 2, 3],
                          "gap": [1.0, 0.5, 0.2, 0.1]})
    for now in (0, 2):
        spec = charts.step_lines(frame, "gap", {"a": "A"}, "gap", "step", now)
        line = next(l for l in layers(spec) if l["data"]["name"] == "lines")
        assert resolve(spec, line["encoding"]["x"]["scale"]["domain"]) == [0, 3]


def test_step_lines_keep_their_own_steps_and_one_spec_for_every_long_range():
    def drawn(gaps):
        frame = pd.DataFrame({"optimizer": ["a"] * len(gaps), "step": range(len(gaps)),
                              "gap": gaps})
        spec = charts.step_lines(frame, "gap", {"a": "A"}, "gap", "step", 0)
        alt.LayerChart.from_dict(as_sent(spec), validate=True)
        scale = next(l for l in layers(spec) if l["data"]["name"] == "lines")["encoding"]["x"]
        steps = resolve(spec, scale["scale"]["domain"])
        return {k: v for k, v in spec.items() if k not in ("datasets", "params")}, steps

    (a, steps_a), (b, steps_b) = drawn([1.0, 1e-3, 1e-6, 1e-9, 1e-12]), drawn([1e3, 1e-1, 1e-5])
    assert (steps_a, steps_b) == ([0, 4], [0, 2])
    assert a == b  # twelve decades or eight: the browser keeps the chart it has
    short, _ = drawn([1.0, 0.5, 0.2])
    assert short != a  # Vega's own ticks


def hue(colour: str) -> float:
    """The CIE LCh hue angle of "#rrggbb" (sRGB, D65), in degrees."""
    rgb = np.array([int(colour[i:i + 2], 16) for i in (1, 3, 5)]) / 255
    rgb = np.where(rgb > 0.04045, ((rgb + 0.055) / 1.055) ** 2.4, rgb / 12.92)
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722],
                    [0.0193, 0.1192, 0.9505]]) @ rgb / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    return float(np.degrees(np.arctan2(200 * (f[1] - f[2]), 500 * (f[0] - f[1]))) % 360)


def test_every_optimizer_on_the_map_gets_its_own_hue(race, surface):
    # momentum (2nd) and Newton (4th) were both orange: hues 28° apart
    s, c = race
    f, start = P.problem(s)
    _, X, Y, Z, lines = surface
    names = ["sgd", "momentum", "adam", "newton", "rmsprop", "adagrad"]
    spec = charts.optimizer_map(X, Y, Z, lines, c.frame, {n: n for n in names}, 5, start,
                                f.minima, f.domain, True, TITLES)
    path_layer = next(l for l in layers(spec) if l.get("data", {}).get("name") == "paths")
    colours = path_layer["encoding"]["color"]["scale"]["range"]
    assert len(set(colours)) == len(names)
    hues = [hue(c) for c in colours[:5]]  # the sixth is a grey
    for i in range(5):
        for j in range(i):
            gap = abs(hues[i] - hues[j])
            assert min(gap, 360 - gap) >= 35, (names[i], names[j], colours[i], colours[j])
