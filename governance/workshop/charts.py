"""Plotly figures of the werkatelier: the scoring matrix, the krachtenveld, the ranking of proposals.

Built for a projector (1920x1080): items are numbers on the chart and listed beside it, fonts are large,
and nothing depends on colour alone (numbers, shapes and text labels carry the meaning).
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from governance import risks
from governance.core import charts
from governance.workshop import stats as workshopstats
from governance.workshop.scoring import Scale

INK = "#1b1b1b"
ITEM = "#154273"
VOTE = "#5a5a5a"
# The cells carry their level's colour from the configured risk matrix at 60 % strength: clearly coloured from the
# back of the room, while the dark discs (with a white rim) and the level's words keep their contrast.
TINT_SHARE = 0.6
ATTITUDE_STYLE = {
    "voor": ("triangle-up", "#275937"),
    "neutraal": ("square", "#4d4d4d"),
    "tegen": ("x", "#a4262c"),
}
QUADRANTS = [
    (0.25, 0.25, "Monitoren"),
    (0.75, 0.25, "Informeren"),
    (0.25, 0.75, "Tevreden houden"),
    (0.75, 0.75, "Nauw betrekken"),
]


BUBBLE_RADIUS = 0.21  # of a cell's height: an item's disc
BUBBLE_GAP = 0.03  # at least this much (of a cell's height) between two discs
AXES_PX = 170  # at most this much of a matrix's height goes to the kans ticks and the margins


def disc_px(height: int, n_impact: int, radius: float = BUBBLE_RADIUS) -> int:
    """The discs' diameter in pixels: 2 × BUBBLE_RADIUS of a cell's height at the smallest the cells get in a figure
    of `height`. Items are placed BUBBLE_RADIUS apart in cell units along both axes, and a cell is at least as wide
    as it is high on the projector and in the export, so discs of this size never touch."""
    return max(8, int(2 * radius * (height - AXES_PX) / n_impact))


def _rings(step: float, rings: int = 6) -> list[tuple[float, float]]:
    """Offsets on a hexagonal lattice around (0, 0), nearest first: the places a disc may take near its median."""
    points = {(0.0, 0.0)}
    for i in range(-rings, rings + 1):
        for j in range(-rings, rings + 1):
            x, y = step * (i + j / 2), step * j * math.sqrt(3) / 2
            if math.hypot(x, y) <= step * rings + 1e-9:
                points.add((round(x, 6), round(y, 6)))
    return sorted(points, key=lambda p: (round(math.hypot(*p), 6), math.atan2(p[1], p[0])))


def _place(stats: pd.DataFrame, levels: tuple[int, int], radius: float) -> list[tuple[float, float]] | None:
    """Centres for the items' discs of `radius`, or None when they do not all fit."""
    step = 2 * radius + BUBBLE_GAP
    n_l, n_i = levels
    placed: list[tuple[float, float]] = []
    lattice = _rings(step, rings=max(n_l, n_i) * 2)
    fine = [(0.5 + radius + i * step / 4, 0.5 + radius + j * step / 4) for i in range(n_l * 8) for j in range(n_i * 8)]

    def free(x: float, y: float) -> bool:
        inside = 0.5 + radius <= x <= n_l + 0.5 - radius and 0.5 + radius <= y <= n_i + 0.5 - radius
        return inside and all(math.hypot(x - px, y - py) >= step - 1e-9 for px, py in placed)

    for row in stats.itertuples():
        cx, cy = float(row.lik_median), float(row.imp_median)
        spot = next(((cx + dx, cy + dy) for dx, dy in lattice if free(cx + dx, cy + dy)), None)
        if spot is None:  # the lattice around this median is full: the nearest free point anywhere in the matrix
            spot = min((p for p in fine if free(*p)), key=lambda p: math.hypot(p[0] - cx, p[1] - cy), default=None)
        if spot is None:
            return None
        placed.append(spot)
    return placed


