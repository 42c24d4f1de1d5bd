"""Streamlit-side helpers shared by the pages: texts, language, controls, chart display."""
import altair as alt
import streamlit as st

from playground import charts


def show(chart: alt.TopLevelMixin | dict) -> None:
    """Every chart of the app goes through here: full width, the app's theme.

    Charts carry their data inline, so the spec is built without Altair's validation and
    without Streamlit's Arrow round trip: about half the cost of `st.altair_chart`.
    """
    st.vega_lite_chart(spec=chart if isinstance(chart, dict) else charts.spec(chart),
                       width="stretch")
