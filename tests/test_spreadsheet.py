"""Excel/CSV export and import on real DuckDB files: the round trip, Dutch spreadsheets, and every bad file.

Expected values come from the committed demo CSVs (tests/demo_facts.py) and the hand-made files under
tests/data/import/, never from the code under test.
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from governance import calendar, cli
from governance.core import excel, labels
from governance.core import validation as v
from governance.core.db import Database
from governance.io import cells as io_cells
from governance.io import exporting as export
from governance.io import importing, parse, plan, sheets
from governance.risks import matrix, matrix_setting
from tests import actors, demo_facts

DATA = Path(__file__).resolve().parent / "data" / "import"
NOW = dt.datetime(2026, 11, 24, 9, 30)
TABLES = ("organisation", "party", "participation", "party_year", "person", "representation", "risk", "setting")


def snapshot(db: Database) -> dict[str, str]:
    """A checksum per table (all columns, all rows, in id order) plus the audit log's row count."""
    sums = {}
    for table in TABLES:
        key = "key" if table == "setting" else "id"
        rows = db.query(f"SELECT * FROM {table} ORDER BY {key}")
        sums[table] = hashlib.sha256(rows.to_csv(index=False).encode()).hexdigest()
    sums["audit_log"] = str(db.scalar("SELECT count(*) FROM audit_log"))
    return sums


def cells(data: bytes) -> dict[str, list[list[object]]]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return {ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in book.worksheets}


# -- round trip ----------------------------------------------------------------------------------------
def test_xlsx_round_trip_into_an_empty_database(demo_db: Database, empty_db: Database) -> None:
    first = export.workbook_bytes(demo_db, NOW)
    done = importing.import_file(empty_db, first, "register.xlsx", actors.named("toetser"))
    assert done.count(io_cells.ADD) == DEMO_ROWS - DEMO_GRS  # a regeling on the 2022 cycle stores nothing
    second = export.workbook_bytes(empty_db, NOW)
    a, b = cells(first), cells(second)
    assert list(a) == list(b) == [s.name for s in sheets.EXPORT_ORDER] + [sheets.LEGEND]
    for name in a:  # every sheet, every cell
        assert len(a[name]) == len(b[name]), name
        for number, (x, y) in enumerate(zip(a[name], b[name], strict=True), start=1):
            assert x == y, f"{name} rij {number}"
    # and the data itself: the same rows per table, ids aside
    tables = [t for t in TABLES if t != "setting"]
    assert {t: count(empty_db, t) for t in tables} == {t: count(demo_db, t) for t in tables}
    # of the settings the workbook carries our organisation; the weerstandscapaciteit is kept on its own page
    ours = "SELECT value FROM setting WHERE key = 'our_organisation'"
    assert empty_db.scalar(ours) == demo_db.scalar(ours)


def test_csv_zip_round_trip_into_an_empty_database(demo_db: Database, empty_db: Database) -> None:
    first = export.zip_bytes(demo_db, NOW)
    importing.import_file(empty_db, first, "register.zip", actors.named("toetser"))
    second = export.zip_bytes(empty_db, NOW)
    with zipfile.ZipFile(io.BytesIO(first)) as a, zipfile.ZipFile(io.BytesIO(second)) as b:
        assert a.namelist() == b.namelist() == [f"{s.slug}.csv" for s in sheets.EXPORT_ORDER] + ["toelichting.txt"]
        for name in a.namelist():
            assert a.read(name) == b.read(name), name


DEMO_FILES = ("organisations", "parties", "participations", "party_years", "persons", "representations", "risks")
DEMO_FILES += ("agenda_actions",)  # the ontwikkelagenda
DEMO_FILES += ("pc_documents", "party_reserves")  # the P&C calendar's documents, reserves against their norm
# the P&C-cyclus sheet: one row per gemeenschappelijke regeling of parties.csv (its cycle, a setting)
DEMO_GRS = int(demo_facts.csv("parties")["legal_form"].isin(calendar.GR_FORMS).sum())
DEMO_ROWS = sum(len(demo_facts.csv(n)) for n in DEMO_FILES) + DEMO_GRS


