"""Reading what a user uploads into plain tables of cells, and keeping exported text safe to open.

Accepts an Excel workbook (.xlsx), a CSV file, or a zip of CSV files (what `export FILE.zip` writes).
CSV files may use `;`, `,` or tab as separator and be UTF-8 (with or without BOM), UTF-16 (Excel's
"Unicode text") or Windows-1252; a UTF-8 file with a stray byte is refused naming its line. The file's
content decides, not its name: a PDF renamed to .csv is refused. Numbers and dates are left as they are;
`governance.validation` parses them per column.

Every reader counts while it reads and stops at the first limit in `governance.io.limits` (zip members,
unpacked size and pack ratio, rows, columns, cells, a CSV cell's length; the workbook's own limits are in
`governance.io.xlsx`), so a small hostile file is refused in a fraction of a second instead of filling memory.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from governance.io import limits
from governance.io.limits import MAX_BYTES, MAX_ROWS, FileRejected

__all__ = ["MAX_BYTES", "MAX_ROWS", "FileRejected", "Table", "blank_cell", "read", "too_big"]

EXTENSIONS = (".xlsx", ".xlsm", ".csv", ".txt", ".zip")

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# A well-formed UTF-8 sequence of two to four bytes: a file holding one is UTF-8, whatever else it holds.
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)


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
    """The tables in an uploaded file; FileRejected says in Dutch why a file cannot be used. Every reader counts
    while it reads and stops at the first limit in `limits`, so a small hostile file cannot take the server's
    memory or time; should one still run out of either, that too is a Dutch refusal."""
    name = PurePath(filename).name or "bestand"
    if len(data) > max_bytes:
        raise too_big(name, len(data), max_bytes)
    if not data.strip():
        raise FileRejected(f"Het bestand '{name}' is leeg.")
    suffix = PurePath(name).suffix.lower()
    if suffix not in EXTENSIONS:
        raise not_a_spreadsheet(name)
    try:
        if data.startswith(b"PK\x03\x04"):
            return _read_zip(data, name)
        if suffix in (".xlsx", ".xlsm", ".zip"):
            raise not_a_spreadsheet(name)
        return [_read_csv(data, name)]
    except (MemoryError, RecursionError):
        pass  # leaving the block frees the exception and the frames that hold what was parsed so far
    # raised outside the except block: raised inside it, the refusal kept the MemoryError (and the memory it could
    # not get back) as its context, so a starved process failed again on showing the message
    raise limits.too_complex(name)


def too_big(filename: str, size: int, max_bytes: int = MAX_BYTES) -> FileRejected:
    name = PurePath(filename).name
    return FileRejected(
        f"Het bestand '{name}' is {limits.megabytes(size)}; het maximum is {limits.megabytes(max_bytes)}."
    )


def _read_zip(data: bytes, name: str) -> list[Table]:
    """A workbook or a zip of CSV files, after checking what its directory promises: how many members, how large
    unpacked, and how strongly packed (a zip bomb packs gigabytes of nothing into kilobytes)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, EOFError, ValueError):
        raise not_a_spreadsheet(name) from None
    refused = f"Het bestand '{name}' is geweigerd"
    if len(members) > limits.MAX_MEMBERS:
        raise FileRejected(f"{refused}: het bevat meer dan {limits.MAX_MEMBERS} bestanden. Er is niets geïmporteerd.")
    if sum(m.file_size for m in members) > limits.MAX_UNPACKED:
        raise FileRejected(
            f"{refused}: het is uitgepakt groter dan {limits.megabytes(limits.MAX_UNPACKED)}. Er is niets geïmporteerd."
        )
    for m in members:
        if m.file_size > limits.RATIO_FROM and m.file_size > limits.MAX_RATIO * max(m.compress_size, 1):
            raise FileRejected(
                f"{refused}: '{m.filename}' is meer dan {limits.MAX_RATIO} keer zo sterk ingepakt als een gewoon "
                "bestand (een zogeheten zip-bom). Er is niets geïmporteerd."
            )
    if "[Content_Types].xml" in archive.NameToInfo:
        return _read_xlsx(archive, name)
    tables = []
    for m in members:
        if m.is_dir() or PurePath(m.filename).suffix.lower() not in (".csv", ".txt"):
            continue
        if m.file_size > limits.MAX_CSV_UNPACKED:
            raise FileRejected(
                f"{refused}: '{m.filename}' is uitgepakt groter dan {limits.megabytes(limits.MAX_CSV_UNPACKED)}."
            )
        try:
            content = archive.read(m)
        except (zipfile.BadZipFile, EOFError, OSError, NotImplementedError):
            raise FileRejected(f"{refused}: '{m.filename}' is beschadigd.") from None
        tables.append(_read_csv(content, PurePath(m.filename).name))
    if not tables:
        raise FileRejected(f"Het zip-bestand '{name}' bevat geen CSV-bestanden.")
    return tables


