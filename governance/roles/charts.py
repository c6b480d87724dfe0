"""Plotly figures of the Rollen page: the role map (a layered network) and the ladders of a party.

Nothing depends on colour alone (WCAG 1.4.1): each capacity has its own line dash as well as its own colour,
each government role (or participation level) its own marker symbol, and the legend names them all. Labels
are 14 px or larger so they read on a projector.
"""

from __future__ import annotations

import html

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from governance.core import labels
from governance.core.charts import FONT, PRIMARY
from governance.roles.rolemap import COLOUR_BY, Layout

CAPACITY_STYLE: dict[str, tuple[str, str]] = {  # colour (>= 4.5:1 on white), dash
    "eigenaar": ("#154273", "solid"),
    "opdrachtgever": ("#b3420b", "dash"),
    "klant": ("#275937", "dot"),
    "financier": ("#5b2c6f", "dashdot"),
    "toezichthouder": ("#6b4e00", "longdash"),
    "regisseur": ("#00566b", "longdashdot"),
}
# Ordered steps (ROB trap / participatieladder) share one style per position; "not recorded" is grey.
STEP_COLOURS = ["#2e6b30", "#00695c", "#1f5fa8", "#6a1b9a", "#a0161b"]
STEP_SYMBOLS = ["circle", "square", "diamond", "triangle-up", "hexagon"]
NONE_STYLE = ("#6b6b6b", "x")
PERSON_COLOUR = "#333333"
# A clicked node opens its details below the map; keep every other node as readable as before (plotly would
# fade them to 20 % opacity, below the contrast a projector needs).
KEEP_READABLE = dict(
    unselected=dict(marker=dict(opacity=1.0), textfont=dict(color=FONT["color"])),
    selected=dict(marker=dict(opacity=1.0)),
)
LABEL_LINE = 30  # characters per line of a party name on the map; two lines, so names are not cut


def _esc(text: str) -> str:
    """Names are user text: plotly reads a few HTML tags in labels, so '<' and '&' must stay characters."""
    return html.escape(str(text), quote=False)


def _short(name: str, limit: int = LABEL_LINE) -> str:
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def _wrapped(name: str, width: int = LABEL_LINE) -> str:
    """A party name on at most two lines (escaped, joined by plotly's <br>); only a name longer than two lines
    is shortened, and its full text is in the hover and the details."""
    words, lines, line = str(name).split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    if len(lines) > 2:
        lines = [lines[0], _short(" ".join(lines[1:]), width)]
    return "<br>".join(_esc(part) for part in lines)


def _curves(start: np.ndarray, end: np.ndarray, bend: np.ndarray, n: int = 24) -> tuple[np.ndarray, np.ndarray]:
    """Quadratic Béziers from each `start` (x, y) to each `end`, the middle pushed `bend` up so parallel lines
    between the same two nodes stay apart. Returns x and y arrays of shape (curves, n)."""
    t = np.linspace(0.0, 1.0, n)[None, :]
    x0, y0, x1, y1 = start[:, :1], start[:, 1:], end[:, :1], end[:, 1:]
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2 + bend[:, None]
    xs = (1 - t) ** 2 * x0 + 2 * (1 - t) * t * cx + t**2 * x1
    ys = (1 - t) ** 2 * y0 + 2 * (1 - t) * t * cy + t**2 * y1
    return xs, ys


