"""Register: search and filter the verbonden partijen; open one to see and edit it (?partij=<code>)."""

import datetime as dt

import streamlit as st

from governance import io, register
from governance.core import labels
from ui import data, forms, nav, riskforms, roleforms, state

nav.require_shell()

db = data.database()
year = st.session_state[state.YEAR]
code = st.query_params.get(state.PARTY_PARAM)
state.show_flash()


def open_party(party_code: str | None) -> None:
    forms.forget()  # a party opened again starts from what is stored now
    if party_code:
        st.query_params[state.PARTY_PARAM] = party_code
    else:
        st.query_params.pop(state.PARTY_PARAM, None)


def party_list() -> None:
    st.title("Register verbonden partijen")
    table = data.read(register.register_table, year, include_archived=True)
    asked = st.query_params.get("kolom")
    with st.container(border=True):
        search = st.text_input("Zoeken", placeholder="naam, plaats, KvK-nummer of openbaar belang", key="reg-search")
        c1, c2, c3, c4 = st.columns(4)
        cats = c1.multiselect(
            "BBV-categorie",
            list(labels.BBV_CATEGORIES),
            format_func=labels.BBV_CATEGORIES.get,
            placeholder="Alle categorieën",
        )
        forms_ = c2.multiselect(
            "Rechtsvorm", list(labels.LEGAL_FORMS), format_func=labels.LEGAL_FORMS.get, placeholder="Alle rechtsvormen"
        )
        domains = c3.multiselect(
            "Beleidsveld", sorted(table["policy_domain"].dropna().unique()), placeholder="Alle beleidsvelden"
        )
        statuses = c4.multiselect(
            "Status", list(labels.PARTY_STATUS), format_func=labels.PARTY_STATUS.get, placeholder="Alle statussen"
        )
        c5, c6, c7 = st.columns([2, 1, 1], vertical_alignment="bottom")
        measure = (
            c5.segmented_control(
                "Bedrag in de tabel",
                list(register.MEASURES),
                format_func=lambda m: register.MEASURES[m][0],
                default=asked if asked in register.MEASURES else "bijdrage",
                key="reg-measure",
            )
            or "bijdrage"
        )
        only_gaps = c6.toggle(
            f"Alleen onvolledig ({year})",
            key="reg-gaps",
            value=st.query_params.get("bbv") == "onvolledig",
            help="Alleen partijen waarvan gegevens ontbreken die art. 15 lid 2 BBV voorschrijft.",
        )
        archived = c7.toggle("Ook gearchiveerde", key="reg-archived")
    shown = register.filter_parties(table, search, cats, forms_, domains, statuses)
    if not archived:
        shown = shown[shown["archived_at"].isna()]
    if only_gaps:
        shown = shown[shown["missing_count"] > 0]
    if asked in register.MEASURES:  # arrived from a key figure: largest first
        shown = shown.sort_values(register.MEASURES[measure][1], ascending=False, na_position="last")
    counted, download = st.columns([3, 1], vertical_alignment="center")
    counted.caption(f"{len(shown)} van {int(table['archived_at'].isna().sum())} verbonden partijen")
    download.download_button(
        "Exporteer naar Excel",
        data=lambda: io.workbook_bytes(db),
        file_name=f"verbonden-partijen-{dt.date.today():%Y%m%d}.xlsx",
        mime=io.XLSX_MIME,
        on_click="ignore",
        icon=":material/download:",
        help="Het hele register (alle partijen, ook buiten dit filter) met cijfers, personen en risico's.",
    )
    shown_table = register.display(shown, year, measure)
    event = st.dataframe(
        shown_table,
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
    with st.expander("Nieuwe verbonden partij toevoegen"), st.form("new-party", clear_on_submit=False):
        values = forms.party_fields(None, "new")
        if st.form_submit_button("Toevoegen", type="primary") and forms.save(
            lambda: register.create_party(db, values, state.actor()), f"{values['name']} is toegevoegd."
        ):
            st.rerun()


def party_detail(party_code: str) -> None:
    party = data.read(register.party_by_code, party_code)
    if party is None:
        st.error(f"Er is geen verbonden partij met code '{party_code}'.")
        if st.button("Terug naar het register"):
            open_party(None)
            st.rerun()
        return
    if st.button("← Terug naar het register", key="back"):
        open_party(None)
        st.rerun()
    st.title(party["name"])
    st.caption(" · ".join(register.badges(party)))
    if party["archived_at"] is not None:
        st.warning("Deze partij is gearchiveerd. Ze telt niet mee in overzichten.")
    tabs = st.tabs(["Algemeen", "Deelnemers", "Financiën", "Vertegenwoordiging", "Risico's"])
    with tabs[0]:
        general_tab(party)
    with tabs[1]:
        st.dataframe(register.participants_display(data.read(register.participants, party["id"])), hide_index=True)
    with tabs[2]:
        finance_tab(party)
    with tabs[3]:
        st.dataframe(
            register.representations_display(data.read(register.representations, party["id"])), hide_index=True
        )
        roleforms.party_roles_panel(db, party)
    with tabs[4]:
        riskforms.party_risks_tab(db, party)


def general_tab(party: dict) -> None:
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
    with st.expander("Gegevens bewerken"), st.form(f"edit-{party['id']}"):
        form = forms.opened(f"edit-{party['id']}", lambda: party)
        values = forms.party_fields(form.record, form.prefix)
        if st.form_submit_button("Opslaan", type="primary") and forms.save(
            lambda: register.update_party(db, party["id"], values, state.actor(), original=form.record),
            "De wijzigingen zijn opgeslagen.",
            form,
        ):
            st.rerun()
    with st.expander("Archiveren" if party["archived_at"] is None else "Terugzetten uit archief"):
        reason = st.text_input("Reden (komt in het logboek)", key=f"reason-{party['id']}")
        if party["archived_at"] is None:
            st.caption("Archiveren verwijdert niets: de partij en haar cijfers blijven bewaard.")
            if st.button("Archiveren", key=f"archive-{party['id']}") and forms.save(
                lambda: register.archive_party(db, party["id"], state.actor(), party, reason or None),
                f"{party['name']} is gearchiveerd.",
            ):
                st.rerun()
        elif st.button("Terugzetten", key=f"restore-{party['id']}") and forms.save(
            lambda: register.restore_party(db, party["id"], state.actor(), party, reason or None),
            f"{party['name']} is teruggezet.",
        ):
            st.rerun()


def finance_tab(party: dict) -> None:
    rows = data.read(register.party_years, party["id"])
    st.dataframe(register.years_display(rows), hide_index=True)
    st.subheader("Cijfers invoeren of wijzigen")
    c1, c2 = st.columns(2)
    known = sorted({*rows["year"].astype(int).tolist(), year})
    pick_year = c1.selectbox("Jaar", known + [known[-1] + 1], index=known.index(year), key=f"fy-{party['id']}")
    kind = c2.selectbox("Soort", list(labels.YEAR_KINDS), format_func=labels.YEAR_KINDS.get, key=f"fk-{party['id']}")
    form = forms.opened(
        f"y-{party['id']}-{pick_year}-{kind}", lambda: register.get_year(db, party["id"], pick_year, kind)
    )
    with st.form(f"year-{party['id']}-{pick_year}-{kind}"):
        values = forms.year_fields(form.record, form.prefix)
        if st.form_submit_button("Cijfers opslaan", type="primary") and forms.save(
            lambda: register.save_year(
                db, party["id"], {"year": pick_year, "kind": kind, **values}, state.actor(), original=form.record
            ),
            f"De cijfers {labels.YEAR_KINDS[kind].lower()} {pick_year} zijn opgeslagen.",
            form,
        ):
            st.rerun()


if code:
    party_detail(code)
else:
    party_list()
