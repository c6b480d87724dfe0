"""`python -m governance bench hostile`: every hostile upload (tests/hostile_files.py) through the real readers, each
in a fresh child process, with seconds and peak memory per file against the targets (under 2 s, under 300 MB).

The import files go through `io.import_file` into a copy of the demo database, the YAML files through
`risks.from_yaml` (what *Risico-instellingen* calls on an upload). The child reports whether the file was refused,
the Dutch message, and whether the database is unchanged (a checksum of every table and the audit log). Nothing
here asserts: tests/test_hostile_files.py checks the refusals, this prints the figures.
"""

from __future__ import annotations

import hashlib
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

TARGET_SECONDS = 2.0
TARGET_MB = 300
ROOT = Path(__file__).resolve().parents[3]


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def _checksum(db: Any) -> str:
    digest = hashlib.sha256()
    tables = db.rows("SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY 1")
    for t in tables:
        name = t["table_name"]
        digest.update(name.encode())
        digest.update(db.query(f'SELECT * FROM "{name}" ORDER BY ALL').to_csv(index=False).encode())
    return digest.hexdigest()


def child(path: Path, db_path: Path) -> dict[str, Any]:
    """Runs in the child process: read one hostile file the way the app does and measure it."""
    from governance import io, risks
    from governance.core.access import operator
    from governance.core.db import open_database
    from governance.core.errors import DomainError

    db = open_database(db_path)
    before = _checksum(db)
    data = path.read_bytes()
    baseline = _peak_mb()
    start = time.perf_counter()
    refused, message = False, ""
    try:
        if path.suffix in (".yaml", ".yml"):
            risks.from_yaml(data)
        else:
            io.import_file(db, data, path.name, operator("bench"))
    except DomainError as exc:
        refused, message = True, str(exc)
    except BaseException as exc:  # noqa: BLE001  # reported, not hidden: this is what the bench looks for
        message = f"NIET OPGEVANGEN {type(exc).__name__}: {exc}"
    seconds = time.perf_counter() - start
    peak = _peak_mb()
    unchanged = _checksum(db) == before
    db.close()
    return {
        "seconds": seconds,
        "peak_mb": peak,
        "baseline_mb": baseline,
        "refused": refused,
        "message": message,
        "unchanged": unchanged,
        "bytes": len(data),
    }


def run() -> int:
    """Write the hostile files and a demo database to a temp dir, then run each file in its own child."""
    from governance import demo
    from governance.core.db import open_database

    with tempfile.TemporaryDirectory() as folder:
        files = Path(folder) / "files"
        made = subprocess.run(
            [sys.executable, "-m", "tests.hostile_files", str(files)], cwd=ROOT, capture_output=True, text=True
        )
        if made.returncode:
            print(made.stdout + made.stderr, file=sys.stderr)
            return 1
        db_path = Path(folder) / "demo.duckdb"
        db = open_database(db_path)
        demo.load(db)
        db.close()
        print(
            f"bench hostile: elk bestand in een eigen proces tegen een kopie van de demo; "
            f"doel < {TARGET_SECONDS:g} s en piekgeheugen (RSS van het hele proces) < {TARGET_MB} MB"
        )
        print(f"  {'bestand':<34} {'grootte':>9} {'tijd':>8} {'piek':>8} {'groei':>7}  geweigerd  db gelijk  doel")
        failures = 0
        for path in sorted(files.iterdir(), key=lambda p: (p.suffix == ".yaml", p.name)):
            out = subprocess.run(
                [sys.executable, "-m", "governance.cli.bench.hostile", str(path), str(db_path)],
                cwd=ROOT,
                capture_output=True,
                text=True,
                timeout=600,
            )
            if out.returncode:
                print(f"  {path.name:<34} kind-proces faalde: {out.stderr.strip()[-300:]}")
                failures += 1
                continue
            r = json.loads(out.stdout.strip().splitlines()[-1])
            ok = r["refused"] and r["unchanged"] and r["seconds"] < TARGET_SECONDS and r["peak_mb"] < TARGET_MB
            failures += not ok
            size = f"{r['bytes']} B" if r["bytes"] < 10_240 else f"{r['bytes'] // 1024:,} kB".replace(",", ".")
            print(
                f"  {path.name:<34} {size:>9} {r['seconds']:>6.2f} s {r['peak_mb']:>5.0f} MB "
                f"{r['peak_mb'] - r['baseline_mb']:>+4.0f} MB  {'ja' if r['refused'] else 'NEE':<9}  "
                f"{'ja' if r['unchanged'] else 'NEE':<9}  {'gehaald' if ok else 'NIET GEHAALD'}"
            )
            print(f"      {r['message'][:150]}")
        print(f"  {'alle bestanden binnen het doel' if not failures else f'{failures} bestand(en) buiten het doel'}")
        return 1 if failures else 0


if __name__ == "__main__":
    print(json.dumps(child(Path(sys.argv[1]), Path(sys.argv[2]))))
