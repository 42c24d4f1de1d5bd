"""The charts' visual language, written down once: colours, line widths, heights, legends
and value axes. Builders take every colour and width from here; none writes a literal.

- Colours: SERIES for lines and bars in legend order (hues at least 35° apart, so two
  lines never read as one colour); LAYER_SCHEME (viridis) when the colour is an order
  (layer 1 … L, time); BOUNDARY (TF Playground's orange / grey / blue) for classes and
  signs; MAP_RANGE, a light grey-blue ramp under coloured paths; VALUE_RANGE, a light blue
  ramp for a table of values, EMPTY for its cells without one; SURFACE_SCALE (viridis) for
  the height of a 3-D surface, whose shading needs a darker ramp than a flat map's; SHADE
  for context (a span, the step shown), never for data; INK for marks that are not data (a
  start, an end, a label, an iso-line); PAPER for outlines that separate marks.
- Strokes: LINE (2.5 px) for data lines and a map's one path; PATH (2.2 px) where several
  paths or steps share a plot; RULE (1.5 px) for rules, dashed lines over others and rings;
  HAIR (1 px) for outlines and iso-lines; FRAME (3 px) around a chosen cell. Dashes: DASH
  [6, 4] for a line drawn over others and for B when A and B are compared, DOTTED [4, 3]
  for a rule.
- Heights: HEIGHT (280 px) for every chart but the maps, whose height follows their
  domain's aspect (`maps.map_height`) so a circle stays round.
- Legends: on top, no title (the chart's subheader names it), in as many columns as fit
  (`legend_columns`); a colour bar only where colour is a value.
- Value axes (`value_axis`, `log_ticks`): plain numbers from 0.0001 to 9,999, SI prefixes
  above, short exponents beyond (NUMBER_LABEL); a log axis ticked at 1-2-5 over two
  decades, at powers of ten over more; a linear axis for data with zeros (`zeros_only`).
"""
import math

import altair as alt
import numpy as np
import pandas as pd


# Hues at least 35° apart (CIE LCh) among the chromatic ones: the fourth was an orange 28° from
# the second, and two lines in them (momentum and Newton, L1 w₂ and L2 w₂) read as one colour.
SERIES = ("#1f6fb4", "#e4572e", "#2a9d8f", "#9da500", "#7d5ba6", "#5c6b73")
LAYER_SCHEME = "viridis"
HEIGHT = 280
LEGEND_ROW = 20  # px of one row of a top legend
SHADE = "#9aa5b1"
INK = "#1b1b1b"
PAPER = "white"
VALUE_RANGE = ("#f7fbff", "#6baed6")
EMPTY = "#d0d4d9"
LINE, PATH, RULE, HAIR, FRAME = 2.5, 2.2, 1.5, 1.0, 3.0
DASH, DOTTED = [6, 4], [4, 3]


def positive(values: pd.Series) -> pd.Series:
    """What a log axis can draw: finite and > 0."""
    return np.isfinite(values) & (values > 0)


def unplottable(stats: pd.DataFrame, cols: list[str]) -> list[int]:
    """Layers where some column is 0 or non-finite: what a log-axis profile leaves out."""
    ok = np.all([positive(stats[c]) for c in cols], axis=0)
    return stats["layer"][~ok].astype(int).tolist()


def series_color(series: dict[str, str]) -> alt.Color:
    return alt.Color("series:N", title=None,
                     scale=alt.Scale(domain=list(series.values()),
                                     range=list(SERIES[: len(series)])),
                     legend=alt.Legend(orient="top"))


# Tick and legend labels as people write numbers: plain from 0.0001 to 9,999 ("0.05", "200"),
# SI prefixes up to the trillions ("15k", "2.5M"), else a short exponent ("1e-5", "1.7e34").
# Vega's own "~g" wrote 10 as "1e+1" and 2,000 as "2e+3" whenever the tick step had one
# significant digit. Labels come from the tick values, so float noise (0.30000000000000004)
# is rounded away by the six significant digits.
NUMBER_LABEL = (
    "!isFinite(datum.value) ? ''"  # the legend of an empty colour scale (no gradient yet): NaN
    " : datum.value == 0 ? '0'"
    " : abs(datum.value) >= 0.0001 && abs(datum.value) < 10000 ? format(datum.value, '.6~r')"
    " : abs(datum.value) >= 10000 && abs(datum.value) < 1e13 ? format(datum.value, '.3~s')"
    " : replace(format(datum.value, '.2~e'), 'e+', 'e')")
