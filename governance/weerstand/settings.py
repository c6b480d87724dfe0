"""Weerstandsvermogen (BBV art. 11): beschikbare capaciteit from settings, benodigde capaciteit by simulating the
financial risks of the register (governance.simulation), the ratio and its NAR class, and the saved runs.

Which risks count
    Category 'financieel', status not 'vervallen', of the gemeente itself (no party) or of a non-archived party,
    with a probability and an amount. Scope 'partijen' keeps only the risks of verbonden partijen, 'alle' adds
    the gemeente's own risks (party empty).

Probability
    `probability_pct` when filled in. Otherwise the net likelihood class (netto kans) through the percentages
    of the configured risk matrix (setting 'risk_matrix', governance.riskmatrix), by default the five-step scale
    1..5 = 10/30/50/70/90 % (Arnhem, domain.md §5; the demo data follow it). A risk with neither, or with a
    class the matrix gives no percentage, is left out and listed, with the reason, as not simulated.

Amount
    minimum / most likely / maximum. All three: a PERT (or, by setting, triangular) distribution. Only the most
    likely amount: that fixed amount. A missing minimum or maximum collapses onto the most likely amount; a
    missing most likely amount is the midpoint of minimum and maximum. Minimum above most likely or most likely
    above maximum: left out and listed, never silently reordered.

Guarantees and loans (optional, off by default)
    Each party with guarantees or loans in the year's figures becomes one default risk: the party fails with the
    probability set for it (or the default setting) and the gemeente then loses its guarantees plus loans. Off by
    default because a register often already holds a risk for the same claim (the demo's sport foundation does).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from governance import risks
from governance.core import formatting, labels
from governance.core import validation as v
from governance.core.access import Actor
from governance.core.db import Database
from governance.core.errors import ConflictError, DomainError, FieldError, ValidationError
from governance.weerstand import engine as simulation

CAPACITY_KEY = "weerstandscapaciteit"
SIMULATION_KEY = "weerstand_simulatie"

CAPACITY_PARTS: dict[str, str] = {
    "algemene_reserve": "Algemene reserve",
    "stille_reserves": "Stille reserves",
    "onbenutte_belastingcapaciteit": "Onbenutte belastingcapaciteit",
    "post_onvoorzien": "Post onvoorzien",
}
SCOPES: dict[str, str] = {"alle": "Alle risico's", "partijen": "Verbonden partijen"}
SCOPE_NOTES: dict[str, str] = {
    "alle": "van verbonden partijen en van de gemeente zelf",
    "partijen": "alleen verbonden partijen",
}
DISTRIBUTIONS: dict[str, str] = {"pert": "PERT (standaard)", "triangular": "Driehoek"}
PURPOSES: dict[str, str] = {"begroting": "Begroting", "jaarstukken": "Jaarstukken", "overig": "Overig"}
DEFAULT_LIKELIHOOD = {1: 10.0, 2: 30.0, 3: 50.0, 4: 70.0, 5: 90.0}
SIMULATION_DEFAULTS: dict[str, Any] = {
    "certainty_pct": 90,
    "iterations": simulation.DEFAULT_ITERATIONS,
    "seed": simulation.DEFAULT_SEED,
    "distribution": "pert",
    "default_probability_pct": 1.0,  # yearly probability that a party with guarantees or loans fails
    "party_probability_pct": {},  # party code -> probability, overrides the default
    "council_decision": None,  # kenmerk of the raadsbesluit that chose the certainty level
    "council_decision_date": None,  # its date (ISO); only with both is the level a raadsnorm
}
DEFAULT_CERTAINTY = SIMULATION_DEFAULTS["certainty_pct"]
RAADSNORM = "raadsnorm"
STANDARD_NORM = "standaard (geen raadsbesluit vastgelegd)"
SET_NORM = "ingesteld (geen raadsbesluit vastgelegd)"
METHOD_TEXT = """
- **Welke risico's.** Financiële risico's die niet vervallen zijn, met een kans en een bedrag. Zonder kans in procenten
  telt de netto kansklasse (1–5 = 10/30/50/70/90 %, of de schaal uit de risicomatrix). Risico's zonder kans of
  bedrag, of met een minimum boven het maximum, worden niet meegerekend en boven de tabellen genoemd.
- **Per risico, per gesimuleerd jaar.** Het risico treedt op met zijn kans. Treedt het op, dan kost het een bedrag
  tussen minimum en maximum volgens een PERT-verdeling rond het meest waarschijnlijke bedrag (of een
  driehoeksverdeling, als dat is ingesteld); met alleen een meest waarschijnlijk bedrag is dat het bedrag.
  Risico's zijn onafhankelijk van elkaar.
