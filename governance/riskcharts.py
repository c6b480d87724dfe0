"""Figures of the risk pages: heat maps, the belang × risico chart and the spider chart; PNG/SVG export.

Pure builders (data in, plotly figure out, no Streamlit). Every heat-map cell carries its count and its
level as text, so nothing depends on colour alone and 100+ risks never give overlapping labels: the count
grows, the layout does not. Plotly draws row 0 at the bottom, so impact 1 (the lowest) is row 0.
"""

from __future__ import annotations

import html
import math
import threading
import warnings
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from governance import formatting, labels, profile
from governance.charts import FONT, PALETTE, PRIMARY
from governance.riskmatrix import LEVEL_CODES, Matrix, axis_labels, meaning, text_colour

TICK_FONT = dict(size=14, color=FONT["color"])
AXIS_TITLE = dict(size=15, color=FONT["color"])
ZONE_COLOURS = {"laag": "#e3f1e4", "midden": "#fff2c6", "hoog": "#fbdcc4"}  # light fills behind dark text


def _safe(text: str) -> str:
    """Configured labels are shown as plotly text, which reads a few HTML tags: escape them."""
    return html.escape(str(text), quote=False)


def _axis_ticks(matrix: Matrix, axis: str) -> list[str]:
    """Short ticks so five or six levels fit side by side on a laptop: the level number and what it means
    ('3 · 50 %', '4 · € 500k – 1 mln'); the name only when the level has no meaning. The names are in the
    hover text and the cell picker."""
    out = []
    levels = matrix.likelihood if axis == "likelihood" else matrix.impact
    for n, level in enumerate(levels, start=1):
        text = meaning(matrix, axis, n, compact=True) or level.label
        if _euro_axis(matrix) and axis == "impact":
            text = text.replace("€ ", "")  # the axis name says '(€)': narrower ticks on a phone
        out.append(f"{n}<br>{_safe(text).replace(' – ', '–')}")
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


def heatmap(counts: list[list[int]], matrix: Matrix, title: str, show_title: bool = True) -> go.Figure:
    """One heat map: kans on x (1 left), impact on y (1 at the bottom); each cell shows its count and its
    level in words. A transparent marker per cell makes the cell clickable (Streamlit point selection);
    its customdata is [kans, impact]. Pages put the title above the chart (show_title=False): on a narrow
    screen the legend then wraps into free space instead of over the title; exported images keep it."""
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
    notes.append(  # the impact axis is named above its ticks: a rotated title costs a phone's width
        dict(
            text="Impact (€) ↑" if _euro_axis(matrix) else "Impact ↑", xref="paper", yref="paper", x=0, y=1,
            xanchor="right", yanchor="bottom", xshift=-6, showarrow=False, font=AXIS_TITLE,
        )
    )  # fmt: skip
    fig.update_layout(
        annotations=notes,
        title=dict(text=f"<b>{_safe(title)}</b>", font=dict(size=18), x=0, xanchor="left", y=0.98, yanchor="top")
        if show_title
        else None,
        font=FONT,
        height=200 + 82 * n_i,
        margin=dict(l=10, r=10, t=80 if show_title else 40, b=10),
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
        tickvals=xs, ticktext=_axis_ticks(matrix, "likelihood"), title_text="Kans →", tickfont=TICK_FONT,
        title_font=AXIS_TITLE, showgrid=False, zeroline=False, range=[0.5, n_l + 0.5], fixedrange=True, tickangle=0,
    )  # fmt: skip
    fig.update_yaxes(
        tickvals=ys, ticktext=_axis_ticks(matrix, "impact"), title_text=None, tickfont=TICK_FONT,
        title_font=AXIS_TITLE, showgrid=False, zeroline=False, range=[0.5, n_i + 0.5], fixedrange=True, automargin=True,
    )  # fmt: skip
    return fig


