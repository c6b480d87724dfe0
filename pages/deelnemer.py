"""Werkatelier, participant view (?sessie=CODE): join with a perspective, score each item, propose and vote.

The participant's token lives in the URL (?deelnemer=...) and everything they did in the database, so a
reload or a dropped connection keeps their identity and their scores. They can reach no other page.
"""

import streamlit as st

from governance import workshop
from governance.core import labels
from governance.core.errors import DomainError, NotFoundError, ValidationError
from ui import data, forms, nav, state

nav.require_shell()

db = data.database()
code = workshop.normalise_code(st.query_params.get(state.SESSION_PARAM))
try:
    session = workshop.open_session(db, code)
except (NotFoundError, workshop.WorkshopClosed) as exc:
    st.title("Werkatelier")
    st.error(str(exc))
    st.stop()

st.title(session["title"])
state.show_flash()
token = st.query_params.get(state.TOKEN_PARAM)
me = workshop.participant(db, session["id"], token)


def do_join() -> None:
    """Form callback: join before the rerun, so one script run shows the participant view."""
    ss = st.session_state
    try:
        new_token = workshop.join(db, code, ss.get("join-perspective") or "", ss.get("join-name"))
    except ValidationError as exc:
        ss["join-error"] = "Niet aangemeld: " + "; ".join(f"{e.label} {e.message}" for e in exc.errors)
        return
    except DomainError as exc:
        ss["join-error"] = str(exc)
        return
    st.query_params[state.TOKEN_PARAM] = new_token
    state.flash("Welkom! Scoor hieronder de onderwerpen.")


def join_form() -> None:
    if token:
        st.warning("Deze deelnemerslink is niet bekend bij dit werkatelier. Meld u hieronder (opnieuw) aan.")
    if session["casus"]:
        st.markdown(session["casus"])
    with st.form("join"):
        st.radio(
            "Vanuit welk perspectief kijkt u?",
            session["perspectives"],
            index=None,
            help="U mag ook in de schoenen van een ander gaan staan.",
            key="join-perspective",
        )
        st.text_input("Uw naam (mag leeg blijven)", max_chars=60, key="join-name")
        st.form_submit_button("Deelnemen", type="primary", on_click=do_join)
        if message := st.session_state.pop("join-error", None):
            st.error(message)


def option_label(levels: tuple[str, ...]):
    return lambda level: f"{level} · {levels[level - 1]}"


def save_score(item_id: int, position: int, round_no: int) -> None:
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
        ss[f"msg-{item_id}"] = ("error", "Niet opgeslagen: " + "; ".join(f"{e.label} {e.message}" for e in exc.errors))
        return
    except DomainError as exc:
        ss[f"msg-{item_id}"] = ("error", str(exc))
        return
    ss[f"msg-{item_id}"] = ("success", f"Uw score voor onderwerp {position} is opgeslagen.")
    ss[f"saved-{item_id}"] = True


@st.fragment
def score_form(item, current: dict | None, scale: workshop.Scale, round_no: int) -> None:
    """One item's form, as a fragment: saving reruns only this form, not the whole page (cheap under load)."""
    if st.session_state.pop(f"saved-{item.id}", False):  # just saved: show what the database now holds
        current = workshop.my_scores(db, session["id"], me["id"], round_no).get(item.id)
    n_l, n_i = scale.levels
    with st.form(f"score-{item.id}-r{round_no}", border=True):
        st.markdown(f"**{item.position}.** {item.label}")
        st.radio(
            "Kans",
            list(range(1, n_l + 1)),
            index=current["likelihood"] - 1 if current else None,
            format_func=option_label(scale.likelihood),
            horizontal=True,
            key=f"lik-{item.id}-r{round_no}",
        )
        st.radio(
            "Impact",
            list(range(1, n_i + 1)),
            index=current["impact"] - 1 if current else None,
            format_func=option_label(scale.impact),
            horizontal=True,
            key=f"imp-{item.id}-r{round_no}",
        )
        st.text_input(
            "Toelichting in één regel (mag leeg blijven)",
            (current["reason"] or "") if current else "",
            max_chars=200,
            key=f"why-{item.id}-r{round_no}",
        )
        st.form_submit_button(
            "Score opslaan", type="primary", on_click=save_score, args=(int(item.id), int(item.position), round_no)
        )
        kind, message = st.session_state.pop(f"msg-{item.id}", (None, None))
        if kind == "error":
            st.error(message)
        elif kind == "success":
            st.success(message)
        if current:
            st.caption(f"✓ Opgeslagen: kans {current['likelihood']}, impact {current['impact']}")


