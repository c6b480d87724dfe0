"""Sections of 'Kies uw organisatie': fill the register from the national register (or load the fictitious demo),
bring it in step with the national register, and add rwt parties. Streamlit only: what is taken over, replaced or
kept is governance.national's; these sections show its status and report."""

from __future__ import annotations

from typing import Any

import streamlit as st

from governance import demo, national
from governance.core import formatting
from governance.core.db import Database
from ui import data, forms, nav, state
from ui.text import plain


def _remember(report: national.Report) -> None:
    st.session_state[state.NATIONAL_REPORT] = report


def ensure_snapshot(db: Database, info: dict[str, Any]) -> None:
    """A fresh database first loads the national register shipped with the app; the page waits for it."""
    if info["snapshot"] is not None:
        return
    if not state.may("organisation"):
        st.info("Het landelijk register is nog niet geladen. Dat gebeurt zodra een beheerder deze pagina opent.")
        st.stop()
    with st.spinner("Landelijk register laden…"):
        if forms.save(lambda: national.ensure_national(db, state.actor()), "Het landelijk register is geladen."):
            st.rerun()
    st.stop()


def source_caption(info: dict[str, Any]) -> None:
    st.caption(
        f"Bron: landelijk register van gemeenschappelijke regelingen en overheidsorganisaties (ROO, "
        f"organisaties.overheid.nl), stand {formatting.date(info['snapshot']['retrieved'])}, via de open dataset "
        "Polder (CC0). Inwonertallen: CBS 2025."
    )


def situation(db: Database, info: dict[str, Any]) -> None:
    """What choosing does for this database (empty, demo only, a real register, not linked yet); a real register
    can be brought up to date here."""
    if info["empty"]:
        st.markdown(
            "Deze database is nog leeg. Kies de gemeente, provincie of waterschap waarvoor u de verbonden partijen "
            "bijhoudt. Het register wordt dan gevuld met elke gemeenschappelijke regeling die volgens het landelijk "
            "register nu geldt en waaraan uw organisatie deelneemt. Wat het landelijk register niet heeft (zoals "
            "financiële gegevens) blijft leeg en ziet u als ontbrekend onderdeel (BBV art. 15)."
        )
    elif info["demo_only"]:
        st.info(
            "Deze database bevat de fictieve demogemeente. Kiest u een organisatie, dan worden alle demogegevens in "
            "één keer vervangen door het register van uw organisatie; het logboek bewaart wat er stond."
        )
    elif info["real"]:
        ours = info["ours"]
        st.success(
            f"Dit register hoort bij **{plain(ours['name'])}** ({plain(ours['code'])}). {info['from_register']} van de "
            f"{info['parties']} partijen komen uit het landelijk register."
        )
        st.markdown(
            "Bijwerken neemt over wat het landelijk register sindsdien wijzigde en voegt nieuwe regelingen toe. "
            "Wat u zelf invoerde of wijzigde (cijfers, risico's, toelichting, vertegenwoordiging, aangepaste velden) "
            "blijft staan; beëindigde regelingen worden gemarkeerd, niet verwijderd."
        )
        if (
            state.may("organisation")
            and st.button("Bijwerken uit het landelijk register", type="primary")
            and forms.save(lambda: _remember(national.refresh(db, state.actor())), "Het register is bijgewerkt.")
        ):
            st.rerun()
    else:
        st.info(
            "Dit register is (nog) niet aan een organisatie gekoppeld. Kiest u uw organisatie, dan worden de "
            "regelingen uit het landelijk register die nog ontbreken toegevoegd; bestaande partijen blijven staan."
        )


