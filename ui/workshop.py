"""The participant's side of the werkatelier (pages/deelnemer.py): joining, the items to score (saved on each pick), the
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


def who_line(me: dict[str, Any]) -> None:
    """A line saying who the participant is."""
    name = f"{plain(me['name'])}, " if me["name"] else ""
    st.caption(
        f"U doet mee als {name}{plain(me['perspective'])}. "
        "Bewaar deze pagina: herladen kan zonder dat u iets kwijtraakt."
    )


def who(me: dict[str, Any]) -> str:
    """The participant's section picker, under a line saying who they are; returns the chosen section."""
    who_line(me)
    chosen = st.segmented_control(
        "Onderdeel", SECTIONS, default=SECTIONS[0], key="section", label_visibility="collapsed"
    )
    return chosen or SECTIONS[0]


def _option_label(levels: tuple[str, ...]):
    return lambda level: f"{level} · {plain(levels[level - 1])}"


def _keys(item_id: int, round_no: int) -> dict[str, str]:
    """The widget keys of one item's pick: 'lik-<item id>-r<round>' etc. (the load test, tests/load/workshop.py,
    finds the item of a radio by them)."""
    return {k: f"{k}-{item_id}-r{round_no}" for k in ("lik", "imp", "why", "fail")}


def _pick(db: core_db.Database, code: str, token: str, item_id: int, round_no: int) -> None:
    """on_change of a pick: saved as soon as both Kans and Impact are chosen (a later change replaces it).
    Runs before the rerun, so the rerun shows what the database now holds; a refusal is kept to show."""
    ss = st.session_state
    keys = _keys(item_id, round_no)
    likelihood, impact = ss.get(keys["lik"]), ss.get(keys["imp"])
    ss.pop(keys["fail"], None)
    if likelihood is None or impact is None:
        return  # half a pick: shown as not saved until the other axis is chosen
    try:
        workshop.vote(db, code, token, item_id, likelihood, impact, ss.get(keys["why"]))
    except ValidationError as exc:
        ss[keys["fail"]] = _errors(exc)
    except DomainError as exc:
        ss[keys["fail"]] = str(exc)


def pick_state(picked: dict[str, Any], stored: dict | None, failure: str | None) -> tuple[str, str]:
    """(kind, text) of one item's marker: 'saved' only when the database holds exactly what is picked."""
    lik, imp = picked.get("likelihood"), picked.get("impact")
    reason = (picked.get("reason") or "").strip()
    same = stored is not None and (stored["likelihood"], stored["impact"]) == (lik, imp)
    if same and reason == (stored["reason"] or ""):
        return "saved", f"✓ Opgeslagen: kans {lik}, impact {imp}"
    if failure:
        return "failed", f"Niet opgeslagen: {failure}"
    if lik is None and imp is None:
        return "empty", "Nog niet gescoord."
    if lik is None or imp is None:
        missing = "de kans" if lik is None else "de impact"
        return "pending", f"Niet opgeslagen: kies ook {missing}, dan wordt uw score meteen opgeslagen."
    return "pending", "Niet opgeslagen: uw keuze wijkt af van wat is opgeslagen. Kies opnieuw."


def _item(
    db: core_db.Database, session: dict[str, Any], token: str, item: Any, stored: dict | None, scale: workshop.Scale
) -> bool:
    """One item's pick; returns whether the database holds it as shown."""
    round_no, ss = session["round"], st.session_state
    keys = _keys(int(item.id), round_no)
    args = (db, session["code"], token, int(item.id), round_no)
    with st.container(border=True, key=f"item-{item.id}-r{round_no}"):
        st.markdown(f"**{item.position}.** {plain(item.label)}")
        axes = (("Kans", "lik", "likelihood", scale.likelihood), ("Impact", "imp", "impact", scale.impact))
        picked = {}
        for label, short, column, levels in axes:
            picked[column] = st.radio(
                label,
                list(range(1, len(levels) + 1)),
                index=stored[column] - 1 if stored else None,
                format_func=_option_label(levels),
                horizontal=True,
                key=keys[short],
                on_change=_pick,
                args=args,
            )
        picked["reason"] = st.text_input(
            "Toelichting in één regel (mag leeg blijven)",
            (stored["reason"] or "") if stored else "",
            max_chars=200,
            key=keys["why"],
            on_change=_pick,
            args=args,
        )
        kind, text = pick_state(picked, stored, ss.get(keys["fail"]))
        if kind == "saved":
            st.caption(text)
        elif kind == "failed":
            st.error(plain(text), icon="⚠️")
        elif kind == "pending":
            st.warning(text, icon="⚠️")
        else:
            st.caption(text)
    return kind == "saved"