def shown_counts(fig: dict[str, Any] | go.Figure) -> list[list[int]]:
    """The count written in each cell of a heat map (from its JSON or figure), as [impact-1][kans-1]."""
    data = fig["data"] if isinstance(fig, dict) else fig.to_dict()["data"]
    heat = next(t for t in data if t.get("type") == "heatmap")
    return [[int(c) for c in row] for row in heat["text"]]


# -- belang × risico ----------------------------------------------------------------------------------------
SIZES = {
    "interest": "Financieel belang 31-12",
    "exposure": "Belang + leningen + garanties",
}


PX_PER_UNIT = 112  # about one score point on a laptop; used to keep bubbles apart
LOW, HIGH = 0.55, 5.45  # visible range: strips below 1 and above 5 carry the zone names


def _spread(points: list[tuple[float, float]], radii: list[float], rounds: int = 300) -> list[tuple[float, float]]:
    """Move overlapping bubbles apart a little (deterministic), so every number stays readable; the hover
    text keeps the exact scores. Radii in pixels; PX_PER_UNIT converts them to score points."""
    pos = [list(p) for p in points]
    for n in range(len(pos)):  # identical positions: start them on a small circle
        twins = [m for m in range(n) if points[m] == points[n]]
        if twins:
            angle = 2.4 * len(twins)
            pos[n][0] += 0.02 * math.cos(angle)
            pos[n][1] += 0.02 * math.sin(angle)
    for _ in range(rounds):
        moved = False
        for i in range(len(pos)):
            for j in range(i + 1, len(pos)):
                dx, dy = pos[j][0] - pos[i][0], pos[j][1] - pos[i][1]
                dist = math.hypot(dx, dy) or 1e-6
                need = (radii[i] + radii[j] + 2) / PX_PER_UNIT
                if dist < need:
                    push = (need - dist) / 2
                    ux, uy = dx / dist, dy / dist
                    pos[i][0] -= ux * push
                    pos[i][1] -= uy * push
                    pos[j][0] += ux * push
                    pos[j][1] += uy * push
                    moved = True
        for p in pos:
            p[0] = min(max(p[0], 0.8), 5.2)
            p[1] = min(max(p[1], 0.8), 5.2)
        if not moved:
            break
    return [(p[0], p[1]) for p in pos]


def bubble_parties(table: pd.DataFrame) -> pd.DataFrame:
    """The parties the belang × risico chart places (those with an assessment), with their number."""
    shown = table.dropna(subset=["risk_score", "belang_score"]).reset_index(drop=True)
    return shown.assign(number=range(1, len(shown) + 1))


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
    for cls in profile.CLASSES:
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
DASHES = ["solid", "dash", "dot", "dashdot", "longdash", "longdashdot"]
SYMBOLS = ["circle", "square", "diamond", "triangle-up", "x", "star"]


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


# -- static images ---------------------------------------------------------------------------------------
_image_lock = threading.Lock()
_server_started = False


def to_image(fig: go.Figure, fmt: str = "png", width: int = 1400) -> bytes:
    """PNG or SVG of a figure through kaleido and Debian's chromium. The first call starts one browser for the
    process (about 3 s); later images take well under a second. Calls are serialised."""
    if fmt not in ("png", "svg"):
        raise ValueError(f"unsupported image format {fmt!r}")
    import kaleido

    global _server_started
    height = int(fig.layout.height or 600)
    with _image_lock:
        if not _server_started:
            kaleido.start_sync_server(silence_warnings=True)
            _server_started = True
        with warnings.catch_warnings():  # plotly passes browser options the running server ignores
            warnings.simplefilter("ignore", UserWarning)
            return fig.to_image(format=fmt, width=width, height=height, scale=2 if fmt == "png" else 1)


def stop_images() -> None:
    """Stop the browser to_image started (tests and the CLI call this when done)."""
    import kaleido

    global _server_started
    with _image_lock:
        if _server_started:
            kaleido.stop_sync_server(silence_warnings=True)
            _server_started = False
