"""The weerstand paragraaf and the kernbeeld read back (python-docx, pdftotext, pdfinfo) against the database and
the simulation, on the demo and on a freshly onboarded gemeente."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from governance import register, reports, weerstand
from governance.core import formatting
from governance.core.db import Database, open_database

ON = dt.date(2026, 11, 24)


def tables(data: bytes) -> list[list[list[str]]]:
    return [[[c.text for c in row.cells] for row in t.rows] for t in docx.Document(io.BytesIO(data)).tables]


def pdf_pages(data: bytes, tmp: Path) -> list[str]:
    path = tmp / "doc.pdf"
    path.write_bytes(data)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+595\.\d* x 841\.\d* pts \(A4\)", info), info
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    out = []
    for n in range(1, pages + 1):
        text = subprocess.run(
            ["pdftotext", "-f", str(n), "-l", str(n), "-layout", str(path), "-"], capture_output=True, text=True
        ).stdout
        out.append(re.sub(r"\s+", " ", text.replace("\u00a0", " ")))
    return out


def test_weerstand_paragraaf_holds_the_simulation_of_the_verbonden_partijen(demo_db: Database, tmp_path: Path) -> None:
    outcome = weerstand.compute(demo_db, scope="partijen", year=2026)
    document = reports.build(demo_db, "weerstand", 2026, "begroting")
    data = reports.render(document, "docx")
    found = tables(data)
    levels = next(t for t in found if t[0][0] == "Zekerheid")
    assert [row[1] for row in levels[1:]] == [formatting.euro(x) for x in outcome.levels["required"]]
    assert [row[2] for row in levels[1:]] == [weerstand.ratio_text(x) for x in outcome.levels["ratio"]]
    capacity = next(t for t in found if t[0][0] == "Onderdeel")
    assert capacity[-1][:2] == ["Totaal beschikbaar", formatting.euro(weerstand.capacity(demo_db)["total"])]
    shares = next(t for t in found if t[0][0] == "Partij")
    assert len(shares) - 1 == len(outcome.parties)
    assert shares[1][3] == formatting.euro(outcome.parties["contribution"].iloc[0])
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    assert f"--seed {outcome.seed} --iterations {outcome.iterations}" in text
    assert f"Ratio bij 90 % zekerheid: {weerstand.ratio_text(outcome.ratio)}" in text
    pdf = " ".join(pdf_pages(reports.render(document, "pdf"), tmp_path))
    assert formatting.euro(outcome.required) in pdf and str(outcome.seed) in pdf and "fictieve demogemeente" in pdf


def test_every_demo_kernbeeld_fits_one_a4_page(demo_file: Path, tmp_path: Path) -> None:
    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_file, path)
    db = open_database(path)
    names = sorted(register.only_verbonden(register.parties(db))["name"])
    document = reports.build(db, "kernbeeld", 2026, "begroting", on=ON)
    pages = pdf_pages(reports.render(document, "pdf"), tmp_path)
    assert len(pages) == len(names)  # a page break before each party, so one page each
    for page, name in zip(pages, sorted(names, key=lambda n: n), strict=True):
        assert name[:30] in page
        assert "fictieve demogemeente" in page and "Pagina" in page
    db.close()


def test_kernbeeld_figures_equal_the_database(demo_db: Database) -> None:
    document = reports.build(demo_db, "kernbeeld", 2026, "begroting", party_code="werkbedrijf-voorbeeldland", on=ON)
    assert document.compact and any(isinstance(b, reports.Image) for b in document.blocks)
    figures = next(t for t in tables(reports.render(document, "docx")) if t[0][1:] == ["2024", "2025", "2026"])
    pid = demo_db.scalar("SELECT id FROM party WHERE code = 'werkbedrijf-voorbeeldland'")
    for year, column in ((2024, 1), (2025, 2), (2026, 3)):
        row = demo_db.rows(
            "SELECT * FROM party_year WHERE party_id = ? AND year = ? ORDER BY kind = 'jaarrekening' DESC", [pid, year]
        )[0]
        shown = {r[0]: r[column] for r in figures}
        assert shown["Bijdrage gemeente"] == formatting.euro(row["contribution"])
        assert shown["Eigen vermogen 31-12"] == formatting.euro(row["equity_end"])
        assert shown["Resultaat"] == formatting.euro(row["result"])
    text = document.text()
    assert "Dubbele pet" in text and "Sanne Elzinga" in text


def test_onboarded_gemeente_kernbeeld_and_weerstand_say_what_is_missing(onboarded_db: Database) -> None:
    code = register.only_verbonden(register.parties(onboarded_db))["code"].iloc[0]
    card = reports.build(onboarded_db, "kernbeeld", 2026, "jaarstukken", party_code=code, on=ON)
    figures = next(t for t in tables(reports.render(card, "docx")) if t[0][1:] == ["2024", "2025", "2026"])
    assert {v for row in figures[1:] for v in row[1:]} == {"nog niet bekend"}
    assert not any(isinstance(b, reports.Image) for b in card.blocks)  # no figures, no chart
    assert card.warning is None
    text = reports.build(onboarded_db, "weerstand", 2026, "jaarstukken").text()
    assert "Geen oordeel" in text
    assert "Beschikbare weerstandscapaciteit: nog niet bekend" in text


@pytest.mark.parametrize("report", ["weerstand", "kernbeeld"])
def test_cli_writes_the_other_reports(demo_file: Path, tmp_path: Path, report: str) -> None:
    from governance import cli

    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_file, path)
    out = tmp_path / f"{report}.docx"
    args = ["report", report, "--year", "2026", "--kind", "begroting", "--party", "ggd-voorbeeldland"]
    assert cli.main([*args, "--out", str(out), "--db", str(path)]) == 0
    assert docx.Document(io.BytesIO(out.read_bytes())).paragraphs[0].text.startswith(("Paragraaf", "Kernbeeld"))
