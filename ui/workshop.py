"""The participant's side of the werkatelier (pages/deelnemer.py): joining, one form per item to score, the
proposals with their dots, and the krachtenveld to look at.

The participant's token lives in the URL (?deelnemer=...) and everything they did in the database: nothing
here keeps a participant's identity or scores in session state, so a reload loses nothing. The browser also
keeps the token in an HttpOnly cookie per session (ui/workshop_http.py sets it), so the same browser opening
the join link again, or joining again, gets its participant back instead of becoming a second one.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from governance import workshop
from governance.core import db as core_db
from governance.core import labels
from governance.core.errors import DomainError, NotFoundError, ValidationError
from ui import data, forms, state, workshop_http
from ui.text import cells, plain

SECTIONS = ["Scoren", "Voorstellen", "Krachtenveld"]


def remembered(session: dict[str, Any]) -> str | None:
    """The participant token this browser keeps for this session (its cookie), if any."""
    found = st.context.cookies.get(workshop_http.cookie_name(session["code"]))
    return found if isinstance(found, str) and found else None


def identify(db: core_db.Database, session: dict[str, Any]) -> tuple[str | None, dict[str, Any] | None]:
    """(token, participant) of this browser: the token in the URL, else the one its cookie keeps for this
    session; a browser that opens the join link again gets its participant back (and the URL its token)."""
    token = st.query_params.get(state.TOKEN_PARAM)
    kept = remembered(session)
    if not token and kept and workshop.participant(db, session["id"], kept) is not None:
        st.query_params[state.TOKEN_PARAM] = token = kept
    return token, workshop.participant(db, session["id"], token)


def remember(session: dict[str, Any], token: str) -> None:
    """Have the browser keep this participant's token for the session (once, while its cookie differs)."""
    if remembered(session) != token:
        st.html(workshop_http.remember_tag(session["code"], token))


def open_or_stop(db: core_db.Database, code: str) -> dict[str, Any]:
    """The open session of this code; an unknown or closed one shows why and stops the page."""
    try:
        return workshop.open_session(db, code)
    except (NotFoundError, workshop.WorkshopClosed) as exc:
        st.title("Werkatelier")
        st.error(plain(str(exc)))  # the code comes from the link: text, never Markdown
        st.stop()


def _errors(exc: ValidationError) -> str:
    return "; ".join(f"{e.label} {e.message}" for e in exc.errors)


def _join(db: core_db.Database, code: str, kept: str | None) -> None:
    """Form callback: join before the rerun, so one script run shows the participant view. `kept` is the token
    this browser keeps for the session: joining again gives that participant back."""
    ss = st.session_state
    try:
        new_token = workshop.join(db, code, ss.get("join-perspective") or "", ss.get("join-name"), known=kept)
    except ValidationError as exc:
        ss["join-error"] = "Niet aangemeld: " + _errors(exc)
        return
    except DomainError as exc:
        ss["join-error"] = str(exc)
        return
    st.query_params[state.TOKEN_PARAM] = new_token
    if kept and new_token == kept:
        state.flash("U was in deze browser al aangemeld: u doet verder als dezelfde deelnemer.")
    else:
        state.flash("Welkom! Scoor hieronder de onderwerpen.")


def join_form(db: core_db.Database, session: dict[str, Any], token: str | None) -> None:
    kept = remembered(session)
    if any(workshop.was_removed(db, session["id"], t) for t in (token, kept)):
        st.error(workshop.REMOVED)
        return
    if token:
        st.warning("Deze deelnemerslink is niet bekend bij dit werkatelier. Meld u hieronder (opnieuw) aan.")
    if session["casus"]:
        st.markdown(plain(session["casus"]))
    with st.form("join", enter_to_submit=False):
        st.radio(
            "Vanuit welk perspectief kijkt u?",
            session["perspectives"],
            index=None,
            format_func=plain,
            help="U mag ook in de schoenen van een ander gaan staan.",
            key="join-perspective",
        )
        st.text_input("Uw naam (mag leeg blijven)", max_chars=60, key="join-name")
        st.form_submit_button("Deelnemen", type="primary", on_click=_join, args=(db, session["code"], kept))
        if message := st.session_state.pop("join-error", None):
            st.error(plain(message))


def who(me: dict[str, Any]) -> str:
    """The participant's section picker, under a line saying who they are; returns the chosen section."""
    name = f"{plain(me['name'])}, " if me["name"] else ""
    st.caption(
        f"U doet mee als {name}{plain(me['perspective'])}. "
        "Bewaar deze pagina: herladen kan zonder dat u iets kwijtraakt."
    )
    chosen = st.segmented_control(
        "Onderdeel", SECTIONS, default=SECTIONS[0], key="section", label_visibility="collapsed"
    )
    return chosen or SECTIONS[0]


def _option_label(levels: tuple[str, ...]):
    return lambda level: f"{level} · {plain(levels[level - 1])}"


def _save_score(db: core_db.Database, code: str, token: str, item_id: int, position: int, round_no: int) -> None:
    """Form callback: runs before the rerun, so one script run saves the vote and shows it."""
    ss = st.session_state
    try:
        workshop.vote(
            db,
            code,
            token,
            item_id,
            ss.get(f"lik-{item_id}-r{round_no}"),
            ss.get(f"imp-{item_id}-r{round_no}"),
            ss.get(f"why-{item_id}-r{round_no}"),
        )
    except ValidationError as exc:
        ss[f"msg-{item_id}"] = ("error", "Niet opgeslagen: " + _errors(exc))
        return
    except DomainError as exc:
        ss[f"msg-{item_id}"] = ("error", str(exc))
        return
    ss[f"msg-{item_id}"] = ("success", f"Uw score voor onderwerp {position} is opgeslagen.")
    ss[f"saved-{item_id}"] = True


