"""Forms and panels for persons, representations and a party's government role, shared by the Rollen page
and the register's Vertegenwoordiging tab. They collect widget values; governance.roles validates and saves."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import streamlit as st

from governance import roles
from governance.core import formatting, labels
from governance.core.db import Database
from ui import data, forms, glossary, nav, state
from ui.text import plain

NEW = -1
EARLIEST = dt.date(1950, 1, 1)
PLOT_CONFIG = {"displayModeBar": False}


def md(text: Any) -> str:
    """User text shown through st.markdown: a name stays a name (ui.text.plain)."""
    return plain(text)


def _select(label: str, options: dict[Any, str], current: Any, key: str, blank: bool = False, **kwargs: Any) -> Any:
    """A selectbox over `options`; with `blank`, nothing is preselected for a new record (no silent default
    that a hurried user saves by accident): leaving it empty gives the Dutch "is verplicht" message."""
    codes = list(options)
    if current in codes:
        index: int | None = codes.index(current)
    else:
        index = None if blank else 0
    return st.selectbox(
        label,
        codes,
        index=index,
        format_func=lambda c: options[c],
        key=key,
        placeholder="Maak een keuze",
        **kwargs,
    )


def _optional_choice(
    label: str, names: dict[str, str], current: str | None, key: str, help: str | None = None
) -> str | None:
    options = {"": "Niet vastgelegd", **names}
    return _select(label, options, current or "", key, help=help) or None


# -- government role and participation -------------------------------------------------------------------------
def stance_panel(db: Database, party: dict[str, Any], key: str) -> None:
    """The two ladders of a party (ROB overheidsparticipatietrap, participatieladder) and a form to set them."""
    left, right = st.columns(2)
    for col, title, source, field, names, helps in (
        (
            left,
            "Rol van de gemeente",
            "overheidsparticipatietrap (ROB)",
            "government_role",
            labels.GOVERNMENT_ROLES,
            labels.GOVERNMENT_ROLE_HELP,
        ),
        (
            right,
            "Beoogd participatieniveau",
            "participatieladder",
            "participation_level",
            labels.PARTICIPATION_LEVELS,
            labels.PARTICIPATION_LEVEL_HELP,
        ),
    ):
        chosen = party.get(field)
        with col:
            st.markdown(f"**{title}** ({source})")
            st.plotly_chart(roles.ladder(names, chosen, helps), config=PLOT_CONFIG, key=f"{key}-{field}-ladder")
            if chosen in names:
                st.caption(f"Gekozen: **{names[chosen]}** — {helps[chosen]}.")
            else:
                st.caption("Nog niet vastgelegd.")
    if _flag(party.get("government_connector")):
        st.caption("De gemeente treedt bij deze partij op als verbinder.")
    if party.get("government_role_notes"):
        st.markdown(f"**Toelichting:** {md(party['government_role_notes'])}")
    if not state.may("register"):
        return
    with st.expander("Rol en participatieniveau wijzigen"), st.form(f"{key}-stance", enter_to_submit=False):
        stance_form(db, party, f"{key}-stance")


def stance_form(db: Database, party: dict[str, Any], key: str) -> None:
    """The fields of the stance, over the party row as this user opened it: a change someone else saved since
    (the stance or any other field of the party) is refused, not overwritten."""
    form = forms.opened(key, lambda: party)
    f = labels.FIELDS["party"]
    c1, c2 = st.columns(2)
    with c1:
        role = _optional_choice(
            f["government_role"],
            labels.GOVERNMENT_ROLES,
            form.record.get("government_role"),
            f"{form.prefix}-gr",
            help=glossary.help_for("overheidsparticipatietrap"),
        )
    with c2:
        level = _optional_choice(
            f["participation_level"],
            labels.PARTICIPATION_LEVELS,
            form.record.get("participation_level"),
            f"{form.prefix}-pl",
            help=glossary.help_for("participatieladder"),
        )
    notes = st.text_area(
        f["government_role_notes"], form.record.get("government_role_notes") or "", key=f"{form.prefix}-grn"
    )
    values = {"government_role": role, "participation_level": level, "government_role_notes": notes}
    values["government_connector"] = connector_choice(form.record.get("government_connector"), form.prefix)
    if st.form_submit_button("Rol en niveau opslaan", type="primary") and forms.save(
        lambda: roles.set_stance(db, party["id"], values, state.actor(), original=form.record),
        "Rol en participatieniveau zijn opgeslagen.",
        form,
    ):
        st.rerun()


def _flag(value: Any) -> bool | None:
    """A stored yes/no (Python, numpy or pandas boolean) as True, False or None (not recorded)."""
    return None if value is None or pd.isna(value) else bool(value)


CONNECTOR = {"ja": "Ja, de gemeente treedt op als verbinder", "nee": "Nee"}


def connector_choice(current: Any, prefix: str) -> bool | None:
    """Whether the gemeente acts as verbinder at the party (migration 027): ja, nee or not recorded."""
    flag = _flag(current)
    shown = None if flag is None else "ja" if flag else "nee"
    picked = _optional_choice(
        labels.FIELDS["party"]["government_connector"], CONNECTOR, shown, f"{prefix}-vb", glossary.help_for("verbinden")
    )
    return None if picked is None else picked == "ja"


# -- representations -------------------------------------------------------------------------------------------
def _rep_label(row: dict[str, Any]) -> str:
    period = f"{_day(row['start_date'])} t/m {_day(row['end_date'], 'heden')}"
    return f"{row['person_name']} — {row['party_name']} — {labels.BODIES_SHORT[row['body']]} ({period})"


def _day(value: Any, empty: str = "?") -> str:
    shown = formatting.date(value)
    return empty if shown == "—" else shown


def _date(value: Any) -> dt.date | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def _body_options(parties: pd.DataFrame, party_id: Any) -> dict[str, str]:
    """The bodies the party's legal form has (governance.roles.bodies); every body while no party is chosen."""
    found = parties[parties["id"] == party_id] if party_id is not None else parties.iloc[0:0]
    return roles.body_options(found["legal_form"].iloc[0]) if len(found) else labels.BODIES


