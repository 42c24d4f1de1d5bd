"""A loss surface in 3-D, rotatable in the browser: plotly's surface (the one figure here that
is not Vega-Lite, which draws no 3-D). `ui.show` puts it on a page like any other figure."""
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ui.charts.style import INK, SERIES, SURFACE_SCALE

HEIGHT_3D = 420  # px


def surface_3d(alphas: np.ndarray, betas: np.ndarray, Z: np.ndarray, titles: dict[str, str],
               log: bool, path: pd.DataFrame | None = None) -> go.Figure:
    """`Z[i, j]` at (alphas[i], betas[j]); on a log height axis when `log` (a loss spanning
    decades). `path`: x, y, z of a trajectory drawn on the surface, its start marked.
    `titles`: x, y, z (axis titles), path, start (legend entries)."""
    Zmap = np.where(np.isfinite(Z), Z, np.nan).T  # rows follow beta, as plotly's y
    surface = go.Surface(x=alphas, y=betas, z=Zmap, colorscale=SURFACE_SCALE,
                         surfacecolor=np.log10(Zmap) if log else Zmap, showscale=False,
                         hovertemplate=(f"{titles['x']} %{{x:.3g}}<br>{titles['y']} %{{y:.3g}}"
                                        f"<br>{titles['z']} %{{z:.4g}}<extra></extra>"))
    fig = go.Figure(surface)
    if path is not None and len(path):
        fig.add_trace(go.Scatter3d(x=path["x"], y=path["y"], z=path["z"], mode="lines",
                                   line=dict(color=SERIES[1], width=6), name=titles["path"]))
        fig.add_trace(go.Scatter3d(x=path["x"][:1], y=path["y"][:1], z=path["z"][:1],
                                   mode="markers", marker=dict(color=INK, size=5),
                                   name=titles["start"]))
    axis = dict(showspikes=False)
    fig.update_layout(
        height=HEIGHT_3D, margin=dict(l=0, r=0, t=0, b=0),
        legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0),
        scene=dict(xaxis=axis | dict(title=titles["x"]), yaxis=axis | dict(title=titles["y"]),
                   zaxis=axis | dict(title=titles["z"], type="log" if log else "linear"),
                   aspectmode="manual", aspectratio=dict(x=1, y=1, z=0.75),
                   # close in: plotly's default view leaves a third of the height empty
                   camera=dict(eye=dict(x=1.25, y=-1.25, z=0.8), center=dict(x=0, y=0, z=-0.1))))
    return fig
