"""Values on a grid of cells: a classifier's decision map with its points, heatmaps over
time and over two settings, and small weight matrices side by side."""
import functools

import altair as alt
import numpy as np
import pandas as pd

from ui.charts.figure import Figure, spec, with_data
from ui.charts.style import (BOUNDARY, CELL_ALPHA, EMPTY, FRAME, HAIR, HEIGHT, INK,
                             LAYER_SCHEME, LINE, NUMBER_LABEL, OVERLAP, PAPER, SERIES, VALUE_RANGE,
                             faded, legend_columns, positive)

# How a boundary drawn over a decision map looks: (stroke width, colour). Faint lines are many
# (an ensemble's members) under one bold line (their average); violet and teal set one or two
# more apart from a bold one. No dashes: a boundary is many short segments, each of which
# would start its dash pattern afresh.
LINE_STYLES = {"bold": (FRAME, INK), "faint": (HAIR, SERIES[5]), "violet": (LINE, SERIES[4]),
               "teal": (LINE, SERIES[2])}


def decision_boundary(grid: pd.DataFrame, points: pd.DataFrame, task: str, x_title: str,
                      y_title: str, value_title: str, pick: str | None = None,
                      lines: pd.DataFrame | None = None,
                      styles: tuple[tuple[str, str], ...] = ()) -> Figure:
    """The network's output over the plane (cells of grid: x1, x2, value, confidence, dx, dy)
    with the data on top (points: x1, x2, value, set). `pick` names a click selection on the
    cells (fields x_lo, x_hi, y_lo, y_hi, centred on the cell) for a page to read back.
    Colour domains come from the points, so the chart's skeleton stays the same while a
    network trains.

    `lines`: boundaries drawn over the cells and under the points, as segments x, y, x2, y2
    with a legend label in `series` (contours.iso_lines of each network's output at its
    threshold); `styles` gives each label, in legend order, one of LINE_STYLES.

    The cells are opaque, their colours faded into white by CELL_ALPHA (a multiclass cell
    fades further as the winning class's probability falls), and overlap their neighbours.
    """
    cells = grid.assign(x_lo=grid.x1 - OVERLAP * grid.dx, x_hi=grid.x1 + OVERLAP * grid.dx,
                        y_lo=grid.x2 - OVERLAP * grid.dy, y_hi=grid.x2 + OVERLAP * grid.dy)
    columns = ["x_lo", "x_hi", "y_lo", "y_hi", "value", "confidence"]
    if task == "multiclass":
        domain = tuple(sorted(set(points["value"])))
        k = np.nan_to_num(cells["value"].to_numpy()).astype(int) % len(SERIES)
        alpha = CELL_ALPHA * (0.15 + 0.85 * cells["confidence"].to_numpy())
        fill = np.full(len(cells), None, dtype=object)  # no colour: a cell left blank
        for c in np.unique(k):
            here = (k == c) & np.isfinite(alpha)  # a diverged network predicts NaN
            fill[here] = faded(SERIES[c], alpha[here])
        cells["fill"] = pd.array(fill, dtype="str")
        columns.append("fill")
    elif task == "binary":
        domain = (0.0, 0.5, 1.0)
    else:
        top = float(np.abs(points["value"]).max()) or 1.0
        domain = (-top, 0.0, top)
    box = tuple(round(float(v), 6) for v in (
        (grid.x1 - grid.dx / 2).min(), (grid.x1 + grid.dx / 2).max(),
        (grid.x2 - grid.dy / 2).min(), (grid.x2 + grid.dy / 2).max()))
    data = {"cells": cells[columns], "points": points[["x1", "x2", "value", "set"]]}
    if styles:
        unknown = {style for _, style in styles} - set(LINE_STYLES)
        if unknown:
            raise ValueError(f"Unknown line styles: {sorted(unknown)} "
                             f"(expected {tuple(LINE_STYLES)})")
        data["lines"] = (lines if lines is not None else pd.DataFrame(
            columns=["x", "y", "x2", "y2", "series"]))[["x", "y", "x2", "y2", "series"]]
    return with_data(_boundary(task, domain, box, x_title, y_title, value_title, pick,
                               tuple(styles)), data)


def _boundary_lines(styles: tuple[tuple[str, str], ...]) -> alt.Chart:
    """The boundaries' layer: each label's colour and width, and one legend on top."""
    labels = [label for label, _ in styles]
    width, color = zip(*(LINE_STYLES[style] for _, style in styles))

    def scale(values, kind=alt.Undefined):
        return alt.Scale(type=kind, domain=labels, range=list(values))

    # a long symbol (a line, not a dot), as wide as four characters more of each label
    legend = alt.Legend(orient="top", title=None, symbolType="stroke", symbolSize=500,
                        columns=legend_columns([f"{label}    " for label in labels]))
    return (
        alt.Chart(alt.NamedData(name="lines"))
        .mark_rule(clip=True, strokeCap="round")  # round caps join the segments smoothly
        .encode(x=alt.X("x:Q"), y=alt.Y("y:Q"), x2="x2:Q", y2="y2:Q",
                color=alt.Color("series:N", scale=scale(color), legend=legend),
                # `size` is a rule's width: a strokeWidth channel would give way to a
                # config's rule width (presenter mode sets one)
                size=alt.Size("series:N", scale=scale(width, "ordinal"), legend=None))
    )


