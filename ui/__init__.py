"""Streamlit-side helpers shared by the pages: texts, language, controls, chart display."""
import contextlib
import contextvars
import functools
import math

import numpy as np
import pandas as pd
import pyarrow as pa
import streamlit as st

from playground import optim
from ui import charts, i18n, present
from ui.charts import export
from ui.text import common


def show(fig, **select):
    """The one way a chart reaches a page: full width, the app's theme, and a small download
    menu under it (PNG, SVG, CSV); a 3-D surface (plotly) has plotly's own menu instead.

    A builder of ui.charts hands over a finished Figure, built without Altair's validation or
    global data transformer, which `st.altair_chart` would run on every rerun. `select` (key,
    on_select, selection_mode) makes a chart's selections reach the page.
    """
    if type(fig).__module__.startswith("plotly"):  # a 3-D surface (ui/charts/surface3d.py)
        return st.plotly_chart(present.styled_3d(fig), width="stretch", theme="streamlit",
                               config={"displaylogo": False}, **select)
    if not isinstance(fig, charts.Figure):
        raise TypeError(f"show() takes a Figure from a ui.charts builder, not {type(fig)}")
    out = st.vega_lite_chart(spec=drawn(present.styled(fig)), width="stretch", **select)
    download_menu(fig)
    return out


def drawn(spec: dict) -> dict:
    """A shallow copy of `spec` that the browser draws on a canvas, without a text
    description per mark.

    Left to itself, Streamlit draws a chart of fewer than 2,000 rows per dataset as SVG, one
    DOM element per mark, and Vega-Lite writes an ARIA description for every mark, a string
    formatted through Vega's expression interpreter. On the maps and live charts here, that
    was most of the browser's time per redraw. A canvas has no per-mark elements, so those
    descriptions would reach no one.
    """
    config = spec.get("config", {})
    out = spec | {"usermeta": {"embedOptions": {"renderer": "canvas"}},
                  "config": config | {"mark": config.get("mark", {}) | {"aria": False}}}
    if "datasets" in spec:
        out["datasets"] = {name: arrow(data) if isinstance(data, pd.DataFrame) else data
                           for name, data in spec["datasets"].items()}
    return out


def arrow(df: pd.DataFrame) -> pa.Table | pd.DataFrame:
    """The Arrow table Streamlit sends for `df`, made from its columns' numpy arrays.

    Streamlit's own conversion (`pa.Table.from_pandas`) spends most of its time on pandas'
    metadata, which no chart reads.
    NaN becomes null, as there; the index is left out (no chart reads it). A column of any
    other kind (dates, categories, nullable integers...) leaves the frame to Streamlit.
    """
    plain = [isinstance(t, np.dtype) and t.kind in "biuf" for t in df.dtypes]
    text = [pd.api.types.is_string_dtype(t) for t in df.dtypes]
    if not all(p or t for p, t in zip(plain, text)):
        return df
    try:  # a text column hands over its own Arrow array (pandas' default str is Arrow inside)
        return pa.table({str(name): pa.array(df[name].to_numpy() if p else df[name],
                                             from_pandas=True)
                         for name, p in zip(df.columns, plain)})
    except (pa.ArrowException, TypeError, ValueError):  # e.g. an object column of numbers
        return df


_LIVE = contextvars.ContextVar("live_charts", default=False)
MENU_HEIGHT = {False: 40, True: 52}  # px: the menu's 2.5rem, on a 16 px root (21 px presenting)


@contextlib.contextmanager
def live_charts(on: bool = True):
    """Charts shown inside are redrawn several times a second (a training that plays): their
    download menus give way to a blank of the same height, so the layout stays put. A file
    made on click would belong to a chart already replaced (Streamlit drops a download's
    callable when its button is redrawn), and redrawing the menus would slow the browser's
    updates."""
    token = _LIVE.set(on)
    try:
        yield
    finally:
        _LIVE.reset(token)


PAGE = "_page_name"  # the page being run ("training"), set by ui.entry: names its downloads
# Download menus are numbered in the order they are drawn: a page's from the top of each of its
# runs, a section's (a fragment) from its own top, so that a rerun of the section alone gives
# its menus the keys they had in the page's run. Holds [where, menus so far].
_MENUS = contextvars.ContextVar("download_menus")


def number_menus(where: str = "page") -> None:
    """Number the download menus drawn from here on from 1 (ui.entry calls it as a page's run
    starts)."""
    _MENUS.set([where, 0])


def fragment(func=None, *, run_every=None):
    """`st.fragment` for a section of a page: moving a control inside it reruns the section
    alone, and its download menus keep their keys (see `number_menus`). A section's function
    runs once per page run."""
    def section(f):
        @functools.wraps(f)
        def run(*args, **kwargs):
            token = _MENUS.set([f.__qualname__, 0])
            try:
                return f(*args, **kwargs)
            finally:
                _MENUS.reset(token)
        return st.fragment(run, run_every=run_every)
    return section(func) if func else section


