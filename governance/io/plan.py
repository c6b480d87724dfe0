"""Planning an import: matching rows on their keys and validating every cell, without writing."""

from __future__ import annotations

import datetime as dt
import decimal
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from governance import calendar, finance, register, risks, roles
from governance.core import excel, labels
from governance.core import validation as v
from governance.core.db import quote_ident
from governance.core.errors import DomainError, FieldError, ValidationError
from governance.io import parse
from governance.io.cells import ACTIONS, ADD, CHANGE, QUERIES, REJECT, SAME, Reader, show
from governance.io.sheets import CODE_ENTITY, EXPORT_ORDER, LEGEND, SHEETS, Column, Sheet, find


# -- import: planning ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Problem:
    """Why (part of) a file cannot be imported, with where: sheet (in a workbook), row and column."""

    message: str
    row: int | None = None
    column: str | None = None
    sheet: str | None = None

    def __str__(self) -> str:
        where = []
        if self.sheet:
            where.append(f"tabblad '{self.sheet}'")
        if self.row is not None:
            where.append(f"rij {self.row}")
        if self.column:
            where.append(f"kolom '{self.column}'")
        if not where:
            return self.message
        text = ", ".join(where)
        return f"{text[0].upper()}{text[1:]}: {self.message}"


@dataclass
class RowPlan:
    """What the import does with one row."""

    sheet: Sheet
    row: int
    key: tuple[Any, ...]
    label: str
    action: str
    values: dict[str, Any] = field(default_factory=dict)  # clean, by Column.field; references as codes
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)  # field -> (now, after the import)
    existing: dict[str, Any] | None = None
    problems: list[Problem] = field(default_factory=list)


@dataclass
class ImportPlan:
    """The preview of an import: every row's action, and every problem (the import needs none)."""

    filename: str
    rows: list[RowPlan] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    unreadable: bool = False  # the file as a whole was refused (too large, hostile, not a spreadsheet)

    @property
    def ok(self) -> bool:
        return not self.problems

    def count(self, action: str) -> int:
        return sum(r.action == action for r in self.rows)

    @property
    def changes_anything(self) -> bool:
        """Whether importing would add or change a row; a file equal to the register needs no import button."""
        return bool(self.count(ADD) or self.count(CHANGE))

    def counts(self) -> list[dict[str, Any]]:
        """Per sheet in the file: how many rows are added, changed, unchanged and rejected."""
        sheets = list(dict.fromkeys(r.sheet for r in self.rows))
        return [
            {"Tabblad": s.name, **{ACTIONS[a]: sum(r.action == a for r in self.rows if r.sheet is s) for a in ACTIONS}}
            for s in sheets
        ]

    def summary(self) -> str:
        return f"{self.count(ADD)} toegevoegd, {self.count(CHANGE)} gewijzigd, {self.count(SAME)} ongewijzigd" + (
            f", {self.count(REJECT)} afgewezen" if self.count(REJECT) else ""
        )

    @property
    def fingerprint(self) -> str:
        """What this import would do, as a short hash: every row's action and key, each changed cell's value now
        and after, and every problem. The preview a user saw and the plan made again inside the write transaction
        agree on it exactly when the import would do what was shown; a change in between that the file does not
        touch (another party, a field not in the file) leaves it alone."""
        import hashlib

        digest = hashlib.sha256()
        for r in self.rows:
            changes = sorted((f, repr(old), repr(new)) for f, (old, new) in r.changes.items())
            digest.update(repr((r.sheet.entity, r.row, r.action, r.key, changes)).encode())
        for p in self.problems:
            digest.update(repr(p).encode())
        return digest.hexdigest()[:16]

    def details(self) -> list[dict[str, Any]]:
        """What the import would do, one line per new row and per changed cell (unchanged rows left out):
        Tabblad, Rij, Actie, Sleutel, Kolom, Nu, Wordt. Rejected rows are in `problems`."""
        out = []
        for r in self.rows:
            base = {"Tabblad": r.sheet.name, "Rij": r.row, "Actie": ACTIONS[r.action], "Sleutel": r.label}
            if r.action == ADD:
                out.append({**base, "Kolom": "", "Nu": "", "Wordt": "nieuwe rij"})
            elif r.action == CHANGE:
                for f, (old, new) in r.changes.items():
                    col = r.sheet.column(f)
                    out.append({**base, "Kolom": col.header, "Nu": show(col, old), "Wordt": show(col, new)})
        return out