- **Benodigde capaciteit bij 90 % zekerheid.** Het bedrag waaronder het totaal van de risico's blijft in 90 % van de
  gesimuleerde jaren. Zo voor elk zekerheidsniveau in de tabel.
- **Herhaalbaar.** Met hetzelfde aantal iteraties en hetzelfde startgetal komt er exact hetzelfde uit.
- **Bijdrage van een risico.** Wat het risico gemiddeld kost in de gesimuleerde jaren rond de grens van het
  zekerheidsniveau (de 1 % van de jaren eromheen), zo geschaald dat de bijdragen optellen tot de benodigde
  capaciteit (Euler-toerekening).
- **Ratio en klasse.** Beschikbare ÷ benodigde capaciteit, afgerond op twee decimalen, ingedeeld volgens de tabel
  van NAR / Universiteit Twente: A > 2,0; B 1,4–2,0; C 1,0–1,4; D 0,8–1,0; E 0,6–0,8; F < 0,6. Een grens hoort bij
  de hogere klasse (1,0 is C), behalve 2,0: dat is B.
"""
# Bounds of the simulation settings, one place for the form's widgets and the validation that refuses the rest.
CERTAINTY_RANGE = (50.0, 99.9)  # % certainty a council can set as its norm
ITERATION_RANGE = (1_000, 2_000_000)
PROBABILITY_RANGE = (0.0, 100.0)  # % yearly probability that a party with guarantees or loans fails
WHAT_IF_BUDGET = 20_000_000  # risks x iterations for an interactive what-if (about 0.2 s)
OWN = "Gemeente (eigen risico's)"

CAPACITY_SCHEMA: dict[str, v.Check] = {
    **{part: v.amount(non_negative=True) for part in CAPACITY_PARTS},
    **{f"{part}_note": v.text(max_len=500) for part in CAPACITY_PARTS},
}
SIMULATION_SCHEMA: dict[str, v.Check] = {
    "certainty_pct": v.number(low=CERTAINTY_RANGE[0], high=CERTAINTY_RANGE[1]),
    "iterations": v.number(low=ITERATION_RANGE[0], high=ITERATION_RANGE[1], integer=True),
    "seed": v.number(low=0, high=2**63 - 1, integer=True),
    "distribution": v.choice(DISTRIBUTIONS),
    "default_probability_pct": v.number(low=PROBABILITY_RANGE[0], high=PROBABILITY_RANGE[1]),
    "council_decision": v.text(max_len=200),
    "council_decision_date": v.date(),
}
DECISION_FIELDS = ("council_decision", "council_decision_date")
FIELD_LABELS = {
    **CAPACITY_PARTS,
    **{f"{part}_note": f"Toelichting {name.lower()}" for part, name in CAPACITY_PARTS.items()},
    "certainty_pct": "Zekerheidsniveau (%)",
    "iterations": "Aantal iteraties",
    "seed": "Startgetal (seed)",
    "distribution": "Verdeling bij min/max",
    "default_probability_pct": "Kans op falen bij garanties en leningen (%)",
    "party_probability_pct": "Kans op falen per partij (%)",
    "council_decision": "Raadsbesluit zekerheidsniveau (kenmerk)",
    "council_decision_date": "Datum raadsbesluit",
}


# -- settings ---------------------------------------------------------------------------------------------
def _setting(db: Database, key: str) -> dict[str, Any] | None:
    found = db.rows("SELECT key, value, version FROM setting WHERE key = ?", [key])
    return found[0] if found else None


def _value(row: dict[str, Any] | None) -> Any:
    return None if row is None else json.loads(row["value"])


def capacity(db: Database) -> dict[str, Any]:
    """The beschikbare weerstandscapaciteit as stored now (see `capacity_of`)."""
    return capacity_of(_setting(db, CAPACITY_KEY))


def capacity_of(row: dict[str, Any] | None) -> dict[str, Any]:
    """The beschikbare weerstandscapaciteit in a setting row (None: not stored): each part (0 when not set), its
    note, the total, and the row itself (`original`, the record a save compares against)."""
    stored = _value(row) or {}
    parts = {part: float(stored.get(part) or 0) for part in CAPACITY_PARTS}
    notes = {part: (stored.get("notes") or {}).get(part) or "" for part in CAPACITY_PARTS}
    return {
        "parts": parts,
        "notes": notes,
        "total": float(sum(parts.values())),
        "is_set": row is not None,
        "original": row,
    }


def simulation_settings(db: Database) -> dict[str, Any]:
    """The simulation settings as stored now (see `simulation_settings_of`)."""
    return simulation_settings_of(_setting(db, SIMULATION_KEY))


def simulation_settings_of(row: dict[str, Any] | None) -> dict[str, Any]:
    """The simulation settings in a setting row (None: not stored), the defaults filling in what it lacks, and the
    row itself (`original`, the record a save compares against)."""
    return {**SIMULATION_DEFAULTS, **(_value(row) or {}), "original": row}


def norm(db: Database) -> dict[str, Any]:
    """The configured certainty level and what it is (see `norm_of`)."""
    return norm_of(simulation_settings(db))


def norm_of(settings: dict[str, Any]) -> dict[str, Any]:
    """pct, decided, tag and text of the configured certainty level. It is a raadsnorm only when the raad's besluit
    is recorded with it (kenmerk and date); otherwise the programme's 90 % is "standaard (geen raadsbesluit
    vastgelegd)" and another level "ingesteld (geen raadsbesluit vastgelegd)": never called a raadsnorm."""
    pct = float(settings["certainty_pct"])
    decision, date = settings.get("council_decision"), settings.get("council_decision_date")
    decided = not v.blank(decision) and not v.blank(date)
    if decided:
        when = formatting.date(dt.date.fromisoformat(str(date)[:10]))
        tag, text = RAADSNORM, f"raadsnorm (raadsbesluit {decision} van {when})"
    else:
        tag = STANDARD_NORM if pct == float(DEFAULT_CERTAINTY) else SET_NORM
        text = tag
    return {"pct": pct, "decided": decided, "tag": tag, "text": text}


