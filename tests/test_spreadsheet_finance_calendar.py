"""The Excel round trip of issue 14's data: the P&C documents (received, raad, zienswijze, answer, status), each
regeling's P&C cycle (the setting calendar.regimes) and the parties' reserves against their own norm. All or
nothing, with Dutch messages naming sheet, row and column; real demo and empty databases."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from governance import calendar, finance
from governance.core.db import Database
from governance.io import exporting, importing, plan
from tests import actors

NOW = dt.datetime(2026, 11, 24, 9, 30)


def _pid(db: Database, code: str) -> int:
    return int(db.scalar("SELECT id FROM party WHERE code = ?", [code]))


def _book(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def _bytes(book: openpyxl.Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _rows(book: openpyxl.Workbook, sheet: str) -> list[dict]:
    ws = book[sheet]
    header = [c.value for c in ws[1]]
    return [dict(zip(header, (c.value for c in row), strict=True)) for row in ws.iter_rows(min_row=2)]


def _cell(book: openpyxl.Workbook, sheet: str, match: dict, column: str):
    ws = book[sheet]
    header = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        values = dict(zip(header, (c.value for c in row), strict=True))
        if all(values[k] == v for k, v in match.items()):
            return row[header.index(column)]
    raise AssertionError(f"no row {match} in {sheet}")


def test_pc_documents_regimes_and_reserves_survive_export_and_import(demo_db: Database, empty_db: Database) -> None:
    calendar.save_settings(
        demo_db, ["ggd-voorbeeldland"], {}, actors.BEHEERDER, calendar.settings(demo_db)["originals"]
    )
    reserve = {"year": 2025, "kind": "jaarrekening", "reserve": "43.000", "norm": "427.000", "source_document": "JR"}
    finance.save_reserve(demo_db, _pid(demo_db, "recreatieschap-voorbeeldplassen"), reserve, actors.CONTROLLER, None)
    data = exporting.workbook_bytes(demo_db, NOW)
    book = _book(data)
    od = next(r for r in _rows(book, "P&C-documenten") if r["Verbonden partij (code)"] == "od-voorbeeldland"
              and r["Document"] == "Ontwerpbegroting")  # fmt: skip
    assert od["Ontvangen op"] == dt.datetime(2026, 4, 10) and od["Raadsvergadering"] == dt.datetime(2026, 6, 25)
    assert od["Besluit van de raad"] == "Zienswijze ingediend" and od["Status"] == "Afgerond"
    assert od["Schriftelijke reactie van het bestuur ontvangen op"] == dt.datetime(2026, 7, 9)
    assert od["Zienswijze (tekst of verwijzing naar het bestand)"].startswith("De raad vraagt de indexatie")
    cycles = {r["Verbonden partij (code)"]: r["Begrotingscyclus"] for r in _rows(book, "P&C-cyclus")}
    assert len(cycles) == 16 and cycles["ggd-voorbeeldland"] == calendar.REGIMES[calendar.OLD]
    assert cycles["vr-voorbeeldland"] == calendar.REGIMES[calendar.NEW]
    legend = [r[1] for r in book["Toelichting"].iter_rows(values_only=True) if r and r[0] == "P&C-documenten"]
    assert "Ontvangen op" in legend and "Besluit van de raad" in legend
    norms = {(r["Verbonden partij (code)"], r["Jaar"]): r["Norm van de partij"] for r in _rows(book, "Reserves")}
    assert norms[("recreatieschap-voorbeeldplassen", 2025)] == 427_000
    assert norms[("werkbedrijf-voorbeeldland", 2025)] == 1_500_000 and len(norms) == 5  # + party_reserves.csv

    importing.import_file(empty_db, data, "register.xlsx", actors.named("toetser"))
    assert calendar.settings(empty_db)["regimes"] == {"ggd-voorbeeldland": calendar.OLD}
    key = calendar.Key(_pid(empty_db, "od-voorbeeldland"), 2027, "ontwerpbegroting")
    copied = calendar.document(empty_db, key)
    assert (copied["received_on"], copied["opinion_decision"], copied["answer_received"]) == (
        dt.date(2026, 4, 10), "zienswijze", dt.date(2026, 7, 9),
    )  # fmt: skip
    assert empty_db.scalar("SELECT count(*) FROM pc_document") == demo_db.scalar("SELECT count(*) FROM pc_document")
    got = finance.get_reserve(empty_db, _pid(empty_db, "recreatieschap-voorbeeldplassen"), 2025, "jaarrekening")
    assert (got["reserve"], got["norm"]) == (43_000, 427_000)
    # the same file again changes nothing (the empty Onderwerp of the yearly documents matches '')
    assert importing.preview(empty_db, data, "register.xlsx").changes_anything is False


def test_an_edited_workbook_changes_a_document_and_a_regelings_cycle(demo_db: Database) -> None:
    book = _book(exporting.workbook_bytes(demo_db, NOW))
    match = {"Verbonden partij (code)": "regio-voorbeeldland", "Document": "Ontwerpbegroting"}
    _cell(book, "P&C-documenten", match, "Besluit van de raad").value = "Geen bezwaar (instemming)"
    _cell(book, "P&C-documenten", match, "Status").value = "afgerond"  # the code is accepted too
    _cell(
        book, "P&C-cyclus", {"Verbonden partij (code)": "vr-voorbeeldland"}, "Begrotingscyclus"
    ).value = calendar.REGIMES[calendar.OLD]
    done = importing.import_file(demo_db, _bytes(book), "bewerkt.xlsx", actors.CONTROLLER)
    assert done.summary().startswith("0 toegevoegd, 2 gewijzigd")
    stored = calendar.document(demo_db, calendar.Key(_pid(demo_db, "regio-voorbeeldland"), 2027, "ontwerpbegroting"))
    assert (stored["opinion_decision"], stored["status"]) == ("geen_bezwaar", "afgerond")
    assert calendar.settings(demo_db)["regimes"] == {"vr-voorbeeldland": calendar.OLD}
    audit = demo_db.rows(
        "SELECT entity, actor, reason FROM audit_log WHERE reason = ? ORDER BY id", ["Import uit 'bewerkt.xlsx'"]
    )
    assert {a["entity"] for a in audit} == {"pc_document", "setting"}
    assert {a["actor"] for a in audit} == {actors.CONTROLLER.name}


@pytest.mark.parametrize(
    ("sheet", "match", "column", "value", "message"),
    [
        (
            "P&C-documenten",
            {"Verbonden partij (code)": "regio-voorbeeldland", "Document": "Ontwerpbegroting"},
            "Schriftelijke reactie van het bestuur ontvangen op",
            "01-09-2026",
            "kolom 'Schriftelijke reactie van het bestuur ontvangen op': vraagt eerst een besluit",
        ),
        (
            "P&C-documenten",
            {"Verbonden partij (code)": "afval-voorbeeldland", "Document": "Kaders"},
            "Ontvangen op",
            "31-02-2026",
            "kolom 'Ontvangen op': '31-02-2026' is geen datum (gebruik dd-mm-jjjj)",
        ),
        (
            "P&C-cyclus",
            {"Verbonden partij (code)": "vr-voorbeeldland"},
            "Begrotingscyclus",
            "Oud",
            "kolom 'Begrotingscyclus': 'Oud' is geen geldige waarde",
        ),
    ],
)
def test_a_bad_cell_names_sheet_row_and_column_and_nothing_is_saved(
    demo_db: Database, sheet: str, match: dict, column: str, value: str, message: str
) -> None:
    book = _book(exporting.workbook_bytes(demo_db, NOW))
    if "Document" in match:  # the workbook shows the document's label
        match = {**match, "Document": calendar.DOCUMENTS[match["Document"].lower()]}
    target = _cell(book, sheet, match, column)
    target.value = value
    before = demo_db.scalar("SELECT count(*) FROM audit_log")
    with pytest.raises(plan.ImportRejected) as refused:
        importing.import_file(demo_db, _bytes(book), "fout.xlsx", actors.CONTROLLER)
    (problem,) = refused.value.plan.problems
    assert str(problem).startswith(f"Tabblad '{sheet}', rij {target.row}, {message}")
    assert demo_db.scalar("SELECT count(*) FROM audit_log") == before
    assert calendar.settings(demo_db)["regimes"] == {}
