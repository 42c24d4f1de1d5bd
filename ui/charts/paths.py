"""Paths on a map and their curves against the step: optimizers racing on a 2-D function, and
a training path on a loss surface."""
import functools

import altair as alt
import numpy as np
import pandas as pd

from ui.charts.figure import Figure, spec, with_data
from ui.charts.maps import (FIXED_HEIGHT, map_height, map_scales, mapped, numbers, surface_data,
                            surface_layers)
from ui.charts.style import (DOTTED, HEIGHT, INK, LINE, PAPER, PATH, RULE, SERIES, SHADE,
                             log_ticks, value_axis)


def _optimizer_color() -> alt.Color:
    """One colour per optimizer, the legend wrapping after three so a phone shows all six; the
    legend's labels come in with each figure (parameter `series`), in SERIES' order."""
    return alt.Color("series:N", title=None, legend=alt.Legend(orient="top", columns=3),
                     scale=alt.Scale(domain={"expr": "series"}, range=list(SERIES)))


@functools.lru_cache(maxsize=32)
def _optimizer_map_spec(log: bool, titles: tuple, pick) -> dict:
    T = dict(titles)
    sx, sy = map_scales()
    x, y = alt.X("x:Q", scale=sx), alt.Y("y:Q", scale=sy)
    color = _optimizer_color()
    tips = [alt.Tooltip("series:N", title=" "), alt.Tooltip("step:Q", title=T["step"]),
            alt.Tooltip("x:Q", format=".4f"), alt.Tooltip("y:Q", format=".4f"),
            alt.Tooltip("loss:Q", title=T["loss"], format=".4g")]
    paths = (alt.Chart(alt.NamedData("paths"))
             .mark_line(strokeWidth=PATH, clip=True)
             .encode(x=x, y=y, color=color, order="step:Q", tooltip=tips))
    dots = (alt.Chart(alt.NamedData("now"))
            .mark_point(filled=True, size=110, stroke=PAPER, strokeWidth=RULE, opacity=1,
                        clip=True)
            .encode(x=x, y=y, color=color.legend(None), tooltip=tips))
    fixed = (alt.Chart(alt.NamedData("marks"))
             .mark_point(size=130, strokeWidth=PATH, clip=True, color=INK)
             .encode(x=x, y=y,
                     shape=alt.Shape("kind:N", legend=None,
                                     scale=alt.Scale(domain=[T["minimum"], T["start"]],
                                                     range=["diamond", "cross"])),
                     tooltip=[alt.Tooltip("kind:N", title=" "), alt.Tooltip("x:Q", format=".4f"),
                              alt.Tooltip("y:Q", format=".4f")]))
    surface = surface_layers(log, T["z"], pick)
    return mapped(spec(alt.layer(*surface, paths, dots, fixed).resolve_scale(color="independent")))


def optimizer_map(X: np.ndarray, Y: np.ndarray, Z: np.ndarray, lines: pd.DataFrame,
                  frame: pd.DataFrame, series: dict[str, str], step: int, start, minima,
                  domain, log: bool, titles: dict[str, str], pick: str | None = None) -> Figure:
    """The surface map with the optimizer paths up to `step` (one colour per series, in the
    order of `series`), a dot where each path stands at `step`, the start (cross) and the
    listed minima (diamonds).

    frame: optimizer, step, x, y, loss, each optimizer's rows together in step order;
    `series` maps optimizer -> legend label; titles: z, step, loss (tooltips) and start,
    minimum (marker names).
    """
    data, cell = surface_data(X, Y, Z, lines, log)
    x, y = frame["x"].to_numpy(), frame["y"].to_numpy()
    keep = (frame["step"].to_numpy() <= step) & np.isfinite(x) & np.isfinite(y)
    name = frame["optimizer"].to_numpy()
    (x0, x1), (y0, y1) = domain
    kept = np.flatnonzero(keep)
    keep[kept] = visible(np.column_stack([x[kept], y[kept]]), name[kept],
                         max(x1 - x0, y1 - y0) / PIXELS)
    drawn = _columns(frame, keep, {"step": frame["step"].to_numpy(), "x": x, "y": y,
                                   "loss": frame["loss"].to_numpy()}, series)
    label = drawn["series"].to_numpy()
    now = drawn[np.append(label[1:] != label[:-1], True)[:len(label)]]  # each path's last row
    marks = pd.DataFrame(list(minima) + [start], columns=["x", "y"])
    marks["kind"] = [titles["minimum"]] * len(minima) + [titles["start"]]
    skeleton = _optimizer_map_spec(log, tuple(sorted(titles.items())), pick)
    table, top = numbers(domain, cell, map_height(domain))
    return with_data(skeleton, data | table | {"paths": drawn, "now": now, "marks": marks},
                     {"series": list(series.values())}, **top)


