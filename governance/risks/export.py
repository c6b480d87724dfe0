"""Excel workbooks for controllers: the risk register with its heat maps and matrix, and the risk profiles.

Safe to open in Excel: text that starts with = + - @ (or a tab or carriage return) is prefixed with an
apostrophe, so a title like "=HYPERLINK(...)" stays text and is never run as a formula. Amounts and dates are
real numbers and dates with a Dutch number format, so controllers can add them up.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from governance.core import labels
from governance.core.excel import neutralise
from governance.risks import records, tables
from governance.risks import rubric as risks_rubric
from governance.risks.matrix import LEVEL_CODES, Matrix, meaning, text_colour

EURO = '"€" #,##0'
DATE = "dd-mm-yyyy"
HEADER_FILL = PatternFill("solid", fgColor="154273")
HEADER_FONT = Font(bold=True, color="FFFFFF")
THIN = Side(style="thin", color="BBBBBB")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def safe(value: Any) -> Any:
    """A cell value that Excel shows as typed: text starting like a formula gets a leading apostrophe;
    missing values become empty cells."""
    if value is None:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    if isinstance(value, str):
        return neutralise(value)
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if hasattr(value, "item") and not isinstance(value, (dt.date, dt.datetime)):
        return value.item()  # numpy scalars
    return value


def _fill(colour: str) -> PatternFill:
    return PatternFill("solid", fgColor=colour.lstrip("#").upper())


def _table(ws: Worksheet, headers: list[str], rows: Iterable[list[Any]], formats: dict[int, str] | None = None) -> int:
    """Write a header row and rows; returns the number of data rows. Freezes the header, adds a filter."""
    ws.append([safe(h) for h in headers])
    for cell in ws[1]:
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    n = 0
    for row in rows:
        ws.append([safe(v) for v in row])
        n += 1
    for col, fmt in (formats or {}).items():
        for cell in ws.iter_cols(min_col=col, max_col=col, min_row=2, max_row=n + 1):
            for c in cell:
                c.number_format = fmt
    ws.freeze_panes = "A2"
    if n:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{n + 1}"
    for i, header in enumerate(headers, start=1):
        width = max([len(str(header))] + [len(str(c.value or "")) for c in ws[get_column_letter(i)][1:200]])
        ws.column_dimensions[get_column_letter(i)].width = min(max(10, width + 2), 60)
    return n


def _date(value: Any) -> dt.date | None:
    """A date from the database or a DataFrame (datetime.date, Timestamp, NaT or None) as datetime.date."""
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return None if pd.isna(value) else pd.Timestamp(value).date()


def _int(value: Any) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def _level(matrix: Matrix, likelihood: Any, impact: Any) -> str | None:
    li, im = _int(likelihood), _int(impact)
    if li is None or im is None or li > matrix.size[0] or im > matrix.size[1]:
        return None
    return matrix.level_labels[matrix.level(li, im)]


REGISTER_HEADERS = [
    "Partij", "Categorie", "Risico", "Oorzaak", "Gevolg",
    "Kans bruto", "Impact bruto", "Niveau bruto", "Kans netto", "Impact netto", "Niveau netto", "Kans (%)",
    "Bedrag minimum", "Bedrag meest waarschijnlijk", "Bedrag maximum", "Beheersmaatregelen", "Open maatregelen",
    "Risico-eigenaar", "Status", "Volgende herziening", "Herziening achterstallig",
]  # fmt: skip


def register_workbook(
    table: pd.DataFrame,
    matrix: Matrix,
    measures: pd.DataFrame,
    today: dt.date,
    filters: str = "",
) -> bytes:
    """The register (the rows of `table`, a risk_table()), its measures, both heat maps and the matrix."""
    wb = Workbook()
    about = wb.active
    about.title = "Over dit bestand"
    for row in (
        ["Risicoregister verbonden partijen"],
        ["Geëxporteerd op", today],
        ["Risico's", len(table)],
        ["Selectie", filters or "alle risico's"],
        ["Risicomatrix", f"{matrix.size_text} (kans × impact)"],
        ["Bruto", "voor beheersmaatregelen; netto: na beheersmaatregelen"],
    ):
        about.append([safe(v) for v in row])
    about["A1"].font = Font(bold=True, size=14)
    about["B2"].number_format = DATE
    about.column_dimensions["A"].width = 22
    about.column_dimensions["B"].width = 60

    ws = wb.create_sheet("Risicoregister")
    rows = []
    for r in table.to_dict("records"):
        due = _date(r["next_review"])
        rows.append(
            [
                r["party_name"], labels.RISK_CATEGORIES.get(r["category"], r["category"]), r["title"], r["cause"],
                r["consequence"], _int(r["gross_likelihood"]), _int(r["gross_impact"]),
                _level(matrix, r["gross_likelihood"], r["gross_impact"]), _int(r["net_likelihood"]),
                _int(r["net_impact"]), _level(matrix, r["net_likelihood"], r["net_impact"]),
                None if pd.isna(r["probability_pct"]) else float(r["probability_pct"]),
                *(None if pd.isna(r[a]) else float(r[a]) for a in records.AMOUNTS), r["measures"],
                int(r.get("open_measures") or 0), r["owner"], labels.RISK_STATUS.get(r["status"], r["status"]), due,
                "ja" if due is not None and r["status"] != "vervallen" and due < today else "nee",
            ]
        )  # fmt: skip
    _table(ws, REGISTER_HEADERS, rows, {13: EURO, 14: EURO, 15: EURO, 20: DATE})
    by_label = {matrix.level_labels[c]: c for c in LEVEL_CODES}
    for col in (8, 11):
        for (cell,) in ws.iter_rows(min_row=2, min_col=col, max_col=col):
            code = by_label.get(cell.value)
            if code:
                cell.fill = _fill(matrix.level_colours[code])
                cell.font = Font(color=text_colour(matrix.level_colours[code]).lstrip("#").upper())

    ms = wb.create_sheet("Maatregelen")
    names = dict(zip(table["id"], table["party_name"], strict=True))
    titles = dict(zip(table["id"], table["title"], strict=True))
    shown = measures[measures["risk_id"].isin(table["id"])] if len(measures) else measures
    _table(
        ms,
        ["Partij", "Risico", "Maatregel", "Eigenaar", "Status", "Gereed uiterlijk"],
        (
            [
                names[m["risk_id"]],
                titles[m["risk_id"]],
                m["description"],
                m["owner"],
                labels.MEASURE_STATUS.get(m["status"], m["status"]),
                _date(m["due_date"]),
            ]  # fmt: skip
            for m in shown.to_dict("records")
        ),
        {6: DATE},
    )
    for kind, title in (("gross", "Heatmap bruto"), ("net", "Heatmap netto")):
        counts, unplaced = tables.cell_counts(table, matrix, kind)
        _grid(wb.create_sheet(title), matrix, title.replace("Heatmap", "Aantal risico's per cel,"), counts, unplaced)
    _grid(wb.create_sheet("Risicomatrix"), matrix, "Risicomatrix: niveau per cel", None, 0)
    _scales(wb["Risicomatrix"], matrix)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _grid(ws: Worksheet, matrix: Matrix, title: str, counts: list[list[int]] | None, unplaced: int) -> None:
    """Impact highest at the top (as on screen), kans left to right; each cell coloured by its level, with the
    count (heat map) or the level's name (matrix). A heat map also names the level of each cell below it."""
    n_l, n_i = matrix.size
    ws.append([safe(title)])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append(["Impact \\ Kans"] + [safe(f"{n} {lv.label}") for n, lv in enumerate(matrix.likelihood, start=1)])
    for impact in range(n_i, 0, -1):
        label = f"{impact} {matrix.impact[impact - 1].label}"
        values: list[Any] = []
        for li in range(1, n_l + 1):
            code = matrix.level(li, impact)
            values.append(counts[impact - 1][li - 1] if counts is not None else matrix.level_labels[code])
        ws.append([safe(label)] + [safe(v) for v in values])
        row = ws.max_row
        for li in range(1, n_l + 1):
            cell = ws.cell(row=row, column=li + 1)
            colour = matrix.level_colours[matrix.level(li, impact)]
            cell.fill = _fill(colour)
            cell.font = Font(bold=True, color=text_colour(colour).lstrip("#").upper())
            cell.alignment = Alignment(horizontal="center", vertical="center")
            cell.border = BOX
        ws.row_dimensions[row].height = 30
    ws.column_dimensions["A"].width = 26
    for col in range(2, n_l + 2):
        ws.column_dimensions[get_column_letter(col)].width = 16
    if counts is not None:
        ws.append([])
        ws.append(["Totaal", sum(map(sum, counts))])
        if unplaced:
            ws.append(["Zonder score (niet in de matrix)", unplaced])
        ws.append(["Niveau per cel: zie het tabblad Risicomatrix. Legenda:"])
        for code in LEVEL_CODES:
            ws.append(["", safe(matrix.level_labels[code])])
            cell = ws.cell(row=ws.max_row, column=2)
            cell.fill = _fill(matrix.level_colours[code])
            cell.font = Font(color=text_colour(matrix.level_colours[code]).lstrip("#").upper())


