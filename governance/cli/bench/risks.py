"""`python -m governance bench risks`: how the Risico's page's work grows with the size of the register.

For each size a temporary database gets the demo plus synthetic risks (each edited once, so the audit log
has two rows per risk), then every step the page runs is timed a few times. Prints medians in milliseconds
and the ratio to the smallest size; no asserts, the numbers are for people to read.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from governance import demo, risks
from governance.core import labels
from governance.core.access import operator
from governance.core.db import Database, Tx, open_database


def _fill(db: Database, total: int, seed: int = 4) -> None:
    rng = random.Random(seed)
    parties = [r["id"] for r in db.rows("SELECT id FROM party")]
    matrix = risks.get_matrix(db)
    have = int(db.scalar("SELECT count(*) FROM risk"))

    def add(tx: Tx) -> None:
        for n in range(max(0, total - have)):
            gl, gi = rng.randint(1, 5), rng.randint(1, 5)
            rid = risks.insert_risk(
                tx,
                {
                    "party_id": rng.choice(parties),
                    "category": rng.choice(list(labels.RISK_CATEGORIES)),
                    "title": f"Benchrisico {n}",
                    "gross_likelihood": gl,
                    "gross_impact": gi,
                    "net_likelihood": gl,
                    "net_impact": gi,
                    "next_review": "2026-06-30",
                },  # fmt: skip
                matrix,
            )
            tx.update(
                "risk", rid, {"net_likelihood": rng.randint(1, gl), "net_impact": rng.randint(1, gi)}, system=True
            )

    db.write(add, operator("bench"), "risks")


def _median_ms(step: Callable[[], Any], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        step()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def run(sizes: list[int], repeats: int = 5) -> list[dict[str, Any]]:
    """Median milliseconds per step for each register size."""
    import datetime as dt

    today = dt.date.today()
    results = []
    for size in sizes:
        with tempfile.TemporaryDirectory() as folder:
            db = open_database(Path(folder) / "bench.duckdb")
            demo.load(db)
            _fill(db, size)
            matrix = risks.get_matrix(db)
            table = risks.risk_table(db)
            steps: dict[str, Callable[[], Any]] = {
                "risk_table": lambda db=db: risks.risk_table(db),
                "heat maps (2× count + figure)": lambda t=table, m=matrix: [
                    risks.heatmap(risks.cell_counts(t, m, k)[0], m, k) for k in ("gross", "net")
                ],
                "movement (audit log replay)": lambda db=db: risks.movement(
                    db, today - dt.timedelta(days=365), today, "net"
                ),
                "overdue": lambda t=table: risks.overdue(t, today),
                "Excel export": lambda db=db, t=table, m=matrix: risks.register_workbook(
                    t, m, risks.all_measures(db), today
                ),
            }
            row: dict[str, Any] = {"risks": int(db.scalar("SELECT count(*) FROM risk"))}
            row.update({name: _median_ms(step, repeats) for name, step in steps.items()})
            results.append(row)
            db.close()
    return results


def report(results: list[dict[str, Any]]) -> str:
    steps = [k for k in results[0] if k != "risks"]
    base = results[0]
    lines = [f"{'stap':<32}" + "".join(f"{r['risks']:>10} risico's" for r in results)]
    for step in steps:
        cells = []
        for r in results:
            ratio = r[step] / base[step] if base[step] else float("nan")
            cells.append(f"{r[step]:>9.1f} ms (×{ratio:.1f})")
        lines.append(f"{step:<32}" + " ".join(f"{c:>18}" for c in cells))
    return "\n".join(lines)