def count(db: Database, table: str) -> int:
    return int(db.scalar(f"SELECT count(*) FROM {table}"))


# -- what the export contains --------------------------------------------------------------------------
def test_export_has_dutch_sheets_headers_labels_and_real_numbers(demo_db: Database) -> None:
    book = cells(export.workbook_bytes(demo_db, NOW))
    parties = book["Verbonden partijen"]
    assert parties[0][:4] == ["Code", "Naam", "Rechtsvorm", "BBV-categorie"]
    assert all(h == labels.FIELDS["party"][c.field] for h, c in zip(parties[0], sheets.PARTIES.columns, strict=True))
    expected = demo_facts.parties().set_index("code")
    assert sorted(r[0] for r in parties[1:]) == sorted(expected.index)
    vr = next(r for r in parties[1:] if r[0] == "vr-voorbeeldland")
    assert vr[2] == labels.LEGAL_FORMS[expected.loc["vr-voorbeeldland", "legal_form"]] == "Openbaar lichaam"
    assert vr[parties[0].index("Wettelijk verplicht")] == "ja"
    assert vr[parties[0].index("Opgericht")] == dt.datetime(2010, 1, 1)  # a date cell, not text

    years = book["Jaarcijfers"]
    head = years[0]
    rows = demo_facts.csv("party_years")
    for source in rows.to_dict("records"):
        shown = next(
            r
            for r in years[1:]
            if r[0] == source["party"] and r[1] == int(source["year"]) and r[2] == source["kind"].title()
        )
        for field in ("contribution", "equity_end", "result"):
            cell = shown[head.index(labels.FIELDS["party_year"][field])]
            if source[field] is None or source[field] != source[field]:
                assert cell is None
            else:
                assert isinstance(cell, (int, float)) and cell == float(source[field])  # numbers stay numbers
    negative = [
        r
        for r in years[1:]
        if isinstance(r[head.index("Financieel resultaat")], int) and r[head.index("Financieel resultaat")] < 0
    ]
    assert len(negative) == int((rows["result"].astype(float) < 0).sum())  # -214000 is a number, not "'-214000"


def test_legend_explains_columns_code_lists_and_the_fictitious_demo(demo_db: Database) -> None:
    legend = cells(export.workbook_bytes(demo_db, NOW))[sheets.LEGEND]
    text = [[c for c in row if c is not None] for row in legend]
    assert ["Organisatie", "Gemeente Voorbeeld (gm9999)"] in text
    assert ["Geëxporteerd op", "24-11-2026 09:30"] in text
    assert any(r[:1] == ["LET OP"] and "fictief" in r[1] for r in text)
    assert any(r[0] == "Veilige tekst" and "apostrof (')" in r[1] for r in text if r)
    described = {(r[0], r[1]) for r in legend if r and r[0] in {s.name for s in sheets.SHEETS} and r[1]}
    assert described == {(s.name, c.header) for s in sheets.SHEETS for c in s.columns}
    codes = {
        (r[1], r[2])
        for r in legend
        if r and isinstance(r[0], str) and r[0].startswith("Verbonden partijen: Rechtsvorm")
    }
    assert codes == set(labels.LEGAL_FORMS.items())


def test_text_that_excel_would_run_is_neutralised_and_comes_back_unchanged(
    demo_db: Database, empty_db: Database
) -> None:
    nasty = {
        "name": '=HYPERLINK("http://example.invalid","klik")',
        "seat": "-Noord",
        "programme": "+31 Programma",
        "policy_domain": "@Sociaal",
        "notes": "\tmet tab",
        "interest_held": "'=al een apostrof",
        "public_interest": "'s-Hertogenbosch blijft zoals het is",
    }
    party_id = demo_db.scalar("SELECT id FROM party WHERE code = 'vr-voorbeeldland'")
    demo_db.write(lambda tx: tx.update("party", party_id, nasty, system=True), actors.named("toetser"), "register")
    book = cells(export.workbook_bytes(demo_db, NOW))["Verbonden partijen"]
    row = dict(zip(book[0], next(r for r in book[1:] if r[0] == "vr-voorbeeldland"), strict=True))
    label = labels.FIELDS["party"]
    assert row[label["name"]] == "'" + nasty["name"]
    assert row[label["seat"]] == "'-Noord"
    assert row[label["programme"]] == "'+31 Programma"
    assert row[label["policy_domain"]] == "'@Sociaal"
    assert row[label["notes"]] == "'\tmet tab"
    assert row[label["interest_held"]] == "''=al een apostrof"
    assert row[label["public_interest"]] == nasty["public_interest"]
    csv_text = export.csv_bytes(demo_db, sheets.PARTIES).decode("utf-8-sig")
    assert ";'=HYPERLINK(" in csv_text.replace('"', "")
    importing.import_file(empty_db, export.workbook_bytes(demo_db, NOW), "x.xlsx", actors.named("toetser"))
    back = empty_db.rows("SELECT * FROM party WHERE code = 'vr-voorbeeldland'")[0]
    # leading and trailing spaces (and tabs) are trimmed by the same checker a form uses; the rest is exact
    assert {k: back[k] for k in nasty} == {**nasty, "notes": "met tab"}


