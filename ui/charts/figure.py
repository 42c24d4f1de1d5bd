"""How a chart's data travels: skeletons cached without data, fresh DataFrames attached per
call (`with_data`), small data inline, and the rows read back as the browser gets them.

Data never goes through Altair's global data transformer, so a spec can be built with
`to_dict(validate=False)` from any thread (schema validation runs in the tests instead):
small data is embedded with `inline` (rows written by `records`); charts redrawn on every
rerun keep a cached skeleton of named datasets and get fresh DataFrames from `with_data`.
"""
import json
import math
import pickle

import altair as alt
import numpy as np
import pandas as pd
from altair.utils import schemapi

# Left on, Altair checks each object against the Vega-Lite schema as it is made, much of a
# builder's time on every rerun. tests/test_figure.py checks every figure against the schema.
schemapi.disable_debug_mode()


def records(df: pd.DataFrame) -> list[dict]:
    """Rows with every float at full precision (pandas' JSON writes 3.2e-12 as 0.0, which a
    log axis cannot take); NaN and inf become None, which JSON (and Vega) can carry."""
    ok = df.apply(lambda c: np.isfinite(c) if c.dtype.kind == "f" else c.notna())
    return df.astype(object).where(ok, None).to_dict("records")


def inline(df: pd.DataFrame) -> dict:
    """Small data, embedded in the chart itself."""
    return {"values": records(df)}


class Figure(dict):
    """What every builder returns: a Vega-Lite spec whose named datasets may be DataFrames
    (they travel to the browser as Arrow, at full precision). `ui.show(fig)` draws it on a
    page, `export` turns it into files, and in a notebook it shows itself (through Altair's
    active renderer). `to_dict()` and `to_json()` give the JSON a standalone Vega-Lite
    viewer reads, DataFrames written as rows."""

    def to_dict(self) -> dict:
        return plain(self)

    def to_json(self, **kw) -> str:
        return json.dumps(self.to_dict(), **kw)

    def _repr_mimebundle_(self, include=None, exclude=None):
        return alt.renderers.get()(self.to_dict())


def spec(chart: alt.TopLevelMixin | dict) -> Figure:
    """A chart as a Figure, without Altair's slow schema validation (a Figure passes
    through)."""
    if isinstance(chart, Figure):
        return chart
    return Figure(chart if isinstance(chart, dict) else chart.to_dict(validate=False))


def plain(x):
    """JSON-plain copy: DataFrames as rows, numpy scalars as Python ones, NaN and inf as None."""
    if isinstance(x, dict):
        return {k: plain(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [plain(v) for v in x]
    if isinstance(x, pd.DataFrame):
        return plain(records(x))
    if isinstance(x, np.generic):
        x = x.item()
    if isinstance(x, float) and not math.isfinite(x):
        return None
    return x


def finite(df: pd.DataFrame) -> pd.DataFrame:
    """`df` with inf and -inf as NaN, which Vega leaves out like a missing value (a new
    frame only when some value is infinite)."""
    out = df
    for name in df.columns:
        v = df[name].to_numpy()
        if v.dtype.kind == "f" and np.isinf(v).any():
            out = out.assign(**{name: np.where(np.isinf(v), np.nan, v)})
    return out


def with_data(skeleton: dict, data: dict[str, pd.DataFrame], params: dict | None = None,
              **top) -> Figure:
    """A figure made of a cached skeleton and one call's own: its datasets, the values of the
    parameters its expressions read (`params`: name -> value) and top-level properties
    (`top`: a height, usermeta).

    For charts rebuilt on every rerun with thousands of rows: the skeleton of named layers
    depends only on axes and names, so its builder is cached and only the rows and numbers
    are new. The rows stay DataFrames: Streamlit ships them to the browser as Arrow (full
    precision), much faster than from a list of dicts. `rows` reads them back as dicts.
    """
    s = Figure(copied(skeleton))
    s["datasets"] = {name: finite(df) for name, df in data.items()}
    if params:
        s["params"] = s.get("params", []) + [{"name": k, "value": v} for k, v in params.items()]
    return Figure(s | top)


def copied(x):
    """A deep copy of plain JSON data (a cached skeleton's, for a spec of its own): through
    pickle, faster than copy.deepcopy."""
    return pickle.loads(pickle.dumps(x, pickle.HIGHEST_PROTOCOL))


def rows(spec: dict, name: str) -> list[dict]:
    """The rows of one named dataset of a spec as dicts, NaN as None (what the browser gets)."""
    data = spec["datasets"][name]
    return records(data) if isinstance(data, pd.DataFrame) else data


def thin(df: pd.DataFrame, max_rows: int) -> pd.DataFrame:
    """At most max_rows evenly spaced rows, always the first and the last: what a chart of a long
    history draws."""
    if max_rows < 2:
        raise ValueError(f"Invalid max_rows: {max_rows!r} (expected >= 2)")
    if len(df) <= max_rows:
        return df
    return df.iloc[np.unique(np.linspace(0, len(df) - 1, max_rows).round().astype(int))]


def attach(chart, df: pd.DataFrame):
    """Give a finished chart its data. Every Altair method call deep-copies the data a chart
    already holds, so the concept pages' builders attach it last, with no call left to copy it."""
    chart.data = inline(df)
    return chart
