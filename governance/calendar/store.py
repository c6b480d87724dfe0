"""The P&C calendar in the database: the settings (which regelingen still follow the old cycle; the dates the
law does not settle), the stored documents (what happened, the regeling's own dates), and the deadlines of every
gemeenschappelijke regeling in the register between two dates, each with its state and signal on a given day.

Every change goes through `db.write`, audited; a document is saved only over the version its writer opened."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from governance.calendar import rules
from governance.core import labels
from governance.core import validation as v
from governance.core.access import Actor
from governance.core.db import Database, Tx
from governance.core.errors import ConflictError, FieldError, ValidationError

REGIMES_KEY = "calendar.regimes"
DATES_KEY = "calendar.dates"
GR_FORMS = tuple(f for f, c in labels.CATEGORY_OF_FORM.items() if c == "gemeenschappelijke_regeling")
DATE_FIELDS = {  # the settable dates: (label, DateSettings attribute)
    "kaders_new": "Kaders aan de raden, sinds 1 juli 2022 (dag en maand in het jaar vóór het begrotingsjaar)",
    "kaders_old": "Kaders aan de raden, oude cyclus",
    "interim_accounts": "Voorlopige jaarrekening aan de raden (in het jaar na het begrotingsjaar)",
}
DECISIONS: dict[str, str] = {
    "zienswijze": "Zienswijze ingediend",
    "geen_bezwaar": "Geen bezwaar (instemming)",
    "afgezien": "Afgezien van een zienswijze",
}
STATUS: dict[str, str] = {
    "verwacht": "Verwacht",
    "ontvangen": "Ontvangen",
    "in_behandeling": "In behandeling bij de raad",
    "afgerond": "Afgerond",
}
DATE_COLUMNS = ("own_due", "board_meeting", "sent_on", "received_on", "council_meeting", "answer_received")
SCHEMA: dict[str, v.Check] = {
    **{c: v.date() for c in DATE_COLUMNS},
    "opinion": v.text(max_len=20000),
    "opinion_decision": v.choice(DECISIONS, required=False),
    "status": v.choice(STATUS),
    "notes": v.text(max_len=4000),
}
STORED_KINDS = tuple(k for k in rules.DOCUMENTS)
DOCUMENT_SCHEMA = SCHEMA


# -- settings ---------------------------------------------------------------------------------------------


def _setting(db: Database | Tx, key: str) -> dict[str, Any] | None:
    found = db.rows("SELECT key, value, version FROM setting WHERE key = ?", [key])
    return found[0] if found else None


def _loaded(row: dict[str, Any] | None) -> Any:
    return None if row is None else json.loads(row["value"]) if isinstance(row["value"], str) else row["value"]


def settings(db: Database | Tx) -> dict[str, Any]:
    """`regimes` (party code -> regime; a party not named follows the law since 2022), `dates` (DateSettings:
    what is not saved stays at its marked default) and the setting rows as stored (`originals`, what a save
    compares against)."""
    regimes_row, dates_row = _setting(db, REGIMES_KEY), _setting(db, DATES_KEY)
    regimes = {str(k): str(r) for k, r in (_loaded(regimes_row) or {}).items() if r in rules.REGIMES}
    saved = _loaded(dates_row) or {}
    base = rules.DateSettings()
    values = {k: tuple(saved[k]) if k in saved else getattr(base, k) for k in DATE_FIELDS}
    dates = rules.DateSettings(**values, defaults=frozenset(base.defaults - set(saved)))
    return {"regimes": regimes, "dates": dates, "originals": {REGIMES_KEY: regimes_row, DATES_KEY: dates_row}}


def parse_day(text: Any) -> tuple[int, int] | None:
    """'30-04' (dd-mm) as (month, day); None when it is not a day of the year (29 February is refused)."""
    try:
        day, month = (int(p) for p in str(text).strip().split("-"))
        dt.date(2023, month, day)
    except (ValueError, TypeError):
        return None
    return month, day


def save_settings(
    db: Database, old_cycle: list[str], dates: dict[str, Any], actor: Actor, originals: dict[str, Any]
) -> None:
    """Store which regelingen (party codes) still follow the old cycle, and the dates typed as dd-mm; a date
    left at its default value is not stored, so it stays marked as a default. All or nothing; audited."""
    errors, clean = [], {}
    base = rules.DateSettings()
    for key, label in DATE_FIELDS.items():
        typed = dates.get(key)
        if typed is None or str(typed).strip() == "":
            continue
        day = parse_day(typed)
        if day is None:
            errors.append(FieldError(key, label, f"'{typed}' is geen dag van het jaar (gebruik dd-mm, bijv. 30-04)"))
        elif key not in base.defaults or day != getattr(base, key):
            clean[key] = list(day)
    if errors:
        raise ValidationError(errors, labels.setting(DATES_KEY))

    def run(tx: Tx) -> None:
        codes = {r["code"] for r in tx.rows("SELECT code FROM party")}
        unknown = sorted(set(old_cycle) - codes)
        if unknown:
            raise ValidationError(
                [FieldError("regimes", "Oude cyclus", f"onbekende partij {', '.join(unknown)}")],
                labels.setting(REGIMES_KEY),
            )
        tx.put_setting(REGIMES_KEY, {c: rules.OLD for c in sorted(old_cycle)}, originals.get(REGIMES_KEY))
        tx.put_setting(DATES_KEY, clean, originals.get(DATES_KEY))

    db.write(run, actor, "settings")


# -- documents --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Key:
    """A document: party, begrotingsjaar, kind, and (wijziging) its subject."""

    party_id: int
    year: int
    kind: str
    subject: str = ""


def document(db: Database | Tx, key: Key) -> dict[str, Any] | None:
    """The stored document, or None while nothing was recorded for it."""
    found = db.rows(
        "SELECT * FROM pc_document WHERE party_id = ? AND year = ? AND kind = ? AND subject = ?",
        [key.party_id, key.year, key.kind, key.subject],
    )
    return found[0] if found else None


def validate_document(values: dict[str, Any], row: int | None = None) -> dict[str, Any]:
    """The clean fields of a document (dates, zienswijze, decision, answer, status, notes), or every wrong field
    in Dutch (with the row, for an import). The GR board's answer needs a decision of the raad first."""
    clean, errors = v.apply("pc_document", SCHEMA, {k: values.get(k) for k in SCHEMA if k in values}, row)
    if not errors and clean.get("answer_received") and not clean.get("opinion_decision"):
        errors.append(
            FieldError(
                "answer_received", labels.field("pc_document", "answer_received"), "vraagt eerst een besluit", row
            )
        )
    if errors:
        raise ValidationError(errors, labels.entity("pc_document"))
    return clean


