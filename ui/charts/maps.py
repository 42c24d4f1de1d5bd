"""Maps of a function of two variables: a heatmap of cells under iso-lines, at one scale in
x and y (`isotropic`), its axes ticked at round numbers over the domain only (`map_axes`).

Map skeletons are cached without one map's numbers (its domain and cell size) and get them
in `place`."""
import functools

import altair as alt
import numpy as np
import pandas as pd

from ui.charts.figure import Figure, spec, with_data
from ui.charts.style import (DASH, HAIR, INK, LINE, MAP_FRAME, MAP_RANGE, MAP_WIDTH, NUMBER_LABEL,
                             OVERLAP, PATH, RULE, SERIES, nice_ticks, value_axis)


# Map skeletons are cached without the numbers of one map (its domain and cell size), which
# change with every new function: they are built with these placeholders, and `place`
# writes the real numbers into each copy.
SOME_DOMAIN, SOME_CELL = ((0.0, 1.0), (0.0, 1.0)), (0.1, 0.1)


def map_scales() -> tuple[alt.Scale, alt.Scale]:
    """x and y scales of a map; `place` sets their domains."""
    (x0, x1), (y0, y1) = SOME_DOMAIN
    return (alt.Scale(domain=[x0, x1], nice=False, zero=False),
            alt.Scale(domain=[y0, y1], nice=False, zero=False))


def _cell_formulas(cell: tuple[float, float]) -> dict[str, str]:
    """The heatmap's calculated fields: each cell's corners (cells overlap: see OVERLAP)."""
    dx, dy = cell
    return {"x1": f"datum.x - {dx * OVERLAP}", "x2": f"datum.x + {dx * OVERLAP}",
            "y1": f"datum.y - {dy * OVERLAP}", "y2": f"datum.y + {dy * OVERLAP}"}


def isotropic(domain) -> dict[str, dict]:
    """x and y scale domains (Vega expressions of the plot's size) that show all of `domain`
    with one unit of x as long as one unit of y, however wide the plot is drawn: a circle
    stays a circle and a gradient meets its contour at a right angle. Where the plot's shape
    differs from the domain's, the map shows empty margins beside (or above and below) it."""
    (x0, x1), (y0, y1) = domain
    per_px = f"max({float(x1 - x0)} / width, {float(y1 - y0)} / height)"
    return {channel: {"expr": f"[{mid} - {per_px} * {size} / 2, {mid} + {per_px} * {size} / 2]"}
            for channel, mid, size in (("x", float(x0 + x1) / 2, "width"),
                                       ("y", float(y0 + y1) / 2, "height"))}


def map_axes(domain, square: bool = True) -> dict[str, dict]:
    """The axes of a map: ticked only over `domain`, and for a square map (see `isotropic`)
    moved in to the domain's edge, without an axis line, so that where the plot's shape
    differs from the domain's the empty margin lies outside the axes (a white band inside
    them looked like a broken map; on a projector the bands were wider than the map). The
    first and last labels keep inside the plot (flush), where a label centred on the
    plot's edge was cut ("2." for 2.5). A legend on top comes down to the domain's top edge
    too ("legend_offset": Vega's 18 px above it)."""
    (x0, x1), (y0, y1) = domain
    xs, ys = float(x1 - x0), float(y1 - y0)
    per_px = f"max({xs} / width, {ys} / height)"
    margin = {"x": f"max(0, (width - {xs} / {per_px}) / 2)",
              "y": f"max(0, (height - {ys} / {per_px}) / 2)"}  # px beside / above the domain
    out = {}
    for channel, lo, hi, across in (("x", x0, x1, "y"), ("y", y0, y1, "x")):
        axis = {"values": nice_ticks(lo, hi), "labelExpr": NUMBER_LABEL, "labelFlush": 12}
        if square:  # an x axis moves up by the margin under the domain, a y axis right
            axis |= {"offset": {"expr": f"-{margin[across]}"}, "domain": False}
        out[channel] = axis
    out["legend_offset"] = {"expr": f"18 - {margin['y']}"}
    return out


