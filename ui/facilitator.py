"""The facilitator's side of the werkatelier (pages/werkatelier.py): the gate (the signed-in user's role must
allow 'workshop': facilitator or beheerder), the address setting, and the page's sections.
"""

from __future__ import annotations

import urllib.parse

import pandas as pd
import streamlit as st

from governance import register, workshop
from governance.core import db as core_db
from governance.core import labels
from governance.core.access import Actor
from governance.core.errors import DomainError
from ui import agenda, data, forms, state
from ui.text import cells, plain

CHOSEN = "ws-code"  # session key: the join code of the session the facilitator is steering
ADDRESS_FORM = "ws-base-url"  # forms.opened key of the 'Adres van de app' form


def is_facilitator() -> bool:
    return state.may("workshop")


def join_with_code(db: core_db.Database) -> None:
    """For a participant without the link or QR code: type the code from the projector, go to the session."""
    with st.form("ws-join-code", enter_to_submit=False):
        code = st.text_input(
            "Deelnemen? Vul de code in die de facilitator toont", max_chars=12, placeholder="bijvoorbeeld K7PQ2M"
        )
        if st.form_submit_button("Deelnemen"):
            try:
                found = workshop.open_session(db, code)
            except DomainError as exc:
                st.error(plain(str(exc)))  # names the code as typed
            else:
                st.query_params[state.SESSION_PARAM] = found["code"]
                st.rerun()


def require(db: core_db.Database) -> None:
    """Only a facilitator (or beheerder) steers werkateliers; others see why, and participants who arrive here
    can still join with the code."""
    if is_facilitator():
        return
    st.title("Werkatelier")
    join_with_code(db)
    st.info(
        "Alleen een facilitator of beheerder kan werkateliers aanmaken en besturen. Deelnemers gebruiken de "
        "deelnamelink, de QR-code of de code hierboven."
    )
    st.stop()


def origin() -> str | None:
    """scheme://host:port of the address this page was opened with: the join link's fallback."""
    here = st.context.url
    if not here:
        return None
    parts = urllib.parse.urlsplit(here)
    return f"{parts.scheme}://{parts.netloc}"


def settings(db: core_db.Database, fallback_url: str | None) -> None:
    """Beheer: the address participants use to reach the app."""
    with st.expander("Beheer: adres van de app"):
        address_form(db, fallback_url)


def address_form(db: core_db.Database, fallback_url: str | None) -> None:
    """The address setting as this facilitator opened it: a save over someone else's newer address is refused."""
    form = forms.opened(ADDRESS_FORM, lambda: workshop.base_url_row(db))
    with st.form("fac-url", enter_to_submit=False):
        url = st.text_input(
            "Adres van de app voor deelnemers",
            workshop.address(form.record, fallback_url),
            help="Het adres dat deelnemers op hun telefoon kunnen openen, bijvoorbeeld "
            "http://10.0.0.12:8501 of https://vp.gemeente.nl. Zonder instelling wordt het adres "
            "gebruikt waarmee u deze pagina opende.",
            key=f"{form.prefix}-url",
        )
        if st.form_submit_button("Adres opslaan") and forms.save(
            lambda: workshop.set_base_url(db, url, state.actor(), form.record), "Het adres is opgeslagen.", form
        ):
            st.rerun()


def new_session_form(db: core_db.Database) -> None:
    risks = data.read(workshop.risk_choices)
    parties = data.read(register.parties)
    with st.form("ws-new", enter_to_submit=False):
        title = st.text_input("Titel *", "Werkatelier Governance, Regie en Samenwerking")
        name = st.text_input("Naam facilitator *", state.actor().name)
        risk_names = dict(zip(risks["id"], risks["label"], strict=True))
        chosen_risks = st.multiselect(
            "Risico's om te scoren", list(risk_names), format_func=risk_names.get, placeholder="Kies risico's"
        )
        party_names = dict(zip(parties["id"], parties["name"], strict=True))
        chosen_parties = st.multiselect(
            "Verbonden partijen om als geheel te scoren (risicoprofiel)",
            list(party_names),
            format_func=party_names.get,
            placeholder="Kies partijen",
        )
        casus = st.text_area("Casus (optioneel, deelnemers zien deze tekst)")
        perspectives = st.text_area("Perspectieven (één per regel)", "\n".join(labels.WORKSHOP_PERSPECTIVES))
        dots = st.number_input("Stippen per deelnemer voor de voorstellen", 1, 20, 3)
        if st.form_submit_button("Werkatelier aanmaken", type="primary"):
            created: dict = {}
            values = {
                "title": title,
                "facilitator": name,
                "risk_ids": chosen_risks,
                "party_ids": chosen_parties,
                "casus": casus,
                "perspectives": perspectives,
                "dots": dots,
            }
            if forms.save(lambda: created.update(workshop.create_session(db, values, state.actor())), ""):
                st.session_state[CHOSEN] = created["code"]
                state.flash(f"Werkatelier aangemaakt met code {created['code']}.")
                st.rerun()


