"""What every experiment page opens and ends with: its title, a two-line lead (or the open
lesson's question) and its lessons; then, after the charts, why it matters.

The opening is kept short (less room above the title than Streamlit leaves) so that the chart
answering the page's question is on the first screen at 1280 x 800, in presenter mode too."""
import streamlit as st

from ui import lessons

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


def footer(T) -> None:
    st.subheader(T("why_title"))
    st.markdown(T("why"))
