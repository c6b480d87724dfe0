"""Reading an .xlsx workbook by streaming its XML parts, counting as it goes.

openpyxl builds a whole row before it hands it over, so a 588 KB file with one row of millions of cells took
gigabytes before any check could run. Here expat is fed the unpacked parts chunk by chunk and every limit in
`limits` is checked at the element that crosses it: rows, cells per row, columns, cells in the file, texts in
the shared table, elements and nesting depth; a DTD or entity declaration (the XML entity bomb) is refused
outright, since a workbook never has one. Values come out as openpyxl's `data_only` mode gives them: the
cached result of a formula, numbers as int or float, date-formatted numbers as datetimes, booleans.

A formula that takes its value from another workbook (`[1]Blad1!A1`, through the workbook's externalLink
parts) has a cached value that nobody can check or refresh; such cells are refused, naming sheet and cell.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from xml.parsers import expat

from governance.io import limits
from governance.io.limits import FileRejected

CHUNK = 64 * 1024
# [n] right before a sheet name and '!', or before '!' itself: a reference into external workbook n; not a
# structured table reference such as Tabel1[2020] (preceded by a name) or [[#Totals],[2020]] (followed by ']').
_EXTERNAL = re.compile(r"(?<![\w\]\[])\[\d+\][^!\[\]()]*!")
_NAME_TOKEN = re.compile(r"[A-Za-z_\\][\w.\\]*")
WORKSHEET = "/worksheet"
EXTERNAL_LINK = "/externalLink"


@dataclass
class Sheet:
    """One worksheet: its title and its rows, each (row number, cells from column A) with values only."""

    title: str
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)


class _Budget:
    """What the whole workbook may still use: unpacked bytes, elements and cells."""

    def __init__(self, name: str):
        self.name = name
        self.unpacked = 0
        self.elements = 0
        self.cells = 0

    def refuse(self, what: str) -> FileRejected:
        return FileRejected(f"Het bestand '{self.name}' is geweigerd: {what}. Er is niets geïmporteerd.")


def _local(name: str) -> str:
    return name.rpartition(":")[2]


def _stream(
    archive: zipfile.ZipFile,
    member: str,
    budget: _Budget,
    start: Callable[[str, dict[str, str]], None],
    end: Callable[[str], None] | None = None,
    text: Callable[[str], None] | None = None,
) -> None:
    """Feed one part through expat in chunks; `start`/`end` get local element names (prefix dropped)."""
    depth = 0
    names: dict[str, str] = {}  # qualified name -> local name: a part uses a handful, millions of times

    def on_start(name: str, attrs: dict[str, str]) -> None:
        nonlocal depth
        depth += 1
        budget.elements += 1
        if depth > limits.MAX_DEPTH:
            raise budget.refuse(f"de XML in '{member}' is dieper genest dan {limits.MAX_DEPTH} niveaus")
        if budget.elements > limits.MAX_ELEMENTS:
            raise budget.refuse(f"het bevat meer dan {limits.number(limits.MAX_ELEMENTS)} XML-elementen")
        local = names.get(name)
        if local is None:
            local = names[name] = _local(name)
        start(local, attrs)

    def on_end(name: str) -> None:
        nonlocal depth
        depth -= 1
        if end is not None:
            end(names[name])

    def no_dtd(*_args: Any) -> None:
        raise budget.refuse(f"'{member}' bevat een DTD of entiteit, wat een werkboek nooit heeft")

    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.StartElementHandler = on_start
    parser.EndElementHandler = on_end
    if text is not None:
        parser.CharacterDataHandler = text
    parser.StartDoctypeDeclHandler = no_dtd
    parser.EntityDeclHandler = no_dtd
    parser.ExternalEntityRefHandler = no_dtd
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(CHUNK):
                budget.unpacked += len(chunk)
                if budget.unpacked > limits.MAX_UNPACKED:
                    raise budget.refuse(f"het is uitgepakt groter dan {limits.megabytes(limits.MAX_UNPACKED)}")
                parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError as exc:
        raise budget.refuse(f"'{member}' is geen geldige XML (regel {exc.lineno})") from None
    except (zipfile.BadZipFile, EOFError, OSError, NotImplementedError):
        raise budget.refuse(f"'{member}' is beschadigd") from None


def _relationships(archive: zipfile.ZipFile, part: str, budget: _Budget) -> dict[str, tuple[str, str]]:
    """Id -> (type, member path) of the relationships of `part` ('' for the package)."""
    folder, base = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", f"{base}.rels")
    found: dict[str, tuple[str, str]] = {}
    if rels not in archive.NameToInfo:
        return found

    def start(name: str, attrs: dict[str, str]) -> None:
        if name == "Relationship" and attrs.get("TargetMode") != "External":
            target = attrs.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            found[attrs.get("Id", "")] = (attrs.get("Type", ""), path)
        elif name == "Relationship":
            found[attrs.get("Id", "")] = (attrs.get("Type", ""), "")

    _stream(archive, rels, budget, start)
    return found


@dataclass
class _Workbook:
    sheets: list[tuple[str, str]] = field(default_factory=list)  # (title, relationship id)
    names: dict[str, str] = field(default_factory=dict)  # defined name (lower case) -> its formula
    date1904: bool = False


def _workbook(archive: zipfile.ZipFile, part: str, budget: _Budget) -> _Workbook:
    book = _Workbook()
    current: list[str] = []

    def start(name: str, attrs: dict[str, str]) -> None:
        if name == "sheet":
            rid = next((v for k, v in attrs.items() if _local(k) == "id" and ":" in k), "")
            book.sheets.append((attrs.get("name", ""), rid))
        elif name == "workbookPr":
            book.date1904 = attrs.get("date1904", "0").lower() in ("1", "true")
        elif name == "definedName":
            current[:] = [attrs.get("name", "").lower()]

    def text(data: str) -> None:
        if current:
            book.names[current[0]] = book.names.get(current[0], "") + data

    def end(name: str) -> None:
        if name == "definedName":
            current.clear()

    _stream(archive, part, budget, start, end, text)
    return book


def _date_styles(archive: zipfile.ZipFile, part: str | None, budget: _Budget) -> set[int]:
    """The indexes of the cell styles (cellXfs) whose number format is a date or time."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format

    if part is None or part not in archive.NameToInfo:
        return set()
    formats: dict[int, str] = dict(BUILTIN_FORMATS)
    styles: list[int] = []
    inside: list[bool] = [False]

    def start(name: str, attrs: dict[str, str]) -> None:
        if name == "numFmt":
            try:
                formats[int(attrs.get("numFmtId", "-1"))] = attrs.get("formatCode", "")
            except ValueError:
                pass
        elif name == "cellXfs":
            inside[0] = True
        elif name == "xf" and inside[0]:
            try:
                styles.append(int(attrs.get("numFmtId", "0")))
            except ValueError:
                styles.append(0)

    def end(name: str) -> None:
        if name == "cellXfs":
            inside[0] = False

    _stream(archive, part, budget, start, end)
    return {i for i, fmt in enumerate(styles) if fmt in formats and is_date_format(formats[fmt])}