def place_items(stats: pd.DataFrame, levels: tuple[int, int]) -> tuple[pd.DataFrame, float]:
    """Each item's disc as near its median as it can be without touching another disc or the matrix's edge:
    items are placed in their order, each on the nearest free point of a hexagonal lattice around its median,
    so no two numbers ever overlap however many items share a median. When they do not all fit (forty items on
    a small matrix) the discs get smaller. Returns the items with columns x and y, and the discs' radius."""
    radius = BUBBLE_RADIUS
    while (spots := _place(stats, levels, radius)) is None and radius > 0.05:
        radius *= 0.85
    out = stats.copy()
    out["x"] = [x for x, _ in spots or []] if spots else out["lik_median"].astype(float)
    out["y"] = [y for _, y in spots or []] if spots else out["imp_median"].astype(float)
    return out, radius


def tint(colour: str, share: float = TINT_SHARE) -> str:
    """`colour` (#rrggbb) mixed with white: `share` of the colour, the rest white."""
    channels = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(255 - share * (255 - c)):02x}" for c in channels)


def _background(scale: Scale) -> dict:
    """The cells coloured by their level in the configured risk matrix (`Matrix.level`, the risk register's
    colours, somewhat lightened), as one heatmap (row 0 = impact 1 at the bottom); cheaper than a shape per cell."""
    matrix = scale.matrix
    n_l, n_i = scale.levels
    rank = {code: n for n, code in enumerate(risks.LEVEL_CODES)}
    steps = len(risks.LEVEL_CODES) - 1
    return {
        "type": "heatmap",
        "x": list(range(1, n_l + 1)),
        "y": list(range(1, n_i + 1)),
        "z": [[rank[matrix.level(lik, imp)] for lik in range(1, n_l + 1)] for imp in range(1, n_i + 1)],
        "zmin": 0,
        "zmax": steps,
        "colorscale": [[k / steps, tint(matrix.level_colours[code])] for k, code in enumerate(risks.LEVEL_CODES)],
        "showscale": False,
        "xgap": 3,
        "ygap": 3,
        "hoverinfo": "skip",
        "name": "achtergrond",
    }


def _level_words(scale: Scale, size: int) -> dict:
    """Each cell's level in words in its top left corner (the colour is not the only cue), under the items."""
    matrix = scale.matrix
    n_l, n_i = scale.levels
    cells = [(lik, imp) for imp in range(1, n_i + 1) for lik in range(1, n_l + 1)]
    return {
        "type": "scatter",
        "x": [lik - 0.47 for lik, _ in cells],
        "y": [imp + 0.47 for _, imp in cells],
        "mode": "text",
        "text": [charts.plain(matrix.level_labels[matrix.level(lik, imp)]) for lik, imp in cells],
        "textposition": "bottom right",
        "textfont": {
            "size": size,
            "family": charts.FONT["family"],
            "color": [risks.text_colour(tint(matrix.level_colours[matrix.level(lik, imp)])) for lik, imp in cells],
        },
        "hoverinfo": "skip",
        "name": "niveau",
    }


def _split(label: str) -> tuple[str, str]:
    """'Zeer groot (90 %)' -> ('Zeer groot', '90 %')."""
    name, _, rest = label.partition(" (")
    return name, rest.removesuffix(")")


def _wrap(name: str) -> str:
    """A level name of more than one word over two lines ('Zeer<br>klein'), so neighbouring ticks never touch."""
    return "<br>".join(charts.plain(word) for word in name.split()) if len(name) > 7 else charts.plain(name)


def axis_ticks(scale: Scale) -> tuple[list[str], list[str]]:
    """Tick texts, horizontal and narrow enough that every level's tick is drawn without touching the next one:
    kans as number, name and meaning under each other; impact as number and name with the compact euro band."""
    matrix = scale.matrix
    kans = []
    for n, label in enumerate(scale.likelihood, 1):
        name, meaning = _split(label)
        kans.append(f"{n}<br>{_wrap(name)}" + (f"<br>{charts.plain(meaning)}" if meaning else ""))
    impact = []
    for n, label in enumerate(scale.impact, 1):
        name, _ = _split(label)
        compact = risks.meaning(matrix, "impact", n, compact=True)
        impact.append(f"{n} {charts.plain(name)}" + (f"<br>{charts.plain(compact)}" if compact else ""))
    return kans, impact


