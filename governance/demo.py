"""Gemeente Voorbeeld: the fictitious demo municipality kept as CSV files under data/demo/.

Loaded into an empty database on first start (and by `init --demo`), in one audited transaction, through
the same validators a user's input goes through. The tests use the same files.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

from governance import finance, register, roles, weerstand
from governance import validation as v
from governance.db import Database, Tx
from governance.errors import FieldError, ValidationError

DEMO_DIR = Path(__file__).resolve().parent.parent / "data" / "demo"
ACTOR = "demo-gemeente"


def read_csv(path: Path) -> list[dict[str, Any]]:
    """Rows of a demo CSV with empty cells as None."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    return [{k: (None if val == "" else val) for k, val in row.items()} for row in frame.to_dict("records")]


def is_empty(db: Database) -> bool:
    return not db.scalar("SELECT count(*) FROM party") and not db.scalar("SELECT count(*) FROM organisation")


def load(db: Database, folder: Path = DEMO_DIR, actor: str = ACTOR) -> dict[str, int]:
    """Load every demo file in one transaction; returns the number of rows per entity."""
    return db.write(lambda tx: _load(tx, folder), actor)


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
        finance.upsert_year(tx, int(party_id or 0), row, row=n)
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

    for n, row in enumerate(read_csv(folder / "risks.csv"), start=2):
        tx.insert("risk", {"party_id": _ref(party_ids, row.pop("party"), "party", "party", n, "risks.csv"), **row})
        counts["risk"] = counts.get("risk", 0) + 1
    return counts
