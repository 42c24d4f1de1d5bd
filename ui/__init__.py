"""Streamlit-side helpers shared by the pages: texts, language, controls, chart display."""
import math

import altair as alt
import streamlit as st

from playground import charts


def show(chart: alt.TopLevelMixin | dict, **select):
    """Every chart of the app goes through here: full width, the app's theme.

    Builders hand over a finished Vega-Lite spec (`charts.spec`), built without Altair's
    validation or global data transformer: about half the cost of `st.altair_chart`.
    `select` (key, on_select, selection_mode) makes a chart's selections reach the page.
    """
    return st.vega_lite_chart(spec=chart if isinstance(chart, dict) else charts.spec(chart),
                              width="stretch", **select)


def side_by_side(*panels: tuple[str, alt.TopLevelMixin | dict]) -> None:
    """Charts in equal columns, each under its title in bold (a phone stacks them)."""
    for col, (title, chart) in zip(st.columns(len(panels)), panels):
        with col:
            st.markdown(f"**{title}**")
            show(chart)


def number(x: float, fmt: str) -> str:
    """A metric value; inf and NaN spelled out rather than as Python's 'nan'."""
    if math.isnan(x):
        return "NaN"
    return format(x, fmt) if math.isfinite(x) else ("∞" if x > 0 else "−∞")


def span(layers: list[int]) -> str:
    """[1, 2, 3, 7] -> '1–3, 7'."""
    runs: list[list[int]] = []
    for l in layers:
        if runs and l == runs[-1][-1] + 1:
            runs[-1].append(l)
        else:
            runs.append([l])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)
