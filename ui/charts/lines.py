"""Lines against a variable: one per column, per layer, per curve; A against B; a marked
step; histograms with a density over them."""
import functools
import math

import altair as alt
import numpy as np
import pandas as pd

from ui.charts.figure import Figure, attach, inline, spec, with_data
from ui.charts.style import (DASH, DOTTED, HEIGHT, INK, LEGEND_ROW, LINE, NUMBER_LABEL, RULE,
                             SERIES, SHADE, legend_columns, log_ticks, positive, series_color,
                             value_axis)


def lines(df: pd.DataFrame, x: str, series: dict[str, str], x_title: str, y_title: str,
          log: bool = False, points: bool = False, height: int = HEIGHT, ab: int = 0,
          dashed: tuple[str, ...] = (), legend: bool = True,
          marker: float | None = None) -> Figure:
    """One line per column of `df` against column `x`; `series` maps column -> legend label.

    On a log axis, zeros and non-finite values are left out (`unplottable` names them).
    ab: A's `ab` series then B's (as `overlay` names them): B's lines dashed, one legend row
    per network so that long labels are not cut. dashed: the labels of lines that others
    cover (ReLU under leaky ReLU, whose slope differs by 0.01, and under ELU for z > 0),
    drawn dashed and last, so they show the others through their gaps. legend: False for one
    line that its y axis names. marker: a dotted vertical rule at x = marker (a slider's value
    on a sweep); the x axis then spans the data exactly.
    """
    long = df.melt(id_vars=x, value_vars=list(series), var_name="col")
    long["series"] = long["col"].map(series)
    long = long[positive(long["value"])] if log else long[np.isfinite(long["value"])]
    if dashed:  # Vega draws lines in data order
        top = long["series"].isin(dashed).to_numpy()
        long = pd.concat([long[~top], long[top]])
    ticks = log_ticks(long["value"]) if log else ()
    data = {"rows": long[[x, "series", "value"]]}
    if marker is not None:
        data["marker"] = pd.DataFrame({x: [marker]})
    return with_data(_lines(x, tuple(series.values()), x_title, y_title, log, points, ticks,
                            height, ab, tuple(dashed), legend, marker is not None), data)


@functools.lru_cache(maxsize=128)
def _lines(x, labels, x_title, y_title, log, points, ticks, height, ab, dashed,
           legend, marked) -> Figure:
    """marked: a layer of a rule read from the dataset "marker", under the lines; points then
    mark the sweep's values, not whole-number steps (layers), on the x axis."""
    chart = (
        alt.Chart(alt.NamedData(name="rows"))
        .mark_line(strokeWidth=LINE, point=alt.OverlayMarkDef(size=45) if points else False)
        .encode(
            x=alt.X(f"{x}:Q", title=x_title,
                    scale=alt.Scale(zero=False, nice=False) if marked else alt.Undefined,
                    axis=alt.Axis(tickMinStep=1, format="d") if points and not marked
                    else alt.Axis(labelExpr=NUMBER_LABEL)),
            y=alt.Y("value:Q", title=y_title,
                    scale=alt.Scale(type="log") if log else alt.Scale(zero=False),
                    axis=value_axis(ticks)),
            color=alt.Color("series:N", title=None,
                            legend=alt.Legend(orient="top", columns=legend_columns(labels))
                            if legend else None,
                            scale=alt.Scale(domain=list(labels),
                                            range=list(SERIES[: len(labels)]))),
            tooltip=[alt.Tooltip(f"{x}:Q", title=x_title, format=".4~g"),
                     alt.Tooltip("series:N", title=" "),
                     alt.Tooltip("value:Q", title=y_title, format=".3e")],
        )
    )
    if marked:
        rule = (alt.Chart(alt.NamedData("marker"))
                .mark_rule(color=INK, strokeDash=DOTTED, strokeWidth=RULE)
                .encode(x=alt.X(f"{x}:Q")))
        out = spec(alt.layer(rule, chart).properties(height=height))
        line = out["layer"][1]
    else:
        out = line = spec(chart.properties(height=height))
    color = line["encoding"]["color"]
    if ab:
        color["legend"] |= {"columns": ab}
        if points:  # a dashed outline blurs a small circle: legend dots stay whole
            color["legend"]["symbolStrokeWidth"] = 0
        line["encoding"]["strokeDash"] = {
            "field": "series", "type": "nominal", "legend": None,
            "scale": {"domain": list(labels), "range": [[1, 0]] * ab + [DASH] * ab}}
    elif dashed:
        line["encoding"]["strokeDash"] = {
            "field": "series", "type": "nominal", "title": None,
            "legend": color["legend"],  # alike, Vega-Lite merges it into the colour's legend
            "scale": {"domain": list(labels),
                      "range": [DASH if l in dashed else [1, 0] for l in labels]}}
    return out


