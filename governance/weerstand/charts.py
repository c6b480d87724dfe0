"""Plotly figures of the Weerstandsvermogen page: data in, figure out, no Streamlit.

Amounts on the axes are in millions of euro (shorter tick labels on a projector); every marked point carries its
value as text, and the NAR classes are named by letter and label, never by colour alone (WCAG 2.1 AA, 1.4.1).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from governance.core import formatting
from governance.core.charts import FONT, PRIMARY, _layout, plain
from governance.weerstand import engine as simulation
from governance.weerstand.display import level_text

# Class colours, each with at least 4.5:1 contrast against white (text on the bands is white).
CLASS_COLOURS = {
    "A": "#1e5a2d",
    "B": "#2e7d32",
    "C": "#4f6300",
    "D": "#7a5200",
    "E": "#a33d00",
    "F": "#b00020",
}
ACCENT = "#8f3b00"


def _mln(amount: float) -> float:
    return float(amount) / 1e6


def exceedance_curve(
    exceedance: pd.DataFrame, required: float, certainty: float, available: float | None = None
) -> go.Figure:
    """P(yearly total > amount) against the amount, the certainty level marked, the beschikbare capaciteit as a
    vertical line. `exceedance` has columns amount and probability (0..1)."""
    if len(exceedance) and exceedance["amount"].iloc[0] > 0:  # every simulated year costs something: from 0 at 100 %
        exceedance = pd.concat([pd.DataFrame({"amount": [0.0], "probability": [1.0]}), exceedance])
    x = exceedance["amount"].astype(float).map(_mln)
    y = 100 * exceedance["probability"].astype(float)
    fig = go.Figure(
        go.Scatter(
            x=x,
            y=y,
            mode="lines",
            line=dict(color=PRIMARY, width=3, shape="hv"),
            customdata=[formatting.euro(a) for a in exceedance["amount"]],
            hovertemplate="Kans op meer dan %{customdata}: %{y:.1f} %<extra></extra>",
            name="Overschrijdingskans",
        )
    )
    exceed = 100 - float(certainty)
    level = level_text(certainty)
    fig.add_trace(
        go.Scatter(
            x=[_mln(required)],
            y=[exceed],
            mode="markers+text",
            marker=dict(size=16, color=ACCENT, symbol="diamond", line=dict(color="white", width=2)),
            text=[f"{level} zekerheid: {formatting.euro(required, compact=True)}"],
            textposition="top right",
            textfont=dict(size=18, color=ACCENT),
            hovertemplate=f"{level} zekerheid: {formatting.euro(required)}<extra></extra>",
            cliponaxis=False,
        )
    )
    fig.add_shape(
        type="line", x0=0, x1=_mln(required), y0=exceed, y1=exceed, line=dict(color=ACCENT, width=2, dash="dot")
    )
    if available is not None and available > 0:
        fig.add_vline(
            x=_mln(available),
            line=dict(color="#275937", width=3, dash="dash"),
            annotation=dict(
                text=f"Beschikbaar: {formatting.euro(available, compact=True)}",
                font=dict(size=16, color="#275937"),
                textangle=0,
                yanchor="top",
            ),
            annotation_position="top left",
        )
    fig.update_xaxes(title_text="Totaal van de risico's in één jaar (mln euro)", rangemode="tozero", ticksuffix=" mln")
    fig.update_yaxes(title_text="Kans op een hoger bedrag (%)", range=[0, 104], ticksuffix=" %", showgrid=True)
    fig.update_layout(separators=",.")
    fig = _layout(fig, height=430)
    fig.update_yaxes(tickfont=dict(size=14, color=FONT["color"]), title_font=dict(size=14, color=FONT["color"]))
    fig.update_layout(margin=dict(l=10, r=40, t=30, b=10))
    return fig


def distribution_bars(histogram: pd.DataFrame, iterations: int) -> go.Figure:
    """The simulated years per amount band (share of the iterations, %)."""
    mid = ((histogram["low"] + histogram["high"]) / 2).map(_mln)
    share = 100 * histogram["count"] / max(iterations, 1)
    fig = go.Figure(
        go.Bar(
            x=mid,
            y=share,
            width=(histogram["high"] - histogram["low"]).map(_mln) * 0.95,
            marker_color=PRIMARY,
            customdata=[
                f"{formatting.euro(lo)} – {formatting.euro(hi)}"
                for lo, hi in zip(histogram["low"], histogram["high"], strict=True)
            ],
            hovertemplate="%{customdata}: %{y:.2f} % van de jaren<extra></extra>",
        )
    )
    fig.update_xaxes(title_text="Totaal van de risico's in één jaar (mln euro)", ticksuffix=" mln")
    fig.update_yaxes(title_text="Aandeel jaren (%)", ticksuffix=" %", showgrid=True)
    fig.update_layout(separators=",.")
    fig = _layout(fig, height=360)
    fig.update_yaxes(tickfont=dict(size=14, color=FONT["color"]), title_font=dict(size=14, color=FONT["color"]))
    return fig


def _short(text: str, limit: int = 48) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def contribution_bars(titles: list[str], parties: list[str], amounts: list[float]) -> go.Figure:
    """Horizontal bars of each risk's share of the benodigde capaciteit, largest at the top, value as text."""
    rows = list(zip(titles, parties, amounts, strict=True))[::-1]
    fig = go.Figure(
        go.Bar(
            x=[_mln(a) for _, _, a in rows],
            y=[plain(_short(t)) for t, _, _ in rows],  # risk titles and party names are user text
            orientation="h",
            marker_color=PRIMARY,
            text=[formatting.euro(a, compact=True) for _, _, a in rows],
            textposition="outside",
            textfont=dict(size=16),
            cliponaxis=False,
            customdata=[[plain(t), plain(p), formatting.euro(a)] for t, p, a in rows],
            hovertemplate="%{customdata[0]}<br>%{customdata[1]}<br>Bijdrage: %{customdata[2]}<extra></extra>",
        )
    )
    largest = max((_mln(a) for _, _, a in rows), default=0.0)
    fig.update_xaxes(
        title_text="bijdrage aan de benodigde capaciteit (mln euro)",
        ticksuffix=" mln",
        range=[0, largest * 1.18 or 1],  # room for the value label of the longest bar
    )
    fig.update_layout(separators=",.")
    fig = _layout(fig, height=80 + 42 * len(rows))
    fig.update_yaxes(tickfont=dict(size=15, color=FONT["color"]))
    return fig