def matrix(
    scale: Scale,
    stats: pd.DataFrame,
    votes: pd.DataFrame | None = None,
    revealed: bool = True,
    moves: pd.DataFrame | None = None,
    height: int = 640,
    font_size: int = 20,
    tick_size: int | None = None,
) -> go.Figure:
    """Kans (x) by impact (y), cells square. Each item is a numbered disc at (or, when others share it, next to)
    its median, with an interquartile cross; the individual votes (jittered deterministically) as small dots;
    arrows show the move from the previous round. With `revealed` False only the empty matrix and a notice are
    drawn. `font_size` sizes the text, `tick_size` (default font_size - 4) the axis ticks: the projector asks
    for ticks of 24 px and more.

    Built from plain dicts without plotly's validation: the projector redraws it after every vote."""
    n_l, n_i = scale.levels
    tick_size = tick_size or font_size - 4
    data: list[dict] = [_background(scale), _level_words(scale, max(12, tick_size - 8))]
    annotations: list[dict] = []
    if not revealed or stats.empty:
        text = "Stemmen verborgen tot de facilitator ze toont" if not revealed else "Nog geen stemmen"
        annotations.append(
            {
                "x": (n_l + 1) / 2,
                "y": (n_i + 1) / 2,
                "text": text,
                "showarrow": False,
                "font": {"size": font_size + 2, "color": INK},
                "bgcolor": "white",
                "bordercolor": INK,
                "borderwidth": 1,
                "borderpad": 12,
            }
        )
    else:
        if votes is not None and not votes.empty:
            offsets = [
                workshopstats.jitter(p, i) for p, i in zip(votes["participant_id"], votes["item_id"], strict=True)
            ]
            data.append(
                {
                    "type": "scatter",
                    "x": [float(lik) + dx for lik, (dx, _) in zip(votes["likelihood"], offsets, strict=True)],
                    "y": [float(imp) + dy for imp, (_, dy) in zip(votes["impact"], offsets, strict=True)],
                    "mode": "markers",
                    "marker": {"size": 7, "color": VOTE, "opacity": 0.55},
                    "hoverinfo": "skip",
                    "name": "stemmen",
                }
            )
        placed, radius = place_items(stats.sort_values("position"), scale.levels)
        disc = disc_px(height, n_i, radius)
        for m in (moves if moves is not None else pd.DataFrame()).itertuples():
            if (m.lik_from, m.imp_from) == (m.lik_to, m.imp_to):
                continue
            annotations.append(
                {
                    "x": m.lik_to,
                    "y": m.imp_to,
                    "ax": m.lik_from,
                    "ay": m.imp_from,
                    "xref": "x",
                    "yref": "y",
                    "axref": "x",
                    "ayref": "y",
                    "showarrow": True,
                    "arrowhead": 3,
                    "arrowwidth": 2.5,
                    "arrowcolor": "#8f3b00",
                    "standoff": 18,
                    "text": "",
                }
            )
        cross = {"type": "data", "symmetric": False, "color": ITEM, "thickness": 2.5, "width": 8}
        data.append(
            {
                "type": "scatter",
                "x": placed["x"].tolist(),
                "y": placed["y"].tolist(),
                "mode": "markers",
                "marker": {"size": 1, "color": ITEM, "opacity": 0},
                "error_x": {
                    **cross,
                    "array": (placed["lik_q3"] - placed["x"]).clip(lower=0).tolist(),
                    "arrayminus": (placed["x"] - placed["lik_q1"]).clip(lower=0).tolist(),
                },
                "error_y": {
                    **cross,
                    "array": (placed["imp_q3"] - placed["y"]).clip(lower=0).tolist(),
                    "arrayminus": (placed["y"] - placed["imp_q1"]).clip(lower=0).tolist(),
                },
                "hoverinfo": "skip",
                "name": "spreiding",
            }
        )
        data.append(
            {
                "type": "scatter",
                "x": placed["x"].tolist(),
                "y": placed["y"].tolist(),
                "mode": "markers+text",
                "text": [str(p) for p in placed["position"]],
                "textfont": {
                    "size": min(font_size, int(disc * 0.6)),
                    "color": "white",
                    "family": charts.FONT["family"],
                },
                "marker": {"size": disc, "color": ITEM, "line": {"color": "white", "width": 2}},
                "customdata": placed[["n", "lik_median", "imp_median"]].to_numpy().tolist(),
                "hovertemplate": "Nr %{text}: kans %{customdata[1]}, impact %{customdata[2]} "
                "(%{customdata[0]} stemmen)<extra></extra>",
                "name": "mediaan",
            }
        )
    annotations.append(  # the axes' names, horizontal, in the free corner under the impact ticks
        {
            "text": "↑ Impact<br>Kans →",
            "xref": "x domain",
            "yref": "y domain",
            "x": 0,
            "y": 0,
            "xanchor": "right",
            "yanchor": "top",
            "align": "right",
            "xshift": -8,
            "yshift": -8,
            "showarrow": False,
            "font": {"size": tick_size, "color": INK},
        }
    )
    tick = {"size": tick_size, "color": INK}
    kans_ticks, impact_ticks = axis_ticks(scale)
    layout = {
        "font": {"family": charts.FONT["family"], "size": font_size, "color": INK},
        "height": height,
        "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
        "plot_bgcolor": "white",
        "paper_bgcolor": "white",
        "showlegend": False,
        "annotations": annotations,
        "xaxis": {
            "range": [0.5, n_l + 0.5],
            "tickvals": list(range(1, n_l + 1)),
            "ticktext": kans_ticks,
            "tickangle": 0,  # horizontal: a tilted tick is hard to read from the back of the room
            "ticklabeloverflow": "allow",
            "showgrid": False,
            "zeroline": False,
            "tickfont": tick,
            "fixedrange": True,
            "automargin": True,
        },
        "yaxis": {
            "range": [0.5, n_i + 0.5],
            "tickvals": list(range(1, n_i + 1)),
            "ticktext": impact_ticks,
            "tickangle": 0,
            "ticklabeloverflow": "allow",
            "showgrid": False,
            "zeroline": False,
            "tickfont": tick,
            "fixedrange": True,
            "automargin": True,
        },
    }
    return go.Figure(data=data, layout=layout, _validate=False)


