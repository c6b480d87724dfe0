"""Figures of the risk pages: heat maps, the belang × risico chart and the spider chart; PNG/SVG export.

Pure builders (data in, plotly figure out, no Streamlit). Every heat-map cell carries its count and its
level as text, so nothing depends on colour alone and 100+ risks never give overlapping labels: the count
grows, the layout does not. Plotly draws row 0 at the bottom, so impact 1 (the lowest) is row 0.
"""

from __future__ import annotations

import html
from typing import Any

import plotly.graph_objects as go

from governance.core.charts import FONT
from governance.risks.matrix import LEVEL_CODES, Matrix, axis_labels, meaning, text_colour

TICK_FONT = dict(size=14, color=FONT["color"])
AXIS_TITLE = dict(size=15, color=FONT["color"])
ZONE_COLOURS = {"laag": "#e3f1e4", "midden": "#fff2c6", "hoog": "#fbdcc4"}  # light fills behind dark text


def _safe(text: str) -> str:
    """Configured labels are shown as plotly text, which reads a few HTML tags: escape them."""
    return html.escape(str(text), quote=False)


def _axis_ticks(matrix: Matrix, axis: str, names: bool = False) -> list[str]:
    """Short ticks so five or six levels fit side by side on a laptop: the level number and what it means
    ('3 · 50 %', '4 · € 500k – 1 mln'); the name only when the level has no meaning. On screen the names are in
    the hover text and the cell picker; an exported image has no hover, so there (`names`) each tick also
    carries its level's name ('3 Gemiddeld')."""
    out = []
    levels = matrix.likelihood if axis == "likelihood" else matrix.impact
    for n, level in enumerate(levels, start=1):
        text = meaning(matrix, axis, n, compact=True) or level.label
        if _euro_axis(matrix) and axis == "impact":
            text = text.replace("€ ", "")  # the axis name says '(€)': narrower ticks on a phone
        head = f"{n} {_safe(level.label)}" if names and text != level.label else str(n)
        out.append(f"{head}<br>{_safe(text).replace(' – ', '–')}")
    return out


def _euro_axis(matrix: Matrix) -> bool:
    """True when every impact level's meaning comes from its euro band (none typed in words)."""
    return not any(x.meaning for x in matrix.impact) and all(x.max_amount is not None for x in matrix.impact[:-1])


def _wrap(label: str) -> str:
    """A level name over two lines when it is long ('Zeer<br>hoog'), so it fits a narrow cell."""
    words = _safe(label).split()
    if len(label) <= 7 or len(words) < 2:
        return _safe(label)
    half = (len(words) + 1) // 2
    return " ".join(words[:half]) + "<br>" + " ".join(words[half:])