def _validate(schema: dict[str, v.Check], values: dict[str, Any]) -> dict[str, Any]:
    clean, errors = v.apply("setting", schema, values)
    errors = [FieldError(e.field, FIELD_LABELS.get(e.field, e.label), e.message, e.row) for e in errors]
    if errors:
        raise ValidationError(errors, "Weerstandsvermogen")
    return clean


def save_capacity(db: Database, values: dict[str, Any], actor: Actor, original: dict[str, Any] | None) -> None:
    """Store the parts of the beschikbare capaciteit (euro, not negative; empty is 0) and a note per part; audited.
    `values` has a key per part and optionally '<part>_note'."""
    stored = _capacity_value(_validate(CAPACITY_SCHEMA, values))
    _put(db, CAPACITY_KEY, stored, original, actor)


def _capacity_value(clean: dict[str, Any]) -> dict[str, Any]:
    """The stored form of validated capacity values: an amount per part and the notes that are filled in."""
    stored: dict[str, Any] = {part: float(clean.get(part) or 0) for part in CAPACITY_PARTS}
    stored["notes"] = {part: clean[f"{part}_note"] for part in CAPACITY_PARTS if clean.get(f"{part}_note")}
    return stored


def _put(db: Database, key: str, value: dict[str, Any], original: dict[str, Any] | None, actor: Actor) -> None:
    """Store one weerstand setting. A save over someone else's newer version is refused naming the fields they
    changed (Post onvoorzien, Aantal iteraties...) rather than the setting's one JSON column."""
    try:
        db.write(lambda tx: tx.put_setting(key, value, original), actor, "weerstand")
    except ConflictError as exc:
        if "value" not in exc.changes:
            raise
        changed = _changed_fields(key, original, str(exc.changes["value"][1]))
        names = ", ".join(FIELD_LABELS[f] for f in changed) or "geen velden"
        raise ConflictError(
            f"{labels.setting(key)} is intussen door iemand anders gewijzigd ({names}). Uw wijziging is niet "
            "opgeslagen; bekijk de nieuwe gegevens en probeer het opnieuw.",
            changed,
        ) from exc


def _form_fields(key: str, row: dict[str, Any] | None) -> dict[str, Any]:
    """A weerstand setting row (None: not stored) as the fields of its form."""
    if key == CAPACITY_KEY:
        cap = capacity_of(row)
        return {**cap["parts"], **{f"{part}_note": note for part, note in cap["notes"].items()}}
    settings = simulation_settings_of(row)
    return {name: settings[name] for name in SIMULATION_DEFAULTS}