@pytest.mark.parametrize(
    ("text", "safe"),
    [("=1+1", "'=1+1"), ("+31", "'+31"), ("-", "'-"), ("@a", "'@a"), ("\rx", "'\rx"), ("'=x", "''=x"), ("''", "'''")],
)
def test_neutralise_and_restore_are_each_others_inverse(text: str, safe: str) -> None:
    assert excel.neutralise(text) == safe
    assert excel.restore(safe) == text


@pytest.mark.parametrize("text", ["'s-Hertogenbosch", "'t Harde", "'", "gewoon", "", "1-2"])
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert excel.neutralise(text) == text == excel.restore(text)


# -- Dutch numbers and dates ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("1.234.567,89", "1234567.89"),
        ("1234567,89", "1234567.89"),
        ("€ 1.234,50", "1234.50"),
        ("-1.250,00", "-1250.00"),
        ("12,5", "12.5"),
        ("250.000", "250000"),
        ("1,234,567.89", "1234567.89"),
        ("12.5", "12.5"),
        ("0.125", "0.125"),
        ("1 234 567", "1234567"),
        ("−5", "-5"),
        (4538000, "4538000"),
        (0.1, "0.1"),
    ],
)
def test_dutch_number_notation(typed: object, value: str) -> None:
    assert v.parse_decimal(typed) == decimal.Decimal(value)


@pytest.mark.parametrize("typed", ["1.23.4", "1,2,3", "veel", "12,5,0", "."])
def test_what_is_not_a_number(typed: str) -> None:
    with pytest.raises(ValueError):
        v.parse_decimal(typed)


def test_amount_and_date_checkers_share_the_dutch_notation() -> None:
    assert v.amount()("1.234.567,89") == (decimal.Decimal("1234567.89"), None)
    assert v.amount(non_negative=True)("-1.250,00") == (decimal.Decimal("-1250.00"), "mag niet negatief zijn")
    assert v.date()("01-03-2025") == (dt.date(2025, 3, 1), None)
    assert v.date()("1-3-2025") == (dt.date(2025, 3, 1), None)
    assert v.date()("31-02-2025") == ("31-02-2025", "'31-02-2025' is geen datum (gebruik dd-mm-jjjj)")


# -- Dutch spreadsheets as they really are -------------------------------------------------------------
def test_windows_1252_semicolons_and_thousands_dots(demo_db: Database) -> None:
    data = (DATA / "good" / "jaarcijfers-windows1252.csv").read_bytes()
    done = importing.import_file(demo_db, data, "jaarcijfers-windows1252.csv", actors.named("controller"))
    assert done.summary() == "2 toegevoegd, 0 gewijzigd, 0 ongewijzigd"
    rows = {
        r["code"]: r
        for r in demo_db.rows(
            "SELECT p.code, y.* FROM party_year y JOIN party p ON p.id = y.party_id "
            "WHERE y.year = 2027 AND y.kind = 'begroting'"
        )
    }
    assert rows["vr-voorbeeldland"]["contribution"] == decimal.Decimal("4812345.67")
    assert rows["vr-voorbeeldland"]["result"] == decimal.Decimal("-125000")
    assert rows["vr-voorbeeldland"]["source_document"] == "Ontwerpbegroting 2027 – zienswijze; concept"
    assert rows["ggd-voorbeeldland"]["interest_begin"] == decimal.Decimal("1234567.89")
    assert rows["ggd-voorbeeldland"]["equity_begin"] == decimal.Decimal("2100000")
    assert rows["ggd-voorbeeldland"]["source_document"] == "Ontwerpbegroting 2027 GGD (geüpdatet)"


