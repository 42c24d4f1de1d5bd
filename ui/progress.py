"""A progress bar for work made of several units (networks, batch sizes, checkpoints...),
drawn only when the work is slow enough to need one."""
import contextvars
import threading
import time
from collections.abc import Callable, Sequence
from typing import TypeVar

import streamlit as st
from streamlit.runtime.scriptrunner import add_script_run_ctx, get_script_run_ctx

from ui import i18n
from ui.text import common

R = TypeVar("R")
DELAY = 0.25  # s: cache hits finish well within it, so a rerun after the first draws nothing
_DONE, KEEP = "progress_done", 256  # session state: keys of work ensure() has seen finish


def run(label: str, units: Sequence[Callable[[], R]], delay: float = DELAY,
        clock: Callable[[], float] = time.perf_counter) -> list[R]:
    """Call each unit once, in order, and return their results.

    Once the work has taken longer than `delay`, a bar under `label` counts the units done
    ("3 / 8") and is removed when the last one returns. Its placeholder is made only then:
    units draw nothing, so it lands where one made up front would have, and fast work sends
    no message at all. Units must not draw (a unit is typically an `st.cache_data` call,
    which replays on every hit whatever it drew); the bar stays outside them.

    The bar is checked after each unit and, in a live app, also by a timer at `delay` (as
    `st.spinner` does), so a slow first unit shows "0 / n" instead of nothing.
    """
    T = i18n.translator(common)
    n, start, out = len(units), clock(), []
    slot, finished, lock = None, False, threading.Lock()

    def draw() -> None:  # with the lock held
        nonlocal slot
        if not finished and len(out) < n:
            slot = slot or st.empty()
            slot.progress(len(out) / n, text=T("progress", label=label, k=len(out), n=n))

    def on_time() -> None:
        with lock:
            if slot is None:
                draw()

    timer = None
    if n > 1 and get_script_run_ctx() is not None:
        # the copied context holds the container the page is drawing in (`with col:`)
        timer = threading.Timer(delay, contextvars.copy_context().run, (on_time,))
        add_script_run_ctx(timer)
        timer.start()
    try:
        for unit in units:
            result = unit()
            with lock:
                out.append(result)
                if slot is not None or clock() - start > delay:
                    draw()
    finally:
        if timer is not None:
            timer.cancel()
        with lock:
            finished = True
            if slot is not None:
                slot.empty()
    return out


def ensure(label: str, units: Sequence[Callable[[], object]], key: tuple) -> None:
    """run() the units unless this session has already finished them under `key`.

    For units that warm cached calls the page reads again afterwards: once they are done,
    every rerun would only pay their cache hits (40 on the batch-size page).
    Should the cache have dropped them since, the page's own call recomputes them, without
    a bar. `key` holds every argument the units depend on.
    """
    done = st.session_state.setdefault(_DONE, {})  # a dict: an ordered set
    if key in done:
        return
    run(label, units)
    done[key] = None
    if len(done) > KEEP:
        del done[next(iter(done))]
