"""Werkatelier, projector view (?sessie=CODE&weergave=projector&sleutel=KEY): presentation mode, 16:9.

Only the live part (a fragment) reruns, every LIVE_REFRESH; it follows the screen the facilitator chose.
The key in the link is signed per session (governance.workshop.projector_key): participants who know the
join code cannot open it, and a reload of the projector keeps working. The screens live in ui/presentation.py.
"""

import streamlit as st

from governance import workshop
from ui import data, nav, presentation, state

nav.require_shell()

LIVE_REFRESH = "1s"  # a vote is on the screen within one refresh plus the rerun (see bench workshop)

db = data.database()
code = workshop.normalise_code(st.query_params.get(state.SESSION_PARAM))
session = presentation.projector_session_or_stop(db, code)
link = workshop.join_link(workshop.base_url(db, st.context.url), code)


@st.fragment(run_every=LIVE_REFRESH)
def live() -> None:
    presentation.live_screen(db, data.read(workshop.live, session["id"]), link)


live()
