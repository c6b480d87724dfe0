"""The Ontwikkelagenda page's sections (pages/ontwikkelagenda.py): the overdue signals, the actions across parties
with a party filter, per party its motives, results and evaluations, and the evaluation interval; plus the
facilitator's control that puts a ranked verbetervoorstel on a party's agenda (ui/facilitator.py) and the count on
Overzicht. Every edit form keeps the row as opened (ui/forms.py), so a stale save is refused."""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

from governance import agenda
from governance.core import db as core_db
from governance.core import formatting, labels
from ui import data, forms, nav, state
from ui.text import cells

PAGE = str(nav.PAGES / "ontwikkelagenda.py")
PARTY = "agenda-party"  # session key: the party filter
ADDED = "agenda-added"  # session key: bumped after an add, so the add forms start empty again
ALL = 0

# Per entity the widgets of its form: (field, kind, options). A label with * is required.
FIELDS: dict[str, list[tuple[str, str, dict[str, str] | None]]] = {
    "agenda_action": [
        ("action", "area", None),
        ("owner", "text", None),
        ("deadline", "date", None),
        ("status", "choice", labels.ACTION_STATUS),
        ("horizon", "choice", labels.HORIZONS),
        ("notes", "area", None),
    ],
    "party_motive": [("motive", "text", None), ("met", "choice", labels.MOTIVE_MET), ("explanation", "area", None)],
    "party_result": [
        ("intended", "text", None),
        ("achieved", "area", None),
        ("assessment", "choice", labels.RESULT_ASSESSMENT),
    ],
    "party_evaluation": [("held_on", "date", None), ("conclusion", "area", None), ("next_planned", "date", None)],
}
REQUIRED = {"action", "motive", "intended", "held_on"}
NOUN = {
    "agenda_action": "De actie",
    "party_motive": "Het motief",
    "party_result": "Het resultaat",
    "party_evaluation": "De evaluatie",
}


def _count(n: int, one: str, more: str) -> str:
    return f"{n} {one if n == 1 else more}"


def reference_date() -> dt.date:
    """?peildatum=jjjj-mm-dd sets the date 'te laat' is judged on (default: today)."""
    raw = st.query_params.get("peildatum")
    try:
        return dt.date.fromisoformat(raw) if raw else dt.date.today()
    except ValueError:
        return dt.date.today()


def _widgets(entity: str, record: dict[str, Any], prefix: str) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name, kind, options in FIELDS[entity]:
        label = labels.field(entity, name) + (" *" if name in REQUIRED else "")
        key = f"{prefix}-{name}"
        current = record.get(name)
        if kind == "text":
            values[name] = st.text_input(label, current or "", key=key)
        elif kind == "area":
            values[name] = st.text_area(label, current or "", key=key, height=80)
        elif kind == "date":
            values[name] = st.date_input(
                label, current, min_value=dt.date(1900, 1, 1), format="DD-MM-YYYY", key=key
            )  # fmt: skip
        else:
            codes = list(options or {})
            values[name] = st.selectbox(
                label, codes, index=codes.index(current) if current in codes else 0, format_func=options.get, key=key
            )
    return values


def _add_form(db: core_db.Database, entity: str, party_id: int, title: str) -> None:
    n = st.session_state.setdefault(ADDED, 0)
    key = f"agenda-add-{entity}-{party_id}-{n}"
    with st.expander(title):
        with st.form(key, enter_to_submit=False):
            values = _widgets(entity, {}, key)
            if st.form_submit_button("Toevoegen", type="primary") and forms.save(
                lambda: agenda.add(db, entity, party_id, values, state.actor()),
                f"{NOUN[entity]} is toegevoegd.",
                numbers=key,
            ):
                st.session_state[ADDED] = n + 1
                st.rerun()