def layer_profile(stats: pd.DataFrame, series: dict[str, str], x_title: str,
                  y_title: str, log: bool = True, ab: int = 0) -> Figure:
    """Per-layer lines with a point at every layer (log axis by default); `ab` as in `lines`."""
    return lines(stats, "layer", series, x_title, y_title, log=log, points=True, ab=ab)


def overlay(a: pd.DataFrame, b: pd.DataFrame, on: str, cols: list[str]) -> pd.DataFrame:
    """A's and B's columns side by side (a_<col>, b_<col>) over the union of their `on`
    values (NaN where one side has no row, e.g. a layer only the deeper network has)."""
    return pd.merge(a[[on, *cols]].rename(columns={c: f"a_{c}" for c in cols}),
                    b[[on, *cols]].rename(columns={c: f"b_{c}" for c in cols}),
                    on=on, how="outer").sort_values(on, ignore_index=True)


def activation_curve(curve: pd.DataFrame, zones: list[tuple[float, float]],
                     series: dict[str, str], x_title: str, zone_title: str) -> Figure:
    """f and f' against z, with the flat (saturated) zones shaded."""
    long = curve.melt(id_vars="z", value_vars=list(series), var_name="col", value_name="y")
    long["series"] = long["col"].map(series)
    lines = (
        alt.Chart(inline(long))
        .mark_line(strokeWidth=LINE)
        .encode(
            x=alt.X("z:Q", title=x_title),
            y=alt.Y("y:Q", title=None),
            color=series_color(series),
            tooltip=[alt.Tooltip("z:Q", format=".2f"), alt.Tooltip("series:N", title=" "),
                     alt.Tooltip("y:Q", title=" ", format=".4f")],
        )
    )
    shade = (
        alt.Chart(inline(pd.DataFrame(zones, columns=["lo", "hi"]).assign(zone=zone_title)))
        .mark_rect(color=SHADE, opacity=0.25)
        .encode(x="lo:Q", x2="hi:Q", tooltip=[alt.Tooltip("zone:N", title=" ")])
    )
    return spec(alt.layer(shade, lines).properties(height=HEIGHT))


@functools.lru_cache(maxsize=64)
def _xy_spec(series: tuple, x_title: str, y_title: str, log_x: bool, log_y: bool,
             y_ticks: tuple = (), x_ticks: tuple = (), whole_x: bool = False) -> dict:
    labels = [label for _, label in series]
    columns = legend_columns(labels)
    color = alt.Color("series:N", title=None,
                      scale=alt.Scale(domain=labels, range=list(SERIES[: len(labels)])),
                      legend=alt.Legend(orient="top", labelLimit=320, columns=columns))
    # the legend's rows come out of the chart's height: give them back to the plot
    rows = 1 if columns is alt.Undefined else math.ceil(len(labels) / columns)
    # nice=False: a log axis would otherwise run on to the next power of ten
    x = alt.X("x:Q", title=x_title,
              scale=alt.Scale(type="log", nice=False) if log_x else alt.Scale(nice=False),
              axis=alt.Axis(tickMinStep=1, format="d") if whole_x else value_axis(x_ticks))
    y = alt.Y("y:Q", title=y_title,
              scale=alt.Scale(type="log") if log_y else alt.Scale(zero=False),
              axis=value_axis(y_ticks))
    tips = [alt.Tooltip("series:N", title=" "), alt.Tooltip("x:Q", title=x_title, format=".4~g"),
            alt.Tooltip("y:Q", title=y_title, format=".4~g")]
    marks = {"line": alt.MarkDef(type="line", strokeWidth=LINE),
             "dash": alt.MarkDef(type="line", strokeWidth=RULE, strokeDash=DASH),
             "point": alt.MarkDef(type="point", filled=True, size=70, opacity=0.9)}
    return spec(alt.layer(*[alt.Chart(alt.NamedData(kind), mark=mark)
                            .encode(x=x, y=y, color=color, detail="series:N", tooltip=tips)
                            for kind, mark in marks.items()])
                .properties(height=HEIGHT + LEGEND_ROW * (rows - 1)))


def xy_curves(frame: pd.DataFrame, series: dict[str, str], x_title: str, y_title: str,
              log_x: bool = False, log_y: bool = False, points: tuple = (),
              dashed: tuple = (), whole_x: bool = False) -> Figure:
    """Curves of (x, y) per series: `frame` has columns key, x, y; `series` maps key -> label
    (legend order; other keys are not drawn). Keys in `points` are drawn as dots
    (measurements), keys in `dashed` as dashed lines (references), the rest as solid lines.
    On a log axis, values that are not > 0 are left out; non-finite values always are.
    whole_x: x counts something (networks, layers), ticked at whole numbers only."""
    rows = frame[["key", "x", "y"]].reset_index(drop=True)
    ok = rows["key"].isin(list(series)) & np.isfinite(rows["x"]) & np.isfinite(rows["y"])
    if log_x:
        ok &= rows["x"] > 0
    if log_y:
        ok &= rows["y"] > 0
    rows = rows[ok]
    rows = rows.assign(series=rows["key"].map(series))
    kind = np.where(rows["key"].isin(points), "point",
                    np.where(rows["key"].isin(dashed), "dash", "line"))
    data = {k: rows.loc[kind == k, ["x", "y", "series"]] for k in ("line", "dash", "point")}
    return with_data(_xy_spec(tuple(series.items()), x_title, y_title, log_x, log_y,
                              log_ticks(rows["y"]) if log_y else (),
                              log_ticks(rows["x"], nice=False) if log_x else (), whole_x),
                     data)


