"""AppTest time per page on the demo: `python -m tests.bench_pages [--runs N]`.

Prints, per page, the median and spread of N script reruns (app.py plus the page, as after a click) against a fresh demo
database in a temporary folder. A figure for the closing notes, not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

from governance.core.db import open_database
from governance.demo import loader as demo
from tests.apptest import ENTRY, ROOT, run

PAGES = {
    "Overzicht": (None, None),
    "Register": ("pages/register.py", None),
    "Register (detail)": ("pages/register.py", {"partij": "vr-voorbeeldland"}),
    "Risico's": ("pages/risicos.py", None),
    "Risicoprofiel": ("pages/risicoprofiel.py", None),
    "Rollen": ("pages/rollen.py", {"peildatum": "2026-11-24"}),
    "Weerstandsvermogen": ("pages/weerstandsvermogen.py", None),
    "Werkatelier (login)": ("pages/werkatelier.py", None),
    "Gegevens en logboek": ("pages/beheer.py", None),
    "Risico-instellingen": ("pages/risico_instellingen.py", None),
    "Kies uw organisatie": ("pages/organisatie.py", None),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.duckdb"
        demo.load(open_database(path))
        os.environ["GOVERNANCE_DB"] = str(path)
        run()  # warm-up: imports, caches
        print(f"AppTest, demo database, {args.runs} runs per page (ms): median  min  max")
        for name, (page, query) in PAGES.items():
            times = []
            for _ in range(args.runs):
                at = AppTest.from_string(ENTRY, default_timeout=60)
                for key, value in (query or {}).items():
                    at.query_params[key] = value
                at.run()  # a session on the default page first, as a browser has
                if page:
                    at.switch_page(str(ROOT / page))
                start = time.perf_counter()
                at.run()  # the timed rerun: app.py plus the page
                times.append((time.perf_counter() - start) * 1000)
                assert not at.exception
            print(f"  {name:<20} {statistics.median(times):7.0f} {min(times):5.0f} {max(times):5.0f}")


if __name__ == "__main__":
    main()
