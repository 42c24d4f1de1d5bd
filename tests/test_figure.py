"""Every chart of every page is a Figure: one type, the only one `show` draws, and readable
outside the app: JSON, Altair's schema and a notebook take it as it is."""
import json

import altair as alt
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
        assert all(isinstance(f, charts.Figure) for f in figs), page


def test_a_figure_is_plain_json_valid_vega_lite_and_shows_in_a_notebook(shown):
    for page, figs in shown.items():
        for fig in figs:
            plain = json.loads(fig.to_json())
            TopLevelSpec.from_dict(plain)  # what alt.Chart.from_dict needs: valid Vega-Lite
            with alt.renderers.enable("json"):
                bundle = fig._repr_mimebundle_()  # Jupyter takes (data, metadata) too
            bundle = bundle[0] if isinstance(bundle, tuple) else bundle
            assert json.loads(json.dumps(bundle["application/json"])) == plain, page


def test_show_takes_nothing_but_a_figure():
    with pytest.raises(TypeError, match="Figure"):
        ui.show({"mark": "point"})
