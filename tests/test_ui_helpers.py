"""Small display helpers of ui/."""
import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from ui import number, progress, si, span


def test_number_spells_out_non_finite():
    assert number(float("nan"), ".3g") == "NaN"
    assert number(float("inf"), ".3g") == "∞"
    assert number(float("-inf"), ".3g") == "−∞"
    assert number(0.000123456, ".2e") == "1.23e-4"


def test_number_reads_as_people_write_numbers():
    assert number(-0.0, ".4f") == number(0.0, ".4f") == "0"  # H(p) of p = (1, 0, 0) read -0.0000
    assert number(0.0, ".2e") == "0" and number(0.0, ".1%") == "0%"
    assert number(-1e-6, ".4f") == "0.0000"  # no minus on a number rounded to zero
    assert number(-0.0004, ".3f") == "0.000"
    assert number(1.0, ".2e") == "1"  # a learning rate read 1.00e+00
    assert number(10.0, ".2e") == "10" and number(0.0023456, ".2e") == "0.00235"
    assert number(1.676e34, ".4f") == "1.68e34"  # a diverged loss wrote 35 digits
    assert number(1.5e-5, ".2e") == "1.5e-5" and number(-4.47e-5, ".3g") == "-4.47e-5"
    assert number(0.6931, ".4f") == "0.6931" and number(0.5, ".1%") == "50.0%"
    assert number(203.4, ",.0f") == "203" and number(12_345.0, ",.0f") == "12,345"
    assert number(53_213.0, ",.3g") == "53,200" and number(2.5e7, ",.3g") == "2.5e7"


def test_si_writes_counts_short():
    assert si(15_470_264_320) == "15.5 G" and si(714_188_480) == "714 M"
    assert si(73_728) == "73.7 k" and si(999) == "999" and si(0) == "0"
    assert si(999_999) == "1 M"  # rounds up into the next prefix, not "1e+03 k"


def test_span_compresses_runs():
    assert span([1, 2, 3, 7]) == "1–3, 7"
    assert span([5]) == "5"
    assert span([]) == ""


# -- the progress bar of work made of several units ------------------------------------------

class FakeSlot:
    """Stands for st.empty(): records what is drawn in it."""

    def __init__(self, log):
        self.log = log

    def progress(self, value, text):
        self.log.append((value, text))

    def empty(self):
        self.log.append("cleared")


class FakeStreamlit:
    def __init__(self):
        self.slots = []

    def empty(self):
        self.slots.append([])
        return FakeSlot(self.slots[-1])


def ticking(step: float):
    """A clock that advances `step` seconds each time it is read."""
    now = [0.0]

    def clock():
        now[0] += step
        return now[0]

    return clock


def counted(n: int, calls: list):
    return [lambda i=i: calls.append(i) or i * i for i in range(n)]


def test_progress_returns_every_result_in_order_and_draws_nothing_when_fast(monkeypatch):
    fake, calls = FakeStreamlit(), []
    monkeypatch.setattr(progress, "st", fake)
    assert progress.run("work", counted(5, calls), clock=ticking(0.01)) == [0, 1, 4, 9, 16]
    assert calls == [0, 1, 2, 3, 4]
    assert fake.slots == []  # no placeholder either: a cache hit sends no message


def test_progress_counts_the_units_once_slow_and_clears_the_bar(monkeypatch):
    fake, calls = FakeStreamlit(), []
    monkeypatch.setattr(progress, "st", fake)
    assert progress.run("work", counted(5, calls), clock=ticking(0.1)) == [0, 1, 4, 9, 16]
    assert calls == [0, 1, 2, 3, 4]
    # 0.1 s a unit: 0.3 s > 0.25 s after the third, so the bar counts from there
    assert fake.slots == [[(3 / 5, "work: 3 / 5 done"), (4 / 5, "work: 4 / 5 done"), "cleared"]]


def test_progress_clears_the_bar_when_a_unit_fails(monkeypatch):
    fake = FakeStreamlit()
    monkeypatch.setattr(progress, "st", fake)

    def fail():
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        progress.run("work", [lambda: 1, lambda: 2, fail], clock=ticking(1.0))
    assert fake.slots == [[(1 / 3, "work: 1 / 3 done"), (2 / 3, "work: 2 / 3 done"), "cleared"]]


def progress_script(delay: float, nap: float, frozen: bool):
    import time

    import streamlit as st

    from ui import progress

    def square(i):
        time.sleep(nap)
        return i * i

    clock = (lambda: 0.0) if frozen else time.perf_counter  # frozen: only the timer draws
    st.markdown(repr(progress.run("work", [lambda i=i: square(i) for i in range(4)], delay,
                                  clock)))


