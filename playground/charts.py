"""Altair chart builders: plain data in, `alt.Chart` out, one visual language for every page.

Titles arrive as arguments (already translated); nothing here knows about Streamlit.
Data never goes through Altair's global data transformer, so a spec can be built with
`to_dict(validate=False)` from any thread (schema validation runs in the tests instead):
small data is embedded with `inline` (rows written by `records`); charts redrawn on every
rerun keep a cached skeleton of named datasets and get fresh DataFrames from `with_data`.
"""
import functools
import math
import pickle

import altair as alt
import numpy as np
import pandas as pd

# Hues at least 35° apart (CIE LCh) among the chromatic ones: the fourth was an orange 28° from
# the second, and two lines in them (momentum and Newton, L1 w₂ and L2 w₂) read as one colour.
SERIES = ("#1f6fb4", "#e4572e", "#2a9d8f", "#9da500", "#7d5ba6", "#5c6b73")
LAYER_SCHEME = "viridis"
HEIGHT = 280
LEGEND_ROW = 20  # px of one row of a top legend
SHADE = "#9aa5b1"


def records(df: pd.DataFrame) -> list[dict]:
    """Rows with every float at full precision (pandas' JSON writes 3.2e-12 as 0.0, which a
    log axis cannot take); NaN and inf become None, which JSON (and Vega) can carry."""
    ok = df.apply(lambda c: np.isfinite(c) if c.dtype.kind == "f" else c.notna())
    return df.astype(object).where(ok, None).to_dict("records")


def inline(df: pd.DataFrame) -> dict:
    """Small data, embedded in the chart itself."""
    return {"values": records(df)}


def spec(chart: alt.TopLevelMixin | dict) -> dict:
    """The Vega-Lite spec of a chart, without Altair's slow schema validation (a builder that
    already returns a spec passes through)."""
    return chart if isinstance(chart, dict) else chart.to_dict(validate=False)


def finite(df: pd.DataFrame) -> pd.DataFrame:
    """`df` with inf and -inf as NaN, which Vega leaves out like a missing value (a new
    frame only when some value is infinite)."""
    out = df
    for name in df.columns:
        v = df[name].to_numpy()
        if v.dtype.kind == "f" and np.isinf(v).any():
            out = out.assign(**{name: np.where(np.isinf(v), np.nan, v)})
    return out


def with_data(skeleton: dict, data: dict[str, pd.DataFrame]) -> dict:
    """A copy of a spec whose layers read named datasets, with those datasets attached.

    For charts rebuilt on every rerun with thousands of rows: the skeleton of named layers
    depends only on axes and names, so its builder is cached and only the rows are new.
    The rows stay DataFrames: Streamlit ships them to the browser as Arrow (full precision),
    much faster than from a list of dicts. `rows` reads them back as dicts.
    """
    s = _copy(skeleton)
    s["datasets"] = {name: finite(df) for name, df in data.items()}
    return s


def _copy(plain):
    """A deep copy of plain JSON data (a cached skeleton's, for a spec of its own): through
    pickle, faster than copy.deepcopy."""
    return pickle.loads(pickle.dumps(plain, pickle.HIGHEST_PROTOCOL))


def rows(spec: dict, name: str) -> list[dict]:
    """The rows of one named dataset of a spec as dicts, NaN as None (what the browser gets)."""
    data = spec["datasets"][name]
    return records(data) if isinstance(data, pd.DataFrame) else data


def _positive(values: pd.Series) -> pd.Series:
    """What a log axis can draw: finite and > 0."""
    return np.isfinite(values) & (values > 0)


def unplottable(stats: pd.DataFrame, cols: list[str]) -> list[int]:
    """Layers where some column is 0 or non-finite: what a log-axis profile leaves out."""
    ok = np.all([_positive(stats[c]) for c in cols], axis=0)
    return stats["layer"][~ok].astype(int).tolist()


def _series_color(series: dict[str, str]) -> alt.Color:
    return alt.Color("series:N", title=None,
                     scale=alt.Scale(domain=list(series.values()),
                                     range=list(SERIES[: len(series)])),
                     legend=alt.Legend(orient="top"))


def lines(df: pd.DataFrame, x: str, series: dict[str, str], x_title: str, y_title: str,
          log: bool = False, points: bool = False, height: int = HEIGHT) -> dict:
    """One line per column of `df` against column `x`; `series` maps column -> legend label.

    On a log axis, zeros and non-finite values are left out (`unplottable` names them).
    """
    long = df.melt(id_vars=x, value_vars=list(series), var_name="col")
    long["series"] = long["col"].map(series)
    long = long[_positive(long["value"])] if log else long[np.isfinite(long["value"])]
    ticks = log_ticks(long["value"]) if log else ()
    return with_data(_lines(x, tuple(series.values()), x_title, y_title, log, points, ticks,
                            height), {"rows": long[[x, "series", "value"]]})


# Tick and legend labels as people write numbers: plain from 0.0001 to 9,999 ("0.05", "200"),
# SI prefixes up to the trillions ("15k", "2.5M"), else a short exponent ("1e-5", "1.7e34").
# Vega's own "~g" wrote 10 as "1e+1" and 2,000 as "2e+3" whenever the tick step had one
# significant digit. Labels come from the tick values, so float noise (0.30000000000000004)
# is rounded away by the six significant digits.
NUMBER_LABEL = (
    "!isFinite(datum.value) ? ''"  # the legend of an empty colour scale (no gradient yet): NaN
    " : datum.value == 0 ? '0'"
    " : abs(datum.value) >= 0.0001 && abs(datum.value) < 10000 ? format(datum.value, '.6~r')"
    " : abs(datum.value) >= 10000 && abs(datum.value) < 1e13 ? format(datum.value, '.3~s')"
    " : replace(format(datum.value, '.2~e'), 'e+', 'e')")
# Powers of ten on a long log axis: plain from 0.001 to 1,000, else all alike as exponents
# (1e-6, 0.01, 1, 100, 1e6, 1e14), where SI prefixes would mix in "1M" between them.
DECADE_LABEL = ("abs(datum.value) >= 0.001 && abs(datum.value) < 10000"
                " ? format(datum.value, '.6~r') : replace(format(datum.value, '.0e'), 'e+', 'e')")


DECADES = tuple(10.0 ** e for e in range(-300, 301))  # every power of ten a log axis may need
# 1, 2 and 5 times every power of ten a short log axis may need (see `log_ticks`)
ONE_TWO_FIVE = tuple(float(f"{m}e{e}") for e in range(-100, 101) for m in (1, 2, 5))
SHORT_TICKS = 7  # the most ticks of a short log axis: two decades of 1, 2, 5, and the end


def many_decades(values: pd.Series) -> bool:
    """Whether a log axis over `values` spans more than two decades. Such an axis is ticked
    at DECADES; a shorter one at ONE_TWO_FIVE (see `log_ticks`)."""
    v = values[_positive(values)]
    if v.empty:
        return False
    return math.ceil(math.log10(v.max())) - math.floor(math.log10(v.min())) > 2


