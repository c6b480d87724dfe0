"""Werkatelier, facilitator page: create a session, show the join code, steer rounds and the projector,
see and remove participants and cap joining, lock consensus scores, keep the
krachtenveld, download the results. For a facilitator or beheerder.
The sections live in ui/facilitator.py."""

import streamlit as st

from governance import workshop
from ui import data, facilitator, nav, roleview, state, workshop_programme, workshop_signals

nav.require_shell()

db = data.database()
facilitator.require(db)
state.show_flash()

st.title("Werkatelier")
origin = facilitator.origin()
facilitator.settings(db, origin)
session = facilitator.choose_session(db)
actor = state.actor()  # the signed-in facilitator writes; the session keeps the name it was created with
model = data.read(workshop.live, session["id"])
facilitator.metrics(session["id"])  # a live fragment
workshop_programme.facilitator_panel(db, session, actor)  # the day's exercises, opened one at a time

tabs = st.tabs(["Deelnemen en projector", "Deelnemers", "Scores en consensus", "Krachtenveld", "Resultaten"])
with tabs[0]:
    facilitator.join_panel(db, session, origin)
    facilitator.controls(db, session, actor)
with tabs[1]:
    facilitator.participants(db, session, actor)
with tabs[2]:
    facilitator.consensus(db, session, model, actor)
with tabs[3]:
    facilitator.forces(db, session, actor)
with tabs[4]:
    facilitator.results(db, session)
roleview.facilitator_panel(db, session, actor)  # rolopvatting en rolverwachting, a term on the projector
workshop_signals.facilitator_panel(db, session, actor)  # waarschuwingssignalen, a sign made into a risk
