"""Werkatelier, projector view (?sessie=CODE&weergave=projector&sleutel=KEY): presentation mode, 16:9.

Only the live part (a fragment) reruns, every LIVE_REFRESH; it follows the screen the facilitator chose.
The key in the link is signed per session (governance.workshop.projector_key): participants who know the
join code cannot open it, and a reload of the projector keeps working.
"""

import streamlit as st

from governance import workshop
from governance.core.errors import NotFoundError
from ui import data, nav, state

nav.require_shell()

LIVE_REFRESH = "1s"  # a vote is on the screen within one refresh plus the rerun (see bench workshop)

db = data.database()
code = workshop.normalise_code(st.query_params.get(state.SESSION_PARAM))
try:
    session = workshop.get_session(db, code)
except NotFoundError as exc:
    st.error(str(exc))
    st.stop()
if not workshop.projector_key_valid(db, code, st.query_params.get(state.KEY_PARAM)):
    st.title("Werkatelier")
    st.error(
        "De projectorweergave is alleen voor de facilitator. Open haar via de knop 'Projector openen' op de "
        "pagina Werkatelier. Als deelnemer gebruikt u de deelnamelink."
    )
    st.stop()

link = workshop.join_link(workshop.base_url(db, st.context.url), code)


def join_screen(model: dict) -> None:
    left, right = st.columns([3, 2], vertical_alignment="center")
    with left:
        st.markdown("## Doe mee: scan de QR-code of open")
        st.markdown(f"## {link}")
        st.markdown(f"Sessiecode **{code}** · kies daarna uw perspectief. Uw telefoon of laptop is genoeg.")
        st.metric("Deelnemers", model["counts"]["participants"])
    with right:
        st.image(workshop.qr_png(link, scale=12), width=420, caption=link)


def score_screen(model: dict) -> None:
    s = model["session"]
    revealed = bool(s["revealed"])
    c1, c2, c3 = st.columns(3)
    c1.metric("Deelnemers", model["counts"]["participants"])
    c2.metric("Stemmen", model["counts"]["votes"])
    c3.metric("Ronde", f"{s['round']} · {'open' if s['round_open'] else 'gesloten'}")
    chart, listing = st.columns([11, 9])
    with chart:
        fig = workshop.matrix(workshop.scale(db), model["stats"], model["votes"], revealed, model["moves"], height=660)
        st.plotly_chart(fig, config={"displayModeBar": False, "staticPlot": True}, key="matrix")
    with listing:
        st.markdown("**Meeste verschil van inzicht bovenaan**" if revealed else "**Onderwerpen**")
        st.table(workshop.item_table(model["items"], model["ranking"], revealed), hide_index=True)
        if revealed and model["moves"] is not None and not model["moves"].empty:
            st.markdown(f"**Verschuiving ronde {s['round'] - 1} → {s['round']}** (medianen)")
            st.table(workshop.movement_table(model["moves"]), hide_index=True)


def perspective_screen(model: dict) -> None:
    st.markdown(f"## Per perspectief — ronde {model['session']['round']} (mediaan kans K · impact I, aantal)")
    if not model["session"]["revealed"]:
        st.markdown("Stemmen verborgen tot de facilitator ze toont.")
        return
    table = workshop.perspective_table(model["perspectives"], model["items"])
    if table.empty:
        st.markdown("Nog geen stemmen.")
    else:
        st.table(table, hide_index=True)


def proposal_screen() -> None:
    ranked = data.read(workshop.proposals, session["id"])
    st.markdown(f"## Verbetervoorstellen — {int(ranked['dots'].sum()) if not ranked.empty else 0} stippen geplaatst")
    if ranked.empty:
        st.markdown("Nog geen voorstellen.")
        return
    left, right = st.columns([1, 1])
    left.plotly_chart(workshop.dots(ranked, font_size=20), config={"staticPlot": True}, key="dots")
    right.table(workshop.proposal_table(ranked).head(12), hide_index=True)


def forces_screen() -> None:
    table = data.read(workshop.stakeholders, session["id"])
    st.markdown("## Krachtenveld")
    if table.empty:
        st.markdown("Nog geen belanghebbenden op het krachtenveld.")
        return
    left, right = st.columns([3, 2])
    left.plotly_chart(workshop.krachtenveld(table, height=720, font_size=20), config={"staticPlot": True})
    right.table(workshop.stakeholder_table(table), hide_index=True)


st.markdown(f"# {session['title']}")


@st.fragment(run_every=LIVE_REFRESH)
def live() -> None:
    model = data.read(workshop.live, session["id"])
    if model["session"]["status"] != "open":
        st.markdown("## Dit werkatelier is gesloten. Dank voor uw inbreng!")
    screen = model["session"]["screen"]
    if screen == "scores":
        score_screen(model)
    elif screen == "perspectieven":
        perspective_screen(model)
    elif screen == "voorstellen":
        proposal_screen()
    elif screen == "krachtenveld":
        forces_screen()
    else:
        join_screen(model)


live()
