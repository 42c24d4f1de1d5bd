"""Altair chart builders: plain data in, `alt.Chart` out, one visual language for every page.

Titles arrive as arguments (already translated); nothing here knows about Streamlit.
Data is embedded inline as a plain `{"values": rows}` dict, never through Altair's global
data transformer, so a chart's spec can be built with `to_dict(validate=False)` from any
thread; Altair's schema validation (tens of ms per chart) runs in the tests instead.
"""
import json

import altair as alt
import numpy as np
import pandas as pd

SERIES = ("#1f6fb4", "#e4572e", "#2a9d8f", "#f2a541", "#7d5ba6", "#5c6b73")
LAYER_SCHEME = "viridis"
HEIGHT = 280
SHADE = "#9aa5b1"


def inline(df: pd.DataFrame) -> dict:
    """Rows as JSON records; NaN and inf become null, which JSON (and Vega) can carry."""
    return {"values": json.loads(df.to_json(orient="records"))}


def spec(chart: alt.TopLevelMixin) -> dict:
    """The Vega-Lite spec of a chart, without Altair's slow schema validation."""
    return chart.to_dict(validate=False)


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


def layer_profile(stats: pd.DataFrame, series: dict[str, str], x_title: str,
                  y_title: str, log: bool = True) -> alt.Chart:
    """One line per column of `stats` against `layer`; `series` maps column -> legend label.

    On a log axis, zeros and non-finite values are left out (the page says why).
    """
    long = stats.melt(id_vars="layer", value_vars=list(series), var_name="col")
    long["series"] = long["col"].map(series)
    if log:
        long = long[_positive(long["value"])]
    return (
        alt.Chart(inline(long))
        .mark_line(point=alt.OverlayMarkDef(size=45), strokeWidth=2.5)
        .encode(
            x=alt.X("layer:Q", title=x_title, axis=alt.Axis(tickMinStep=1, format="d")),
            y=alt.Y("value:Q", title=y_title,
                    scale=alt.Scale(type="log") if log else alt.Scale(),
                    axis=alt.Axis(format=".2~g")),
            color=_series_color(series),
            tooltip=[alt.Tooltip("layer:Q", title=x_title), alt.Tooltip("series:N", title=" "),
                     alt.Tooltip("value:Q", title=y_title, format=".3e")],
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
            x=alt.X("x:Q", title=x_title, axis=alt.Axis(format=".3~g")),
            y=alt.Y("density:Q", title=y_title, axis=alt.Axis(format=".3~g")),
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