@pytest.mark.parametrize("delay, nap, frozen, kinds", [
    (0.25, 0.0, False, ["markdown"]),          # fast: not even a placeholder
    (-1.0, 0.0, False, ["empty", "markdown"]),  # slow from the start: the bar after each unit
    (0.1, 0.3, True, ["empty", "markdown"]),    # a slow first unit: the timer draws the bar
])
def test_progress_in_a_real_run_leaves_no_bar(delay, nap, frozen, kinds):
    """Whatever was drawn, a run ends with the results in order and no bar on the page."""
    at = AppTest.from_function(progress_script, args=(delay, nap, frozen), default_timeout=60).run()
    assert not at.exception
    assert at.markdown[0].value == "[0, 1, 4, 9]"
    assert [c.type for c in at.main.children.values()] == kinds
    assert not at.get("progress")


def ensure_script():
    import streamlit as st

    from ui import progress

    calls = st.session_state.setdefault("calls", [])
    key = st.session_state.get("key", "a")
    progress.ensure("work", [lambda i=i: calls.append((key, i)) for i in range(3)], (key,))


def test_ensure_runs_the_units_once_per_key_and_session():
    at = AppTest.from_function(ensure_script, default_timeout=60).run()
    at.run()
    assert at.session_state["calls"] == [("a", 0), ("a", 1), ("a", 2)]  # the rerun skipped them
    at.session_state["key"] = "b"
    at.run()
    assert at.session_state["calls"][3:] == [("b", 0), ("b", 1), ("b", 2)]
    assert not at.exception and not at.get("progress")


# -- the imports' objects leave the collector's young generations ---------------------------

def test_settle_imports_freezes_once_per_new_module(monkeypatch):
    import gc
    import sys
    import types

    from ui import entry

    entry.settle_imports()  # whatever the test run imported so far
    frozen = gc.get_freeze_count()
    entry.settle_imports()
    assert gc.get_freeze_count() == frozen  # nothing new imported: no freeze

    monkeypatch.setitem(sys.modules, "_settle_probe", types.ModuleType("_settle_probe"))
    kept = [[] for _ in range(1000)]  # long-lived objects made since the last freeze
    entry.settle_imports()
    assert gc.get_freeze_count() >= frozen + len(kept)


# -- chart data sent as Arrow built from numpy -----------------------------------------------

def _sent(data) -> pd.DataFrame:
    """What the browser receives for a dataset, read back as a DataFrame."""
    import pyarrow as pa
    from streamlit import dataframe_util
    return pa.ipc.open_stream(dataframe_util.convert_anything_to_arrow_bytes(data)).read_pandas()


def test_arrow_sends_what_streamlit_would_send():
    from ui import arrow
    df = pd.DataFrame({"x": [0.5, np.nan, np.inf, -1e-300], "step": [0, 1, 2, 3],
                       "ok": [True, False, True, True],
                       "series": pd.array(["sgd", "adam", "sgd", None], dtype="str"),
                       "kind": np.array(["a", "b", None, "d"], dtype=object)})
    for frame in (df, df[df["step"] > 0]):  # a filtered frame keeps its index: not sent
        ours = arrow(frame)
        assert not isinstance(ours, pd.DataFrame)
        theirs = _sent(frame).drop(columns="__index_level_0__", errors="ignore")
        pd.testing.assert_frame_equal(_sent(ours), theirs.reset_index(drop=True),
                                      check_dtype=False)
        assert _sent(ours)["x"].isna().tolist() == frame["x"].isna().tolist()


def test_arrow_leaves_other_columns_to_streamlit():
    from ui import arrow
    dates = pd.DataFrame({"t": pd.date_range("2026-01-01", periods=2), "v": [1.0, 2.0]})
    holes = pd.DataFrame({"n": pd.array([1, None], dtype="Int64")})
    kinds = pd.DataFrame({"k": pd.Categorical(["a", "b"])})
    assert arrow(dates) is dates and arrow(holes) is holes and arrow(kinds) is kinds


def test_drawn_sends_every_dataframe_as_arrow_and_keeps_the_spec():
    import pyarrow as pa
    from ui import drawn
    spec = {"mark": "point", "datasets": {"a": pd.DataFrame({"x": [1.0]}), "b": [{"x": 2}]}}
    out = drawn(spec)
    assert isinstance(out["datasets"]["a"], pa.Table) and out["datasets"]["b"] == [{"x": 2}]
    assert isinstance(spec["datasets"]["a"], pd.DataFrame)  # the caller's spec is untouched