# Powers of ten on a long log axis: plain from 0.001 to 1,000, else all alike as exponents
# (1e-6, 0.01, 1, 100, 1e6, 1e14), where SI prefixes would mix in "1M" between them.
DECADE_LABEL = ("abs(datum.value) >= 0.001 && abs(datum.value) < 10000"
                " ? format(datum.value, '.6~r') : replace(format(datum.value, '.0e'), 'e+', 'e')")


DECADES = tuple(10.0 ** e for e in range(-300, 301))  # every power of ten a log axis may need
# 1, 2 and 5 times every power of ten a short log axis may need (see `log_ticks`)
ONE_TWO_FIVE = tuple(float(f"{m}e{e}") for e in range(-100, 101) for m in (1, 2, 5))
SHORT_TICKS = 7  # the most ticks of a short log axis: two decades of 1, 2, 5, and the end


def many_decades(values: pd.Series) -> bool:
    """Whether a log axis over `values` spans more than two decades. Such an axis is ticked
    at DECADES; a shorter one at ONE_TWO_FIVE (see `log_ticks`)."""
    v = values[positive(values)]
    if v.empty:
        return False
    return math.ceil(math.log10(v.max())) - math.floor(math.log10(v.min())) > 2


def spans_decades(df: pd.DataFrame, cols: list[str]) -> bool:
    """Whether the values of columns `cols` span more than two decades (`many_decades`): a
    loss that grew or fell geometrically, a straight line on a log axis where a linear one
    shows one spike (a diverged run: 0.7, then 1.7e34)."""
    return many_decades(pd.Series(df[cols].to_numpy(dtype=float).ravel()))


def zeros_only(df: pd.DataFrame, cols: list[str]) -> bool:
    """Whether columns `cols` hold zeros and no value a log axis could draw (> 0 and finite):
    a chart of them wants a linear axis, where a log one would be empty."""
    v = df[cols].to_numpy(dtype=float)
    return bool((v == 0).any() and not (np.isfinite(v) & (v > 0)).any())


def fewest_points(df: pd.DataFrame, cols: list[str], log: bool = False) -> int:
    """The fewest values any of the columns `cols` can draw (finite, and > 0 on a log axis):
    a line needs two, so under two a page draws them as dots."""
    v = df[cols].to_numpy(dtype=float)
    ok = np.isfinite(v) & (v > 0) if log else np.isfinite(v)
    return int(ok.sum(axis=0).min()) if len(cols) else 0


def log_ticks(values: pd.Series, nice: bool = True) -> tuple[float, ...]:
    """Where a log axis over `values` is ticked: at 1, 2 and 5 times the powers of ten
    (ONE_TWO_FIVE) when no more than SHORT_TICKS of them fall on the axis (two decades, which
    a `nice` axis widens the values to), else at the powers of ten (DECADES); () when no
    value is positive. Left to Vega, a short axis had ticks at 1 … 9 times each power of ten,
    and dropping those whose labels overlapped left an uneven 0.4, 0.05, 0.01."""
    v = values[positive(values)]
    if v.empty:
        return ()
    lo, hi = float(v.min()), float(v.max())
    if not 1e-100 <= lo <= hi <= 1e100:
        return DECADES
    if nice:
        lo, hi = 10.0 ** math.floor(math.log10(lo)), 10.0 ** math.ceil(math.log10(hi))
    shown = sum(lo * (1 - 1e-9) <= t <= hi * (1 + 1e-9) for t in ONE_TWO_FIVE)
    return ONE_TWO_FIVE if shown <= SHORT_TICKS else DECADES


