"""Maps of a function of two variables: a heatmap of cells under iso-lines, at one scale in
x and y (`isotropic`), its axes ticked at round numbers over the domain only (`map_axes`).

A map's skeleton is cached without its numbers (domain and cell size), which reach it as
Vega parameters (`numbers`)."""
import functools

import altair as alt
import numpy as np
import pandas as pd

from ui.charts.figure import Figure, spec, with_data
from ui.charts.style import (DASH, HAIR, INK, LINE, MAP_FRAME, MAP_RANGE, MAP_WIDTH, NUMBER_LABEL,
                             OVERLAP, PATH, RULE, SERIES, nice_ticks)


# A map's own numbers (its domain, cell size and ticks) travel as Vega parameters, so one
# skeleton serves every domain (see `numbers`); the expressions below read them, and the
# plot's size (width, height) as the browser lays it out.
PER_PX = "max((x_hi - x_lo) / width, (y_hi - y_lo) / height)"  # units per px, in x and in y
MARGIN = {"x": f"max(0, (width - (x_hi - x_lo) / {PER_PX}) / 2)",  # px beside the domain
          "y": f"max(0, (height - (y_hi - y_lo) / {PER_PX}) / 2)"}  # px above and below it
CELL = {"x1": "datum.x - cell_dx", "x2": "datum.x + cell_dx",  # a cell's corners (they
        "y1": "datum.y - cell_dy", "y2": "datum.y + cell_dy"}  # overlap: see OVERLAP)


def map_scales() -> tuple[alt.Scale, alt.Scale]:
    """x and y scales of a map; `mapped` gives them their domains."""
    return (alt.Scale(domain=[0.0, 1.0], nice=False, zero=False),
            alt.Scale(domain=[0.0, 1.0], nice=False, zero=False))


def isotropic() -> dict[str, dict]:
    """x and y scale domains (Vega expressions of the plot's size) that show all of the
    domain with one unit of x as long as one unit of y, however wide the plot is drawn: a
    circle stays a circle and a gradient meets its contour at a right angle. Where the plot's
    shape differs from the domain's, the map shows empty margins beside (or above and below)
    it."""
    return {channel: {"expr": f"[({lo} + {hi}) / 2 - {PER_PX} * {size} / 2, "
                              f"({lo} + {hi}) / 2 + {PER_PX} * {size} / 2]"}
            for channel, lo, hi, size in (("x", "x_lo", "x_hi", "width"),
                                          ("y", "y_lo", "y_hi", "height"))}


def map_axes(square: bool = True) -> dict[str, dict]:
    """The axes of a map: ticked only over the domain (`x_ticks`, `y_ticks`), and for a square
    map (see `isotropic`) moved in to the domain's edge, without an axis line, so that where
    the plot's shape differs from the domain's the empty margin lies outside the axes (a
    white band inside them looked like a broken map; on a projector the bands were wider
    than the map). The first and last labels keep inside the plot (flush), where a label
    centred on the plot's edge was cut ("2." for 2.5). A legend on top comes down to the
    domain's top edge too ("legend_offset": Vega's 18 px above it)."""
    out = {}
    for channel, across in (("x", "y"), ("y", "x")):
        # a tick that `sequence` puts a rounding error away from 0 is labelled 0
        zero = f"abs(datum.value) < 1e-9 * ({channel}_hi - {channel}_lo)"
        axis = {"values": {"expr": f"{channel}_ticks"},
                "labelExpr": f"{zero} ? '0' : ({NUMBER_LABEL})", "labelFlush": 12}
        if square:  # an x axis moves up by the margin under the domain, a y axis right
            axis |= {"offset": {"expr": f"-{MARGIN[across]}"}, "domain": False}
        out[channel] = axis
    out["legend_offset"] = {"expr": f"18 - {MARGIN['y']}"}
    return out


MAP = "map"  # the dataset of a map's own numbers: one row (see `numbers`)
_ROW = f"data('{MAP}')[0]"


