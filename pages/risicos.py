"""Risico's: bruto and netto heat maps with the count in every cell, the risks of a chosen cell, movement
between two dates, overdue reviews, forms to add and edit risks, and exports (?risico=<id> opens a risk)."""

import datetime as dt

import streamlit as st

from governance import risks
from governance.core import images, labels
from ui import data, nav, riskforms, state

nav.require_shell()

db = data.database()
today = dt.date.today()
matrix = data.read(risks.get_matrix)
table = data.read(risks.risk_table)
state.show_flash()
KINDS = {"gross": "Bruto (zonder maatregelen)", "net": "Netto (na maatregelen)"}
# Column widths that keep a list within a 1366 px laptop screen, next to the sidebar.
WIDTHS = {
    "Partij": 160, "Risico": 230, "Bruto": 112, "Netto": 112, "Bedrag": 85, "Eigenaar": 115, "Status": 90,
    "Herziening": 88, "Dagen te laat": 70, "Maatregel": 220, "Gereed uiterlijk": 90, "Van": 150, "Naar": 150,
    "Verschuiving": 170,
}  # fmt: skip
COLUMNS = {name: st.column_config.TextColumn(width=w) for name, w in WIDTHS.items() if name != "Dagen te laat"}
COLUMNS["Dagen te laat"] = st.column_config.NumberColumn(width=WIDTHS["Dagen te laat"])


def open_risk(risk_id: int | None) -> None:
    if risk_id is None:
        st.query_params.pop(riskforms.RISK_PARAM, None)
    else:
        st.query_params[riskforms.RISK_PARAM] = str(risk_id)
    st.rerun()


def pick_from(frame, event) -> None:  # noqa: ANN001 - a DataFrame and a Streamlit selection event
    """Open the risk of the row clicked. The lists' keys include the opened risk, so opening or closing one
    starts them without a selection (a kept selection would reopen it on every rerun)."""
    if event.selection.rows:
        rid = int(frame.iloc[event.selection.rows[0]]["id"])
        if str(rid) != st.query_params.get(riskforms.RISK_PARAM):
            open_risk(rid)


st.title("Risico's")
with st.container(border=True):
    c1, c2, c3, c4 = st.columns(4)
    parties = c1.multiselect("Partij", sorted(table["party_name"].unique()), placeholder="Alle partijen")
    categories = c2.multiselect(
        "Categorie", list(labels.RISK_CATEGORIES), format_func=labels.RISK_CATEGORIES.get, placeholder="Alle"
    )
    owners = c3.multiselect("Risico-eigenaar", sorted(table["owner"].dropna().unique()), placeholder="Alle eigenaren")
    statuses = c4.multiselect(
        "Status", list(labels.RISK_STATUS), default=risks.DEFAULT_STATUSES, format_func=labels.RISK_STATUS.get,
        placeholder="Alle statussen",
    )  # fmt: skip
scope = risks.filter_risks(table, parties, categories, owners)  # every status: movement and overdue reviews
shown = risks.filter_risks(scope, statuses=statuses)
st.caption(
    f"{len(shown)} van {len(table)} risico's in de selectie · risicomatrix {matrix.size_text} "
    "(kans × impact, in te stellen onder Beheer)"
)

opened = st.query_params.get(riskforms.RISK_PARAM)
if opened and opened.isdigit() and int(opened) in set(table["id"].astype(int)):
    rid = int(opened)
    with st.container(border=True):
        head, close = st.columns([5, 1], vertical_alignment="center")
        row = table[table["id"] == rid].iloc[0]
        head.subheader(f"{row['title']} — {row['party_name']}")
        if close.button("Sluiten", key="close-risk"):
            open_risk(None)
        riskforms.edit_risk(db, rid, matrix)
elif opened:
    st.error(f"Er is geen risico met nummer '{opened}' in het register.")

tab_heat, tab_list, tab_move, tab_late, tab_new, tab_export = st.tabs(
    ["Heatmaps", "Lijst", "Verschuivingen", "Herziening achterstallig", "Nieuw risico", "Exporteren"]
)