def ratio_scale(value: float | None, top: float = 3.0) -> go.Figure:
    """The NAR classes as bands on a ratio axis (each band named by its letter, its label on hover) with the
    ratio marked above the bands by a pointer and its value."""
    edges = [0.0, 0.6, 0.8, 1.0, 1.4, 2.0, top]
    letters = ["F", "E", "D", "C", "B", "A"]
    names = {letter: label for letter, _, label in simulation.NAR_CLASSES}
    fig = go.Figure()
    for letter, lo, hi in zip(letters, edges[:-1], edges[1:], strict=True):
        fig.add_trace(
            go.Bar(
                x=[hi - lo],
                base=[lo],
                y=[0],
                width=[0.6],
                orientation="h",
                marker=dict(color=CLASS_COLOURS[letter], line=dict(color="white", width=2)),
                text=[letter],
                textposition="inside",
                insidetextanchor="middle",
                textfont=dict(size=20, color="white"),
                hovertemplate=f"{letter} – {names[letter]}<extra></extra>",
            )
        )
    if value is not None:
        fig.add_trace(
            go.Scatter(
                x=[min(float(value), top)],
                y=[0.45],
                mode="markers+text",
                marker=dict(symbol="triangle-down", size=22, color="#1b1b1b"),
                text=[f"ratio {formatting.number(value, 2)}"],
                textposition="top center",
                textfont=dict(size=18, color="#1b1b1b"),
                hoverinfo="skip",
                cliponaxis=False,
            )
        )
    fig.update_layout(barmode="overlay")
    fig = _layout(fig, height=170)
    fig.update_xaxes(range=[0, top], tickvals=edges, ticktext=[formatting.number(e, 1) for e in edges], showgrid=False)
    fig.update_yaxes(range=[-0.35, 0.9], visible=False)
    fig.update_layout(margin=dict(l=20, r=20, t=10, b=10), separators=",.")
    return fig