def marked_curves(curve: pd.DataFrame, series: dict[str, str], x_title: str, y_title: str,
                  marker: float, zone: tuple[float, float], zone_title: str) -> Figure:
    """Columns of `curve` against its first column, a vertical rule at `marker` and one shaded zone."""
    x = curve.columns[0]
    long = curve.melt(id_vars=x, value_vars=list(series), var_name="col", value_name="y")
    long["series"] = long["col"].map(series)
    lines = alt.Chart().mark_line(strokeWidth=LINE).encode(
        x=alt.X(f"{x}:Q", title=x_title),
        y=alt.Y("y:Q", title=y_title, axis=alt.Axis(format=".2~f")),
        color=series_color(series),
        tooltip=[alt.Tooltip(f"{x}:Q", title=x_title, format=".2f"),
                 alt.Tooltip("series:N", title=" "),
                 alt.Tooltip("y:Q", title=y_title, format=".4f")],
    )
    # channel objects, not shorthand strings: Altair parses strings against its schema (slow)
    shade = alt.Chart().mark_rect(color=SHADE, opacity=0.25).encode(
        x=alt.X("lo:Q"), x2=alt.X2(field="hi"), tooltip=[alt.Tooltip("zone:N", title=" ")])
    rule = (alt.Chart().mark_rule(color=INK, strokeDash=DOTTED, strokeWidth=RULE)
            .encode(x=alt.X(f"{x}:Q")))
    # the curves' rows are the layer's own data, given last
    return spec(attach(alt.layer(
        attach(shade, pd.DataFrame({"lo": [zone[0]], "hi": [zone[1]], "zone": [zone_title]})),
        lines, attach(rule, pd.DataFrame({x: [marker]})), height=HEIGHT), long))


def stack_profile(table: pd.DataFrame, series: dict[str, str], x_title: str,
                  y_title: str) -> Figure:
    """Whole-pixel quantities (sizes, receptive fields) per layer of a stack; layer 0 is the
    input. Missing values (a field after a fully connected layer) are not drawn."""
    long = table.melt(id_vars="layer", value_vars=list(series), var_name="col").dropna()
    long["series"] = long["col"].map(series)
    chart = (
        alt.Chart()
        .mark_line(point=alt.OverlayMarkDef(size=45), strokeWidth=LINE)
        .encode(
            x=alt.X("layer:Q", title=x_title, axis=alt.Axis(tickMinStep=1, format="d")),
            y=alt.Y("value:Q", title=y_title, axis=alt.Axis(format=",d")),
            color=series_color(series),
            tooltip=[alt.Tooltip("layer:Q", title=x_title), alt.Tooltip("series:N", title=" "),
                     alt.Tooltip("value:Q", title=y_title, format=",d")],
        )
        .properties(height=HEIGHT)
    )
    return spec(attach(chart, long))


def marked_lines(df: pd.DataFrame, x: str, series: dict[str, str], x_title: str,
                 y_title: str, marker: float, log: bool = True) -> Figure:
    """One line (with points) per column of `df` against `x`, and a dotted vertical rule at
    x = marker, e.g. a slider's value on a sweep (log axis by default)."""
    return lines(df, x, series, x_title, y_title, log=log, points=True, marker=marker)


def histogram_density(hist: pd.DataFrame, curve: pd.DataFrame, series: dict[str, str],
                      x_title: str, y_title: str) -> Figure:
    """A density histogram (columns lo, hi, density) under a density curve (columns x, density);
    `series` labels them with keys "hist" and "curve"."""
    color = series_color(series)
    bars = (
        alt.Chart(inline(hist.assign(series=series["hist"])))
        .mark_rect(opacity=0.55)
        .encode(x=alt.X("lo:Q", title=x_title), x2="hi:Q", y=alt.Y("density:Q", title=y_title),
                y2=alt.datum(0), color=color,
                tooltip=[alt.Tooltip("lo:Q", format=".3f"), alt.Tooltip("hi:Q", format=".3f"),
                         alt.Tooltip("density:Q", format=".3f")])
    )
    line = (
        alt.Chart(inline(curve.assign(series=series["curve"])))
        .mark_line(strokeWidth=LINE)
        .encode(x="x:Q", y="density:Q", color=color)
    )
    return spec(alt.layer(bars, line).properties(height=HEIGHT))
