"""Presenter mode: a lesson on a projector, readable from the back of the room.

`?present=1` starts with the sidebar collapsed (one click opens it); `?present=hide` hides
the sidebar and its button, for a screen where only the lesson matters. Text, headings and
metrics grow, and so do the charts' labels and lines; text and axes turn pure black on the
light theme and pure white on the dark one.

Like the language, the mode lives in session state and is written back to the link on
every run: a plain query parameter is dropped when the page changes, and a bound toggle
could only spell `true`. A link's `present` counts only when it differs from what this
session last wrote, so the sidebar switch can turn the mode off under a `?present=1` link.
"""
import streamlit as st

from ui import i18n
from ui.echo import literal
from ui.text import common

KEY = "present"  # the link's parameter
ON, HIDE = "1", "hide"
_MODE = "_present_mode"      # None (off), ON or HIDE
_WROTE = "_present_written"  # what this session last put in the link
_TOGGLE = "_present_toggle"
_YES = {"1", "true", "on", "yes"}
_NO = {"0", "false", "off", "no"}

# Canvas charts cannot read the page's CSS, and the theme can change in the menu without a
# rerun: the colours are Vega expressions of the chart's background, which Streamlit's
# theme sets, so they follow a switch between light and dark at once.
_LIGHT_BG = "luminance(background) > 0.5"
INK = {"expr": f"{_LIGHT_BG} ? '#000000' : '#ffffff'"}
GRID = {"expr": f"{_LIGHT_BG} ? '#c8c8c8' : '#555555'"}
TEXT, TITLE = 17, 19  # px
LINE = 1.5   # explicit line widths are multiplied by this
TALLER = 90  # px added to a chart's height: the larger labels take room from the plot
CONFIG = {
    "axis": {"labelFontSize": TEXT, "titleFontSize": TITLE, "labelFontWeight": 500,
             "labelColor": INK, "titleColor": INK, "titleFontWeight": 600,
             "domain": True, "domainColor": INK, "domainWidth": 1.5, "gridColor": GRID,
             "labelLimit": 240},
    "legend": {"labelFontSize": TEXT, "titleFontSize": TEXT, "labelColor": INK,
               "titleColor": INK, "titleFontWeight": 600, "symbolSize": 160,
               "symbolStrokeWidth": 3},
    "header": {"labelFontSize": TEXT, "titleFontSize": TITLE, "labelColor": INK,
               "titleColor": INK},
    "title": {"fontSize": 22, "color": INK, "subtitleFontSize": TEXT, "subtitleColor": INK},
    "line": {"strokeWidth": 3.5},
    "rule": {"strokeWidth": 2},
}
_DATA = {"data", "datasets", "values"}  # never walked: rows stay as they are, uncopied

