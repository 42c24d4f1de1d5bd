"""Every chart of every page is a Figure: one type, the only one `show` draws besides a 3-D
surface (plotly's), and readable outside the app: JSON, Altair's schema and a notebook take it
as it is."""
import json

import altair as alt
import plotly.graph_objects as go
import plotly.io as pio
import pytest
from altair import TopLevelSpec

import ui
from test_pages import run
from ui import charts
from ui.experiments import EXPERIMENTS


@pytest.fixture(scope="module")
def shown() -> dict[str, list]:
    """page file -> every figure it showed at its defaults (with A/B on)."""
    seen, real = {}, ui.show
    with pytest.MonkeyPatch.context() as mp:
        for e in EXPERIMENTS:
            figures = seen.setdefault(e.file, [])

            def spy(fig, _figures=figures, **kw):
                _figures.append(fig)
                return real(fig, **kw)

            mp.setattr(ui, "show", spy)
            run(e.file, ab="true")
    return seen


def test_every_page_shows_figures_and_only_figures(shown):
    assert all(shown.values()), [p for p, figs in shown.items() if not figs]
    for page, figs in shown.items():
        assert all(isinstance(f, (charts.Figure, go.Figure)) for f in figs), page
    surfaces = {p for p, figs in shown.items() if any(isinstance(f, go.Figure) for f in figs)}
    assert surfaces == {"pages/loss_surface.py"}  # the 3-D surfaces, and nothing else


def test_a_3d_surface_is_plotly_json_and_shows_in_a_notebook(shown):
    for fig in (f for f in shown["pages/loss_surface.py"] if isinstance(f, go.Figure)):
        again = go.Figure(json.loads(fig.to_json()))  # plotly validates every property
        assert again.data[0].type == "surface"
        with pytest.MonkeyPatch.context() as mp:  # the renderer a notebook front end sets
            mp.setattr(pio.renderers, "default", "plotly_mimetype")
            assert "application/vnd.plotly.v1+json" in fig._repr_mimebundle_()


def test_a_figure_is_plain_json_valid_vega_lite_and_shows_in_a_notebook(shown):
    for page, figs in shown.items():
        for fig in (f for f in figs if isinstance(f, charts.Figure)):
            plain = json.loads(fig.to_json())
            TopLevelSpec.from_dict(plain)  # what alt.Chart.from_dict needs: valid Vega-Lite
            with alt.renderers.enable("json"):
                bundle = fig._repr_mimebundle_()  # Jupyter takes (data, metadata) too
            bundle = bundle[0] if isinstance(bundle, tuple) else bundle
            assert json.loads(json.dumps(bundle["application/json"])) == plain, page


def test_show_takes_nothing_but_a_figure():
    with pytest.raises(TypeError, match="Figure"):
        ui.show({"mark": "point"})
