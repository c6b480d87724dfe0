"""The party page's kengetallen at a glance: per figure its newest value (Dutch notation, with its source) and a
small line over the last years (a sparkline). Pure: the party's kengetallen rows (records.table) in, rows and
plotly figures out.

A year without the figure is a gap in the line, never a 0. Nothing depends on colour alone: the newest point is
a larger marker, and the value and its year are written beside the line (WCAG 1.4.1)."""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go

from governance.core import formatting
from governance.core.charts import FONT, PRIMARY
from governance.finance.display import MISSING
from governance.finance.kengetallen import value

# column -> (Dutch label, kind). Kind: 'euro' (whole euros), 'pct' (a fraction shown as percent), 'years'.
TREND_FIGURES: dict[str, tuple[str, str]] = {
    "solvency": ("Solvabiliteit", "pct"),
    "equity_end": ("Eigen vermogen 31-12", "euro"),
    "result": ("Resultaat", "euro"),
    "contribution": ("Bijdrage van de gemeente", "euro"),
    "exposure": ("Leningen en garanties", "euro"),
    "reserve_ratio": ("Reserve tegen eigen norm", "pct"),
}
TREND_YEARS = 5  # at most this many years back from the newest year with figures
SPARK_HEIGHT = 54
NEGATIVE = "#a0161b"


def shown(amount: float | None, kind: str) -> str:
    """A kengetal in Dutch notation: '€ 1.234.000', '12,5 %'; 'nog niet bekend' when missing."""
    if amount is None:
        return MISSING
    if kind == "pct":
        return formatting.percent(amount * 100, 1)
    return formatting.euro(amount)


def trend_rows(table: pd.DataFrame, years: int = TREND_YEARS) -> list[dict[str, Any]]:
    """One row per figure of TREND_FIGURES that has a value in the last `years` years of `table` (one party's
    kengetallen): column, label, kind, newest value and its text and source, and the points (year, value or
    None) of those years, oldest first. Empty when the party has no figures."""
    if table.empty:
        return []
    newest = int(table["year"].max())
    span = table[table["year"].astype(int) > newest - years].sort_values("year")
    rows = []
    for column, (label, kind) in TREND_FIGURES.items():
        points = [(int(r["year"]), value(r[column])) for r in span.to_dict("records")]
        known = [(y, v, s) for (y, v), s in zip(points, span["source"], strict=True) if v is not None]
        if not known:
            continue
        year, last, source = known[-1]
        rows.append(
            {
                "column": column,
                "label": label,
                "kind": kind,
                "year": year,
                "value": last,
                "text": shown(last, kind),
                "source": source,
                "points": points,
            }
        )
    return rows


def sparkline(row: dict[str, Any]) -> go.Figure:
    """A small line of one trend row over its years: no axes, the years and values in the hover (Dutch), the
    newest point larger; points below zero in dark red as well as below the dotted zero line."""
    points = row["points"]
    years = [str(y) for y, _ in points]
    values = [None if v is None else (v * 100 if row["kind"] == "pct" else v) for _, v in points]
    hover = [f"{y}: {shown(v, row['kind'])}" for y, v in points]
    known = [v for v in values if v is not None]
    colours = [NEGATIVE if v is not None and v < 0 else PRIMARY for v in values]
    sizes = [9 if y == str(row["year"]) else 5 for y in years]
    fig = go.Figure(
        go.Scatter(
            x=years,
            y=values,
            mode="lines+markers",
            line=dict(color=PRIMARY, width=2),
            marker=dict(color=colours, size=sizes),
            connectgaps=False,
            customdata=hover,
            hovertemplate="%{customdata}<extra></extra>",
        )
    )
    if known and min(known) < 0 < max(known):
        fig.add_hline(y=0, line=dict(color="#5c5c5c", width=1, dash="dot"))
    fig.update_layout(
        font=FONT,
        height=SPARK_HEIGHT,
        margin=dict(l=4, r=4, t=4, b=4),
        plot_bgcolor="white",
        paper_bgcolor="white",
        showlegend=False,
        separators=",.",
        hoverlabel=dict(font_size=14),
    )
    fig.update_xaxes(visible=False, type="category")
    fig.update_yaxes(visible=False)
    return fig
