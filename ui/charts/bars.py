"""Bars: per layer, grouped, stacked parts, and histograms over steps."""
import functools

import altair as alt
import numpy as np
import pandas as pd

from ui.charts.figure import Figure, attach, inline, spec, with_data
from ui.charts.style import (HEIGHT, LAYER_SCHEME, NUMBER_LABEL, PATH, SERIES, log_ticks, positive,
                             series_color, value_axis)


def layer_bars(stats: pd.DataFrame, col: str, x_title: str, y_title: str) -> Figure:
    """One bar per layer."""
    return spec(
        alt.Chart(inline(stats[["layer", col]]))
        .mark_bar(color=SERIES[0])
        .encode(x=alt.X("layer:O", title=x_title, axis=alt.Axis(labelAngle=0)),
                y=alt.Y(f"{col}:Q", title=y_title, axis=alt.Axis(tickMinStep=1, format="d")),
                tooltip=[alt.Tooltip("layer:O", title=x_title),
                         alt.Tooltip(f"{col}:Q", title=y_title)])
        .properties(height=HEIGHT * 2 // 3)
    )


def distributions(hist: pd.DataFrame, x_title: str, y_title: str,
                  layer_title: str) -> Figure:
    """Density of values per layer, coloured from first to last layer (as in Glorot & Bengio 2010)."""
    return spec(
        alt.Chart(inline(hist))
        .mark_line(strokeWidth=PATH, interpolate="step-after")
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


def grouped_bars(df: pd.DataFrame, x: str, series: dict[str, str], x_title: str,
                 y_title: str, log: bool = False, keep_order: bool = False) -> Figure:
    """Bars of several columns side by side at each x; on a log axis zeros are left out.
    keep_order: the x values stay in the order of df's rows, not sorted (named cases)."""
    long = df.melt(id_vars=x, value_vars=list(series), var_name="col")
    long["series"] = long["col"].map(series)
    if log:
        long = long[positive(long["value"])]
    chart = (
        alt.Chart()
        .mark_bar()
        .encode(
            x=alt.X(f"{x}:O", title=x_title, axis=alt.Axis(labelAngle=0),
                    sort=list(dict.fromkeys(df[x])) if keep_order else alt.Undefined),
            xOffset=alt.XOffset("series:N", sort=list(series.values())),
            y=alt.Y("value:Q", title=y_title,
                    scale=alt.Scale(type="log") if log else alt.Scale(),
                    axis=value_axis(log_ticks(long["value"]), counts=True) if log
                    else alt.Axis(format=".2~f")),
            color=series_color(series),
            tooltip=[alt.Tooltip(f"{x}:O", title=x_title), alt.Tooltip("series:N", title=" "),
                     alt.Tooltip("value:Q", title=y_title, format=",.4~g")],
        )
        .properties(height=HEIGHT)
    )
    if log:  # a log axis has no 0 to grow bars from: start them at 1
        chart = chart.encode(y2=alt.datum(1))
    return spec(attach(chart, long))


def decomposition(rows: pd.DataFrame, parts: dict[str, str], x_title: str,
                  fmt: str = ".4f") -> Figure:
    """Horizontal bars stacked from parts: `rows` has columns row, part (a key of `parts`), value.
    Shows sums such as H(p, q) = H(p) + KL(p‖q) as lengths; non-finite parts are not drawn.
    `fmt`: the d3 format of a part's value in its tooltip (",d" for counts)."""
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
            color=series_color(parts),
            order=alt.Order("order:Q"),
            tooltip=[alt.Tooltip("row:N", title=" "), alt.Tooltip("series:N", title=" "),
                     alt.Tooltip("value:Q", title=x_title, format=fmt)],
        )
        .properties(height=alt.Step(44))  # a fixed height collapses a discrete axis in Streamlit
    )
    return spec(attach(chart, data))


def step_histograms(hist: pd.DataFrame, series: dict[str, str], x_title: str,
                    y_title: str) -> Figure:
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
        .mark_line(strokeWidth=PATH, interpolate="step-after")
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