def krachtenveld(
    stakeholders: pd.DataFrame, height: int = 560, font_size: int = 18, numbered: bool = False
) -> go.Figure:
    """Stakeholders on belang (x) by invloed (y); attitude by shape, colour and the legend's words. `numbered`
    (a phone, the projector): each marker carries its row number in `stakeholders` instead of the name, which the
    list beside or under the chart gives: a name beside a marker does not fit 390 px, and long names on one row of
    the field ran into each other."""
    fig = go.Figure()
    for x0, y0, text in QUADRANTS:
        fig.add_annotation(
            x=0.5 + 5 * x0,
            y=0.5 + 5 * y0,
            text=text,
            showarrow=False,
            font=dict(size=font_size - 2, color="#595959"),
            opacity=0.9,
        )
    fig.add_shape(type="line", x0=3, x1=3, y0=0.5, y1=5.5, line=dict(color="#8c8c8c", dash="dot"))
    fig.add_shape(type="line", x0=0.5, x1=5.5, y0=3, y1=3, line=dict(color="#8c8c8c", dash="dot"))
    placed = stakeholders.copy()
    placed["label"] = [str(n) for n in range(1, len(placed) + 1)] if numbered else list(placed["name"])
    if not placed.empty:
        placed["x"], placed["y"] = placed["interest"].astype(float), placed["influence"].astype(float)
        for _, group in placed.groupby(["x", "y"]):
            for k, idx in enumerate(group.index[1:], 1):
                placed.loc[idx, "y"] -= 0.28 * k
    for attitude, (symbol, colour) in ATTITUDE_STYLE.items():
        rows = placed[placed["attitude"] == attitude] if not placed.empty else placed
        fig.add_trace(
            go.Scatter(
                x=rows["x"] if not rows.empty else [],
                y=rows["y"] if not rows.empty else [],
                mode="markers+text",
                text=[charts.plain(n) for n in rows["label"]] if not rows.empty else [],  # user text
                # names of stakeholders on the right half go to the left of their marker, so none is cut off
                textposition=(
                    ["top center"] * len(rows)
                    if numbered
                    else ["middle left" if x >= 4 else "middle right" for x in rows["x"]]
                )
                if not rows.empty
                else [],
                customdata=[charts.plain(n) for n in rows["name"]] if not rows.empty else [],
                textfont=dict(size=font_size, color=INK),
                marker=dict(symbol=symbol, size=font_size + 8, color=colour, line=dict(color=colour, width=2)),
                name=attitude.capitalize(),
                cliponaxis=False,  # a number or name above a marker on the top row stays visible
                hovertemplate="%{customdata}<extra>" + attitude + "</extra>",
            )
        )
    axis = dict(
        range=[0.5, 5.7],
        tickvals=[1, 2, 3, 4, 5],
        showgrid=False,
        zeroline=False,
        fixedrange=True,
        tickfont=dict(size=font_size - 2, color=INK),
        title_font=dict(size=font_size, color=INK),
    )
    fig.update_xaxes(title_text="Belang →", **axis)
    fig.update_yaxes(title_text="Invloed →", **axis)
    fig.update_layout(
        font=dict(family=charts.FONT["family"], size=font_size, color=INK),
        height=height,
        # the legend on one row above the plot, in a margin of its own: over the plot it hid the top row's labels
        margin=dict(l=10, r=10, t=2 * font_size + 12, b=10),
        plot_bgcolor="white",
        paper_bgcolor="white",
        showlegend=True,
        legend=dict(
            title=dict(text="Houding", font=dict(size=font_size), side="left"),
            orientation="h",
            y=1.0,
            yanchor="bottom",
            x=0,
            font=dict(size=font_size),
        ),
    )
    return fig


