"""Two languages: the choice lives in session state and in the URL (`?lang=zh`)."""
from collections.abc import Callable
from types import ModuleType

import streamlit as st

from ui.echo import literal

LANGS = {"en": "English", "zh": "中文"}
DEFAULT = "en"
_KEY = "lang"
_WIDGET = "lang_choice"


def lang() -> str:
    """The language of this visitor's session."""
    return st.session_state.get(_KEY, DEFAULT)


def translator(catalog: ModuleType, fixed: str | None = None) -> Callable[..., str]:
    """`T = translator(text.page); T("title", n=3)` reads the catalog's EN or ZH dict, in the
    visitor's language or, given `fixed`, in that one (for what is cached for all visitors)."""

    def T(name: str, /, **fmt) -> str:
        table = catalog.ZH if (fixed or lang()) == "zh" else catalog.EN
        return table[name].format(**fmt) if fmt else table[name]

    return T


def language_switch() -> str | None:
    """Sidebar switch; returns a notice when the URL asked for a language we do not have."""
    notice = None
    if _KEY not in st.session_state:
        # The first run of a session reads the link; later runs keep the person's choice.
        asked = st.query_params.get(_KEY)
        st.session_state[_KEY] = asked if asked in LANGS else DEFAULT
        if asked is not None and asked not in LANGS:
            notice = f"lang={literal(asked)}: English / 中文 only (en, zh)."
        st.session_state[_WIDGET] = st.session_state[_KEY]

    def remember() -> None:
        st.session_state[_KEY] = st.session_state[_WIDGET] or st.session_state[_KEY]

    st.sidebar.segmented_control(
        "Language · 语言", list(LANGS), format_func=LANGS.get, key=_WIDGET,
        required=True, on_change=remember,
    )
    # A plain query parameter is dropped on page changes: write it back on every run.
    if lang() == DEFAULT:
        st.query_params.pop(_KEY, None)
    else:
        st.query_params[_KEY] = lang()
    return notice
