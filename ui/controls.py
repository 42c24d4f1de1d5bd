"""Widgets kept in the URL (`bind="query-params"`). A bad value in a link is clamped or
ignored and reported in plain words, never raised."""
import functools
import json
import math
from collections.abc import Callable, Sequence
from typing import TypeVar

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from ui import i18n
from ui.echo import literal
from ui.text import common, options as option_text

V = TypeVar("V")
# key -> default of every control of the last run. Written item by item, just before each
# widget exists: ui/lessons.py puts a dict there that acts on each write (a lesson resets the
# control at that moment), so keep the `[key] = default` writes.
DEFAULTS = "_control_defaults"
DRAWN = "_choice_lang"  # key -> the language its select box was last drawn in
MOST_NOTES = 3  # per text field: a 10 kB link of bad entries must not become 5,000 notices


def spell(value) -> str:
    """How a value reads in the URL and on a slider: 10 not 10.0, 0.01 not 1e-02."""
    return f"{value:g}" if isinstance(value, float) else str(value)


def option_label(value: str, lang: str | None = None) -> str:
    """How an option of a select box reads in `lang` (default: the visitor's language), from
    ui/text/options.py; the value itself where the table has none."""
    table = option_text.ZH if (lang or i18n.lang()) == "zh" else option_text.EN
    return table.get(value, value)


def labeller(spelled: Callable = option_label) -> Callable:
    """`spelled` for a select box's format_func, in the language of this run: Streamlit's
    AppTest calls it again later, outside the run, where the visitor's language is unknown."""
    return functools.partial(spelled, lang=i18n.lang())


def readings(options: Sequence[str]) -> dict[str, str]:
    """What a link may say for each option -> the option: the value (`relu`), or its label
    in either language, since the URL holds the label of the language it was copied in."""
    named = {v: v for v in options}
    for table in (option_text.EN, option_text.ZH):
        for v in options:
            named.setdefault(table.get(v, v), v)
    return named


_BY_LABEL = {label: value for value, pair in option_text.LABELS.items() for label in pair}


def option_value(raw: str) -> str:
    """The option a link's word names when it is a label, in either language, of the table;
    else the word itself (for ui/lessons.py, which compares a link with a lesson's values)."""
    return _BY_LABEL.get(raw, raw)


def parse_number(raw: str) -> float | None:
    """A finite float from a URL value, or None."""
    try:
        x = float(raw)
    except (TypeError, ValueError):
        return None
    return x if math.isfinite(x) else None


def fix_int(raw: str, lo: int, hi: int) -> tuple[int | None, bool]:
    """(value to use or None to ignore, whether the link's value was changed)."""
    x = parse_number(raw)
    if x is None:
        return None, True
    v = min(max(round(x), lo), hi)
    return v, v != x


def fix_real(raw: str, lo: float, hi: float, step: float) -> tuple[float | None, bool]:
    """Clamp a URL value into [lo, hi] and snap it to the slider's grid of `step`."""
    x = parse_number(raw)
    if x is None:
        return None, True
    v = round(lo + round((min(max(x, lo), hi) - lo) / step) * step, 10)
    return v, v != x


def fix_level(raw: str, levels: Sequence[float]) -> tuple[float | None, bool]:
    """Snap a URL value to the nearest allowed level (in log space when all are positive)."""
    x = parse_number(raw)
    if x is None:
        return None, True
    log = all(v > 0 for v in levels) and x > 0
    dist = [abs(math.log(v / x)) if log else abs(v - x) for v in levels]
    v = levels[dist.index(min(dist))]
    return v, v != x


def forget(key: str) -> None:
    """Take a link's value for `key` out of the URL before its widget exists, so the widget
    starts from its default.

    Streamlit seeds a bound widget from its own copy of the URL as the page was opened, which
    `del st.query_params[key]` leaves alone; and a number_input's seeding raises on `inf`
    (an OverflowError it does not catch) where it drops other bad values. Hence both copies,
    the second through Streamlit's internals (pinned version; tests/test_controls.py checks it).
    """
    ctx = get_script_run_ctx()
    if ctx is None:
        return
    with ctx.session_state.query_params() as qp:
        qp.remove_param(key)  # `del` refuses a key already bound in this session
        qp._initial_query_params.pop(key, None)


def respell(key: str, text: str | list[str]) -> None:
    """Write a link's value for `key` as its widget spells it (`relu` as `ReLU`; a list for a
    multiselect), in both copies of the URL (see `forget`; tests/test_options.py checks it),
    before the widget exists: Streamlit drops a spelling it cannot read, and a link copied
    later would miss the value."""
    ctx = get_script_run_ctx()
    if ctx is None:
        return
    many = isinstance(text, list)
    with ctx.session_state.query_params() as qp:
        qp.set_corrected_value(key, text, "string_array_value" if many else "string_value")
        if key in qp._initial_query_params:
            qp._initial_query_params[key] = text if many else [text]


