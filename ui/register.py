"""Sections of the Overzicht and Register pages, and the Register detail tabs that are the register's own
(Algemeen with the party form and the archive, Deelnemers, Financiën). Streamlit only: the read models, the
rules and the writes are governance.register's; a page calls these sections in the order it shows them."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from governance import register
from governance.core import charts, formatting, labels
from governance.core.db import Database
from ui import beheer, data, forms, nav, state

NO_TOOLBAR = {"displayModeBar": False}

# -- Overzicht ------------------------------------------------------------------------------------------------


def sources_caption(kf: register.KeyFigures) -> None:
    sources = kf.figures_from
    st.caption(
        f"Cijfers {kf.year}: {sources['jaarrekening']} uit de jaarrekening, {sources['begroting']} uit de begroting, "
        f"{sources['geen']} zonder cijfers. Gearchiveerde partijen tellen niet mee."
    )


def _cards(kf: register.KeyFigures) -> list[tuple[str, str, str, str, dict[str, str]]]:
    """(label, value, help, link text, query of the Register link) per key figure."""
    year, euro = kf.year, formatting.euro
    return [
        ("Verbonden partijen", str(kf.parties), "In het register, per categorie hieronder.", "Naar het register", {}),
        (
            "Financieel belang 31-12",
            euro(kf.interest_total, compact=True),
            f"Som van het financieel belang eind {year}: {euro(kf.interest_total)}",
            "Belang per partij",
            {"kolom": "belang"},
        ),
        (
            "Bijdrage gemeente",
            euro(kf.contribution_total, compact=True),
            f"Som van de bijdragen in {year}: {euro(kf.contribution_total)}",
            "Bijdragen per partij",
            {"kolom": "bijdrage"},
        ),
        (
            "Leningen en garanties",
            euro(kf.exposure_total, compact=True),
            f"Uitstaande leningen en garanties in {year}: {euro(kf.exposure_total)}",
            "Per partij",
            {"kolom": "leningen"},
        ),
        (
            "Onvolledig (BBV art. 15)",
            str(kf.incomplete_parties),
            "Partijen waarvan gegevens ontbreken die art. 15 lid 2 BBV voorschrijft.",
            "Welke gegevens ontbreken",
            {"bbv": "onvolledig"},
        ),
        (
            "Open risico's",
            str(kf.risks_total),
            "Risico's met een andere status dan vervallen.",
            "Risico's per partij",
            {"kolom": "risicos"},
        ),
    ]


def key_figure_cards(kf: register.KeyFigures) -> None:
    """Six cards in two rows, each linking to the Register list that explains its figure."""
    cards = _cards(kf)
    for row in (cards[:3], cards[3:]):
        for col, (label, value, help_text, link, query) in zip(st.columns(3), row, strict=True):
            with col.container(border=True):
                st.metric(label, value, help=help_text)
                st.page_link(nav.REGISTER, label=link, icon=":material/arrow_forward:", query_params=query or None)


def category_charts(kf: register.KeyFigures) -> None:
    left, right = st.columns(2)
    with left:
        st.subheader("Partijen per BBV-categorie")
        st.plotly_chart(charts.count_bars(kf.per_category, labels.BBV_CATEGORIES), config=NO_TOOLBAR)
    with right:
        st.subheader("Open risico's per categorie")
        st.plotly_chart(
            charts.count_bars(kf.risks_per_category, labels.RISK_CATEGORIES, charts.RISK_COLOURS), config=NO_TOOLBAR
        )


def largest_contributions(year: int) -> None:
    top = data.read(register.largest_contributions, year)
    st.subheader(f"Grootste bijdragen {year}")
    st.plotly_chart(
        charts.amount_bars(top["name"].tolist(), top["contribution"].astype(float).tolist(), "bijdrage"),
        config=NO_TOOLBAR,
    )


def missing_bbv_items(year: int) -> None:
    """Each incomplete party with what it lacks, linking to its detail view."""
    gaps = data.read(register.gaps, year)
    incomplete = gaps[~gaps["complete"]]
    st.subheader(f"Ontbrekende BBV-gegevens {year}")
    if incomplete.empty:
        st.success("Van alle verbonden partijen zijn de gegevens van art. 15 lid 2 BBV compleet.")
    for row in incomplete.to_dict("records"):
        st.page_link(
            nav.REGISTER,
            label=f"{row['name']}: ontbreekt {row['missing_text'].lower()}",
            icon=":material/warning:",
            query_params={state.PARTY_PARAM: row["code"]},
        )


# -- Register list --------------------------------------------------------------------------------------------


def open_party(party_code: str | None) -> None:
    """Show a party's detail view (None: the list). A party opened again starts from what is stored now."""
    forms.forget()
    if party_code:
        st.query_params[state.PARTY_PARAM] = party_code
    else:
        st.query_params.pop(state.PARTY_PARAM, None)


