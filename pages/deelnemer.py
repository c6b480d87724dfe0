"""Werkatelier, participant view (?sessie=CODE): join with a perspective, score each item, propose and vote.

The participant's token lives in the URL (?deelnemer=...) and in a cookie of this browser, and everything they
did in the database, so a reload, a dropped connection or opening the join link again keeps their identity and
their scores. They can reach no other page.
The sections live in ui/workshop.py.
"""

import streamlit as st

from governance import workshop
from ui import data, glossary, nav, roleview, state, workshop_programme, workshop_signals
from ui import workshop as participant
from ui.text import plain

nav.require_shell()

db = data.database()
session = participant.open_or_stop(db, workshop.normalise_code(st.query_params.get(state.SESSION_PARAM)))
st.title(plain(session["title"]))
state.show_flash()
token, me = participant.identify(db, session)  # the URL's token, else the one this browser keeps
if me is None:
    participant.join_form(db, session, token)
    st.stop()
participant.remember(session, token)

if not workshop_programme.participant_view(db, session, me, token):  # the open exercise of the programme
    roleview.participant_section(db, session, me, token)  # while the facilitator has it open
    workshop_signals.participant_section(db, session, me, token)  # while the facilitator has it open
    section = participant.who(me)
    if section == "Voorstellen":
        participant.proposals(db, session, me, token)
    elif section == "Krachtenveld":
        participant.forces(db, session, me, token)
    else:
        participant.score_items(db, session, me, token)
glossary.phone_list()  # the begrippenkader, on every section