def save_document(
    db: Database, key: Key, values: dict[str, Any], actor: Actor, original: dict[str, Any] | None
) -> None:
    """Record what happened to one document (dates, the zienswijze and the raad's decision, the GR board's answer,
    status). `original` is the row as the writer opened it (None when there was none): a version someone else
    saved in between is refused, not overwritten."""
    errors: list[FieldError] = []
    if key.kind not in STORED_KINDS:
        errors.append(FieldError("kind", labels.field("pc_document", "kind"), "is geen P&C-document"))
    try:
        clean = validate_document({k: values.get(k) for k in SCHEMA})  # a field not given is cleared
    except ValidationError as exc:
        errors += exc.errors
    if errors:
        raise ValidationError(errors, labels.entity("pc_document"))

    def run(tx: Tx) -> None:
        stored = document(tx, key)
        if stored is None and original is None:
            row = {"party_id": key.party_id, "year": key.year, "kind": key.kind, "subject": key.subject}
            tx.insert("pc_document", {**row, **clean})
        elif stored is None or original is None:
            raise ConflictError(
                f"{rules.DOCUMENTS.get(key.kind, key.kind)} {key.year} is intussen door iemand anders gewijzigd. "
                "Uw wijziging is niet opgeslagen; bekijk de nieuwe gegevens en probeer het opnieuw.",
                {"status": (None, stored and stored["status"])},
            )
        else:
            tx.update("pc_document", stored["id"], clean, original=original)

    db.write(run, actor, "register")


def add_change(db: Database, party_id: int, sent_on: Any, subject: Any, actor: Actor) -> Key:
    """Record a draft change, joining or leaving of the regeling sent to the raden (its 8-week window runs from
    `sent_on`). Returns its key."""
    clean, errors = v.apply(
        "pc_document", {"sent_on": v.date(), "subject": v.text(required=True, max_len=200)},
        {"sent_on": sent_on, "subject": subject},
    )  # fmt: skip
    if not errors and clean["sent_on"] is None:
        errors.append(FieldError("sent_on", labels.field("pc_document", "sent_on"), "is verplicht"))
    if errors:
        raise ValidationError(errors, labels.entity("pc_document"))
    key = Key(int(party_id), clean["sent_on"].year, "wijziging", clean["subject"])
    values = {"party_id": key.party_id, "year": key.year, "kind": key.kind, "subject": key.subject}
    db.write(lambda tx: tx.insert("pc_document", {**values, "sent_on": clean["sent_on"]}), actor, "register")
    return key


def changes(db: Database | Tx, party_id: int) -> list[dict[str, Any]]:
    """The changes, joinings and leavings of one regeling recorded so far (year and subject), newest first."""
    return db.rows(
        "SELECT year, subject FROM pc_document WHERE party_id = ? AND kind = 'wijziging' ORDER BY year DESC, subject",
        [int(party_id)],
    )


# -- the calendar -----------------------------------------------------------------------------------------