@functools.lru_cache(maxsize=64)
def _boundary(task, domain, box, x_title, y_title, value_title, pick, styles=()) -> dict:
    if task == "multiclass":
        color = alt.Color("value:N", title=value_title,
                          scale=alt.Scale(domain=list(domain), range=list(SERIES[: len(domain)])))
        fill = alt.Color("fill:N", scale=None)
    else:
        color = alt.Color("value:Q", title=value_title, legend=None,
                          scale=alt.Scale(domain=list(domain), range=list(BOUNDARY),
                                          interpolate="rgb"))
        # fading into white is linear in RGB, like the scale: the faded stops make the same
        # colour as the faded colour of any value, and the legend shows the map's colours
        fill = alt.Color("value:Q", title=value_title,
                         scale=alt.Scale(domain=list(domain),
                                         range=[faded(c, CELL_ALPHA) for c in BOUNDARY],
                                         interpolate="rgb"))
    x = alt.X("x_lo:Q", title=x_title, scale=alt.Scale(domain=list(box[:2]), nice=False))
    y = alt.Y("y_lo:Q", title=y_title, scale=alt.Scale(domain=list(box[2:]), nice=False))
    heat = (
        alt.Chart(alt.NamedData(name="cells"))
        .mark_rect(clip=True)
        .encode(x=x, x2="x_hi:Q", y=y, y2="y_hi:Q", color=fill)
    )
    if pick:
        heat = heat.add_params(alt.selection_point(name=pick, on="click", clear=False,
                                                   fields=["x_lo", "x_hi", "y_lo", "y_hi"]))
    dots = (
        alt.Chart(alt.NamedData(name="points"))
        .mark_point(filled=True, size=38, stroke=PAPER, strokeWidth=HAIR)
        .encode(
            x=alt.X("x1:Q"), y=alt.Y("x2:Q"), color=color,
            shape=alt.Shape("set:N", title=None, legend=alt.Legend(orient="bottom"),
                            scale=alt.Scale(range=["circle", "diamond"])),
            tooltip=[alt.Tooltip("x1:Q", format=".2f"), alt.Tooltip("x2:Q", format=".2f"),
                     alt.Tooltip("value:Q" if task != "multiclass" else "value:N",
                                 title=value_title, format=".3g" if task != "multiclass" else ""),
                     alt.Tooltip("set:N", title=" ")],
        )
    )
    layers = [heat, _boundary_lines(styles), dots] if styles else [heat, dots]
    return spec(alt.layer(*layers).resolve_scale(color="independent")
                .properties(height=HEIGHT + 80))


def time_heatmap(df: pd.DataFrame, x: str, cols: dict[str, int], x_title: str, y_title: str,
                 color_title: str) -> Figure:
    """Rows of df as time (x), `cols` (column -> layer number) as rows of cells, log colour."""
    long = df.melt(id_vars=x, value_vars=list(cols), var_name="col")
    ends = df[x].shift(-1).fillna(df[x].iloc[-1] + (df[x].diff().iloc[-1] if len(df) > 1 else 1))
    long["x_hi"] = np.tile(ends.to_numpy(), len(cols))
    long["layer"] = long["col"].map(cols)
    long = long[positive(long["value"]) & (long["x_hi"] > long[x])]
    return with_data(_time_heatmap(x, x_title, y_title, color_title),
                     {"cells": long[[x, "x_hi", "layer", "value"]]})


@functools.lru_cache(maxsize=64)
def _time_heatmap(x, x_title, y_title, color_title) -> dict:
    return spec(
        alt.Chart(alt.NamedData(name="cells"))
        .mark_rect()
        .encode(
            # an empty map (no gradient yet) reads 0 on its axis, not 0.000000
            x=alt.X(f"{x}:Q", title=x_title, axis=alt.Axis(labelExpr=NUMBER_LABEL)),
            x2="x_hi:Q",
            y=alt.Y("layer:O", title=y_title, sort="descending"),
            color=alt.Color("value:Q", title=color_title,
                            scale=alt.Scale(type="log", scheme=LAYER_SCHEME),
                            legend=alt.Legend(labelExpr=NUMBER_LABEL, orient="right")),
            tooltip=[alt.Tooltip(f"{x}:Q", title=x_title, format=".4~g"),
                     alt.Tooltip("layer:O", title=y_title),
                     alt.Tooltip("value:Q", title=color_title, format=".3e")],
        )
        .properties(height=HEIGHT)
    )


