"""The risk register: risks of the verbonden partijen (and of the gemeente itself), their beheersmaatregelen,
their history from the audit log, and the read models of the Risico's page.

Likelihood and impact are levels on the configured risk matrix (governance.riskmatrix): a score outside
the matrix, a net score above the gross one, a minimum amount above the maximum or an empty title is refused
with a Dutch message naming the field, and nothing is saved.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from governance.core import formatting, labels
from governance.core import validation as v
from governance.core.access import Actor
from governance.core.db import Database, Tx
from governance.core.errors import ConflictError, FieldError, NotFoundError, ValidationError
from governance.risks import matrix_setting
from governance.risks.matrix import Matrix

OWN = "Gemeente zelf"  # shown as the party of a risk of the gemeente itself (party_id NULL)
SCORES = ("gross_likelihood", "gross_impact", "net_likelihood", "net_impact")
AMOUNTS = ("amount_min", "amount_likely", "amount_max")

RISK_SCHEMA: dict[str, v.Check] = {
    "party_id": v.number(low=1, integer=True),
    "category": v.choice(labels.RISK_CATEGORIES),
    "title": v.text(required=True, max_len=200),
    "cause": v.text(),
    "consequence": v.text(),
    "probability_pct": v.number(low=0, high=100),
    **{name: v.amount(non_negative=True) for name in AMOUNTS},
    "measures": v.text(),
    "owner": v.text(max_len=100),
    "status": v.choice(labels.RISK_STATUS),
    "next_review": v.date(),
}

MEASURE_SCHEMA: dict[str, v.Check] = {
    "description": v.text(required=True, max_len=500),
    "owner": v.text(max_len=100),
    "status": v.choice(labels.MEASURE_STATUS),
    "due_date": v.date(),
}


def _missing(value: Any) -> bool:
    """None, NaN, NaT or pandas' NA (what an editable table gives for an empty cell)."""
    try:
        return value is None or bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def score_check(levels: int, axis: str, required: bool = False) -> v.Check:
    """A level on one scale of the matrix: a whole number from 1 to `levels`. The one check of a score on the
    configured matrix, for the risk register (where a score may be empty) and a werkatelier vote (required)."""
    scale = "kansniveaus" if axis == "likelihood" else "impactniveaus"

    def check(value: Any) -> tuple[Any, str | None]:
        if v.blank(value):
            return None, ("is verplicht" if required else None)
        clean, error = v.number(integer=True)(value)
        if error or not 1 <= clean <= levels:
            return value, (
                f"'{value}' past niet: kies een geheel getal van 1 tot en met {levels} "
                f"(de risicomatrix heeft {levels} {scale})"
            )
        return clean, None

    return check


SCORE_FIELDS = ("gross_likelihood", "net_likelihood", "gross_impact", "net_impact")


def _schema(matrix: Matrix) -> dict[str, v.Check]:
    n_l, n_i = matrix.size
    return {
        **RISK_SCHEMA,
        "gross_likelihood": score_check(n_l, "likelihood"),
        "net_likelihood": score_check(n_l, "likelihood"),
        "gross_impact": score_check(n_i, "impact"),
        "net_impact": score_check(n_i, "impact"),
    }


def _err(name: str, message: str, row: int | None) -> FieldError:
    return FieldError(name, labels.field("risk", name), message, row)


def validate_risk(
    values: dict[str, Any], matrix: Matrix, current: dict[str, Any] | None = None, row: int | None = None
) -> dict[str, Any]:
    """Clean a risk's fields, or raise ValidationError with every wrong field. `current` is the stored row
    when editing: the rules that combine fields (net ≤ gross, minimum ≤ maximum) look at the result."""
    clean, errors = v.apply("risk", _schema(matrix), values, row)
    if current is None:
        for name in ("category", "title"):
            if name not in values:
                errors.append(_err(name, "is verplicht", row))
    wrong = {e.field for e in errors}
    merged = {**(current or {}), **clean}
    for kind in ("gross", "net"):
        li, im = f"{kind}_likelihood", f"{kind}_impact"
        if li in wrong or im in wrong:
            continue
        if (merged.get(li) is None) != (merged.get(im) is None):
            missing = li if merged.get(li) is None else im
            errors.append(_err(missing, "vul ook dit in, of laat kans en impact allebei leeg", row))
    for axis in ("likelihood", "impact"):
        gross, net = merged.get(f"gross_{axis}"), merged.get(f"net_{axis}")
        if {f"gross_{axis}", f"net_{axis}"} & wrong or gross is None or net is None:
            continue
        if net > gross:
            what = "kans" if axis == "likelihood" else "impact"
            errors.append(
                _err(
                    f"net_{axis}",
                    f"{net} is hoger dan de bruto {what} ({gross}); netto is na beheersmaatregelen",
                    row,
                )
            )
    low, likely, high = (merged.get(a) for a in AMOUNTS)
    if not set(AMOUNTS) & wrong:
        if low is not None and high is not None and low > high:
            errors.append(
                _err("amount_min", f"{formatting.euro(low)} ligt boven het maximum ({formatting.euro(high)})", row)
            )
        elif likely is not None and ((low is not None and likely < low) or (high is not None and likely > high)):
            errors.append(_err("amount_likely", "ligt niet tussen het minimum en het maximum", row))
    if errors:
        raise ValidationError(errors, labels.entity("risk"))
    return clean