def dots(
    ranked: pd.DataFrame, height_per_row: int = 48, font_size: int = 18, top: int = 10, label_chars: int = 70
) -> go.Figure:
    """The proposals with the most dots, ranked; each bar carries its number of dots as text. A proposal's text
    is cut after `label_chars` (the projector's half screen takes fewer at its type size)."""
    shown = ranked.head(top).iloc[::-1]
    names = [
        f"{len(shown) - i}. {charts.plain(t[:label_chars])}{'…' if len(t) > label_chars else ''}"
        for i, t in enumerate(shown["text"])
    ]
    fig = go.Figure(
        go.Bar(
            x=shown["dots"],
            y=names,
            orientation="h",
            marker_color=ITEM,
            text=[str(d) for d in shown["dots"]],
            textposition="outside",
            textfont=dict(size=font_size),
            cliponaxis=False,
            hovertemplate="%{y}: %{x} stippen<extra></extra>",
        )
    )
    fig.update_xaxes(title_text="stippen", rangemode="tozero", tickfont=dict(size=font_size - 4), tickangle=0, dtick=1)
    fig.update_yaxes(tickfont=dict(size=font_size - 2, color=INK), automargin=True)
    fig.update_layout(
        font=dict(family=charts.FONT["family"], size=font_size, color=INK),
        height=80 + height_per_row * max(len(shown), 1),
        margin=dict(l=10, r=40, t=10, b=10),
        plot_bgcolor="white",
        paper_bgcolor="white",
        showlegend=False,
    )
    return fig


def disagreement(ranked: pd.DataFrame, font_size: int = 16) -> go.Figure:
    """Spread per item (IQR kans + IQR impact), most disputed at the top, values as text."""
    shown = ranked.iloc[::-1]
    fig = go.Figure(
        go.Bar(
            x=shown["disagreement"],
            y=[f"Nr {p}" for p in shown["position"]],
            orientation="h",
            marker_color=ITEM,
            text=[f"{d:g}".replace(".", ",") for d in shown["disagreement"]],
            textposition="outside",
            cliponaxis=False,
            textfont=dict(size=font_size),
        )
    )
    fig.update_xaxes(title_text="spreiding (IQR kans + IQR impact)", rangemode="tozero")
    fig.update_layout(
        font=dict(family=charts.FONT["family"], size=font_size, color=INK),
        height=80 + 36 * max(len(shown), 1),
        margin=dict(l=10, r=40, t=10, b=10),
        plot_bgcolor="white",
        paper_bgcolor="white",
        showlegend=False,
    )
    return fig
