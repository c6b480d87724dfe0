"""Charts of the risk profile: the belang x risico bubble chart and the spider chart."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from governance.core import formatting, labels
from governance.core.charts import FONT, PALETTE, PRIMARY
from governance.risks import profile
from governance.risks import rubric as risks_rubric
from governance.risks.matrixcharts import AXIS_TITLE, TICK_FONT, ZONE_COLOURS, _safe

# -- belang × risico ----------------------------------------------------------------------------------------
SIZES = {
    "interest": "Financieel belang 31-12",
    "exposure": "Belang + leningen + garanties",
}


PX_PER_UNIT = 112  # about one score point on a laptop; used to keep bubbles apart
LOW, HIGH = 0.55, 5.45  # visible range: strips below 1 and above 5 carry the zone names


MAX_SPREAD = 200  # above this many bubbles the chart is a cloud anyway: spreading costs more than it shows


def _spread(points: list[tuple[float, float]], radii: list[float], rounds: int = 120) -> list[tuple[float, float]]:
    """Move overlapping bubbles apart a little (deterministic), so every number stays readable; the hover
    text keeps the exact scores. Radii in pixels; PX_PER_UNIT converts them to score points. Each round pushes
    every overlapping pair apart at once (numpy, no Python loop over pairs) and stops as soon as none overlap;
    more than MAX_SPREAD bubbles stay where they are."""
    pos = np.array(points, dtype=float).reshape(-1, 2)
    n = len(pos)
    if n < 2 or n > MAX_SPREAD:
        return [(float(x), float(y)) for x, y in pos]
    seen: dict[tuple[float, float], int] = {}
    for k, p in enumerate(points):  # identical positions: start them on a small circle
        twins = seen.get(p, 0)
        if twins:
            angle = 2.4 * twins
            pos[k] += (0.02 * math.cos(angle), 0.02 * math.sin(angle))
        seen[p] = twins + 1
    r = np.asarray(radii, dtype=float)
    need = (r[:, None] + r[None, :] + 2) / PX_PER_UNIT
    np.fill_diagonal(need, 0.0)
    for _ in range(rounds):
        delta = pos[None, :, :] - pos[:, None, :]  # delta[i, j] = pos[j] - pos[i]
        dist = np.hypot(delta[..., 0], delta[..., 1])
        overlap = dist < need
        if not overlap.any():
            break
        safe = np.where(dist > 0, dist, 1e-6)
        push = np.where(overlap, (need - dist) / 2 / safe, 0.0)
        pos -= (push[..., None] * delta).sum(axis=1) / 2
        np.clip(pos, 0.8, 5.2, out=pos)
    return [(float(x), float(y)) for x, y in pos]


def bubble_parties(table: pd.DataFrame) -> pd.DataFrame:
    """The parties the belang × risico chart places (those with an assessment), with their number."""
    shown = table.dropna(subset=["risk_score", "belang_score"]).reset_index(drop=True)
    return shown.assign(number=range(1, len(shown) + 1))


def bubble_legend(table: pd.DataFrame) -> list[str]:
    """The numbered list beside the chart, with the scores it places the bubble at (its text alternative):
    '3. Naam (hoog; belang 4, risico 3,5)', with ', nieuw ◆' for a party in the years it is high because it is
    new."""
    return [
        f"{r['number']}. {r['name']} ({labels.PROFILE_CLASSES.get(r['profile_class'], '—').lower()}"
        + (", nieuw ◆" if r["source"] == "nieuwe partij" else "")
        + f"; belang {formatting.number(r['belang_score'], 1)}, risico {formatting.number(r['risk_score'], 1)})"
        for r in bubble_parties(table).to_dict("records")
    ]


def unplaced(table: pd.DataFrame) -> list[str]:
    """Names of the parties the chart leaves out: they have no assessment yet."""
    return table[table["risk_score"].isna()]["name"].tolist()


def _zone_label(poly: list[tuple[float, float]]) -> tuple[float, float, str] | None:
    """Where a zone's name goes: in the strip below the scores if the zone reaches it, else in the strip above."""
    for edge, anchor in ((LOW, "bottom"), (HIGH, "top")):
        xs = [p[0] for p in poly if abs(p[1] - edge) < 1e-9]
        if xs and max(xs) - min(xs) >= 0.8:
            return ((min(xs) + max(xs)) / 2, edge + (0.05 if anchor == "bottom" else -0.05), anchor)
    return None