def heatmap(
    counts: list[list[int]], matrix: Matrix, title: str, show_title: bool = True, mode: str = "screen"
) -> go.Figure:
    """One heat map: kans on x (1 left), impact on y (1 at the bottom); each cell shows its count and its
    level in words. A transparent marker per cell makes the cell clickable (Streamlit point selection);
    its customdata is [kans, impact]. Pages put the title above the chart (show_title=False): on a narrow
    screen the legend then wraps into free space instead of over the title; exported images keep it.
    `mode` "export" is for a PNG or SVG: every tick also names its level (an image has no hover text)."""
    names = mode == "export"
    n_l, n_i = matrix.size
    rank = {c: n for n, c in enumerate(LEVEL_CODES)}
    colours = [matrix.level_colours[c] for c in LEVEL_CODES]
    k = len(LEVEL_CODES)
    scale = []
    for n, colour in enumerate(colours):
        scale += [[n / k, colour], [(n + 1) / k, colour]]
    z = [[rank[matrix.level(li, im)] for li in range(1, n_l + 1)] for im in range(1, n_i + 1)]
    xs, ys = list(range(1, n_l + 1)), list(range(1, n_i + 1))
    fig = go.Figure(
        go.Heatmap(
            x=xs,
            y=ys,
            z=z,
            zmin=-0.5,
            zmax=k - 0.5,
            colorscale=scale,
            showscale=False,
            text=[[str(c) for c in row] for row in counts],
            hoverinfo="skip",
            xgap=3,
            ygap=3,
            name=title,
        )
    )
    likelihood_names, impact_names = axis_labels(matrix, "likelihood"), axis_labels(matrix, "impact")
    cx, cy, custom, hover = [], [], [], []
    notes: list[dict[str, Any]] = []  # one layout update: add_annotation per cell is slow
    for im in ys:
        for li in xs:
            code = matrix.level(li, im)
            count = counts[im - 1][li - 1]
            notes.append(
                dict(
                    x=li,
                    y=im,
                    text=f"<b>{count}</b><br><span style='font-size:14px'>{_wrap(matrix.level_labels[code])}</span>",
                    showarrow=False,
                    font=dict(size=20 if count else 15, color=text_colour(matrix.level_colours[code])),
                )
            )
            cx.append(li)
            cy.append(im)
            custom.append([li, im])
            noun = "risico" if count == 1 else "risico's"
            hover.append(
                f"Kans {_safe(likelihood_names[li - 1])}<br>Impact {_safe(impact_names[im - 1])}<br>"
                f"{count} {noun} · {_safe(matrix.level_labels[code])}"
            )
    fig.add_trace(
        go.Scatter(
            x=cx,
            y=cy,
            mode="markers",
            marker=dict(size=56, color="#000000", opacity=0, symbol="square"),
            customdata=custom,
            hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
            hoverlabel=dict(bgcolor="#ffffff", bordercolor="#555555", font=dict(size=14, color="#1b1b1b")),
            showlegend=False,
            name="cellen",
        )
    )
    for code in LEVEL_CODES:  # legend: colour swatch and name of each level
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                marker=dict(
                    size=16, color=matrix.level_colours[code], symbol="square", line=dict(width=1, color="#555")
                ),
                name=_safe(matrix.level_labels[code]),
                showlegend=True,
            )
        )
    impact_name = "Impact (€) ↑" if _euro_axis(matrix) else "Impact ↑"
    notes.append(  # the impact axis is named above its ticks: a rotated title costs a phone's width
        dict(
            text=impact_name, xref="paper", yref="paper", x=0, y=1,
            xanchor="right", yanchor="bottom", xshift=-6, showarrow=False, font=AXIS_TITLE,
        )
    )  # fmt: skip
    # the name sits in the left margin, beside the legend: the margin is at least as wide as the name (else an
    # image cut it to 'mpact'); the impact ticks' automargin may widen it further
    left = 16 + int(len(impact_name) * AXIS_TITLE["size"] * 0.6)
    fig.update_layout(
        annotations=notes,
        title=dict(text=f"<b>{_safe(title)}</b>", font=dict(size=18), x=0, xanchor="left", y=0.98, yanchor="top")
        if show_title
        else None,
        font=FONT,
        height=200 + 82 * n_i,
        margin=dict(l=left, r=10, t=80 if show_title else 40, b=10),
        plot_bgcolor="white",
        paper_bgcolor="white",
        legend=dict(
            orientation="h",
            yanchor="bottom",
            y=1.0,
            xanchor="left",
            x=0,
            font=dict(size=14),
            entrywidth=66,
            itemwidth=30,
            itemclick=False,
            itemdoubleclick=False,
        ),
        dragmode=False,
        clickmode="event+select",
    )
    fig.update_xaxes(
        tickvals=xs, ticktext=_axis_ticks(matrix, "likelihood", names), title_text="Kans →", tickfont=TICK_FONT,
        title_font=AXIS_TITLE, showgrid=False, zeroline=False, range=[0.5, n_l + 0.5], fixedrange=True, tickangle=0,
        automargin=True,
    )  # fmt: skip
    fig.update_yaxes(
        tickvals=ys, ticktext=_axis_ticks(matrix, "impact", names), title_text=None, tickfont=TICK_FONT,
        title_font=AXIS_TITLE, showgrid=False, zeroline=False, range=[0.5, n_i + 0.5], fixedrange=True, automargin=True,
    )  # fmt: skip
    return fig


def shown_counts(fig: dict[str, Any] | go.Figure) -> list[list[int]]:
    """The count written in each cell of a heat map (from its JSON or figure), as [impact-1][kans-1]."""
    data = fig["data"] if isinstance(fig, dict) else fig.to_dict()["data"]
    heat = next(t for t in data if t.get("type") == "heatmap")
    return [[int(c) for c in row] for row in heat["text"]]
