"""Sections of the Risico's page, and the export buttons the Risicoprofiel page shares. Streamlit only: what to
count, filter or default is decided in governance.risks; these functions lay out widgets and pass values on."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from governance import risks
from governance.core import images, labels
from governance.risks import Matrix
from ui import data, riskforms
from ui.text import plain

RISK_PARAM = "risico"  # ?risico=<id> opens a risk on the Risico's page
KINDS = {"gross": "Bruto (zonder maatregelen)", "net": "Netto (na maatregelen)"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Column widths that keep a list within a 1366 px laptop screen, next to the sidebar.
WIDTHS = {
    "Partij": 160, "Risico": 230, "Bruto": 112, "Netto": 112, "Bedrag": 85, "Eigenaar": 115, "Status": 90,
    "Herziening": 88, "Dagen te laat": 70, "Maatregel": 220, "Gereed uiterlijk": 90, "Van": 150, "Naar": 150,
    "Verschuiving": 170,
}  # fmt: skip
COLUMNS = {name: st.column_config.TextColumn(width=w) for name, w in WIDTHS.items() if name != "Dagen te laat"}
COLUMNS["Dagen te laat"] = st.column_config.NumberColumn(width=WIDTHS["Dagen te laat"])


def _short(kind: str) -> str:
    return KINDS[kind].split()[0]  # "Bruto" / "Netto"


# -- Risico's ---------------------------------------------------------------------------------------------------
def filters(table: pd.DataFrame) -> risks.Selection:
    """The filter bar above the heat maps."""
    with st.container(border=True):
        c1, c2, c3, c4 = st.columns(4)
        parties = c1.multiselect("Partij", sorted(table["party_name"].unique()), placeholder="Alle partijen")
        categories = c2.multiselect(
            "Categorie", list(labels.RISK_CATEGORIES), format_func=labels.RISK_CATEGORIES.get, placeholder="Alle"
        )
        owners = c3.multiselect(
            "Risico-eigenaar", sorted(table["owner"].dropna().unique()), placeholder="Alle eigenaren"
        )
        statuses = c4.multiselect(
            "Status", list(labels.RISK_STATUS), default=risks.DEFAULT_STATUSES, format_func=labels.RISK_STATUS.get,
            placeholder="Alle statussen",
        )  # fmt: skip
    return risks.Selection(parties, categories, owners, statuses)


def open_risk(risk_id: int | None) -> None:
    """Open (or with None close) a risk; it then shows as stored now, not as an earlier visit remembered it."""
    for rid in {st.query_params.get(RISK_PARAM), risk_id} - {None}:
        riskforms.forget_risk(rid)
    if risk_id is None:
        st.query_params.pop(RISK_PARAM, None)
    else:
        st.query_params[RISK_PARAM] = str(risk_id)
    st.rerun()


def _pick_from(frame: pd.DataFrame, event: Any) -> None:
    """Open the risk of the row clicked. The lists' keys include the opened risk, so opening or closing one
    starts them without a selection (a kept selection would reopen it on every rerun)."""
    if event.selection.rows:
        rid = int(frame.iloc[event.selection.rows[0]]["id"])
        if str(rid) != st.query_params.get(RISK_PARAM):
            open_risk(rid)


def _risk_list(frame: pd.DataFrame, matrix: Matrix, columns: tuple[str, ...], key: str) -> None:
    event = st.dataframe(
        risks.display(frame, matrix, columns=columns), hide_index=True, on_select="rerun",
        selection_mode="single-row", key=key, column_config=COLUMNS, placeholder="—"
    )  # fmt: skip
    _pick_from(frame, event)


def opened_risk(db: Any, table: pd.DataFrame, matrix: Matrix) -> str | None:
    """The risk the link opens (?risico=<id>), in an edit form; returns the link's value for the lists' keys."""
    requested = st.query_params.get(RISK_PARAM)
    rid = risks.requested_risk(table, requested)
    if rid is not None:
        with st.container(border=True):
            head, close = st.columns([5, 1], vertical_alignment="center")
            row = table[table["id"] == rid].iloc[0]
            head.subheader(f"{plain(row['title'])} — {plain(row['party_name'])}")
            if close.button("Sluiten", key="close-risk"):
                open_risk(None)
            riskforms.edit_risk(db, rid, matrix)
    elif requested:
        st.error(f"Er is geen risico met nummer '{plain(requested)}' in het register.")  # from the link
    return requested


def heatmaps(shown: pd.DataFrame, matrix: Matrix) -> dict[str, go.Figure]:
    """Bruto and netto side by side; clicking a cell picks it in cell_list. Returns the figures with their
    titles, for the image export."""
    st.caption(
        "Elke cel toont het aantal risico's en het risiconiveau. Kies een cel door erop te klikken, "
        "of met de keuzelijst onder de heatmaps."
    )
    if shown.empty:  # the matrix itself still reads: its cells and levels, each counting 0
        st.info(
            "Geen risico's in deze selectie: de heatmaps tonen de lege risicomatrix. Een nieuw risico legt u vast "
            "op het tabblad *Nieuw risico*."
        )
    figures = {}
    for col, kind in zip(st.columns(2), KINDS, strict=True):
        counts, unplaced = risks.cell_counts(shown, matrix, kind)
        figures[kind] = risks.heatmap(counts, matrix, KINDS[kind], mode="export")
        with col:
            st.markdown(f"**{KINDS[kind]}**")
            event = st.plotly_chart(
                risks.heatmap(counts, matrix, KINDS[kind], show_title=False), key=f"heat-{kind}",
                on_select="rerun", selection_mode="points", config={"displayModeBar": False},
            )  # fmt: skip
            st.caption(cell_figures(counts))  # the heat map's figures as text
            if unplaced:
                st.caption(f"{unplaced} risico's zonder {_short(kind).lower()} score staan niet in de heatmap.")
        points = [p for p in event.selection.points if p.get("customdata")] if event else []
        clicked = tuple(points[0]["customdata"]) if points else None
        if clicked and st.session_state.get(f"heat-last-{kind}") != clicked:
            st.session_state[f"heat-last-{kind}"] = clicked
            st.session_state["cell-kind"] = kind
            st.session_state["cell-pick"] = f"{clicked[0]}-{clicked[1]}"
    return figures


def cell_figures(counts: list[list[int]]) -> str:
    """'Cijfers: kans 4 × impact 3: 10 risico's; …', the filled cells from the highest impact and kans down."""
    cells = [
        f"kans {li + 1} × impact {im + 1}: {n}"
        for im in reversed(range(len(counts)))
        for li in reversed(range(len(counts[im])))
        if (n := counts[im][li])
    ]
    return "Cijfers (aantal risico's per cel): " + ("; ".join(cells) if cells else "geen") + "."


