"""The risk register: risks of the verbonden partijen (and of the gemeente itself), their beheersmaatregelen,
their history from the audit log, and the read models of the Risico's page.

Likelihood and impact are levels on the configured risk matrix (governance.riskmatrix): a score outside
the matrix, a net score above the gross one, a minimum amount above the maximum or an empty title is refused
with a Dutch message naming the field, and nothing is saved.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pandas as pd

from governance import formatting, labels, riskmatrix
from governance import validation as v
from governance.db import Database, Tx
from governance.errors import FieldError, NotFoundError, ValidationError
from governance.riskmatrix import Matrix

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


def score_check(levels: int, axis: str) -> v.Check:
    """A level on one scale of the matrix: a whole number from 1 to `levels`."""
    scale = "kansniveaus" if axis == "likelihood" else "impactniveaus"

    def check(value: Any) -> tuple[Any, str | None]:
        if v.blank(value):
            return None, None
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


def insert_risk(tx: Tx, values: dict[str, Any], matrix: Matrix, row: int | None = None) -> int:
    """Validate and insert inside an open transaction (forms, the demo loader, imports)."""
    clean = validate_risk(values, matrix, row=row)
    extra = {k: values[k] for k in ("created_at",) if values.get(k) is not None}
    return int(tx.insert("risk", {**clean, **extra}))


def create_risk(db: Database, values: dict[str, Any], actor: str) -> int:
    matrix = riskmatrix.get_matrix(db)
    return db.write(lambda tx: insert_risk(tx, values, matrix), actor)


def update_risk(
    db: Database,
    risk_id: int,
    values: dict[str, Any],
    actor: str,
    original: dict[str, Any] | None = None,
    reason: str | None = None,
) -> dict[str, Any]:
    """Save changed fields. With `original` (the risk as the user loaded it), a change someone else saved in
    between is refused with a ConflictError that names the fields, never silently overwritten."""
    matrix = riskmatrix.get_matrix(db)

    def run(tx: Tx) -> dict[str, Any]:
        current = tx.get("risk", risk_id)
        if current is None:
            raise NotFoundError(f"Risico {risk_id} bestaat niet (meer).")
        clean = validate_risk(values, matrix, current=original or current)
        return tx.update("risk", risk_id, clean, original=original, reason=reason)

    return db.write(run, actor)


def get_risk(db: Database, risk_id: int) -> dict[str, Any]:
    found = db.rows("SELECT * FROM risk WHERE id = ?", [risk_id])
    if not found:
        raise NotFoundError(f"Risico {risk_id} bestaat niet (meer).")
    return found[0]


# -- beheersmaatregelen ----------------------------------------------------------------------------------
def measures(db: Database, risk_id: int) -> pd.DataFrame:
    return db.query(
        "SELECT * FROM risk_measure WHERE risk_id = ? ORDER BY status = 'vervallen', due_date NULLS LAST, id",
        [risk_id],
    )


def all_measures(db: Database) -> pd.DataFrame:
    return db.query("SELECT * FROM risk_measure ORDER BY risk_id, due_date NULLS LAST, id")


def overdue_measures(db: Database, today: dt.date) -> pd.DataFrame:
    """Measures not done (gepland, in uitvoering) whose date has passed, with their risk and party."""
    return db.query(
        f"""
        SELECT m.*, r.title AS risk_title, coalesce(p.name, '{OWN}') AS party_name, p.code AS party_code,
               date_diff('day', m.due_date, $today) AS days_late
        FROM risk_measure m JOIN risk r ON r.id = m.risk_id LEFT JOIN party p ON p.id = r.party_id
        WHERE m.status IN ('gepland', 'in_uitvoering') AND m.due_date < $today AND p.archived_at IS NULL
        ORDER BY m.due_date, party_name
        """,
        {"today": today},
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
    db: Database, risk_id: int, rows: list[dict[str, Any]], actor: str, original: list[dict[str, Any]]
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
            after = tx.update("risk_measure", mid, clean, original=loaded.get(mid))
            counts["update"] += int(after != before)
        for mid in set(loaded) - kept:
            if tx.get("risk_measure", mid) is not None:
                tx.delete("risk_measure", mid)
                counts["delete"] += 1
        return counts

    return db.write(run, actor)


# -- history -------------------------------------------------------------------------------------------
ACTIONS = {"insert": "Aangemaakt", "update": "Gewijzigd", "delete": "Verwijderd", "archive": "Gearchiveerd"}


def _show(entity: str, name: str, value: Any, names: dict[int, str] | None = None) -> str:
    if value is None or value == "":
        return "—"
    if name == "party_id" and names is not None:
        return names.get(int(value), str(value))
    if name in AMOUNTS:
        return formatting.euro(value)
    if name == "status":
        return (labels.RISK_STATUS if entity == "risk" else labels.MEASURE_STATUS).get(value, str(value))
    if name == "category":
        return labels.RISK_CATEGORIES.get(value, str(value))
    if name in ("next_review", "due_date") and isinstance(value, str) and len(value) >= 10:
        return formatting.date(dt.date.fromisoformat(value[:10]))
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "…"


HIDDEN = {"id", "version", "created_at", "updated_at", "risk_id"}


def describe_change(
    entity: str, before: dict[str, Any] | None, after: dict[str, Any] | None, names: dict[int, str] | None = None
) -> str:
    """'Kans (netto): 3 → 2; Status: Open → Beheerst' for one audit row; `names` turns party ids into names."""
    if before is None and after is not None:
        shown = [
            f"{labels.field(entity, k)}: {_show(entity, k, x, names)}"
            for k, x in after.items()
            if k not in HIDDEN and x not in (None, "")
        ]
        return "; ".join(shown)
    if after is None:
        return "verwijderd"
    changed = [k for k in after if k not in HIDDEN and before.get(k) != after.get(k)]  # type: ignore[union-attr]
    return "; ".join(
        f"{labels.field(entity, k)}: {_show(entity, k, before.get(k), names)} → {_show(entity, k, after.get(k), names)}"  # type: ignore[union-attr]
        for k in changed
    )


def history(db: Database, risk_id: int) -> pd.DataFrame:
    """Every audited change of a risk and of its measures, newest first, in words."""
    rows = db.rows(
        """
        SELECT logged_at, actor, action, entity, entity_id, before, after, reason FROM audit_log
        WHERE (entity = 'risk' AND entity_id = ?)
           OR (entity = 'risk_measure'
               AND json_extract_string(coalesce(after, before), '$.risk_id') = ?)
        ORDER BY logged_at DESC, id DESC
        """,
        [str(risk_id), str(risk_id)],
    )
    names = {int(p["id"]): p["name"] for p in db.rows("SELECT id, name FROM party")}
    out = []
    for r in rows:
        before = json.loads(r["before"]) if r["before"] else None
        after = json.loads(r["after"]) if r["after"] else None
        what = "Risico"
        if r["entity"] == "risk_measure":
            what = f"Maatregel: {_show('risk_measure', 'description', (after or before or {}).get('description'))}"
        out.append(
            {
                "Tijdstip": r["logged_at"].strftime("%d-%m-%Y %H:%M"),
                "Door": r["actor"],
                "Actie": ACTIONS.get(r["action"], r["action"]),
                "Onderdeel": what,
                "Wijziging": describe_change(r["entity"], before, after, names),
                "Reden": r["reason"] or "",
            }
        )
    return pd.DataFrame(out, columns=["Tijdstip", "Door", "Actie", "Wijziging", "Onderdeel", "Reden"])


def conflict_display(entity: str, changes: dict[str, tuple[Any, Any]]) -> pd.DataFrame:
    """What someone else changed between loading and saving (from ConflictError.changes), in words."""
    return pd.DataFrame(
        [
            {
                "Veld": labels.field(entity, name),
                "Toen u het opende": _show(entity, name, _iso(then)),
                "Nu opgeslagen": _show(entity, name, _iso(now)),
            }
            for name, (then, now) in changes.items()
        ],
        columns=["Veld", "Toen u het opende", "Nu opgeslagen"],
    )


def _iso(value: Any) -> Any:
    """Dates from the database as ISO text, as _show expects them from the audit log."""
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


# -- read models of the Risico's page ---------------------------------------------------------------------
def risk_table(db: Database, party_id: int | None = None) -> pd.DataFrame:
    """Every risk of a non-archived party or of the gemeente itself, with the party's name and code and the
    number of measures not yet done. With `party_id`, only that party's risks (archived or not)."""
    where = "p.archived_at IS NULL" if party_id is None else "r.party_id = $party"
    return db.query(
        f"""
        SELECT r.*, p.code AS party_code, coalesce(p.name, '{OWN}') AS party_name,
               (SELECT count(*) FROM risk_measure m
                WHERE m.risk_id = r.id AND m.status IN ('gepland', 'in_uitvoering')) AS open_measures
        FROM risk r LEFT JOIN party p ON p.id = r.party_id
        WHERE {where}
        ORDER BY r.status = 'vervallen', party_name, r.category, r.title
        """,
        {} if party_id is None else {"party": party_id},
    )