# Sizes only scale (rem follows the root); colours use light-dark(), which follows the
# `color-scheme` Streamlit sets on .stApp for the theme in use, so dark stays dark.
_CSS = """<style>
:root { font-size: 21px; }
.stApp { color: light-dark(#000000, #ffffff); }
[data-testid="stMain"] :is(h1, h2, h3, p, li, label,
  [data-testid="stCaptionContainer"], [data-testid="stMetricValue"],
  [data-testid="stMetricLabel"]) { color: light-dark(#000000, #ffffff); }
[data-testid="stMain"] h1 { font-size: 2.4rem; }
[data-testid="stMain"] :is(h2, h3) { padding-top: 0.25rem; padding-bottom: 0.5rem; }
.stApp [data-testid="stMainBlockContainer"] { max-width: none; padding: 2.5rem 1.5rem 4rem; }
.stApp [data-testid="stMetricValue"] { font-size: 2.6rem; }
.stApp [data-testid="stCaptionContainer"] { opacity: 0.85; }
[data-testid="stAppDeployButton"], [data-testid="stDecoration"] { display: none; }
.stApp :is([data-testid="stExpander"] details, [data-testid="stVerticalBlock"]) {
  border-color: light-dark(#555555, #aaaaaa); }  /* only bordered blocks have a width */
</style>"""
_HIDE_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stExpandSidebarButton"],
[data-testid="stSidebarCollapseButton"] { display: none !important; }
</style>"""


def mode() -> str | None:
    """None (off), ON or HIDE."""
    return st.session_state.get(_MODE)


def on() -> bool:
    return mode() is not None


def _read_link(shown: bool) -> str | None:
    """The link's mode, when it names a new one. A bad value leaves the mode as it was and
    comes back as a notice; it stays in the link until a run that is shown reports it."""
    raw = st.query_params.get(KEY)
    if raw is None or raw == st.session_state.get(_WROTE):
        return None  # a page switch dropped it, or it is this session's own
    word = raw.strip().lower()
    if word in _YES | _NO | {HIDE}:
        st.session_state[_MODE] = ON if word in _YES else HIDE if word == HIDE else None
        return None
    if not shown:
        return None
    T = i18n.translator(common)
    return T("present_bad", raw=literal(raw))


def _toggled() -> None:
    st.session_state[_MODE] = ON if st.session_state[_TOGGLE] else None


def setup(shown: bool = True) -> str | None:
    """Every run, after the language switch: read the link, put the switch in the sidebar,
    write the mode back to the link, style the page. Returns a notice for a bad link.
    `shown` is False for a run that is redone at once (a deep link's first run)."""
    notice = _read_link(shown)
    st.set_page_config(initial_sidebar_state="collapsed" if on() else "auto")
    st.session_state[_TOGGLE] = on()
    T = i18n.translator(common)
    st.sidebar.toggle(T("present"), key=_TOGGLE, on_change=_toggled, help=T("present_help"))
    if on():
        st.query_params[KEY] = st.session_state[_WROTE] = mode()
        st.html(_CSS + (_HIDE_CSS if mode() == HIDE else ""))
    elif shown:
        st.query_params.pop(KEY, None)
        st.session_state[_WROTE] = None
    return notice


def link_params() -> dict[str, str]:
    """What a link to another page carries so that it opens in presenter mode too."""
    return {KEY: mode()} if on() else {}


def styled(spec: dict) -> dict:
    """In presenter mode a copy of `spec` with larger text, pure ink and thicker lines;
    otherwise `spec` itself, untouched."""
    if not on():
        return spec
    out = _walk(spec)
    if isinstance(spec.get("height"), (int, float)):
        out["height"] = spec["height"] + TALLER
    out["config"] = _merge(spec.get("config", {}), CONFIG)
    return out


def styled_3d(fig):
    """A plotly figure in presenter mode: its text at presenter size (the figure is changed in
    place: builders make a new one per call); otherwise the figure as it is."""
    if on():
        fig.update_layout(font_size=TEXT)
    return fig


def _walk(node, key: str | None = None):
    """A copy of the spec's structure (data shared, not copied) with explicit line widths
    thicker and explicit axis or legend font sizes at least presenter size."""
    if isinstance(node, list):
        return [_walk(v) for v in node]
    if not isinstance(node, dict):
        return node
    out = {k: v if k in _DATA else _walk(v, k) for k, v in node.items()}
    if key == "mark" and out.get("type") in ("line", "rule") and "strokeWidth" in out:
        out["strokeWidth"] = round(out["strokeWidth"] * LINE, 2)
    # labels of 12 px and up grow like the axes' (the numbers inside small grid cells stay)
    if key == "mark" and out.get("type") == "text" and out.get("fontSize", 0) >= 12:
        out["fontSize"] = round(out["fontSize"] * TEXT / 13)
    if key in ("axis", "legend"):
        for size in ("labelFontSize", "titleFontSize"):
            if isinstance(out.get(size), (int, float)):
                out[size] = max(out[size], TEXT)
    return out


def _merge(base: dict, over: dict) -> dict:
    """`base` with `over`'s entries on top, nested dicts merged (neither is changed)."""
    out = dict(base)
    for k, v in over.items():
        out[k] = _merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) \
            and "expr" not in v else v
    return out