@st.fragment
def score_form(
    db: core_db.Database,
    session: dict[str, Any],
    me: dict[str, Any],
    token: str,
    item: Any,
    current: dict | None,
    scale: workshop.Scale,
) -> None:
    """One item's form, as a fragment: saving reruns only this form, not the whole page (cheap under load).
    Its key 'score-<item id>-r<round>' is what the load test (tests/load/workshop.py) looks for."""
    round_no = session["round"]
    if st.session_state.pop(f"saved-{item.id}", False):  # just saved: show what the database now holds
        current = workshop.my_scores(db, session["id"], me["id"], round_no).get(item.id)
    with st.form(f"score-{item.id}-r{round_no}", border=True, enter_to_submit=False):
        st.markdown(f"**{item.position}.** {plain(item.label)}")
        axes = (("Kans", "lik", "likelihood", scale.likelihood), ("Impact", "imp", "impact", scale.impact))
        for label, short, column, levels in axes:
            st.radio(
                label,
                list(range(1, len(levels) + 1)),
                index=current[column] - 1 if current else None,
                format_func=_option_label(levels),
                horizontal=True,
                key=f"{short}-{item.id}-r{round_no}",
            )
        st.text_input(
            "Toelichting in één regel (mag leeg blijven)",
            (current["reason"] or "") if current else "",
            max_chars=200,
            key=f"why-{item.id}-r{round_no}",
        )
        st.form_submit_button(
            "Score opslaan",
            type="primary",
            on_click=_save_score,
            args=(db, session["code"], token, int(item.id), int(item.position), round_no),
        )
        kind, message = st.session_state.pop(f"msg-{item.id}", (None, None))
        if kind == "error":
            st.error(plain(message))
        elif kind == "success":
            st.success(plain(message))
        if current:
            st.caption(f"✓ Opgeslagen: kans {current['likelihood']}, impact {current['impact']}")


def score_items(db: core_db.Database, session: dict[str, Any], me: dict[str, Any], token: str) -> None:
    round_no = session["round"]
    if not session["round_open"]:
        st.info(f"Ronde {round_no} is gesloten. Kijk mee op het scherm; de facilitator opent zo nodig een ronde.")
        return
    scale = workshop.scale(db)
    mine = workshop.my_scores(db, session["id"], me["id"], round_no)
    table = data.read(workshop.items, session["id"])
    st.caption(
        f"Ronde {round_no}: scoor elk onderwerp en druk op 'Score opslaan'. U kunt uw score wijzigen zolang de "
        f"ronde open is. Bij het openen van deze pagina had u {len(mine)} van {len(table)} onderwerpen gescoord."
    )
    for item in table.itertuples():
        score_form(db, session, me, token, item, mine.get(item.id), scale)


def _proposal_form(db: core_db.Database, session: dict[str, Any], token: str) -> None:
    parties = data.read(workshop.session_parties, session["id"])
    if not session["proposals_open"]:
        st.info("Voorstellen indienen en stemmen is gesloten.")
        return
    if parties.empty:
        return
    with st.form("proposal", clear_on_submit=True, enter_to_submit=False):
        names = dict(zip(parties["id"], parties["name"], strict=True))
        party = st.selectbox("Verbonden partij", list(names), format_func=names.get)
        horizon = st.radio("Termijn", list(labels.HORIZONS), format_func=labels.HORIZONS.get, horizontal=True)
        text = st.text_area("Uw verbetervoorstel", max_chars=300)
        if st.form_submit_button("Voorstel toevoegen") and forms.save(
            lambda: workshop.add_proposal(db, session["code"], party, horizon, text, token=token),
            "Uw voorstel is toegevoegd.",
        ):
            st.rerun()


def proposals(db: core_db.Database, session: dict[str, Any], me: dict[str, Any], token: str) -> None:
    code = session["code"]
    left = workshop.dots_left(db, session, me["id"])
    _proposal_form(db, session, token)
    ranked = workshop.proposals(db, session["id"], me["id"])
    if ranked.empty:
        st.caption("Nog geen voorstellen.")
        return
    st.write(f"Verdeel uw stippen over de beste voorstellen: u heeft er nog **{left}** van {session['dots']}.")
    for p in ranked.itertuples():
        with st.container(border=True):
            st.markdown(plain(p.text))
            st.caption(f"{plain(p.party)} · {labels.HORIZONS[p.horizon]} · {p.dots} stippen, waarvan {p.my_dots} van u")
            if session["proposals_open"]:
                c1, c2 = st.columns(2)
                if c1.button("+ stip", key=f"dot-{p.id}", disabled=left <= 0, width="stretch") and forms.save(
                    lambda pid=p.id: workshop.place_dot(db, code, token, pid, 1), "Stip geplaatst."
                ):
                    st.rerun()
                if c2.button("− stip", key=f"undot-{p.id}", disabled=p.my_dots <= 0, width="stretch") and forms.save(
                    lambda pid=p.id: workshop.place_dot(db, code, token, pid, -1), "Stip teruggenomen."
                ):
                    st.rerun()


def forces(session: dict[str, Any]) -> None:
    table = data.read(workshop.stakeholders, session["id"])
    if session["casus"]:
        st.markdown(plain(session["casus"]))
    if table.empty:
        st.caption("De facilitator heeft nog geen belanghebbenden op het krachtenveld gezet.")
        return
    st.plotly_chart(workshop.krachtenveld(table, height=420, font_size=14), config={"displayModeBar": False})
    st.table(cells(workshop.stakeholder_table(table)), hide_index=True)