def value_axis(ticks: tuple[float, ...] = (), counts: bool = False) -> alt.Axis:
    """A value axis ticked at `ticks` (DECADES, ONE_TWO_FIVE: see `log_ticks`), else at
    Vega's own ticks, labelled by NUMBER_LABEL (DECADE_LABEL at DECADES, unless `counts`:
    10k, 1M, 10G as the metrics beside them write parameters and multiply-adds).

    Vega keeps the listed values that fall inside the axis, then every other one until no
    more than its tick count remain: at DECADES, a few evenly spaced powers of ten (its own log
    ticks would add 2·10ᵏ … 9·10ᵏ in every decade, a dense grid); at ONE_TWO_FIVE, the count
    is raised to keep all seven of two decades, as halving them would leave 1, 5, 20, 100,
    and no label is hidden for a neighbour close by (the Training page's short plot kept
    1, 0.2, 0.05, 0.01 that way).
    One list for every range: as the values move, the chart's spec stays the same, and the
    browser draws the new data into the chart it has instead of building the chart anew (and
    the cached skeleton serves every range).
    """
    if not ticks:
        return alt.Axis(labelExpr=NUMBER_LABEL)
    if ticks == ONE_TWO_FIVE:  # seven labels fit a plot 126 px tall (18 px apart)
        return alt.Axis(values=list(ticks), labelExpr=NUMBER_LABEL, tickCount=SHORT_TICKS,
                        labelOverlap=False)
    return alt.Axis(values=list(ticks), labelExpr=NUMBER_LABEL if counts else DECADE_LABEL)


# TF Playground's colours: orange for class 0 / negative, blue for class 1 / positive
BOUNDARY = ("#f59322", "#e8eaeb", "#0877bd")
CELL_ALPHA = 0.85  # the boundary's cells are its colours faded this much into white
# Half the width of a drawn cell, in cells. Two cells that merely touch leave a faint seam
# where their edge falls inside a pixel (each covers part of it, and the background shows
# through both); one that reaches half a pixel past the edge covers the pixel itself. At 0.6
# that holds for cells of 5 px and more (64 cells across a phone's map).
OVERLAP = 0.6


def faded(colour: str, alpha: float | np.ndarray) -> str | np.ndarray:
    """`colour` ("#rrggbb") drawn with opacity `alpha` over white, as an opaque colour.

    Cells drawn translucent show every seam between them (the anti-aliased edges of two
    neighbours let the white through); opaque cells that overlap a little show none.
    """
    rgb = np.array([int(colour[i:i + 2], 16) for i in (1, 3, 5)], dtype=float)
    a = np.asarray(alpha, dtype=float)[..., None]
    mixed = np.rint(255 - a * (255 - rgb)).astype(int)  # (..., 3)
    hexes = np.array([f"#{r:02x}{g:02x}{b:02x}" for r, g, b in mixed.reshape(-1, 3)])
    return hexes.reshape(np.shape(alpha)) if np.ndim(alpha) else str(hexes[0])


def legend_columns(labels: list[str]):
    """How many columns a top legend gets so that a phone (about 330 px of plot, some 50
    characters; a CJK glyph counts 2) shows every label: one row when all fit (Undefined),
    two columns when each label fits half the width, else one label per line."""
    widths = [len(l) + sum(ord(c) > 0x2E80 for c in l) for l in labels]
    if sum(widths) + 4 * len(widths) <= 50:
        return alt.Undefined
    return 2 if max(widths) <= 21 else 1


SURFACE_SCALE = "Viridis"  # plotly's name: a 3-D surface's height (ui/charts/surface3d.py)
MAP_RANGE = ("#fbfcfd", "#9fb0c1")  # a light surface, so that coloured paths stand out
MAP_WIDTH = 430  # the plot's usual width on a laptop: the height follows the domain's aspect
MAP_FRAME = 110  # legend and x axis, which Streamlit's fit-to-container counts in the height


def nice_ticks(lo: float, hi: float, most: int = 10) -> list[float]:
    """The most round numbers from lo to hi, but no more than `most`, a step of 1, 2 or 5
    times a power of ten apart (Vega drops every other one where the plot is too small)."""
    span = float(hi - lo)
    if not span > 0:
        return [float(lo)]

    def ends(step):
        return math.ceil(lo / step - 1e-9), math.floor(hi / step + 1e-9)

    steps = sorted(m * 10.0 ** e for e in range(math.floor(math.log10(span / most)) - 1,
                                                math.ceil(math.log10(span)) + 2)
                   for m in (1, 2, 5))
    step = next(s for s in steps if ends(s)[1] - ends(s)[0] + 1 <= most)
    first, last = ends(step)
    return [float(f"{k * step:.12g}") + 0.0 for k in range(first, last + 1)]  # + 0.0: no -0