def _filters(table: pd.DataFrame, year: int) -> tuple[dict[str, Any], str]:
    """The filter widgets above the list: `register.filter_parties` arguments and the amount column chosen."""
    asked = st.query_params.get("kolom")  # arrived from a key figure of the Overzicht
    with st.container(border=True):
        search = st.text_input("Zoeken", placeholder="naam, plaats, KvK-nummer of openbaar belang", key="reg-search")
        c1, c2, c3, c4 = st.columns(4)
        categories = c1.multiselect(
            "BBV-categorie",
            list(labels.BBV_CATEGORIES),
            format_func=labels.BBV_CATEGORIES.get,
            placeholder="Alle categorieën",
        )
        legal_forms = c2.multiselect(
            "Rechtsvorm", list(labels.LEGAL_FORMS), format_func=labels.LEGAL_FORMS.get, placeholder="Alle rechtsvormen"
        )
        domains = c3.multiselect(
            "Beleidsveld", sorted(table["policy_domain"].dropna().unique()), placeholder="Alle beleidsvelden"
        )
        statuses = c4.multiselect(
            "Status", list(labels.PARTY_STATUS), format_func=labels.PARTY_STATUS.get, placeholder="Alle statussen"
        )
        c5, c6, c7 = st.columns([2, 1, 1], vertical_alignment="bottom")
        measure = register.measure(
            c5.segmented_control(
                "Bedrag in de tabel",
                list(register.MEASURES),
                format_func=lambda m: register.MEASURES[m][0],
                default=register.measure(asked),
                key="reg-measure",
            )
        )
        incomplete_only = c6.toggle(
            f"Alleen onvolledig ({year})",
            key="reg-gaps",
            value=st.query_params.get("bbv") == "onvolledig",
            help="Alleen partijen waarvan gegevens ontbreken die art. 15 lid 2 BBV voorschrijft.",
        )
        archived = c7.toggle("Ook gearchiveerde", key="reg-archived")
    chosen = {
        "search": search,
        "categories": categories,
        "legal_forms": legal_forms,
        "domains": domains,
        "statuses": statuses,
        "archived": archived,
        "incomplete_only": incomplete_only,
        "largest_first": measure if asked in register.MEASURES else None,
    }
    return chosen, measure


def _count_and_export(db: Database, shown: int, active: int) -> None:
    counted, download = st.columns([3, 1], vertical_alignment="center")
    counted.caption(f"{shown} van {active} verbonden partijen")
    with download:
        beheer.excel_download(
            db,
            "Exporteer naar Excel",
            help="Het hele register (alle partijen, ook buiten dit filter) met cijfers, personen en risico's.",
        )


def party_list(db: Database, year: int) -> None:
    """Filters, the count and the Excel export, the table (a click on a row opens the party) and a picker."""
    table = data.read(register.register_table, year, include_archived=True)
    chosen, measure = _filters(table, year)
    shown = register.filter_parties(table, **chosen)
    _count_and_export(db, len(shown), int(table["archived_at"].isna().sum()))
    event = st.dataframe(
        register.display(shown, year, measure),
        hide_index=True,
        on_select="rerun",
        selection_mode="single-row",
        key="reg-table",
        column_config={
            "Naam": st.column_config.TextColumn(width=260),
            "Beleidsveld": st.column_config.TextColumn(width=120),
            "Status": st.column_config.TextColumn(width=80),
            "Categorie": st.column_config.TextColumn(width=110),
            register.column_title(measure, year): st.column_config.NumberColumn(format="localized"),
        },
    )
    if event.selection.rows:
        open_party(shown.iloc[event.selection.rows[0]]["code"])
        st.rerun()
    names = dict(zip(shown["code"], shown["name"], strict=True))
    st.selectbox(
        "Partij openen",
        list(names),
        index=None,
        format_func=names.get,
        placeholder="Kies een partij of klik op een rij hierboven",
        key="reg-open",
        on_change=lambda: open_party(st.session_state.get("reg-open")),  # before the rerun: never a lost click
    )


def new_party_form(db: Database) -> None:
    if not state.may("register"):  # a lezer reads the register; the write path refuses them anyway
        return
    with st.expander("Nieuwe verbonden partij toevoegen"), st.form("new-party", clear_on_submit=False):
        values = forms.party_fields(None, "new")
        if st.form_submit_button("Toevoegen", type="primary") and forms.save(
            lambda: register.create_party(db, values, state.actor()), f"{values['name']} is toegevoegd."
        ):
            st.rerun()


# -- Register detail ------------------------------------------------------------------------------------------


