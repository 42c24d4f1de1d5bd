"""Chart builders on the Streamlit side of the app (nothing here imports Streamlit, so they
work in a notebook too): plain data and translated titles in, a Vega-Lite spec out.

style.py holds the visual language; figure.py how data travels with a chart; the other
modules one family of charts each. `ui.show` is how a chart reaches a page, export.py how it
becomes a file.

Adding a chart: in the module of its family, a builder that takes plain data and translated
titles and returns a Figure. Rows that change on every rerun go in named datasets; the
layers that read them are built once by a cached skeleton function (`functools.lru_cache`,
its arguments the titles and choices that change the spec), and the builder returns
`with_data(skeleton, datasets, params)`, where `params` are the call's own numbers (a
domain, the legend's labels) that the skeleton reads as `{"expr": name}`. A parameter is part
of the spec, and a new spec makes the browser build the chart anew: numbers that change with
a slider are better sent as a dataset that the expressions read (maps.numbers). Colours, widths
and heights come from style.py. The page then calls `show(builder(...))`; tests/test_figure.py
checks every figure a page shows, and the builder's own test checks its rows against the
engine's numbers."""
from ui.charts.figure import (  # noqa: F401
    Figure, finite, records, rows, spec, thin)
from ui.charts.style import (  # noqa: F401
    BOUNDARY, CELL_ALPHA, DASH, DECADES, HEIGHT, INK, LEGEND_ROW, NUMBER_LABEL, ONE_TWO_FIVE,
    OVERLAP, SERIES, faded, fewest_points, legend_columns, many_decades, nice_ticks, spans_decades, unplottable,
    zeros_only)
from ui.charts.lines import (  # noqa: F401
    activation_curve, histogram_density, layer_profile, lines, marked_curves,
    marked_lines, overlay, stack_profile, xy_curves)
from ui.charts.bars import (  # noqa: F401
    decomposition, distributions, grouped_bars, layer_bars, step_histograms)
from ui.charts.grids import (  # noqa: F401
    decision_boundary, grids, time_heatmap, value_grid)
from ui.charts.maps import (  # noqa: F401
    constraint_map, isotropic, surface_map)
from ui.charts.graph import network_graph  # noqa: F401
from ui.charts.paths import (  # noqa: F401
    PIXELS, loss_map, optimizer_map, step_lines, visible)