def relabel(key: str) -> None:
    """Before a select box exists: after a language switch the browser still holds the label
    of its option in the other language, which the widget no longer offers and would replace
    by its default. Hand it the option itself, read with the last run's labels."""
    drawn = st.session_state.setdefault(DRAWN, {})
    if drawn.get(key, i18n.lang()) != i18n.lang() and key in st.session_state:
        st.session_state[key] = st.session_state[key]
    drawn[key] = i18n.lang()


# Streamlit writes an uploader's button and its size note in English whatever the page's
# language, and takes no text for them: the page's own words are laid over them.
_UPLOADER_CSS = """<style>
.st-key-{key} [data-testid="stBaseButton-secondary"] p,
.st-key-{key} [data-testid="stFileUploaderDropzoneInstructions"] span {{ font-size: 0; }}
.st-key-{key} [data-testid="stBaseButton-secondary"] p::after {{ content: {button}; }}
.st-key-{key} [data-testid="stFileUploaderDropzoneInstructions"] span::after {{
  content: {limit}; }}
.st-key-{key} [data-testid="stBaseButton-secondary"] p::after,
.st-key-{key} [data-testid="stFileUploaderDropzoneInstructions"] span::after {{
  font-size: 0.875rem; }}
</style>"""


def uploader(where, key: str, label: str, types: Sequence[str], mb: int, **kw):
    """A file uploader of files up to `mb` MB whose button and size note speak the visitor's
    language."""
    T = i18n.translator(common)
    limit = T("upload_limit", mb=mb, types=", ".join(t.upper() for t in types))
    quoted = functools.partial(json.dumps, ensure_ascii=False)  # a CSS string, as written
    where.html(_UPLOADER_CSS.format(key=key, button=quoted(T("upload_button")),
                                   limit=quoted(limit)))
    return where.file_uploader(label, type=list(types), key=key, max_upload_size=mb, **kw)


def capped(notes: list[str], T: Callable[..., str], field: str) -> list[str]:
    """The first MOST_NOTES notes, then one line counting the rest."""
    if len(notes) <= MOST_NOTES:
        return notes
    return notes[:MOST_NOTES] + [T("more_problems", n=len(notes) - MOST_NOTES, field=field)]