def spans_decades(df: pd.DataFrame, cols: list[str]) -> bool:
    """Whether the values of columns `cols` span more than two decades (`many_decades`): a
    loss that grew or fell geometrically, a straight line on a log axis where a linear one
    shows one spike (a diverged run: 0.7, then 1.7e34)."""
    return many_decades(pd.Series(df[cols].to_numpy(dtype=float).ravel()))


def zeros_only(df: pd.DataFrame, cols: list[str]) -> bool:
    """Whether columns `cols` hold zeros and no value a log axis could draw (> 0 and finite):
    a chart of them wants a linear axis, where a log one would be empty."""
    v = df[cols].to_numpy(dtype=float)
    return bool((v == 0).any() and not (np.isfinite(v) & (v > 0)).any())


def fewest_points(df: pd.DataFrame, cols: list[str], log: bool = False) -> int:
    """The fewest values any of the columns `cols` can draw (finite, and > 0 on a log axis):
    a line needs two, so under two a page draws them as dots."""
    v = df[cols].to_numpy(dtype=float)
    ok = np.isfinite(v) & (v > 0) if log else np.isfinite(v)
    return int(ok.sum(axis=0).min()) if len(cols) else 0


def log_ticks(values: pd.Series, nice: bool = True) -> tuple[float, ...]:
    """Where a log axis over `values` is ticked: at 1, 2 and 5 times the powers of ten
    (ONE_TWO_FIVE) when no more than SHORT_TICKS of them fall on the axis (two decades, which
    a `nice` axis widens the values to), else at the powers of ten (DECADES); () when no
    value is positive. Left to Vega, a short axis had ticks at 1 … 9 times each power of ten,
    and dropping those whose labels overlapped left an uneven 0.4, 0.05, 0.01."""
    v = values[_positive(values)]
    if v.empty:
        return ()
    lo, hi = float(v.min()), float(v.max())
    if not 1e-100 <= lo <= hi <= 1e100:
        return DECADES
    if nice:
        lo, hi = 10.0 ** math.floor(math.log10(lo)), 10.0 ** math.ceil(math.log10(hi))
    shown = sum(lo * (1 - 1e-9) <= t <= hi * (1 + 1e-9) for t in ONE_TWO_FIVE)
    return ONE_TWO_FIVE if shown <= SHORT_TICKS else DECADES


def value_axis(ticks: tuple[float, ...] = (), counts: bool = False) -> alt.Axis:
    """A value axis ticked at `ticks` (DECADES, ONE_TWO_FIVE: see `log_ticks`), else at
    Vega's own ticks, labelled by NUMBER_LABEL (DECADE_LABEL at DECADES, unless `counts`:
    10k, 1M, 10G as the metrics beside them write parameters and multiply-adds).

    Vega keeps the listed values that fall inside the axis, then every other one until no
    more than its tick count remain: at DECADES, a few evenly spaced powers of ten (its own log
    ticks would add 2·10ᵏ … 9·10ᵏ in every decade, a dense grid); at ONE_TWO_FIVE, the count
    is raised to keep all seven of two decades, as halving them would leave 1, 5, 20, 100,
    and no label is hidden for a neighbour close by (the Training page's short plot kept
    1, 0.2, 0.05, 0.01 that way).
    One list for every range: as the values move, the chart's spec stays the same, and the
    browser draws the new data into the chart it has instead of building the chart anew (and
    the cached skeleton serves every range).
    """
    if not ticks:
        return alt.Axis(labelExpr=NUMBER_LABEL)
    if ticks == ONE_TWO_FIVE:  # seven labels fit a plot 126 px tall (18 px apart)
        return alt.Axis(values=list(ticks), labelExpr=NUMBER_LABEL, tickCount=SHORT_TICKS,
                        labelOverlap=False)
    return alt.Axis(values=list(ticks), labelExpr=NUMBER_LABEL if counts else DECADE_LABEL)


@functools.lru_cache(maxsize=128)
def _lines(x, labels, x_title, y_title, log, points, ticks=(), height=HEIGHT) -> dict:
    y_axis = value_axis(ticks)
    return spec(
        alt.Chart(alt.NamedData(name="rows"))
        .mark_line(strokeWidth=2.5, point=alt.OverlayMarkDef(size=45) if points else False)
        .encode(
            x=alt.X(f"{x}:Q", title=x_title,
                    axis=alt.Axis(tickMinStep=1, format="d") if points
                    else alt.Axis(labelExpr=NUMBER_LABEL)),
            y=alt.Y("value:Q", title=y_title,
                    scale=alt.Scale(type="log") if log else alt.Scale(zero=False),
                    axis=y_axis),
            color=alt.Color("series:N", title=None, legend=alt.Legend(orient="top"),
                            scale=alt.Scale(domain=list(labels), range=list(SERIES[: len(labels)]))),
            tooltip=[alt.Tooltip(f"{x}:Q", title=x_title, format=".4~g"),
                     alt.Tooltip("series:N", title=" "),
                     alt.Tooltip("value:Q", title=y_title, format=".3e")],
        )
        .properties(height=height)
    )


def layer_profile(stats: pd.DataFrame, series: dict[str, str], x_title: str,
                  y_title: str, log: bool = True) -> dict:
    """Per-layer lines with a point at every layer (log axis by default)."""
    return lines(stats, "layer", series, x_title, y_title, log=log, points=True)


def overlay(a: pd.DataFrame, b: pd.DataFrame, on: str, cols: list[str]) -> pd.DataFrame:
    """A's and B's columns side by side (a_<col>, b_<col>) over the union of their `on`
    values (NaN where one side has no row, e.g. a layer only the deeper network has)."""
    return pd.merge(a[[on, *cols]].rename(columns={c: f"a_{c}" for c in cols}),
                    b[[on, *cols]].rename(columns={c: f"b_{c}" for c in cols}),
                    on=on, how="outer").sort_values(on, ignore_index=True)


def ab_lines(spec: dict, per_side: int) -> dict:
    """A `lines` spec of A's series then B's (as `overlay` names them), restyled: B's lines
    dashed, and one legend row per setting so that long labels are not cut."""
    color = spec["encoding"]["color"]
    labels = color["scale"]["domain"]
    color["legend"] = {**color["legend"], "columns": per_side}
    if spec["mark"].get("point"):  # a dashed outline blurs a small circle: legend dots stay whole
        color["legend"]["symbolStrokeWidth"] = 0
    spec["encoding"]["strokeDash"] = {
        "field": "series", "type": "nominal", "legend": None,
        "scale": {"domain": labels, "range": [[1, 0]] * per_side + [[6, 3]] * per_side}}
    return spec


def dashed(spec: dict, labels: list[str]) -> dict:
    """A `lines` spec with the series `labels` dashed and drawn last, over the others: a line
    that others cover (ReLU under leaky ReLU, whose slope differs by 0.01, and under ELU for
    z > 0) shows them through its gaps. The legend draws its symbol dashed too."""
    color = spec["encoding"]["color"]
    every = color["scale"]["domain"]
    rows = spec["datasets"]["rows"]
    top = rows["series"].isin(labels).to_numpy()
    spec["datasets"]["rows"] = pd.concat([rows[~top], rows[top]])  # Vega draws in data order
    spec["encoding"]["strokeDash"] = {
        "field": "series", "type": "nominal", "title": color.get("title"),
        "legend": color.get("legend"),  # alike, Vega-Lite merges it into the colour's legend
        "scale": {"domain": every, "range": [[6, 4] if l in labels else [1, 0] for l in every]}}
    return spec