def regelingen(db: Database | Tx) -> list[dict[str, Any]]:
    """The gemeenschappelijke regelingen in the register (not archived, not opgeheven), by name, each with the day
    it started: its founding date, else the day the first version of the regeling in the national register came
    into force (the chain of versions followed back through `previous_roo_id`)."""
    marks = ", ".join("?" for _ in GR_FORMS)
    return db.rows(
        "WITH RECURSIVE chain(party_id, roo_id, since, depth) AS ("
        " SELECT p.id, r.previous_roo_id, r.in_force_since, 0 FROM party p"
        " JOIN national_regeling r ON r.roo_id = p.roo_id"
        " UNION ALL SELECT c.party_id, r.previous_roo_id, r.in_force_since, c.depth + 1 FROM chain c"
        " JOIN national_regeling r ON r.roo_id = c.roo_id WHERE c.depth < 50),"
        " first AS (SELECT party_id, min(since) AS since FROM chain GROUP BY party_id)"
        " SELECT p.id, p.code, p.name, p.legal_form, coalesce(p.founded, f.since) AS founded, p.ended"
        " FROM party p LEFT JOIN first f ON f.party_id = p.id"
        f" WHERE p.legal_form IN ({marks}) AND p.archived_at IS NULL AND p.status <> 'opgeheven' ORDER BY p.name",
        list(GR_FORMS),
    )


def _alive(party: dict[str, Any], day: dt.date) -> bool:
    return (party["founded"] is None or party["founded"] <= day) and (party["ended"] is None or day <= party["ended"])


def items(db: Database, start: dt.date, end: dt.date, today: dt.date) -> list[dict[str, Any]]:
    """Every deadline of every regeling that falls in [start, end] (a window: that overlaps it), by date: party,
    year, kind and label, start and due, where the date comes from (`basis`, `default`, `own`), the regime, the
    state and the signal on `today`, and the stored document's key fields."""
    found = settings(db)
    stored: dict[tuple, dict[str, Any]] = {}
    for row in db.rows("SELECT * FROM pc_document"):
        stored[(row["party_id"], row["year"], row["kind"], row["subject"])] = row
    changes: dict[int, list[dict[str, Any]]] = {}  # per party: its wijzigingen (a scan per party was quadratic)
    for (pid, _year, kind, _subject), row in stored.items():
        if kind == "wijziging" and row["sent_on"] is not None:
            changes.setdefault(pid, []).append(row)
    plain: dict[tuple[int, str], list[rules.Deadline]] = {}  # a year and regime without own dates: the same list
    out: list[dict[str, Any]] = []
    for party in regelingen(db):
        deadlines: list[rules.Deadline] = []
        for year in range(start.year - 1, end.year + 2):
            regime = rules.regime_for(year, found["regimes"].get(party["code"]))
            own = {k: stored.get((party["id"], year, k, ""), {}) for k in STORED_KINDS}
            if any(own.values()):
                deadlines += rules.year_deadlines(year, regime, found["dates"], own)
            else:
                if (year, regime) not in plain:
                    plain[(year, regime)] = rules.year_deadlines(year, regime, found["dates"], own)
                deadlines += plain[(year, regime)]
        for row in changes.get(party["id"], []):
            change = rules.change_deadline(row["year"], row["sent_on"], row["subject"])
            deadlines += [change] if change else []
        for d in deadlines:
            if (d.start or d.due) > end or d.due < start or not _alive(party, d.start or d.due):
                continue
            doc = stored.get((party["id"], d.year, d.document, d.subject))
            out.append(_item(party, d, doc, today))
    return sorted(out, key=lambda i: (i["due"], i["party_name"], i["kind"]))


def _item(party: dict[str, Any], d: rules.Deadline, doc: dict[str, Any] | None, today: dt.date) -> dict[str, Any]:
    return {
        "party_id": party["id"],
        "party_code": party["code"],
        "party_name": party["name"],
        "year": d.year,
        "kind": d.kind,
        "document": d.document,
        "subject": d.subject,
        "label": d.label + (f": {d.subject}" if d.subject else ""),
        "start": d.start,
        "due": d.due,
        "basis": d.basis,
        "default": d.default,
        "own": d.own,
        "regime": d.regime,
        "state": rules.state(d, doc, today),
        "signal": rules.signal(d, doc, today),
        "council_meeting": (doc or {}).get("council_meeting"),
        "received_on": (doc or {}).get("received_on"),
    }


def signals(calendar_items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The items that are a signal: a missed deadline, or a window closing within two weeks without a raad date."""
    return [i for i in calendar_items if i["signal"]]


LOOK_BACK, LOOK_AHEAD = 90, 183  # days: the default range, so a recently missed deadline still shows


def default_range(today: dt.date) -> tuple[dt.date, dt.date]:
    """From three months back to six months ahead of `today`."""
    return today - dt.timedelta(days=LOOK_BACK), today + dt.timedelta(days=LOOK_AHEAD)


def reference_date(text: Any) -> dt.date:
    """?peildatum= / --peildatum as a date (dd-mm-jjjj or jjjj-mm-dd); today when absent or unreadable."""
    found, problem = v.date()(text)
    return found if isinstance(found, dt.date) and not problem else dt.date.today()