def mapped(s: dict, square: bool = True) -> Figure:
    """A map's skeleton made to read its numbers (see `numbers`): the cells' corners, the
    scales' domains, the axes and a top legend's place. Run once per skeleton.

    The numbers arrive as a dataset, not as values in the spec: between two maps of
    different domains only the data differ, so the browser draws the new map into the chart
    it has, where a changed spec would have it build the chart anew. Vega reads a dataset
    only if a layer draws it: an empty, invisible layer does.

    square: x and y in the same units, drawn at one scale (see `isotropic`), and a file of
    the domain's aspect (see export.plain); else the domain fills the plot, as drawn.
    """
    domains = isotropic() if square else {"x": {"expr": "[x_lo, x_hi]"},
                                          "y": {"expr": "[y_lo, y_hi]"}}
    axes = map_axes(square)
    for layer in s["layer"]:
        for t in layer.get("transform", []):
            if t.get("as") in CELL:
                t["calculate"] = CELL[t["as"]]
        for channel in ("x", "y"):
            encoding = layer.get("encoding", {}).get(channel, {})
            scale = encoding.get("scale")
            if scale is not None and "domain" in scale:
                scale["domain"] = domains[channel]
                encoding["axis"] = encoding.get("axis", {}) | axes[channel]
        for encoding in layer.get("encoding", {}).values():
            legend = encoding.get("legend") if isinstance(encoding, dict) else None
            if square and isinstance(legend, dict) and legend.get("orient") == "top":
                legend["offset"] = axes["legend_offset"]
    if square:
        # the cells hide the grid; in a margin it would only draw an empty chart
        s.setdefault("config", {}).setdefault("axis", {})["grid"] = False
    s["params"] = s.get("params", []) + [
        {"name": name, "expr": f"{_ROW}.{name}"}
        for name in ("x_lo", "x_hi", "y_lo", "y_hi", "cell_dx", "cell_dy")] + [
        # the ticks run from first to last by step (half a step more: rounding)
        {"name": f"{axis}_ticks",
         "expr": f"sequence({_ROW}.{axis}_first, {_ROW}.{axis}_last + {_ROW}.{axis}_step / 2, "
                 f"{_ROW}.{axis}_step)"} for axis in ("x", "y")]
    s["layer"].append({"data": {"name": MAP}, "mark": {"type": "point", "opacity": 0}})
    return spec(s)


def numbers(domain, cell: tuple[float, float], height: int,
            square: bool = True) -> tuple[dict[str, pd.DataFrame], dict]:
    """One map's numbers: its dataset MAP (one row: the domain, the cells' half-size and the
    ticks of each axis as first, last and step, see `nice_ticks`), and what `with_data` takes
    as top-level properties: its height and, for a square map, the size of its plot in a
    file."""
    (x0, x1), (y0, y1) = domain
    row = {"x_lo": float(x0), "x_hi": float(x1), "y_lo": float(y0), "y_hi": float(y1),
           "cell_dx": cell[0] * OVERLAP, "cell_dy": cell[1] * OVERLAP}
    for axis, lo, hi in (("x", x0, x1), ("y", y0, y1)):
        ticks = nice_ticks(lo, hi)
        row |= {f"{axis}_first": ticks[0], f"{axis}_last": ticks[-1],
                f"{axis}_step": ticks[1] - ticks[0] if len(ticks) > 1 else 1.0}
    top = {"height": height}
    if square:
        plot = height - MAP_FRAME
        top["usermeta"] = {"plot": [round(plot * (x1 - x0) / (y1 - y0)), plot]}
    return {MAP: pd.DataFrame([row])}, top


# half a wide page or a phone's full width: about 335 px of plot (the height counts the x axis
# and a legend), so a circle looks round; a pca plane, often long and thin, is not a strip
FIXED_HEIGHT = MAP_FRAME + 300