def thin(df: pd.DataFrame, max_rows: int) -> pd.DataFrame:
    """At most max_rows evenly spaced rows, always the first and the last: what a chart of a long
    history draws."""
    if max_rows < 2:
        raise ValueError(f"Invalid max_rows: {max_rows!r} (expected >= 2)")
    if len(df) <= max_rows:
        return df
    return df.iloc[np.unique(np.linspace(0, len(df) - 1, max_rows).round().astype(int))]


# TF Playground's colours: orange for class 0 / negative, blue for class 1 / positive
BOUNDARY = ("#f59322", "#e8eaeb", "#0877bd")
CELL_ALPHA = 0.85  # the boundary's cells are its colours faded this much into white
# Half the width of a drawn cell, in cells. Two cells that merely touch leave a faint seam
# where their edge falls inside a pixel (each covers part of it, and the background shows
# through both); one that reaches half a pixel past the edge covers the pixel itself. At 0.6
# that holds for cells of 5 px and more (64 cells across a phone's map).
OVERLAP = 0.6


def faded(colour: str, alpha: float | np.ndarray) -> str | np.ndarray:
    """`colour` ("#rrggbb") drawn with opacity `alpha` over white, as an opaque colour.

    Cells drawn translucent show every seam between them (the anti-aliased edges of two
    neighbours let the white through); opaque cells that overlap a little show none.
    """
    rgb = np.array([int(colour[i:i + 2], 16) for i in (1, 3, 5)], dtype=float)
    a = np.asarray(alpha, dtype=float)[..., None]
    mixed = np.rint(255 - a * (255 - rgb)).astype(int)  # (..., 3)
    hexes = np.array([f"#{r:02x}{g:02x}{b:02x}" for r, g, b in mixed.reshape(-1, 3)])
    return hexes.reshape(np.shape(alpha)) if np.ndim(alpha) else str(hexes[0])


def decision_boundary(grid: pd.DataFrame, points: pd.DataFrame, task: str, x_title: str,
                      y_title: str, value_title: str, pick: str | None = None) -> dict:
    """The network's output over the plane (cells of grid: x1, x2, value, confidence, dx, dy)
    with the data on top (points: x1, x2, value, set). `pick` names a click selection on the
    cells (fields x_lo, x_hi, y_lo, y_hi, centred on the cell) for a page to read back.
    Colour domains come from the points, so the chart's skeleton stays the same while a
    network trains.

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
    return with_data(_boundary(task, domain, box, x_title, y_title, value_title, pick),
                     {"cells": cells[columns], "points": points[["x1", "x2", "value", "set"]]})


@functools.lru_cache(maxsize=64)
def _boundary(task, domain, box, x_title, y_title, value_title, pick) -> dict:
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
        .mark_point(filled=True, size=38, stroke="#ffffff", strokeWidth=1)
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
    return spec(alt.layer(heat, dots).resolve_scale(color="independent")
                .properties(height=HEIGHT + 80))


def time_heatmap(df: pd.DataFrame, x: str, cols: dict[str, int], x_title: str, y_title: str,
                 color_title: str) -> dict:
    """Rows of df as time (x), `cols` (column -> layer number) as rows of cells, log colour."""
    long = df.melt(id_vars=x, value_vars=list(cols), var_name="col")
    ends = df[x].shift(-1).fillna(df[x].iloc[-1] + (df[x].diff().iloc[-1] if len(df) > 1 else 1))
    long["x_hi"] = np.tile(ends.to_numpy(), len(cols))
    long["layer"] = long["col"].map(cols)
    long = long[_positive(long["value"]) & (long["x_hi"] > long[x])]
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


def layer_bars(stats: pd.DataFrame, col: str, x_title: str, y_title: str) -> alt.Chart:
    """One bar per layer."""
    return (
        alt.Chart(inline(stats[["layer", col]]))
        .mark_bar(color=SERIES[0])
        .encode(x=alt.X("layer:O", title=x_title, axis=alt.Axis(labelAngle=0)),
                y=alt.Y(f"{col}:Q", title=y_title, axis=alt.Axis(tickMinStep=1, format="d")),
                tooltip=[alt.Tooltip("layer:O", title=x_title),
                         alt.Tooltip(f"{col}:Q", title=y_title)])
        .properties(height=HEIGHT * 2 // 3)
    )


def distributions(hist: pd.DataFrame, x_title: str, y_title: str,
                  layer_title: str) -> alt.Chart:
    """Density of values per layer, coloured from first to last layer (as in Glorot & Bengio 2010)."""
    return (
        alt.Chart(inline(hist))
        .mark_line(strokeWidth=2, interpolate="step-after")
        .encode(
            x=alt.X("x:Q", title=x_title, axis=alt.Axis(labelExpr=NUMBER_LABEL)),
            y=alt.Y("density:Q", title=y_title, axis=alt.Axis(labelExpr=NUMBER_LABEL)),
            color=alt.Color("layer:O", title=layer_title,
                            scale=alt.Scale(scheme=LAYER_SCHEME),
                            legend=alt.Legend(orient="top")),
            tooltip=[alt.Tooltip("layer:O", title=layer_title),
                     alt.Tooltip("x:Q", title=x_title, format=".3g"),
                     alt.Tooltip("density:Q", title=y_title, format=".3g")],
        )
        .properties(height=HEIGHT)
    )


def activation_curve(curve: pd.DataFrame, zones: list[tuple[float, float]],
                     series: dict[str, str], x_title: str, zone_title: str) -> alt.Chart:
    """f and f' against z, with the flat (saturated) zones shaded."""
    long = curve.melt(id_vars="z", value_vars=list(series), var_name="col", value_name="y")
    long["series"] = long["col"].map(series)
    lines = (
        alt.Chart(inline(long))
        .mark_line(strokeWidth=2.5)
        .encode(
            x=alt.X("z:Q", title=x_title),
            y=alt.Y("y:Q", title=None),
            color=_series_color(series),
            tooltip=[alt.Tooltip("z:Q", format=".2f"), alt.Tooltip("series:N", title=" "),
                     alt.Tooltip("y:Q", title=" ", format=".4f")],
        )
    )
    shade = (
        alt.Chart(inline(pd.DataFrame(zones, columns=["lo", "hi"]).assign(zone=zone_title)))
        .mark_rect(color=SHADE, opacity=0.25)
        .encode(x="lo:Q", x2="hi:Q", tooltip=[alt.Tooltip("zone:N", title=" ")])
    )
    return alt.layer(shade, lines).properties(height=HEIGHT)



def _attach(chart, df: pd.DataFrame):
    """Give a finished chart its data. Every Altair method call deep-copies the data a chart
    already holds, so the concept pages' builders attach it last, with no call left to copy it."""
    chart.data = inline(df)
    return chart


