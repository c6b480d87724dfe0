"""`python -m governance bench <what>`: medians of repeated runs on fresh files, printed for the notes.

Nothing here asserts a time: the numbers are for comparing changes on the same machine.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from governance import demo, io
from governance.core.access import operator
from governance.core.db import open_database


def _median_ms(times: list[float]) -> str:
    return f"{statistics.median(times) * 1000:,.0f} ms".replace(",", ".")


def export_import(runs: int) -> list[str]:
    """Export the demo to .xlsx and to a zip of CSVs, and import each into an empty database."""

    with tempfile.TemporaryDirectory() as folder:
        source = open_database(Path(folder) / "demo.duckdb")
        demo.load(source)
        rows = sum(len(source.rows(io.QUERIES[s.entity])) for s in io.EXPORT_ORDER)
        timings: dict[str, list[float]] = {"export xlsx": [], "import xlsx": [], "export zip": [], "import zip": []}
        files: dict[str, bytes] = {}
        loads = []
        for i in range(runs):
            reference = open_database(Path(folder) / f"load-{i}.duckdb")
            start = time.perf_counter()
            demo.load(reference)  # the same rows through the same write path, from the demo CSVs
            loads.append(time.perf_counter() - start)
            reference.close()
            for kind, make in (("xlsx", io.workbook_bytes), ("zip", io.zip_bytes)):
                start = time.perf_counter()
                files[kind] = make(source)
                timings[f"export {kind}"].append(time.perf_counter() - start)
                target = open_database(Path(folder) / f"empty-{kind}-{i}.duckdb")
                start = time.perf_counter()
                io.import_file(target, files[kind], f"demo.{kind}", operator("bench"))
                timings[f"import {kind}"].append(time.perf_counter() - start)
                target.close()
        source.close()
    load = statistics.median(loads)
    lines = [f"bench export-import: demo ({rows} rijen in 7 soorten), {runs} keer, mediaan:"]
    lines.append(f"  ter vergelijking: demo laden uit CSV (zelfde schrijfpad) {_median_ms(loads)}")
    for kind in ("xlsx", "zip"):
        exp, imp = statistics.median(timings[f"export {kind}"]), statistics.median(timings[f"import {kind}"])
        lines.append(
            f"  {kind:<4} export {_median_ms(timings[f'export {kind}']):>8}  "
            f"import in lege database {_median_ms(timings[f'import {kind}']):>8}  "
            f"(import/export {imp / exp:.1f}x, import/demo laden {imp / load:.2f}x, {len(files[kind]) // 1024} kB)"
        )
    return lines
