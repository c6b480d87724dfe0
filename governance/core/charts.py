"""Plotly figure builders: data in, figure out, no Streamlit. Sized and coloured to read on a projector.

Colours come from a palette that keeps 4.5:1 contrast against white for text, and every bar carries its
value as a label so nothing depends on colour alone (WCAG 2.1 AA, 1.4.1).
"""

from __future__ import annotations

import html
from typing import Any

import plotly.graph_objects as go

from governance.core import formatting

FONT = dict(family="Source Sans Pro, Arial, sans-serif", size=16, color="#1b1b1b")
PRIMARY = "#154273"  # Rijkshuisstijl donkerblauw
PALETTE = ["#154273", "#8f3b00", "#275937", "#5b2c6f", "#6b4e00", "#00566b"]
RISK_COLOURS = {"bestuurlijk": "#154273", "beleidsmatig": "#8f3b00", "financieel": "#275937"}


def plain(text: Any) -> str:
    """User text (a name, a title, a proposal) as plotly text: plotly reads a few HTML tags (<a href>, <b>, <br>)
    and character references in text, labels, legends and hover, so '<' and '&' must stay characters."""
    return html.escape(str(text), quote=False)


def _layout(fig: go.Figure, height: int) -> go.Figure:
    fig.update_layout(
        font=FONT,
        height=height,
        margin=dict(l=10, r=30, t=10, b=10),
        plot_bgcolor="white",
        paper_bgcolor="white",
        showlegend=False,
        bargap=0.25,
    )
    fig.update_xaxes(
        showgrid=True,
        gridcolor="#e6e6e6",
        zeroline=False,
        tickfont=dict(size=14, color=FONT["color"]),
        title_font=dict(size=14, color=FONT["color"]),
    )
    fig.update_yaxes(showgrid=False, tickfont=dict(size=16, color=FONT["color"]), automargin=True)
    return fig


def count_bars(counts: dict[str, int], labels: dict[str, str], colours: dict[str, str] | None = None) -> go.Figure:
    """Horizontal bars of counts per code, in the order of `labels`, first at the top; value on each bar."""
    codes = list(labels)[::-1]
    values = [counts.get(c, 0) for c in codes]
    fig = go.Figure(
        go.Bar(
            x=values,
            y=[labels[c] for c in codes],
            orientation="h",
            marker_color=[(colours or {}).get(c, PRIMARY) for c in codes],
            text=[str(v) for v in values],
            textposition="outside",
            textfont=dict(size=18),
            cliponaxis=False,
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )
    fig.update_xaxes(title_text="aantal", rangemode="tozero")
    return _layout(fig, height=70 + 55 * len(codes))


def amount_bars(names: list[str], amounts: list[float], title: str) -> go.Figure:
    """Horizontal bars of euro amounts, largest at the top, each labelled in Dutch notation."""
    pairs = sorted(zip(names, amounts, strict=True), key=lambda p: p[1])
    fig = go.Figure(
        go.Bar(
            x=[a for _, a in pairs],
            y=[plain(n) for n, _ in pairs],
            orientation="h",
            marker_color=PRIMARY,
            text=[formatting.euro(a, compact=True) for _, a in pairs],
            textposition="outside",
            textfont=dict(size=16),
            cliponaxis=False,
            customdata=[formatting.euro(a) for _, a in pairs],
            hovertemplate="%{y}: %{customdata}<extra></extra>",
        )
    )
    fig.update_xaxes(title_text=title, tickprefix="€ ", separatethousands=True, rangemode="tozero")
    fig.update_layout(separators=",.")
    return _layout(fig, height=80 + 42 * len(pairs))