def _edit_form(db: core_db.Database, entity: str, rows: list[dict[str, Any]], describe: Any, title: str) -> None:
    """Pick a stored row, edit it over the version opened: someone else's save in between is refused."""
    if not rows:
        return
    names = {int(r["id"]): describe(r) for r in rows}
    with st.expander(title):
        chosen = st.selectbox(
            "Kies", list(names), format_func=names.get, index=None, placeholder="Kies wat u wilt wijzigen",
            key=f"agenda-pick-{entity}",
        )  # fmt: skip
        if chosen is None:
            return
        form = forms.opened(f"agenda-{entity}-{chosen}", lambda: agenda.row(db, entity, chosen))
        if form.record is None:
            st.info("Dit bestaat niet meer.")
            return
        with st.form(f"agenda-edit-{entity}-{chosen}", enter_to_submit=False):
            values = _widgets(entity, form.record, form.prefix)
            if st.form_submit_button("Wijziging opslaan", type="primary") and forms.save(
                lambda: agenda.update(db, entity, chosen, values, state.actor(), form.record),
                f"{NOUN[entity]} is opgeslagen.",
                form,
            ):
                st.rerun()


# -- the page ---------------------------------------------------------------------------------------------------
def party_filter(db: core_db.Database) -> int | None:
    """The party the page is about (None: all parties)."""
    choices = {ALL: "Alle partijen", **data.read(agenda.party_choices)}
    chosen = st.selectbox("Partij", list(choices), format_func=choices.get, key=PARTY)
    return None if chosen in (ALL, None) else int(chosen)


def signals(today: dt.date, party_id: int | None) -> None:
    """What is overdue: actions past their deadline and evaluations past their date, in words."""
    found = [s for s in data.read(agenda.signals, today) if party_id is None or s["party_id"] == party_id]
    st.subheader("Signalen: te laat")
    if not found:
        st.success(f"Geen acties of evaluaties te laat op {formatting.date(today)}.")
        return
    actions = sum(1 for s in found if s["kind"] == "actie")
    st.warning(
        f"Op {formatting.date(today)}: {_count(actions, 'actie', 'acties')} en "
        f"{_count(len(found) - actions, 'evaluatie', 'evaluaties')} te laat."
    )
    st.table(cells(agenda.signal_table(found)), hide_index=True)  # wraps: every column readable at 1366 px


def actions_tab(db: core_db.Database, today: dt.date, party_id: int | None) -> None:
    rows = data.read(agenda.actions, party_id)
    st.caption(
        "Acties met eigenaar, uiterlijke datum, status en termijn. Bron: handmatig, of een verbetervoorstel dat in "
        "een werkatelier is overgenomen. Een actie over de datum staat als 'te laat' in de kolom Gereed uiterlijk."
    )
    if rows:
        st.table(cells(agenda.action_table(rows, today)), hide_index=True)
    else:
        st.info("Nog geen acties op de ontwikkelagenda" + ("" if party_id is None else " van deze partij") + ".")
    if not state.editable("register"):
        return
    if party_id is None:
        st.caption("Kies hierboven een partij om een actie toe te voegen.")
    else:
        _add_form(db, "agenda_action", party_id, "Actie toevoegen")
    _edit_form(db, "agenda_action", rows, lambda r: f"{r['party']}: {r['action']}", "Actie wijzigen (status, datum)")


def koers_tab(db: core_db.Database, today: dt.date, party_id: int | None) -> None:
    setting = data.read(agenda.interval_setting)
    st.caption(f"Evaluatie: {setting['text']}.")
    status = [s for s in data.read(agenda.evaluation_status, today) if party_id is None or s["party_id"] == party_id]
    st.dataframe(agenda.evaluation_table(status), hide_index=True)
    if party_id is None:
        st.info("Kies hierboven een partij voor haar motieven, beoogde resultaten en evaluaties.")
        return
    may = state.may("register")
    st.subheader("Motieven voor de samenwerking")
    motives = data.read(agenda.party_rows, "party_motive", party_id)
    _show(agenda.motive_table(motives), "Nog geen motieven vastgelegd.")
    if may:
        _add_form(db, "party_motive", party_id, "Motief toevoegen")
        _edit_form(db, "party_motive", motives, lambda r: r["motive"], "Motief wijzigen")
    st.subheader("Beoogde en behaalde resultaten")
    results = data.read(agenda.party_rows, "party_result", party_id)
    _show(agenda.result_table(results), "Nog geen beoogde resultaten vastgelegd.")
    if may:
        _add_form(db, "party_result", party_id, "Resultaat toevoegen")
        _edit_form(db, "party_result", results, lambda r: r["intended"], "Resultaat wijzigen")
    st.subheader("Evaluaties")
    held = data.read(agenda.party_rows, "party_evaluation", party_id)
    _show(agenda.evaluations_of_party(held), "Nog geen evaluatie vastgelegd.")
    if may:
        _add_form(db, "party_evaluation", party_id, "Evaluatie vastleggen")
        _edit_form(db, "party_evaluation", held, lambda r: formatting.date(r["held_on"]), "Evaluatie wijzigen")
    else:
        state.editable("register")