PIXELS = 1500  # a map is drawn at most this many pixels across


def visible(xy: np.ndarray, line: np.ndarray, cell: float) -> np.ndarray:
    """(n,) mask of the points of polylines worth drawing at resolution `cell`.

    xy (n, 2) holds the points of lines one after the other, `line` (n,) names the line of
    each. Kept: each line's first and last point, and every point that lies in another
    square of a grid of side `cell` than the point before it. A dropped point shares its
    square with the last point kept, so the line drawn through the kept points is nowhere
    farther than a square's diagonal from the full one; a path that has settled down (the
    hundreds of last steps of a converging optimizer) costs the browser a few points.
    """
    n = len(xy)
    out = np.ones(n, dtype=bool)
    if n > 1:
        square = np.floor(xy / cell)
        edge = line[1:] != line[:-1]
        out[1:] = (square[1:] != square[:-1]).any(1) | edge
        out[:-1] |= edge
        out[-1] = True
    return out


def _columns(frame: pd.DataFrame, keep: np.ndarray, cols: dict[str, np.ndarray],
             series: dict[str, str]) -> pd.DataFrame:
    """The rows `keep` (a mask) of `cols` (columns of `frame`), with a "series" column last:
    the legend label of each row's optimizer (as arrays: faster than pandas'
    own selection and mapping on the thousands of rows a rerun redraws)."""
    codes, names = pd.factorize(frame["optimizer"].to_numpy()[keep])
    labels = np.array([series.get(name) for name in names], dtype=object)
    return pd.DataFrame({c: v[keep] for c, v in cols.items()} |
                        {"series": pd.array(labels[codes], dtype="str")})


@functools.lru_cache(maxsize=64)
def _step_lines_spec(y_title: str, step_title: str, log: bool, ticks: tuple) -> Figure:
    # The step axis' span and the colours' labels come with each figure (parameters `steps`
    # and `series`): the same skeleton serves every range and every set of lines.
    lines = (
        alt.Chart(alt.NamedData("lines"))
        .mark_line(strokeWidth=PATH)
        .encode(x=alt.X("step:Q", title=step_title,
                        scale=alt.Scale(nice=False, domain={"expr": "steps"})),
                y=alt.Y("value:Q", title=y_title,
                        scale=alt.Scale(type="log") if log else alt.Scale(),
                        axis=value_axis(ticks)),
                color=_optimizer_color(),
                tooltip=[alt.Tooltip("series:N", title=" "),
                         alt.Tooltip("step:Q", title=step_title),
                         alt.Tooltip("value:Q", title=y_title, format=".3e")])
    )
    rule = (alt.Chart(alt.NamedData("now"))
            .mark_rule(color=SHADE, strokeDash=DOTTED, strokeWidth=RULE)
            .encode(x="step:Q"))
    return spec(alt.layer(rule, lines).properties(height=HEIGHT))


def step_lines(frame: pd.DataFrame, col: str, series: dict[str, str], y_title: str,
               step_title: str, now: int, log: bool = True) -> Figure:
    """`col` of `frame` against step, one line per optimizer; a dashed rule marks step `now`.

    On a log axis, values that are not finite or not above round-off (1e-16 of the largest)
    are left out: below that, float64 has nothing left to show.
    The step axis spans the frame's steps, fixed: left to the data, the scale would follow
    the rule's row too, and each move of the rule would re-encode every point of every line
    in the browser (on Optimizer paths, most of its redrawing time for a step move).
    """
    value = frame[col].to_numpy()
    keep = np.isfinite(value)
    if log and keep.any():
        keep &= value > 1e-16 * value[keep].max()
    rows = _columns(frame, keep, {"step": frame["step"].to_numpy(), "value": value}, series)
    step = frame["step"].to_numpy()
    span = [float(step.min()), float(step.max())] if len(step) else [0.0, 1.0]
    ticks = log_ticks(rows["value"]) if log else ()
    return with_data(_step_lines_spec(y_title, step_title, log, ticks),
                     {"lines": rows, "now": pd.DataFrame({"step": [now]})},
                     {"series": list(series.values()), "steps": span})