def choose_session(db: core_db.Database) -> dict:
    """'Nieuw werkatelier' and the picker of the session to steer; stops the page while there is none."""
    table = data.read(workshop.sessions)
    codes = list(table["code"])
    titles = {r.code: f"{r.code} — {r.title} ({r.status}, {r.participants} deelnemers)" for r in table.itertuples()}
    with st.expander("Nieuw werkatelier", expanded=not codes):
        new_session_form(db)
    if not codes:
        st.stop()
    wanted = st.session_state.get(CHOSEN)
    index = codes.index(wanted) if wanted in codes else 0
    code = st.selectbox("Werkatelier", codes, index=index, format_func=titles.get)
    st.session_state[CHOSEN] = code
    return workshop.get_session(db, code)


LIVE_REFRESH = "2s"  # the facilitator's counters follow the votes as the projector does (pages/projector.py)


@st.fragment(run_every=LIVE_REFRESH)
def metrics(session_id: int) -> None:
    """The live counters: only this fragment reruns every LIVE_REFRESH, reading the cached live model (it is
    read again only after a write to the workshop's tables)."""
    model = data.read(workshop.live, session_id)
    session = model["session"]
    m = st.columns(4)
    m[0].metric("Deelnemers", model["counts"]["participants"])
    m[1].metric(f"Stemmen ronde {session['round']}", model["counts"]["votes"])
    m[2].metric("Ronde", f"{session['round']} ({'open' if session['round_open'] else 'gesloten'})")
    m[3].metric("Stemmen op scherm", "getoond" if session["revealed"] else "verborgen")


def join_panel(db: core_db.Database, session: dict, fallback_url: str | None) -> None:
    code = session["code"]
    base = workshop.base_url(db, fallback_url)
    link = workshop.join_link(base, code)
    left, right = st.columns([2, 1])
    with left:
        st.markdown(f"Deelnamecode: **{plain(code)}**")
        st.code(link, language=None)
        if "localhost" in link or "127.0.0.1" in link:
            st.warning(
                "Dit adres werkt alleen op deze computer. Stel onder *Beheer* het adres in dat deelnemers op hun "
                "telefoon kunnen openen."
            )
        projector = f"{base}/?sessie={code}&weergave=projector&sleutel={workshop.projector_key(db, code)}"
        st.link_button("Projector openen (nieuw venster)", projector, type="primary")
        st.caption("Zet het projectorvenster op het scherm; u bestuurt het vanaf deze pagina.")
    right.image(
        workshop.qr_png(link),
        caption="QR-code naar de deelnamelink",
        width=220,
        alt=f"QR-code naar de deelnamelink {link}",
    )


def controls(db: core_db.Database, session: dict, actor: str) -> None:
    code = session["code"]
    screen = st.segmented_control(
        "Projector toont",
        list(workshop.SCREENS),
        format_func=workshop.SCREENS.get,
        default=session["screen"],
        key=f"ws-screen-{code}-{session['screen']}",  # a new control when the screen changed elsewhere (a step
        # of the programme, another device): its old pick is never written back
    )
    if screen and screen != session["screen"]:
        forms.save(lambda: workshop.set_screen(db, code, screen, actor), f"Projector: {workshop.SCREENS[screen]}.")
        st.rerun()
    is_open = session["status"] == "open"
    buttons = [
        (
            "Ronde sluiten" if session["round_open"] else "Ronde openen",
            lambda: workshop.set_round_open(db, code, not session["round_open"], actor),
        ),
        (
            "Stemmen verbergen" if session["revealed"] else "Stemmen tonen",
            lambda: workshop.set_revealed(db, code, not session["revealed"], actor),
        ),
        (f"Ronde {session['round'] + 1} starten", lambda: workshop.next_round(db, code, actor)),
        (
            "Voorstellen sluiten" if session["proposals_open"] else "Voorstellen openen",
            lambda: workshop.set_proposals_open(db, code, not session["proposals_open"], actor),
        ),
        (
            "Werkatelier sluiten" if is_open else "Heropenen",
            lambda: (workshop.close_session if is_open else workshop.reopen_session)(db, code, actor),
        ),
    ]
    for col, (label, action) in zip(st.columns(5), buttons, strict=True):
        if col.button(label, key=f"ws-{label}", width="stretch") and forms.save(action, f"Gedaan: {label.lower()}."):
            st.rerun()


