"""AppTest time per page, demo against a register N times its size: `python -m governance bench pages --scale N`
(or `python -m tests.bench_pages --scale N --runs R`).

Per page, the median of R script reruns (app.py plus the page, as after a click), signed in as a beheerder:
*warm* (nothing changed since the last run) and *cold* (right after a party save, so every cache that depends on
the register is stale). The large register is the demo N times through the real import
(governance/cli/bench/scale.py). A figure for the closing notes, not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import tempfile
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

from governance.cli.bench import scale
from governance.core.db import Database, open_database
from tests import actors
from tests.apptest import ENTRY, ROOT, sign_in
from tests.conftest import add_users
from ui import state

PAGES = {
    "Overzicht": (None, None),
    "Register": ("pages/register.py", None),
    "Register (detail)": ("pages/register.py", {"partij": "vr-voorbeeldland"}),
    "Risico's": ("pages/risicos.py", None),
    "Risicoprofiel": ("pages/risicoprofiel.py", None),
    "Rollen": ("pages/rollen.py", {"peildatum": "2026-11-24"}),
    "Financiën": ("pages/financien.py", None),
    "Weerstandsvermogen": ("pages/weerstandsvermogen.py", None),
    "Werkatelier": ("pages/werkatelier.py", None),
    "Ontwikkelagenda": ("pages/ontwikkelagenda.py", None),
    "Gegevens en logboek": ("pages/beheer.py", None),
    "Risico-instellingen": ("pages/risico_instellingen.py", None),
    "Register-instellingen": ("pages/register_instellingen.py", None),
    "Begrippen": ("pages/begrippen.py", None),
    "Rapportages": ("pages/rapportages.py", None),
    "P&C-kalender": ("pages/pc_kalender.py", None),
    "Kies uw organisatie": ("pages/organisatie.py", None),
}


def _save_a_party(db: Database, n: int) -> None:
    """A controller's ordinary save (a party's notes), as happens between two clicks of someone else."""
    party = db.rows("SELECT * FROM party WHERE code = 'vr-voorbeeldland'")[0]
    change = {"notes": f"bench {n}"}
    db.write(lambda tx: tx.update("party", party["id"], change, original=party), actors.CONTROLLER, "register")


def time_page(path: Path, page: str | None, query: dict | None, runs: int, cold: bool) -> float:
    """Median ms of `runs` timed reruns of one page on the database at `path`."""
    os.environ["GOVERNANCE_DB"] = str(path)
    db = open_database(path)
    at = AppTest.from_string(ENTRY, default_timeout=300)
    at.session_state[state.TOKEN] = sign_in("beheerder")
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(str(ROOT / page))
    at.run()  # the first visit fills the caches; not timed
    times = []
    for n in range(runs):
        if cold:
            _save_a_party(db, n)
        start = time.perf_counter()
        at.run()
        times.append((time.perf_counter() - start) * 1000)
        assert not at.exception, [e.value for e in at.exception]
    return statistics.median(times)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scale", type=int, default=70, help="size of the large register in demos (standaard 70)")
    parser.add_argument("--pages", help="only these pages (comma-separated names)")
    args = parser.parse_args(argv)
    logging.getLogger("streamlit").setLevel(logging.ERROR)  # AppTest outside a server warns on every run
    wanted = {p.strip() for p in args.pages.split(",")} if args.pages else set(PAGES)
    with tempfile.TemporaryDirectory() as folder:
        paths = {}
        for name, copies in (("demo", 1), ("groot", args.scale)):
            paths[name] = Path(folder) / f"{name}.duckdb"
            db = open_database(paths[name])
            built = scale.build(db, copies)
            add_users(db)
            print(f"{name}: {built.counts} (import {built.seconds:.1f} s)", flush=True)
        print(f"\nAppTest, median of {args.runs} reruns per page (ms); 'na opslaan' = right after a party save")
        print(f"  {'pagina':<22} {'demo':>7} {'×' + str(args.scale):>7} {'ratio':>6}   {'demo na opslaan':>15} "
              f"{'×' + str(args.scale) + ' na opslaan':>15} {'ratio':>6}")  # fmt: skip
        for name, (page, query) in PAGES.items():
            if name not in wanted:
                continue
            figures = [time_page(paths[k], page, query, args.runs, cold) for cold in (False, True) for k in paths]
            warm_d, warm_l, cold_d, cold_l = figures
            print(
                f"  {name:<22} {warm_d:7.0f} {warm_l:7.0f} {warm_l / warm_d:5.1f}×   {cold_d:15.0f} {cold_l:15.0f} "
                f"{cold_l / cold_d:5.1f}×",
                flush=True,
            )


if __name__ == "__main__":
    main()