NOT_COUNTED = (
    "Dit risico heeft bedragen maar is geen financieel risico: het telt niet mee in het weerstandsvermogen. "
    "Kies de categorie Financieel als het daar wel in hoort."
)


def weerstand_note(values: dict[str, Any]) -> str | None:
    """Why a risk with amounts is left out of the weerstandsvermogen (only financial risks count), or None."""
    has_amounts = any(not v.blank(values.get(name)) and str(values.get(name)).strip() not in ("0", "0.00")
                      for name in AMOUNTS)  # fmt: skip
    if has_amounts and values.get("category") not in (None, "financieel"):
        return NOT_COUNTED
    return None


def with_default_probability(values: dict[str, Any], matrix: Matrix) -> dict[str, Any]:
    """A risk's fields with an empty Kans (%) filled in from its net likelihood on the matrix, so a scored risk
    counts in the weerstand simulation without anyone typing a percentage; a typed percentage is kept."""
    if v.blank(values.get("probability_pct")) and values.get("net_likelihood"):
        return {**values, "probability_pct": matrix.likelihood_pct(int(values["net_likelihood"]))}
    return values


def insert_risk(
    tx: Tx, values: dict[str, Any], matrix: Matrix, row: int | None = None, reason: str | None = None
) -> int:
    """Validate and insert inside an open transaction (forms, the demo loader, imports, a werkatelier's signal);
    `reason` goes into the audit row."""
    clean = validate_risk(values, matrix, row=row)
    extra = {k: values[k] for k in ("created_at",) if values.get(k) is not None}
    return int(tx.insert("risk", {**clean, **extra}, reason=reason))


def create_risk(db: Database, values: dict[str, Any], actor: Actor) -> int:
    matrix = matrix_setting.get_matrix(db)
    return db.write(lambda tx: insert_risk(tx, values, matrix), actor, "risks")


def update_risk(
    db: Database,
    risk_id: int,
    values: dict[str, Any],
    actor: Actor,
    original: dict[str, Any],
    reason: str | None = None,
) -> dict[str, Any]:
    """Save changed fields. With `original` (the risk as the user loaded it), a change someone else saved in
    between is refused with a ConflictError that names the fields, never silently overwritten."""
    matrix = matrix_setting.get_matrix(db)

    def run(tx: Tx) -> dict[str, Any]:
        current = tx.get("risk", risk_id)
        if current is None:
            raise NotFoundError(f"Risico {risk_id} bestaat niet (meer).")
        clean = validate_risk(values, matrix, current=original or current)
        return tx.update("risk", risk_id, clean, original=original, reason=reason)

    return db.write(run, actor, "risks")


def get_risk(db: Database, risk_id: int) -> dict[str, Any]:
    found = db.rows("SELECT * FROM risk WHERE id = ?", [risk_id])
    if not found:
        raise NotFoundError(f"Risico {risk_id} bestaat niet (meer).")
    return found[0]


# -- beheersmaatregelen ----------------------------------------------------------------------------------
MEASURES_OF_RISK = "SELECT * FROM risk_measure WHERE risk_id = ? ORDER BY status = 'vervallen', due_date NULLS LAST, id"


def measures(db: Database, risk_id: int) -> pd.DataFrame:
    return db.query(MEASURES_OF_RISK, [risk_id])