def _scales(ws: Worksheet, matrix: Matrix) -> None:
    ws.append([])
    ws.append(["Kans", "Naam", "Betekenis", "Percentage"])
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    for n, lv in enumerate(matrix.likelihood, start=1):
        ws.append([n, safe(lv.label), safe(meaning(matrix, "likelihood", n)), lv.percentage])
    ws.append([])
    ws.append(["Impact", "Naam", "Betekenis", "Bovengrens (€)"])
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    for n, lv in enumerate(matrix.impact, start=1):
        ws.append([n, safe(lv.label), safe(meaning(matrix, "impact", n)), lv.max_amount])
        ws.cell(row=ws.max_row, column=4).number_format = EURO


def profile_workbook(table: pd.DataFrame, rubric: dict[str, Any], today: dt.date) -> bytes:
    """Per party the risk profile that applies, its regime and the scores of the latest assessment."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Risicoprofielen"
    criteria = rubric["criteria"]
    headers = [
        "Partij", "Risicoprofiel", "Grond", "Regime", "Rapportage", "Risicoanalyses per jaar", "Belang", "Risico",
        "Totaalscore", "Beoordeeld op", "Herbeoordeling uiterlijk", "Let op",
    ] + [c["label"] for c in criteria]  # fmt: skip
    rows = []
    for r in table.to_dict("records"):
        rows.append(
            [
                r["name"], labels.PROFILE_CLASSES.get(r["profile_class"], "niet beoordeeld"), r["source"], r["regime"],
                r["reporting"], r["analyses_per_year"], r["belang_score"], r["risk_score"], r["total_score"],
                _date(r["assessed_on"]), _date(r["next_assessment"]), r["note"],
            ]
            + [r["scores"].get(c["code"]) for c in criteria]
        )  # fmt: skip
    _table(ws, headers, rows, {10: DATE, 11: DATE})
    rs = wb.create_sheet("Regimes")
    _table(
        rs,
        ["Risicoprofiel", "Regime", "Rapportage", "Risicoanalyses per jaar", "Herbeoordeling (jaren)"],
        (
            [labels.PROFILE_CLASSES[c], r["label"], r["reporting"], r["analyses_per_year"], r["reassess_years"]]
            for c, r in ((c, rubric["regimes"][c]) for c in reversed(risks_rubric.CLASSES))
        ),
    )
    cs = wb.create_sheet("Rubriek")
    _table(
        cs,
        ["Criterium", "As", "Gewicht", "Toelichting"],
        ([c["label"], labels.PROFILE_AXES[c["axis"]], c["weight"], c["help"]] for c in criteria),
    )
    cs.append([])
    t = rubric["thresholds"]
    cs.append(["Grens midden (totaalscore vanaf)", t["midden"]])
    cs.append(["Grens hoog (totaalscore vanaf)", t["hoog"]])
    cs.append(["Nieuwe partij: maanden op hoog", rubric["new_party_months"]])
    cs.append(["Geëxporteerd op", today])
    cs.cell(row=cs.max_row, column=2).number_format = DATE
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
