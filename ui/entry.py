"""What every run does before its page: page config, language switch, navigation.

app.py calls `start()` and runs the page it returns. But with a `pages/` folder next to
app.py, Streamlit's first run in a fresh process (and every run under AppTest) still uses
the old folder routing and executes the page alone. A deep link (`/training?...`, a
teacher's shared URL) would then miss the navigation and the language switch. Every page
therefore calls `required()`, which does app.py's part itself when app.py did not run first.
"""
import gc
import sys
from pathlib import Path

import streamlit as st

import ui
from ui import controls, experiments, i18n, present

ICON = Path(__file__).parent / "components" / "icon.png"
_FLAG = "_entry_ran"
_STARTED = "_session_started"
_FROZEN = [0]  # len(sys.modules) at the last gc.freeze()


def start(shown: bool = True) -> st.Page:
    """Configure the run and return the page to show (`shown` False: this run is redone at
    once, so what the link got wrong waits for the next one)."""
    # a file, not a Material icon: a favicon icon is fetched from Google's font servers
    st.set_page_config(page_title="DL Playground", page_icon=str(ICON), layout="wide")
    notice = i18n.language_switch()
    bad_present = present.setup(shown)
    current = st.navigation(experiments.navigation())
    st.session_state[ui.PAGE] = current.url_path or "home"
    if notice:
        st.warning(notice, icon=":material/translate:")
    if bad_present:
        st.warning(bad_present, icon=":material/link_off:")
    st.session_state[_FLAG] = st.session_state[_STARTED] = True
    st.session_state[controls.DEFAULTS] = {}  # the page's controls fill it in again
    return current


def settle_imports() -> None:
    """Hand what the imports made so far to the collector's permanent generation.

    torch, pandas, Altair and Streamlit leave about 380,000 long-lived objects, and every
    full collection walked them all, now and then in the middle of a rerun (a slider move
    that stalls). Frozen, they are left out of full collections. A freeze
    happens only when new modules came in (a page's first visit), so it keeps at most the
    few cycles that were garbage at that moment.
    """
    if len(sys.modules) > _FROZEN[0]:
        _FROZEN[0] = len(sys.modules)
        gc.freeze()


def required() -> None:
    """Called at the top of every page, after its imports."""
    settle_imports()
    ui.number_menus()
    if st.session_state.pop(_FLAG, False):
        return
    first = _STARTED not in st.session_state
    start(shown=not first)  # calling st.navigation ends the folder routing for later runs
    del st.session_state[_FLAG]
    if first:
        # Widget ids include the routing's page hash, which changes with it: rerun now,
        # while this is a page load with no click to lose, so the ids stay stable after.
        st.rerun()