@functools.lru_cache(maxsize=32)
def _value_grid_spec(x_title, y_title, value_title, x_order: tuple, y_order: tuple) -> dict:
    X = alt.X("x:O", title=x_title, sort=list(x_order), axis=alt.Axis(labelAngle=0))
    Y = alt.Y("y:O", title=y_title, sort=list(y_order))
    tips = [alt.Tooltip("x:O", title=x_title), alt.Tooltip("y:O", title=y_title),
            alt.Tooltip("label:N", title=value_title)]
    rect = alt.Chart().mark_rect(stroke=PAPER, strokeWidth=HAIR).encode(
        x=X, y=Y, tooltip=tips,
        fill=alt.condition("isValid(datum.value)",
                           alt.Fill("value:Q", title=value_title,
                                    scale=alt.Scale(range=list(VALUE_RANGE)),
                                    legend=alt.Legend(orient="right", format=".2~f")),
                           alt.value(EMPTY)))
    frame = (alt.Chart().mark_rect(fill=None, stroke=SERIES[1], strokeWidth=FRAME)
             .encode(x=X, y=Y).transform_filter("datum.outline"))
    text = alt.Chart().mark_text(fontSize=13, color=INK).encode(x=X, y=Y, text="label:N")
    return spec(alt.layer(rect, frame, text, data=alt.NamedData("cells"))
                .properties(height=alt.Step(46)))  # a fixed height collapses a discrete axis


def value_grid(cells: pd.DataFrame, x_title: str, y_title: str, value_title: str,
               x_order: list, y_order: list) -> Figure:
    """A table of numbers as coloured cells: `cells` has columns x, y, value, label (the text
    written in the cell) and outline (bool: cells to frame). Cells whose value is not finite
    are grey. Both axes are categories, in the given orders (top to bottom for y)."""
    data = cells[["x", "y", "value", "label", "outline"]].astype({"x": str, "y": str})
    skeleton = _value_grid_spec(x_title, y_title, value_title, tuple(map(str, x_order)),
                                tuple(map(str, y_order)))
    return with_data(skeleton, {"cells": data})


def grids(panels: list[tuple[str, np.ndarray]], step: int = 26) -> Figure:
    """Small matrices side by side as heatmaps with their numbers written in the cells.

    Signed panels get a diverging scale centred on 0; each panel keeps its own scale. The
    panels name their data (grid0, grid1, ...) and the rows sit in the top-level datasets.
    """
    data, tops = {}, []
    for i, (_, m) in enumerate(panels):
        rows, cols = np.indices(m.shape)
        top = float(np.abs(m).max()) or 1.0
        tops.append([-top, top] if (m < 0).any() else [0, top])
        data[f"grid{i}"] = pd.DataFrame({
            "row": rows.ravel(), "col": cols.ravel(), "v": m.ravel(),
            "ink": np.where(np.abs(m.ravel()) > 0.6 * top, "light", "dark")})
    signed = tuple(lo < 0 for lo, _ in tops)
    return with_data(_grids_spec(tuple(t for t, _ in panels), signed, step), data,
                     {f"fill{i}": domain for i, domain in enumerate(tops)})


@functools.lru_cache(maxsize=64)
def _grids_spec(titles: tuple[str, ...], signed: tuple[bool, ...], step: int) -> dict:
    charts = []
    for i, (title, sign) in enumerate(zip(titles, signed)):
        # the domain is the data's, a parameter of each figure
        domain = {"expr": f"fill{i}"}
        scale = (alt.Scale(scheme="blueorange", domainMid=0, domain=domain) if sign
                 else alt.Scale(scheme="blues", domain=domain))
        base = alt.Chart().encode(x=alt.X("col:O", axis=None), y=alt.Y("row:O", axis=None))
        # cells use the fill scale and numbers the color scale, so the two never mix
        cells = base.mark_rect(stroke=PAPER, strokeWidth=HAIR).encode(
            fill=alt.Fill("v:Q", scale=scale, legend=None),
            tooltip=[alt.Tooltip("row:O"), alt.Tooltip("col:O"), alt.Tooltip("v:Q", format=".4~g")])
        text = base.mark_text(fontSize=11).encode(
            text=alt.Text("v:Q", format=".3~g"),
            color=alt.Color("ink:N", legend=None, scale=alt.Scale(domain=["light", "dark"],
                                                                  range=[PAPER, INK])))
        charts.append(alt.layer(cells, text, data=alt.NamedData(f"grid{i}"), title=title,
                                width=alt.Step(step), height=alt.Step(step)))
    return spec(alt.hconcat(*charts, spacing=18,
                            resolve=alt.Resolve(scale=alt.ScaleResolveMap(fill="independent"))))
