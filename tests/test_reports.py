"""The paragraaf verbonden partijen read back: the DOCX with python-docx, the PDF with pdftotext and pdftoppm
(Debian's poppler-utils), against the database. On the demo and on a freshly onboarded real gemeente."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from governance import register, reports
from governance.core import formatting
from governance.core.db import Database, open_database
from tests import actors

YEAR, KIND = 2026, "begroting"
FIGURES = ("interest_begin", "interest_end", "equity_begin", "equity_end", "debt_begin", "debt_end", "result")
NO_BALANCE = ("centrumregeling", "regeling_zonder_meer", "gemeenschappelijk_orgaan")
ON = dt.date(2026, 11, 24)


def verbonden(db: Database, year: int = YEAR) -> list[dict]:
    """The verbonden partijen of the year, straight from the tables (not through the report)."""
    rows = db.rows(
        "SELECT * FROM party WHERE archived_at IS NULL AND (founded IS NULL OR year(founded) <= ?) "
        "AND (ended IS NULL OR year(ended) >= ?) ORDER BY name",
        [year, year],
    )
    return [r for r in rows if register.is_verbonden(r)]


def begroting(db: Database, party_id: int, year: int = YEAR) -> dict | None:
    found = db.rows("SELECT * FROM party_year WHERE party_id = ? AND year = ? AND kind = 'begroting'", [party_id, year])
    return found[0] if found else None


def pdf_text(data: bytes, tmp: Path) -> str:
    path = tmp / "doc.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True).stdout
    return re.sub(r"\s+", " ", out.replace("\u00a0", " "))


def facts_by_party(data: bytes) -> dict[str, dict[str, str]]:
    """party heading (Kop 3) -> {label: value} of the facts table that follows it."""
    document = docx.Document(io.BytesIO(data))
    out: dict[str, dict[str, str]] = {}
    current = None
    paragraphs = {p._p: p for p in document.paragraphs}
    table_of = {t._tbl: t for t in document.tables}
    for child in document.element.body.iterchildren():
        if child in paragraphs and paragraphs[child].style.name == "Heading 3":
            current = paragraphs[child].text
        elif child in table_of and current is not None and current not in out:
            table = table_of[child]
            if len(table.columns) == 2:
                out[current] = {r.cells[0].text: r.cells[1].text for r in table.rows}
    return out


@pytest.fixture(scope="module")
def demo_documents(demo_file: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The demo paragraaf 2026 (begroting) with a lid 1 text, as DOCX and PDF, built once for this module."""
    path = tmp_path_factory.mktemp("reports") / "demo.duckdb"
    shutil.copy(demo_file, path)
    db = open_database(path)
    register.save_paragraph_text(
        db, YEAR, KIND, {"vision": "Samenwerken waar het de inwoner helpt.", "intentions": "Grip op GR-en."},
        actors.CONTROLLER, None,
    )  # fmt: skip
    document = reports.paragraaf(db, YEAR, KIND, signals_on=ON)
    built = {"db": db, "document": document, "docx": reports.render(document, "docx")}
    built["pdf"] = reports.render(document, "pdf")
    yield built
    db.close()


def test_every_verbonden_partij_and_every_figure_in_the_docx_equals_the_database(demo_documents: dict) -> None:
    db = demo_documents["db"]
    facts = facts_by_party(demo_documents["docx"])
    expected = verbonden(db)
    assert sorted(facts) == sorted(p["name"] for p in expected)
    for party in expected:
        shown = facts[party["name"]]
        fig = begroting(db, party["id"])
        values = [
            v for k, v in shown.items() if k.startswith(("Financieel belang", "Eigen", "Vreemd", "Financieel res"))
        ]
        want = []
        for name in FIGURES:
            if party["legal_form"] in NO_BALANCE and name.startswith(("equity", "debt")):
                want.append("niet van toepassing")
            elif fig is None or fig[name] is None:
                want.append("nog niet bekend")
            else:
                want.append(formatting.euro(fig[name]))
        assert [v.split(" (")[0] for v in values] == want, party["name"]
        source = shown["Bron van de cijfers"]
        assert source.startswith(f"Begroting {YEAR}") if fig else source.startswith("nog niet bekend")
        assert shown["Openbaar belang"] == (party["public_interest"] or "nog niet bekend")


def test_only_verbonden_partijen_appear(demo_documents: dict) -> None:
    db = demo_documents["db"]
    others = [r["name"] for r in db.rows("SELECT * FROM party") if not register.is_verbonden(r)]
    assert others, "the demo has parties that are no verbonden partij"
    text = demo_documents["document"].text()
    assert [name for name in others if name in text] == []


