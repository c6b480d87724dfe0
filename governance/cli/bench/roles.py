"""`python -m governance bench roles`: how the role signals, the role map and the matrix scale.

Builds the demo and synthetic gemeenten of growing size in temporary DuckDB files, times each read model a
number of times and prints the medians and their ratio to the demo. A figure for the notes, not a test.
"""

from __future__ import annotations

import datetime as dt
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from governance import demo, register, roles
from governance.core import labels
from governance.core.access import operator
from governance.core.db import Database, Tx, open_database

ON = dt.date(2026, 11, 24)
FUNCTIONS = ["wethouder"] * 6 + ["raadslid"] * 6 + ["ambtenaar"] * 10 + ["overig"] * 2


def synthetic(db: Database, parties: int, persons: int, seats_per_party: int, seed: int = 7) -> int:
    """A fictitious gemeente: `parties` parties, `persons` persons, about `seats_per_party` representations
    each (one accounthouder, the rest seats), dates spread over 2018-2030. Returns the representation count."""
    rng = np.random.default_rng(seed)
    domains = ["Sociaal domein", "Veiligheid", "Financiën", "Wonen", "Energie", "Economie", "Afval", "Sport"]
    seat_bodies = [b for b in labels.BODIES if b not in labels.OFFICIAL_BODIES]

    def run(tx: Tx) -> int:
        party_ids = [
            register.insert_party(
                tx,
                {
                    "code": f"p{n}",
                    "name": f"Partij {n}",
                    "legal_form": "openbaar_lichaam",
                    "bbv_category": "gemeenschappelijke_regeling",
                    "policy_domain": domains[n % len(domains)],
                    "government_role": list(labels.GOVERNMENT_ROLES)[n % 5],
                },
            )
            for n in range(parties)
        ]
        people = []
        for n in range(persons):
            function = FUNCTIONS[n % len(FUNCTIONS)]
            portfolio = "; ".join(rng.choice(domains, 2, replace=False)) if function == "wethouder" else None
            values = {"code": f"x{n}", "name": f"Persoon {n}", "function": function, "portfolio": portfolio}
            people.append((int(tx.insert("person", values)), function))
        officials = [p for p, f in people if f == "ambtenaar"]
        bestuur = [p for p, f in people if f != "ambtenaar"]
        count = 0
        for party in party_ids:
            rows = [(officials[rng.integers(len(officials))], "accounthouder")]
            rows += [(bestuur[rng.integers(len(bestuur))], seat_bodies[rng.integers(len(seat_bodies))])]
            rows += [
                (bestuur[rng.integers(len(bestuur))], seat_bodies[rng.integers(len(seat_bodies))])
                for _ in range(seats_per_party - 2)
            ]
            for person, body in rows:
                start = dt.date(2018, 1, 1) + dt.timedelta(days=int(rng.integers(0, 3000)))
                end = start + dt.timedelta(days=int(rng.integers(200, 2500))) if rng.random() < 0.5 else None
                tx.insert(
                    "representation",
                    {
                        "person_id": person,
                        "party_id": party,
                        "body": body,
                        "capacity": list(labels.CAPACITIES)[int(rng.integers(len(labels.CAPACITIES)))],
                        "start_date": start,
                        "end_date": end,
                    },
                )
                count += 1
        return count

    return db.write(run, operator("bench"), "register")


def _median_ms(fn: Callable[[], Any], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def measure(db: Database, runs: int) -> dict[str, float]:
    """Median milliseconds of each step the Rollen page runs on a date."""
    reps = roles.representation_table(db)
    active = roles.active_on(reps, ON)
    return {
        "signalen": _median_ms(lambda: roles.signals(db, ON), runs),
        "kaart": _median_ms(lambda: roles.role_network(roles.layout(active, "Gemeente")), runs),
        "matrix": _median_ms(lambda: roles.matrices(active), runs),
    }


def main(sizes: list[int], runs: int) -> int:
    """Print a table: per dataset its size, the median per step and the ratio to the demo."""
    results: list[tuple[str, int, int, dict[str, float]]] = []
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "demo.duckdb")
        demo.load(db)
        results.append(("demo", 29, int(db.scalar("SELECT count(*) FROM representation")), measure(db, runs)))
        db.close()
        for parties in sizes:
            db = open_database(Path(folder) / f"p{parties}.duckdb")
            count = synthetic(db, parties, max(24, parties // 2), seats_per_party=4)
            results.append((f"{parties} partijen", parties, count, measure(db, runs)))
            db.close()
    base = results[0][3]
    steps = list(base)
    print(f"Rollen op {ON:%d-%m-%Y}, mediaan van {runs} runs in ms (verhouding tot de demo tussen haakjes)")
    print(f"  {'gegevens':<16} {'vertegenw.':>10} " + " ".join(f"{s:>18}" for s in steps))
    for name, _, count, ms in results:
        cells = " ".join(f"{ms[s]:>9.1f} ({ms[s] / base[s]:>5.1f}x)" for s in steps)
        print(f"  {name:<16} {count:>10} {cells}")
    return 0
