"""Which regelingen a gemeente takes part in by law: derived from the national register's names when a regeling is
taken over, with the law named.

The national register does not say whether participation is compulsory. Membership of the veiligheidsregio and
the omgevingsdienst is compulsory (domain.md section 7), and the GGD is kept under the Wet publieke gezondheid;
the exact articles could not be verified offline, so the list is a setting (`national.mandatory`) whose default
is marked as the standaardregel in every note it writes, never stated as law without that mark.
"""

from __future__ import annotations

import json
import re
from typing import Any

from governance.core import labels
from governance.core.access import Actor
from governance.core.db import Database, Tx
from governance.core.errors import FieldError, ValidationError

SETTING_KEY = "national.mandatory"
# Whole words in the regeling's name, citeertitel or executing body -> the law that makes taking part compulsory.
DEFAULT_RULES: list[dict[str, Any]] = [
    {"words": ["veiligheidsregio"], "law": "Wet veiligheidsregio's"},
    {"words": ["ggd", "gemeentelijke gezondheidsdienst"], "law": "Wet publieke gezondheid"},
    {"words": ["omgevingsdienst"], "law": "Omgevingswet (basistaken vergunningverlening, toezicht en handhaving)"},
]


def rules(tx: Tx | Database) -> tuple[list[dict[str, Any]], bool]:
    """The rules in force and whether they are the standaardregel (no setting saved)."""
    found = tx.rows("SELECT value FROM setting WHERE key = ?", [SETTING_KEY])
    if not found:
        return DEFAULT_RULES, True
    value = found[0]["value"]
    return (json.loads(value) if isinstance(value, str) else value), False


def setting(db: Database) -> dict[str, Any]:
    """The rules, whether they are the standaardregel, and the setting row as stored (`original`, what a save
    compares against; None while the standaardregel applies)."""
    found = db.rows("SELECT key, value, version FROM setting WHERE key = ?", [SETTING_KEY])
    found_rules, standard = rules(db)
    return {"rules": found_rules, "default": standard, "original": found[0] if found else None}


def validate_rules(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rules as a beheerder types them (words separated by commas, the law): blank rows dropped, each row
    needs both; a message names the row and the field."""
    clean: list[dict[str, Any]] = []
    errors: list[FieldError] = []
    for n, row in enumerate(rows, start=1):
        words = [w.strip() for w in str(row.get("words") or "").split(",") if w.strip()]
        law = str(row.get("law") or "").strip()
        if not words and not law:
            continue
        if not words:
            errors.append(FieldError("words", f"Regel {n}: woorden", "is verplicht (woorden uit de naam)"))
        if not law:
            errors.append(FieldError("law", f"Regel {n}: wet", "is verplicht (de wet die deelname verplicht)"))
        if len(law) > 200 or any(len(w) > 80 for w in words):
            errors.append(FieldError("law", f"Regel {n}", "is te lang (wet ten hoogste 200, woord 80 tekens)"))
        clean.append({"words": words, "law": law})
    if errors:
        raise ValidationError(errors, labels.setting(SETTING_KEY))
    return clean


def save_setting(db: Database, rows: list[dict[str, Any]], actor: Actor, original: dict[str, Any] | None) -> None:
    """Store the gemeente's own rules (from then on the notes no longer say standaardregel); audited."""
    clean = validate_rules(rows)
    db.write(lambda tx: tx.put_setting(SETTING_KEY, clean, original), actor, "settings")


def _party_names(party: dict[str, Any]) -> dict[str, Any]:
    return {"name": party.get("regeling_name") or party.get("name"), "body_name": party.get("executing_body")}


def candidates(db: Database | Tx) -> list[dict[str, Any]]:
    """Parties in the register not marked wettelijk verplicht whose names a rule matches: what applying the rules
    to the parties already there would mark (a preview; nothing is changed)."""
    found_rules, _ = rules(db)
    rows = db.rows(
        "SELECT id, code, name, regeling_name, executing_body, notes, version FROM party"
        " WHERE archived_at IS NULL AND NOT coalesce(mandatory, false) ORDER BY name"
    )
    out = []
    for party in rows:
        law = law_for({**_party_names(party), "short_title": party["name"]}, found_rules)
        if law is not None:
            out.append({**party, "law": law})
    return out


def apply_to_existing(db: Database, actor: Actor) -> int:
    """Mark every candidate wettelijk verplicht with its law in the note, in one audited write (the decision is
    taken inside the transaction, on the rows as they are then). Returns how many were marked."""

    def run(tx: Tx) -> int:
        found_rules, standard = rules(tx)
        marked = 0
        for party in candidates(tx):
            derived = derive({**_party_names(party), "short_title": party["name"]}, found_rules, standard)
            notes = "\n".join(n for n in (party["notes"], derived["notes"]) if n)
            tx.update(
                "party",
                party["id"],
                {"mandatory": True, "notes": notes},
                reason="Regel wettelijk verplicht",
                system=True,
            )  # decided on the row as read in this transaction
            marked += 1
        return marked

    return db.write(run, actor, "register")


def law_for(reg: dict[str, Any], found_rules: list[dict[str, Any]]) -> str | None:
    """The law of the first rule whose words appear (whole words, any case) in the regeling's names."""
    text = " ".join(str(reg.get(k) or "") for k in ("name", "short_title", "body_name")).lower()
    for rule in found_rules:
        if any(re.search(rf"\b{re.escape(w.lower())}\b", text) for w in rule["words"]):
            return str(rule["law"])
    return None


def derive(reg: dict[str, Any], found_rules: list[dict[str, Any]], standard: bool) -> dict[str, Any]:
    """The party fields to set when a regeling is taken over: wettelijk verplicht with its law in the note."""
    law = law_for(reg, found_rules)
    if law is None:
        return {}
    mark = " (standaardregel bij het inlezen uit het landelijk register; controleer)" if standard else ""
    return {"mandatory": True, "notes": f"Deelname wettelijk verplicht: {law}{mark}."}
