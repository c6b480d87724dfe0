"""Waarschuwingssignalen in the werkatelier (issue 16, point 4): the participant ticks per party the warning signs
they recognise (saved on each tick, with a saved/not-saved marker per party) and adds signs of their own; the
facilitator opens the exercise, puts the counts on the projector and makes a risk of a sign; the projector shows
how many recognise each sign at each party.

Each part is a function of its own, called with one line from the participant, facilitator and projector pages."""

from __future__ import annotations

from typing import Any

import streamlit as st

from governance import workshop
from governance.core import db as core_db
from governance.core import labels
from governance.core.access import Actor
from governance.core.errors import DomainError, ValidationError
from ui import data, forms, state
from ui.text import cells, plain

# Static CSS only: a checkbox is a tap target of at least 44 px on a phone, like the radios (ui/presentation.py).
PHONE_CSS = """<style>
[data-testid="stMainBlockContainer"] [data-testid="stCheckbox"] label { min-height: 44px; align-items: center; }
</style>"""
# The projector's table of counts: larger than the other tables, the numbers centred.
PROJECTOR_CSS = """<style>
.st-key-signals-projector [data-testid="stTable"] td, .st-key-signals-projector [data-testid="stTable"] th {
    font-size: 1.6rem; padding: .3rem .7rem; }
.st-key-signals-projector [data-testid="stTable"] td:not(:first-child) { text-align: center; font-weight: 600; }
</style>"""
PROJECTOR_ROWS = 12  # rows that fit 1920x1080 under the title at this size
LIVE_REFRESH = "2s"  # the facilitator's counts follow the ticks


def _people(n: int) -> str:
    return f"{n} {'deelnemer' if n == 1 else 'deelnemers'}"


def _fail_key(party_id: int) -> str:
    return f"sigfail-{party_id}"


def _errors(exc: ValidationError) -> str:
    return "; ".join(f"{e.label} {e.message}" for e in exc.errors)


# -- participant ---------------------------------------------------------------------------------------------
def participant_section(db: core_db.Database, session: dict[str, Any], me: dict[str, Any], token: str) -> None:
    """While the facilitator has the exercise open: per party, the signs to tick and a field for an own sign."""
    if not data.read(workshop.signal_state, session["id"])["signals_open"]:  # one row, not the counts
        return
    st.html(PHONE_CSS)
    st.subheader("Waarschuwingssignalen")
    st.caption(
        "Vink per partij de signalen aan die u herkent; elk vinkje wordt meteen opgeslagen. Mist u een signaal? "
        "Voeg het toe: het telt dan voor u mee, en anderen kunnen het ook aanvinken."
    )
    parties = data.read(workshop.session_parties, session["id"])
    for party in parties.itertuples():
        party_signs(db, session, me, token, int(party.id), str(party.name))


def _tick(db: core_db.Database, code: str, token: str, party_id: int, sign_key: str, key: str) -> None:
    """on_change of a checkbox: stored before the rerun, so the rerun shows what the database holds."""
    ss = st.session_state
    ss.pop(_fail_key(party_id), None)
    try:
        workshop.set_tick(db, code, token, party_id, sign_key, bool(ss.get(key)))
    except ValidationError as exc:
        ss[_fail_key(party_id)] = _errors(exc)
    except DomainError as exc:
        ss[_fail_key(party_id)] = str(exc)


def _add_own(db: core_db.Database, code: str, token: str, party_id: int) -> None:
    """on_click of 'Signaal toevoegen': stored (and ticked) before the rerun, so the new sign is in the list."""
    ss = st.session_state
    text = ss.get(f"own-{party_id}-text")
    try:
        workshop.add_own_sign(db, code, token, party_id, text)
    except ValidationError as exc:
        ss[f"ownmsg-{party_id}"] = ("failed", "Niet toegevoegd: " + _errors(exc))
        return
    except DomainError as exc:
        ss[f"ownmsg-{party_id}"] = ("failed", "Niet toegevoegd: " + str(exc))
        return
    ss[f"ownmsg-{party_id}"] = ("saved", "Uw signaal is toegevoegd en aangevinkt.")


def marker(ticked: set[str], stored: set[str], failure: str | None) -> tuple[str, str]:
    """(kind, text) of one party's marker: 'saved' only when the database holds exactly what is ticked."""
    if failure:
        return "failed", f"Niet opgeslagen: {failure}"
    if ticked != stored:
        return "pending", "Niet opgeslagen: uw vinkjes wijken af van wat is opgeslagen. Vink opnieuw aan of uit."
    if not stored:
        return "empty", "Nog niets aangevinkt."
    n = len(stored)
    return "saved", f"✓ Opgeslagen: {n} {'signaal' if n == 1 else 'signalen'} aangevinkt."


