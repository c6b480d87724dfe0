"""Sections of the Overzicht and Register pages, and the Register detail tabs that are the register's own
(Algemeen with the party form and the archive, Deelnemers, Financiën). Streamlit only: the read models, the
rules and the writes are governance.register's; a page calls these sections in the order it shows them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import streamlit as st

from governance import register
from governance.core import charts, formatting, labels
from governance.core.db import Database
from ui import beheer, data, forms, nav, state
from ui import finance as finance_ui
from ui.text import plain

NO_TOOLBAR = {"displayModeBar": False}
VP_PARAM = "vp"  # ?vp=te_beoordelen: the register list of parties still to be assessed (art. 1 BBV)

# -- Overzicht ------------------------------------------------------------------------------------------------


def sources_caption(kf: register.KeyFigures) -> None:
    sources = kf.figures_from
    st.caption(
        f"Cijfers {kf.year}: {sources['jaarrekening']} uit de jaarrekening, {sources['begroting']} uit de begroting, "
        f"{sources['geen']} zonder cijfers. Gearchiveerde partijen tellen niet mee."
    )


def determination_notice(kf: register.KeyFigures) -> None:
    """How many parties are still to be assessed (a to-do, not counted) and how many are a samenwerking."""
    pending, other = kf.per_status.get(register.TO_ASSESS, 0), kf.per_status.get(register.NOT_VERBONDEN, 0)
    if pending:
        st.warning(
            f"{pending} {'partij is' if pending == 1 else 'partijen zijn'} nog niet beoordeeld als verbonden partij "
            "(art. 1 BBV: bestuurlijk én financieel belang). Ze tellen nergens mee tot ze beoordeeld zijn.",
            icon=":material/pending_actions:",
        )
        st.page_link(
            nav.REGISTER,
            label="Nog te beoordelen",
            icon=":material/arrow_forward:",
            query_params={VP_PARAM: "te_beoordelen"},
        )
    if other:
        st.caption(f"{other} samenwerking(en) in het register zijn geen verbonden partij en tellen niet mee.")


def _cards(kf: register.KeyFigures) -> list[tuple[str, str, str, str, dict[str, str]]]:
    """(label, value, help, link text, query of the Register link) per key figure."""
    year, euro = kf.year, formatting.euro
    return [
        (
            "Verbonden partijen",
            str(kf.parties),
            "Partijen met een bestuurlijk én een financieel belang (art. 1 BBV), per categorie hieronder. "
            "Samenwerkingen en partijen die nog te beoordelen zijn tellen niet mee.",
            "Naar het register",
            {VP_PARAM: "ja"},
        ),
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
    """Parties and open risks per category; a category chart with nothing to count says so in words instead."""
    left, right = st.columns(2)
    with left:
        st.subheader("Partijen per BBV-categorie")
        if any(kf.per_category.values()):
            st.plotly_chart(charts.count_bars(kf.per_category, labels.BBV_CATEGORIES), config=NO_TOOLBAR)
            _figures([(name, str(kf.per_category.get(code, 0))) for code, name in labels.BBV_CATEGORIES.items()])
        else:
            st.info("Nog geen verbonden partijen in het register. Voeg ze toe onder *Register* of *Beheer*.")
    with right:
        st.subheader("Open risico's per categorie")
        if any(kf.risks_per_category.values()):
            st.plotly_chart(
                charts.count_bars(kf.risks_per_category, labels.RISK_CATEGORIES, charts.RISK_COLOURS),
                config=NO_TOOLBAR,
            )
            _figures(
                [(name, str(kf.risks_per_category.get(code, 0))) for code, name in labels.RISK_CATEGORIES.items()]
            )
        else:
            st.info("Nog geen open risico's in het risicoregister. Leg ze vast op de pagina *Risico's*.")


def _figures(pairs: list[tuple[str, str]]) -> None:
    """The chart's figures as a caption under it: its text alternative for a screen reader and for print."""
    st.caption("Cijfers: " + "; ".join(f"{plain(label)}: {plain(value)}" for label, value in pairs) + ".")


def largest_contributions(year: int) -> None:
    top = data.read(register.largest_contributions, year)
    st.subheader(f"Grootste bijdragen {year}")
    if top.empty:
        st.info(
            f"Nog geen bijdragen van de gemeente voor {year} ingevuld. Vul de jaarcijfers in bij een partij "
            "(*Register*, tabblad Financiën) of lees ze in onder *Beheer*."
        )
        return
    st.plotly_chart(
        charts.amount_bars(top["name"].tolist(), top["contribution"].astype(float).tolist(), "bijdrage"),
        config=NO_TOOLBAR,
    )
    ranked = top.sort_values("contribution", ascending=False)
    _figures([(n, formatting.euro(float(a))) for n, a in zip(ranked["name"], ranked["contribution"], strict=True)])