def _read_xlsx(archive: zipfile.ZipFile, name: str) -> list[Table]:
    from governance.io import xlsx

    tables = []
    for sheet in xlsx.read(archive, name):
        rows = sheet.rows
        header = _trim(list(rows[0][1])) if rows and rows[0][0] == 1 else []
        table = Table(sheet.title, header)
        for number, cells in rows:
            if number < 2:
                continue
            values = _trim(cells)
            if any(not blank_cell(c) for c in values):
                table.rows.append((number, values))
                if len(table.rows) > MAX_ROWS:
                    raise FileRejected(f"Tabblad '{sheet.title}' heeft meer dan {limits.number(MAX_ROWS)} rijen.")
        tables.append(table)
    return tables


def _line(data: bytes, position: int) -> int:
    return data.count(b"\n", 0, position) + 1


def _decode(data: bytes, name: str) -> str:
    """UTF-16 and UTF-8 by their BOM; otherwise UTF-8 when it decodes, and a file that is UTF-8 but for some
    stray byte is refused naming its line (decoding it whole as Windows-1252 would turn every 'é' into 'Ã©').
    Only a file without any UTF-8 sequence is read as Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise not_a_spreadsheet(name) from None
    else:
        bom = data.startswith(b"\xef\xbb\xbf")
        body = data[3:] if bom else data
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError as exc:
            if not bom and not _UTF8_SEQUENCE.search(body):
                try:
                    text = body.decode("cp1252")
                except UnicodeDecodeError:
                    raise not_a_spreadsheet(name) from None
            else:
                raise FileRejected(
                    f"Het bestand '{name}' is UTF-8, maar regel {_line(body, exc.start)} bevat een teken dat dat niet "
                    f"is (byte 0x{body[exc.start]:02X}, waarschijnlijk uit een Windows-bestand geplakt). Er is niets "
                    "geïmporteerd. Verbeter dat teken, of sla het bestand opnieuw op als 'CSV UTF-8'."
                ) from None
    if _CONTROL.search(text):  # binary content (a PDF, an image) that happens to decode
        raise not_a_spreadsheet(name)
    return text


def _delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (";", "\t", ",")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ";"


def _read_csv(data: bytes, name: str) -> Table:
    """One CSV file, streamed through the csv module with its lines, cells per line and cells counted."""
    text = _decode(data, name).lstrip("\ufeff")
    first = text[: text.find("\n")] if "\n" in text else text
    delimiter = _delimiter(first)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    del text
    refused = f"Het bestand '{name}' is geweigerd"
    table: Table | None = None
    cells_seen = 0
    try:
        for number, cells in enumerate(reader, start=1):
            if number > MAX_ROWS + 1:
                raise FileRejected(f"Het bestand '{name}' heeft meer dan {limits.number(MAX_ROWS)} rijen.")
            if len(cells) > limits.MAX_COLUMNS:
                raise FileRejected(
                    f"{refused}: regel {reader.line_num} heeft meer dan {limits.number(limits.MAX_COLUMNS)} kolommen."
                )
            cells_seen += len(cells)
            if cells_seen > limits.MAX_CELLS:
                raise FileRejected(f"{refused}: het heeft meer dan {limits.number(limits.MAX_CELLS)} cellen.")
            if table is None:
                table = Table(PurePath(name).stem, _trim(cells), from_csv=True, decimal_point=delimiter == ",")
                continue
            values = _trim([None if c == "" else c for c in cells])
            if any(not blank_cell(c) for c in values):
                table.rows.append((number, values))
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise FileRejected(
                f"{refused}: op regel {reader.line_num} staat een cel van meer dan "
                f"{limits.number(csv.field_size_limit())} tekens."
            ) from None
        raise not_a_spreadsheet(name) from None
    if table is None:
        raise FileRejected(f"Het bestand '{name}' is leeg.")
    return table


def blank_cell(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _trim(cells: list[Any]) -> list[Any]:
    """Drop empty cells at the end of a row (Excel often reports a few more columns than are used)."""
    end = len(cells)
    while end and blank_cell(cells[end - 1]):
        end -= 1
    return cells[:end]
