"""The P&C calendar's timeline: one row per regeling, its zienswijze windows as bars and its deadlines as
markers, over the coming months. Nothing depends on colour alone (WCAG 1.4.1): each kind of deadline has its own
marker symbol and legend entry, the state is in the hover and in the lists beside the chart; month labels and
hover dates are Dutch; labels are 14 px or larger so they read on a projector and at 1366 px."""

from __future__ import annotations

import datetime as dt
from typing import Any

import plotly.graph_objects as go

from governance.calendar.rules import KINDS, STATES, WINDOWS
from governance.core.charts import FONT, plain

MONTHS = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
STATE_COLOURS = {"te_laat": "#a0161b", "lopend": "#154273", "gepland": "#5c5c5c", "afgerond": "#275937"}
SYMBOLS = {
    "kaders": "square",
    "ontwerpbegroting": "diamond",
    "zienswijze": "triangle-left",
    "begroting": "circle",
    "voorlopige_jaarrekening": "triangle-up",
    "jaarrekening": "star",
    "wijziging": "x",
}
NAME_MAX = 40


def _short(name: str) -> str:
    return name if len(name) <= NAME_MAX else name[: NAME_MAX - 1].rstrip() + "…"


def _nl(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _months(start: dt.date, end: dt.date) -> list[dt.date]:
    first = dt.date(start.year, start.month, 1)
    out = []
    while first <= end:
        out.append(first)
        first = dt.date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    return out


def _hover(item: dict[str, Any]) -> str:
    window = f"{_nl(item['start'])} – " if item["start"] else "vóór "
    mark = " (standaard of aanname)" if item["default"] else ""
    return (  # the party's name last: user text never runs into markup
        f"{plain(item['label'])} {item['year']}<br>{window}{_nl(item['due'])}{mark}<br>"
        f"{STATES[item['state']]}<br>{plain(item['party_name'])}"
    )


def timeline(items: list[dict[str, Any]], start: dt.date, end: dt.date, today: dt.date) -> go.Figure:
    """The items (governance.calendar.items) between `start` and `end`, a line at `today`."""
    names = sorted({i["party_name"] for i in items}, reverse=True)  # plotly draws the first category at the bottom
    fig = go.Figure()
    bars = [i for i in items if i["kind"] in WINDOWS and i["start"] is not None]
    if bars:
        fig.add_trace(
            go.Bar(
                y=[_short(plain(i["party_name"])) for i in bars],
                base=[max(i["start"], start).isoformat() for i in bars],
                x=[(min(i["due"], end) - max(i["start"], start)).days * 86_400_000 for i in bars],
                orientation="h",
                marker=dict(color=[STATE_COLOURS[i["state"]] for i in bars], opacity=0.35),
                name="Zienswijzetermijn (balk)",
                hovertext=[_hover(i) for i in bars],
                hoverinfo="text",
            )
        )
    for kind, label in KINDS.items():
        found = [i for i in items if i["kind"] == kind]
        if not found:
            continue
        fig.add_trace(
            go.Scatter(
                x=[i["due"].isoformat() for i in found],
                y=[_short(plain(i["party_name"])) for i in found],
                mode="markers",
                name=label,
                marker=dict(
                    symbol=SYMBOLS[kind],
                    size=14,
                    color=[STATE_COLOURS[i["state"]] for i in found],
                    line=dict(width=1, color="white"),
                ),
                hovertext=[_hover(i) for i in found],
                hoverinfo="text",
            )
        )
    ticks = _months(start, end)
    fig.add_vline(x=today.isoformat(), line=dict(color="#1b1b1b", width=2, dash="dot"))
    fig.add_annotation(x=today.isoformat(), y=1, yref="paper", text="vandaag", showarrow=False, yanchor="bottom")
    # each regeling's name above its row, from the left edge, instead of as a tick label: tick labels took half a
    # laptop chart and were cut at the left on a phone
    for name in names:
        fig.add_annotation(
            x=0, xref="paper", xanchor="left", y=_short(plain(name)), yshift=15, text=_short(plain(name)),
            showarrow=False, font=dict(size=14, color="#1b1b1b"),
        )  # fmt: skip
    fig.update_layout(
        font=FONT,
        height=140 + 48 * max(len(names), 1),
        margin=dict(l=10, r=20, t=30, b=10),
        plot_bgcolor="white",
        paper_bgcolor="white",
        barmode="overlay",
        legend=dict(orientation="h", y=-0.08, yanchor="top", font=dict(size=14)),
        hoverlabel=dict(font=dict(size=14)),
    )
    fig.update_xaxes(
        type="date",
        range=[start.isoformat(), end.isoformat()],
        tickvals=[t.isoformat() for t in ticks],
        ticktext=[f"{MONTHS[t.month - 1]}<br>{t.year}" if t.month == 1 or t == ticks[0] else MONTHS[t.month - 1]
                  for t in ticks],
        tickfont=dict(size=14),
        showgrid=True,
        gridcolor="#e6e6e6",
    )  # fmt: skip
    fig.update_yaxes(
        categoryorder="array",
        categoryarray=[_short(plain(n)) for n in names],
        showticklabels=False,
        showgrid=True,
        gridcolor="#f0f0f0",
    )
    return fig