def cell_list(shown: pd.DataFrame, matrix: Matrix, opened: str | None) -> None:
    """The cell picker under the heat maps and the risks of the chosen cell."""
    c1, c2 = st.columns([1, 3])
    kind = c1.radio("Heatmap", list(KINDS), format_func=_short, key="cell-kind", horizontal=True)
    cells = risks.cell_options(matrix, risks.cell_counts(shown, matrix, kind)[0])
    if st.session_state.get("cell-pick") not in cells:
        st.session_state.pop("cell-pick", None)
    pick = c2.selectbox(
        "Cel", list(cells), index=None, format_func=cells.get, placeholder="Kies een cel", key="cell-pick"
    )
    if pick:
        st.markdown(f"**{plain(cells[pick])}**")  # the configured level names
        in_cell = risks.in_cell(shown, kind, *risks.parse_cell(pick))
        _risk_list(in_cell, matrix, risks.LIST_COLUMNS, f"cell-list-{kind}-{pick}-{opened}")


def risk_list(shown: pd.DataFrame, matrix: Matrix, opened: str | None) -> None:
    _risk_list(shown.reset_index(drop=True), matrix, risks.LIST_COLUMNS, f"risk-list-{opened}")
    st.caption("Klik op een rij om het risico te openen en te bewerken.")