def consensus(db: core_db.Database, session: dict, model: dict, actor: str) -> None:
    st.subheader(f"Scores ronde {session['round']}")
    st.table(cells(workshop.item_table(model["items"], model["ranking"], revealed=True)), hide_index=True)
    items = model["items"]
    names = {int(r.id): f"{r.position}. {r.label}" for r in items.itertuples()}
    with st.form("ws-consensus", enter_to_submit=False):
        st.markdown("**Consensusscore vastleggen**")
        item_id = st.selectbox("Onderwerp", list(names), format_func=names.get)
        scale = workshop.scale(db)
        c1, c2 = st.columns(2)
        lik = c1.number_input("Kans", 1, scale.levels[0], None, help="Leeg laten: voorgestelde mediaan")
        imp = c2.number_input("Impact", 1, scale.levels[1], None, help="Leeg laten: voorgestelde mediaan")
        back = st.radio(
            "Terugschrijven naar het risicoregister",
            ["niet", "net", "gross"],
            format_func={"niet": "Niet", "net": "Als netto kans en impact", "gross": "Als bruto kans en impact"}.get,
            horizontal=True,
        )
        if st.form_submit_button("Consensus vastleggen", type="primary"):
            lik, imp = workshop.consensus_or_proposal(model["stats"], item_id, lik, imp)
            if forms.save(
                lambda: workshop.lock_consensus(
                    db, session["code"], item_id, lik, imp, actor, None if back == "niet" else back
                ),
                f"Consensus vastgelegd voor {names[item_id]}.",
            ):
                st.rerun()
    locked = items[items["locked_at"].notna()]
    if not locked.empty:
        st.caption(
            "Vastgelegd: "
            + "; ".join(
                f"{r.position}: kans {r.consensus_likelihood}, impact {r.consensus_impact}" for r in locked.itertuples()
            )
        )


def forces(db: core_db.Database, session: dict, actor: str) -> None:
    code = session["code"]
    label = "Voorstellen van deelnemers sluiten" if session["forces_open"] else "Deelnemers laten voorstellen"
    if st.button(label, key="ws-forces-open") and forms.save(
        lambda: workshop.set_forces_open(db, code, not session["forces_open"], actor),
        "Deelnemers kunnen belanghebbenden voorstellen." if not session["forces_open"] else "Voorstellen gesloten.",
    ):
        st.rerun()
    _proposed_stakeholders(db, session, actor)
    with st.form("ws-stakeholder", clear_on_submit=True, enter_to_submit=False):
        st.markdown("**Belanghebbende toevoegen**")
        c1, c2, c3, c4 = st.columns([3, 1, 1, 2])
        name = c1.text_input("Naam *")
        influence = c2.number_input("Invloed (1–5)", 1, 5, 3)
        interest = c3.number_input("Belang (1–5)", 1, 5, 3)
        attitude = c4.radio("Houding", list(labels.ATTITUDES), format_func=labels.ATTITUDES.get, horizontal=True)
        c5, c6 = st.columns([1, 2])
        side = c5.radio("Krachtenveld", list(workshop.SIDES), format_func=workshop.SIDES.get, horizontal=True)
        notes = c6.text_input("Toelichting")
        if st.form_submit_button("Toevoegen"):
            values = {
                "name": name, "influence": influence, "interest": interest, "attitude": attitude, "notes": notes,
                "side": side,
            }  # fmt: skip
            if forms.save(
                lambda: workshop.save_stakeholder(db, code, values, actor),
                f"{name} staat op het krachtenveld.",
            ):
                st.rerun()
    table = data.read(workshop.stakeholders, session["id"])
    for side, title in workshop.SIDES.items():
        shown = table[table["side"] == side]
        if shown.empty:
            continue
        st.markdown(f"**{title}**")
        st.plotly_chart(workshop.krachtenveld(shown, height=480, font_size=15), key=f"ws-forces-{side}")
        for r in shown.itertuples():
            c1, c2 = st.columns([5, 1])
            c1.markdown(
                f"{plain(r.name)}: invloed {r.influence}, belang {r.interest}, {labels.ATTITUDES[r.attitude].lower()}"
            )
            if c2.button("Verwijderen", key=f"ws-del-{r.id}") and forms.save(
                lambda sid=r.id: workshop.delete_stakeholder(db, code, sid, actor), "Verwijderd."
            ):
                st.rerun()


def _proposed_stakeholders(db: core_db.Database, session: dict, actor: str) -> None:
    """The participants' proposals waiting for a decision: accept puts one on the krachtenveld."""
    waiting = data.read(workshop.stakeholders, session["id"], "voorgesteld")
    if waiting.empty:
        return
    st.markdown(f"**Voorgesteld door deelnemers ({len(waiting)})**")
    for r in waiting.itertuples():
        c1, c2, c3 = st.columns([5, 1, 1])
        c1.markdown(
            f"{plain(r.name)} — {workshop.SIDES[r.side].lower()}: invloed {r.influence}, belang {r.interest}, "
            f"{labels.ATTITUDES[r.attitude].lower()}"
        )
        if c2.button("Overnemen", key=f"ws-acc-{r.id}") and forms.save(
            lambda sid=r.id: workshop.decide_stakeholder(db, session["code"], sid, True, actor),
            f"{r.name} staat op het krachtenveld.",
        ):
            st.rerun()
        if c3.button("Afwijzen", key=f"ws-rej-{r.id}") and forms.save(
            lambda sid=r.id: workshop.decide_stakeholder(db, session["code"], sid, False, actor), "Niet overgenomen."
        ):
            st.rerun()