def _show(table: Any, empty: str) -> None:
    if table.empty:
        st.caption(empty)
    else:
        st.dataframe(table, hide_index=True)


INTERVAL_FORM = "agenda-interval"


def settings_tab(db: core_db.Database) -> None:
    setting = data.read(agenda.interval_setting)
    st.write(
        "Sinds de Wet versterking democratische legitimatie Wgr (2022) moet een gemeenschappelijke regeling zelf "
        "regels over evaluatie bevatten; de wet noemt geen termijn. De termijn hieronder is de keuze van de gemeente."
    )
    st.caption(f"Nu: {setting['text']}.")
    if not state.editable("settings"):
        return
    form = forms.opened(INTERVAL_FORM, lambda: agenda.interval_setting(db)["original"])
    with st.form("agenda-interval-form", enter_to_submit=False):
        years = st.number_input(
            "Termijn tussen evaluaties (jaren)", min_value=1, max_value=20, value=setting["years"], step=1,
            key=f"{form.prefix}-years", help=f"Standaard {agenda.DEFAULT_INTERVAL_YEARS} jaar (praktijk, geen wet).",
        )  # fmt: skip
        if st.form_submit_button("Termijn opslaan", type="primary") and forms.save(
            lambda: agenda.save_interval(db, years, state.actor(), form.record),
            "De termijn tussen evaluaties is opgeslagen.",
            form,
        ):
            st.rerun()


# -- elsewhere: Overzicht and the werkatelier ---------------------------------------------------------------------
def overview_count() -> None:
    """On Overzicht: how many actions and evaluations are overdue, linking to the page."""
    today = dt.date.today()
    counts = data.read(agenda.signal_counts, today)
    if not sum(counts.values()):
        st.page_link(PAGE, label="Ontwikkelagenda: niets te laat", icon=":material/check_circle:")
        return
    st.page_link(
        PAGE,
        label=f"Ontwikkelagenda: {_count(counts['actie'], 'actie', 'acties')} en "
        f"{_count(counts['evaluatie'], 'evaluatie', 'evaluaties')} te laat",
        icon=":material/warning:",
    )


def accept_proposals(db: core_db.Database, session: dict[str, Any]) -> None:
    """The facilitator puts a ranked verbetervoorstel on its party's ontwikkelagenda (owner and deadline given
    here; the horizon is the proposal's, the werkatelier its source)."""
    st.subheader("Verbetervoorstellen naar de ontwikkelagenda")
    items = data.read(agenda.acceptable_proposals, session["id"])
    if not items:
        st.caption("Nog geen verbetervoorstellen in dit werkatelier.")
        return
    st.table(cells(agenda.proposal_overview(items)), hide_index=True)
    waiting = {i["id"]: i for i in items if not i["accepted"]}
    if not waiting:
        st.caption("Alle voorstellen staan op de ontwikkelagenda.")
        return
    with st.form(f"ws-accept-{session['code']}", enter_to_submit=False):
        chosen = st.selectbox(
            "Voorstel",
            list(waiting),
            format_func=lambda i: f"{waiting[i]['place']}. {waiting[i]['text']} ({waiting[i]['party']})",
        )
        c1, c2 = st.columns(2)
        owner = c1.text_input("Eigenaar")
        deadline = c2.date_input("Gereed uiterlijk", None, format="DD-MM-YYYY")
        if st.form_submit_button("Opnemen in de ontwikkelagenda", type="primary") and forms.save(
            lambda: agenda.accept_proposal(db, chosen, {"owner": owner, "deadline": deadline}, state.actor()),
            f"Het voorstel staat op de ontwikkelagenda van {waiting[chosen]['party']}.",
        ):
            st.rerun()
    st.caption("De termijn (kort, middellang, lang) van het voorstel blijft behouden; het werkatelier is de bron.")