def movement(chosen: risks.Selection, today: dt.date) -> None:
    """Which risks changed cell between two dates, from the audit log."""
    c1, c2, c3 = st.columns([1, 1, 2])
    first, last = risks.default_period(today)
    start = c1.date_input("Van", first, format="DD-MM-YYYY", key="move-from")
    end = c2.date_input("Tot en met", last, format="DD-MM-YYYY", key="move-to")
    kind = c3.radio("Score", list(KINDS), format_func=KINDS.get, horizontal=True, key="move-kind", index=1)
    problem = risks.period_error(start, end)
    if problem:
        st.error(problem)
        return
    moved = chosen.scope(data.read(risks.movement, start, end, kind))
    counts = risks.change_counts(moved)
    st.markdown(
        f"**{len(moved)} verschuivingen** tussen {start:%d-%m-%Y} en {end:%d-%m-%Y}: "
        + ", ".join(f"{risks.CHANGES[c]} {n}" for c, n in counts.items())
    )
    st.dataframe(risks.movement_display(moved), hide_index=True, column_config=COLUMNS, placeholder="—")
    st.caption("Uit het logboek: de cel van elk risico aan het eind van de eerste en van de laatste dag.")


def overdue(scope: pd.DataFrame, matrix: Matrix, opened: str | None, today: dt.date) -> None:
    """Reviews and measures past their date, of every status in the chosen scope."""
    late = risks.overdue(scope, today)
    st.metric(
        "Herziening achterstallig", len(late), help="Risico's (niet vervallen) met een herzieningsdatum vóór vandaag."
    )
    _risk_list(late, matrix, risks.LATE_COLUMNS, f"late-list-{opened}")
    late_measures = risks.measures_of(data.read(risks.overdue_measures, today), scope)
    st.subheader(f"Beheersmaatregelen over de datum: {len(late_measures)}")
    st.dataframe(risks.overdue_measures_display(late_measures), hide_index=True, column_config=COLUMNS, placeholder="—")


def image_downloads(figures: Mapping[str, tuple[str, str, go.Figure]], today: dt.date) -> None:
    """PNG and SVG buttons for each figure: name -> (button label, file name stem, figure)."""
    cols = iter(st.columns(2 * len(figures)))
    for name, (label, stem, fig) in figures.items():
        for fmt in ("png", "svg"):
            next(cols).download_button(
                f"{label} ({fmt.upper()})",
                data=lambda fig=fig, fmt=fmt: images.to_image(fig, fmt),
                file_name=f"{stem}-{today:%Y-%m-%d}.{fmt}",
                mime="image/png" if fmt == "png" else "image/svg+xml",
                on_click="ignore",
                key=f"img-{name}-{fmt}",
            )


def workbook_download(label: str, build: Any, stem: str, today: dt.date) -> None:
    st.download_button(
        label, data=build, file_name=f"{stem}-{today:%Y-%m-%d}.xlsx", mime=XLSX, icon=":material/download:",
        on_click="ignore",
    )  # fmt: skip


def register_exports(
    shown: pd.DataFrame, matrix: Matrix, figures: dict[str, go.Figure], chosen: risks.Selection, today: dt.date
) -> None:
    workbook_download(
        "Risicoregister en matrices (Excel)",
        lambda: risks.register_workbook(shown, matrix, data.read(risks.all_measures), today, chosen.text()),
        "risicoregister",
        today,
    )
    st.caption("De selectie hierboven geldt ook voor de export. Afbeeldingen van de heatmaps:")
    stems = {"gross": "heatmap-bruto", "net": "heatmap-netto"}
    image_downloads({kind: (_short(kind), stems[kind], figures[kind]) for kind in KINDS}, today)
