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
# The cells carry their level's colour from the configured risk matrix at a quarter strength: light, so the dark
# markers and the grey votes keep their contrast.
TINT_SHARE = 0.25
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


def _spread_overlaps(stats: pd.DataFrame) -> pd.DataFrame:
    """Items sharing a median are set around it in a small circle, so every number stays readable."""
    out = stats.copy()
    out["x"], out["y"] = out["lik_median"].astype(float), out["imp_median"].astype(float)
    for _, group in out.groupby(["x", "y"]):
        if len(group) < 2:
            continue
        for k, idx in enumerate(group.index):
            angle = 2 * math.pi * k / len(group)
            out.loc[idx, "x"] += 0.2 * math.cos(angle)
            out.loc[idx, "y"] += 0.2 * math.sin(angle)
    return out


def tint(colour: str, share: float = TINT_SHARE) -> str:
    """`colour` (#rrggbb) mixed with white: `share` of the colour, the rest white."""
    channels = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(255 - share * (255 - c)):02x}" for c in channels)


def _background(scale: Scale) -> dict:
    """The cells tinted by their level in the configured risk matrix (`Matrix.level`, the risk register's
    colours, lightened), as one heatmap (row 0 = impact 1 at the bottom); cheaper than a shape per cell."""
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


def matrix(
    scale: Scale,
    stats: pd.DataFrame,
    votes: pd.DataFrame | None = None,
    revealed: bool = True,
    moves: pd.DataFrame | None = None,
    height: int = 640,
    font_size: int = 20,
) -> go.Figure:
    """Kans (x) by impact (y). Each item is its number at its median, with an interquartile cross; the
    individual votes (jittered deterministically) as small dots; arrows show the move from the previous
    round. With `revealed` False only the empty matrix and a notice are drawn.

    Built from plain dicts without plotly's validation: the projector redraws it after every vote."""
    n_l, n_i = scale.levels
    data: list[dict] = [_background(scale)]
    annotations: list[dict] = []
    if not revealed or stats.empty:
        text = "Stemmen verborgen tot de facilitator ze toont" if not revealed else "Nog geen stemmen"
        annotations.append(
            {
                "x": (n_l + 1) / 2,
                "y": (n_i + 1) / 2,
                "text": text,
                "showarrow": False,
                "font": {"size": font_size + 6, "color": INK},
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
        placed = _spread_overlaps(stats)
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
                "mode": "markers+text",
                "text": [str(p) for p in placed["position"]],
                "textfont": {"size": font_size, "color": "white", "family": charts.FONT["family"]},
                "marker": {"size": font_size * 2, "color": ITEM, "line": {"color": "white", "width": 2}},
                "error_x": {
                    **cross,
                    "array": (placed["lik_q3"] - placed["lik_median"]).tolist(),
                    "arrayminus": (placed["lik_median"] - placed["lik_q1"]).tolist(),
                },
                "error_y": {
                    **cross,
                    "array": (placed["imp_q3"] - placed["imp_median"]).tolist(),
                    "arrayminus": (placed["imp_median"] - placed["imp_q1"]).tolist(),
                },
                "customdata": placed[["n", "lik_median", "imp_median"]].to_numpy().tolist(),
                "hovertemplate": "Nr %{text}: kans %{customdata[1]}, impact %{customdata[2]} "
                "(%{customdata[0]} stemmen)<extra></extra>",
                "name": "mediaan",
            }
        )
    tick = {"size": font_size - 4, "color": INK}
    title = {"size": font_size, "color": INK}
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
            "ticktext": [f"{i}<br>{charts.plain(label)}" for i, label in enumerate(scale.likelihood, 1)],
            "title": {"text": "Kans", "font": title},
            "showgrid": False,
            "zeroline": False,
            "tickfont": tick,
            "fixedrange": True,
        },
        "yaxis": {
            "range": [0.5, n_i + 0.5],
            "tickvals": list(range(1, n_i + 1)),
            "ticktext": [f"{i}  {charts.plain(label)}" for i, label in enumerate(scale.impact, 1)],
            "title": {"text": "Impact", "font": title},
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
    (a phone): each marker carries its row number in `stakeholders` instead of the name, which the list under the
    chart gives — a name beside a marker does not fit 390 px."""
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


def dots(ranked: pd.DataFrame, height_per_row: int = 48, font_size: int = 18, top: int = 10) -> go.Figure:
    """The proposals with the most dots, ranked; each bar carries its number of dots as text."""
    shown = ranked.head(top).iloc[::-1]
    names = [
        f"{len(shown) - i}. {charts.plain(t[:70])}{'…' if len(t) > 70 else ''}" for i, t in enumerate(shown["text"])
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
    fig.update_xaxes(title_text="stippen", rangemode="tozero", tickfont=dict(size=font_size - 4))
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