def measure_rows(db: Database, risk_id: int) -> list[dict[str, Any]]:
    """The measures of a risk as stored (Python values, not pandas' Timestamps): what the edit table keeps as
    opened and save_measures compares with, so a conflict names only the fields someone else changed."""
    return db.rows(MEASURES_OF_RISK, [risk_id])


def all_measures(db: Database) -> pd.DataFrame:
    return db.query("SELECT * FROM risk_measure ORDER BY risk_id, due_date NULLS LAST, id")


def overdue_measures(db: Database, today: dt.date) -> pd.DataFrame:
    """Measures not done (gepland, in uitvoering) whose date has passed, with their risk and party."""
    return db.query(
        """
        SELECT m.*, r.title AS risk_title, coalesce(p.name, $own) AS party_name, p.code AS party_code,
               date_diff('day', m.due_date, $today) AS days_late
        FROM risk_measure m JOIN risk r ON r.id = m.risk_id LEFT JOIN party p ON p.id = r.party_id
        WHERE m.status IN ('gepland', 'in_uitvoering') AND m.due_date < $today AND p.archived_at IS NULL
        ORDER BY m.due_date, party_name
        """,
        {"today": today, "own": OWN},
    )


def overdue_measures_display(frame: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Partij": frame["party_name"],
            "Risico": frame["risk_title"],
            "Maatregel": frame["description"],
            "Eigenaar": frame["owner"].fillna("—"),
            "Status": frame["status"].map(labels.MEASURE_STATUS),
            "Gereed uiterlijk": frame["due_date"].map(formatting.date),
            "Dagen te laat": frame["days_late"].astype(int),
        }
    ).reset_index(drop=True)


def validate_measure(values: dict[str, Any], row: int | None = None) -> dict[str, Any]:
    clean, errors = v.apply("risk_measure", MEASURE_SCHEMA, values, row)
    if "description" not in values:
        errors.append(FieldError("description", labels.field("risk_measure", "description"), "is verplicht", row))
    if errors:
        raise ValidationError(errors, labels.entity("risk_measure"))
    return clean


def save_measures(
    db: Database, risk_id: int, rows: list[dict[str, Any]], actor: Actor, original: list[dict[str, Any]]
) -> dict[str, int]:
    """Make the measures of a risk equal to `rows` (from an editable table) in one transaction: rows with an
    id are updated, rows without are added, loaded rows that are gone are removed. `original` is the list as
    loaded; a measure someone else changed in between is refused. Every wrong row is named (Rij n)."""
    errors: list[FieldError] = []
    cleaned: list[tuple[Any, dict[str, Any]]] = []
    for n, values in enumerate(rows, start=1):
        fields = {k: (None if _missing(values.get(k)) else values.get(k)) for k in MEASURE_SCHEMA}
        if all(v.blank(x) for x in fields.values()):
            continue  # an empty row the editor added
        if v.blank(fields["status"]):
            fields["status"] = "gepland"
        try:
            cleaned.append((values.get("id"), validate_measure(fields, row=n)))
        except ValidationError as exc:
            errors.extend(exc.errors)
    if errors:
        raise ValidationError(errors, labels.entity("risk_measure"))
    loaded = {int(r["id"]): r for r in original}

    def run(tx: Tx) -> dict[str, int]:
        if tx.get("risk", risk_id) is None:
            raise NotFoundError(f"Risico {risk_id} bestaat niet (meer).")
        counts = {"insert": 0, "update": 0, "delete": 0}
        kept = set()
        for mid, clean in cleaned:
            if mid is None or pd.isna(mid):
                tx.insert("risk_measure", {"risk_id": risk_id, **clean})
                counts["insert"] += 1
                continue
            mid = int(mid)
            kept.add(mid)
            before = tx.get("risk_measure", mid)
            if before is None or before["risk_id"] != risk_id:
                raise NotFoundError(f"Beheersmaatregel {mid} bestaat niet (meer).")
            if mid not in loaded:
                raise ConflictError("Er is intussen een beheersmaatregel toegevoegd. Laad het risico opnieuw.")
            after = tx.update("risk_measure", mid, clean, original=loaded[mid])
            counts["update"] += int(after != before)
        for mid in set(loaded) - kept:
            if tx.get("risk_measure", mid) is not None:
                tx.delete("risk_measure", mid)
                counts["delete"] += 1
        return counts

    return db.write(run, actor, "risks")
