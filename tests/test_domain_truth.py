"""Issue 13, points 2-5: figures and texts a controller can sign. Only art. 15 items are BBV gaps in the
onboarding report; the art. 15 risk item means material financial risks without measures (or a dated "geen
materiële risico's"); weerstandsvermogen gives no class when nothing is filled in and says "raadsnorm" only with a
recorded raadsbesluit; a werkatelier write-back goes through the register's risk validation. Real DuckDB files,
AppTest where a page shows it, and a freshly onboarded Groningen (gm0014) from the shipped national register."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from governance import national, register
from governance.core.db import open_database
from governance.register import bbv
from tests import actors
from tests.apptest import run

ROOT = Path(__file__).resolve().parent.parent
GRONINGEN = "gm0014"
ART15_LABELS = {label for label, _ in bbv.ITEMS.values()}


@pytest.fixture(scope="module")
def groningen_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`init --organisation gm0014` on the command line, as a controller starts."""
    path = tmp_path_factory.mktemp("gm0014") / "groningen.duckdb"
    done = subprocess.run(
        [sys.executable, "-m", "governance", "init", "--organisation", GRONINGEN, "--db", str(path)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return path


@pytest.fixture
def new_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    path = tmp_path / "nieuw.duckdb"
    monkeypatch.setenv("GOVERNANCE_DB", str(path))
    yield path
    open_database(path).close()


# -- point 2: only art. 15 items are BBV gaps ------------------------------------------------------------------
def test_onboarding_report_names_only_art15_items_as_bbv_gaps(tmp_path: Path) -> None:
    db = open_database(tmp_path / "g.duckdb")
    report = national.adopt(db, GRONINGEN, actors.BEHEERDER)
    gap_kinds = {k for k, text in national_labels().items() if "BBV-lacune" in text}
    assert gap_kinds == {"bbv_lacune"}
    for finding in report.findings:
        if finding.kind == "bbv_lacune":
            assert all(part.split(" (art.")[0] in ART15_LABELS for part in finding.detail.split(", "))
        assert not (finding.kind in gap_kinds and ("Vestigingsplaats" in finding.detail or "KvK" in finding.detail))
    other = [f for f in report.findings if f.kind == "ontbreekt"]
    assert other and all("KvK-nummer" in f.detail or "Vestigingsplaats" in f.detail for f in other)
    text = "\n".join(report.lines())
    details = [line for line in text.splitlines() if line.startswith("  - ") and "KvK-nummer" in line]
    assert details and not any("BBV-lacune" in line for line in details)
    assert "vul zelf aan" in text


def national_labels() -> dict[str, str]:
    from governance.core import labels

    return labels.REGISTER_FINDINGS


def test_onboarding_page_does_not_call_kvk_or_seat_a_bbv_gap(new_db: Path) -> None:
    at = run()
    at.selectbox(key="org-choice").select(GRONINGEN).run()
    at.button(key="org-adopt").click().run()
    assert not at.exception
    report = at.dataframe[0].value
    for row in report.to_dict("records"):
        if "KvK-nummer" in row["Toelichting"] or "Vestigingsplaats" in row["Toelichting"]:
            assert "BBV-lacune" not in row["Soort"], row
            assert "vul zelf aan" in row["Soort"]
    assert "Niet in het landelijk register, vul zelf aan (geen BBV-onderdeel)" in set(report["Soort"])
    assert any("Alleen de onderdelen van BBV art. 15 lid 2 tellen als BBV-lacune" in c.value for c in at.caption)
    db = open_database(new_db)
    assert register.gaps(db, 2026)["missing_text"].str.contains("KvK|Vestigingsplaats").sum() == 0