def score_items() -> None:
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
        score_form(item, mine.get(item.id), scale, round_no)


def proposals() -> None:
    parties = data.read(workshop.session_parties, session["id"])
    left = workshop.dots_left(db, session, me["id"])
    if session["proposals_open"] and not parties.empty:
        with st.form("proposal", clear_on_submit=True):
            names = dict(zip(parties["id"], parties["name"], strict=True))
            party = st.selectbox("Verbonden partij", list(names), format_func=names.get)
            horizon = st.radio("Termijn", list(labels.HORIZONS), format_func=labels.HORIZONS.get, horizontal=True)
            text = st.text_area("Uw verbetervoorstel", max_chars=300)
            if st.form_submit_button("Voorstel toevoegen") and forms.save(
                lambda: workshop.add_proposal(db, code, party, horizon, text, token=token), "Uw voorstel is toegevoegd."
            ):
                st.rerun()
    elif not session["proposals_open"]:
        st.info("Voorstellen indienen en stemmen is gesloten.")
    ranked = workshop.proposals(db, session["id"], me["id"])
    if ranked.empty:
        st.caption("Nog geen voorstellen.")
        return
    st.write(f"Verdeel uw stippen over de beste voorstellen: u heeft er nog **{left}** van {session['dots']}.")
    for p in ranked.itertuples():
        with st.container(border=True):
            st.markdown(f"{p.text}")
            st.caption(f"{p.party} · {labels.HORIZONS[p.horizon]} · {p.dots} stippen, waarvan {p.my_dots} van u")
            if session["proposals_open"]:
                c1, c2 = st.columns(2)
                if c1.button("＋ stip", key=f"dot-{p.id}", disabled=left <= 0, width="stretch") and forms.save(
                    lambda pid=p.id: workshop.place_dot(db, code, token, pid, 1), "Stip geplaatst."
                ):
                    st.rerun()
                if c2.button("－ stip", key=f"undot-{p.id}", disabled=p.my_dots <= 0, width="stretch") and forms.save(
                    lambda pid=p.id: workshop.place_dot(db, code, token, pid, -1), "Stip teruggenomen."
                ):
                    st.rerun()


def forces() -> None:
    table = data.read(workshop.stakeholders, session["id"])
    if session["casus"]:
        st.markdown(session["casus"])
    if table.empty:
        st.caption("De facilitator heeft nog geen belanghebbenden op het krachtenveld gezet.")
        return
    st.plotly_chart(workshop.krachtenveld(table, height=420, font_size=14), config={"displayModeBar": False})
    st.table(workshop.stakeholder_table(table), hide_index=True)


if me is None:
    join_form()
    st.stop()

who = f"{me['name']}, " if me["name"] else ""
st.caption(f"U doet mee als {who}{me['perspective']}. Bewaar deze pagina: herladen kan zonder dat u iets kwijtraakt.")
section = st.segmented_control(
    "Onderdeel",
    ["Scoren", "Voorstellen", "Krachtenveld"],
    default="Scoren",
    key="section",
    label_visibility="collapsed",
)
if section == "Voorstellen":
    proposals()
elif section == "Krachtenveld":
    forces()
else:
    score_items()