def missing_bbv_items(year: int) -> None:
    """Each incomplete party with a link to its detail view and, under it, what it lacks: a link's label is cut
    at the line's end, so the list of what is missing is text that wraps."""
    gaps = data.read(register.gaps, year)
    incomplete = gaps[~gaps["complete"]]
    st.subheader(f"Ontbrekende BBV-gegevens {year}")
    if incomplete.empty:
        st.success("Van alle verbonden partijen zijn de gegevens van art. 15 lid 2 BBV compleet.")
    with st.container(key="bbv-gaps"):
        for row in incomplete.to_dict("records"):
            st.page_link(
                nav.REGISTER,
                label=plain(row["name"]),
                icon=":material/warning:",
                query_params={state.PARTY_PARAM: row["code"]},
                help="Open de partij in het register.",
            )
            st.caption(f"Ontbreekt: {plain(row['missing_text'].lower())}")


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
        asked_vp = st.query_params.get(VP_PARAM)
        vp_statuses = st.multiselect(
            "Verbonden partij (art. 1 BBV)",
            list(labels.VP_STATUS),
            default=[asked_vp] if asked_vp in labels.VP_STATUS else None,
            format_func=labels.VP_STATUS.get,
            placeholder="Alle partijen: verbonden partijen, samenwerkingen en nog te beoordelen",
            key="reg-vp",
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
        "vp_statuses": vp_statuses,
        "archived": archived,
        "incomplete_only": incomplete_only,
        "largest_first": measure if asked in register.MEASURES else None,
    }
    return chosen, measure


def _count_and_export(db: Database, shown: int, table: pd.DataFrame) -> None:
    active = table[table["archived_at"].isna()]
    per = {code: int((active["vp_status"] == code).sum()) for code in labels.VP_STATUS}
    counted, download = st.columns([3, 1], vertical_alignment="center")
    counted.caption(
        f"{shown} van {len(active)} partijen getoond. {per['ja']} verbonden partijen, {per['nee']} samenwerkingen "
        f"(geen verbonden partij), {per['te_beoordelen']} nog te beoordelen (tellen niet mee tot ze beoordeeld zijn)."
    )
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
    _count_and_export(db, len(shown), table)
    event = st.dataframe(
        register.display(shown, year, measure),
        hide_index=True,
        on_select="rerun",
        selection_mode=["single-row", "single-cell"],  # a click on any cell opens the party, not only the box
        key="reg-table",
        placeholder="—",
        # Widths that fit a 1366 px laptop next to the sidebar without scrolling sideways.
        column_config={
            "Naam": st.column_config.TextColumn(width=222),
            "Rechtsvorm": st.column_config.TextColumn(width=122),
            "Categorie": st.column_config.TextColumn(width=76),
            "Beleidsveld": st.column_config.TextColumn(width=105),
            "Status": st.column_config.TextColumn(width=70),
            "Verbonden partij": st.column_config.TextColumn(width=120),
            register.column_title(measure, year): st.column_config.NumberColumn(format="localized", width=115),
            f"BBV {year}": st.column_config.TextColumn(width=125),
        },
    )
    clicked = [*event.selection.rows, *(row for row, _ in event.selection.get("cells", []))]
    if clicked:
        open_party(shown.iloc[clicked[0]]["code"])
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


def bulk_determination(db: Database) -> None:
    """Record the same art. 1 BBV determination for several parties at once (all or nothing). The parties are
    compared with the rows as this user opened the form: one someone else changed since is refused."""
    if not state.may("register"):
        return
    with st.expander("Beoordeling verbonden partij voor meerdere partijen (art. 1 BBV)"):
        form = forms.opened(
            "vp-bulk", lambda: {int(r["id"]): r for r in data.read(register.determinations).to_dict("records")}
        )
        rows = form.record
        pending = [pid for pid, r in rows.items() if r["vp_status"] == register.TO_ASSESS]
        with st.form("vp-bulk", enter_to_submit=False):
            chosen = st.multiselect(
                "Partijen",
                list(rows),
                default=pending,
                format_func=lambda pid: f"{rows[pid]['name']} — {labels.VP_STATUS_SHORT[rows[pid]['vp_status']]}",
                key=f"{form.prefix}-parties",
            )
            values = forms.determination_fields(None, f"{form.prefix}-v", centre=True)
            st.caption("'Gemeente is zelf centrumgemeente' geldt alleen voor centrumregelingen.")
            originals = {
                pid: {k: val for k, val in rows[pid].items() if k not in ("vp_status", "vp_reason")} for pid in chosen
            }
            if st.form_submit_button("Voor de gekozen partijen opslaan", type="primary") and forms.save(
                lambda: register.determine_parties(db, originals, values, state.actor()),
                f"De beoordeling is opgeslagen voor {len(chosen)} partij(en).",
                form,
            ):
                st.rerun()


