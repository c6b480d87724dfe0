"""The smaller domain points of issue 13 (point 9), each on real DuckDB files, most on a freshly onboarded gemeente
(`init --organisation gm0014`, Groningen, from the shipped national register) and the party page under AppTest.

Facts about real regelingen are only what the national register itself says (names, bestuursorganen); the laws
named are the standaardregel of governance.national.mandatory, which marks them as such."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from governance.core import validation as v
from governance.core.db import Database, open_database
from governance.national import onboarding as national
from governance.register import bbv
from governance.register import records as register
from tests import actors
from tests.apptest import run

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def groningen_file(onboarded_files) -> Path:
    """`init --organisation gm0014`, as a controller starts (tests/conftest.py onboard)."""
    return onboarded_files("gm0014")


@pytest.fixture
def groningen(groningen_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:
    path = tmp_path / "gm0014.duckdb"
    shutil.copy(groningen_file, path)
    monkeypatch.setenv("GOVERNANCE_DB", str(path))
    db = open_database(path)
    yield db
    db.close()


def test_veiligheidsregio_ggd_and_omgevingsdienst_import_as_wettelijk_verplicht_with_the_law(groningen: Database):
    rows = {r["name"]: r for r in groningen.rows("SELECT name, mandatory, notes FROM party")}
    expected = {
        "Veiligheidsregio Groningen": "Wet veiligheidsregio's",
        "GGD Groningen": "Wet publieke gezondheid",
        "Omgevingsdienst Groningen": "Omgevingswet",
    }
    for name, law in expected.items():
        assert rows[name]["mandatory"] is True, name
        assert rows[name]["notes"].startswith(f"Deelname wettelijk verplicht: {law}"), rows[name]["notes"]
        assert "standaardregel" in rows[name]["notes"]  # the list is a setting; its default says so
    others = [n for n, r in rows.items() if r["mandatory"] and n not in expected]
    assert others == []  # Veilig Thuis, the belastingkantoor, ...: nothing else is presumed compulsory


def test_party_codes_are_cut_after_a_whole_word(groningen: Database) -> None:
    name = "Gemeenschappelijke Regeling voor Veilig Thuis Groningen"
    assert v.slug(name) == "gemeenschappelijke-regeling-voor-veilig"  # not '...-veilig-', not mid-word
    for r in groningen.rows("SELECT code, name FROM party"):
        code = r["code"] if r["code"] == v.slug(r["name"]) else re.sub(r"-\d+$", "", r["code"])  # '-2' on a clash
        words = v.slug(r["name"], limit=1000).split("-")
        prefixes = {"-".join(words[:n]) for n in range(1, len(words) + 1)}
        assert not r["code"].endswith("-") and code in prefixes, (r["code"], r["name"])
        assert len(r["code"]) <= 40


def test_the_party_page_shows_whether_it_is_a_raads_or_collegeregeling(groningen: Database) -> None:
    code = groningen.scalar("SELECT code FROM party WHERE name = 'Meerschap Paterswolde'")
    frame = register.participants(groningen, groningen.scalar("SELECT id FROM party WHERE code = ?", [code]))
    ours = frame[frame["is_ours"]].iloc[0]
    assert ours["register_bodies"] == "College van burgemeester en wethouders, Gemeenteraad"  # as the register says
    at = run("pages/register.py", {"partij": code})
    shown = [m.value for m in at.markdown]
    assert any("Gemengde regeling (college en raad)" in m for m in shown), shown
    table = next(d.value for d in at.dataframe if "Bestuursorganen" in d.value.columns)
    assert "College van burgemeester en wethouders, Gemeenteraad" in set(table["Bestuursorganen"])
    code = groningen.scalar("SELECT code FROM party WHERE name = 'GGD Groningen'")
    at = run("pages/register.py", {"partij": code})
    assert any(m.value.startswith("**Collegeregeling:") for m in at.markdown)


def test_regeling_kind_from_the_registers_bestuursorganen() -> None:
    from governance.register import regeling_kind

    assert regeling_kind("Gemeenteraad") == "Raadsregeling"
    assert regeling_kind("College van burgemeester en wethouders") == "Collegeregeling"
    assert regeling_kind("Burgemeester") == "Burgemeestersregeling"
    assert regeling_kind("Burgemeester, College van burgemeester en wethouders, Gemeenteraad") == (
        "Gemengde regeling (burgemeester, college en raad)"
    )
    assert regeling_kind(None) is None and regeling_kind("") is None


def test_onboarding_says_deelnemingen_are_not_in_the_national_register(groningen: Database, tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "governance", "init", "--organisation", "gm0014", "--db", str(tmp_path / "x.duckdb")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    ).stdout
    assert "NV's, BV's, coöperaties, stichtingen en verenigingen staan niet in het landelijk register" in out
    assert "Excel-sjabloon" in out
    at = run("pages/organisatie.py")
    infos = [i.value for i in at.info]
    assert national.PRIVATE_NOT_IN_REGISTER in infos, infos


def test_a_centrumregeling_is_not_asked_for_a_balance_sheet(groningen: Database) -> None:
    party = groningen.rows("SELECT * FROM party WHERE legal_form = 'centrumregeling'")[0]
    both = {"control_interest": True, "control_ground": "stemrecht", "financial_interest": True}
    # suppose the gemeente judged it a verbonden partij as a deelnemer (the test's assumption about its own data)
    values = {**both, "financial_ground": "aansprakelijkheid", "centre_municipality": False}
    register.save_determination(groningen, party["id"], values, actors.named("t"), party)
    missing = set(bbv.gaps(groningen, 2026, party["id"]).iloc[0]["missing"])
    assert not missing & {"equity_begin", "equity_end", "debt_begin", "debt_end"}
    assert {"interest_begin", "result"} <= missing  # what it does have to report is still asked
    ol = groningen.rows("SELECT * FROM party WHERE legal_form = 'openbaar_lichaam' ORDER BY name")[0]
    assert {"equity_begin", "debt_end"} <= set(bbv.missing_items(ol, None, 0))


def test_one_day_late_is_one_dag(demo_file: Path, tmp_path: Path) -> None:
    path = tmp_path / "late.duckdb"
    shutil.copy(demo_file, path)
    db = open_database(path)
    yesterday = dt.date.today() - dt.timedelta(days=1)
    rid = db.scalar("SELECT min(id) FROM risk WHERE status = 'open' AND party_id IS NOT NULL")
    db.write(lambda tx: tx.update("risk", rid, {"next_review": yesterday}, system=True), actors.named("t"), "register")
    title = db.scalar("SELECT title FROM risk WHERE id = ?", [rid])
    db.close()
    out = subprocess.run(
        [sys.executable, "-m", "governance", "risks", "--overdue", "--db", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    ).stdout
    line = next(x for x in out.splitlines() if title in x)
    assert line.endswith(", 1 dag te laat)"), line
    assert "1 dagen" not in out


def test_simulate_help_shows_one_percent_sign() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "governance", "simulate", "--help"], capture_output=True, text=True, cwd=ROOT
    ).stdout
    assert "70/80/90/95/99 %" in " ".join(out.split()) and "%%" not in out