def place(s: dict, domain, cell: tuple[float, float], height: int | None = None,
           square: bool = True) -> dict:
    """Write one map's numbers into a copy of its skeleton (see SOME_DOMAIN).

    square: x and y in the same units, drawn at one scale (see `isotropic`), and a file of
    the domain's aspect (see export.plain); else the domain fills the plot, as drawn.
    """
    (x0, x1), (y0, y1) = domain
    formulas = _cell_formulas(cell)
    domains = isotropic(domain) if square else {"x": [float(x0), float(x1)],
                                                 "y": [float(y0), float(y1)]}
    axes = map_axes(domain, square)
    for layer in s["layer"]:
        for t in layer.get("transform", []):
            if t.get("as") in formulas:
                t["calculate"] = formulas[t["as"]]
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
    if height is not None:
        s["height"] = height
    if square:
        # the cells hide the grid; in a margin it would only draw an empty chart
        s.setdefault("config", {}).setdefault("axis", {})["grid"] = False
        plot = s["height"] - MAP_FRAME
        s["usermeta"] = {"plot": [round(plot * (x1 - x0) / (y1 - y0)), plot]}
    return s


def map_height(domain) -> int:
    """About one unit of y per unit of x at the usual width, so circles look round."""
    (x0, x1), (y0, y1) = domain
    return MAP_FRAME + int(min(max(MAP_WIDTH * (y1 - y0) / (x1 - x0), 220), 520))


def surface_layers(log: bool, z_title: str, pick: str | None) -> list[alt.Chart]:
    """Heatmap (dataset "cells": x, y, z) and iso-lines (dataset "iso": x, y, x2, y2).

    log: colour by the cells' column c, max(z - zmin, floor), on a log scale (which cannot
    show 0); else by z on a linear scale. The numbers (domain, cell) come in through
    `place`. Nothing in the spec depends on the function's values: a new function of the
    same domain only brings new data, which the browser draws into the chart it has, where
    a changed spec would have it build the whole chart anew.
    """
    sx, sy = map_scales()
    rect = (
        alt.Chart(alt.NamedData("cells"))
        .transform_calculate(**_cell_formulas(SOME_CELL))
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
    return spec(alt.layer(*surface_layers(log, z_title, pick))
                .properties(height=map_height(SOME_DOMAIN)))


def surface_map(X: np.ndarray, Y: np.ndarray, Z: np.ndarray, lines: pd.DataFrame, domain,
                log: bool, z_title: str, pick: str | None = None) -> Figure:
    """A function on a grid (X, Y, Z from `contours.grid`) as a heatmap, one rect per grid
    point, with the iso-line segments of `contours.iso_lines` drawn over it.

    log: colour by the height above the lowest value on the map, on a log scale. `pick`
    names a click selection on the cells (fields x, y) for a page to read back.
    """
    data, cell = surface_data(X, Y, Z, lines, log)
    return place(with_data(_surface_spec(log, z_title, pick), data), domain, cell,
                  map_height(domain))


@functools.lru_cache(maxsize=8)
def ticked_axis(ticks: tuple) -> dict:
    """`value_axis` as a spec (cached: copy it before use)."""
    return value_axis(ticks).to_dict(validate=False)


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
    # half a wide page or a phone's full width: about 335 px of plot (the height counts the
    # x axis, and there is no legend), so a circle looks round
    return spec(alt.layer(rect, iso, ball, touch, path, marks)
                .resolve_scale(color="independent", fill="independent")
                .properties(height=MAP_FRAME + 300))


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
    return place(with_data(skeleton, data | {"ball": ball[["order", "x", "y"]],
                                              "touch": touch[["x", "y", "x2", "y2"]],
                                              "path": path[["lam", "x", "y"]],
                                              "marks": marks[["x", "y", "kind"]]}),
                  domain, cell)