def grouped_bars(df: pd.DataFrame, x: str, series: dict[str, str], x_title: str,
                 y_title: str, log: bool = False) -> alt.Chart:
    """Bars of several columns side by side at each x; on a log axis zeros are left out."""
    long = df.melt(id_vars=x, value_vars=list(series), var_name="col")
    long["series"] = long["col"].map(series)
    if log:
        long = long[_positive(long["value"])]
    chart = (
        alt.Chart()
        .mark_bar()
        .encode(
            x=alt.X(f"{x}:O", title=x_title, axis=alt.Axis(labelAngle=0)),
            xOffset=alt.XOffset("series:N", sort=list(series.values())),
            y=alt.Y("value:Q", title=y_title,
                    scale=alt.Scale(type="log") if log else alt.Scale(),
                    axis=value_axis(log_ticks(long["value"]), counts=True) if log
                    else alt.Axis(format=".2~f")),
            color=_series_color(series),
            tooltip=[alt.Tooltip(f"{x}:O", title=x_title), alt.Tooltip("series:N", title=" "),
                     alt.Tooltip("value:Q", title=y_title, format=",.4~g")],
        )
        .properties(height=HEIGHT)
    )
    if log:  # a log axis has no 0 to grow bars from: start them at 1
        chart = chart.encode(y2=alt.datum(1))
    return _attach(chart, long)


def decomposition(rows: pd.DataFrame, parts: dict[str, str], x_title: str) -> alt.Chart:
    """Horizontal bars stacked from parts: `rows` has columns row, part (a key of `parts`), value.
    Shows sums such as H(p, q) = H(p) + KL(p‖q) as lengths; non-finite parts are not drawn."""
    data = rows.assign(series=rows["part"].map(parts),
                       order=rows["part"].map({k: i for i, k in enumerate(parts)}))
    data = data[np.isfinite(data["value"])]
    chart = (
        alt.Chart()
        .mark_bar()
        .encode(
            y=alt.Y("row:N", title=None, sort=list(dict.fromkeys(rows["row"])),
                    axis=alt.Axis(labelLimit=220, labelFontSize=12)),
            x=alt.X("sum(value):Q", title=x_title, stack="zero"),
            color=_series_color(parts),
            order=alt.Order("order:Q"),
            tooltip=[alt.Tooltip("row:N", title=" "), alt.Tooltip("series:N", title=" "),
                     alt.Tooltip("value:Q", title=x_title, format=".4f")],
        )
        .properties(height=alt.Step(44))  # a fixed height collapses a discrete axis in Streamlit
    )
    return _attach(chart, data)


def legend_columns(labels: list[str]):
    """How many columns a top legend gets so that a phone (about 330 px of plot, some 50
    characters; a CJK glyph counts 2) shows every label: one row when all fit (Undefined),
    two columns when each label fits half the width, else one label per line."""
    widths = [len(l) + sum(ord(c) > 0x2E80 for c in l) for l in labels]
    if sum(widths) + 4 * len(widths) <= 50:
        return alt.Undefined
    return 2 if max(widths) <= 21 else 1


@functools.lru_cache(maxsize=64)
def _xy_spec(series: tuple, x_title: str, y_title: str, log_x: bool, log_y: bool,
             y_ticks: tuple = (), x_ticks: tuple = ()) -> dict:
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
              axis=value_axis(x_ticks))
    y = alt.Y("y:Q", title=y_title,
              scale=alt.Scale(type="log") if log_y else alt.Scale(zero=False),
              axis=value_axis(y_ticks))
    tips = [alt.Tooltip("series:N", title=" "), alt.Tooltip("x:Q", title=x_title, format=".4~g"),
            alt.Tooltip("y:Q", title=y_title, format=".4~g")]
    marks = {"line": alt.MarkDef(type="line", strokeWidth=2.5),
             "dash": alt.MarkDef(type="line", strokeWidth=1.8, strokeDash=[6, 4]),
             "point": alt.MarkDef(type="point", filled=True, size=70, opacity=0.9)}
    return spec(alt.layer(*[alt.Chart(alt.NamedData(kind), mark=mark)
                            .encode(x=x, y=y, color=color, detail="series:N", tooltip=tips)
                            for kind, mark in marks.items()])
                .properties(height=HEIGHT + LEGEND_ROW * (rows - 1)))


def xy_curves(frame: pd.DataFrame, series: dict[str, str], x_title: str, y_title: str,
              log_x: bool = False, log_y: bool = False, points: tuple = (),
              dashed: tuple = ()) -> dict:
    """Curves of (x, y) per series: `frame` has columns key, x, y; `series` maps key -> label
    (legend order; other keys are not drawn). Keys in `points` are drawn as dots
    (measurements), keys in `dashed` as dashed lines (references), the rest as solid lines.
    On a log axis, values that are not > 0 are left out; non-finite values always are."""
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
                              log_ticks(rows["x"], nice=False) if log_x else ()), data)


@functools.lru_cache(maxsize=32)
def _value_grid_spec(x_title, y_title, value_title, x_order: tuple, y_order: tuple) -> dict:
    X = alt.X("x:O", title=x_title, sort=list(x_order), axis=alt.Axis(labelAngle=0))
    Y = alt.Y("y:O", title=y_title, sort=list(y_order))
    tips = [alt.Tooltip("x:O", title=x_title), alt.Tooltip("y:O", title=y_title),
            alt.Tooltip("label:N", title=value_title)]
    rect = alt.Chart().mark_rect(stroke="white", strokeWidth=1).encode(
        x=X, y=Y, tooltip=tips,
        fill=alt.condition("isValid(datum.value)",
                           alt.Fill("value:Q", title=value_title,
                                    scale=alt.Scale(range=["#f7fbff", "#6baed6"]),
                                    legend=alt.Legend(orient="right", format=".2~f")),
                           alt.value("#d0d4d9")))
    frame = (alt.Chart().mark_rect(fill=None, stroke=SERIES[1], strokeWidth=3)
             .encode(x=X, y=Y).transform_filter("datum.outline"))
    text = alt.Chart().mark_text(fontSize=13, color="#1b1b1b").encode(x=X, y=Y, text="label:N")
    return spec(alt.layer(rect, frame, text, data=alt.NamedData("cells"))
                .properties(height=alt.Step(46)))  # a fixed height collapses a discrete axis


def value_grid(cells: pd.DataFrame, x_title: str, y_title: str, value_title: str,
               x_order: list, y_order: list) -> dict:
    """A table of numbers as coloured cells: `cells` has columns x, y, value, label (the text
    written in the cell) and outline (bool: cells to frame). Cells whose value is not finite
    are grey. Both axes are categories, in the given orders (top to bottom for y)."""
    data = cells[["x", "y", "value", "label", "outline"]].astype({"x": str, "y": str})
    skeleton = _value_grid_spec(x_title, y_title, value_title, tuple(map(str, x_order)),
                                tuple(map(str, y_order)))
    return with_data(skeleton, {"cells": data})