def representation_fields(
    current: dict[str, Any],
    persons: pd.DataFrame,
    parties: pd.DataFrame,
    key: str,
    fixed_party: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Widgets for one representation; returns the values as governance.roles expects them."""
    f = labels.FIELDS["representation"]
    person_names = {
        int(i): f"{name} ({labels.FUNCTIONS[function].lower()})"
        for i, name, function in zip(persons["id"], persons["name"], persons["function"], strict=True)
    }
    c1, c2 = st.columns(2)
    with c1:
        person = _select(f["person_id"] + " *", person_names, current.get("person_id"), f"{key}-person", True)
        if fixed_party is None:
            names = dict(zip(parties["id"].astype(int), parties["name"], strict=True))
            party = _select(f["party_id"] + " *", names, current.get("party_id"), f"{key}-party", True)
        else:
            party = fixed_party["id"]
        body = _select(f["body"] + " *", _body_options(parties, party), current.get("body"), f"{key}-body", True)
        capacity = _select(f["capacity"] + " *", labels.CAPACITIES, current.get("capacity"), f"{key}-cap", True)
    with c2:
        start = st.date_input(
            f["start_date"], _date(current.get("start_date")), min_value=EARLIEST, format="DD-MM-YYYY", key=f"{key}-s"
        )
        end = st.date_input(
            f["end_date"],
            _date(current.get("end_date")),
            min_value=EARLIEST,
            format="DD-MM-YYYY",
            key=f"{key}-e",
            help="Laatste dag van de termijn; leeg als de termijn geen einddatum heeft.",
        )
        notes = st.text_area(f["notes"], current.get("notes") or "", key=f"{key}-n", height=90)
    return {
        "person_id": person,
        "party_id": party,
        "body": body,
        "capacity": capacity,
        "start_date": start,
        "end_date": end,
        "notes": notes,
    }


def representation_editor(
    db: Database, reps: pd.DataFrame, key: str, fixed_party: dict[str, Any] | None = None
) -> None:
    """Add a representation, or pick one of `reps` to change, end (with a reason) or delete (an input error)."""
    if not state.may("register"):
        return
    persons = data.read(roles.persons)
    parties = data.read(roles.parties_for_choice)
    with st.expander("Vertegenwoordiging toevoegen"):
        party = fixed_party or _party_first(parties, key)  # the form then offers only that party's bodies
        if party is not None:
            add = f"{key}-add" if fixed_party else f"{key}-add-{party['id']}"
            with st.form(add, enter_to_submit=False):
                values = representation_fields({}, persons, parties, add, party)
                if st.form_submit_button("Toevoegen", type="primary") and forms.save(
                    lambda: roles.save_representation(db, values, state.actor()),
                    "De vertegenwoordiging is toegevoegd.",
                ):
                    st.rerun()
    if reps.empty:
        return
    with st.expander("Vertegenwoordiging wijzigen of beëindigen"):
        rows = {int(r["id"]): r for r in reps.to_dict("records")}
        rep_id = st.selectbox(
            "Welke vertegenwoordiging?",
            list(rows),
            index=None,
            format_func=lambda i: _rep_label(rows[i]),
            placeholder="Kies een vertegenwoordiging",
            key=f"{key}-pick",
        )
        if rep_id is None:
            return
        representation_forms(db, rep_id, persons, parties, key, fixed_party)


def _party_first(parties: pd.DataFrame, key: str) -> dict[str, Any] | None:
    """The party a new representation is for, chosen before the form: a form cannot change its own options, and
    the bodies on offer follow the party's legal form."""
    rows = {int(r["id"]): r for r in parties.to_dict("records")}
    f = labels.FIELDS["representation"]
    chosen = st.selectbox(
        f["party_id"] + " *",
        list(rows),
        index=None,
        format_func=lambda i: rows[i]["name"],
        placeholder="Kies eerst de partij",
        key=f"{key}-add-party",
    )
    return rows.get(chosen) if chosen is not None else None


def representation_forms(
    db: Database,
    rep_id: int,
    persons: pd.DataFrame,
    parties: pd.DataFrame,
    key: str,
    fixed_party: dict[str, Any] | None = None,
) -> None:
    """Change, end or delete one representation. Changing and ending share the row as this user opened it, on
    every page: a save in one reloads the other, and someone else's save in between is refused in both."""
    form = forms.opened(f"representation-{rep_id}", lambda: roles.get_representation(db, rep_id))
    with st.form(f"{key}-edit-{rep_id}", enter_to_submit=False):
        values = representation_fields(form.record, persons, parties, f"{key}-{form.prefix}", fixed_party)
        if st.form_submit_button("Wijzigingen opslaan", type="primary") and forms.save(
            lambda: roles.save_representation(db, values, state.actor(), rep_id=rep_id, original=form.record),
            "De vertegenwoordiging is gewijzigd.",
            form,
        ):
            st.rerun()
    with st.form(f"{key}-end-{rep_id}", enter_to_submit=False):
        st.markdown("**Termijn beëindigen**")
        c1, c2 = st.columns([1, 2])
        end = c1.date_input(
            "Laatste dag", dt.date.today(), min_value=EARLIEST, format="DD-MM-YYYY", key=f"{key}-end-d-{rep_id}"
        )
        reason = c2.text_input("Reden (komt in het logboek)", key=f"{key}-end-r-{rep_id}")
        if st.form_submit_button("Beëindigen") and forms.save(
            lambda: roles.end_representation(db, rep_id, end, state.actor(), reason, original=form.record),
            "De termijn is beëindigd.",
            form,
        ):
            st.rerun()
    with st.form(f"{key}-del-{rep_id}", enter_to_submit=False):
        st.markdown("**Verwijderen** — alleen bij een invoerfout; een afgelopen termijn beëindigt u hierboven.")
        reason = st.text_input("Reden (komt in het logboek)", key=f"{key}-del-r-{rep_id}")
        if st.form_submit_button("Verwijderen") and forms.save(
            lambda: roles.delete_representation(db, rep_id, state.actor(), reason),
            "De vertegenwoordiging is verwijderd.",
            form,
        ):
            st.rerun()


# -- persons ---------------------------------------------------------------------------------------------------
def person_editor(db: Database, key: str) -> None:
    """Pick a person to change, or add one."""
    if not state.may("register"):
        return
    persons = data.read(roles.persons)
    names = {NEW: "— Nieuwe persoon toevoegen —"}
    for i, name, function in zip(persons["id"], persons["name"], persons["function"], strict=True):
        names[int(i)] = f"{name} ({labels.FUNCTIONS[function].lower()})"
    chosen = _select("Persoon kiezen (of nieuw)", names, NEW, f"{key}-pick")
    form = None if chosen == NEW else forms.opened(f"person-{chosen}", lambda: roles.get_person(db, chosen))
    new = form is None
    current, prefix = ({}, f"{key}-{NEW}") if form is None else (form.record, f"{key}-{form.prefix}")
    with st.form(f"{key}-form-{chosen}", enter_to_submit=False):
        values = person_fields(current, prefix, new)
        if st.form_submit_button("Persoon toevoegen" if new else "Wijzigingen opslaan", type="primary") and forms.save(
            lambda: roles.save_person(
                db, values, state.actor(), person_id=None if new else chosen, original=None if new else current
            ),
            f"{values['name'].strip() or 'De persoon'} is opgeslagen.",
            form,
        ):
            st.rerun()


def person_fields(current: dict[str, Any], key: str, new: bool) -> dict[str, Any]:
    """Widgets for one person; the code is fixed once the person exists (other records refer to it)."""
    f = labels.FIELDS["person"]
    c1, c2 = st.columns(2)
    with c1:
        name = st.text_input(f["name"] + " *", current.get("name") or "", key=f"{key}-name", max_chars=200)
        function = _select(f["function"] + " *", labels.FUNCTIONS, current.get("function"), f"{key}-fn", True)
        email = st.text_input(f["email"], current.get("email") or "", key=f"{key}-mail")
    with c2:
        portfolio = st.text_area(
            f["portfolio"],
            current.get("portfolio") or "",
            key=f"{key}-pf",
            help="Onderdelen gescheiden door een puntkomma, bijvoorbeeld: Financiën; Sociaal domein.",
        )
        code = st.text_input(
            f["code"],
            current.get("code") or "",
            key=f"{key}-code",
            disabled=not new,
            help="Korte vaste sleutel; leeg laten maakt er een van de naam.",
        )
    values = {"name": name, "function": function, "portfolio": portfolio, "email": email}
    return {**values, "code": code} if new else values


# -- the register's Vertegenwoordiging tab -----------------------------------------------------------------------
def party_roles_panel(db: Database, party: dict[str, Any]) -> None:
    """Below the party's representation table: its open role signals, its ladders and the editors."""
    found = data.read(roles.party_signals, party["code"], roles.reference_date(st.query_params.get("peildatum")))
    mine = found[~found["acknowledged"]]
    for row in mine.to_dict("records"):
        st.warning(f"**{row['title']}** — {md(row['text'])}", icon=":material/warning:")
    st.subheader("Rol van de gemeente en participatie")
    stance_panel(db, party, f"party-{party['id']}")
    if state.may("register"):
        st.subheader("Vertegenwoordiging beheren")
    reps = data.read(roles.representation_table)
    representation_editor(db, reps[reps["party_id"] == party["id"]], f"party-{party['id']}-rep", fixed_party=party)
    st.page_link(nav.ROLLEN, label="Rollenkaart en alle rolsignalen", icon=":material/arrow_forward:")