@st.fragment
def party_signs(
    db: core_db.Database, session: dict[str, Any], me: dict[str, Any], token: str, party_id: int, name: str
) -> None:
    """One party's signs, as a fragment: a tick reruns only this party. Keys 'sig-<party id>-<sign key>'."""
    code, ss = session["code"], st.session_state
    table = data.read(workshop.signal_signs, session["id"])
    mine = {k for p, k in workshop.my_ticks(db, session["id"], me["id"]) if p == party_id}
    with st.container(border=True, key=f"signs-{party_id}"):
        st.markdown(f"**{plain(name)}**")
        ticked = set()
        for sign in table[table["party_id"] == party_id].itertuples():
            key = f"sig-{party_id}-{sign.sign_key}"
            label = f"{plain(sign.label)} (eigen signaal)" if sign.own else plain(sign.label)
            on = st.checkbox(
                label,
                sign.sign_key in mine,
                key=key,
                help=plain(sign.help) if sign.help else None,
                on_change=_tick,
                args=(db, code, token, party_id, sign.sign_key, key),
            )
            if on:
                ticked.add(sign.sign_key)
        kind, text = marker(ticked, mine, ss.get(_fail_key(party_id)))
        if kind == "failed":
            st.error(plain(text), icon="⚠️")
        elif kind == "pending":
            st.warning(text, icon="⚠️")
        else:
            st.caption(text)
        with st.form(f"own-{party_id}", clear_on_submit=True, enter_to_submit=False, border=False):
            st.text_input(
                "Eigen signaal (mag leeg blijven)",
                max_chars=workshop.SIGNAL_MAX_LEN,
                key=f"own-{party_id}-text",
                placeholder="bijvoorbeeld: wisselende contactpersonen",
            )
            st.form_submit_button("Signaal toevoegen", on_click=_add_own, args=(db, code, token, party_id))
        if found := ss.pop(f"ownmsg-{party_id}", None):
            (st.caption if found[0] == "saved" else st.error)(plain(found[1]))


# -- facilitator ---------------------------------------------------------------------------------------------
def _pick_label(row: Any) -> str:
    made = f" · risico {int(row.risk_id)} gemaakt" if row.risk_id == row.risk_id else ""
    return f"{row.party} · {row.label} ({row.n}){made}"


def facilitator_panel(db: core_db.Database, session: dict[str, Any], actor: Actor) -> None:
    """Open or close the exercise, put the counts on the projector, see them, make a risk of a sign."""
    model = data.read(workshop.signal_live, session["id"])
    shown, code = model["state"], session["code"]
    with st.expander("Waarschuwingssignalen herkennen"):
        c1, c2 = st.columns(2)
        open_label = "Oefening signalen sluiten" if shown["signals_open"] else "Oefening signalen openen"
        if c1.button(open_label, key="ws-signals-open", width="stretch") and forms.save(
            lambda: workshop.set_signals_open(db, code, not shown["signals_open"], actor),
            f"Gedaan: {open_label.lower()}.",
        ):
            st.rerun()
        on = bool(shown["on_projector"])
        show_label = "Signalen van de projector" if on else "Signalen op de projector"
        message = "De projector toont weer het gekozen scherm." if on else "Projector: waarschuwingssignalen."
        if c2.button(show_label, key="ws-signals-projector", width="stretch") and forms.save(
            lambda: workshop.show_signals(db, code, not on, actor), message
        ):
            st.rerun()
        live_counts(session["id"])
        risk_form(db, session, model, actor)


@st.fragment(run_every=LIVE_REFRESH)
def live_counts(session_id: int) -> None:
    """The facilitator's view of the counts, following the ticks without a click (cached until the next tick)."""
    model = data.read(workshop.signal_live, session_id)
    n = model["participants"]
    st.caption(f"{_people(n)} {'heeft' if n == 1 else 'hebben'} signalen aangevinkt.")
    if n:
        st.table(cells(workshop.count_table(model["counts"])), hide_index=True)


def risk_form(db: core_db.Database, session: dict[str, Any], model: dict, actor: Actor) -> None:
    """Make a risk on the party of a sign the participants recognised (the most recognised first)."""
    hits = model["counts"]
    hits = hits[hits["n"] > 0].sort_values("n", ascending=False, kind="stable")
    if hits.empty:
        st.caption("Zodra deelnemers signalen aanvinken, kunt u er hier een risico van maken.")
        return
    rows = {f"{r.party_id}|{r.sign_key}": r for r in hits.itertuples()}
    pick = st.selectbox("Signaal", list(rows), format_func=lambda k: plain(_pick_label(rows[k])), key="ws-sign-pick")
    row = rows[pick]
    with st.form("ws-sign-risk", enter_to_submit=False):
        st.markdown(f"**Risico maken bij {plain(row.party)}**")
        category = st.selectbox("Categorie", list(labels.RISK_CATEGORIES), format_func=labels.RISK_CATEGORIES.get)
        title = st.text_input("Titel van het risico", row.label, max_chars=200)
        st.caption(
            "Het risico komt in het risicoregister bij deze partij, met het werkatelier en het aantal deelnemers "
            "als oorzaak; kans, impact en bedragen vult u daar aan."
        )
        made: list[dict] = []

        def make() -> None:
            made.append(workshop.make_risk(db, session["code"], row.party_id, row.sign_key, actor, category, title))

        if st.form_submit_button("Maak risico", type="primary") and forms.save(make, ""):
            found = made[0]
            if found["created"]:
                state.flash(f"Risico {found['risk_id']} aangemaakt bij {row.party}: {title}.")
            else:
                state.flash(f"Van dit signaal is al risico {found['risk_id']} gemaakt.", "warning")
            st.rerun()


# -- projector -----------------------------------------------------------------------------------------------
def projector_overlay(session: dict[str, Any]) -> bool:
    """The counts per sign and party, when the facilitator put them on the projector; False: not shown."""
    if not data.read(workshop.signal_state, session["id"])["on_projector"]:  # one row, not the counts
        return False
    model = data.read(workshop.signal_live, session["id"])
    st.html(PROJECTOR_CSS)
    st.markdown(f"## Waarschuwingssignalen — {_people(model['participants'])}")
    table = workshop.count_table(model["counts"])
    if not model["participants"]:
        st.markdown("Nog geen signalen aangevinkt.")
        return True
    with st.container(key="signals-projector"):
        st.table(cells(table.head(PROJECTOR_ROWS)), hide_index=True)
    if len(table) > PROJECTOR_ROWS:
        st.markdown(f"En nog {len(table) - PROJECTOR_ROWS} signalen met minder vinkjes.")
    return True