def bubble(table: pd.DataFrame, rubric: dict[str, Any], size_by: str = "interest") -> go.Figure:
    """Every assessed party at (risico, belang) of its latest assessment, numbered (the page lists the numbers),
    bubble area ∝ the amount `size_by` ('interest' or 'exposure'); the zones show which class and regime
    each position gives. A party in its first year (hoog regardless of scores) is drawn as a diamond."""
    fig = go.Figure()
    polygons = profile.zones(rubric, LOW, HIGH)
    for cls in risks_rubric.CLASSES:
        poly = polygons[cls]
        if not poly:
            continue
        regime = rubric["regimes"][cls]
        fig.add_trace(
            go.Scatter(
                x=[p[0] for p in poly] + [poly[0][0]],
                y=[p[1] for p in poly] + [poly[0][1]],
                fill="toself",
                fillcolor=ZONE_COLOURS[cls],
                line=dict(color="#8a8a8a", width=1),
                mode="lines",
                hoverinfo="skip",
                showlegend=False,
            )
        )
        place = _zone_label(poly)
        if place:
            fig.add_annotation(
                x=place[0], y=place[1], yanchor=place[2], showarrow=False, font=dict(size=14, color="#1b1b1b"),
                text=f"<b>{labels.PROFILE_CLASSES[cls].upper()}</b> · {_safe(regime['label'].lower())}",
            )  # fmt: skip
    shown = bubble_parties(table)
    if len(shown):
        amounts = shown[size_by].fillna(0).astype(float).clip(lower=0)
        biggest = float(amounts.max()) or 1.0
        sizes = [24 + 30 * math.sqrt(a / biggest) for a in amounts]
        exact = list(zip(shown["risk_score"].astype(float), shown["belang_score"].astype(float), strict=True))
        points = _spread(exact, [s / 2 for s in sizes])
        order = sorted(range(len(shown)), key=lambda i: -sizes[i])  # large first, small ones on top
        rows = shown.to_dict("records")
        hover = [
            f"{r['number']}. {_safe(r['name'])}<br>risico {formatting.number(r['risk_score'], 2)}, "
            f"belang {formatting.number(r['belang_score'], 2)}<br>{SIZES[size_by]}: {formatting.euro(r[size_by])}"
            f"<br>Profiel: {labels.PROFILE_CLASSES.get(r['profile_class'], '—')}"
            for r in rows
        ]
        fig.add_trace(
            go.Scatter(
                x=[points[i][0] for i in order],
                y=[points[i][1] for i in order],
                mode="markers+text",
                text=[str(rows[i]["number"]) for i in order],
                textfont=dict(size=14, color="#ffffff"),
                textposition="middle center",
                marker=dict(
                    size=[sizes[i] for i in order],
                    color=PRIMARY,
                    symbol=["diamond" if rows[i]["source"] == "nieuwe partij" else "circle" for i in order],
                    line=dict(width=1.5, color="#ffffff"),
                ),
                hovertext=[hover[i] for i in order],
                hovertemplate="%{hovertext}<extra></extra>",
                customdata=[rows[i]["code"] for i in order],
                showlegend=False,
                name="partijen",
            )
        )
    fig.update_layout(
        font=FONT,
        height=660,
        margin=dict(l=10, r=10, t=10, b=10),
        plot_bgcolor="white",
        paper_bgcolor="white",
        showlegend=False,
        dragmode=False,
    )
    fig.update_xaxes(
        title_text="Risico (gewogen score 1–5) →", range=[LOW, HIGH], tickvals=[1, 2, 3, 4, 5], tickfont=TICK_FONT,
        title_font=AXIS_TITLE, showgrid=False, zeroline=False, fixedrange=True, constrain="domain",
    )  # fmt: skip
    fig.update_yaxes(
        title_text="Belang (gewogen score 1–5) →", range=[LOW, HIGH], tickvals=[1, 2, 3, 4, 5], tickfont=TICK_FONT,
        title_font=AXIS_TITLE, showgrid=False, zeroline=False, fixedrange=True, scaleanchor="x", scaleratio=1,
        constrain="domain",
    )  # fmt: skip
    return fig


# -- spider chart ------------------------------------------------------------------------------------------


def spider_candidates(table: pd.DataFrame) -> pd.DataFrame:
    """The assessed parties, highest total score first (ties keep the table's order)."""
    assessed = table[table["total_score"].notna()]
    return assessed.sort_values("total_score", ascending=False, kind="stable")


DASHES = ["solid", "dash", "dot", "dashdot", "longdash", "longdashdot"]
SYMBOLS = ["circle", "square", "diamond", "triangle-up", "x", "star"]
SPIDER_MAX = len(DASHES)  # more lines than dashes and symbols cannot be told apart
SPIDER_FIRST = 3  # compared when the page opens: the highest total scores


def radar_table(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """The spider chart's figures as a table (its text alternative): a row per party, a column per criterion."""
    criteria = rows[0]["criteria"] if rows else []
    return pd.DataFrame(
        [{"Partij": r["name"], **{c["label"]: r["scores"].get(c["code"]) for c in criteria}} for r in rows],
        columns=["Partij", *[c["label"] for c in criteria]],
    )


def radar(rows: list[dict[str, Any]]) -> go.Figure:
    """The rubric scores of a few parties (each a row of profile_table) on one spider chart. Each party has
    its own colour, line style and marker, and every point carries its score as text."""
    fig = go.Figure()
    for n, row in enumerate(rows):
        criteria = row["criteria"]
        names = [_safe(c["label"]) for c in criteria]
        values = [row["scores"].get(c["code"]) for c in criteria]
        fig.add_trace(
            go.Scatterpolar(
                r=values + values[:1],
                theta=names + names[:1],
                mode="lines+markers+text",
                text=[str(v) for v in values] + [""],
                textposition="top center",
                textfont=dict(size=15, color=PALETTE[n % len(PALETTE)]),
                line=dict(color=PALETTE[n % len(PALETTE)], width=3, dash=DASHES[n % len(DASHES)]),
                marker=dict(size=10, symbol=SYMBOLS[n % len(SYMBOLS)]),
                fill="toself",
                opacity=0.9,
                fillcolor="rgba(0,0,0,0)",
                name=_safe(row["name"]),
            )
        )
    n_criteria = max((len(r["criteria"]) for r in rows), default=1)
    fig.update_layout(
        font=FONT,
        height=600,
        margin=dict(l=90, r=90, t=30, b=90),
        paper_bgcolor="white",
        polar=dict(
            # the scale sits between the first and the last criterion, not on top of an axis label
            radialaxis=dict(
                range=[0, 5.4],
                tickvals=[1, 2, 3, 4, 5],
                tickfont=dict(size=13, color="#555555"),
                angle=90 + 180 / n_criteria,
                tickangle=90 + 180 / n_criteria,
            ),
            angularaxis=dict(tickfont=dict(size=15), direction="clockwise"),
        ),  # fmt: skip
        legend=dict(orientation="h", yanchor="top", y=-0.1, xanchor="center", x=0.5, font=dict(size=15)),
        showlegend=True,
    )
    return fig