def test_utf8_bom_codes_dates_and_yes_no_update_only_what_changed(demo_db: Database) -> None:
    before = demo_db.rows("SELECT * FROM party WHERE code = 'vr-voorbeeldland'")[0]
    audit_before = count(demo_db, "audit_log")
    data = (DATA / "good" / "partijen-utf8-bom.csv").read_bytes()
    preview = importing.preview(demo_db, data, "partijen-utf8-bom.csv")
    assert [(d["Actie"], d["Sleutel"], d["Kolom"], d["Nu"], d["Wordt"]) for d in preview.details()] == [
        ("Toevoegen", "fonds-voorbeeld", "", "", "nieuwe rij"),
        ("Wijzigen", "vr-voorbeeldland", "Vestigingsplaats", "Kolkerveld", "Nieuwdorp"),
        (
            "Wijzigen",
            "vr-voorbeeldland",
            "Toelichting",
            "Deelname wettelijk verplicht (Wet veiligheidsregio's).",
            "(leeg)",
        ),
    ]
    importing.import_file(demo_db, data, "partijen-utf8-bom.csv", actors.named("controller"))
    new = demo_db.rows("SELECT * FROM party WHERE code = 'fonds-voorbeeld'")[0]
    assert (new["legal_form"], new["bbv_category"], new["seat"]) == (
        "stichting",
        "stichting_vereniging",
        "'s-Hertogenbosch",
    )
    assert (new["founded"], new["mandatory"], new["notes"]) == (dt.date(2025, 3, 1), False, "=geen formule")
    after = demo_db.rows("SELECT * FROM party WHERE code = 'vr-voorbeeldland'")[0]
    assert {k for k in after if after[k] != before[k]} == {"seat", "notes", "version", "updated_at"}
    audit = demo_db.rows("SELECT * FROM audit_log ORDER BY id DESC LIMIT 2")
    assert count(demo_db, "audit_log") == audit_before + 2
    assert {(r["action"], r["entity"], r["actor"], r["reason"]) for r in audit} == {
        ("insert", "party", "controller", "Import uit 'partijen-utf8-bom.csv'"),
        ("update", "party", "controller", "Import uit 'partijen-utf8-bom.csv'"),
    }


def test_comma_separated_file_reads_dots_as_decimal_points(demo_db: Database) -> None:
    data = (DATA / "good" / "deelnemingen-komma.csv").read_bytes()
    importing.import_file(demo_db, data, "deelnemingen-komma.csv", actors.named("controller"))
    row = demo_db.rows(
        "SELECT p.* FROM participation p JOIN party pa ON pa.id = p.party_id "
        "JOIN organisation o ON o.id = p.organisation_id "
        "WHERE pa.code = 'vr-voorbeeldland' AND o.code = 'gm9999'"
    )[0]
    assert (row["voting_share"], row["cost_share"]) == (decimal.Decimal("12.5"), decimal.Decimal("16.25"))


