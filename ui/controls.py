"""Widgets kept in the URL (`bind="query-params"`). A bad value in a link is clamped or
ignored and reported in plain words, never raised."""
import math
from collections.abc import Callable, Sequence
from typing import TypeVar

import streamlit as st

from ui import i18n
from ui.text import common

V = TypeVar("V")
DEFAULTS = "_control_defaults"  # key -> default of every control of the last run (lessons reset them)


def spell(value) -> str:
    """How a value reads in the URL and on a slider: 10 not 10.0, 0.01 not 1e-02."""
    return f"{value:g}" if isinstance(value, float) else str(value)


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


class Controls:
    """Page controls in the sidebar, bound to the URL; `report()` shows what a link got wrong."""

    def __init__(self):
        self.T = i18n.translator(common)
        self.where = st.sidebar
        self.notes: list[str] = []

    @classmethod
    def row(cls, n: int) -> tuple["Controls", list]:
        """Controls for a section of the page, side by side above its charts (set `where` to
        one of the n columns before each): inside a fragment, moving one reruns that section
        only."""
        return cls(), st.columns(n)

    def _raw(self, key: str) -> str | None:
        return st.query_params.get(key)

    def _note(self, key: str, raw: str, used) -> None:
        shown = raw if len(raw) <= 40 else raw[:40] + "…"
        if used is None:
            self.notes.append(self.T("url_ignored", key=key, raw=shown))
        else:
            self.notes.append(self.T("url_clamped", key=key, raw=shown, used=used))

    def _fix(self, key: str, fixer, default) -> None:
        """Before the widget exists: replace a bad URL value by a valid one (or the default)."""
        st.session_state.setdefault(DEFAULTS, {})[key] = default
        raw = self._raw(key)
        if raw is None:
            return
        value, changed = fixer(raw)
        if changed:
            self._note(key, raw, value)
        # Also when only the spelling differs (`7.0` for the depth 7): Streamlit matches the
        # URL text exactly and would silently fall back to the default.
        if value is not None and (changed or raw != spell(value)):
            st.session_state[key] = value

    def slider(self, key: str, label: str, lo: int, hi: int, default: int, **kw) -> int:
        self._fix(key, lambda raw: fix_int(raw, lo, hi), default)
        return self.where.slider(label, lo, hi, default, key=key, bind="query-params", **kw)

    def real(self, key: str, label: str, lo: float, hi: float, default: float, step: float,
             **kw) -> float:
        """A float slider; a value kept from a wider range earlier in the session is clamped."""
        self._fix(key, lambda raw: fix_real(raw, lo, hi, step), default)
        if key in st.session_state and not lo <= st.session_state[key] <= hi:
            st.session_state[key] = min(max(st.session_state[key], lo), hi)
        return self.where.slider(label, lo, hi, default, step, key=key, bind="query-params", **kw)

    def levels(self, key: str, label: str, levels: Sequence[float], default: float, **kw):
        self._fix(key, lambda raw: fix_level(raw, levels), default)
        return self.where.select_slider(label, levels, value=default, format_func=spell,
                                        key=key, bind="query-params", **kw)

    def choice(self, key: str, label: str, options: Sequence[str], default: str, **kw) -> str:
        self._fix(key, lambda raw: (None, raw not in options), default)
        return self.where.selectbox(label, options, index=list(options).index(default),
                                    key=key, bind="query-params", **kw)

    def toggle(self, key: str, label: str, default: bool = False, **kw) -> bool:
        self._fix(key, lambda raw: (None, raw.lower() not in ("true", "false")), default)
        return self.where.toggle(label, value=default, key=key, bind="query-params", **kw)

    def multi(self, key: str, label: str, options: Sequence[str], default: Sequence[str],
              **kw) -> list[str]:
        """A multiselect; unknown entries of a link are dropped and reported."""
        st.session_state.setdefault(DEFAULTS, {})[key] = list(default)
        raw = st.query_params.get_all(key)
        bad = [r for r in raw if r not in options]
        if bad:
            self.notes.append(self.T("url_dropped", key=key, raw=",".join(bad)[:40]))
            st.session_state[key] = [r for r in raw if r in options] or list(default)
        return self.where.multiselect(label, options, default=list(default), key=key,
                                      bind="query-params", **kw)

    def seed(self, key: str, label: str, default: int = 0, hi: int = 9999) -> int:
        self._fix(key, lambda raw: fix_int(raw, 0, hi), default)
        return self.where.number_input(label, 0, hi, default, step=1, key=key,
                                       bind="query-params")

    def text(self, key: str, label: str, default: str,
             parse: Callable[[str], tuple[V, list[str]]], **kw) -> V:
        """A text field read by `parse(text) -> (value, problems)`; the problems (already in
        plain words) are reported, so a bad entry in a link or in the field never raises."""
        st.session_state.setdefault(DEFAULTS, {})[key] = default
        raw = self.where.text_input(label, value=default, key=key, bind="query-params", **kw)
        value, problems = parse(raw)
        self.notes += problems
        return value

    def report(self) -> None:
        """Show, once, what the link asked for that could not be used."""
        for note in self.notes:
            st.warning(note, icon=":material/link_off:")
