"""The projector's figure of rolopvatting en rolverwachting: per party the count of placements on each step of the
ROB overheidsparticipatietrap, opvatting and verwachting side by side, with the median of each marked.

Built for 1920x1080: counts are written in the cells and the medians are text, so nothing depends on colour."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from governance.core import charts, labels
from governance.workshop import roleview

INK = "#1b1b1b"
SCALE = [[0.0, "#ffffff"], [1.0, "#154273"]]
MEDIAN = "#b34700"  # the median's ring: dark orange, visible on light and dark cells


def _label(party: str, width: int = 20) -> str:
    """A party's name on at most two lines (plain text), so the name column leaves the panels room."""
    words, lines = charts.plain(party).split(" "), [""]
    for word in words:
        if lines[-1] and len(lines[-1]) + 1 + len(word) > width and len(lines) < 2:
            lines.append(word)
        else:
            lines[-1] = f"{lines[-1]} {word}".strip()
    return "<br>".join(lines)


STEP_KEY = " · ".join(f"{n} {name}" for n, name in enumerate(labels.GOVERNMENT_ROLES.values(), start=1))


def role_distributions(
    distribution: pd.DataFrame,
    gaps: pd.DataFrame,
    height: int | None = None,
    font_size: int = 18,
    step_numbers: bool = False,
) -> go.Figure:
    """Two heatmaps sharing the party axis: opvatting left, verwachting right; a cell holds its count, the
    median step of each kind is a ring (between two cells for a median such as 3.5). Parties in the order of
    `gaps` (largest gap at the top). `step_numbers` (the projector) labels the steps 1–5 at full size, with the
    key beside the chart (`STEP_KEY`): five names under a 300 px panel ran into each other."""
    parties = list(gaps["party"])[::-1]  # plotly draws row 0 at the bottom
    steps = [str(n) for n in range(1, 6)] if step_numbers else list(labels.GOVERNMENT_ROLES.values())
    fig = make_subplots(
        rows=1,
        cols=2,
        shared_yaxes=True,
        horizontal_spacing=0.02,
        subplot_titles=[roleview.KINDS[k] for k in roleview.KINDS],
    )
    peak = max(int(distribution["n"].max()) if not distribution.empty else 1, 1)
    for col, kind in enumerate(roleview.KINDS, start=1):
        part = distribution[distribution["kind"] == kind].set_index(["party", "role"])["n"]
        grid = [[int(part.get((p, r), 0)) for r in roleview.STEPS] for p in parties]
        fig.add_trace(
            go.Heatmap(
                z=grid,
                x=list(roleview.STEPS.values()),
                y=[_label(p) for p in parties],
                zmin=0,
                zmax=peak,
                colorscale=SCALE,
                showscale=False,
                text=[[str(n) if n else "" for n in row] for row in grid],
                texttemplate="%{text}",
                textfont=dict(size=font_size),
                hovertemplate="%{y} · %{x}: %{z}<extra></extra>",
                xgap=2,
                ygap=2,
            ),
            row=1,
            col=col,
        )
        medians = gaps.set_index("party")[kind]
        fig.add_trace(
            go.Scatter(
                x=[medians[p] for p in parties if medians[p] == medians[p]],  # 3.5: between two steps
                y=[_label(p) for p in parties if medians[p] == medians[p]],
                mode="markers",
                marker=dict(symbol="circle-open", size=font_size * 2.4, color=MEDIAN, line=dict(width=4)),
                hovertemplate="mediaan %{y}<extra></extra>",
            ),
            row=1,
            col=col,
        )
    fig.update_layout(
        font=dict(family=charts.FONT["family"], size=font_size, color=INK),
        height=height or 140 + 70 * max(len(parties), 1),
        margin=dict(l=10, r=10, t=50, b=10),
        plot_bgcolor="white",
        paper_bgcolor="white",
        showlegend=False,
    )
    fig.update_annotations(font_size=font_size + 2)
    fig.update_xaxes(
        tickvals=list(roleview.STEPS.values()),
        ticktext=steps,
        tickangle=0,
        range=[0.5, 5.5],
        showgrid=False,
        zeroline=False,
        tickfont=dict(size=font_size if step_numbers else font_size - 6, color=INK),
    )
    fig.update_yaxes(tickfont=dict(size=font_size - 2, color=INK), automargin=True)
    return fig
