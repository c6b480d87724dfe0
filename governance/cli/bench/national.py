"""`python -m governance bench import-register`: how long reading the whole national register takes, and how much
memory it needs. A figure for the closing notes, not a test: nothing here asserts a time.

Each run starts from a new, empty database in a temporary folder: read the register (all YAML files), store it in the
national tables (one transaction), then fill the register of one organisation from it (one transaction). The medians
of the runs are printed; peak memory is measured in a separate run under tracemalloc (Python allocations), and the
process's peak resident size (getrusage) is printed too (it includes DuckDB's own memory).
"""

from __future__ import annotations

import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from governance import national
from governance.core.access import operator
from governance.core.db import open_database

SHARED = Path(__file__).resolve().parents[4] / "shared" / "data" / "national-register"
ACTOR = operator("bench")


def default_source() -> Path | None:
    found = sorted(SHARED.glob("roo-polder-*.tar.gz"))
    return found[-1] if found else None


def one_run(source: Path, organisation: str, folder: Path, n: int) -> dict[str, float]:
    times: dict[str, float] = {}
    start = time.perf_counter()
    reg = national.read(source)
    times["lezen (YAML)"] = time.perf_counter() - start
    db = open_database(folder / f"bench-{n}.duckdb")
    try:
        mark = time.perf_counter()
        national.store(db, reg, ACTOR)
        times["opslaan (tabellen)"] = time.perf_counter() - mark
        mark = time.perf_counter()
        report = national.adopt(db, organisation, ACTOR)
        times[f"organisatie kiezen ({report.in_force} regelingen)"] = time.perf_counter() - mark
    finally:
        db.close()
    times["totaal"] = time.perf_counter() - start
    times["_records"] = reg.meta["records"]
    return times


def run(source: str | None, runs: int, organisation: str) -> int:
    path = Path(source) if source else default_source()
    if path is None or not path.exists():
        print(f"Landelijk register niet gevonden ({path or SHARED}); geef het pad met --source.", file=sys.stderr)
        return 2
    runs = max(1, runs)
    with tempfile.TemporaryDirectory() as folder:
        results = [one_run(path, organisation, Path(folder), n) for n in range(runs)]
        tracemalloc.start()
        one_run(path, organisation, Path(folder), runs)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    records = int(results[0].pop("_records"))
    for r in results[1:]:
        r.pop("_records")
    print(f"Landelijk register {path.name}: {records} bestanden; {runs} runs, elk in een nieuwe database.")
    print(f"  {'stap':<40} {'mediaan':>9} {'min':>8} {'max':>8}")
    for step in results[0]:
        values = [r[step] for r in results]
        print(f"  {step:<40} {statistics.median(values):8.2f}s {min(values):7.2f}s {max(values):7.2f}s")
    total = statistics.median(r["totaal"] for r in results)
    print(f"  verhouding: {total / records * 1000:.2f} ms per bestand, {records / total:.0f} bestanden per seconde")
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"  piekgeheugen Python (tracemalloc, één run): {peak / 2**20:.1f} MiB")
    print(f"  piekgeheugen proces (getrusage maxrss, incl. DuckDB): {maxrss:.1f} MiB")
    return 0
