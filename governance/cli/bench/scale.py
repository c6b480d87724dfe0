"""A large fictitious register: the demo N times, loaded through the real write path (demo loader + import).

The first copy is the demo itself (with its risk profiles, history and settings); copies 2..N are the demo's
export with every code suffixed `-k` and every name marked `(kopie k)`, imported in one transaction as a
controller's file would be. Shared by `bench pages --scale N`, `bench import-scale` and tests/test_scale.py.
"""

from __future__ import annotations

import csv
import io as stdio
import time
import zipfile
from dataclasses import dataclass
from typing import Any

from governance import demo, io
from governance.core.access import operator
from governance.core.db import Database

ACTOR = operator("bench schaal")
_NAMED = {"name", "title", "full_name"}  # text fields that identify a row to a reader


@dataclass(frozen=True)
class Built:
    copies: int
    rows: int  # rows in the imported file (copies 2..N)
    seconds: float  # the import's own time
    counts: dict[str, int]


def copies_file(db: Database, copies: int) -> tuple[bytes, int]:
    """The demo's zip export repeated for copies 2..`copies`, codes suffixed: (zip bytes, data rows)."""
    out = stdio.BytesIO()
    rows = 0
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for sheet in io.EXPORT_ORDER:
            text = io.csv_bytes(db, sheet).decode("utf-8-sig")
            header, *body = list(csv.reader(stdio.StringIO(text), delimiter=";"))
            kinds = [next((c for c in sheet.columns if c.header == h), None) for h in header]
            buffer = stdio.StringIO()
            writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
            writer.writerow(header)
            for k in range(2, copies + 1):
                for line in body:
                    writer.writerow([_copy(col, cell, k) for col, cell in zip(kinds, line, strict=True)])
                    rows += 1
            archive.writestr(f"{sheet.slug}.csv", buffer.getvalue().encode("utf-8-sig"))
    return out.getvalue(), rows


def _copy(col: Any, cell: str, k: int) -> str:
    if col is None or cell == "":
        return cell
    if col.kind in ("code", "ref"):
        return f"{cell}-{k}"
    if col.field == "is_ours":
        return "nee"  # one organisation is ours: the demo's own
    if col.field in _NAMED:
        return f"{cell} (kopie {k})"
    return cell


def build(db: Database, copies: int) -> Built:
    """Fill an empty `db` with the demo `copies` times (copies >= 1)."""
    demo.load(db)
    data, rows = copies_file(db, copies) if copies > 1 else (b"", 0)
    start = time.perf_counter()
    if copies > 1:
        io.import_file(db, data, f"demo-x{copies}.zip", ACTOR)
    seconds = time.perf_counter() - start
    counts = {t: db.scalar(f"SELECT count(*) FROM {t}") for t in ("party", "risk", "representation", "person")}
    return Built(copies, rows, seconds, counts)
