"""A small network drawn as its computational graph: units as circles with their values,
weights as lines between them, as TensorFlow Playground draws a network."""
import functools

import altair as alt
import numpy as np
import pandas as pd

from ui.charts.figure import Figure, spec, with_data
from ui.charts.style import BOUNDARY, DOTTED, EMPTY, FRAME, HAIR, INK, PAPER, RULE

NODE = 800     # area of a unit's circle, px²
ROW = 66       # px between two units of a layer
WIDEST = 6     # px: the line of the largest weight of its kind
FADED = 0.22   # opacity of the lines outside the current layer


SUP, SUB = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"), str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
SYMBOL = {"x": "x", "a": "a", "delta": "δ", "": "a", "w": "w", "dW": "∂w"}


def _names(frame: pd.DataFrame, last: int) -> list[str]:
    """a²₁ for unit 1 of layer 2 (x₁ for an input, C for the loss in column `last`); w²₁₃
    for the weight from unit 3 of layer 1 to unit 1 of layer 2."""
    out = []
    for row in frame.itertuples():
        if row.col == last:
            out.append("C")
            continue
        layer = "" if row.kind == "x" else str(row.layer).translate(SUP)
        units = str(row.unit) + (str(row.src) if hasattr(row, "src") else "")
        out.append(SYMBOL[row.kind] + layer + units.translate(SUB))
    return out


def _sign(frame: pd.DataFrame) -> pd.Series:
    """Each value as a share of the largest of its kind (a weight of the other weights, a delta
    of the other deltas), in [-1, 1]: what colours and widths are scaled by."""
    top = frame.groupby("kind")["value"].transform(lambda v: np.abs(v).max())
    return (frame["value"] / top.where(top > 0)).fillna(0.0)


def network_graph(nodes: pd.DataFrame, edges: pd.DataFrame, heads: list[str],
                  value_format: str = ".3g", labels: bool = True) -> Figure:
    """Units and weights of a small network (the frames of `backprop.graph`), with `heads[c]`
    over column c; the last column is the loss.

    A unit is filled by its value's sign and size among the values of its kind (blue
    positive, orange negative, grey when not yet computed), its name inside and its value
    under it; a weight's line has the colour of its sign and a width by its size among the
    weights (or gradients) of its kind. The current layer's lines are drawn in full, the
    others faded, and the current units get a thick ring. `labels`: False for the picture
    alone, without names, values or heads.
    """
    last = len(heads) - 1
    nodes = nodes.assign(name=_names(nodes, last), shade=_sign(nodes), ink=np.where(np.abs(_sign(nodes)) > 0.6, "light", "dark"),
                         label=[format(v, value_format) if k else "?"
                                for k, v in zip(nodes["kind"], nodes["value"])])
    edges = edges.assign(name=_names(edges, last), shade=_sign(edges),
                         width=HAIR + (WIDEST - HAIR) * np.abs(_sign(edges)),
                         opacity=np.where(edges["current"], 1.0, FADED))
    rows = float(nodes["row"].abs().max())  # the farthest unit from the middle row
    cols = len(heads)
    head = pd.DataFrame({"col": range(cols), "head": heads})
    return with_data(_graph_spec(cols, rows, labels),
                     {"nodes": nodes, "edges": edges, "heads": head})


@functools.lru_cache(maxsize=16)
def _graph_spec(cols: int, rows: float, labels: bool) -> dict:
    top = -rows - 0.65  # the heads' row, above the units
    across = alt.Scale(domain=[-0.5, cols - 0.5], nice=False)
    x = alt.X("col:Q", axis=None, scale=across)
    y = alt.Y("row:Q", axis=None, scale=alt.Scale(domain=[rows + 0.65, top - 0.25], nice=False))
    signed = alt.Scale(domain=[-1, 0, 1], range=list(BOUNDARY), interpolate="rgb")
    wires = alt.Chart(alt.NamedData("edges")).mark_rule(strokeCap="round").encode(
        x=x, y=y, x2="col2:Q", y2="row2:Q",
        color=alt.Color("shade:Q", scale=signed, legend=None),
        strokeWidth=alt.StrokeWidth("width:Q", scale=None),
        opacity=alt.Opacity("opacity:Q", scale=None),
        tooltip=[alt.Tooltip("name:N", title=" "), alt.Tooltip("value:Q", format=".4~g")])
    units = alt.Chart(alt.NamedData("nodes"))
    known = alt.datum.kind != ""
    fill = alt.condition(known, alt.Color("shade:Q", scale=signed, legend=None),
                         alt.value(EMPTY))
    circles = units.mark_point(filled=True, size=NODE, stroke=INK, opacity=1).encode(
        x=x, y=y, fill=fill,
        strokeWidth=alt.condition(alt.datum.current, alt.value(FRAME), alt.value(HAIR)),
        tooltip=[alt.Tooltip("name:N", title=" "), alt.Tooltip("value:Q", format=".4~g")])
    names = units.mark_text(fontSize=13, fontWeight="bold").encode(
        x=x, y=y, text="name:N",
        color=alt.Color("ink:N", legend=None,
                        scale=alt.Scale(domain=["light", "dark"], range=[PAPER, INK])))
    values = units.mark_text(fontSize=13, dy=26, color=INK).encode(x=x, y=y, text="label:N")
    columns = alt.Chart(alt.NamedData("heads")).transform_calculate(
        row=f"{top}", start="datum.col - 1", zero="0")
    heads = columns.mark_text(fontSize=14, color=INK).encode(x=x, y=y, text="head:N")
    link = columns.transform_filter(f"datum.col == {cols - 1}").mark_rule(
        color=INK, strokeWidth=RULE, strokeDash=DOTTED).encode(
        x=alt.X("start:Q", scale=across, axis=None), x2="col:Q", y=alt.Y("zero:Q", axis=None))
    chart = alt.layer(wires, link, circles, *((names, values, heads) if labels else ())).properties(
        height=int(ROW * (2 * rows + 1.55)))
    return spec(chart.configure_view(stroke=None))
