"""Gemeente Voorbeeld: the fictitious demo municipality kept as CSV files under data/demo/.

Loaded into an empty database on first start (and by `init --demo`), in one audited transaction, through
the same validators a user's input goes through. The tests use the same files.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pandas as pd

from governance import agenda, calendar, finance, register, risks, roles, weerstand
from governance.core import validation as v
from governance.core.access import Actor
from governance.core.db import Database, Tx
from governance.core.errors import FieldError, ValidationError

DEMO_DIR = Path(__file__).resolve().parents[2] / "data" / "demo"
ACTOR = Actor("demo (fictieve gegevens)", "systeem", via="systeem")  # the demo as the app loads it
# Demo risks count as registered on this date unless risk_history.csv gives their first registration.
REGISTERED = "2025-01-15"


def read_csv(path: Path) -> list[dict[str, Any]]:
    """Rows of a demo CSV with empty cells as None."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    return [{k: (None if val == "" else val) for k, val in row.items()} for row in frame.to_dict("records")]


def is_empty(db: Database) -> bool:
    return not db.scalar("SELECT count(*) FROM party") and not db.scalar("SELECT count(*) FROM organisation")


def load(db: Database, folder: Path = DEMO_DIR, actor: Actor = ACTOR) -> dict[str, int]:
    """Load every demo file in one transaction; returns the number of rows per entity."""
    return db.write(lambda tx: _load(tx, folder), actor, "organisation")


def ensure_demo(db: Database) -> bool:
    """Load the demo into an empty database; True when it did."""
    if not is_empty(db):
        return False
    load(db)
    return True


def _ref(ids: dict[str, int], code: str | None, entity: str, field: str, row: int, file: str) -> int | None:
    if code is None:
        return None
    if code not in ids:
        raise ValidationError([FieldError(field, field, f"onbekende code '{code}'", row)], f"{file} ({entity})")
    return ids[code]


def _stances(folder: Path) -> dict[str, dict[str, Any]]:
    """party_roles.csv (optional): per party code the government role and participation level, validated."""
    path = folder / "party_roles.csv"
    if not path.exists():
        return {}
    found = {}
    for n, row in enumerate(read_csv(path), start=2):
        code = row.pop("party")
        found[code] = roles.validate_stance(row, row=n, entity="party_roles.csv")
    return found


