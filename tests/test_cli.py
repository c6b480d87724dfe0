"""`python -m governance` as scripts call it: real subprocesses, real files, exit codes and output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd

from tests import demo_facts

ROOT = Path(__file__).resolve().parent.parent


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "governance", *args], capture_output=True, text=True, cwd=ROOT, timeout=120
    )


def test_init_demo_summary_and_check(tmp_path: Path) -> None:
    db = str(tmp_path / "x.duckdb")
    init = cli("init", "--demo", "--db", db)
    assert init.returncode == 0, init.stderr
    assert "Demogemeente geladen" in init.stdout

    summary = cli("summary", "--json", "--db", db)
    assert summary.returncode == 0
    data = json.loads(summary.stdout)
    parties = demo_facts.parties()
    assert data["counts"]["party"] == len(parties)
    assert data["counts"]["risk"] == len(demo_facts.csv("risks"))
    assert data["counts"]["representation"] == len(demo_facts.csv("representations"))
    counted = demo_facts.verbonden()  # the paragraaf's categories count verbonden partijen only (art. 1 BBV)
    assert data["per_bbv_category"] == {
        c: int((counted["bbv_category"] == c).sum())
        for c in ["gemeenschappelijke_regeling", "vennootschap_cooperatie", "stichting_vereniging", "overig"]
    }
    assert data["per_verbonden_status"] == {"ja": len(counted), "nee": 3, "te_beoordelen": 1}
    assert data["per_legal_form"]["nv"] == int((parties["legal_form"] == "nv").sum())
    years = pd.to_numeric(demo_facts.csv("party_years")["year"])
    assert (data["years"]["first"], data["years"]["last"]) == (years.min(), years.max())
    assert data["organisation"] == {"code": "gm9999", "name": "Gemeente Voorbeeld"}

    check = cli("check", "--year", "2025", "--json", "--db", db)
    assert check.returncode == 1  # the demo has deliberate gaps
    found = json.loads(check.stdout)
    assert found["year"] == 2025
    assert {g["code"] for g in found["gaps"]} == demo_facts.incomplete_parties(2025)
    assert found["parties"] == len(demo_facts.verbonden(2025))
    energie = next(g for g in found["gaps"] if g["code"] == "energiecoop-voorbeeldland")
    assert [m["item"] for m in energie["missing"]] == [
        "interest_held",
        "equity_begin",
        "equity_end",
        "debt_begin",
        "debt_end",
    ]
    assert energie["missing"][0]["reference"] == "art. 15 lid 2a"

    text = cli("check", "--year", "2025", "--db", db)
    assert text.returncode == 1
    assert text.stdout.startswith(f"BBV art. 15 — 2025: {len(found['gaps'])} van {found['parties']} ")


def test_check_of_a_complete_year_exits_zero(tmp_path: Path) -> None:
    db = str(tmp_path / "y.duckdb")
    assert cli("init", "--db", db).returncode == 0
    empty = cli("check", "--year", "2025", "--db", db)
    assert empty.returncode == 0
    assert "0 van 0" in empty.stdout


def test_demo_into_non_empty_database_is_refused(tmp_path: Path) -> None:
    db = str(tmp_path / "z.duckdb")
    assert cli("init", "--demo", "--db", db).returncode == 0
    again = cli("init", "--demo", "--db", db)
    assert again.returncode == 1
    assert again.stderr.strip() == "Demo niet geladen: de database bevat al gegevens."
    assert json.loads(cli("summary", "--json", "--db", db).stdout)["counts"]["party"] == len(demo_facts.parties())


def test_usage_errors_exit_two_in_dutch() -> None:
    missing = cli("check")
    assert missing.returncode == 2
    assert missing.stderr == "Fout: geef --year JJJJ (BBV-controle) of --roles (rolsignalen), of beide.\n"
    assert "deze argumenten ontbreken" in cli("export").stderr
    assert cli("bestaat-niet").returncode == 2
    for command in ("init", "summary", "check"):
        helped = cli(command, "--help")
        assert helped.returncode == 0 and helped.stdout.startswith("gebruik: ")
