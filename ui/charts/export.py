"""A chart as a file: PNG and SVG drawn by vl-convert (the renderer behind Altair's own
`chart.save("x.png")`, no browser), and the rows behind it as CSV.

Everything runs offline: vl-convert carries Vega and Vega-Lite inside its binary, takes fonts
from the system (CJK text needs a CJK font such as fonts-noto-cjk) and is allowed no URL, so
a spec that asked for remote data would fail here instead of fetching it.
"""
import re

import pandas as pd
import vl_convert as vlc

from ui.charts import figure as charts

WIDTH = 560       # px: an exported chart that Streamlit would stretch gets this width
BACKGROUND = "white"  # Streamlit draws on its own page colour; a file needs its own
PADDING = 12      # px of margin around the chart, inside its size
_HASHED = re.compile(r"data-[0-9a-f]{32}")  # Altair names inline data after its hash
_CONCAT = ("hconcat", "vconcat", "concat", "facet", "repeat")


def plain(spec: dict) -> dict:
    """The spec as a standalone file would hold it: JSON-plain, with a fixed size.

    A single view without a width (Streamlit stretches it to the page) gets WIDTH, and every
    fixed size then counts the whole chart, axes and legends included (autosize fit), so a
    file is exactly width x height. A map names the size of its plot (usermeta "plot", at
    its domain's aspect): the file gets that plot, with axes and legends around it. Step
    sizes (a height per category) and concatenations keep their natural size.
    """
    s = charts.plain(charts.spec(spec))
    s.setdefault("background", BACKGROUND)
    s.setdefault("padding", PADDING)
    if plot := s.get("usermeta", {}).get("plot"):
        s["width"], s["height"] = plot
        s["autosize"] = {"type": "pad", "contains": "padding"}
    elif not any(k in s for k in _CONCAT):
        s.setdefault("width", WIDTH)
        fixed = [isinstance(s.get(k), (int, float)) for k in ("width", "height")]
        if fixed[0]:
            s["autosize"] = {"type": "fit" if fixed[1] else "fit-x", "contains": "padding"}
    return s


def size(spec: dict) -> tuple[int, int] | None:
    """(width, height) in px of the exported chart at scale 1, or None when the chart sizes
    itself (steps, concatenations)."""
    s = plain(spec)
    if s.get("autosize", {}).get("type") != "fit":
        return None
    return int(s["width"]), int(s["height"])


def _version(s: dict) -> str | None:
    """The Vega-Lite version the spec was written for, if vl-convert carries it (None: its
    latest)."""
    m = re.search(r"/v(\d+)\.(\d+)", s.get("$schema", ""))
    v = f"{m[1]}.{m[2]}" if m else None
    return v if v in vlc.get_vegalite_versions() else None


def png(spec: dict, scale: float = 2) -> bytes:
    """The chart as PNG, `scale` pixels per CSS pixel (2: sharp on a slide or a retina screen)."""
    if not scale > 0:
        raise ValueError(f"Invalid scale: {scale!r} (expected > 0)")
    s = plain(spec)
    return vlc.vegalite_to_png(s, vl_version=_version(s), scale=scale, allowed_base_urls=[])


def svg(spec: dict) -> str:
    """The chart as SVG (text stays text: it can be edited and searched)."""
    s = plain(spec)
    return vlc.vegalite_to_svg(s, vl_version=_version(s), allowed_base_urls=[])


def tables(spec: dict) -> dict[str, pd.DataFrame]:
    """Every dataset of a chart as a table, in the spec's order: its named datasets (the
    ones Altair hoisted from inline data renamed data1, data2...) and any inline values left
    in the spec (named after where they sit, e.g. "layer.0"). NaN and inf arrive as NaN,
    as the browser gets them: missing."""
    s = charts.spec(spec)
    out, hashed = {}, 0
    for name in s.get("datasets", {}):
        label = name
        if _HASHED.fullmatch(name):
            hashed += 1
            label = f"data{hashed}"
        out[label] = pd.DataFrame(charts.plain(charts.rows(s, name)))

    def inline(node, path):
        if isinstance(node, dict):
            if isinstance(node.get("data"), dict) and "values" in node["data"]:
                out[".".join(path) or "data"] = pd.DataFrame(charts.plain(node["data"]["values"]))
            for k, v in node.items():
                if k not in ("data", "datasets"):
                    inline(v, path + [k])
        elif isinstance(node, list):
            for i, v in enumerate(node):
                inline(v, path + [str(i)])

    inline(s, [])
    return out


def csv(spec: dict) -> str:
    """The rows behind a chart as one CSV table.

    One dataset: its own columns. Several (a map and the points on it, a curve and its
    marker): one long table whose first column `dataset` names each row's table and whose
    columns are the union of theirs, so that one file opens in any spreadsheet and
    `df[df.dataset == name]` gives a table back (a zip of CSVs would be exact too, but
    cannot be previewed or pasted)."""
    t = tables(spec)
    if not t:
        return ""
    if len(t) == 1:
        return next(iter(t.values())).to_csv(index=False)
    long = pd.concat([df.assign(dataset=name) for name, df in t.items()], ignore_index=True)
    return long[["dataset"] + [c for c in long.columns if c != "dataset"]].to_csv(index=False)


def name(spec: dict) -> str:
    """A short ASCII file name for a chart from the fields it draws (the same in every
    language), e.g. "value-epoch" for values against epochs: the first view with both a y
    and an x field (a shaded zone or a marker drawn first does not name the chart)."""
    views = []

    def walk(node):
        if isinstance(node, dict):
            enc = node.get("encoding", {})
            fields = [enc[c].get("field") for c in ("y", "x") if isinstance(enc.get(c), dict)]
            if any(fields):
                views.append([f for f in fields if f])
            for k in ("layer", "hconcat", "vconcat", "concat", "spec"):
                walk(node.get(k))
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(charts.spec(spec))
    fields = next((v for v in views if len(v) == 2), views[0] if views else [])
    slug = re.sub(r"[^a-z0-9]+", "-", "-".join(map(str, fields)).lower())
    return slug.strip("-")[:40] or "chart"
