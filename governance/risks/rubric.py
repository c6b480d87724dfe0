"""Risk profile per party: a configurable rubric gives laag / midden / hoog, and the class sets the steering
regime (how often the party reports, how often it is analysed, when it is re-assessed).

After Zaanstad (hoog = at least 2 risk analyses a year, midden = 1, laag = only begroting and jaarrekening;
re-assessed every 4 years) and Arnhem's risicokompas (criteria shown as a spider chart); a new party starts
at the highest level in its first year (Lingewaard). See domain.md §3. The rubric is the setting
`profile_rubric`; every criterion is scored 1-5 and has a weight and an axis (belang or risico), so each
party also gets a place in the belang × risico chart.
"""

from __future__ import annotations

import decimal
import json
import re
from typing import Any

from governance.core import labels
from governance.core import validation as v
from governance.core.access import Actor
from governance.core.db import Database, Tx
from governance.core.errors import FieldError, ValidationError

SETTING_KEY = "profile_rubric"
CLASSES = ("laag", "midden", "hoog")  # ascending
SCORE_MIN, SCORE_MAX = 1, 5

DEFAULT_RUBRIC: dict[str, Any] = {
    "criteria": [
        {
            "code": "bestuurlijk_belang",
            "label": "Bestuurlijk belang",
            "axis": "belang",
            "weight": 2,
            "help": "Zeggenschap: stemverhouding, zetels, bijzondere bevoegdheden in statuten of regeling.",
        },
        {
            "code": "maatschappelijk_belang",
            "label": "Maatschappelijk belang",
            "axis": "belang",
            "weight": 2,
            "help": "Bijdrage aan de doelen van de gemeente; wettelijke of kerntaak.",
        },
        {
            "code": "financiele_exposure",
            "label": "Financiële exposure",
            "axis": "risico",
            "weight": 3,
            "help": "Bijdrage, belang, leningen en garanties; maximaal verlies bij opheffing of faillissement.",
        },
        {
            "code": "politieke_gevoeligheid",
            "label": "Politieke gevoeligheid",
            "axis": "risico",
            "weight": 2,
            "help": "Publieke en maatschappelijke aandacht, bijvoorbeeld voor werkgelegenheid of voorzieningen.",
        },
        {
            "code": "complexiteit",
            "label": "Complexiteit",
            "axis": "risico",
            "weight": 1,
            "help": "Aantal deelnemers en taken, constructie (bijvoorbeeld publiek-privaat).",
        },
        {
            "code": "prestaties",
            "label": "Prestaties",
            "axis": "risico",
            "weight": 1,
            "help": "5 = prestaties of financiële positie baren zorgen; 1 = ruim op orde.",
        },
    ],
    "thresholds": {"midden": 2.5, "hoog": 3.5},
    "regimes": {
        "laag": {
            "label": "Basisregime",
            "reporting": "Begroting en jaarrekening",
            "analyses_per_year": 0,
            "reassess_years": 4,
        },
        "midden": {
            "label": "Gemiddeld regime",
            "reporting": "Begroting, jaarrekening en een tussentijdse rapportage",
            "analyses_per_year": 1,
            "reassess_years": 4,
        },
        "hoog": {
            "label": "Intensief regime",
            "reporting": "Begroting, jaarrekening en elk kwartaal een voortgangsrapportage",
            "analyses_per_year": 2,
            "reassess_years": 4,
        },
    },
    "new_party_months": 12,
}

_CODE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


def _num(value: Any) -> decimal.Decimal | None:
    if v.blank(value) or isinstance(value, bool):
        return None
    try:
        out = decimal.Decimal(str(value).replace(",", "."))
    except decimal.InvalidOperation:
        return None
    return out if out.is_finite() else None


def _text(value: Any) -> str:
    return "" if v.blank(value) else str(value).strip()


