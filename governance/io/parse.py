"""Reading what a user uploads into plain tables of cells, and keeping exported text safe to open.

Accepts an Excel workbook (.xlsx), a CSV file, or a zip of CSV files (what `export FILE.zip` writes).
CSV files may use `;`, `,` or tab as separator and be UTF-8 (with or without BOM), UTF-16 (Excel's
"Unicode text") or Windows-1252. The file's content decides, not its name: a PDF renamed to .csv is
refused. Numbers and dates are left as they are; `governance.validation` parses them per column.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from governance.core.errors import DomainError

MAX_BYTES = 10 * 1024 * 1024  # largest file accepted for import (10 MB); far above a real register
MAX_ROWS = 100_000  # per sheet
UNPACKED_FACTOR = 20  # a zip or .xlsx may unpack to at most this many times MAX_BYTES (zip bombs)
EXTENSIONS = (".xlsx", ".xlsm", ".csv", ".txt", ".zip")

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


class FileRejected(DomainError):
    """The file as a whole cannot be read (too large, not a spreadsheet, no data); nothing was imported."""


@dataclass
class Table:
    """One sheet or CSV file: its header cells and its data rows, each with the row number a user sees
    in Excel (the header is row 1). Blank rows are left out."""

    name: str
    header: list[Any]
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)
    from_csv: bool = False
    decimal_point: bool = False  # a comma-separated CSV: there '12.500' means twelve and a half


def not_a_spreadsheet(filename: str) -> FileRejected:
    return FileRejected(
        f"Het bestand '{filename}' is geen spreadsheet; gebruik een Excel-bestand (.xlsx) of een CSV-bestand (.csv)."
    )


def read(data: bytes, filename: str, max_bytes: int = MAX_BYTES) -> list[Table]:
    """The tables in an uploaded file; FileRejected says in Dutch why a file cannot be used."""
    name = PurePath(filename).name or "bestand"
    if len(data) > max_bytes:
        raise too_big(name, len(data), max_bytes)
    if not data.strip():
        raise FileRejected(f"Het bestand '{name}' is leeg.")
    suffix = PurePath(name).suffix.lower()
    if suffix not in EXTENSIONS:
        raise not_a_spreadsheet(name)
    if data.startswith(b"PK\x03\x04"):
        return _read_zip(data, name, max_bytes)
    if suffix in (".xlsx", ".xlsm", ".zip"):
        raise not_a_spreadsheet(name)
    return [_read_csv(data, name)]


def too_big(filename: str, size: int, max_bytes: int = MAX_BYTES) -> FileRejected:
    name = PurePath(filename).name
    return FileRejected(f"Het bestand '{name}' is {_megabytes(size)}; het maximum is {_megabytes(max_bytes)}.")


def _megabytes(n: int) -> str:
    """'10 MB', '10,1 MB': rounded up to a tenth, so a file just over the limit never reads as equal to it."""
    tenths = -(-n * 10 // (1024 * 1024))
    return f"{tenths // 10} MB" if tenths % 10 == 0 else f"{tenths // 10},{tenths % 10} MB"


def _read_zip(data: bytes, name: str, max_bytes: int) -> list[Table]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except zipfile.BadZipFile:
        raise not_a_spreadsheet(name) from None
    if sum(m.file_size for m in members) > UNPACKED_FACTOR * max_bytes:
        raise FileRejected(f"Het bestand '{name}' is uitgepakt te groot; het maximum is {_megabytes(max_bytes)}.")
    names = {m.filename for m in members}
    if "[Content_Types].xml" in names:
        return _read_xlsx(data, name)
    tables = [
        _read_csv(archive.read(m), PurePath(m.filename).name)
        for m in members
        if not m.is_dir() and PurePath(m.filename).suffix.lower() in (".csv", ".txt")
    ]
    if not tables:
        raise FileRejected(f"Het zip-bestand '{name}' bevat geen CSV-bestanden.")
    return tables


def _read_xlsx(data: bytes, name: str) -> list[Table]:
    import openpyxl  # imported here: the CLI's other commands start faster without it

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds (KeyError, InvalidFileException, ...) for a broken file
        raise not_a_spreadsheet(name) from None
    try:
        tables = []
        for sheet in book.worksheets:
            rows = sheet.iter_rows(min_row=1, min_col=1, values_only=True)
            header = list(next(rows, ()))
            table = Table(sheet.title, _trim(header))
            for number, cells in enumerate(rows, start=2):
                values = _trim(list(cells))
                if any(not blank_cell(c) for c in values):
                    table.rows.append((number, values))
                    if len(table.rows) > MAX_ROWS:
                        raise FileRejected(f"Tabblad '{sheet.title}' heeft meer dan {MAX_ROWS} rijen.")
            tables.append(table)
        return tables
    finally:
        book.close()


def _decode(data: bytes, name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings: tuple[str, ...] = ("utf-16",)
    elif data.startswith(b"\xef\xbb\xbf"):
        encodings = ("utf-8-sig",)
    else:
        encodings = ("utf-8", "cp1252")
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _CONTROL.search(text):  # binary content (a PDF, an image) that happens to decode
            break
        return text
    raise not_a_spreadsheet(name)


def _delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (";", "\t", ",")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ";"


def _read_csv(data: bytes, name: str) -> Table:
    text = _decode(data, name)
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    delimiter = _delimiter(first)
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=delimiter)
    try:
        records = list(reader)
    except csv.Error:
        raise not_a_spreadsheet(name) from None
    if not records:
        raise FileRejected(f"Het bestand '{name}' is leeg.")
    table = Table(PurePath(name).stem, _trim(records[0]), from_csv=True, decimal_point=delimiter == ",")
    for number, cells in enumerate(records[1:], start=2):
        values = _trim([None if c == "" else c for c in cells])
        if any(not blank_cell(c) for c in values):
            table.rows.append((number, values))
    if len(table.rows) > MAX_ROWS:
        raise FileRejected(f"Het bestand '{name}' heeft meer dan {MAX_ROWS} rijen.")
    return table


def blank_cell(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _trim(cells: list[Any]) -> list[Any]:
    """Drop empty cells at the end of a row (Excel often reports a few more columns than are used)."""
    end = len(cells)
    while end and blank_cell(cells[end - 1]):
        end -= 1
    return cells[:end]
