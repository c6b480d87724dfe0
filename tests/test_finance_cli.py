"""`python -m governance check --finance --year YYYY [--json]` on real files: the demo's financial signals, an
accepted signal, exit codes 0, 1, 2 and 3, and the existing check options unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from governance import finance
from governance.core.db import open_database
from tests import actors
from tests.test_cli import cli


@pytest.fixture
def demo_path(demo_file: Path, tmp_path: Path) -> Path:
    path = tmp_path / "fin.duckdb"
    path.write_bytes(demo_file.read_bytes())
    return path


def test_demo_2025_lists_the_readme_signals_with_their_figures(demo_path: Path) -> None:
    done = cli("check", "--finance", "--year", "2025", "--json", "--db", str(demo_path))
    assert done.returncode == 1, done.stderr
    found = json.loads(done.stdout)
    assert (found["year"], found["open"], found["acknowledged"]) == (2025, found["signals"], 0)
    items = {i["key"]: i for i in found["items"]}
    ev = items["negatief_ev:recreatieschap-voorbeeldplassen:2025"]
    assert (ev["figure"], ev["source"]) == (-649_000, "jaarrekening 2025")
    missing = items["cijfers_ontbreken:energiecoop-voorbeeldland:2025"]
    assert missing["figure"] is None and "NaN" not in done.stdout  # strict JSON: no figure is null
    streaks = {i["party"] for i in found["items"] if i["rule"] == "negatieve_resultaten"}
    assert streaks == {
        "werkbedrijf-voorbeeldland",
        "recreatieschap-voorbeeldplassen",
        "jeugdzorg-kolkerveld",
        "sport-voorbeeld",
        "innovatiefonds-voorbeeldland",
    }
    rising = {i["party"]: i["figure"] for i in found["items"] if i["rule"] == "bijdrage_stijgt"}
    assert rising["recreatieschap-voorbeeldplassen"] == pytest.approx(117.79, abs=0.01)
    assert "geen wettelijke norm" in found["settings"]["index_pct"]["source"]
    text = cli("check", "--finance", "--year", "2025", "--db", str(demo_path))
    assert text.returncode == 1
    assert text.stdout.startswith(f"Financiële signalen 2025: {found['open']} open, 0 geaccepteerd.")
    assert (
        "Negatief eigen vermogen: Recreatieschap Voorbeeldplassen: eigen vermogen 31 december -€ 649.000" in text.stdout
    )


def test_exit_zero_once_every_signal_is_accepted(demo_path: Path) -> None:
    db = open_database(demo_path)
    for key in finance.signals(db, 2025)["key"]:
        finance.acknowledge(db, key, "Besproken in het auditcomité", actors.CONTROLLER)
    db.close()
    done = cli("check", "--finance", "--year", "2025", "--db", str(demo_path))
    assert done.returncode == 0, done.stdout
    assert " 0 open," in done.stdout.splitlines()[0]
    assert "reden: Besproken in het auditcomité" in done.stdout


def test_usage_errors_and_an_unusable_database(demo_path: Path, tmp_path: Path) -> None:
    no_year = cli("check", "--finance", "--db", str(demo_path))
    assert (no_year.returncode, no_year.stderr) == (2, "Fout: --finance vraagt --year JJJJ.\n")
    both = cli("check", "--finance", "--roles", "--year", "2025", "--db", str(demo_path))
    assert both.returncode == 2 and "--finance gaat niet samen" in both.stderr
    bad = tmp_path / "kapot.duckdb"
    bad.write_text("geen database")
    broken = cli("check", "--finance", "--year", "2025", "--db", str(bad))
    assert broken.returncode == 3 and "Traceback" not in broken.stderr


def test_existing_check_options_keep_working(demo_path: Path) -> None:
    bbv = cli("check", "--year", "2025", "--json", "--db", str(demo_path))
    assert bbv.returncode == 1 and "gaps" in json.loads(bbv.stdout)
    both = cli("check", "--roles", "--year", "2025", "--date", "2026-11-24", "--json", "--db", str(demo_path))
    assert set(json.loads(both.stdout)) == {"bbv", "roles"}