def validate_rubric(raw: Any) -> dict[str, Any]:
    """A clean rubric, or a ValidationError naming each wrong criterion, threshold or regime."""
    errors: list[FieldError] = []
    what = "Rubriek risicoprofiel"
    if not isinstance(raw, dict):
        raise ValidationError([FieldError("", what, "verwacht criteria, grenzen en regimes")], what)
    criteria = []
    seen: set[str] = set()
    for n, item in enumerate(raw.get("criteria") or [], start=1):
        item = item if isinstance(item, dict) else {}
        label = _text(item.get("label"))
        code = _text(item.get("code")) or v.slug(label).replace("-", "_")
        where = f"Criterium {n}" + (f" ({label})" if label else "")
        if not label:
            errors.append(FieldError("criteria", where, "naam is verplicht"))
        if not _CODE.match(code):
            errors.append(FieldError("criteria", where, f"code '{code}': alleen kleine letters, cijfers en _"))
        elif code in seen:
            errors.append(FieldError("criteria", where, f"code '{code}' komt twee keer voor"))
        seen.add(code)
        axis = _text(item.get("axis")).lower()
        if axis not in labels.PROFILE_AXES:
            errors.append(FieldError("criteria", where, "as moet 'belang' of 'risico' zijn"))
        weight = _num(item.get("weight"))
        if weight is None or not 0 < weight <= 10:
            errors.append(
                FieldError(
                    "criteria",
                    where,
                    f"gewicht '{item.get('weight')}' moet een getal groter dan 0 en hoogstens 10 zijn",
                )
            )
        criteria.append(
            {
                "code": code,
                "label": label,
                "axis": axis,
                "weight": float(weight) if weight is not None else 0.0,
                "help": _text(item.get("help"))[:300],
            }
        )
    for axis, name in labels.PROFILE_AXES.items():
        if not any(c["axis"] == axis for c in criteria):
            errors.append(
                FieldError("criteria", "Criteria", f"minstens één criterium op de as {name.lower()} is nodig")
            )
    thresholds = raw.get("thresholds") if isinstance(raw.get("thresholds"), dict) else {}
    mid, high = _num(thresholds.get("midden")), _num(thresholds.get("hoog"))
    if mid is None or high is None or not (SCORE_MIN < mid < high <= SCORE_MAX):
        errors.append(
            FieldError(
                "thresholds",
                "Grenzen",
                f"kies 1 < grens midden < grens hoog ≤ 5 "
                f"(nu: midden {thresholds.get('midden')}, hoog {thresholds.get('hoog')})",
            )
        )
    regimes = {}
    raw_regimes = raw.get("regimes") if isinstance(raw.get("regimes"), dict) else {}
    for cls in CLASSES:
        item = raw_regimes.get(cls) if isinstance(raw_regimes.get(cls), dict) else {}
        where = f"Regime {labels.PROFILE_CLASSES[cls].lower()}"
        analyses, reassess = _num(item.get("analyses_per_year")), _num(item.get("reassess_years"))
        if analyses is None or analyses != int(analyses) or not 0 <= analyses <= 12:
            errors.append(FieldError("regimes", where, "risicoanalyses per jaar: een geheel getal van 0 tot en met 12"))
        if reassess is None or reassess != int(reassess) or not 1 <= reassess <= 10:
            errors.append(FieldError("regimes", where, "herbeoordeling: een geheel aantal jaren van 1 tot en met 10"))
        label = _text(item.get("label"))
        reporting = _text(item.get("reporting"))
        if not label or not reporting:
            errors.append(FieldError("regimes", where, "naam en rapportage zijn verplicht"))
        regimes[cls] = {
            "label": label[:60],
            "reporting": reporting[:200],
            "analyses_per_year": int(analyses or 0),
            "reassess_years": int(reassess or 4),
        }
    months = _num(raw.get("new_party_months", 12))
    if months is None or months != int(months) or not 0 <= months <= 36:
        errors.append(
            FieldError("new_party_months", "Nieuwe partij", "aantal maanden op het hoogste niveau: 0 tot en met 36")
        )
    if errors:
        raise ValidationError(errors, what)
    return {
        "criteria": criteria,
        "thresholds": {"midden": float(mid), "hoog": float(high)},  # type: ignore[arg-type]
        "regimes": regimes,
        "new_party_months": int(months),  # type: ignore[arg-type]
    }


def rubric_of(row: dict[str, Any] | None) -> dict[str, Any]:
    """The rubric a setting row holds (as rubric_row gives it); the default rubric while none is stored."""
    return validate_rubric(json.loads(row["value"])) if row else validate_rubric(DEFAULT_RUBRIC)


def get_rubric(db: Database) -> dict[str, Any]:
    return rubric_of(rubric_row(db))


def rubric_row(db: Database) -> dict[str, Any] | None:
    """The stored setting row as loaded (for optimistic concurrency); None while the defaults apply."""
    found = db.rows("SELECT key, value, version FROM setting WHERE key = ?", [SETTING_KEY])
    return found[0] if found else None


def save_rubric(db: Database, rubric: dict[str, Any], actor: Actor, original: dict[str, Any] | None) -> None:
    """Save the rubric. Existing assessments keep the class they got; new ones use this rubric."""
    payload = validate_rubric(rubric)

    def run(tx: Tx) -> None:
        tx.put_setting(SETTING_KEY, payload, original)

    db.write(run, actor, "settings")


# -- evidence beside a criterion ------------------------------------------------------------------------------
FINANCIAL_WORDS = ("financ",)  # financieel, financiële, financial: in a criterion's code or name


def financial_criteria(rubric: dict[str, Any]) -> list[str]:
    """The codes of the rubric's financial criteria: those whose code or name speaks of finance (the default
    rubric: Financiële exposure). A gemeente's own rubric is matched the same way, so no flag is needed."""
    return [
        c["code"] for c in rubric["criteria"] if any(w in f"{c['code']} {c['label']}".lower() for w in FINANCIAL_WORDS)
    ]


def criterion_evidence(rubric: dict[str, Any], signals: Any, party_id: int) -> dict[str, list[dict[str, Any]]]:
    """Per financial criterion of the rubric, the party's open (not accepted) financial signals as evidence:
    `signals` is governance.finance.signals' table (rule, title, text, party_id, acknowledged). Evidence only: it
    never changes a score; the controller scores the criterion."""
    if signals is None or len(signals) == 0:
        return {}
    mine = signals[(signals["party_id"] == int(party_id)) & ~signals["acknowledged"].astype(bool)]
    if mine.empty:
        return {}
    found = mine[["rule", "title", "text"]].to_dict("records")
    return {code: found for code in financial_criteria(rubric)}