class ImportRejected(DomainError):
    """The file has problems; nothing was imported. `plan.problems` lists each with row and column."""

    def __init__(self, plan: ImportPlan):
        self.plan = plan
        n = len(plan.problems)
        super().__init__(
            f"Er is niets geïmporteerd: {n} {'fout' if n == 1 else 'fouten'} in '{plan.filename}'. "
            + " ".join(str(p) for p in plan.problems[:3])
            + (" …" if n > 3 else "")
        )


class ImportStale(DomainError):
    """The register changed between the preview and the import, so the import would not do what was shown;
    nothing was imported. `plan` is the new preview, to show and confirm again."""

    def __init__(self, plan: ImportPlan):
        self.plan = plan
        super().__init__(
            "Het register is gewijzigd sinds het voorbeeld van deze import; er is niets geïmporteerd. "
            "Hieronder staat wat de import nu zou doen: controleer het en kies opnieuw Import uitvoeren."
        )


def _match_sheets(
    tables: list[parse.Table], entity: str | None, problems: list[Problem]
) -> list[tuple[parse.Table, Sheet]]:
    """Which sheet each table holds: by --entity, by its name, or (a lone CSV) by its columns."""
    chosen = find(entity) if entity else None
    if entity and chosen is None:
        problems.append(Problem(f"Onbekende soort gegevens '{entity}'; kies uit: {', '.join(s.slug for s in SHEETS)}."))
        return []
    matched: list[tuple[parse.Table, Sheet]] = []
    for table in tables:
        if table.name.strip().lower() in (LEGEND.lower(), "toelichting") or (not table.header and not table.rows):
            continue
        sheet = chosen or find(table.name) or (_by_columns(table) if table.from_csv else None)
        if sheet is None:
            known = ", ".join(f"'{s.name}'" for s in EXPORT_ORDER)
            what = f"Bestand '{table.name}'" if table.from_csv else f"Tabblad '{table.name}'"
            problems.append(Problem(f"{what} is onbekend; verwacht worden {known}."))
            continue
        if any(s is sheet for _, s in matched):
            problems.append(Problem(f"De gegevens van '{sheet.name}' staan twee keer in het bestand."))
            continue
        matched.append((table, sheet))
    return matched


def _by_columns(table: parse.Table) -> Sheet | None:
    """The sheet whose columns a CSV's header matches best (ties: none)."""
    header = {str(h).strip().lower() for h in table.header if h is not None}
    scores = sorted(((len(header & set(s.by_header)), i) for i, s in enumerate(SHEETS)), reverse=True)
    (best, i), (second, _) = scores[0], scores[1]
    return SHEETS[i] if best and best > second else None


def _columns(table: parse.Table, sheet: Sheet, where: str | None, problems: list[Problem]) -> list[Column | None]:
    """The column of each header cell; a problem for each unknown, doubled or missing required column."""
    found: list[Column | None] = []
    seen: set[str] = set()
    for i, raw in enumerate(table.header):
        name = str(raw).strip() if raw is not None else ""
        col = sheet.by_header.get(name.lower())
        if not name:  # an empty spacer column is fine; values without a header are not
            if any(i < len(cells) and not parse.blank_cell(cells[i]) for _, cells in table.rows):
                problems.append(Problem("deze kolom heeft waarden maar geen kop", 1, _letter(i), where))
        elif col is None and name.lower() in sheet.retired:
            pass  # a column an older export had: it no longer counts, so it is read past
        elif col is None:
            problems.append(Problem(f"onbekende kolom in {sheet.name}", 1, name, where))
        elif col.field in seen:
            problems.append(Problem("deze kolom staat er twee keer in", 1, name, where))
            col = None
        if col is not None:
            seen.add(col.field)
        found.append(col)
    for col in sheet.columns:
        if col.required and col.field not in seen and not any(p.column == col.header for p in problems):
            problems.append(Problem("verplichte kolom ontbreekt", 1, col.header, where))
    return found


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


_ENGLISH_DECIMAL = re.compile(r"[+-]?\d+\.\d+")


def _prepare(col: Column, value: Any, table: parse.Table) -> Any:
    """A cell as the checker should see it: the safe-text apostrophe taken off, numbers in text columns as
    text (Excel turns a KvK number into a number), English decimals in a comma-separated CSV as numbers."""
    if isinstance(value, str):
        value = excel.restore(value)
        if col.kind in ("code", "ref"):
            return value.strip().lower()
        if table.decimal_point and col.kind in ("amount", "number") and _ENGLISH_DECIMAL.fullmatch(value.strip()):
            return decimal.Decimal(value.strip())
        return value
    if (
        col.kind in ("text", "code", "ref", "choice")
        and isinstance(value, (int, float))
        and not isinstance(value, bool)
    ):
        text = str(int(value)) if float(value).is_integer() else str(value)
        return text.zfill(8) if col.field == "kvk" else text
    return value


