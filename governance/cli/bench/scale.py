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
from pathlib import Path
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


def bench_import(copies: int, runs: int) -> list[str]:
    """Import the demo ×`copies` file into a database holding the demo, `runs` times; each run in a child
    process, so its peak memory is its own. Against it, in the same run: one bulk INSERT…SELECT of the same rows."""
    import json
    import statistics
    import subprocess
    import sys
    import tempfile

    child = (
        "import json, resource, sys, time; from pathlib import Path\n"
        "from governance import io, demo\nfrom governance.core.db import open_database\n"
        "from governance.cli.bench.scale import ACTOR\n"
        "db = open_database(sys.argv[1]); data = Path(sys.argv[2]).read_bytes()\n"
        "start = time.perf_counter(); io.import_file(db, data, 'groot.zip', ACTOR)\n"
        "took = time.perf_counter() - start; db.close()\n"
        "print(json.dumps({'seconds': took, 'peak_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))\n"
    )
    from governance.core.db import open_database

    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder) / "base.duckdb"
        db = open_database(base)
        source = open_database(Path(folder) / "demo.duckdb")
        demo.load(source)
        if copies > 1:  # the copies into a database that holds the demo
            demo.load(db)
            data, rows = copies_file(source, copies)
        else:  # the demo's own export into an empty database
            data = io.zip_bytes(source)
            rows = sum(len(source.rows(io.QUERIES[s.entity])) for s in io.EXPORT_ORDER)
        source.close()
        file = Path(folder) / "groot.zip"
        file.write_bytes(data)
        db.close()
        figures = []
        for n in range(runs):
            target = Path(folder) / f"run{n}.duckdb"
            target.write_bytes(base.read_bytes())
            done = subprocess.run([sys.executable, "-c", child, str(target), str(file)], capture_output=True, text=True)
            if done.returncode:
                raise RuntimeError(done.stderr)
            figures.append(json.loads(done.stdout.strip().splitlines()[-1]))
        floor = _bulk_floor(Path(folder) / "run0.duckdb", folder)
    seconds = statistics.median(f["seconds"] for f in figures)
    peak = max(f["peak_mb"] for f in figures)
    return [
        f"bench import-scale: demo ×{copies} ({rows:,} rijen, {len(data) // 1024:,} kB zip), {runs} keer, mediaan:",
        f"  import {seconds:.2f} s ({rows / seconds:,.0f} rijen/s), piekgeheugen proces {peak:,.0f} MB",
        f"  ter vergelijking: dezelfde tabellen als één bulk INSERT…SELECT per tabel {floor * 1000:.0f} ms "
        f"(import {seconds / floor:.1f}× dat)",
    ]


def _bulk_floor(base: Path, folder: str) -> float:
    """Seconds to copy the imported tables' rows table by table with one INSERT…SELECT each (no checks, no audit)."""
    import duckdb

    tables = ("organisation", "party", "participation", "party_year", "person", "representation", "risk")
    con = duckdb.connect()
    con.execute(f"ATTACH '{base}' AS src (READ_ONLY)")
    con.execute(f"ATTACH '{folder}/floor.duckdb' AS dst")
    for t in tables:
        con.execute(f"CREATE TABLE dst.{t} AS SELECT * FROM src.{t} LIMIT 0")
    start = time.perf_counter()
    con.execute("BEGIN")
    for t in tables:
        con.execute(f"INSERT INTO dst.{t} SELECT * FROM src.{t}")
    con.execute("COMMIT")
    took = time.perf_counter() - start
    con.close()
    return took