def map_height(domain) -> int:
    """About one unit of y per unit of x at the usual width, so circles look round."""
    (x0, x1), (y0, y1) = domain
    return MAP_FRAME + int(min(max(MAP_WIDTH * (y1 - y0) / (x1 - x0), 220), 520))


def surface_layers(log: bool, z_title: str, pick: str | None) -> list[alt.Chart]:
    """Heatmap (dataset "cells": x, y, z) and iso-lines (dataset "iso": x, y, x2, y2).

    log: colour by the cells' column c, max(z - zmin, floor), on a log scale (which cannot
    show 0); else by z on a linear scale. The numbers (domain, cell) come in through
    `numbers`. Nothing in the spec depends on the function's values: a new function of the
    same domain only brings new data, which the browser draws into the chart it has, where
    a changed spec would have it build the whole chart anew.
    """
    sx, sy = map_scales()
    rect = (
        alt.Chart(alt.NamedData("cells"))
        .transform_calculate(**CELL)
        .mark_rect(clip=True)
        .encode(x=alt.X("x1:Q", title="x", scale=sx), x2="x2:Q",
                y=alt.Y("y1:Q", title="y", scale=sy), y2="y2:Q",
                color=alt.Color("c:Q" if log else "z:Q", legend=None,
                                scale=alt.Scale(type="log" if log else "linear",
                                                range=list(MAP_RANGE))),
                tooltip=[alt.Tooltip("x:Q", format=".2f"), alt.Tooltip("y:Q", format=".2f"),
                         alt.Tooltip("z:Q", title=z_title, format=".4g")])
    )
    if pick:
        rect = rect.add_params(alt.selection_point(name=pick, fields=["x", "y"], on="click"))
    iso = (
        alt.Chart(alt.NamedData("iso"))
        .mark_rule(color=INK, strokeWidth=HAIR, opacity=0.4, clip=True)
        .encode(x=alt.X("x:Q", scale=sx), y=alt.Y("y:Q", scale=sy), x2="x2:Q", y2="y2:Q")
    )
    return [rect, iso]


def surface_data(X, Y, Z, lines, log) -> tuple[dict[str, pd.DataFrame], tuple]:
    """The map's datasets ("cells": x, y, z and with `log` c, the height above the lowest
    cell, floored at a millionth of the range; "iso": the segments) and its cell size."""
    cells = pd.DataFrame({"x": X.ravel(), "y": Y.ravel(), "z": Z.ravel()}).round(5)
    if log:
        z = cells["z"].to_numpy()
        finite = z[np.isfinite(z)]
        zmin, floor = ((finite.min(), max((finite.max() - finite.min()) * 1e-6, 1e-12))
                       if finite.size else (0.0, 1e-12))
        with np.errstate(invalid="ignore"):
            cells["c"] = np.maximum(z - zmin, floor)  # NaN stays NaN: a cell left blank
    cell = (float(X[0, 1] - X[0, 0]), float(Y[1, 0] - Y[0, 0]))
    return {"cells": cells, "iso": lines[["x", "y", "x2", "y2"]].round(5)}, cell


@functools.lru_cache(maxsize=32)
def _surface_spec(log, z_title, pick) -> Figure:
    return mapped(spec(alt.layer(*surface_layers(log, z_title, pick))))


def surface_map(X: np.ndarray, Y: np.ndarray, Z: np.ndarray, lines: pd.DataFrame, domain,
                log: bool, z_title: str, pick: str | None = None) -> Figure:
    """A function on a grid (X, Y, Z from `contours.grid`) as a heatmap, one rect per grid
    point, with the iso-line segments of `contours.iso_lines` drawn over it.

    log: colour by the height above the lowest value on the map, on a log scale. `pick`
    names a click selection on the cells (fields x, y) for a page to read back.
    """
    data, cell = surface_data(X, Y, Z, lines, log)
    table, top = numbers(domain, cell, map_height(domain))
    return with_data(_surface_spec(log, z_title, pick), data | table, **top)


