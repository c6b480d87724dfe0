"""The programme of a werkatelier (issue 16, point 1): the facilitator composes the day from exercises and opens
them one at a time (pages/werkatelier.py); the participant's phone shows the open exercise and follows when the
facilitator moves on (pages/deelnemer.py); the projector follows by itself, since opening a step sets what it
shows (governance.workshop.programme).

Without a programme the participant's page is as before: the participant picks the section."""

from __future__ import annotations

from typing import Any

import streamlit as st

from governance import workshop
from governance.core import db as core_db
from governance.core.access import Actor
from ui import data, forms, roleview, workshop_signals
from ui import workshop as participant

FOLLOW_EVERY = "3s"  # how soon a phone shows the next exercise; a check reads one cached row


def _moved(code: str) -> None:
    """After a step opened: the page runs again and shows it (the facilitator's 'Projector toont' control is keyed
    by the screen, so it shows the one the step chose; ui/facilitator.py)."""
    st.rerun()


# -- facilitator ---------------------------------------------------------------------------------------------
def facilitator_panel(db: core_db.Database, session: dict[str, Any], actor: Actor) -> None:
    """Compose the programme and open its steps one at a time."""
    code = session["code"]
    programme = data.read(workshop.programme_steps, session["id"])
    now = data.read(workshop.current_step, session["id"])
    title = f"Programma · open: stap {now['position']}, {now['name']}" if now else "Programma van de dag"
    with st.expander(title, expanded=bool(programme)):
        with st.form("ws-programme-form", enter_to_submit=False):
            chosen = st.multiselect(
                "Oefeningen, in de volgorde van de dag",
                list(workshop.EXERCISES),
                default=list(dict.fromkeys(s["exercise"] for s in programme)),
                format_func=workshop.EXERCISES.get,
                key="ws-programme",
                help="De deelnemers zien steeds alleen de oefening die u opent; de projector toont haar ook.",
            )
            if st.form_submit_button("Programma opslaan") and forms.save(
                lambda: workshop.set_programme(db, code, chosen, actor), "Het programma is opgeslagen."
            ):
                st.rerun()
        if not programme:
            st.caption("Zonder programma kiezen deelnemers zelf wat ze doen: scoren, voorstellen of krachtenveld.")
            return
        for step in programme:
            is_open = now is not None and now["position"] == step["position"]
            left, right = st.columns([4, 1], vertical_alignment="center")
            line = f"Stap {step['position']} · {step['name']}"  # names from EXERCISES, never user text
            left.markdown(f"**● {line} (open)**" if is_open else line)
            if right.button(
                "Openen", key=f"ws-step-{step['position']}", disabled=is_open, width="stretch"
            ) and forms.save(
                lambda p=step["position"]: workshop.open_step(db, code, p, actor), f"Geopend: {step['name']}."
            ):
                _moved(code)
        c1, c2 = st.columns(2)
        if c1.button("Volgende oefening", key="ws-step-next", type="primary", width="stretch") and forms.save(
            lambda: workshop.next_step(db, code, actor), "De volgende oefening is geopend."
        ):
            _moved(code)
        if c2.button("Pauze (alles sluiten)", key="ws-step-pause", width="stretch") and forms.save(
            lambda: workshop.open_step(db, code, None, actor), "Pauze: alle oefeningen zijn gesloten."
        ):
            _moved(code)


# -- participant ---------------------------------------------------------------------------------------------
@st.fragment(run_every=FOLLOW_EVERY)
def _follow(session_id: int, shown: int | None) -> None:
    """The phone's check: when the facilitator opened another step, the whole page runs again and shows it."""
    now = data.read(workshop.current_step, session_id)
    if (now or {}).get("position") != shown:
        st.rerun()


def participant_view(db: core_db.Database, session: dict[str, Any], me: dict[str, Any], token: str) -> bool:
    """With a programme: the open exercise only (or a pause), following the facilitator; returns False without a
    programme, when the page shows its sections as before."""
    if not data.read(workshop.programme_steps, session["id"]):
        return False
    now = data.read(workshop.current_step, session["id"])
    _follow(session["id"], now["position"] if now else None)
    participant.who_line(me)
    if now is None:
        st.info("Even pauze. Zodra de facilitator de volgende oefening opent, verschijnt die hier vanzelf.")
        return True
    st.caption(f"Oefening {now['position']} van {now['of']}: {now['name']}")
    exercise = now["exercise"]
    if exercise == "rollen":
        roleview.participant_section(db, session, me, token)
    elif exercise == "signalen":
        workshop_signals.participant_section(db, session, me, token)
    elif exercise == "voorstellen":
        participant.proposals(db, session, me, token)
    elif exercise == "krachtenveld":
        participant.forces(db, session, me, token)
    else:
        participant.score_items(db, session, me, token)
    return True