DEFAULT_STATUSES = ["open", "beheerst", "geaccepteerd"]  # vervallen risks are history, not exposure


def filter_risks(
    table: pd.DataFrame,
    parties: list[str] | None = None,
    categories: list[str] | None = None,
    owners: list[str] | None = None,
    statuses: list[str] | None = None,
) -> pd.DataFrame:
    """Pure filter over risk_table(): parties by name (OWN for the gemeente's own), codes otherwise."""
    mask = pd.Series(True, index=table.index)
    for column, chosen in (
        ("party_name", parties),
        ("category", categories),
        ("owner", owners),
        ("status", statuses),
    ):
        if chosen:
            mask &= table[column].isin(chosen)
    return table[mask]


def cell_counts(table: pd.DataFrame, matrix: Matrix, kind: str) -> tuple[list[list[int]], int]:
    """Risks per cell for 'gross' or 'net': counts[impact - 1][likelihood - 1], and how many have no place
    (no score, or a score outside this matrix)."""
    n_l, n_i = matrix.size
    counts = [[0] * n_l for _ in range(n_i)]
    unplaced = 0
    for li, im in zip(table[f"{kind}_likelihood"], table[f"{kind}_impact"], strict=True):
        if pd.isna(li) or pd.isna(im) or not (1 <= int(li) <= n_l and 1 <= int(im) <= n_i):
            unplaced += 1
            continue
        counts[int(im) - 1][int(li) - 1] += 1
    return counts, unplaced