def new_party_form(db: Database) -> None:
    if not state.may("register"):  # a lezer reads the register; the write path refuses them anyway
        return
    with st.expander("Nieuwe verbonden partij toevoegen"), st.form("new-party", enter_to_submit=False):
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
        st.error(f"Er is geen verbonden partij met code '{plain(party_code)}'.")  # the code comes from the link
        if st.button("Terug naar het register"):
            open_party(None)
            st.rerun()
        return None
    if st.button("← Terug naar het register", key="back"):
        open_party(None)
        st.rerun()
    st.title(plain(party["name"]))
    st.caption(" · ".join(register.badges(party)))
    if party["archived_at"] is not None:
        st.warning("Deze partij is gearchiveerd. Ze telt niet mee in overzichten.")
    return party


def general_tab(db: Database, party: dict[str, Any], year: int) -> None:
    """Whether it is a verbonden partij (art. 1 BBV), the facts, the BBV art. 15 checklist, the party form and
    the archive. The forms and the archive buttons share one copy of the party as this user opened it: a change
    someone else saved since is refused by each of them."""
    form = forms.opened(f"edit-{party['id']}", lambda: party)
    _determination(db, party, form)
    facts, checks = st.columns([3, 2])
    with facts:
        for label, value in register.facts(party):
            st.markdown(f"**{label}**  \n{_fact(label, value)}")
    with checks, st.container(border=True):
        st.subheader(f"BBV art. 15 — {year}")
        found = register.determine(party)
        if found.status != register.VERBONDEN:
            st.caption(
                "Niet van toepassing: art. 15 BBV vraagt deze gegevens alleen van verbonden partijen "
                f"({found.label.lower()})."
            )
        else:
            items = data.read(register.checklist, party["id"], year)
            missing = sum(not i["present"] for i in items)
            st.caption("Compleet" if not missing else f"{missing} van {len(items)} onderdelen ontbreken")
            for item in items:
                mark = ":material/check_circle: aanwezig" if item["present"] else ":material/cancel: ontbreekt"
                st.markdown(f"{mark} — {item['label']} ({item['reference']})")
            _risk_statement(db, party, year)
    if not state.may("register"):
        return
    _party_form(db, form)
    _archive(db, party, form)


def _risk_statement(db: Database, party: dict[str, Any], year: int) -> None:
    """Art. 15 lid 2e: which risks count, and the dated "geen materiële risico's" for this year (record or remove)."""
    rule = data.read(register.material_setting)
    st.caption(f"Telt als materieel risico: {rule['text']}.")
    found = [s for s in data.read(register.statements, party["id"]) if int(s["year"]) == int(year)]
    if found:
        st.markdown(plain(register.statement_text(found[0])))
        if state.may("register") and st.button("Vaststelling verwijderen", key=f"nmr-del-{party['id']}-{year}"):
            if forms.save(
                lambda: register.remove_no_material_risks(db, int(found[0]["id"]), state.actor()),
                "De vaststelling is verwijderd.",
            ):
                st.rerun()
        return
    if not state.may("register"):
        return
    expander = st.expander(f"Geen materiële risico's voor {year} vastleggen")
    with expander, st.form(f"nmr-{party['id']}-{year}", enter_to_submit=False):
        stated_on = st.date_input("Vastgesteld op", dt.date.today(), format="DD-MM-YYYY", key=f"nmr-on-{party['id']}")
        note = st.text_input("Toelichting (waarop berust dit?)", key=f"nmr-note-{party['id']}", max_chars=1000)
        if st.form_submit_button("Vastleggen") and forms.save(
            lambda: register.record_no_material_risks(db, party["id"], year, stated_on, note or None, state.actor()),
            f"Vastgelegd: geen materiële risico's voor {year}.",
        ):
            st.rerun()