def test_docx_has_word_headings_the_lid1_text_and_the_warning(demo_documents: dict) -> None:
    document = docx.Document(io.BytesIO(demo_documents["docx"]))
    styles = {p.style.name for p in document.paragraphs}
    assert {"Title", "Heading 2", "Heading 3"} <= styles
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Samenwerken waar het de inwoner helpt." in text and "Grip op GR-en." in text
    assert "fictieve demogemeente" in text
    assert "fictieve demogemeente" in document.sections[0].header.paragraphs[0].text
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    categories = [h for h in headings if h in register_categories()]
    assert categories == register_categories()  # the legal order of art. 15 lid 1b
    assert "Verbonden partijen per programma (art. 8 lid 3)" in headings
    assert f"Ontwikkelingen sinds {YEAR - 1}" in headings


def register_categories() -> list[str]:
    from governance.core import labels

    return list(labels.BBV_CATEGORIES.values())


def test_the_pdf_holds_the_same_parties_and_figures(demo_documents: dict, tmp_path: Path) -> None:
    db = demo_documents["db"]
    text = pdf_text(demo_documents["pdf"], tmp_path)
    assert "fictieve demogemeente" in text
    for party in verbonden(db):
        assert party["name"][:30] in text, party["name"]
        fig = begroting(db, party["id"])
        for name in FIGURES:
            if fig is not None and fig[name] is not None:
                if party["legal_form"] in NO_BALANCE and name.startswith(("equity", "debt")):
                    continue
                assert formatting.euro(fig[name]) in text, (party["name"], name)


def test_pdf_pages_render_as_a4(demo_documents: dict, tmp_path: Path) -> None:
    path = tmp_path / "doc.pdf"
    path.write_bytes(demo_documents["pdf"])
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+595\.\d* x 841\.\d* pts \(A4\)", info), info
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(path), str(tmp_path / "page")], check=True)
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert len(list(tmp_path.glob("page-*.png"))) == pages > 1


def test_missing_lid1_text_is_printed_as_missing(demo_db: Database) -> None:
    document = reports.paragraaf(demo_db, 2025, "jaarstukken", signals_on=ON)
    text = document.text()
    assert "Visie: nog niet bekend" in text and "Beleidsvoornemens: nog niet bekend" in text


def test_jaarstukken_use_the_jaarrekening_and_name_it(demo_db: Database) -> None:
    data = reports.collect(demo_db, 2025, "jaarstukken", signals_on=ON)
    vr = next(p for p in data.parties if p.party["code"] == "vr-voorbeeldland")
    assert vr.figures["kind"] == "jaarrekening"
    document = reports.paragraaf(demo_db, 2025, "jaarstukken", party_code="vr-voorbeeldland", signals_on=ON)
    text = document.text()
    assert "Bron van de cijfers: Jaarrekening 2025" in text
    assert formatting.euro(vr.figures["result"]) in text


def test_bad_requests_are_refused_in_dutch(demo_db: Database) -> None:
    from governance.core.errors import NotFoundError, ValidationError

    with pytest.raises(ValidationError, match="kies begroting of jaarstukken"):
        reports.paragraaf(demo_db, 2026, "jaarrekening")
    with pytest.raises(ValidationError, match="jaartal"):
        reports.paragraaf(demo_db, "twintig", "begroting")
    with pytest.raises(NotFoundError, match="geen verbonden partij"):
        reports.paragraaf(demo_db, 2026, "begroting", party_code="bestaat-niet")


def test_onboarded_gemeente_prints_missing_figures_as_nog_niet_bekend(onboarded_db: Database, tmp_path: Path) -> None:
    parties = verbonden(onboarded_db)
    assert parties, "onboarding presumes the openbare lichamen to be verbonden partijen"
    document = reports.paragraaf(onboarded_db, YEAR, KIND, signals_on=ON)
    assert document.warning is None  # a real gemeente: no fictitious-data warning
    data = reports.render(document, "docx")
    facts = facts_by_party(data)
    assert sorted(facts) == sorted(p["name"] for p in parties)
    for name, shown in facts.items():
        for label, value in shown.items():
            if label.startswith(("Financieel belang", "Financieel resultaat")):
                assert value == "nog niet bekend", (name, label)
            assert "€ 0" not in value, (name, label)
        assert shown["Bron van de cijfers"].startswith("nog niet bekend")
    text = pdf_text(reports.render(document, "pdf"), tmp_path)
    assert text.count("nog niet bekend") >= 3 * len(parties)
    assert not re.search(r"(?<!boven )€ 0\b", text)  # only the materiality rule names € 0
