"""Excel and CSV: export every entity, and import a file back with a preview and all-or-nothing saving.

Export: one sheet per entity (Dutch sheet names and headers, code lists as Dutch labels, ja/nee, real
number and date cells), a legend sheet, and text made safe to open (`excel.neutralise`). CSV: one file
per entity, `;`-separated, decimal comma, dates dd-mm-jjjj, UTF-8 with BOM (Excel opens it as is); all of
them at once in a zip.

Import: `preview` reads a file and says per row what would be added, changed or rejected and why, without
writing. `import_file` plans again inside one `db.write` transaction and saves everything or nothing:
rows whose key (a code, or a natural key for entities without one) matches are updated in the changed
fields only (`tx.update`, so audited), new rows are added, and nothing is ever deleted.
"""

from __future__ import annotations

import datetime as dt
import decimal
from typing import Any, Protocol

from governance import calendar
from governance.core import excel, formatting
from governance.io.sheets import Column

ADD, CHANGE, SAME, REJECT = "toevoegen", "wijzigen", "ongewijzigd", "afgewezen"
ACTIONS = {ADD: "Toevoegen", CHANGE: "Wijzigen", SAME: "Ongewijzigd", REJECT: "Afgewezen"}
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

_GR_FORMS = ", ".join(f"'{f}'" for f in calendar.GR_FORMS)  # code constants, never user input

# The rows of each entity with the codes of the rows they refer to; the export and the import's
# matching both read them, so what is exported is exactly what an import compares against.
QUERIES: dict[str, str] = {
    "organisation": "SELECT * FROM organisation ORDER BY code",
    "party": "SELECT * FROM party ORDER BY code",
    "participation": """
        SELECT pa.code AS party, o.code AS organisation, p.*
        FROM participation p JOIN party pa ON pa.id = p.party_id JOIN organisation o ON o.id = p.organisation_id
        ORDER BY pa.code, o.code""",
    "party_year": """
        SELECT pa.code AS party, y.* FROM party_year y JOIN party pa ON pa.id = y.party_id
        ORDER BY pa.code, y.year, y.kind""",
    "risk_statement": """
        SELECT pa.code AS party, s.* FROM risk_statement s JOIN party pa ON pa.id = s.party_id
        ORDER BY pa.code, s.year""",
    "person": "SELECT * FROM person ORDER BY code",
    "representation": """
        SELECT pe.code AS person, pa.code AS party, r.*
        FROM representation r JOIN person pe ON pe.id = r.person_id JOIN party pa ON pa.id = r.party_id
        ORDER BY pa.code, pe.code, r.body, r.capacity, r.start_date NULLS FIRST""",
    "risk": """
        SELECT pa.code AS party, r.* FROM risk r LEFT JOIN party pa ON pa.id = r.party_id
        ORDER BY pa.code NULLS FIRST, r.title, r.id""",
    "party_reserve": """
        SELECT pa.code AS party, r.* FROM party_reserve r JOIN party pa ON pa.id = r.party_id
        ORDER BY pa.code, r.year, r.kind""",
    "pc_document": """
        SELECT pa.code AS party, d.* FROM pc_document d JOIN party pa ON pa.id = d.party_id
        ORDER BY pa.code, d.year, d.kind, d.subject""",
    # not a table: every gemeenschappelijke regeling with the cycle the setting calendar.regimes gives it
    "calendar_regime": f"""
        SELECT p.code AS party, coalesce(r.regime, 'wgr2022') AS regime
        FROM party p LEFT JOIN (
            SELECT j.key AS code, j.value ->> '$' AS regime
            FROM setting s, json_each(s.value) j WHERE s.key = 'calendar.regimes'
        ) r ON r.code = p.code
        WHERE p.legal_form IN ({_GR_FORMS})
        ORDER BY p.code""",
    "agenda_action": """
        SELECT pa.code AS party, a.* FROM agenda_action a JOIN party pa ON pa.id = a.party_id
        ORDER BY pa.code, a.deadline NULLS LAST, a.action""",
}


class Reader(Protocol):
    """A Database or an open Tx: both read rows as dicts."""

    def rows(self, sql: str, params: Any = ()) -> list[dict[str, Any]]: ...


# -- cell values ---------------------------------------------------------------------------------------
def _number(value: Any) -> int | float:
    d = decimal.Decimal(str(value))
    return int(d) if d == d.to_integral_value() else float(d)


def cell(col: Column, value: Any) -> Any:
    """A database value as it goes into a workbook cell: labels for codes, ja/nee, numbers as numbers."""
    if value is None:
        return None
    if col.kind == "choice":
        return col.options.get(value, value) if col.options else value
    if col.kind == "bool":
        return "ja" if value else "nee"
    if col.kind == "date":
        return value.date() if isinstance(value, dt.datetime) else value
    if col.kind in ("amount", "number"):
        return _number(value)
    if col.kind == "integer":
        return int(value)
    return excel.neutralise(_printable(str(value)))


def csv_text(col: Column, value: Any) -> str:
    """A database value as CSV text the Dutch Excel reads: decimal comma, dd-mm-jjjj, labels, ja/nee."""
    shown = cell(col, value)
    if shown is None:
        return ""
    if isinstance(shown, dt.date):
        return shown.strftime("%d-%m-%Y")
    if isinstance(shown, float):
        return format(decimal.Decimal(str(shown)), "f").replace(".", ",")
    return str(shown)


def show(col: Column, value: Any) -> str:
    """A value in a preview or message: '€ 1.234,50', '12,5', '01-01-2025', labels, '(leeg)'."""
    if value is None or (isinstance(value, str) and not value):
        return "(leeg)"
    try:
        if col.kind in ("amount", "number"):
            d = decimal.Decimal(str(value)).normalize()
            places = max(0, -int(d.as_tuple().exponent))
            text = formatting.number(d, places)
            return f"€ {text}" if col.kind == "amount" else text
        shown = cell(col, value)
    except (ValueError, TypeError, decimal.InvalidOperation):  # a rejected cell, shown as it was typed
        shown = value
    if isinstance(shown, dt.date):
        return shown.strftime("%d-%m-%Y")
    text = str(shown)
    return text if len(text) <= 60 else text[:57] + "…"


def _printable(text: str) -> str:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", text)
