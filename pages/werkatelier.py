"""Werkatelier, facilitator page: create a session, show the join code, steer rounds and the projector,
lock consensus scores, keep the krachtenveld, download the results. Behind the facilitator password."""

import urllib.parse

import streamlit as st

from governance import register, workshop
from governance.core import labels
from ui import data, facilitator, forms, nav, state

nav.require_shell()

db = data.database()
facilitator.require(db)
state.show_flash()

st.title("Werkatelier")
here = st.context.url
origin = None
if here:
    parts = urllib.parse.urlsplit(here)
    origin = f"{parts.scheme}://{parts.netloc}"


def new_session_form() -> None:
    risks = data.read(workshop.risk_choices)
    parties = data.read(register.parties)
    with st.form("ws-new"):
        title = st.text_input("Titel *", "Werkatelier Governance, Regie en Samenwerking")
        name = st.text_input("Naam facilitator *", state.actor() if st.session_state.get(state.ACTOR) else "")
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
            if forms.save(lambda: created.update(workshop.create_session(db, values, name or state.actor())), ""):
                st.session_state["ws-code"] = created["code"]
                state.flash(f"Werkatelier aangemaakt met code {created['code']}.")
                st.rerun()


def join_panel(session: dict) -> None:
    code = session["code"]
    link = workshop.join_link(workshop.base_url(db, origin), code)
    left, right = st.columns([2, 1])
    with left:
        st.markdown(f"Deelnamecode: **{code}**")
        st.code(link, language=None)
        if "localhost" in link or "127.0.0.1" in link:
            st.warning(
                "Dit adres werkt alleen op deze computer. Stel onder *Beheer* het adres in dat deelnemers op hun "
                "telefoon kunnen openen."
            )
        key = workshop.projector_key(db, code)
        projector = f"{workshop.base_url(db, origin)}/?sessie={code}&weergave=projector&sleutel={key}"
        st.link_button("Projector openen (nieuw venster)", projector, type="primary")
        st.caption("Zet het projectorvenster op het scherm; u bestuurt het vanaf deze pagina.")
    right.image(workshop.qr_png(link), caption="QR-code naar de deelnamelink", width=220)


def controls(session: dict, actor: str) -> None:
    code = session["code"]
    screen = st.segmented_control(
        "Projector toont",
        list(workshop.SCREENS),
        format_func=workshop.SCREENS.get,
        default=session["screen"],
        key=f"ws-screen-{code}",
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


def consensus(session: dict, model: dict, actor: str) -> None:
    st.subheader(f"Scores ronde {session['round']}")
    st.table(workshop.item_table(model["items"], model["ranking"], revealed=True), hide_index=True)
    items = model["items"]
    names = {int(r.id): f"{r.position}. {r.label}" for r in items.itertuples()}
    with st.form("ws-consensus"):
        st.markdown("**Consensusscore vastleggen**")
        item_id = st.selectbox("Onderwerp", list(names), format_func=names.get)
        scale = workshop.scale(db)
        stats = model["stats"].set_index("item_id") if not model["stats"].empty else None
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
            if stats is not None and item_id in stats.index:
                lik = lik or int(stats.loc[item_id, "proposed_likelihood"])
                imp = imp or int(stats.loc[item_id, "proposed_impact"])
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


def forces(session: dict, actor: str) -> None:
    table = data.read(workshop.stakeholders, session["id"])
    with st.form("ws-stakeholder", clear_on_submit=True):
        st.markdown("**Belanghebbende toevoegen**")
        c1, c2, c3, c4 = st.columns([3, 1, 1, 2])
        name = c1.text_input("Naam *")
        influence = c2.number_input("Invloed (1–5)", 1, 5, 3)
        interest = c3.number_input("Belang (1–5)", 1, 5, 3)
        attitude = c4.radio("Houding", list(labels.ATTITUDES), format_func=labels.ATTITUDES.get, horizontal=True)
        notes = st.text_input("Toelichting")
        if st.form_submit_button("Toevoegen"):
            values = {"name": name, "influence": influence, "interest": interest, "attitude": attitude, "notes": notes}
            if forms.save(
                lambda: workshop.save_stakeholder(db, session["code"], values, actor),
                f"{name} staat op het krachtenveld.",
            ):
                st.rerun()
    if table.empty:
        return
    st.plotly_chart(workshop.krachtenveld(table, height=480, font_size=15))
    for r in table.itertuples():
        c1, c2 = st.columns([5, 1])
        c1.write(f"{r.name}: invloed {r.influence}, belang {r.interest}, {labels.ATTITUDES[r.attitude].lower()}")
        if c2.button("Verwijderen", key=f"ws-del-{r.id}") and forms.save(
            lambda sid=r.id: workshop.delete_stakeholder(db, session["code"], sid, actor), "Verwijderd."
        ):
            st.rerun()


def results(session: dict) -> None:
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


facilitator.settings(db, origin)
table = data.read(workshop.sessions)
codes = list(table["code"])
titles = {r.code: f"{r.code} — {r.title} ({r.status}, {r.participants} deelnemers)" for r in table.itertuples()}
with st.expander("Nieuw werkatelier", expanded=not codes):
    new_session_form()
if not codes:
    st.stop()
wanted = st.session_state.get("ws-code")
code = st.selectbox("Werkatelier", codes, index=codes.index(wanted) if wanted in codes else 0, format_func=titles.get)
st.session_state["ws-code"] = code
session = workshop.get_session(db, code)
actor = session["facilitator"]
model = data.read(workshop.live, session["id"])
counts = model["counts"]
m = st.columns(4)
m[0].metric("Deelnemers", counts["participants"])
m[1].metric(f"Stemmen ronde {session['round']}", counts["votes"])
m[2].metric("Ronde", f"{session['round']} ({'open' if session['round_open'] else 'gesloten'})")
m[3].metric("Stemmen op scherm", "getoond" if session["revealed"] else "verborgen")
tabs = st.tabs(["Deelnemen en projector", "Scores en consensus", "Krachtenveld", "Resultaten"])
with tabs[0]:
    join_panel(session)
    controls(session, actor)
with tabs[1]:
    consensus(session, model, actor)
with tabs[2]:
    forces(session, actor)
with tabs[3]:
    results(session)
