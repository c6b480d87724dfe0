"""Presentation mode for werkatelier visitors (no sidebar or app chrome; large type on the projector) and the
projector's screens (pages/projector.py), each sized for 16:9 at 1920x1080.

Static, committed CSS only (never user text)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import streamlit as st

from governance import workshop
from governance.core import db as core_db
from governance.core.errors import NotFoundError
from ui import data, roleview, state, workshop_signals
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

SIZED_CHARTS = ("matrix", "dots", "forces")


def _hidden(size: str) -> str:
    """CSS that takes the charts of the other size out of the flow: laid out (plotly measures its text), not seen."""
    names = ", ".join(f".st-key-proj-{name}-{size}" for name in SIZED_CHARTS)
    rule = "position: absolute !important; left: 0; right: 0; top: 0; height: 0 !important; overflow: hidden; "
    return f"{names} {{ {rule}visibility: hidden; }}"


# 16:9 at 1920x1080 and at 1280x720, read from 10 metres: the whole width, high contrast, large type, and every
# screen fits the window without scrolling. A chart comes in two heights (see `_sized`); the window's height picks
# one by a media query, the other keeps no space (it stays laid out, so plotly can measure its text).
PROJECTOR_CSS = f"""<style>{_NO_CHROME}
.block-container, [data-testid="stMainBlockContainer"] {{ padding: .6rem 2rem .4rem 2rem; max-width: 100%; }}
[data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"] {{ gap: .4rem; }}
[data-testid="stMainBlockContainer"] p, [data-testid="stMainBlockContainer"] li {{ font-size: 1.45rem; color: #000; }}
[data-testid="stMainBlockContainer"] h1 {{ font-size: 2.4rem; color: #000; padding: 0; white-space: nowrap;
    overflow: hidden; text-overflow: ellipsis; }}
[data-testid="stMainBlockContainer"] h2 {{ font-size: 2.1rem; color: #000; padding: .2rem 0; line-height: 1.25; }}
/* Streamlit pulls the block under a heading up over its last line: on a white chart the descenders were cut */
[data-testid="stMarkdownContainer"]:has(> [data-testid="stHeadingWithActionElements"]) {{ margin-bottom: 0 }}
[data-testid="stMainBlockContainer"] [data-testid="stMetricValue"],
[data-testid="stMainBlockContainer"] [data-testid="stMetricValue"] * {{
    font-size: 2.6rem; color: #000; line-height: 1.05; }}
[data-testid="stMetricLabel"] p {{ font-size: 1.4rem; color: #000; }}
[data-testid="stMainBlockContainer"] .st-key-proj-code-label p {{ font-size: 1.3rem; line-height: 1.15; margin: 0;
    text-align: right; }}
[data-testid="stMainBlockContainer"] .st-key-proj-code p {{ font-size: 104px; font-weight: 700; line-height: 1;
    letter-spacing: .03em; margin: 0; text-align: right; color: #000; white-space: nowrap; }}
[data-testid="stTable"] td, [data-testid="stTable"] th {{ font-size: 1.35rem; color: #000; padding: .3rem .55rem;
    white-space: nowrap; }}
/* one line per item: a long subject ends in an ellipsis (its full text is on the facilitator's screen) */
.st-key-proj-items [data-testid="stTable"] table {{ table-layout: auto; width: 100%; }}
.st-key-proj-items [data-testid="stTable"] td:nth-child(2) {{ max-width: 0; width: 100%; overflow: hidden;
    text-overflow: ellipsis; }}
.st-key-proj-items [data-testid="stTable"] td * {{ white-space: nowrap; }}
.st-key-proj-items [data-testid="stTable"] td:nth-child(2) * {{ overflow: hidden; text-overflow: ellipsis; }}
.st-key-proj-list [data-testid="stTable"] td {{ white-space: normal; }}
@media (min-height: 900px) {{ {_hidden("small")} }}
@media (max-height: 899.98px) {{ {_hidden("large")}
  [data-testid="stMainBlockContainer"] p, [data-testid="stMainBlockContainer"] li {{ font-size: 1.3rem; }}
  [data-testid="stTable"] td, [data-testid="stTable"] th {{ font-size: 1.25rem; padding: .2rem .45rem; }}
  [data-testid="stMainBlockContainer"] h1 {{ font-size: 1.9rem; }}
  [data-testid="stMainBlockContainer"] [data-testid="stMetricValue"],
  [data-testid="stMainBlockContainer"] [data-testid="stMetricValue"] * {{ font-size: 2rem; }}
  [data-testid="stMetricLabel"] p {{ font-size: 1.15rem; }}
  [data-testid="stMainBlockContainer"] h2 {{ font-size: 1.7rem; }}
}}
</style>"""

# Chart heights for the two projector sizes: what is left of 1080 and of 720 px under the header.
HEIGHTS = {"large": 880, "small": 570}
PAGE_ROWS = 8  # items per page of the list beside the matrix (fits 1280x720 at the projector's type size)
PAGE_SECONDS = 10  # a longer list pages on by itself: nobody touches the projector


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


def header(model: dict) -> None:
    """Title and live counts on the left; the join code, large enough to read from the back, on the right."""
    session = model["session"]
    # half the width for the code: at 1280 px a 104 px code of wide letters (CQWW7S) ran off a narrower column
    left, right = st.columns([1, 1], vertical_alignment="bottom")
    with left:
        st.markdown(f"# {plain(session['title'])}")
        c1, c2, c3 = st.columns(3)
        c1.metric("Deelnemers", model["counts"]["participants"])
        c2.metric("Stemmen", model["counts"]["votes"])
        c3.metric("Ronde", f"{session['round']} · {'open' if session['round_open'] else 'gesloten'}")
    with right:
        label, code = st.columns([1, 4], vertical_alignment="bottom")
        with label.container(key="proj-code-label"):
            st.markdown("Code")
        with code.container(key="proj-code"):
            st.markdown(plain(session["code"]))


def _sized(name: str, build: Callable[[int], Any]) -> None:
    """A chart in both projector heights; CSS shows the one that fits the window (see PROJECTOR_CSS)."""
    for size, height in HEIGHTS.items():
        with st.container(key=f"proj-{name}-{size}"):
            st.plotly_chart(build(height), config={"displayModeBar": False, "staticPlot": True}, key=f"{name}-{size}")


def _page_now(count: int, rows: int = PAGE_ROWS) -> int:
    """Which page of a list the projector shows now: the next one every PAGE_SECONDS."""
    return int(time.time() // PAGE_SECONDS) if count > rows else 0


def join_screen(model: dict, code: str, link: str) -> None:
    left, right = st.columns([3, 2], vertical_alignment="center")
    with left:
        st.markdown("## Doe mee: scan de QR-code of open")
        st.markdown(f"## {plain(link)}")
        st.markdown(f"Sessiecode **{plain(code)}** · kies daarna uw perspectief. Uw telefoon of laptop is genoeg.")
    with right:
        st.image(workshop.qr_png(link, scale=12), width=420, caption=link, alt=f"QR-code naar de deelnamelink {link}")


def score_screen(db: core_db.Database, model: dict) -> None:
    s = model["session"]
    revealed = bool(s["revealed"])
    chart, listing = st.columns([3, 2])
    with chart:
        scale = workshop.scale(db)
        _sized(
            "matrix",
            lambda height: workshop.matrix(
                scale, model["stats"], model["votes"], revealed, model["moves"], height, font_size=28, tick_size=24
            ),
        )
    with listing:
        table = workshop.projector_table(model["items"], model["ranking"], revealed, model["moves"])
        shown, index, pages = workshop.page(table, PAGE_ROWS, _page_now(len(table)))
        title = "Meeste verschil bovenaan" if revealed else "Onderwerpen"
        if revealed and model["moves"] is not None and not model["moves"].empty:
            title += f" · ronde {s['round'] - 1} → {s['round']}"
        if pages > 1:
            first = index * PAGE_ROWS + 1
            title += f" · {first}–{first + len(shown) - 1} van {len(table)}"
        st.markdown(f"**{title}**")
        with st.container(key="proj-items"):
            st.table(cells(shown), hide_index=True)


def _paged(table: Any, key: str, noun: str) -> None:
    """A table one page at a time (PAGE_ROWS rows, the next page every PAGE_SECONDS), with where we are."""
    shown, index, pages = workshop.page(table, PAGE_ROWS, _page_now(len(table)))
    if pages > 1:
        first = index * PAGE_ROWS + 1
        st.markdown(f"**{noun} {first}–{first + len(shown) - 1} van {len(table)} (pagina {index + 1}/{pages})**")
    with st.container(key=key):
        st.table(cells(shown), hide_index=True)


def perspective_screen(model: dict) -> None:
    st.markdown(f"## Per perspectief — ronde {model['session']['round']} (mediaan kans K · impact I, aantal)")
    if not model["session"]["revealed"]:
        st.markdown("Stemmen verborgen tot de facilitator ze toont.")
        return
    table = workshop.perspective_table(model["perspectives"], model["items"])
    if table.empty:
        st.markdown("Nog geen stemmen.")
    else:
        _paged(table, "proj-items", "Onderwerpen")


def proposal_screen(session_id: int) -> None:
    ranked = data.read(workshop.proposals, session_id)
    st.markdown(f"## Verbetervoorstellen — {int(ranked['dots'].sum()) if not ranked.empty else 0} stippen geplaatst")
    if ranked.empty:
        st.markdown("Nog geen voorstellen.")
        return
    left, right = st.columns([1, 1])
    with left:
        top = 6
        _sized(
            "dots",
            lambda height: workshop.dots(ranked, (height - 80) // top, font_size=28, top=top, label_chars=24),
        )
    with right:
        _paged(workshop.proposal_table(ranked), "proj-items", "Voorstellen")


def forces_screen(session_id: int) -> None:
    table = data.read(workshop.stakeholders, session_id)
    st.markdown("## Krachtenveld")
    if table.empty:
        st.markdown("Nog geen belanghebbenden op het krachtenveld.")
        return
    left, right = st.columns([3, 2])
    with left:
        _sized(
            "forces", lambda height: workshop.krachtenveld(table, height=height - 60, font_size=24, numbered=True)
        )
    with right:  # numbered as on the field; the notes stay on the facilitator's screen and in the export
        listing = workshop.stakeholder_table(table).drop(columns="Toelichting")
        listing.insert(0, "Nr", range(1, len(listing) + 1))
        _paged(listing, "proj-list", "Belanghebbenden")


def live_screen(db: core_db.Database, model: dict, link: str) -> None:
    """What the facilitator chose to show (the session's `screen`), with a notice once the session is closed."""
    session = model["session"]
    header(model)
    if session["status"] != "open":
        st.markdown("## Dit werkatelier is gesloten. Dank voor uw inbreng!")
    if workshop_signals.projector_overlay(session):  # the counts of the warning signs, over the chosen screen
        return
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