def cell_label(matrix: Matrix, likelihood: int, impact: int, count: int) -> str:
    """'Kans 4 Groot × impact 3 Gemiddeld · Hoog · 10 risico's' for the cell picker."""
    level = matrix.level_labels[matrix.level(likelihood, impact)]
    noun = "risico" if count == 1 else "risico's"
    return (
        f"Kans {likelihood} {matrix.likelihood[likelihood - 1].label} × impact {impact} "
        f"{matrix.impact[impact - 1].label} · {level} · {count} {noun}"
    )


def in_cell(table: pd.DataFrame, kind: str, likelihood: int, impact: int) -> pd.DataFrame:
    return table[(table[f"{kind}_likelihood"] == likelihood) & (table[f"{kind}_impact"] == impact)]


def overdue(table: pd.DataFrame, today: dt.date) -> pd.DataFrame:
    """Risks whose review date has passed (vervallen ones excluded), longest overdue first, with days_late."""
    live = table[(table["status"] != "vervallen") & table["next_review"].notna()]
    due = pd.to_datetime(live["next_review"]).dt.date
    late = live[due < today].copy()
    late["days_late"] = [(today - d).days for d in pd.to_datetime(late["next_review"]).dt.date]
    return late.sort_values(["days_late", "party_name"], ascending=[False, True])


LIST_COLUMNS = ("Partij", "Risico", "Bruto", "Netto", "Bedrag", "Eigenaar", "Herziening")  # fits a laptop
LATE_COLUMNS = ("Partij", "Risico", "Netto", "Eigenaar", "Status", "Herziening", "Dagen te laat")


def display(
    table: pd.DataFrame, matrix: Matrix, with_party: bool = True, columns: tuple[str, ...] | None = None
) -> pd.DataFrame:
    """Risks as people read them: the cell and its level in words, amounts in Dutch notation. `columns`
    picks and orders the columns (the lists on the Risico's page leave out what the filters already say)."""
    out = pd.DataFrame(index=table.index)
    if with_party:
        out["Partij"] = table["party_name"]
    out["Categorie"] = table["category"].map(labels.RISK_CATEGORIES)
    out["Risico"] = table["title"]
    out["Bruto"] = [
        matrix.cell_text(a, b) for a, b in zip(table["gross_likelihood"], table["gross_impact"], strict=True)
    ]
    out["Netto"] = [matrix.cell_text(a, b) for a, b in zip(table["net_likelihood"], table["net_impact"], strict=True)]
    out["Bedrag"] = table["amount_likely"].map(formatting.euro)
    out["Eigenaar"] = table["owner"].fillna("—")
    out["Status"] = table["status"].map(labels.RISK_STATUS)
    out["Herziening"] = table["next_review"].map(formatting.date)
    if "days_late" in table:
        out["Dagen te laat"] = table["days_late"]
    if columns:
        out = out[[c for c in columns if c in out]]
    return out.reset_index(drop=True)