def test_edited_workbook_updates_changed_cells_and_adds_new_rows(demo_db: Database) -> None:
    book = openpyxl.load_workbook(io.BytesIO(export.workbook_bytes(demo_db, NOW)))
    years = book["Jaarcijfers"]
    head = [c.value for c in years[1]]
    target = next(r for r in years.iter_rows(min_row=2) if r[0].value == "vr-voorbeeldland" and r[1].value == 2025)
    target[head.index("Bijdrage gemeente")].value = 4600000.5
    persons = book["Personen"]
    persons.append(["rl-nieuw", "Sanne Nieuwenhuis", "Raadslid", "Financiën", "s.nieuwenhuis@voorbeeld.example", None])
    out = io.BytesIO()
    book.save(out)
    done = importing.import_file(demo_db, out.getvalue(), "bewerkt.xlsx", actors.named("controller"))
    assert done.summary() == f"1 toegevoegd, 1 gewijzigd, {DEMO_ROWS - 1} ongewijzigd"
    assert demo_db.scalar(
        "SELECT contribution FROM party_year y JOIN party p ON p.id = y.party_id "
        "WHERE p.code = 'vr-voorbeeldland' AND year = 2025 AND kind = 'jaarrekening'"
    ) == decimal.Decimal("4600000.50")
    assert demo_db.scalar("SELECT function FROM person WHERE code = 'rl-nieuw'") == "raadslid"
    change = demo_db.rows("SELECT * FROM audit_log WHERE entity = 'party_year' AND action = 'update'")
    assert len(change) == 1 and '"contribution": 4538000' in change[0]["before"]


# -- bad files: one per failure mode, the exact message, exit code 1, the database unchanged -------------
BAD = {
    "onbekende-kolom.csv": ["Rij 1, kolom 'Kleur': onbekende kolom in Verbonden partijen"],
    "ontbrekende-kolom.csv": ["Rij 1, kolom 'Naam': verplichte kolom ontbreekt"],
    "verkeerd-type.csv": [
        "Rij 2, kolom 'Bijdrage gemeente': 'veel' is geen bedrag",
        "Rij 3, kolom 'Jaar': 'twintig' is geen getal",
    ],
    "dubbele-code.csv": ["Rij 3, kolom 'Code': dubbel: dezelfde code staat ook in rij 2"],
    "dubbele-rij.csv": [
        "Rij 3, kolom 'Verbonden partij (code)': dubbel: dezelfde combinatie van Verbonden partij (code), Jaar en "
        "Soort staat ook in rij 2"
    ],
    "negatief-bedrag.csv": ["Rij 7, kolom 'Bijdrage gemeente': mag niet negatief zijn"],
    "negatief-bedrag.xlsx": ["Tabblad 'Jaarcijfers', rij 7, kolom 'Bijdrage gemeente': mag niet negatief zijn"],
    "naam-alleen-spaties.csv": ["Rij 2, kolom 'Naam': is verplicht"],
    "onbekende-code.csv": [
        "Rij 2, kolom 'Verbonden partij (code)': onbekende verbonden partij 'bestaat-niet'",
        "Rij 3, kolom 'Deelnemer (code)': onbekende organisatie 'gm0000'",
    ],
    "ongeldige-waarde.csv": [
        "Rij 2, kolom 'Rechtsvorm': 'Overheids-NV' is geen geldige waarde; kies uit: Openbaar lichaam, "
        "Bedrijfsvoeringsorganisatie, Gemeenschappelijk orgaan, Centrumregeling, Regeling zonder meer, NV, BV, "
        "Coöperatie, Stichting, Vereniging, Commanditaire vennootschap (C.V.), Overig"
    ],
    "ongeldige-datum.csv": ["Rij 2, kolom 'Opgericht': '31-02-2025' is geen datum (gebruik dd-mm-jjjj)"],
    "onbekend-tabblad.xlsx": [
        "Tabblad 'Partijen 2025' is onbekend; verwacht worden 'Verbonden partijen', 'Deelnemingen', 'Jaarcijfers', "
        "'Reserves', 'Geen materiële risico's', 'Personen', 'Vertegenwoordigingen', 'Risico's', 'Ontwikkelagenda', "
        "'P&C-cyclus', 'P&C-documenten', 'Organisaties'."
    ],
    "geen-spreadsheet.csv": [
        "Het bestand 'geen-spreadsheet.csv' is geen spreadsheet; gebruik een Excel-bestand (.xlsx) of een "
        "CSV-bestand (.csv)."
    ],
    "geen-spreadsheet.xlsx": [
        "Het bestand 'geen-spreadsheet.xlsx' is geen spreadsheet; gebruik een Excel-bestand (.xlsx) of een "
        "CSV-bestand (.csv)."
    ],
    "leeg.csv": ["Het bestand 'leeg.csv' is leeg."],
    "einddatum-voor-begin.csv": ["Rij 2, kolom 'Tot en met': ligt vóór de begindatum"],
}


