"""Home: one card per experiment with a picture of its key chart and the interview question
it answers, and the lesson map (first in presenter mode: a teacher in front of a class comes
for the lessons)."""
from pathlib import Path

import streamlit as st

from ui import entry, i18n, lessons, present, thumbs
from ui.experiments import EXPERIMENTS, link_params, page
from ui.page import compact
from ui.text import common, home
from ui.text import lessons as lesson_text

entry.required()

T = i18n.translator(home)
C = i18n.translator(common)

compact()
st.title(T("title"))
st.markdown(T("lead"))


def cards() -> list:
    """The cards, each with an empty place for its picture (see `pictures`)."""
    places = []
    for i, e in enumerate(EXPERIMENTS):
        if i % 3 == 0:  # one row of columns per three cards keeps their order when narrow
            cols = st.columns(3)
        E = i18n.translator(e.text)
        with cols[i % 3].container(border=True, height="stretch"):
            places.append(st.empty())
            places[-1].image(thumbs.blank(), width="stretch")
            st.subheader(E("title"))
            st.markdown(f"**{T('question_label')}** {E('question')}")
            st.caption(E("card"))
            st.page_link(page(e), label=C("open"), icon=e.icon,
                         query_params=link_params() | present.link_params())
    return places


def pictures(places: list) -> None:
    """Each card's picture, once every card is on screen: the first visit after a restart
    computes them, and the cards are readable meanwhile."""
    for place, e in zip(places, EXPERIMENTS):
        place.image(thumbs.picture(e.file, i18n.lang()), width="stretch",
                    alt=T("pic_" + Path(e.file).stem))


def lesson_map() -> None:
    L = i18n.translator(lesson_text)
    st.header(L("map_title"))
    st.markdown(L("map_lead"))
    shown = [e for e in EXPERIMENTS if lessons.of_page(e.file)]
    for i, e in enumerate(shown):
        if i % 2 == 0:
            cols = st.columns(2)
        with cols[i % 2].container(border=True, height="stretch"):
            st.subheader(i18n.translator(e.text)("title"))
            for lesson in lessons.of_page(e.file):
                st.page_link(page(e), label=L(lesson.key), icon=":material/school:",
                             query_params=lesson.link() | link_params() | present.link_params(),
                             help=L(lesson.key + "_ask"))


if present.on():
    lesson_map()
    places = cards()
else:
    places = cards()
    lesson_map()
pictures(places)
