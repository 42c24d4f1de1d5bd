"""What every experiment page opens and ends with: its title, a two-line lead (or the open
lesson's question) and its lessons; then, after the charts, why it matters.

The opening is kept short (less room above the title than Streamlit leaves) so that the chart
answering the page's question is on the first screen at 1280 x 800, in presenter mode too."""
from collections.abc import Callable
from typing import TypeVar

import streamlit as st

from ui import lessons
from ui.controls import Controls

V = TypeVar("V")

# Streamlit leaves 6rem above a page's first element, room for a toolbar this app keeps minimal
_CSS = """<style>
.stApp [data-testid="stMainBlockContainer"] { padding-top: 2.5rem; }
</style>"""


def compact() -> None:
    """Less room above the page's title (every page, home included)."""
    st.html(_CSS)


def header(T, page: str):
    """Title, lead and the page's lessons (see `lessons.panel`, whose value this returns). An
    open lesson's question stands where the lead was."""
    compact()
    st.title(T("title"))
    lead = st.container()
    answer = lessons.panel(page)
    if not lessons.showing(page):
        lead.markdown(T("lead"))
    return answer


def opening(T, page: str, controls: Callable[[Controls], V]):
    """`header`, then the page's controls (`controls(c)` makes them, in the sidebar and bound
    to the URL) and, once, what a link got wrong in them: (header's value, the controls')."""
    answer = header(T, page)
    c = Controls()
    values = controls(c)
    c.report()
    return answer, values


def footer(T) -> None:
    st.subheader(T("why_title"))
    st.markdown(T("why"))