def download_menu(spec: dict) -> None:
    """A small icon under the chart's right corner opening PNG, SVG and CSV downloads.

    The buttons exist only while the menu is open (opening it reruns the page, or the
    fragment) and their files are made only when clicked, without a rerun: a rerun with
    the menu closed pays for one small widget per chart instead of three buttons. Keys number
    the menus in the order they are drawn (`number_menus`, `fragment`): unique even for two
    alike charts, stable between reruns.
    """
    if _LIVE.get():
        st.space(MENU_HEIGHT[present.on()])
        return
    T = i18n.translator(common)
    drawn = _MENUS.get(None)
    if drawn is None:
        number_menus()
        drawn = _MENUS.get()
    drawn[1] += 1
    key = f"dl-{drawn[0]}-{drawn[1]}"
    row = st.container(horizontal=True, horizontal_alignment="right")
    menu = row.popover("", icon=":material/download:", type="tertiary",
                       help=T("export"), key=key, on_change="rerun")
    if not menu.open:
        return
    name = f"{st.session_state.get(PAGE, 'playground')}-{export.name(spec)}"
    for fmt, make, mime in (("png", lambda: export.png(spec), "image/png"),
                            ("svg", lambda: export.svg(spec), "image/svg+xml"),
                            ("csv", lambda: export.csv(spec), "text/csv")):
        menu.download_button(T(f"export_{fmt}"), make, f"{name}.{fmt}", mime, key=key + fmt,
                             help=T(f"export_{fmt}_help"), on_click="ignore",
                             icon=":material/download:", width="stretch")


@st.cache_data(max_entries=32, show_spinner=False)
def _schedule_figure(name: str, steps: int, x_title: str, lang: str) -> charts.Figure:
    T = i18n.translator(common, lang)
    frame = pd.DataFrame({"step": np.arange(steps), "factor": optim.lr_curve(name, 1.0, steps)})
    return charts.lines(frame, "step", {"factor": T("s_factor")}, x_title, T("s_factor"),
                        height=220, legend=False)


def schedule(where, name: str, steps: int, x_title: str) -> None:
    """Under a schedule's select box: what it does, in words and, unless the rate is constant,
    as a chart of the rate against the step (a share of the chosen rate, read from the real
    torch scheduler over `steps` steps; on Training one step per epoch, where every schedule
    has the same shape as over the run's minibatch steps)."""
    where.caption(i18n.translator(common)(f"sched_{name}"))
    if name != "constant":
        with where:
            show(_schedule_figure(name, steps, x_title, i18n.lang()))


def side_by_side(*panels: tuple[str, charts.Figure]) -> None:
    """Charts in equal columns, each under its title in bold (a phone stacks them)."""
    for col, (title, chart) in zip(st.columns(len(panels)), panels):
        with col:
            st.markdown(f"**{title}**")
            show(chart)


def number(x: float, fmt: str) -> str:
    """A value in `fmt` as people read it: inf and NaN spelled out rather than as Python's
    'nan'; exactly 0 as "0" (H(p) read "-0.0000" for p = (1, 0, 0)); no minus on a number
    rounded to zero; an "e" format plain from 0.001 to 9,999 ("1", not "1.00e+00") and a
    short exponent elsewhere ("1.5e-5"); a "g" format plain below a million ("53,200", not
    "5.32e+04"); a fixed format of a number past a million as three digits and an exponent
    ("1.68e34", where a diverged loss wrote 35 digits).
    """
    if math.isnan(x):
        return "NaN"
    if not math.isfinite(x):
        return "∞" if x > 0 else "−∞"
    if x == 0:
        return "0%" if fmt.endswith("%") else "0"
    kind = fmt[-1]
    if kind == "e" and 1e-3 <= abs(x) < 1e4:
        digits = int(fmt.rsplit(".", 1)[1][:-1]) + 1 if "." in fmt else 7
        out = format(x, f".{digits}g")
    elif kind == "f" and abs(x) >= 1e6:
        out = format(x, ".3g")
    else:
        out = format(x, fmt)
    if kind == "g" and "e" in out and 1 <= abs(x) < 1e6:  # 5.32e+04 -> 53,200
        out = format(float(out), ",.0f" if "," in fmt else ".0f")
    if "e" in out:  # 1.50e-05 -> 1.5e-5
        mantissa, exponent = out.split("e")
        if "." in mantissa:
            mantissa = mantissa.rstrip("0").rstrip(".")
        out = f"{mantissa}e{int(exponent)}"
    if out.startswith("-") and not any(c in "123456789" for c in out.split("e")[0]):
        out = out[1:]  # -0.0000: a tiny negative number, rounded to zero
    return out


def si(n: float) -> str:
    """A count in three significant digits and an SI prefix, short enough for a metric at any
    width: 15,470,264,320 -> "15.5 G" (VGG-16's multiply-adds were cut to "15,470,26…")."""
    if not math.isfinite(n):
        return number(n, "g")
    for power, prefix in ((15, "P"), (12, "T"), (9, "G"), (6, "M"), (3, "k")):
        if float(f"{abs(n):.3g}") >= 10 ** power:
            return f"{n / 10 ** power:.3g} {prefix}"
    return f"{n:.3g}" if n != int(n) else f"{int(n)}"


def span(layers: list[int]) -> str:
    """[1, 2, 3, 7] -> '1–3, 7'."""
    runs: list[list[int]] = []
    for l in layers:
        if runs and l == runs[-1][-1] + 1:
            runs[-1].append(l)
        else:
            runs.append([l])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)
