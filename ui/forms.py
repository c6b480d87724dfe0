"""Forms shared by pages: they collect widget values into plain dicts; governance validates and saves.

A form never checks rules itself: it hands the values to a governance function and shows each
FieldError it gets back, so the same Dutch message appears here, in imports and on the command line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import streamlit as st

from governance import register
from governance.core import labels
from governance.core.errors import ConflictError, DomainError, ValidationError
from ui import amounts, state
from ui.text import plain

AUTO = "auto"


def _pick(label: str, options: dict[str, str], current: str | None, key: str, extra: dict[str, str] | None = None):
    choices = {**(extra or {}), **options}
    codes = list(choices)
    return st.selectbox(
        label,
        codes,
        index=codes.index(current) if current in codes else 0,
        format_func=lambda c: choices[c],
        key=key,
    )


def party_fields(party: dict[str, Any] | None, key: str) -> dict[str, Any]:
    """The party's editable fields as widgets; returns their values. `party` None means a new party."""
    p = party or {}
    f = labels.FIELDS["party"]
    values: dict[str, Any] = {}
    left, right = st.columns(2)
    with left:
        values["name"] = st.text_input(f["name"] + " *", p.get("name") or "", key=f"{key}-name", max_chars=200)
        values["legal_form"] = _pick(f["legal_form"] + " *", labels.LEGAL_FORMS, p.get("legal_form"), f"{key}-form")
        values["bbv_category"] = _pick(
            f["bbv_category"] + " *",
            labels.BBV_CATEGORIES,
            p.get("bbv_category"),
            f"{key}-cat",
            extra=None if party else {AUTO: "Volgt uit de rechtsvorm"},
        )
        values["status"] = _pick(f["status"], labels.PARTY_STATUS, p.get("status", "actief"), f"{key}-status")
        values["seat"] = st.text_input(f["seat"], p.get("seat") or "", key=f"{key}-seat")
        values["kvk"] = st.text_input(f["kvk"], p.get("kvk") or "", key=f"{key}-kvk", max_chars=8)
    with right:
        values["policy_domain"] = st.text_input(f["policy_domain"], p.get("policy_domain") or "", key=f"{key}-dom")
        values["programme"] = st.text_input(f["programme"], p.get("programme") or "", key=f"{key}-prog")
        values["founded"] = st.date_input(
            f["founded"], p.get("founded"), min_value=dt.date(1800, 1, 1), format="DD-MM-YYYY", key=f"{key}-from"
        )
        values["ended"] = st.date_input(
            f["ended"], p.get("ended"), min_value=dt.date(1800, 1, 1), format="DD-MM-YYYY", key=f"{key}-to"
        )
        values["mandatory"] = st.checkbox(f["mandatory"], bool(p.get("mandatory")), key=f"{key}-mand")
    values["interest_held"] = st.text_area(f["interest_held"], p.get("interest_held") or "", key=f"{key}-held")
    values["public_interest"] = st.text_area(f["public_interest"], p.get("public_interest") or "", key=f"{key}-pub")
    values["notes"] = st.text_area(f["notes"], p.get("notes") or "", key=f"{key}-notes")
    if values.get("bbv_category") == AUTO:
        values["bbv_category"] = labels.CATEGORY_OF_FORM[values["legal_form"]]
    return values


YES_NO_UNKNOWN = {"ja": "Ja", "nee": "Nee", "onbekend": "Nog te beoordelen"}


def _tri_pick(label: str, current: Any, key: str, help: str | None = None) -> bool | None:
    now = "onbekend" if current is None or current != current else ("ja" if current else "nee")
    codes = list(YES_NO_UNKNOWN)
    picked = st.radio(
        label, codes, index=codes.index(now), format_func=YES_NO_UNKNOWN.get, key=key, horizontal=True, help=help
    )
    return None if picked == "onbekend" else picked == "ja"


def _ground_pick(label: str, options: dict[str, str], current: Any, key: str) -> str | None:
    codes = ["", *options]
    return (
        st.selectbox(
            label,
            codes,
            index=codes.index(current) if current in codes else 0,
            format_func=lambda c: options.get(c, "—"),
            key=key,
        )
        or None
    )