def role_network(
    lay: Layout,
    colour_by: str = "government_role",
    flagged: set[str] | frozenset[str] = frozenset(),
    edge_labels: bool | None = None,
) -> go.Figure:
    """The role map. `flagged` holds node keys with an open signal: their label starts with a warning sign.
    `edge_labels` writes the bodies on each line (default: when there are at most 30 lines)."""
    nodes, edges = lay.nodes, lay.edges
    pos = {k: (x, y) for k, x, y in zip(nodes["key"], nodes["x"], nodes["y"], strict=True)}
    fig = go.Figure()
    persons = nodes[nodes["kind"] == "person"]
    parties = nodes[nodes["kind"] == "party"]
    rows = max(len(persons), len(parties), 1)
    gap = 1.0 / max(rows - 1, 1)

    # our organisation -> each person: light, thin, behind everything
    xs: list[float | None] = []
    ys: list[float | None] = []
    for x, y in zip(persons["x"], persons["y"], strict=True):
        xs += [pos["org"][0], x, None]
        ys += [pos["org"][1], y, None]
    fig.add_trace(
        go.Scatter(x=xs, y=ys, mode="lines", line=dict(color="#c8c8c8", width=1), hoverinfo="skip", showlegend=False)
    )

    # person -> party, one trace per capacity so the legend shows colour and dash together
    show_labels = len(edges) <= 30 if edge_labels is None else edge_labels
    parallel = edges.groupby(["person_code", "party_code"])["capacity"].transform("count")
    index = edges.groupby(["person_code", "party_code"]).cumcount()
    mids_x, mids_y, mids_text, mids_hover = [], [], [], []
    for capacity, (colour, dash) in CAPACITY_STYLE.items():
        chosen = edges[edges["capacity"] == capacity]
        if chosen.empty:
            continue
        start = np.array([pos[f"person:{c}"] for c in chosen["person_code"]])
        end = np.array([pos[f"party:{c}"] for c in chosen["party_code"]])
        bend = (index[chosen.index] - (parallel[chosen.index] - 1) / 2).to_numpy() * 0.35 * gap
        cx, cy = _curves(start, end, bend)
        # one trace per capacity: the curves one after another, separated by a gap (NaN) so they are not joined
        xs = np.column_stack([cx, np.full(len(cx), np.nan)]).ravel()
        ys = np.column_stack([cy, np.full(len(cy), np.nan)]).ravel()
        mid = cx.shape[1] // 2
        mids_x += list(cx[:, mid])
        mids_y += list(cy[:, mid])
        mids_text += list(chosen["bodies"])
        mids_hover += list(chosen["hover"])
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                line=dict(color=colour, width=2.5, dash=dash),
                name=labels.CAPACITIES[capacity],
                legendgroup="capacity",
                legendgrouptitle_text="Lijn: rol",
                hoverinfo="skip",
            )
        )
    fig.add_trace(
        go.Scatter(
            x=mids_x,
            y=mids_y,
            mode="markers+text" if show_labels else "markers",
            marker=dict(size=7, color="white", line=dict(color="#555555", width=1)),
            text=mids_text,
            textposition="top center",
            textfont=dict(size=14, color="#1b1b1b"),
            hovertext=mids_hover,
            hovertemplate="%{hovertext}<extra></extra>",
            showlegend=False,
            **KEEP_READABLE,
            customdata=["edge"] * len(mids_x),
        )
    )

    # nodes: our organisation, persons, parties (one trace per government role or participation level)
    org = nodes[nodes["kind"] == "org"].iloc[0]
    fig.add_trace(
        go.Scatter(
            x=[org["x"]],
            y=[org["y"]],
            mode="markers+text",
            marker=dict(size=26, symbol="star", color=PRIMARY, line=dict(color="white", width=1)),
            text=[f"<b>{_esc(org['name'])}</b>"],
            textposition="top center",
            textfont=dict(size=15),
            cliponaxis=False,
            **KEEP_READABLE,
            customdata=["org"],
            hovertemplate="%{text}<extra></extra>",
            name=_esc(org["name"]),
            showlegend=False,
        )
    )
    fig.add_trace(
        go.Scatter(
            x=persons["x"],
            y=persons["y"],
            mode="markers+text",
            marker=dict(size=14, color=PERSON_COLOUR, line=dict(color="white", width=1)),
            text=[
                ("⚠ " if k in flagged else "") + _esc(n) for k, n in zip(persons["key"], persons["name"], strict=True)
            ],
            textposition="middle left",
            textfont=dict(size=14),
            **KEEP_READABLE,
            customdata=list(persons["key"]),
            hovertext=[
                f"{_esc(n)}<br>{labels.FUNCTIONS[f]}" + (f"<br>{_esc(p)}" if isinstance(p, str) else "")
                for n, f, p in zip(persons["name"], persons["function"], persons["portfolio"], strict=True)
            ],
            hovertemplate="%{hovertext}<extra></extra>",
            name="Persoon",
            showlegend=False,
        )
    )
    title, steps = COLOUR_BY[colour_by]
    styles = {code: (STEP_COLOURS[i], STEP_SYMBOLS[i]) for i, code in enumerate(steps)}
    categories = [*steps, None]
    for code in categories:
        chosen = parties[parties[colour_by].isna()] if code is None else parties[parties[colour_by] == code]
        if chosen.empty:
            continue
        colour, symbol = styles.get(code, NONE_STYLE) if code else NONE_STYLE
        name = steps[code] if code else "Niet vastgelegd"
        fig.add_trace(
            go.Scatter(
                x=chosen["x"],
                y=chosen["y"],
                mode="markers+text",
                marker=dict(size=15, color=colour, symbol=symbol, line=dict(color="white", width=1)),
                text=[
                    ("⚠ " if k in flagged else "") + _wrapped(n)
                    for k, n in zip(chosen["key"], chosen["name"], strict=True)
                ],
                textposition="middle right",
                textfont=dict(size=14),
                **KEEP_READABLE,
                customdata=list(chosen["key"]),
                hovertext=[
                    f"{_esc(n)}<br>beleidsveld: {_esc(d) if isinstance(d, str) else '—'}<br>"
                    f"{title.lower()}: {name.lower()}"
                    for n, d in zip(chosen["name"], chosen["policy_domain"], strict=True)
                ],
                hovertemplate="%{hovertext}<extra></extra>",
                name=name,
                legendgroup="party",
                legendgrouptitle_text=f"Partij: {title.lower()}",
            )
        )
    fig.update_layout(
        font=FONT,
        height=int(140 + 40 * rows),  # two-line party names
        margin=dict(l=10, r=10, t=10, b=10),
        plot_bgcolor="white",
        paper_bgcolor="white",
        showlegend=True,
        legend=dict(
            orientation="h",
            yanchor="bottom",
            y=1.0,
            x=0,
            font=dict(size=14),
            grouptitlefont=dict(size=14),
            itemwidth=40,
        ),
        hoverlabel=dict(font_size=15),
        clickmode="event+select",
        dragmode=False,
    )
    fig.update_xaxes(visible=False, range=[-0.14, 1.22], fixedrange=True)
    fig.update_yaxes(visible=False, range=[-0.6 * gap - 0.04, 1 + 0.6 * gap + 0.04], fixedrange=True)
    return fig


