"""Entry point: routes to the pages and holds the language switch."""
import streamlit as st

from ui import entry, experiments, i18n

st.set_page_config(page_title="DL Playground", page_icon=":material/neurology:",
                   layout="wide")
notice = i18n.language_switch()
current = st.navigation(experiments.navigation())
if notice:
    st.warning(notice, icon=":material/translate:")
entry.mark()
current.run()