def determination_fields(party: dict[str, Any] | None, key: str, centre: bool) -> dict[str, Any]:
    """Art. 1 BBV: bestuurlijk and financieel belang (yes / no / to assess) with their ground, whether the
    gemeente is the centrumgemeente (`centre`: asked of a centrumregeling), and the note."""
    p = party or {}
    f = labels.FIELDS["party"]
    values: dict[str, Any] = {}
    left, right = st.columns(2)
    with left:
        values["control_interest"] = _tri_pick(
            f["control_interest"],
            p.get("control_interest"),
            f"{key}-ci",
            help="Zeggenschap: een zetel in een orgaan (AB, DB, bestuur, AvA, RvC) of stemrecht.",
        )
        values["control_ground"] = _ground_pick(
            f["control_ground"], labels.CONTROL_GROUNDS, p.get("control_ground"), f"{key}-cg"
        )
    with right:
        values["financial_interest"] = _tri_pick(
            f["financial_interest"],
            p.get("financial_interest"),
            f"{key}-fi",
            help="Geld dat verloren gaat als de partij failliet gaat, of een bedrag waarvoor de gemeente "
            "aansprakelijk is: kapitaal, bijdrage, lening, garantie.",
        )
        values["financial_ground"] = _ground_pick(
            f["financial_ground"], labels.FINANCIAL_GROUNDS, p.get("financial_ground"), f"{key}-fg"
        )
    if centre:
        values["centre_municipality"] = _tri_pick(f["centre_municipality"], p.get("centre_municipality"), f"{key}-cm")
    values["vp_notes"] = st.text_area(f["vp_notes"], p.get("vp_notes") or "", key=f"{key}-vpn")
    return values


def year_fields(current: dict[str, Any] | None, key: str) -> dict[str, Any]:
    """Amount fields for one party-year, typed the Dutch way; empty means unknown (and shows as a BBV gap).
    `save(…, form)` checks them (their keys start with the form's prefix)."""
    c = current or {}
    f = labels.FIELDS["party_year"]
    values: dict[str, Any] = {}
    cols = st.columns(3)
    for i, name in enumerate(register.AMOUNT_FIELDS):
        values[name] = amounts.number_field(cols[i % 3], f[name] + " (€)", c.get(name), f"{key}-{name}")
    values["source_document"] = st.text_input(f["source_document"], c.get("source_document") or "", key=f"{key}-src")
    return values


OPENED = "opened-records"  # session key: records as the user first saw them, per form


@dataclass(frozen=True)
class Opened:
    """One edit form over one stored record (a row, a setting, or a dict of rows) as this user opened it.

    `record` is the copy every save compares against: a change someone else saved in between is refused
    (ConflictError naming the fields) instead of overwritten. `prefix` is the form's widget-key prefix: it
    carries the record's version, so after a save or a conflict the widgets start from the stored values
    again. `key` names the form."""

    key: str
    record: Any
    prefix: str


def _version(record: Any) -> str:
    if isinstance(record, dict) and "version" in record:
        return str(record["version"])
    if isinstance(record, dict):  # a dict of rows (e.g. several settings)
        return "-".join(str(r.get("version", 0)) if isinstance(r, dict) else "0" for r in record.values())
    return "0"


def opened(key: str, load: Callable[[], Any]) -> Opened:
    """The record as this user opened form `key`: `load()` runs the first time only; the copy is kept until a save
    or a conflict (or `forget`). Never re-read a record on the submit rerun: that would compare a save against
    someone else's newer version and overwrite it silently."""
    store = st.session_state.setdefault(OPENED, {})
    if key not in store:
        store[key] = load()
    record = store[key]
    return Opened(key, record, f"{key}-v{_version(record)}")


def forget(key: str | None = None) -> None:
    """Drop the remembered copy (all of them without a key): the form shows the stored record again."""
    store = st.session_state.setdefault(OPENED, {})
    for name in [key] if key else list(store):
        store.pop(name, None)


def save(action: Callable[[], Any], success: str, form: Opened | None = None, numbers: str | None = None) -> bool:
    """Run a governance write; on success remember a message for after the rerun, else show why not.
    First the form's number fields (`ui.amounts`, keys under `numbers`, by default the form's prefix) must read as
    they were typed. With `form`, a conflict makes that form load the stored record again; after a save every
    form does (a record unchanged keeps its widget keys and so what the user typed)."""
    prefix = numbers or (form.prefix if form is not None else None)
    if prefix is not None and not amounts.read_as_shown(prefix):
        return False
    try:
        action()
    except ValidationError as exc:
        st.error("Niet opgeslagen. Controleer de volgende velden:")
        for error in exc.errors:
            st.error(f"**{plain(error.label)}**: {plain(error.message)}")  # messages quote what was typed
        return False
    except ConflictError as exc:
        st.warning(plain(str(exc)))
        if form is not None:
            forget(form.key)
            st.info("Het formulier toont nu de opgeslagen gegevens. Breng uw wijziging opnieuw aan.")
        return False
    except DomainError as exc:
        st.error(plain(str(exc)))
        return False
    forget()  # every form reloads what is stored now: another form over the same record must not go stale
    state.flash(success)
    return True