def ladder(steps: dict[str, str], chosen: str | None, helps: dict[str, str] | None = None) -> go.Figure:
    """A ladder of the ordered `steps`, lowest at the bottom, each rung longer than the one below; the chosen
    rung dark and marked '✓ gekozen' (not colour alone)."""
    codes = list(steps)
    heights = list(range(1, len(codes) + 1))
    picked = [c == chosen for c in codes]
    fig = go.Figure(
        go.Bar(
            y=[steps[c] for c in codes],
            x=heights,
            orientation="h",
            marker=dict(
                color=[PRIMARY if p else "#e3e8ef" for p in picked],
                line=dict(color=[PRIMARY if p else "#8a96a6" for p in picked], width=1.5),
            ),
            text=["✓ gekozen" if p else "" for p in picked],
            textposition="inside",
            insidetextanchor="end",
            textfont=dict(size=15, color="white"),
            customdata=[(helps or {}).get(c, "") for c in codes],
            hovertemplate="%{y}: %{customdata}<extra></extra>",
        )
    )
    fig.update_layout(
        font=FONT,
        height=40 + 36 * len(codes),
        margin=dict(l=10, r=10, t=10, b=10),
        plot_bgcolor="white",
        paper_bgcolor="white",
        showlegend=False,
        bargap=0.08,
    )
    fig.update_yaxes(tickfont=dict(size=15, color=FONT["color"]), fixedrange=True, automargin=True)
    fig.update_xaxes(visible=False, fixedrange=True)
    return fig


def node_keys_with_signals(open_signals: pd.DataFrame) -> set[str]:
    """Map nodes that have an open (not accepted) signal: a person, a party, or both."""
    keys = {f"person:{c}" for c in open_signals["person_code"].dropna()}
    return keys | {f"party:{c}" for c in open_signals["party_code"].dropna()}