class Controls:
    """Page controls in the sidebar, bound to the URL; `report()` shows what a link got wrong."""

    def __init__(self):
        self.T = i18n.translator(common)
        self.where = st.sidebar
        self.notes: list[str] = []

    @classmethod
    def beside(cls, *made: Callable[["Controls"], V], columns: int = 0) -> list[V]:
        """Controls side by side above a section's charts, one column each (`made`: each
        makes its widget with the controls it is given; of `columns` columns, the widgets'
        width), then what a link got wrong. Inside a fragment, moving one reruns that section
        only."""
        c = cls()
        out = c.row(*made, columns=columns)
        c.report()
        return out

    def row(self, *made: Callable[["Controls"], V], columns: int = 0) -> list[V]:
        """As `beside`, with these controls, whose `report()` is left to the caller (a section
        of tabs reports once, above them, whichever tab is open)."""
        out = []
        for col, make in zip(st.columns(columns or len(made)), made):
            self.where = col
            out.append(make(self))
        return out

    def _raw(self, key: str) -> str | None:
        return st.query_params.get(key)

    def _note(self, key: str, raw: str, used) -> None:
        shown = literal(raw)
        if used is None:
            self.notes.append(self.T("url_ignored", key=key, raw=shown))
        else:
            self.notes.append(self.T("url_clamped", key=key, raw=shown, used=used))

    def _fix(self, key: str, fixer, default, spelled: Callable = spell) -> None:
        """Before the widget exists: replace a bad URL value by a valid one (or the default);
        `spelled(value)` is how the widget writes a value in the URL."""
        st.session_state.setdefault(DEFAULTS, {})[key] = default
        raw = self._raw(key)
        if raw is None:
            return
        value, changed = fixer(raw)
        if changed:
            self._note(key, raw, value)
            if value is None:  # ignored (a valid switch also comes back as None)
                forget(key)
        # Also when only the spelling differs (`7.0` for the depth 7): Streamlit matches the
        # URL text exactly and would silently fall back to the default.
        if value is not None and (changed or raw != spelled(value)):
            st.session_state[key] = value

    def slider(self, key: str, label: str, lo: int, hi: int, default: int, **kw) -> int:
        """An int slider; a value kept from a wider range (a bound that moved with another
        control, or a lesson's reset to the last run's default) is clamped."""
        self._fix(key, lambda raw: fix_int(raw, lo, hi), default)
        self._clamp(key, lo, hi)
        return self.where.slider(label, lo, hi, default, key=key, bind="query-params", **kw)

    def real(self, key: str, label: str, lo: float, hi: float, default: float, step: float,
             **kw) -> float:
        """A float slider; a value kept from a wider range earlier in the session is clamped."""
        self._fix(key, lambda raw: fix_real(raw, lo, hi, step), default)
        self._clamp(key, lo, hi)
        return self.where.slider(label, lo, hi, default, step, key=key, bind="query-params", **kw)

    @staticmethod
    def _clamp(key: str, lo, hi) -> None:
        """A slider raises on a value outside its range: pull one kept in the session inside."""
        if key in st.session_state and not lo <= st.session_state[key] <= hi:
            st.session_state[key] = min(max(st.session_state[key], lo), hi)

    def levels(self, key: str, label: str, levels: Sequence[float], default: float,
               fmt: Callable = spell, **kw):
        """A select slider over `levels`, each shown (and kept in the URL) as `fmt(level)`; a
        link may also give a level as a number."""
        named = {fmt(v): v for v in levels}
        self._fix(key, lambda raw: (named[raw], False) if raw in named else fix_level(raw, levels),
                  default, fmt)
        return self.where.select_slider(label, levels, value=default, format_func=fmt,
                                        key=key, bind="query-params", **kw)

    def choice(self, key: str, label: str, options: Sequence[str], default: str, **kw) -> str:
        """A select box that returns the option's value and shows its label in the visitor's
        language. Streamlit writes the label into the URL and reads only that one back, so a
        link's value, or its label in the other language, is put in session state here."""
        named, shown = readings(options), labeller()
        relabel(key)
        self._fix(key, lambda raw: (named.get(raw), raw not in named), default, shown)
        if (raw := self._raw(key)) in named and raw != shown(named[raw]):
            respell(key, shown(named[raw]))
        return self.where.selectbox(label, options, index=list(options).index(default),
                                    format_func=shown, key=key, bind="query-params", **kw)

    def toggle(self, key: str, label: str, default: bool = False, **kw) -> bool:
        self._fix(key, lambda raw: (None, raw.lower() not in ("true", "false")), default)
        return self.where.toggle(label, value=default, key=key, bind="query-params", **kw)

    def multi(self, key: str, label: str, options: Sequence[str], default: Sequence[str],
              **kw) -> list[str]:
        """A multiselect of options shown by their labels in the visitor's language, as
        `choice` does; a link's unknown entries are dropped, and entries past
        `max_selections` cut, each reported."""
        named, shown = readings(options), labeller()
        relabel(key)
        st.session_state.setdefault(DEFAULTS, {})[key] = list(default)
        raw = st.query_params.get_all(key)
        bad = [r for r in raw if r not in named]
        if bad:
            self.notes.append(self.T("url_dropped", key=key, raw=literal(",".join(bad))))
        # Streamlit reads back only this language's labels: hand it the options themselves,
        # and respell the link, when it names them otherwise (or names some that do not exist)
        kept = list(dict.fromkeys(named[r] for r in raw if r in named))
        most = kw.get("max_selections") or len(kept)
        if len(kept) > most:
            self.notes.append(self.T("url_too_many", n=len(kept), key=key, most=most))
        if bad or len(kept) > most or any(r != shown(named[r]) for r in raw if r in named):
            kept = kept[:most]
            st.session_state[key] = kept or list(default)
            if kept:
                respell(key, [shown(v) for v in kept])
            else:
                forget(key)
        return self.where.multiselect(label, options, default=list(default), key=key,
                                      format_func=shown, bind="query-params", **kw)

    def seed(self, key: str, label: str, default: int = 0, hi: int = 9999) -> int:
        self._fix(key, lambda raw: fix_int(raw, 0, hi), default)
        return self.where.number_input(label, 0, hi, default, step=1, key=key,
                                       bind="query-params")

    def text(self, key: str, label: str, default: str,
             parse: Callable[[str], tuple[V, list[str]]], **kw) -> V:
        """A text field read by `parse(text) -> (value, problems)`; the problems (already in
        plain words, each entry they quote passed through `literal`) are reported, the first
        few of them, so a bad entry in a link or in the field never raises."""
        st.session_state.setdefault(DEFAULTS, {})[key] = default
        raw = self.where.text_input(label, value=default, key=key, bind="query-params", **kw)
        value, problems = parse(raw)
        self.notes += capped(problems, self.T, label)
        return value

    def report(self) -> None:
        """Show, once, what the link asked for that could not be used."""
        for note in self.notes:
            st.warning(note, icon=":material/link_off:")