def _entity_validator(db: Reader, entity: str) -> tuple[Callable[[dict[str, Any], int], Any], set[str]] | None:
    """The validator the forms use for `entity` and the fields it takes; the import runs it too, for its
    rules across fields and its bounds (a risk's scores against the configured risk matrix)."""
    if entity == "party":
        return (lambda values, row: register.validate_party(values, row, new=False)), set(register.PARTY_SCHEMA)
    if entity == "party_year":
        return register.validate_year, set(register.YEAR_SCHEMA)
    if entity == "party_reserve":
        return finance.validate_reserve, set(finance.RESERVE_SCHEMA)
    if entity == "pc_document":
        return calendar.validate_document, set(calendar.DOCUMENT_SCHEMA)
    if entity == "person":
        return (lambda values, row: roles.validate_person(values, row, new=False)), set(roles.PERSON_SCHEMA)
    if entity == "risk":
        matrix = risks.get_matrix(db)  # type: ignore[arg-type]  # only reads rows
        return (lambda values, row: risks.validate_risk(values, matrix, current={}, row=row)), {
            *risks.RISK_SCHEMA,
            *risks.SCORE_FIELDS,
        }
    return None


def _validate(
    sheet: Sheet,
    raw: dict[str, Any],
    row: int,
    entity_validator: tuple[Callable[[dict[str, Any], int], Any], set[str]] | None,
) -> tuple[dict[str, Any], list[FieldError]]:
    """Clean one row: each cell with its column's checker, then the entity's own validator (the one the
    forms use) for its rules across fields, then the rules of a row that only an import meets."""
    schema = {c.field: c.check for c in sheet.columns if c.field in raw}
    clean, errors = v.apply(sheet.entity, schema, raw, row)
    if entity_validator is not None:
        validate, fields = entity_validator
        try:
            validate({k: raw[k] for k in raw if k in fields}, row)
        except ValidationError as exc:
            known = {(e.field, e.message) for e in errors}
            errors += [e for e in exc.errors if (e.field, e.message) not in known]
    failed = {e.field for e in errors}
    for col in sheet.columns:
        if (col.required or col.field in sheet.key and col.kind == "code") and col.field in raw:
            if clean.get(col.field) is None and col.field not in failed:
                errors.append(FieldError(col.field, col.header, "is verplicht", row))
    return clean, errors + _row_rules(sheet, clean, row, failed)


def _row_rules(sheet: Sheet, clean: dict[str, Any], row: int, failed: set[str]) -> list[FieldError]:
    pairs = {
        "participation": [("joined", "left_on", "ligt vóór de datum van toetreding")],
        "representation": [("start_date", "end_date", "ligt vóór de begindatum")],
    }.get(sheet.entity, [])
    out = []
    for low, high, message in pairs:
        a, b = clean.get(low), clean.get(high)
        if a is not None and b is not None and low not in failed and high not in failed and b < a:
            if not any(e.field == high for e in out):
                out.append(FieldError(high, sheet.column(high).header, message, row))
    return out


def _key(sheet: Sheet, values: dict[str, Any]) -> tuple[Any, ...]:
    """The values that identify a row; codes in lower case, so 'GM0363' finds gm0363."""
    return tuple(
        str(values[f]).lower()
        if sheet.column(f).kind in ("code", "ref") and values.get(f) is not None
        else values.get(f)
        for f in sheet.key
    )


def _key_label(sheet: Sheet, key: tuple[Any, ...]) -> str:
    parts = [show(sheet.column(f), k) if k is not None else "—" for f, k in zip(sheet.key, key, strict=True)]
    return " · ".join(parts)


def _same(col: Column, old: Any, new: Any) -> bool:
    if old is None or new is None:
        return old is None and new is None
    if col.kind == "date":
        as_date: Callable[[Any], Any] = lambda d: d.date() if isinstance(d, dt.datetime) else d  # noqa: E731
        return bool(as_date(old) == as_date(new))
    return bool(old == new)