def _determination(db: Database, party: dict[str, Any], form: forms.Opened) -> None:
    """The art. 1 BBV status with its reason and note, and the form that records the two belangen."""
    found = register.determine(party)
    show = {register.VERBONDEN: st.success, register.NOT_VERBONDEN: st.info}.get(found.status, st.warning)
    with st.container(border=True):
        st.subheader("Verbonden partij? (art. 1 BBV)")
        show(f"{found.label}. {found.reason}")
        if party.get("vp_notes"):
            st.text(party["vp_notes"])
        if not state.may("register"):
            return
        record = form.record
        with st.expander("Beoordeling vastleggen"), st.form(f"vp-{record['id']}", enter_to_submit=False):
            st.caption(
                "Een verbonden partij heeft zowel een bestuurlijk als een financieel belang (art. 1 BBV). "
                "Met maar één van beide is het een samenwerking; zolang een van beide niet is vastgelegd telt "
                "de partij nergens mee als verbonden partij."
            )
            values = forms.determination_fields(record, form.prefix, record["legal_form"] == "centrumregeling")
            if st.form_submit_button("Beoordeling opslaan", type="primary") and forms.save(
                lambda: register.save_determination(db, record["id"], values, state.actor(), original=record),
                "De beoordeling is opgeslagen.",
                form,
            ):
                st.rerun()


def _fact(label: str, value: str | None) -> str:
    """One fact as Markdown: the value as text, 'niet ingevuld' in italics, the source address as a link named by
    its host."""
    if value is None:
        return "_niet ingevuld_"
    if label != labels.FIELDS["party"]["source_url"]:
        return plain(value)
    host = value.split("://", 1)[-1].split("/", 1)[0]
    target = "".join(f"%{ord(c):02X}" if c in "()<> " else c for c in value)  # cannot end the link early
    return f"[{plain(host)}]({target})"


def _party_form(db: Database, form: forms.Opened) -> None:
    party_id = form.record["id"]
    with st.expander("Gegevens bewerken"), st.form(f"edit-{party_id}", enter_to_submit=False):
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
    frame = data.read(register.participants, party["id"])
    own = register.own_regeling_text(frame)
    if own:
        st.markdown(f"**{plain(own)}**")
    st.dataframe(register.participants_display(frame), hide_index=True, placeholder="—")


def representations_table(party: dict[str, Any]) -> None:
    st.dataframe(
        register.representations_display(data.read(register.representations, party["id"])),
        hide_index=True,
        placeholder="—",
    )


def finance_tab(db: Database, party: dict[str, Any], year: int) -> None:
    """The party's figures per year and a form for one year and kind, compared on save against the figures as
    this user opened them (none yet: figures someone else entered in between are refused, not overwritten)."""
    pid = party["id"]
    rows = data.read(register.party_years, pid)
    st.dataframe(register.years_display(rows), hide_index=True, placeholder="—")
    finance_ui.party_panel(party, year)  # kengetallen and open financial signals
    if state.may("register"):
        _year_form(db, party, rows, year)
    finance_ui.party_reserve(db, party, year)  # the reserve against the party's own norm


def _year_form(db: Database, party: dict[str, Any], rows: pd.DataFrame, year: int) -> None:
    pid = party["id"]
    st.subheader("Cijfers invoeren of wijzigen")
    c1, c2 = st.columns(2)
    known = sorted({*rows["year"].astype(int).tolist(), year})
    pick_year = c1.selectbox("Jaar", known + [known[-1] + 1], index=known.index(year), key=f"fy-{pid}")
    kinds = list(labels.YEAR_KINDS)
    stored = set(rows.loc[rows["year"].astype(int) == pick_year, "kind"])
    opens_on = next((k for k in reversed(kinds) if k in stored), kinds[0])  # the jaarrekening once there is one
    kind = c2.selectbox(
        "Soort", kinds, index=kinds.index(opens_on), format_func=labels.YEAR_KINDS.get, key=f"fk-{pid}-{pick_year}"
    )
    form = forms.opened(f"y-{pid}-{pick_year}-{kind}", lambda: register.get_year(db, pid, pick_year, kind))
    with st.form(f"year-{pid}-{pick_year}-{kind}", enter_to_submit=False):
        values = forms.year_fields(form.record, form.prefix)
        submitted = st.form_submit_button("Cijfers opslaan", type="primary")
        if submitted and forms.save(
            lambda: register.save_year(
                db, pid, {"year": pick_year, "kind": kind, **values}, state.actor(), original=form.record
            ),
            f"De cijfers {labels.YEAR_KINDS[kind].lower()} {pick_year} zijn opgeslagen.",
            form,
        ):
            st.rerun()
