"""Streamlit-side helpers shared by the pages: texts, language, controls, chart display."""
import altair as alt
import streamlit as st


def show(chart: alt.Chart) -> None:
    """Every chart of the app goes through here: full width, the app's theme."""
    st.altair_chart(chart, width="stretch")