def plan(db: Reader, tables: list[parse.Table], filename: str, entity: str | None = None) -> ImportPlan:
    """What importing `tables` into `db` would do, row by row; nothing is written."""
    result = ImportPlan(filename)
    matched = _match_sheets(tables, entity, result.problems)
    if not matched and not result.problems:
        result.problems.append(Problem(f"Het bestand '{filename}' bevat geen gegevens om te importeren."))
    single = len(tables) == 1 and tables[0].from_csv
    codes = {
        ent: {str(r["code"]).lower() for r in db.rows(f"SELECT code FROM {quote_ident(ent)}")} for ent in CODE_ENTITY
    }
    staged: list[tuple[parse.Table, Sheet, list[Column | None], str | None]] = []
    for table, sheet in sorted(matched, key=lambda m: SHEETS.index(m[1])):
        where = None if single else sheet.name
        before = len(result.problems)
        columns = _columns(table, sheet, where, result.problems)
        if len(result.problems) == before:
            staged.append((table, sheet, columns, where))
    # codes a file brings itself count as known for the rows that refer to them
    for table, sheet, columns, _ in staged:
        if sheet.entity in CODE_ENTITY:
            i = next(i for i, c in enumerate(columns) if c is not None and c.field == "code")
            codes[sheet.entity] |= {
                str(cells[i]).strip().lower() for _, cells in table.rows if i < len(cells) and cells[i]
            }
    for table, sheet, columns, where in staged:
        result.rows += _plan_sheet(db, table, sheet, columns, where, codes)
    for r in result.rows:
        result.problems += r.problems
    _check_single_own_organisation(db, result)
    return result


def _plan_sheet(
    db: Reader,
    table: parse.Table,
    sheet: Sheet,
    columns: list[Column | None],
    where: str | None,
    codes: dict[str, set[str]],
) -> list[RowPlan]:
    existing = {_key(sheet, r): r for r in db.rows(QUERIES[sheet.entity])}
    entity_validator = _entity_validator(db, sheet.entity)
    present = [c for c in columns if c is not None]
    seen: dict[tuple[Any, ...], int] = {}
    plans = []
    for number, cells in table.rows:
        problems = [
            Problem("deze cel heeft een waarde maar de kolom heeft geen kop", number, _letter(i), where)
            for i in range(len(columns), len(cells))
            if cells[i] is not None and str(cells[i]).strip()
        ]
        raw = {c.field: _prepare(c, cells[i] if i < len(cells) else None, table) for i, c in enumerate(columns) if c}
        clean, errors = _validate(sheet, raw, number, entity_validator)
        problems += [
            Problem(e.message, number, sheet.column(e.field).header if e.field else None, where) for e in errors
        ]
        for col in present:
            code = clean.get(col.field)
            if col.ref and code and col.field not in {e.field for e in errors} and code not in codes[col.ref]:
                problems.append(
                    Problem(f"onbekende {labels.entity(col.ref).lower()} '{code}'", number, col.header, where)
                )
        key = _key(sheet, clean)
        current = existing.get(key)
        key_failed = any(p.column in {sheet.column(f).header for f in sheet.key} for p in problems)
        if not key_failed:
            if key in seen:
                headers = [sheet.column(f).header for f in sheet.key]
                what = (
                    "dezelfde code"
                    if len(headers) == 1
                    else f"dezelfde combinatie van {', '.join(headers[:-1])} en {headers[-1]}"
                )
                problems.append(Problem(f"dubbel: {what} staat ook in rij {seen[key]}", number, headers[0], where))
            else:
                seen[key] = number
        plan_row = RowPlan(
            sheet, number, key, _key_label(sheet, key), REJECT, clean, existing=current, problems=problems
        )
        if not problems:
            if current is None and sheet.entity == "calendar_regime" and clean.get("regime") == calendar.NEW:
                plan_row.action = SAME  # a new regeling on the 2022 cycle: the default, nothing to store
            elif current is None:
                plan_row.action = ADD
            else:
                plan_row.changes = {
                    c.field: (current.get(c.field), clean.get(c.field))
                    for c in present
                    if c.field not in sheet.key and not c.ref and not _same(c, current.get(c.field), clean.get(c.field))
                }
                plan_row.action = CHANGE if plan_row.changes else SAME
        plans.append(plan_row)
    return plans


def _check_single_own_organisation(db: Reader, result: ImportPlan) -> None:
    rows = [r for r in result.rows if r.sheet.entity == "organisation" and "is_ours" in r.values]
    if not rows:
        return
    ours = {str(r["code"]).lower() for r in db.rows("SELECT code FROM organisation WHERE is_ours")}
    for r in rows:
        (ours.add if r.values["is_ours"] else ours.discard)(r.key[0])
    if len(ours) > 1:
        for r in rows:
            if r.values["is_ours"] and r.action != REJECT:
                others = ", ".join(sorted(ours - {r.key[0]}))
                problem = Problem(
                    f"er kan maar één eigen organisatie zijn (ook: {others})",
                    r.row,
                    r.sheet.column("is_ours").header,
                    None if len({x.sheet for x in result.rows}) == 1 else r.sheet.name,
                )
                r.problems.append(problem)
                r.action = REJECT
                result.problems.append(problem)