def marked_curves(curve: pd.DataFrame, series: dict[str, str], x_title: str, y_title: str,
                  marker: float, zone: tuple[float, float], zone_title: str) -> alt.LayerChart:
    """Columns of `curve` against its first column, a vertical rule at `marker` and one shaded zone."""
    x = curve.columns[0]
    long = curve.melt(id_vars=x, value_vars=list(series), var_name="col", value_name="y")
    long["series"] = long["col"].map(series)
    lines = alt.Chart().mark_line(strokeWidth=2.5).encode(
        x=alt.X(f"{x}:Q", title=x_title),
        y=alt.Y("y:Q", title=y_title, axis=alt.Axis(format=".2~f")),
        color=_series_color(series),
        tooltip=[alt.Tooltip(f"{x}:Q", title=x_title, format=".2f"),
                 alt.Tooltip("series:N", title=" "),
                 alt.Tooltip("y:Q", title=y_title, format=".4f")],
    )
    # channel objects, not shorthand strings: Altair parses strings against its schema (slow)
    shade = alt.Chart().mark_rect(color=SHADE, opacity=0.25).encode(
        x=alt.X("lo:Q"), x2=alt.X2(field="hi"), tooltip=[alt.Tooltip("zone:N", title=" ")])
    rule = alt.Chart().mark_rule(color="#333333", strokeDash=[4, 3]).encode(x=alt.X(f"{x}:Q"))
    # the curves' rows are the layer's own data, given last
    return _attach(alt.layer(
        _attach(shade, pd.DataFrame({"lo": [zone[0]], "hi": [zone[1]], "zone": [zone_title]})),
        lines, _attach(rule, pd.DataFrame({x: [marker]})), height=HEIGHT), long)


def grids(panels: list[tuple[str, np.ndarray]], step: int = 26) -> dict:
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
    s = with_data(_grids_spec(tuple(t for t, _ in panels), signed, step), data)
    for panel, domain in zip(s["hconcat"], tops):
        panel["layer"][0]["encoding"]["fill"]["scale"]["domain"] = domain
    return s


@functools.lru_cache(maxsize=64)
def _grids_spec(titles: tuple[str, ...], signed: tuple[bool, ...], step: int) -> dict:
    charts = []
    for i, (title, sign) in enumerate(zip(titles, signed)):
        # the domain is the data's: `grids` sets it on its copy
        scale = (alt.Scale(scheme="blueorange", domainMid=0, domain=[-1, 1]) if sign
                 else alt.Scale(scheme="blues", domain=[0, 1]))
        base = alt.Chart().encode(x=alt.X("col:O", axis=None), y=alt.Y("row:O", axis=None))
        # cells use the fill scale and numbers the color scale, so the two never mix
        cells = base.mark_rect(stroke="white", strokeWidth=1).encode(
            fill=alt.Fill("v:Q", scale=scale, legend=None),
            tooltip=[alt.Tooltip("row:O"), alt.Tooltip("col:O"), alt.Tooltip("v:Q", format=".4~g")])
        text = base.mark_text(fontSize=11).encode(
            text=alt.Text("v:Q", format=".3~g"),
            color=alt.Color("ink:N", legend=None, scale=alt.Scale(domain=["light", "dark"],
                                                                  range=["white", "#1b1b1b"])))
        charts.append(alt.layer(cells, text, data=alt.NamedData(f"grid{i}"), title=title,
                                width=alt.Step(step), height=alt.Step(step)))
    return spec(alt.hconcat(*charts, spacing=18,
                            resolve=alt.Resolve(scale=alt.ScaleResolveMap(fill="independent"))))


MAP_RANGE = ("#fbfcfd", "#9fb0c1")  # a light surface, so that coloured paths stand out
MAP_WIDTH = 430  # the plot's usual width on a laptop: the height follows the domain's aspect
MAP_FRAME = 110  # legend and x axis, which Streamlit's fit-to-container counts in the height


# Map skeletons are cached without the numbers of one map (its domain and cell size), which
# change with every new function: they are built with these placeholders, and `_place`
# writes the real numbers into each copy.
_SOME_DOMAIN, _SOME_CELL = ((0.0, 1.0), (0.0, 1.0)), (0.1, 0.1)


def _scales() -> tuple[alt.Scale, alt.Scale]:
    """x and y scales of a map; `_place` sets their domains."""
    (x0, x1), (y0, y1) = _SOME_DOMAIN
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


def nice_ticks(lo: float, hi: float, most: int = 10) -> list[float]:
    """The most round numbers from lo to hi, but no more than `most`, a step of 1, 2 or 5
    times a power of ten apart (Vega drops every other one where the plot is too small)."""
    span = float(hi - lo)
    if not span > 0:
        return [float(lo)]

    def ends(step):
        return math.ceil(lo / step - 1e-9), math.floor(hi / step + 1e-9)

    steps = sorted(m * 10.0 ** e for e in range(math.floor(math.log10(span / most)) - 1,
                                                math.ceil(math.log10(span)) + 2)
                   for m in (1, 2, 5))
    step = next(s for s in steps if ends(s)[1] - ends(s)[0] + 1 <= most)
    first, last = ends(step)
    return [float(f"{k * step:.12g}") + 0.0 for k in range(first, last + 1)]  # + 0.0: no -0


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