def results(db: core_db.Database, session: dict) -> None:
    st.write("Scores, spreiding, consensus, voorstellen en krachtenveld van dit werkatelier.")
    c1, c2 = st.columns(2)
    c1.download_button(
        "Excel downloaden",
        data=lambda: workshop.to_excel(db, session["id"]),
        file_name=f"werkatelier-{session['code']}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    c2.download_button(
        "Samenvatting (HTML) downloaden",
        data=lambda: workshop.summary_html(db, session["id"]),
        file_name=f"werkatelier-{session['code']}.html",
        mime="text/html",
    )
    agenda.accept_proposals(db, session)  # ranked verbetervoorstellen onto a party's ontwikkelagenda


JOIN_RATE_FORM = "ws-join-rate"  # forms.opened key of the 'Aanmeldingen per minuut' form


def participants(db: core_db.Database, session: dict, actor: Actor) -> None:
    """Who takes part (label, name, joined at, votes and dots), removing one, and the limits on joining."""
    table = data.read(workshop.participant_table, session["id"])
    st.subheader(f"Deelnemers ({len(table)})")
    if table.empty:
        st.caption("Nog geen deelnemers.")
    else:
        st.dataframe(table, hide_index=True, placeholder="—")
        remove_form(db, session, table, actor)
    left, right = st.columns(2)
    with left:
        cap_form(db, session, actor)
    with right:
        join_rate_form(db)


def remove_form(db: core_db.Database, session: dict, table: pd.DataFrame, actor: Actor) -> None:
    names = {int(i): f"{r['Deelnemer']} {r['Naam']}".strip() for i, r in table.iterrows()}
    with st.form("ws-remove", enter_to_submit=False):
        chosen = st.selectbox(
            "Deelnemer verwijderen", list(names), format_func=names.get, index=None, placeholder="Kies een deelnemer"
        )
        st.caption(
            "De stemmen en stippen van deze deelnemer tellen daarna niet meer mee, en de deelnamelink van deze "
            "deelnemer werkt niet meer. Dit wordt vastgelegd in het logboek."
        )
        if st.form_submit_button("Deelnemer verwijderen"):
            if chosen is None:
                st.error("Kies eerst de deelnemer die u wilt verwijderen.")
                return
            done: dict = {}
            if forms.save(lambda: done.update(workshop.remove_participant(db, session["code"], chosen, actor)), ""):
                who = done["label"][:1].upper() + done["label"][1:]
                counted = f"{done['votes']} stemmen en {done['dots']} stippen"
                state.flash(f"{who} is verwijderd; {counted} tellen niet meer mee.")
                st.rerun()


def cap_form(db: core_db.Database, session: dict, actor: Actor) -> None:
    cap = session.get("max_participants") or 0
    with st.form("ws-cap", enter_to_submit=False):
        value = st.number_input(
            "Maximum aantal deelnemers (0 = geen maximum)",
            min_value=0,
            max_value=1000,
            value=int(cap),
            step=1,
            key=f"ws-cap-{session['code']}-v{session['version']}",
        )
        if st.form_submit_button("Maximum opslaan") and forms.save(
            lambda: workshop.set_max_participants(db, session["code"], value, actor), "Het maximum is opgeslagen."
        ):
            st.rerun()


def join_rate_form(db: core_db.Database) -> None:
    """The join rate as this facilitator opened it: a save over someone else's newer value is refused."""
    form = forms.opened(JOIN_RATE_FORM, lambda: workshop.join_rate_row(db))
    with st.form("ws-rate", enter_to_submit=False):
        rate = st.number_input(
            "Aanmeldingen per minuut per werkatelier",
            min_value=1,
            max_value=1000,
            value=workshop.rate_of(form.record),
            step=1,
            help="Geldt voor alle werkateliers. Wie zich daarboven aanmeldt, krijgt het verzoek het over een minuut "
            f"opnieuw te proberen. Standaard {workshop.JOIN_RATE_DEFAULT}.",
            key=f"{form.prefix}-rate",
        )
        if st.form_submit_button("Opslaan") and forms.save(
            lambda: workshop.set_join_rate(db, rate, state.actor(), form.record),
            "Het aantal aanmeldingen per minuut is opgeslagen.",
            form,
        ):
            st.rerun()