# -- movement between two dates (from the audit log) ----------------------------------------------------------
def _state_at(rows: list[dict[str, Any]], when: dt.datetime) -> dict[str, Any] | None:
    """A risk as it was at `when`, replayed from its audit rows (oldest first). A risk registered with an
    earlier creation date than its first audit row (an import, the demo) counts as existing from that date."""
    last = None
    for r in rows:
        if r["logged_at"] <= when:
            last = r
        else:
            break
    if last is not None:
        return json.loads(last["after"]) if last["after"] else None
    first = rows[0] if rows else None
    if first is None:
        return None
    if first["action"] == "insert":
        after = json.loads(first["after"])
        created = dt.datetime.fromisoformat(after["created_at"]) if after.get("created_at") else None
        return after if created is not None and created <= when else None
    return json.loads(first["before"]) if first["before"] else None


def movement(db: Database, start: dt.date, end: dt.date, kind: str, matrix: Matrix | None = None) -> pd.DataFrame:
    """Risks whose gross or net cell (`kind`) differs between the end of `start` and the end of `end`.

    Columns: id, title, party_name, category, owner, status, old_cell, new_cell, change ('hoger', 'lager',
    'andere cel', 'nieuw', 'vervallen', 'verwijderd') and rank_change (new level rank minus old)."""
    matrix = matrix or riskmatrix.get_matrix(db)
    t0 = dt.datetime.combine(start, dt.time.max)
    t1 = dt.datetime.combine(end, dt.time.max)
    log = db.rows(
        "SELECT entity_id, logged_at, action, before, after FROM audit_log WHERE entity = 'risk' ORDER BY logged_at, id"
    )
    per_risk: dict[str, list[dict[str, Any]]] = {}
    for r in log:
        per_risk.setdefault(r["entity_id"], []).append(r)
    current = {str(r["id"]): r for r in risk_table(db).to_dict("records")}
    rank = {c: n for n, c in enumerate(riskmatrix.LEVEL_CODES)}
    li, im = f"{kind}_likelihood", f"{kind}_impact"

    def level(state: dict[str, Any] | None) -> int | None:
        if not state or state.get(li) is None or state.get(im) is None:
            return None
        a, b = int(state[li]), int(state[im])
        if a > matrix.size[0] or b > matrix.size[1]:
            return None
        return rank[matrix.level(a, b)]

    out = []
    for rid, rows in per_risk.items():
        old, new = _state_at(rows, t0), _state_at(rows, t1)
        if old is None and new is None:
            continue
        now = current.get(rid)
        if now is None and new is not None:
            continue  # a risk of an archived party: not in the register view
        old_cell = "—" if old is None else matrix.cell_text(old.get(li), old.get(im))
        new_cell = "—" if new is None else matrix.cell_text(new.get(li), new.get(im))
        if old is None:
            change = "nieuw"
        elif new is None:
            change = "verwijderd"
        elif new.get("status") == "vervallen" and old.get("status") != "vervallen":
            change = "vervallen"
        elif (old.get(li), old.get(im)) == (new.get(li), new.get(im)):
            continue
        else:
            a, b = level(old), level(new)
            change = "andere cel" if a is None or b is None or a == b else ("hoger" if b > a else "lager")
        base = new or old or {}
        a, b = level(old), level(new)
        out.append(
            {
                "id": int(rid),
                "title": base.get("title"),
                "party_name": now["party_name"] if now else OWN,
                "category": base.get("category"),
                "owner": base.get("owner"),
                "status": base.get("status"),
                "old_cell": old_cell,
                "new_cell": new_cell,
                "change": change,
                "rank_change": (b - a) if a is not None and b is not None else None,
            }
        )
    columns = [
        "id", "title", "party_name", "category", "owner", "status", "old_cell", "new_cell", "change", "rank_change",
    ]  # fmt: skip
    order = {"hoger": 0, "nieuw": 1, "andere cel": 2, "lager": 3, "vervallen": 4, "verwijderd": 5}
    frame = pd.DataFrame(out, columns=columns)
    return frame.sort_values(["change", "party_name"], key=lambda s: s.map(order) if s.name == "change" else s)


CHANGES = {
    "hoger": "↑ hoger niveau",
    "lager": "↓ lager niveau",
    "andere cel": "→ andere cel, zelfde niveau",
    "nieuw": "+ nieuw",
    "vervallen": "× vervallen",
    "verwijderd": "× verwijderd",
}


def movement_display(frame: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Partij": frame["party_name"],
            "Risico": frame["title"],
            "Van": frame["old_cell"],
            "Naar": frame["new_cell"],
            "Verschuiving": frame["change"].map(CHANGES),
        }
    ).reset_index(drop=True)