def test_every_bad_file_has_its_expected_message() -> None:
    assert sorted(BAD) == sorted(p.name for p in (DATA / "bad").iterdir())


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_file_preview_names_row_and_column(demo_db: Database, name: str) -> None:
    data = (DATA / "bad" / name).read_bytes()
    preview = importing.preview(demo_db, data, name)
    assert [str(p) for p in preview.problems] == BAD[name]


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_file_on_the_command_line_exits_1_and_changes_nothing(
    demo_db: Database, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(demo_db)
    code = cli.main(["import", str(DATA / "bad" / name), "--db", str(demo_db.path)])
    err = capsys.readouterr().err.splitlines()
    assert code == cli.FINDINGS
    assert err == BAD[name] + ["Er is niets geïmporteerd; de database is ongewijzigd."]
    assert snapshot(demo_db) == before


@pytest.mark.parametrize("name", ["negatief-bedrag.csv", "onbekende-code.csv"])
def test_import_refuses_a_bad_file_as_a_whole(demo_db: Database, name: str) -> None:
    """The good rows of a bad file are not saved either (all or nothing), also through the UI's call."""
    before = snapshot(demo_db)
    with pytest.raises(plan.ImportRejected) as caught:
        importing.import_file(demo_db, (DATA / "bad" / name).read_bytes(), name, actors.named("controller"))
    assert [str(p) for p in caught.value.plan.problems] == BAD[name]
    assert snapshot(demo_db) == before


def test_file_over_the_size_limit(demo_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    big = tmp_path / "te-groot.csv"
    with big.open("wb") as f:  # sparse: costs no disk, but is over the limit
        f.truncate(parse.MAX_BYTES + 1)
    before = snapshot(demo_db)
    assert cli.main(["import", str(big), "--db", str(demo_db.path)]) == cli.FINDINGS
    expected = "Het bestand 'te-groot.csv' is 10,1 MB; het maximum is 10 MB."
    assert capsys.readouterr().err.splitlines()[0] == expected
    preview = importing.preview(demo_db, b"x" * (parse.MAX_BYTES + 1), "te-groot.csv")  # the upload's path
    assert [str(p) for p in preview.problems] == [expected]
    assert snapshot(demo_db) == before


# -- the command line ----------------------------------------------------------------------------------
def test_cli_export_import_dry_run_and_import(demo_db: Database, empty_db: Database, tmp_path: Path, capsys) -> None:
    target = tmp_path / "register.xlsx"
    assert cli.main(["export", str(target), "--db", str(demo_db.path)]) == cli.OK
    assert f"Verbonden partijen {len(demo_facts.parties())}" in capsys.readouterr().out
    before = snapshot(empty_db)
    assert cli.main(["import", str(target), "--dry-run", "--db", str(empty_db.path)]) == cli.OK
    out = capsys.readouterr().out
    assert "Proefimport (" in out and "er is niets gewijzigd" in out
    assert snapshot(empty_db) == before
    assert cli.main(["import", str(target), "--db", str(empty_db.path), "--actor", "Carla"]) == cli.OK
    assert count(empty_db, "party") == len(demo_facts.parties())
    who = empty_db.rows("SELECT DISTINCT actor, role, via FROM audit_log")
    assert who == [{"actor": "Carla (opdrachtregel)", "role": "beheerder", "via": "opdrachtregel"}]


def test_cli_csv_export_of_one_entity(demo_db: Database, tmp_path: Path, capsys) -> None:
    target = tmp_path / "personen.csv"
    assert cli.main(["export", str(target), "--entity", "persons", "--db", str(demo_db.path)]) == cli.OK
    text = target.read_bytes()
    assert text.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads it as UTF-8
    lines = text.decode("utf-8-sig").splitlines()
    assert lines[0] == "Code;Naam;Functie;Portefeuille;E-mail;Gearchiveerd op"
    assert len(lines) == 1 + len(demo_facts.csv("persons"))
    assert cli.main(["export", str(tmp_path / "x.csv"), "--db", str(demo_db.path)]) == cli.USAGE
    assert "--entity" in capsys.readouterr().err


def test_importing_a_fresh_export_changes_nothing(demo_db: Database) -> None:
    before = snapshot(demo_db)
    data = export.workbook_bytes(demo_db, NOW)
    done = importing.import_file(demo_db, data, "register.xlsx", actors.named("controller"))
    assert done.summary() == f"0 toegevoegd, 0 gewijzigd, {DEMO_ROWS} ongewijzigd"
    assert snapshot(demo_db) == before


def test_archiving_and_restoring_through_a_file_is_audited_as_such(demo_db: Database) -> None:
    head = "Code;Naam;Rechtsvorm;BBV-categorie;Gearchiveerd op"
    row = "sport-voorbeeld;Stichting Sportaccommodaties Voorbeeld;Stichting;Stichtingen en verenigingen"
    name = demo_db.scalar("SELECT name FROM party WHERE code = 'sport-voorbeeld'")
    row = row.replace("Stichting Sportaccommodaties Voorbeeld", name)
    importing.import_file(demo_db, f"{head}\n{row};31-12-2026\n".encode(), "archief.csv", actors.named("controller"))
    assert demo_db.scalar("SELECT archived_at FROM party WHERE code = 'sport-voorbeeld'") == dt.datetime(2026, 12, 31)
    importing.import_file(demo_db, f"{head}\n{row};\n".encode(), "terug.csv", actors.named("controller"))
    assert demo_db.scalar("SELECT archived_at FROM party WHERE code = 'sport-voorbeeld'") is None
    actions = [r["action"] for r in demo_db.rows("SELECT action FROM audit_log WHERE actor = 'controller' ORDER BY id")]
    assert actions == ["archive", "restore"]


def test_excel_unicode_text_utf16_with_tabs(demo_db: Database) -> None:
    """Excel's 'Unicode-tekst' export: UTF-16 with BOM, tab-separated."""
    text = "Code\tNaam\tFunctie\tPortefeuille\r\nrl-ozdemir\tSelin Özdemir\tRaadslid\tFinanciën\r\n"
    done = importing.import_file(demo_db, text.encode("utf-16"), "personen.txt", actors.named("controller"))
    assert done.summary() == "1 toegevoegd, 0 gewijzigd, 0 ongewijzigd"
    row = demo_db.rows("SELECT name, function, portfolio FROM person WHERE code = 'rl-ozdemir'")
    assert row == [{"name": "Selin Özdemir", "function": "raadslid", "portfolio": "Financiën"}]


def test_risk_rows_meet_the_same_rules_as_the_risk_form(demo_db: Database) -> None:
    """Scores are bounded by the configured risk matrix and net may not exceed gross, as in the form."""

    head = "Verbonden partij (code);Categorie;Titel;Kans (bruto);Impact (bruto);Kans (netto);Impact (netto)"
    rows = ["vr-voorbeeldland;financieel;Netto boven bruto;2;3;4;3", "vr-voorbeeldland;financieel;Buiten schaal;6;3;;"]
    data = "\n".join([head, *rows]).encode()
    assert [str(p) for p in importing.preview(demo_db, data, "risicos.csv", "risicos").problems] == [
        "Rij 2, kolom 'Kans (netto)': 4 is hoger dan de bruto kans (2); netto is na beheersmaatregelen",
        "Rij 3, kolom 'Kans (bruto)': '6' past niet: kies een geheel getal van 1 tot en met 5 "
        "(de risicomatrix heeft 5 kansniveaus)",
    ]
    matrix_setting.save_matrix(demo_db, matrix.default_matrix(3, 3), "proportioneel", actors.named("test"), None)
    ok = "\n".join([head, "vr-voorbeeldland;financieel;Op 3×3;3;3;;"]).encode()
    too_high = "\n".join([head, "vr-voorbeeldland;financieel;Te hoog;4;3;;"]).encode()
    assert importing.preview(demo_db, ok, "risicos.csv", "risicos").ok
    assert [str(p) for p in importing.preview(demo_db, too_high, "risicos.csv", "risicos").problems] == [
        "Rij 2, kolom 'Kans (bruto)': '4' past niet: kies een geheel getal van 1 tot en met 3 "
        "(de risicomatrix heeft 3 kansniveaus)",
    ]
