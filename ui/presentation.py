"""Presentation mode for werkatelier visitors (no sidebar or app chrome; large type on the projector) and the
projector's screens (pages/projector.py), each sized for 16:9 at 1920x1080.

Static, committed CSS only (never user text)."""

from __future__ import annotations

from typing import Any

import streamlit as st

from governance import workshop
from governance.core import db as core_db
from governance.core.errors import NotFoundError
from ui import data, roleview, state
from ui.text import cells, plain

_NO_CHROME = """
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stSidebarNav"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
"""

PARTICIPANT_CSS = f"""<style>{_NO_CHROME}
.block-container, [data-testid="stMainBlockContainer"] {{ padding: 1rem 1rem 4rem 1rem; max-width: 760px; }}
[data-testid="stRadio"] label p {{ font-size: 1.05rem; }}
/* tap targets at least 44 px high on a phone (WCAG 2.5.5): every radio option, button, segment and text field */
[data-testid="stRadio"] [role="radiogroup"] label {{ min-height: 44px; align-items: center; padding-right: .6rem; }}
[data-testid="stMainBlockContainer"] button, [data-testid="stButtonGroup"] button {{ min-height: 44px; }}
[data-testid="stTextInput"] [data-baseweb="input"], [data-testid="stTextArea"] [data-baseweb="textarea"],
[data-testid="stSelectbox"] [data-baseweb="select"] > div {{ min-height: 44px; }}
@media (max-width: 640px) {{
  [data-testid="stMainBlockContainer"] h1 {{ font-size: 1.6rem; padding-bottom: .25rem; }}
}}
</style>"""

# 16:9 at 1920x1080: the whole width, high contrast, large type; the live part sizes its charts for it.
PROJECTOR_CSS = f"""<style>{_NO_CHROME}
.block-container, [data-testid="stMainBlockContainer"] {{ padding: 1.2rem 2.5rem; max-width: 100%; }}
[data-testid="stMainBlockContainer"] p, [data-testid="stMainBlockContainer"] li {{ font-size: 1.45rem; color: #000; }}
[data-testid="stMainBlockContainer"] h1 {{ font-size: 2.8rem; color: #000; padding-top: 0; }}
[data-testid="stMainBlockContainer"] h2 {{ font-size: 2.1rem; color: #000; }}
[data-testid="stMainBlockContainer"] [data-testid="stMetricValue"],
[data-testid="stMainBlockContainer"] [data-testid="stMetricValue"] * {{
    font-size: 3.2rem; color: #000; line-height: 1.1; }}
[data-testid="stMetricLabel"] p {{ font-size: 1.4rem; color: #000; }}
[data-testid="stTable"] td, [data-testid="stTable"] th {{ font-size: 1.35rem; color: #000; padding: .35rem .6rem; }}
</style>"""


def apply(mode: str) -> None:
    st.html(PROJECTOR_CSS if mode == "projector" else PARTICIPANT_CSS)


def projector_session_or_stop(db: core_db.Database, code: str) -> dict[str, Any]:
    """The session of this code, for the facilitator's projector only: the link's signed key must match."""
    try:
        session = workshop.get_session(db, code)
    except NotFoundError as exc:
        st.error(plain(str(exc)))  # the code comes from the link: text, never Markdown
        st.stop()
    if not workshop.projector_key_valid(db, code, st.query_params.get(state.KEY_PARAM)):
        st.title("Werkatelier")
        st.error(
            "De projectorweergave is alleen voor de facilitator. Open haar via de knop 'Projector openen' op de "
            "pagina Werkatelier. Als deelnemer gebruikt u de deelnamelink."
        )
        st.stop()
    return session


def join_screen(model: dict, code: str, link: str) -> None:
    left, right = st.columns([3, 2], vertical_alignment="center")
    with left:
        st.markdown("## Doe mee: scan de QR-code of open")
        st.markdown(f"## {plain(link)}")
        st.markdown(f"Sessiecode **{plain(code)}** · kies daarna uw perspectief. Uw telefoon of laptop is genoeg.")
        st.metric("Deelnemers", model["counts"]["participants"])
    with right:
        st.image(workshop.qr_png(link, scale=12), width=420, caption=link, alt=f"QR-code naar de deelnamelink {link}")


def score_screen(db: core_db.Database, model: dict) -> None:
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
        st.table(cells(workshop.item_table(model["items"], model["ranking"], revealed)), hide_index=True)
        if revealed and model["moves"] is not None and not model["moves"].empty:
            st.markdown(f"**Verschuiving ronde {s['round'] - 1} → {s['round']}** (medianen)")
            st.table(cells(workshop.movement_table(model["moves"])), hide_index=True)


def perspective_screen(model: dict) -> None:
    st.markdown(f"## Per perspectief — ronde {model['session']['round']} (mediaan kans K · impact I, aantal)")
    if not model["session"]["revealed"]:
        st.markdown("Stemmen verborgen tot de facilitator ze toont.")
        return
    table = workshop.perspective_table(model["perspectives"], model["items"])
    if table.empty:
        st.markdown("Nog geen stemmen.")
    else:
        st.table(cells(table), hide_index=True)


def proposal_screen(session_id: int) -> None:
    ranked = data.read(workshop.proposals, session_id)
    st.markdown(f"## Verbetervoorstellen — {int(ranked['dots'].sum()) if not ranked.empty else 0} stippen geplaatst")
    if ranked.empty:
        st.markdown("Nog geen voorstellen.")
        return
    left, right = st.columns([1, 1])
    left.plotly_chart(workshop.dots(ranked, font_size=20), config={"staticPlot": True}, key="dots")
    right.table(cells(workshop.proposal_table(ranked).head(12)), hide_index=True)


def forces_screen(session_id: int) -> None:
    table = data.read(workshop.stakeholders, session_id)
    st.markdown("## Krachtenveld")
    if table.empty:
        st.markdown("Nog geen belanghebbenden op het krachtenveld.")
        return
    left, right = st.columns([3, 2])
    left.plotly_chart(workshop.krachtenveld(table, height=720, font_size=20), config={"staticPlot": True})
    right.table(cells(workshop.stakeholder_table(table)), hide_index=True)


def live_screen(db: core_db.Database, model: dict, link: str) -> None:
    """What the facilitator chose to show (the session's `screen`), with a notice once the session is closed."""
    session = model["session"]
    if session["status"] != "open":
        st.markdown("## Dit werkatelier is gesloten. Dank voor uw inbreng!")
    if roleview.projector_overlay(session):  # a term or the role exercise, over the chosen screen
        return
    screen = session["screen"]
    if screen == "scores":
        score_screen(db, model)
    elif screen == "perspectieven":
        perspective_screen(model)
    elif screen == "voorstellen":
        proposal_screen(session["id"])
    elif screen == "krachtenveld":
        forces_screen(session["id"])
    else:
        join_screen(model, session["code"], link)