def party_header(party_code: str) -> dict[str, Any] | None:
    """The back button, name, badges and archive notice of a party; None (with a message) for an unknown code."""
    party = data.read(register.party_by_code, party_code)
    if party is None:
        st.error(f"Er is geen verbonden partij met code '{party_code}'.")
        if st.button("Terug naar het register"):
            open_party(None)
            st.rerun()
        return None
    if st.button("← Terug naar het register", key="back"):
        open_party(None)
        st.rerun()
    st.title(party["name"])
    st.caption(" · ".join(register.badges(party)))
    if party["archived_at"] is not None:
        st.warning("Deze partij is gearchiveerd. Ze telt niet mee in overzichten.")
    return party


def general_tab(db: Database, party: dict[str, Any], year: int) -> None:
    """The facts, the BBV art. 15 checklist, the party form and the archive. The form and the archive buttons
    share one copy of the party as this user opened it: a change someone else saved since is refused by both."""
    facts, checks = st.columns([3, 2])
    with facts:
        for label, value in register.facts(party):
            st.markdown(f"**{label}**  \n{value}")
    with checks, st.container(border=True):
        items = data.read(register.checklist, party["id"], year)
        missing = sum(not i["present"] for i in items)
        st.subheader(f"BBV art. 15 — {year}")
        st.caption("Compleet" if not missing else f"{missing} van {len(items)} onderdelen ontbreken")
        for item in items:
            mark = ":material/check_circle: aanwezig" if item["present"] else ":material/cancel: ontbreekt"
            st.markdown(f"{mark} — {item['label']} ({item['reference']})")
    if not state.may("register"):
        return
    form = forms.opened(f"edit-{party['id']}", lambda: party)
    _party_form(db, form)
    _archive(db, party, form)


def _party_form(db: Database, form: forms.Opened) -> None:
    party_id = form.record["id"]
    with st.expander("Gegevens bewerken"), st.form(f"edit-{party_id}"):
        values = forms.party_fields(form.record, form.prefix)
        if st.form_submit_button("Opslaan", type="primary") and forms.save(
            lambda: register.update_party(db, party_id, values, state.actor(), original=form.record),
            "De wijzigingen zijn opgeslagen.",
            form,
        ):
            st.rerun()


def _archive(db: Database, party: dict[str, Any], form: forms.Opened) -> None:
    """Archive or restore, as the party stands now; the write compares against the party as opened (`form`)."""
    pid, name = party["id"], party["name"]
    with st.expander("Archiveren" if party["archived_at"] is None else "Terugzetten uit archief"):
        reason = st.text_input("Reden (komt in het logboek)", key=f"reason-{pid}")
        if party["archived_at"] is None:
            st.caption("Archiveren verwijdert niets: de partij en haar cijfers blijven bewaard.")
            if st.button("Archiveren", key=f"archive-{pid}") and forms.save(
                lambda: register.archive_party(db, pid, state.actor(), form.record, reason or None),
                f"{name} is gearchiveerd.",
                form,
            ):
                st.rerun()
        elif st.button("Terugzetten", key=f"restore-{pid}") and forms.save(
            lambda: register.restore_party(db, pid, state.actor(), form.record, reason or None),
            f"{name} is teruggezet.",
            form,
        ):
            st.rerun()


def participants_table(party: dict[str, Any]) -> None:
    st.dataframe(register.participants_display(data.read(register.participants, party["id"])), hide_index=True)


def representations_table(party: dict[str, Any]) -> None:
    st.dataframe(register.representations_display(data.read(register.representations, party["id"])), hide_index=True)


def finance_tab(db: Database, party: dict[str, Any], year: int) -> None:
    """The party's figures per year and a form for one year and kind, compared on save against the figures as
    this user opened them (none yet: figures someone else entered in between are refused, not overwritten)."""
    pid = party["id"]
    rows = data.read(register.party_years, pid)
    st.dataframe(register.years_display(rows), hide_index=True)
    if not state.may("register"):
        return
    st.subheader("Cijfers invoeren of wijzigen")
    c1, c2 = st.columns(2)
    known = sorted({*rows["year"].astype(int).tolist(), year})
    pick_year = c1.selectbox("Jaar", known + [known[-1] + 1], index=known.index(year), key=f"fy-{pid}")
    kind = c2.selectbox("Soort", list(labels.YEAR_KINDS), format_func=labels.YEAR_KINDS.get, key=f"fk-{pid}")
    form = forms.opened(f"y-{pid}-{pick_year}-{kind}", lambda: register.get_year(db, pid, pick_year, kind))
    with st.form(f"year-{pid}-{pick_year}-{kind}"):
        values = forms.year_fields(form.record, form.prefix)
        if st.form_submit_button("Cijfers opslaan", type="primary") and forms.save(
            lambda: register.save_year(
                db, pid, {"year": pick_year, "kind": kind, **values}, state.actor(), original=form.record
            ),
            f"De cijfers {labels.YEAR_KINDS[kind].lower()} {pick_year} zijn opgeslagen.",
            form,
        ):
            st.rerun()