def _shared_strings(archive: zipfile.ZipFile, part: str | None, budget: _Budget) -> list[str]:
    """The workbook's table of texts, counted: entries and characters."""
    strings: list[str] = []
    if part is None or part not in archive.NameToInfo:
        return strings
    pieces: list[str] = []
    inside = [False, False]  # in a <t>, in a phonetic <rPh>
    chars = [0]
    most = limits.MAX_SHARED_STRINGS

    def start(name: str, _attrs: dict[str, str]) -> None:
        if name == "t":
            inside[0] = True
        elif name == "si":
            pieces.clear()
        elif name == "rPh":
            inside[1] = True

    def text(data: str) -> None:
        if inside[0] and not inside[1]:
            chars[0] += len(data)
            if chars[0] > limits.MAX_SHARED_CHARS:
                raise budget.refuse(
                    f"de teksten in het werkboek zijn samen langer dan {limits.number(limits.MAX_SHARED_CHARS)} tekens"
                )
            pieces.append(data)

    def end(name: str) -> None:
        if name == "t":
            inside[0] = False
        elif name == "si":
            strings.append(pieces[0] if len(pieces) == 1 else "".join(pieces))
            if len(strings) > most:
                raise budget.refuse(f"het werkboek heeft meer dan {limits.number(most)} verschillende teksten")
        elif name == "rPh":
            inside[1] = False

    _stream(archive, part, budget, start, end, text)
    return strings