def _changed_fields(key: str, original: dict[str, Any] | None, stored: str) -> dict[str, tuple[Any, Any]]:
    """Field -> (as opened, as stored now) for each form field in which the stored value (JSON) differs from the
    setting row as opened."""
    before, after = _form_fields(key, original), _form_fields(key, {"value": stored})
    return {name: (before[name], after[name]) for name in before if before[name] != after[name]}


def capacity_from_rows(rows: list[dict[str, Any]]) -> str:
    """The setting value (JSON) for rows of part, amount, notes, as in data/demo/weerstandscapaciteit.csv; each
    row is checked like the form's input (row numbers as in the file, header = row 1)."""
    values: dict[str, Any] = {}
    errors: list[FieldError] = []
    for n, row in enumerate(rows, start=2):
        part = (row.get("part") or "").strip()
        if part not in CAPACITY_PARTS:
            errors.append(
                FieldError("part", "Onderdeel", f"'{part}' is geen onderdeel; kies uit: {', '.join(CAPACITY_PARTS)}", n)
            )
            continue
        amount, message = CAPACITY_SCHEMA[part](row.get("amount"))
        if message:
            errors.append(FieldError("amount", CAPACITY_PARTS[part], message, n))
        values[part], values[f"{part}_note"] = amount, row.get("notes")
    if errors:
        raise ValidationError(errors, "Weerstandscapaciteit")
    return json.dumps(_capacity_value(_validate(CAPACITY_SCHEMA, values)), ensure_ascii=False, sort_keys=True)


def save_simulation_settings(
    db: Database, values: dict[str, Any], actor: Actor, original: dict[str, Any] | None
) -> None:
    """Store the certainty level, iterations, seed, distribution and default probabilities; audited. What `values`
    leaves out keeps its value in `original` (the setting row as opened, None when it was not stored then)."""
    clean = _validate(SIMULATION_SCHEMA, values)
    current = {k: val for k, val in simulation_settings_of(original).items() if k != "original"}
    for key, val in clean.items():
        if key in DECISION_FIELDS:
            current[key] = val.isoformat() if isinstance(val, dt.date) else val  # may be emptied
        elif val is not None:
            current[key] = float(val) if isinstance(val, (float, int)) and key.endswith("_pct") else val
    decision, date = current.get("council_decision"), current.get("council_decision_date")
    if v.blank(decision) != v.blank(date):
        missing = "council_decision" if v.blank(decision) else "council_decision_date"
        raise ValidationError(
            [
                FieldError(
                    missing, FIELD_LABELS[missing], "vul kenmerk en datum van het raadsbesluit allebei in, of geen"
                )
            ],
            "Weerstandsvermogen",
        )
    current["iterations"] = int(current["iterations"])
    current["seed"] = int(current["seed"])
    if "party_probability_pct" in values:
        own = _party_probabilities(values["party_probability_pct"])
        # a party at the default follows the default when that changes later
        current["party_probability_pct"] = {
            code: pct for code, pct in own.items() if pct != float(current["default_probability_pct"])
        }
    _put(db, SIMULATION_KEY, _plain(current), original, actor)


def _party_probabilities(values: dict[str, Any]) -> dict[str, float]:
    out: dict[str, float] = {}
    errors = []
    for code, pct in (values or {}).items():
        if v.blank(pct):
            continue
        clean, message = v.number(low=0, high=100)(pct)
        if message:
            errors.append(FieldError("party_probability_pct", f"Kans op falen {code} (%)", message))
        else:
            out[str(code)] = float(clean)
    if errors:
        raise ValidationError(errors, "Weerstandsvermogen")
    return out


def _plain(value: Any) -> Any:
    """Decimals from validation as JSON numbers."""
    if isinstance(value, dict):
        return {k: _plain(x) for k, x in value.items()}
    if hasattr(value, "is_finite"):  # Decimal
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def likelihood_scale(db: Database) -> dict[int, float]:
    """Likelihood class -> probability (%) from the configured risk matrix (setting 'risk_matrix', see
    governance.riskmatrix; default 1..5 = 10/30/50/70/90 %). A class the matrix gives no percentage (a scale in
    words) is left out: risks with only that class are not simulated, and say why. A stored matrix that cannot
    be read falls back to the default scale."""
    try:
        matrix = risks.get_matrix(db)
    except (DomainError, ValueError, TypeError, KeyError):
        return dict(DEFAULT_LIKELIHOOD)
    return {
        n: float(level.percentage) for n, level in enumerate(matrix.likelihood, start=1) if level.percentage is not None
    }
