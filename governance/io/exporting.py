"""Export of the register to Excel, a zip of CSV files, or one CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import Any

from governance.core import excel
from governance.core.errors import DomainError
from governance.io.cells import QUERIES, Reader, cell, csv_text
from governance.io.sheets import EXPORT_ORDER, LEGEND, Sheet, find


# -- export --------------------------------------------------------------------------------------------
def export_rows(db: Reader, sheet: Sheet) -> list[list[Any]]:
    """The data rows of one sheet as cell values (header not included)."""
    return [[cell(c, row.get(c.field)) for c in sheet.columns] for row in db.rows(QUERIES[sheet.entity])]


def _fictitious(db: Reader) -> bool:
    return bool(db.rows("SELECT 1 FROM organisation WHERE fictitious LIMIT 1"))


def legend_rows(db: Reader, now: dt.datetime | None = None) -> list[list[Any]]:
    """The Toelichting sheet: what the file is, how to read it, every column and every code list."""
    ours = db.rows("SELECT code, name FROM organisation WHERE is_ours LIMIT 1")
    stamp = (now or dt.datetime.now()).strftime("%d-%m-%Y %H:%M")
    rows: list[list[Any]] = [
        ["Verbonden partijen — export"],
        ["Organisatie", f"{ours[0]['name']} ({ours[0]['code']})" if ours else "(nog niet gekozen)"],
        ["Geëxporteerd op", stamp],
    ]
    if _fictitious(db):
        rows.append(["LET OP", "Deze gegevens zijn (deels) fictief: demogegevens van een verzonnen gemeente."])
    rows += [
        [],
        ["Hoe te lezen"],
        ["Tabbladen", "Eén tabblad per soort gegevens. Rijen verwijzen naar elkaar met vaste codes, niet met nummers."],
        ["Bedragen", "In euro, als getal (geen tekst); negatief alleen bij eigen vermogen en resultaat."],
        ["Percentages", "Getal van 0 tot 100 (12,5 betekent 12,5 %)."],
        ["Datums", "Als datum; in CSV als dd-mm-jjjj."],
        ["Ja/nee", "De woorden ja of nee."],
        ["Codelijsten", "De omschrijving uit de lijsten hieronder; bij importeren mag ook de code."],
        ["Leeg", "Een lege cel betekent onbekend of niet van toepassing."],
        [
            "Verbonden partij",
            "Alleen een partij met een bestuurlijk én een financieel belang is een verbonden partij (art. 1 BBV). "
            "Met één 'nee' is het een samenwerking; zolang een van beide leeg is, is de partij nog te beoordelen en "
            "telt zij niet mee in de overzichten en de BBV-controle.",
        ],
        [
            "Veilige tekst",
            "Tekst die begint met =, +, -, @, een tab of een regelterugloop krijgt een apostrof (') ervoor, "
            "zodat Excel er geen formule van maakt. Bij importeren gaat die apostrof er weer af.",
        ],
        [
            "Importeren",
            "Rijen met een bestaande sleutel worden bijgewerkt (alleen wat anders is), nieuwe rijen toegevoegd; "
            "er wordt niets verwijderd. Eerst volgt een voorbeeld; bij één fout wordt niets opgeslagen.",
        ],
        [],
        ["Tabblad", "Kolom", "Betekenis", "Eenheid of notatie", "Verplicht", "Sleutel", "Toegestane waarden"],
    ]
    for sheet in EXPORT_ORDER:
        for col in sheet.columns:
            rows.append(
                [
                    sheet.name,
                    col.header,
                    col.meaning,
                    col.unit or ("code" if col.kind in ("code", "ref") else "tekst" if col.kind == "text" else ""),
                    "ja" if col.required else "",
                    "ja" if col.field in sheet.key else "",
                    ", ".join(col.options.values()) if col.options else "",
                ]
            )
    rows += [[], ["Codelijst", "Code", "Omschrijving"]]
    for sheet in EXPORT_ORDER:
        for col in sheet.columns:
            if col.options:
                rows += [[f"{sheet.name}: {col.header}", code, text] for code, text in col.options.items()]
    return rows


def workbook_bytes(db: Reader, now: dt.datetime | None = None) -> bytes:
    """The whole register as an .xlsx workbook."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDE3EA")
    formats = {"amount": "#,##0.00", "integer": "0", "date": "DD-MM-YYYY"}
    for sheet in EXPORT_ORDER:
        ws = book.create_sheet(sheet.name)
        ws.append([c.header for c in sheet.columns])
        for c in ws[1]:
            c.font, c.fill = bold, fill
        data = export_rows(db, sheet)
        for values in data:
            ws.append(values)
        for i, col in enumerate(sheet.columns, start=1):
            letter = get_column_letter(i)
            if col.kind in formats:
                for (c,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                    c.number_format = formats[col.kind]
            longest = max([len(col.header)] + [len(str(r[i - 1])) for r in data[:300] if r[i - 1] is not None])
            ws.column_dimensions[letter].width = min(longest + 2, 60)
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
    legend = book.create_sheet(LEGEND)
    for values in legend_rows(db, now):
        legend.append([excel.neutralise(x) if isinstance(x, str) else x for x in values])
    for row in legend.iter_rows():
        if row and row[0].value in ("Verbonden partijen — export", "Hoe te lezen", "Tabblad", "Codelijst"):
            for c in row:
                c.font = bold
    for letter, width in zip("ABCDEFG", (24, 28, 70, 20, 10, 10, 60), strict=True):
        legend.column_dimensions[letter].width = width
    for (c,) in legend.iter_rows(min_col=3, max_col=3):
        c.alignment = Alignment(wrap_text=True, vertical="top")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes(db: Reader, sheet: Sheet) -> bytes:
    """One entity as CSV for the Dutch Excel: `;`, decimal comma, dd-mm-jjjj, UTF-8 with BOM."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([c.header for c in sheet.columns])
    for row in db.rows(QUERIES[sheet.entity]):
        writer.writerow([csv_text(c, row.get(c.field)) for c in sheet.columns])
    return out.getvalue().encode("utf-8-sig")


def zip_bytes(db: Reader, now: dt.datetime | None = None) -> bytes:
    """Every entity as its own CSV file (named by `Sheet.slug`) plus toelichting.csv, in one zip."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for sheet in EXPORT_ORDER:
            archive.writestr(f"{sheet.slug}.csv", csv_bytes(db, sheet))
        legend = io.StringIO()
        writer = csv.writer(legend, delimiter=";", lineterminator="\r\n")
        writer.writerows([[excel.neutralise(str(x)) for x in r] for r in legend_rows(db, now)])
        archive.writestr("toelichting.txt", legend.getvalue().encode("utf-8-sig"))
    return out.getvalue()


def export(db: Reader, path: Path, entity: str | None = None) -> str:
    """Write `path` (.xlsx, .zip, or .csv with `entity`); returns a Dutch line saying what was written."""
    suffix = path.suffix.lower()
    counts = {s.name: len(db.rows(QUERIES[s.entity])) for s in EXPORT_ORDER}
    if suffix == ".xlsx":
        path.write_bytes(workbook_bytes(db))
        return f"{path}: " + ", ".join(f"{name} {n}" for name, n in counts.items())
    if suffix == ".zip":
        path.write_bytes(zip_bytes(db))
        return f"{path}: " + ", ".join(f"{name} {n}" for name, n in counts.items())
    if suffix == ".csv":
        sheet = find(entity or "")
        if sheet is None:
            raise UsageError(f"Kies met --entity welke gegevens: {', '.join(s.slug for s in EXPORT_ORDER)}.")
        path.write_bytes(csv_bytes(db, sheet))
        return f"{path}: {sheet.name} {counts[sheet.name]}"
    raise UsageError("Gebruik een bestandsnaam op .xlsx, .zip (alle CSV-bestanden) of .csv (met --entity).")


class UsageError(DomainError):
    """The command was asked for something it cannot do (a wrong file type or entity)."""
