"""Every page runs through app.py.

On a fresh server with a `pages/` folder, Streamlit's first script run still uses the old
folder-based routing: a deep link (`/gradient_flow?...`, a teacher's shared URL) then runs the
page alone, without app.py's navigation and language switch, until something calls
`st.navigation`. The guard notices that and reruns through app.py.
"""
import streamlit as st

_FLAG = "_entry_ran"


def mark() -> None:
    """Called by app.py before it runs the page."""
    st.session_state[_FLAG] = True


def required() -> None:
    """Called at the top of every page: reroute when app.py did not run first."""
    if st.session_state.pop(_FLAG, False):
        return
    from ui import experiments  # noqa: PLC0415 (only needed on this rare path)

    st.navigation(experiments.navigation(), position="hidden")  # ends folder-based routing
    st.rerun()