@st.fragment
def score_list(db: core_db.Database, session: dict[str, Any], me: dict[str, Any], token: str) -> None:
    """Every item, saved on each pick: a pick reruns only this list (cheap under load), which reads back what
    the database holds, so the progress line and each item's marker say what is really stored."""
    round_no = session["round"]
    scale = workshop.scale(db)
    mine = workshop.my_scores(db, session["id"], me["id"], round_no)
    table = data.read(workshop.items, session["id"])
    progress = st.empty()
    saved = sum(_item(db, session, token, item, mine.get(item.id), scale) for item in table.itertuples())
    progress.markdown(f"**Opgeslagen: {saved} van {len(table)} onderwerpen.**")


def score_items(db: core_db.Database, session: dict[str, Any], me: dict[str, Any], token: str) -> None:
    round_no = session["round"]
    if not session["round_open"]:
        st.info(f"Ronde {round_no} is gesloten. Kijk mee op het scherm; de facilitator opent zo nodig een ronde.")
        return
    st.caption(
        f"Ronde {round_no}: kies bij elk onderwerp de kans en de impact; uw score wordt meteen opgeslagen. "
        "U kunt hem wijzigen zolang de ronde open is."
    )
    score_list(db, session, me, token)


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


def forces(db: core_db.Database, session: dict[str, Any], me: dict[str, Any], token: str) -> None:
    """The krachtenveld on a phone: numbered markers with the list under them (names do not fit beside a marker at
    390 px), one chart per side; and, while the facilitator has it open, a stakeholder to propose."""
    if session["casus"]:
        st.markdown(plain(session["casus"]))
    table = data.read(workshop.stakeholders, session["id"])
    if table.empty:
        st.caption("De facilitator heeft nog geen belanghebbenden op het krachtenveld gezet.")
    for side, title in workshop.SIDES.items():
        shown = table[table["side"] == side]
        if shown.empty:
            continue
        st.subheader(title)
        st.plotly_chart(
            workshop.krachtenveld(shown, height=380, font_size=14, numbered=True),
            config={"displayModeBar": False, "staticPlot": True},
            key=f"forces-{side}",
        )
        st.table(cells(workshop.stakeholder_table(shown, numbered=True)), hide_index=True)
    _stakeholder_proposal(db, session, me, token)


def _stakeholder_proposal(db: core_db.Database, session: dict[str, Any], me: dict[str, Any], token: str) -> None:
    mine = data.read(workshop.my_proposals, session["id"], me["id"])
    if not session["forces_open"]:
        if not mine.empty:
            st.caption("Belanghebbenden voorstellen is gesloten.")
        return
    with st.form("stakeholder-proposal", clear_on_submit=True, enter_to_submit=False):
        st.markdown("**Belanghebbende voorstellen**")
        name = st.text_input("Naam *", max_chars=80)
        side = st.radio("Krachtenveld", list(workshop.SIDES), format_func=workshop.SIDES.get, horizontal=True)
        influence = st.radio("Invloed (1 = weinig, 5 = veel)", [1, 2, 3, 4, 5], index=2, horizontal=True)
        interest = st.radio("Belang (1 = weinig, 5 = veel)", [1, 2, 3, 4, 5], index=2, horizontal=True)
        attitude = st.radio("Houding", list(labels.ATTITUDES), format_func=labels.ATTITUDES.get, horizontal=True)
        values = {"name": name, "side": side, "influence": influence, "interest": interest, "attitude": attitude}
        if st.form_submit_button("Voorstellen", width="stretch") and forms.save(
            lambda: workshop.propose_stakeholder(db, session["code"], token, values),
            f"{name} is voorgesteld; de facilitator zet het op het krachtenveld.",
        ):
            st.rerun()
    for row in mine.itertuples():
        st.caption(f"{plain(row.name)} ({workshop.SIDES[row.side].lower()}): {labels.STAKEHOLDER_STATUSES[row.status]}")