def _column(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def _letters(col: int) -> str:
    out = ""
    while col:
        col, rest = divmod(col - 1, 26)
        out = chr(65 + rest) + out
    return out


def _number(text: str) -> int | float:
    return float(text) if any(c in text for c in ".eE") or text.lower() in ("nan", "inf", "-inf") else int(text)


class _SheetReader:
    """The handlers for one worksheet part: cells into rows, every limit checked at the element."""

    def __init__(self, title: str, budget: _Budget, strings: list[str], dates: set[int], book: _Workbook):
        self.sheet = Sheet(title)
        self.title = title
        self.budget = budget
        self.strings = strings
        self.dates = dates
        self.epoch = dt.datetime(1904, 1, 1) if book.date1904 else dt.datetime(1899, 12, 30)
        self.external_names = {n for n, f in book.names.items() if _EXTERNAL.search(f) or f.startswith("[")}
        self.shared_external: set[str] = set()
        self.external: list[str] = []  # cells whose value comes from another workbook: 'B3'
        self.row_number = 0
        self.row_cells = 0
        self.row: dict[int, Any] = {}
        self.rows_seen = 0
        self.col = 0
        self.kind = "n"
        self.style = 0
        self.buffer: list[str] = []
        self.collect = ""  # which element's text is collected: 'v', 'f', 't' (inline string) or ''
        self.value: str | None = None
        self.inline: list[str] = []
        self.formula: list[str] | None = None
        self.formula_attrs: dict[str, str] = {}
        self.phonetic = False

    def refuse(self, what: str) -> FileRejected:
        return self.budget.refuse(f"tabblad '{self.title}' {what}")

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if name == "c":
            self.row_cells += 1
            self.budget.cells += 1
            letters = attrs.get("r", "").rstrip("0123456789")  # 'B12' -> 'B'; no reference: the next column
            ok = 0 < len(letters) <= 3 and letters.isascii() and letters.isalpha()
            self.col = _column(letters) if ok else self.col + 1
            if self.row_cells > limits.MAX_COLUMNS or self.col > limits.MAX_COLUMNS:
                most = limits.number(limits.MAX_COLUMNS)
                raise self.refuse(f"heeft in rij {self.row_number} meer dan {most} kolommen")
            if self.budget.cells > limits.MAX_CELLS:
                raise self.budget.refuse(f"het heeft meer dan {limits.number(limits.MAX_CELLS)} cellen")
            self.kind = attrs.get("t", "n")
            try:
                self.style = int(attrs.get("s", "0"))
            except ValueError:
                self.style = 0
            self.value, self.formula, self.inline = None, None, []
        elif name == "v":
            self.collect, self.buffer = "v", []
        elif name == "f":
            self.collect, self.buffer, self.formula_attrs = "f", [], dict(attrs)
        elif name == "t" and not self.phonetic:
            self.collect, self.buffer = "t", []
        elif name == "rPh":
            self.phonetic = True
        elif name == "row":
            self.rows_seen += 1
            if self.rows_seen > limits.MAX_ROWS + 1:
                raise self.refuse(f"heeft meer dan {limits.number(limits.MAX_ROWS)} rijen")
            try:
                self.row_number = int(attrs["r"]) if "r" in attrs else self.row_number + 1
            except ValueError:
                self.row_number += 1
            self.row_cells, self.col, self.row = 0, 0, {}

    def text(self, data: str) -> None:
        if self.collect:
            self.buffer.append(data)

    def end(self, name: str) -> None:
        if name == "v" and self.collect == "v":
            self.value, self.collect = "".join(self.buffer), ""
        elif name == "f" and self.collect == "f":
            self.formula, self.collect = self.buffer, ""
        elif name == "t" and self.collect == "t":
            self.inline.append("".join(self.buffer))
            self.collect = ""
        elif name == "rPh":
            self.phonetic = False
        elif name == "c":
            self._cell()
        elif name == "row":
            if self.row:
                cells = [None] * max(self.row)
                for col, value in self.row.items():
                    cells[col - 1] = value
                self.sheet.rows.append((self.row_number, cells))

    def _cell(self) -> None:
        if self.formula is not None and self._is_external("".join(self.formula)):
            if len(self.external) < 5:
                self.external.append(f"{_letters(self.col)}{self.row_number}")
            else:
                self.external.append("")
        value = self._value()
        if value is not None:
            self.row[self.col] = value

    def _is_external(self, formula: str) -> bool:
        si = self.formula_attrs.get("si")
        shared = self.formula_attrs.get("t") == "shared" and si is not None
        if shared and not formula:  # a copy of a shared formula: external when its first cell was
            return si in self.shared_external
        external = bool(_EXTERNAL.search(formula)) or any(
            token.lower() in self.external_names for token in _NAME_TOKEN.findall(formula)
        )
        if shared and external:
            self.shared_external.add(si)  # type: ignore[arg-type]
        return external

    def _value(self) -> Any:
        kind, raw = self.kind, self.value
        if kind == "inlineStr":
            return "".join(self.inline) if self.inline else None
        if raw is None:
            return None
        try:
            if kind == "s":
                return self.strings[int(raw)]
            if kind in ("str", "e"):
                return raw
            if kind == "b":
                return bool(int(raw))
            if kind == "d":
                return dt.datetime.fromisoformat(raw.rstrip("Z")) if raw else None
            number = _number(raw.strip())
        except (ValueError, IndexError):
            raise self.refuse(f"cel {_letters(self.col)}{self.row_number} is beschadigd") from None
        if self.style in self.dates and isinstance(number, (int, float)) and number == number:
            from openpyxl.utils.datetime import from_excel

            try:
                return from_excel(number, self.epoch)
            except (ValueError, OverflowError):
                return number
        return number


def read(archive: zipfile.ZipFile, name: str) -> list[Sheet]:
    """The worksheets of an .xlsx in their order; FileRejected at the first limit crossed, or for cells that take
    their value from another workbook."""
    budget = _Budget(name)
    package = _relationships(archive, "", budget)
    part = next((p for t, p in package.values() if t.endswith("/officeDocument")), "xl/workbook.xml")
    if part not in archive.NameToInfo:
        raise FileRejected(f"Het bestand '{name}' is geen Excel-werkboek (.xlsx).")
    book = _workbook(archive, part, budget)
    rels = _relationships(archive, part, budget)
    strings = next((p for t, p in rels.values() if t.endswith("/sharedStrings")), None)
    styles = next((p for t, p in rels.values() if t.endswith("/styles")), None)
    table = _shared_strings(archive, strings, budget)
    dates = _date_styles(archive, styles, budget)
    sheets: list[Sheet] = []
    external: list[str] = []
    for title, rid in book.sheets:
        kind, member = rels.get(rid, ("", ""))
        if not kind.endswith(WORKSHEET) or member not in archive.NameToInfo:
            continue  # a chart sheet or a dangling reference: no cells
        reader = _SheetReader(title, budget, table, dates, book)
        _stream(archive, member, budget, reader.start, reader.end, reader.text)
        sheets.append(reader.sheet)
        external += [f"tabblad '{title}' cel {cell}" for cell in reader.external if cell]
        if len(reader.external) > len([c for c in reader.external if c]):
            external.append("…")
    if external:
        raise FileRejected(
            f"Het bestand '{name}' is geweigerd: "
            f"{'een cel neemt haar' if len(external) == 1 else 'cellen nemen hun'} waarde over uit een ander "
            f"werkboek (externe koppeling), een opgeslagen kopie die niemand kan controleren: {', '.join(external)}. "
            "Vervang de formules door hun waarden (Kopiëren, Plakken speciaal › Waarden) en importeer opnieuw."
        )
    return sheets