def choose_organisation(db: Database, info: dict[str, Any]) -> None:
    """Pick a gemeente, provincie or waterschap, see its regelingen in force, and fill the register with them
    (replacing the demo only after a confirmation that says what goes)."""
    options = data.read(national.choices)
    choice_labels = dict(zip(options["code"], options["label"], strict=True))
    code = st.selectbox(
        "Uw gemeente, provincie of waterschap",
        list(choice_labels),
        index=None,
        format_func=choice_labels.get,
        placeholder="Typ een naam, bijvoorbeeld Borne of Waterschap Limburg",
        key="org-choice",
        help=f"{len(choice_labels)} gemeenten, provincies en waterschappen op hun officiële naam; de lijst zoekt "
        "terwijl u typt en toont de beste overeenkomst eerst.",
    )
    if not code:
        return
    found = data.read(national.regelingen_of, code)
    chosen = options.set_index("code").loc[code]
    name = chosen["name"]
    st.caption(plain(chosen["detail"]))
    st.subheader(f"{len(found)} regelingen in werking waarin {plain(name)} deelneemt")
    st.dataframe(national.preview(found), hide_index=True, placeholder="—")
    st.info(national.PRIVATE_NOT_IN_REGISTER)
    if not state.may("organisation"):  # a lezer may look; choosing is the beheerder's
        return
    confirmed = True
    if info["demo_only"]:
        removed = data.read(national.demo_contents)
        confirmed = st.checkbox(
            f"Ja, vervang de fictieve demogegevens ({removed['party']} partijen, {removed['risk']} risico's, "
            f"{removed['party_year']} jaarcijfers, {removed['representation']} vertegenwoordigingen)",
            key="org-confirm",
        )
    if st.button(
        f"Register vullen met deze {len(found)} regelingen", type="primary", disabled=not confirmed, key="org-adopt"
    ) and forms.save(
        lambda: _remember(national.adopt(db, code, state.actor())),
        f"Het register van {name} is gevuld uit het landelijk register.",
    ):
        st.rerun()


def demo_offer(db: Database) -> None:
    if not state.may("organisation"):
        return
    st.divider()
    st.markdown("Liever eerst rondkijken? Laad de **fictieve** demogemeente Gemeente Voorbeeld.")
    if st.button("Demogemeente laden", key="org-demo") and forms.save(
        lambda: demo.load(db), "De fictieve demogemeente is geladen."
    ):
        st.rerun()


def last_report() -> None:
    """What the last choice or update in this session did, and which register problems it met."""
    report = st.session_state.get(state.NATIONAL_REPORT)
    if report is None:
        return
    st.divider()
    st.subheader("Verslag van de laatste keuze of update")
    st.markdown(plain(report.headline()))  # names the organisation
    cols = st.columns(4)
    cols[0].metric("Regelingen in werking", report.in_force)
    cols[1].metric("Toegevoegd", report.count("nieuw"))
    cols[2].metric("Bijgewerkt", report.count("bijgewerkt"))
    cols[3].metric("Problemen", report.problem_count(), help="Bevindingen die uw oordeel of aanvulling vragen.")
    st.markdown("**Problemen: vragen uw aandacht**")
    _findings(report.problems(), "Geen problemen: niets vraagt uw oordeel of aanvulling.")
    st.markdown("**Ter informatie**")
    _findings(report.information(), "Niets te melden.")
    st.caption(
        f"Nooit in het landelijk register, dus door uw organisatie in te vullen: {national.NEVER_IN_REGISTER}. "
        + national.ONLY_ART15
    )
    st.page_link(nav.REGISTER, label="Naar het register", icon=":material/table_view:")


def _findings(frame: Any, empty: str) -> None:
    if frame.empty:
        st.caption(empty)
        return
    st.dataframe(
        frame,
        hide_index=True,
        column_config={
            "Soort": st.column_config.TextColumn(width=280),
            "Regeling": st.column_config.TextColumn(width=260),
            "Toelichting": st.column_config.TextColumn(width=440),
        },
        placeholder="—",
    )


def add_rwt(db: Database) -> None:
    """Search the register's rwt list (stichtingen, verenigingen, NV's, BV's) and add one as a party."""
    st.divider()
    st.subheader("Stichting, vereniging, NV of BV toevoegen")
    st.info(national.PRIVATE_NOT_IN_REGISTER, icon=":material/info:")
    st.caption(
        f"Uit de RWT-lijst van het landelijk register ({data.read(national.rwt_count)} organisaties). Het register "
        "kent geen aandeelhouders of deelnemers: die vult u daarna zelf aan."
    )
    needle = st.text_input("Zoek op naam of KvK-nummer", key="rwt-search", placeholder="bijv. Evides of een KvK-nummer")
    found = data.read(national.search_rwt, needle)
    shown = national.rwt_options(found)
    if needle.strip() and not shown:
        st.warning(f"Geen organisatie in de RWT-lijst met '{plain(needle.strip())}' in naam of KvK-nummer.")
    elif shown:
        pick = st.selectbox("Gevonden", list(shown), format_func=shown.get, key="rwt-pick")
        name = dict(zip(found["roo_id"], found["name"], strict=True))[pick]
        if (
            state.may("organisation")
            and st.button("Toevoegen als verbonden partij", key="rwt-add")
            and forms.save(lambda: national.add_rwt(db, pick, state.actor()), f"{name} is toegevoegd aan het register.")
        ):
            st.rerun()