with tab_heat:
    st.caption(
        "Elke cel toont het aantal risico's en het risiconiveau. Kies een cel door erop te klikken, "
        "of met de keuzelijst onder de heatmaps."
    )
    figures = {}
    columns = st.columns(2)
    for col, kind in zip(columns, KINDS, strict=True):
        counts, unplaced = risks.cell_counts(shown, matrix, kind)
        figures[kind] = risks.heatmap(counts, matrix, KINDS[kind])  # with its title, for the image export
        with col:
            st.markdown(f"**{KINDS[kind]}**")
            event = st.plotly_chart(
                risks.heatmap(counts, matrix, KINDS[kind], show_title=False), key=f"heat-{kind}",
                on_select="rerun", selection_mode="points", config={"displayModeBar": False},
            )  # fmt: skip
            if unplaced:
                st.caption(
                    f"{unplaced} risico's zonder {KINDS[kind].split()[0].lower()} score staan niet in de heatmap."
                )
        points = [p for p in event.selection.points if p.get("customdata")] if event else []
        clicked = tuple(points[0]["customdata"]) if points else None
        if clicked and st.session_state.get(f"heat-last-{kind}") != clicked:
            st.session_state[f"heat-last-{kind}"] = clicked
            st.session_state["cell-kind"] = kind
            st.session_state["cell-pick"] = f"{clicked[0]}-{clicked[1]}"
    c1, c2 = st.columns([1, 3])
    kind = c1.radio("Heatmap", list(KINDS), format_func=lambda k: KINDS[k].split()[0], key="cell-kind", horizontal=True)
    counts, _ = risks.cell_counts(shown, matrix, kind)
    cells = {
        f"{li}-{im}": risks.cell_label(matrix, li, im, counts[im - 1][li - 1])
        for im in range(matrix.size[1], 0, -1)
        for li in range(matrix.size[0], 0, -1)
    }
    if st.session_state.get("cell-pick") not in cells:
        st.session_state.pop("cell-pick", None)
    pick = c2.selectbox(
        "Cel", list(cells), index=None, format_func=cells.get, placeholder="Kies een cel", key="cell-pick"
    )
    if pick:
        li, im = (int(x) for x in pick.split("-"))
        in_cell = risks.in_cell(shown, kind, li, im)
        st.markdown(f"**{cells[pick]}**")
        event = st.dataframe(
            risks.display(in_cell, matrix, columns=risks.LIST_COLUMNS), hide_index=True, on_select="rerun",
            selection_mode="single-row", key=f"cell-list-{kind}-{pick}-{opened}", column_config=COLUMNS,
        )  # fmt: skip
        pick_from(in_cell, event)

with tab_list:
    ordered = shown.reset_index(drop=True)
    event = st.dataframe(
        risks.display(ordered, matrix, columns=risks.LIST_COLUMNS), hide_index=True, on_select="rerun",
        selection_mode="single-row", key=f"risk-list-{opened}", column_config=COLUMNS,
    )  # fmt: skip
    st.caption("Klik op een rij om het risico te openen en te bewerken.")
    pick_from(ordered, event)

with tab_move:
    c1, c2, c3 = st.columns([1, 1, 2])
    start = c1.date_input("Van", today - dt.timedelta(days=365), format="DD-MM-YYYY", key="move-from")
    end = c2.date_input("Tot en met", today, format="DD-MM-YYYY", key="move-to")
    move_kind = c3.radio(
        "Score", list(KINDS), format_func=lambda k: KINDS[k], horizontal=True, key="move-kind", index=1
    )
    if start > end:
        st.error("De datum 'Van' ligt na 'Tot en met'; kies een periode die vooruit loopt.")
    else:
        moved = risks.filter_risks(data.read(risks.movement, start, end, move_kind), parties, categories, owners)
        summary = moved["change"].value_counts()
        st.markdown(
            f"**{len(moved)} verschuivingen** tussen {start:%d-%m-%Y} en {end:%d-%m-%Y}: "
            + ", ".join(f"{risks.CHANGES[c]} {int(summary.get(c, 0))}" for c in risks.CHANGES)
        )
        st.dataframe(risks.movement_display(moved), hide_index=True, column_config=COLUMNS)
        st.caption("Uit het logboek: de cel van elk risico aan het eind van de eerste en van de laatste dag.")

with tab_late:
    late = risks.overdue(scope, today)
    st.metric(
        "Herziening achterstallig", len(late), help="Risico's (niet vervallen) met een herzieningsdatum vóór vandaag."
    )
    event = st.dataframe(
        risks.display(late, matrix, columns=risks.LATE_COLUMNS), hide_index=True, on_select="rerun",
        selection_mode="single-row", key=f"late-list-{opened}", column_config=COLUMNS,
    )  # fmt: skip
    pick_from(late, event)
    late_measures = data.read(risks.overdue_measures, today)
    late_measures = late_measures[late_measures["risk_id"].isin(scope["id"])]
    st.subheader(f"Beheersmaatregelen over de datum: {len(late_measures)}")
    st.dataframe(risks.overdue_measures_display(late_measures), hide_index=True, column_config=COLUMNS)

with tab_new:
    riskforms.new_risk_form(db, matrix, "new-risk")

with tab_export:
    chosen = "; ".join(
        f"{name}: {', '.join(map(str, values))}"
        for name, values in (("partij", parties), ("categorie", categories), ("eigenaar", owners), ("status", statuses))
        if values
    )
    st.download_button(
        "Risicoregister en matrices (Excel)",
        data=lambda: risks.register_workbook(shown, matrix, data.read(risks.all_measures), today, chosen),
        file_name=f"risicoregister-{today:%Y-%m-%d}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:",
        on_click="ignore",
    )
    st.caption("De selectie hierboven geldt ook voor de export. Afbeeldingen van de heatmaps:")
    cols = st.columns(4)
    for n, (kind, fmt) in enumerate((("gross", "png"), ("gross", "svg"), ("net", "png"), ("net", "svg"))):
        cols[n].download_button(
            f"{KINDS[kind].split()[0]} ({fmt.upper()})",
            data=lambda kind=kind, fmt=fmt: images.to_image(figures[kind], fmt),
            file_name=f"heatmap-{'bruto' if kind == 'gross' else 'netto'}-{today:%Y-%m-%d}.{fmt}",
            mime="image/png" if fmt == "png" else "image/svg+xml",
            on_click="ignore",
            key=f"img-{kind}-{fmt}",
        )
