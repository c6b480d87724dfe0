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

from governance.core.db import Tx

SETTING_KEY = "national.mandatory"
# Whole words in the regeling's name, citeertitel or executing body -> the law that makes taking part compulsory.
DEFAULT_RULES: list[dict[str, Any]] = [
    {"words": ["veiligheidsregio"], "law": "Wet veiligheidsregio's"},
    {"words": ["ggd", "gemeentelijke gezondheidsdienst"], "law": "Wet publieke gezondheid"},
    {"words": ["omgevingsdienst"], "law": "Omgevingswet (basistaken vergunningverlening, toezicht en handhaving)"},
]


def rules(tx: Tx) -> tuple[list[dict[str, Any]], bool]:
    """The rules in force and whether they are the standaardregel (no setting saved)."""
    stored = tx.get("setting", SETTING_KEY)
    if stored is None:
        return DEFAULT_RULES, True
    value = stored["value"]
    return (json.loads(value) if isinstance(value, str) else value), False


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