@functools.lru_cache(maxsize=32)
def _loss_map_spec(log: bool, titles: tuple, kinds: tuple, square: bool) -> Figure:
    T = dict(titles)
    shapes = [shape for kind, shape in (("start", "cross"), ("end", "diamond")) if kind in kinds]
    colors = [color for kind, color in (("start", SERIES[1]), ("end", INK)) if kind in kinds]
    names = [T[kind] for kind in ("start", "end") if kind in kinds]
    sx, sy = map_scales()
    x, y = alt.X("x:Q", scale=sx), alt.Y("y:Q", scale=sy)
    rect, iso = surface_layers(log, T["z"], None)
    rect = rect.encode(x=alt.X("x1:Q", title=T["x"], scale=sx),
                       y=alt.Y("y1:Q", title=T["y"], scale=sy))
    tips = [alt.Tooltip("step:Q", title=T["step"]), alt.Tooltip("x:Q", format=".3f"),
            alt.Tooltip("y:Q", format=".3f"), alt.Tooltip("loss:Q", title=T["z"], format=".4g")]
    path = (alt.Chart(alt.NamedData("path"))
            .mark_line(strokeWidth=PATH, color=SERIES[1], clip=True,
                       point=alt.OverlayMarkDef(size=14, color=SERIES[1]))
            .encode(x=x, y=y, order="step:Q", tooltip=tips))
    legend = alt.Legend(orient="top", symbolStrokeWidth=2.4, symbolOpacity=1)  # as the marks
    marks = (alt.Chart(alt.NamedData("marks"))
             .mark_point(size=140, strokeWidth=LINE, filled=False, clip=True)
             .encode(x=x, y=y,
                     # one legend for both channels (alike and resolved alike, Vega-Lite
                     # merges them): with the colour's left out, its symbols were grey
                     shape=alt.Shape("kind:N", title=None, legend=legend,
                                     scale=alt.Scale(domain=names, range=shapes)),
                     color=alt.Color("kind:N", title=None, legend=legend,
                                     scale=alt.Scale(domain=names, range=colors)),
                     tooltip=[alt.Tooltip("kind:N", title=" "), alt.Tooltip("x:Q", format=".3f"),
                              alt.Tooltip("y:Q", format=".3f")]))
    return mapped(spec(alt.layer(rect, iso, path, marks)
                       .resolve_scale(color="independent", shape="independent")), square)


def loss_map(X: np.ndarray, Y: np.ndarray, Z: np.ndarray, lines: pd.DataFrame,
             path: pd.DataFrame, marks: pd.DataFrame, domain, log: bool,
             titles: dict[str, str], square: bool = True) -> Figure:
    """A loss surface (the heatmap and iso-lines of `surface_map`) with a training path and
    two kinds of marker on it, and axes named by `titles`; `square=False` lets the domain
    fill the plot (for axes that are not one length apart, see `maps.mapped`).

    path: step, x, y, loss (may be empty); marks: x, y, kind (kind is titles["start"] or
    titles["end"]; the legend lists the kinds present); titles: x, y (axes), z (the loss),
    step, start, end.
    """
    data, cell = surface_data(X, Y, Z, lines, log)
    kinds = tuple(k for k in ("start", "end") if (marks["kind"] == titles[k]).any())
    skeleton = _loss_map_spec(log, tuple(sorted(titles.items())), kinds, square)
    table, top = numbers(domain, cell, FIXED_HEIGHT, square)
    return with_data(skeleton, data | table | {"path": path[["step", "x", "y", "loss"]],
                                               "marks": marks[["x", "y", "kind"]]}, **top)