@functools.lru_cache(maxsize=32)
def _constraint_map_spec(color: str, titles: tuple) -> dict:
    T = dict(titles)
    sx, sy = map_scales()
    x, y = alt.X("x:Q", scale=sx), alt.Y("y:Q", scale=sy)
    rect, iso = surface_layers(False, T["z"], None)
    rect = rect.encode(x=alt.X("x1:Q", title=T["x"], scale=sx),
                       y=alt.Y("y1:Q", title=T["y"], scale=sy))
    ball = (alt.Chart(alt.NamedData("ball"))
            .mark_line(color=color, strokeWidth=LINE, clip=True)
            .encode(x=x, y=y, order="order:Q"))
    touch = (alt.Chart(alt.NamedData("touch"))
             .mark_rule(color=INK, strokeWidth=RULE, strokeDash=DASH, clip=True)
             .encode(x=x, y=y, x2="x2:Q", y2="y2:Q"))
    path = (alt.Chart(alt.NamedData("path"))
            .mark_line(color=SERIES[1], strokeWidth=PATH, clip=True)
            .encode(x=x, y=y, order="lam:Q",
                    tooltip=[alt.Tooltip("lam:Q", title=T["lam"], format=".2f"),
                             alt.Tooltip("x:Q", title=T["x"], format=".3f"),
                             alt.Tooltip("y:Q", title=T["y"], format=".3f")]))
    names = [T["minimum"], T["solution"]]
    marks = (alt.Chart(alt.NamedData("marks"))
             .mark_point(size=150, strokeWidth=LINE, opacity=1, clip=True)
             .encode(x=x, y=y,
                     # no legend: the page names the cross and the dot in its text
                     shape=alt.Shape("kind:N", legend=None,
                                     scale=alt.Scale(domain=names, range=["cross", "circle"])),
                     color=alt.Color("kind:N", legend=None,
                                     scale=alt.Scale(domain=names, range=[INK, SERIES[1]])),
                     fill=alt.Fill("kind:N", legend=None,
                                   scale=alt.Scale(domain=names,
                                                   range=["transparent", SERIES[1]])),
                     tooltip=[alt.Tooltip("kind:N", title=" "),
                              alt.Tooltip("x:Q", title=T["x"], format=".4f"),
                              alt.Tooltip("y:Q", title=T["y"], format=".4f")]))
    return mapped(spec(alt.layer(rect, iso, ball, touch, path, marks)
                       .resolve_scale(color="independent", fill="independent")))


def constraint_map(X: np.ndarray, Y: np.ndarray, Z: np.ndarray, lines: pd.DataFrame, domain,
                   ball: pd.DataFrame, touch: pd.DataFrame, path: pd.DataFrame,
                   marks: pd.DataFrame, color: str, titles: dict[str, str]) -> Figure:
    """A loss map (the heatmap and iso-lines of `surface_map`) with the boundary of a norm ball
    in `color` (ball: order, x, y), the iso-line that touches it, dashed (touch: x, y, x2, y2),
    the regularized solution's path as the penalty grows (path: lam, x, y) and two markers
    (marks: x, y, kind; kind is titles["minimum"], drawn as a black cross, or
    titles["solution"], an orange dot; the kinds name them in tooltips, there is no legend).

    titles: x, y (axes), z (the loss), lam (the penalty), minimum, solution.
    """
    data, cell = surface_data(X, Y, Z, lines, False)
    skeleton = _constraint_map_spec(color, tuple(sorted(titles.items())))
    table, top = numbers(domain, cell, FIXED_HEIGHT)
    return with_data(skeleton, data | table | {"ball": ball[["order", "x", "y"]],
                                               "touch": touch[["x", "y", "x2", "y2"]],
                                               "path": path[["lam", "x", "y"]],
                                               "marks": marks[["x", "y", "kind"]]}, **top)