def _place(s: dict, domain, cell: tuple[float, float], height: int | None = None,
           square: bool = True) -> dict:
    """Write one map's numbers into a copy of its skeleton (see _SOME_DOMAIN).

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


def _optimizer_color() -> alt.Color:
    """One colour per optimizer, the legend wrapping after three so a phone shows all six;
    `_colour` writes the optimizers into each copy of a skeleton."""
    return alt.Color("series:N", title=None, legend=alt.Legend(orient="top", columns=3),
                     scale=alt.Scale(domain=[], range=[]))


def _colour(s: dict, labels: list[str]) -> dict:
    """Write the legend's labels and their colours into a copy of a skeleton coloured by
    `_optimizer_color`. Skeletons are cached without them: a new set of optimizers would
    otherwise build a skeleton anew (the map's is slow to build in Altair)."""
    for layer in s["layer"]:
        color = layer.get("encoding", {}).get("color", {})
        if color.get("field") == "series":
            color["scale"]["domain"] = list(labels)
            color["scale"]["range"] = list(SERIES[: len(labels)])
    return s


def _map_height(domain) -> int:
    """About one unit of y per unit of x at the usual width, so circles look round."""
    (x0, x1), (y0, y1) = domain
    return MAP_FRAME + int(min(max(MAP_WIDTH * (y1 - y0) / (x1 - x0), 220), 520))


def _surface_layers(log: bool, z_title: str, pick: str | None) -> list[alt.Chart]:
    """Heatmap (dataset "cells": x, y, z) and iso-lines (dataset "iso": x, y, x2, y2).

    log: colour by the cells' column c, max(z - zmin, floor), on a log scale (which cannot
    show 0); else by z on a linear scale. The numbers (domain, cell) come in through
    `_place`. Nothing in the spec depends on the function's values: a new function of the
    same domain only brings new data, which the browser draws into the chart it has, where
    a changed spec would have it build the whole chart anew.
    """
    sx, sy = _scales()
    rect = (
        alt.Chart(alt.NamedData("cells"))
        .transform_calculate(**_cell_formulas(_SOME_CELL))
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
        .mark_rule(color="#34414e", strokeWidth=0.8, opacity=0.5, clip=True)
        .encode(x=alt.X("x:Q", scale=sx), y=alt.Y("y:Q", scale=sy), x2="x2:Q", y2="y2:Q")
    )
    return [rect, iso]


def _surface_data(X, Y, Z, lines, log) -> tuple[dict[str, pd.DataFrame], tuple]:
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
def _surface_spec(log, z_title, pick) -> dict:
    return spec(alt.layer(*_surface_layers(log, z_title, pick))
                .properties(height=_map_height(_SOME_DOMAIN)))


def surface_map(X: np.ndarray, Y: np.ndarray, Z: np.ndarray, lines: pd.DataFrame, domain,
                log: bool, z_title: str, pick: str | None = None) -> dict:
    """A function on a grid (X, Y, Z from `contours.grid`) as a heatmap, one rect per grid
    point, with the iso-line segments of `contours.iso_lines` drawn over it.

    log: colour by the height above the lowest value on the map, on a log scale. `pick`
    names a click selection on the cells (fields x, y) for a page to read back.
    """
    data, cell = _surface_data(X, Y, Z, lines, log)
    return _place(with_data(_surface_spec(log, z_title, pick), data), domain, cell,
                  _map_height(domain))


@functools.lru_cache(maxsize=32)
def _optimizer_map_spec(log: bool, titles: tuple, pick) -> dict:
    T = dict(titles)
    sx, sy = _scales()
    x, y = alt.X("x:Q", scale=sx), alt.Y("y:Q", scale=sy)
    color = _optimizer_color()
    tips = [alt.Tooltip("series:N", title=" "), alt.Tooltip("step:Q", title=T["step"]),
            alt.Tooltip("x:Q", format=".4f"), alt.Tooltip("y:Q", format=".4f"),
            alt.Tooltip("loss:Q", title=T["loss"], format=".4g")]
    paths = (alt.Chart(alt.NamedData("paths"))
             .mark_line(strokeWidth=2.2, clip=True)
             .encode(x=x, y=y, color=color, order="step:Q", tooltip=tips))
    dots = (alt.Chart(alt.NamedData("now"))
            .mark_point(filled=True, size=110, stroke="white", strokeWidth=1.5, opacity=1,
                        clip=True)
            .encode(x=x, y=y, color=color.legend(None), tooltip=tips))
    fixed = (alt.Chart(alt.NamedData("marks"))
             .mark_point(size=130, strokeWidth=2.2, clip=True, color="#111111")
             .encode(x=x, y=y,
                     shape=alt.Shape("kind:N", legend=None,
                                     scale=alt.Scale(domain=[T["minimum"], T["start"]],
                                                     range=["diamond", "cross"])),
                     tooltip=[alt.Tooltip("kind:N", title=" "), alt.Tooltip("x:Q", format=".4f"),
                              alt.Tooltip("y:Q", format=".4f")]))
    surface = _surface_layers(log, T["z"], pick)
    return spec(alt.layer(*surface, paths, dots, fixed)
                .resolve_scale(color="independent")
                .properties(height=_map_height(_SOME_DOMAIN)))


def optimizer_map(X: np.ndarray, Y: np.ndarray, Z: np.ndarray, lines: pd.DataFrame,
                  frame: pd.DataFrame, series: dict[str, str], step: int, start, minima,
                  domain, log: bool, titles: dict[str, str], pick: str | None = None) -> dict:
    """The surface map with the optimizer paths up to `step` (one colour per series, in the
    order of `series`), a dot where each path stands at `step`, the start (cross) and the
    listed minima (diamonds).

    frame: optimizer, step, x, y, loss, each optimizer's rows together in step order;
    `series` maps optimizer -> legend label; titles: z, step, loss (tooltips) and start,
    minimum (marker names).
    """
    data, cell = _surface_data(X, Y, Z, lines, log)
    x, y = frame["x"].to_numpy(), frame["y"].to_numpy()
    keep = (frame["step"].to_numpy() <= step) & np.isfinite(x) & np.isfinite(y)
    name = frame["optimizer"].to_numpy()
    (x0, x1), (y0, y1) = domain
    kept = np.flatnonzero(keep)
    keep[kept] = visible(np.column_stack([x[kept], y[kept]]), name[kept],
                         max(x1 - x0, y1 - y0) / PIXELS)
    drawn = _columns(frame, keep, {"step": frame["step"].to_numpy(), "x": x, "y": y,
                                   "loss": frame["loss"].to_numpy()}, series)
    label = drawn["series"].to_numpy()
    now = drawn[np.append(label[1:] != label[:-1], True)[:len(label)]]  # each path's last row
    marks = pd.DataFrame(list(minima) + [start], columns=["x", "y"])
    marks["kind"] = [titles["minimum"]] * len(minima) + [titles["start"]]
    skeleton = _optimizer_map_spec(log, tuple(sorted(titles.items())), pick)
    out = with_data(skeleton, data | {"paths": drawn, "now": now, "marks": marks})
    return _place(_colour(out, list(series.values())), domain, cell, _map_height(domain))


PIXELS = 1500  # a map is drawn at most this many pixels across


def visible(xy: np.ndarray, line: np.ndarray, cell: float) -> np.ndarray:
    """(n,) mask of the points of polylines worth drawing at resolution `cell`.

    xy (n, 2) holds the points of lines one after the other, `line` (n,) names the line of
    each. Kept: each line's first and last point, and every point that lies in another
    square of a grid of side `cell` than the point before it. A dropped point shares its
    square with the last point kept, so the line drawn through the kept points is nowhere
    farther than a square's diagonal from the full one; a path that has settled down (the
    hundreds of last steps of a converging optimizer) costs the browser a few points.
    """
    n = len(xy)
    out = np.ones(n, dtype=bool)
    if n > 1:
        square = np.floor(xy / cell)
        edge = line[1:] != line[:-1]
        out[1:] = (square[1:] != square[:-1]).any(1) | edge
        out[:-1] |= edge
        out[-1] = True
    return out


def _columns(frame: pd.DataFrame, keep: np.ndarray, cols: dict[str, np.ndarray],
             series: dict[str, str]) -> pd.DataFrame:
    """The rows `keep` (a mask) of `cols` (columns of `frame`), with a "series" column last:
    the legend label of each row's optimizer (as arrays: faster than pandas'
    own selection and mapping on the thousands of rows a rerun redraws)."""
    codes, names = pd.factorize(frame["optimizer"].to_numpy()[keep])
    labels = np.array([series.get(name) for name in names], dtype=object)
    return pd.DataFrame({c: v[keep] for c, v in cols.items()} |
                        {"series": pd.array(labels[codes], dtype="str")})


@functools.lru_cache(maxsize=64)
def _step_lines_spec(y_title: str, step_title: str, log: bool) -> dict:
    # The step axis' span, the value axis' ticks and the colours come with each copy (see
    # `step_lines`): the same skeleton serves every range and every set of lines.
    lines = (
        alt.Chart(alt.NamedData("lines"))
        .mark_line(strokeWidth=2.2)
        .encode(x=alt.X("step:Q", title=step_title, scale=alt.Scale(nice=False)),
                y=alt.Y("value:Q", title=y_title,
                        scale=alt.Scale(type="log") if log else alt.Scale(),
                        axis=alt.Axis()),
                color=_optimizer_color(),
                tooltip=[alt.Tooltip("series:N", title=" "),
                         alt.Tooltip("step:Q", title=step_title),
                         alt.Tooltip("value:Q", title=y_title, format=".3e")])
    )
    rule = (alt.Chart(alt.NamedData("now"))
            .mark_rule(color=SHADE, strokeDash=[4, 3], strokeWidth=1.5)
            .encode(x="step:Q"))
    return spec(alt.layer(rule, lines).properties(height=HEIGHT))


def step_lines(frame: pd.DataFrame, col: str, series: dict[str, str], y_title: str,
               step_title: str, now: int, log: bool = True) -> dict:
    """`col` of `frame` against step, one line per optimizer; a dashed rule marks step `now`.

    On a log axis, values that are not finite or not above round-off (1e-16 of the largest)
    are left out: below that, float64 has nothing left to show.
    The step axis spans the frame's steps, fixed: left to the data, the scale would follow
    the rule's row too, and each move of the rule would re-encode every point of every line
    in the browser (on Optimizer paths, most of its redrawing time for a step move).
    """
    value = frame[col].to_numpy()
    keep = np.isfinite(value)
    if log and keep.any():
        keep &= value > 1e-16 * value[keep].max()
    rows = _columns(frame, keep, {"step": frame["step"].to_numpy(), "value": value}, series)
    out = _colour(with_data(_step_lines_spec(y_title, step_title, log),
                            {"lines": rows, "now": pd.DataFrame({"step": [now]})}),
                  list(series.values()))
    encoding = out["layer"][1]["encoding"]
    encoding["y"]["axis"] = _copy(_axis(log_ticks(rows["value"]) if log else ()))
    if len(step := frame["step"].to_numpy()):
        encoding["x"]["scale"]["domain"] = [float(step.min()), float(step.max())]
    return out


@functools.lru_cache(maxsize=8)
def _axis(ticks: tuple) -> dict:
    """`value_axis` as a spec (cached: copy it before use)."""
    return value_axis(ticks).to_dict(validate=False)


@functools.lru_cache(maxsize=32)
def _constraint_map_spec(color: str, titles: tuple) -> dict:
    T = dict(titles)
    sx, sy = _scales()
    x, y = alt.X("x:Q", scale=sx), alt.Y("y:Q", scale=sy)
    rect, iso = _surface_layers(False, T["z"], None)
    rect = rect.encode(x=alt.X("x1:Q", title=T["x"], scale=sx),
                       y=alt.Y("y1:Q", title=T["y"], scale=sy))
    ball = (alt.Chart(alt.NamedData("ball"))
            .mark_line(color=color, strokeWidth=2.6, clip=True)
            .encode(x=x, y=y, order="order:Q"))
    touch = (alt.Chart(alt.NamedData("touch"))
             .mark_rule(color="#111111", strokeWidth=1.6, strokeDash=[5, 3], clip=True)
             .encode(x=x, y=y, x2="x2:Q", y2="y2:Q"))
    path = (alt.Chart(alt.NamedData("path"))
            .mark_line(color=SERIES[1], strokeWidth=2.2, clip=True)
            .encode(x=x, y=y, order="lam:Q",
                    tooltip=[alt.Tooltip("lam:Q", title=T["lam"], format=".2f"),
                             alt.Tooltip("x:Q", title=T["x"], format=".3f"),
                             alt.Tooltip("y:Q", title=T["y"], format=".3f")]))
    names = [T["minimum"], T["solution"]]
    marks = (alt.Chart(alt.NamedData("marks"))
             .mark_point(size=150, strokeWidth=2.4, opacity=1, clip=True)
             .encode(x=x, y=y,
                     # no legend: the page names the cross and the dot in its text
                     shape=alt.Shape("kind:N", legend=None,
                                     scale=alt.Scale(domain=names, range=["cross", "circle"])),
                     color=alt.Color("kind:N", legend=None,
                                     scale=alt.Scale(domain=names, range=["#111111", SERIES[1]])),
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
                   marks: pd.DataFrame, color: str, titles: dict[str, str]) -> dict:
    """A loss map (the heatmap and iso-lines of `surface_map`) with the boundary of a norm ball
    in `color` (ball: order, x, y), the iso-line that touches it, dashed (touch: x, y, x2, y2),
    the regularized solution's path as the penalty grows (path: lam, x, y) and two markers
    (marks: x, y, kind; kind is titles["minimum"], drawn as a black cross, or
    titles["solution"], an orange dot; the kinds name them in tooltips, there is no legend).

    titles: x, y (axes), z (the loss), lam (the penalty), minimum, solution.
    """
    data, cell = _surface_data(X, Y, Z, lines, False)
    skeleton = _constraint_map_spec(color, tuple(sorted(titles.items())))
    return _place(with_data(skeleton, data | {"ball": ball[["order", "x", "y"]],
                                              "touch": touch[["x", "y", "x2", "y2"]],
                                              "path": path[["lam", "x", "y"]],
                                              "marks": marks[["x", "y", "kind"]]}),
                  domain, cell)


def step_histograms(hist: pd.DataFrame, series: dict[str, str], x_title: str,
                    y_title: str) -> dict:
    """Several histograms over the same bins (hist: lo, hi and one column per key of `series`)
    as overlaid step outlines, on a square-root axis so that a tall spike leaves the others
    readable."""
    edges = np.append(hist["lo"].to_numpy(), hist["hi"].iloc[-1])
    frames = []
    for col, label in series.items():
        v = hist[col].to_numpy()
        frames.append(pd.DataFrame({"x": edges, "value": np.append(v, v[-1]), "series": label}))
    return with_data(_step_histograms_spec(tuple(series.values()), x_title, y_title),
                     {"steps": pd.concat(frames, ignore_index=True)})


@functools.lru_cache(maxsize=32)
def _step_histograms_spec(labels: tuple, x_title: str, y_title: str) -> dict:
    return spec(
        alt.Chart(alt.NamedData("steps"))
        .mark_line(strokeWidth=2.2, interpolate="step-after")
        .encode(x=alt.X("x:Q", title=x_title, scale=alt.Scale(nice=False),
                        axis=alt.Axis(labelExpr=NUMBER_LABEL)),
                y=alt.Y("value:Q", title=y_title, scale=alt.Scale(type="sqrt"),
                        axis=alt.Axis(labelExpr=NUMBER_LABEL)),
                color=alt.Color("series:N", title=None, legend=alt.Legend(orient="top"),
                                scale=alt.Scale(domain=list(labels),
                                                range=list(SERIES[: len(labels)]))),
                tooltip=[alt.Tooltip("series:N", title=" "),
                         alt.Tooltip("x:Q", title=x_title, format=".3f"),
                         alt.Tooltip("value:Q", title=y_title, format=".3g")])
        .properties(height=HEIGHT)
    )


def stack_profile(table: pd.DataFrame, series: dict[str, str], x_title: str,
                  y_title: str) -> alt.Chart:
    """Whole-pixel quantities (sizes, receptive fields) per layer of a stack; layer 0 is the
    input. Missing values (a field after a fully connected layer) are not drawn."""
    long = table.melt(id_vars="layer", value_vars=list(series), var_name="col").dropna()
    long["series"] = long["col"].map(series)
    chart = (
        alt.Chart()
        .mark_line(point=alt.OverlayMarkDef(size=45), strokeWidth=2.5)
        .encode(
            x=alt.X("layer:Q", title=x_title, axis=alt.Axis(tickMinStep=1, format="d")),
            y=alt.Y("value:Q", title=y_title, axis=alt.Axis(format=",d")),
            color=_series_color(series),
            tooltip=[alt.Tooltip("layer:Q", title=x_title), alt.Tooltip("series:N", title=" "),
                     alt.Tooltip("value:Q", title=y_title, format=",d")],
        )
        .properties(height=HEIGHT)
    )
    return _attach(chart, long)


@functools.lru_cache(maxsize=32)
def _loss_map_spec(log: bool, titles: tuple, kinds: tuple) -> dict:
    T = dict(titles)
    shapes = [shape for kind, shape in (("start", "cross"), ("end", "diamond")) if kind in kinds]
    colors = [color for kind, color in (("start", SERIES[1]), ("end", "#111111")) if kind in kinds]
    names = [T[kind] for kind in ("start", "end") if kind in kinds]
    sx, sy = _scales()
    x, y = alt.X("x:Q", scale=sx), alt.Y("y:Q", scale=sy)
    rect, iso = _surface_layers(log, T["z"], None)
    rect = rect.encode(x=alt.X("x1:Q", title=T["x"], scale=sx),
                       y=alt.Y("y1:Q", title=T["y"], scale=sy))
    tips = [alt.Tooltip("step:Q", title=T["step"]), alt.Tooltip("x:Q", format=".3f"),
            alt.Tooltip("y:Q", format=".3f"), alt.Tooltip("loss:Q", title=T["z"], format=".4g")]
    path = (alt.Chart(alt.NamedData("path"))
            .mark_line(strokeWidth=2.2, color=SERIES[1], clip=True,
                       point=alt.OverlayMarkDef(size=14, color=SERIES[1]))
            .encode(x=x, y=y, order="step:Q", tooltip=tips))
    legend = alt.Legend(orient="top", symbolStrokeWidth=2.4, symbolOpacity=1)  # as the marks
    marks = (alt.Chart(alt.NamedData("marks"))
             .mark_point(size=140, strokeWidth=2.4, filled=False, clip=True)
             .encode(x=x, y=y,
                     # one legend for both channels (alike and resolved alike, Vega-Lite
                     # merges them): with the colour's left out, its symbols were grey
                     shape=alt.Shape("kind:N", title=None, legend=legend,
                                     scale=alt.Scale(domain=names, range=shapes)),
                     color=alt.Color("kind:N", title=None, legend=legend,
                                     scale=alt.Scale(domain=names, range=colors)),
                     tooltip=[alt.Tooltip("kind:N", title=" "), alt.Tooltip("x:Q", format=".3f"),
                              alt.Tooltip("y:Q", format=".3f")]))
    # a fixed height: a pca plane is often long and thin, and would shrink to a strip
    return spec(alt.layer(rect, iso, path, marks)
                .resolve_scale(color="independent", shape="independent")
                .properties(height=MAP_FRAME + 300))


def loss_map(X: np.ndarray, Y: np.ndarray, Z: np.ndarray, lines: pd.DataFrame,
             path: pd.DataFrame, marks: pd.DataFrame, domain, log: bool,
             titles: dict[str, str], square: bool = True) -> dict:
    """A loss surface (the heatmap and iso-lines of `surface_map`) with a training path and
    two kinds of marker on it, and axes named by `titles`; `square=False` lets the domain
    fill the plot (for axes that are not one length apart, see `_place`).

    path: step, x, y, loss (may be empty); marks: x, y, kind (kind is titles["start"] or
    titles["end"]; the legend lists the kinds present); titles: x, y (axes), z (the loss),
    step, start, end.
    """
    data, cell = _surface_data(X, Y, Z, lines, log)
    kinds = tuple(k for k in ("start", "end") if (marks["kind"] == titles[k]).any())
    skeleton = _loss_map_spec(log, tuple(sorted(titles.items())), kinds)
    return _place(with_data(skeleton, data | {"path": path[["step", "x", "y", "loss"]],
                                              "marks": marks[["x", "y", "kind"]]}),
                  domain, cell, square=square)


@functools.lru_cache(maxsize=64)
def _marked_lines_spec(x, labels, x_title, y_title, log, ticks=()) -> dict:
    lines = (
        alt.Chart(alt.NamedData("rows"))
        .mark_line(strokeWidth=2.5, point=alt.OverlayMarkDef(size=35))
        .encode(
            x=alt.X(f"{x}:Q", title=x_title, scale=alt.Scale(zero=False, nice=False)),
            y=alt.Y("value:Q", title=y_title,
                    scale=alt.Scale(type="log") if log else alt.Scale(zero=False),
                    axis=value_axis(ticks)),
            color=alt.Color("series:N", title=None, legend=alt.Legend(orient="top"),
                            scale=alt.Scale(domain=list(labels), range=list(SERIES[: len(labels)]))),
            tooltip=[alt.Tooltip(f"{x}:Q", title=x_title, format=".4~g"),
                     alt.Tooltip("series:N", title=" "),
                     alt.Tooltip("value:Q", title=y_title, format=".3e")])
    )
    rule = (alt.Chart(alt.NamedData("marker"))
            .mark_rule(color="#333333", strokeDash=[4, 3], strokeWidth=1.5)
            .encode(x=alt.X(f"{x}:Q")))
    return spec(alt.layer(rule, lines).properties(height=HEIGHT))


def marked_lines(df: pd.DataFrame, x: str, series: dict[str, str], x_title: str,
                 y_title: str, marker: float, log: bool = True) -> dict:
    """One line (with points) per column of `df` against `x`, and a dashed vertical rule at
    x = marker, e.g. a slider's value on a sweep; on a log axis zeros and non-finite values
    are left out."""
    long = df.melt(id_vars=x, value_vars=list(series), var_name="col")
    long["series"] = long["col"].map(series)
    long = long[_positive(long["value"])] if log else long[np.isfinite(long["value"])]
    ticks = log_ticks(long["value"]) if log else ()
    return with_data(_marked_lines_spec(x, tuple(series.values()), x_title, y_title, log, ticks),
                     {"rows": long[[x, "series", "value"]], "marker": pd.DataFrame({x: [marker]})})


def histogram_density(hist: pd.DataFrame, curve: pd.DataFrame, series: dict[str, str],
                      x_title: str, y_title: str) -> alt.LayerChart:
    """A density histogram (columns lo, hi, density) under a density curve (columns x, density);
    `series` labels them with keys "hist" and "curve"."""
    color = _series_color(series)
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
        .mark_line(strokeWidth=2.5)
        .encode(x="x:Q", y="density:Q", color=color)
    )
    return alt.layer(bars, line).properties(height=HEIGHT)