def _load(tx: Tx, folder: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    org_ids: dict[str, int] = {}
    for row in read_csv(folder / "organisations.csv"):
        row["is_ours"], _ = v.boolean()(row.get("is_ours"))
        row["fictitious"], _ = v.boolean()(row.get("fictitious"))
        org_ids[row["code"]] = int(tx.insert("organisation", row))
        if row["is_ours"]:
            tx.insert("setting", {"key": "our_organisation", "value": json.dumps(row["code"])})
    capacity = folder / "weerstandscapaciteit.csv"
    if capacity.exists():  # the beschikbare weerstandscapaciteit, kept as a setting
        tx.insert("setting", {"key": weerstand.CAPACITY_KEY, "value": weerstand.capacity_from_rows(read_csv(capacity))})
    counts["organisation"] = len(org_ids)

    stances = _stances(folder)
    party_ids: dict[str, int] = {}
    for n, row in enumerate(read_csv(folder / "parties.csv"), start=2):
        party_ids[row["code"]] = register.insert_party(tx, {**row, **stances.pop(row["code"], {})}, row=n)
    if stances:
        raise ValidationError(
            [FieldError("party", "party", f"onbekende code '{c}'") for c in stances], "party_roles.csv"
        )
    counts["party"] = len(party_ids)

    for n, row in enumerate(read_csv(folder / "participations.csv"), start=2):
        tx.insert(
            "participation",
            {
                "party_id": _ref(party_ids, row.pop("party"), "party", "party", n, "participations.csv"),
                "organisation_id": _ref(
                    org_ids, row.pop("organisation"), "organisation", "organisation", n, "participations.csv"
                ),
                **row,
            },
        )
        counts["participation"] = counts.get("participation", 0) + 1

    for n, row in enumerate(read_csv(folder / "party_years.csv"), start=2):
        party_id = _ref(party_ids, row.pop("party"), "party", "party", n, "party_years.csv")
        register.upsert_year(tx, int(party_id or 0), row, row=n, system=True)
        counts["party_year"] = counts.get("party_year", 0) + 1

    person_ids: dict[str, int] = {}
    for n, row in enumerate(read_csv(folder / "persons.csv"), start=2):
        person_ids[row["code"]] = roles.insert_person(tx, row, row=n)
    counts["person"] = len(person_ids)

    for n, row in enumerate(read_csv(folder / "representations.csv"), start=2):
        roles.insert_representation(
            tx,
            {
                "person_id": _ref(person_ids, row.pop("person"), "person", "person", n, "representations.csv"),
                "party_id": _ref(party_ids, row.pop("party"), "party", "party", n, "representations.csv"),
                **row,
            },
            row=n,
        )
        counts["representation"] = counts.get("representation", 0) + 1

    counts.update(_load_risks(tx, folder, party_ids))
    counts.update(_load_profiles(tx, folder, party_ids))
    counts.update(_load_agenda(tx, folder, party_ids))
    counts.update(_load_pc_documents(tx, folder, party_ids))
    counts.update(_load_reserves(tx, folder, party_ids))
    return counts


def _load_reserves(tx: Tx, folder: Path, party_ids: dict[str, int]) -> dict[str, int]:
    """party_reserves.csv (optional): a party's reserve and its own norm per year, through finance's checks."""
    path = folder / "party_reserves.csv"
    if not path.exists():
        return {}
    rows = list(enumerate(read_csv(path), start=2))
    for n, row in rows:
        party_id = _ref(party_ids, row.pop("party"), "party", "party", n, path.name)
        tx.insert("party_reserve", {"party_id": party_id, **finance.validate_reserve(row, n)})
    return {"party_reserve": len(rows)}


def _load_pc_documents(tx: Tx, folder: Path, party_ids: dict[str, int]) -> dict[str, int]:
    """pc_documents.csv (optional): what happened to some regelingen's P&C documents, through the calendar's own
    checks (the GR board's answer needs the raad's decision first)."""
    path = folder / "pc_documents.csv"
    if not path.exists():
        return {}
    count = 0
    for n, row in enumerate(read_csv(path), start=2):
        party_id = _ref(party_ids, row.pop("party"), "party", "party", n, path.name)
        year, kind, subject = int(row.pop("year")), row.pop("kind"), row.pop("subject") or ""
        key = {"party_id": party_id, "year": year, "kind": kind, "subject": subject}
        if key["kind"] not in calendar.DOCUMENTS:
            raise ValidationError([FieldError("kind", "kind", f"onbekend document '{key['kind']}'", n)], path.name)
        tx.insert("pc_document", {**key, **calendar.validate_document(row, n)})
        count += 1
    return {"pc_document": count}


def _load_risks(tx: Tx, folder: Path, party_ids: dict[str, int]) -> dict[str, int]:
    """risks.csv is the register as it is now. A risk in risk_history.csv is first inserted as it was
    registered then (scores, status, creation date) and brought to its present state by an audited update,
    so the Risico's page can show how the risks moved; the others count as registered on REGISTERED."""
    matrix = risks.default_matrix()
    history = folder / "risk_history.csv"
    first = {(r["party"], r["title"]): r for r in (read_csv(history) if history.exists() else [])}
    risk_ids: dict[tuple[str | None, str], int] = {}
    for n, row in enumerate(read_csv(folder / "risks.csv"), start=2):
        code = row.pop("party")
        values = {"party_id": _ref(party_ids, code, "party", "party", n, "risks.csv"), **row}
        earlier = first.pop((code, row["title"]), None)
        if earlier is None:
            rid = risks.insert_risk(tx, {**values, "created_at": REGISTERED}, matrix, row=n)
        else:
            then = {
                k: earlier[k] for k in ("gross_likelihood", "gross_impact", "net_likelihood", "net_impact", "status")
            }
            rid = risks.insert_risk(tx, {**values, **then, "created_at": earlier["registered_on"]}, matrix, row=n)
            now = risks.validate_risk(values, matrix, row=n)
            tx.update("risk", rid, now, reason="Herbeoordeling (demo)", system=True)
        risk_ids[(code, row["title"])] = rid
    if first:
        party, title = next(iter(first))
        raise ValidationError(
            [FieldError("title", "title", f"geen risico '{title}' bij '{party}'")], "risk_history.csv"
        )
    measures = 0
    if (folder / "risk_measures.csv").exists():
        for n, row in enumerate(read_csv(folder / "risk_measures.csv"), start=2):
            key = (row.pop("party"), row.pop("risk"))
            if key not in risk_ids:
                raise ValidationError([FieldError("risk", "risk", f"geen risico '{key[1]}'", n)], "risk_measures.csv")
            tx.insert("risk_measure", {"risk_id": risk_ids[key], **risks.validate_measure(row, row=n)})
            measures += 1
    return {"risk": len(risk_ids), "risk_measure": measures}


def _load_profiles(tx: Tx, folder: Path, party_ids: dict[str, int]) -> dict[str, int]:
    """profile_assessments.csv: one row per assessment with a score per criterion of the default rubric."""
    path = folder / "profile_assessments.csv"
    if not path.exists():
        return {}
    rubric = risks.validate_rubric(risks.DEFAULT_RUBRIC)
    n_rows = 0
    for n, row in enumerate(read_csv(path), start=2):
        party_id = _ref(party_ids, row.pop("party"), "party", "party", n, path.name)
        scores = {c["code"]: row.get(c["code"]) for c in rubric["criteria"]}
        risks.insert_assessment(
            tx, int(party_id or 0), scores, row["assessed_on"], rubric, dt.date.today(), row.get("notes"),
            row.get("assessor"), row=n,
        )  # fmt: skip
        n_rows += 1
    return {"profile_assessment": n_rows}


AGENDA_FILES = {  # koers houden: file -> table, each optional
    "motives.csv": "party_motive",
    "results.csv": "party_result",
    "evaluations.csv": "party_evaluation",
    "agenda_actions.csv": "agenda_action",
}


def _load_agenda(tx: Tx, folder: Path, party_ids: dict[str, int]) -> dict[str, int]:
    """Motives, results, evaluations and ontwikkelagenda actions, through the agenda's own checks."""
    counts: dict[str, int] = {}
    for name, entity in AGENDA_FILES.items():
        if not (folder / name).exists():
            continue
        for n, row in enumerate(read_csv(folder / name), start=2):
            party_id = _ref(party_ids, row.pop("party"), "party", "party", n, name)
            values = {"party_id": party_id, **agenda.clean(entity, row, n)}
            tx.insert(entity, {**values, "source": "handmatig"} if entity == "agenda_action" else values)
            counts[entity] = counts.get(entity, 0) + 1
    return counts
