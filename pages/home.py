"""Home: one card per experiment, with the interview question it answers."""
import streamlit as st

from ui import entry, i18n
from ui.experiments import EXPERIMENTS, link_params, page
from ui.text import common, home

entry.required()

T = i18n.translator(home)
C = i18n.translator(common)

st.title(T("title"))
st.markdown(T("lead"))

for i, e in enumerate(EXPERIMENTS):
    if i % 3 == 0:  # one row of columns per three cards keeps their order on a narrow screen
        cols = st.columns(3)
    E = i18n.translator(e.text)
    with cols[i % 3].container(border=True, height="stretch"):
        st.subheader(E("title"))
        st.markdown(f"**{T('question_label')}** {E('question')}")
        st.caption(E("card"))
        st.page_link(page(e), label=C("open"), icon=e.icon, query_params=link_params())
