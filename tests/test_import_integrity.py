"""Import integrity (issue 11 point 10) on real DuckDB copies of the demo and real files in tmp dirs: a register
changed after the preview stops the import and shows the new plan; a UTF-8 file with a stray byte is refused
naming its line; cells copied from another workbook are refused naming sheet and cell; invisible direction and
zero-width characters are refused in names and codes, in imports and in the forms alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from governance import io, register
from governance.core import validation as v
from governance.core.db import Database, open_database
from governance.core.errors import ValidationError
from governance.io import parse
from tests import actors, hostile_files
from tests.apptest import run
from tests.test_spreadsheet import DATA, snapshot

GOOD = DATA / "good" / "partijen-utf8-bom.csv"  # adds fonds-voorbeeld, moves vr-voorbeeldland to Nieuwdorp
HEAD = "Code;Naam;Rechtsvorm;BBV-categorie"


def party(db: Database, code: str) -> dict:
    return db.rows("SELECT * FROM party WHERE code = ?", [code])[0]


def cells(plan: io.ImportPlan) -> list[tuple[str, str, str]]:
    return [(d["Kolom"], d["Nu"], d["Wordt"]) for d in plan.details()]


def save_seat(db: Database, code: str, seat: str) -> None:
    """A form save by someone else, through the form's own write path."""
    row = party(db, code)
    register.update_party(db, row["id"], {"seat": seat}, actors.BEHEERDER, original=row)


# -- (a) the register changed between preview and import ----------------------------------------------------
def test_a_save_after_the_preview_stops_the_import_and_gives_the_new_plan(demo_db: Database) -> None:
    data = GOOD.read_bytes()
    shown = io.preview(demo_db, data, GOOD.name)
    assert ("Vestigingsplaats", "Kolkerveld", "Nieuwdorp") in [
        (d["Kolom"], d["Nu"], d["Wordt"]) for d in shown.details()
    ]
    save_seat(demo_db, "vr-voorbeeldland", "Anderdorp")
    before = snapshot(demo_db)
    with pytest.raises(io.ImportStale) as stale:
        io.import_file(demo_db, data, GOOD.name, actors.CONTROLLER, expected=shown.fingerprint)
    assert "gewijzigd sinds het voorbeeld" in str(stale.value)
    assert snapshot(demo_db) == before  # nothing imported: the save made in between stands
    assert party(demo_db, "vr-voorbeeldland")["seat"] == "Anderdorp"
    new = stale.value.plan
    assert ("Vestigingsplaats", "Anderdorp", "Nieuwdorp") in cells(new)
    assert new.fingerprint == io.preview(demo_db, data, GOOD.name).fingerprint != shown.fingerprint
    done = io.import_file(demo_db, data, GOOD.name, actors.CONTROLLER, expected=new.fingerprint)  # confirmed again
    assert done.summary() == "1 toegevoegd, 1 gewijzigd, 0 ongewijzigd"
    assert party(demo_db, "vr-voorbeeldland")["seat"] == "Nieuwdorp"


def test_a_change_the_file_does_not_touch_lets_the_import_run(demo_db: Database) -> None:
    data = GOOD.read_bytes()
    shown = io.preview(demo_db, data, GOOD.name)
    save_seat(demo_db, "ggd-voorbeeldland", "Elders")  # another party: the import does exactly what was shown
    io.import_file(demo_db, data, GOOD.name, actors.CONTROLLER, expected=shown.fingerprint)
    assert party(demo_db, "vr-voorbeeldland")["seat"] == "Nieuwdorp"
    assert party(demo_db, "ggd-voorbeeldland")["seat"] == "Elders"


def test_the_import_page_shows_the_new_plan_and_asks_again(app_db: Path) -> None:
    at = run("pages/beheer.py", user="controller")
    at.file_uploader[0].set_value((GOOD.name, GOOD.read_bytes(), "text/csv")).run()
    assert at.dataframe[1].value.iloc[1][["Nu", "Wordt"]].tolist() == ["Kolkerveld", "Nieuwdorp"]
    db = open_database(app_db)
    save_seat(db, "vr-voorbeeldland", "Anderdorp")  # saved in another session while the preview is open
    audit = db.scalar("SELECT count(*) FROM audit_log")
    at.button(key="beheer-import").click().run()
    assert not at.exception
    assert any("gewijzigd sinds het voorbeeld" in w.value for w in at.warning)
    assert at.dataframe[1].value.iloc[1][["Nu", "Wordt"]].tolist() == ["Anderdorp", "Nieuwdorp"]  # the new plan
    assert party(db, "vr-voorbeeldland")["seat"] == "Anderdorp"
    assert db.scalar("SELECT count(*) FROM audit_log") == audit
    at.button(key="beheer-import").click().run()  # asked again, confirmed
    assert f"Import uit '{GOOD.name}' uitgevoerd: 1 toegevoegd, 1 gewijzigd, 0 ongewijzigd." in [
        s.value for s in at.success
    ]
    assert party(db, "vr-voorbeeldland")["seat"] == "Nieuwdorp"


# -- (b) CSV encodings --------------------------------------------------------------------------------------
NEW_PARTY = "nieuw-fonds;Stichting Eén Fonds;Stichting;Stichtingen en verenigingen"


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"], ids=["zonder-bom", "met-bom"])
def test_utf8_with_a_stray_windows_byte_is_refused_naming_the_line(
    bom: bytes, demo_db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "partijen.csv"
    lines = [HEAD, NEW_PARTY, "tweede-fonds;Stichting Caf\xe9;Stichting;Stichtingen en verenigingen"]
    path.write_bytes(bom + "\r\n".join(lines[:2]).encode() + b"\r\n" + lines[2].encode("cp1252") + b"\r\n")
    before = snapshot(demo_db)
    with pytest.raises(parse.FileRejected) as refused:
        io.import_file(demo_db, path.read_bytes(), path.name, actors.CONTROLLER)
    assert "is UTF-8, maar regel 3 bevat een teken dat dat niet is (byte 0xE9" in str(refused.value)
    assert snapshot(demo_db) == before


def test_utf8_is_utf8_and_windows1252_still_imports(demo_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "partijen.csv"
    path.write_bytes(("\r\n".join([HEAD, NEW_PARTY]) + "\r\n").encode())
    io.import_file(demo_db, path.read_bytes(), path.name, actors.CONTROLLER)
    assert party(demo_db, "nieuw-fonds")["name"] == "Stichting Eén Fonds"  # not 'EÃ©n'
    old = DATA / "good" / "jaarcijfers-windows1252.csv"
    assert not any(0xC2 <= b <= 0xF4 for b in old.read_bytes())  # not a byte of it starts a UTF-8 sequence
    done = io.import_file(demo_db, old.read_bytes(), old.name, actors.CONTROLLER)
    assert done.ok


# -- (c) cached values of external workbook links ------------------------------------------------------------
def _linked_workbook(formula: str, external: bool = True) -> bytes:
    head = "".join(
        f'<c r="{col}1" t="inlineStr"><is><t>{name}</t></is></c>'
        for col, name in zip("ABCD", HEAD.split(";"), strict=True)
    )
    cells = (
        '<c r="A2" t="inlineStr"><is><t>nieuw-fonds</t></is></c>'
        f'<c r="B2" t="str"><f>{formula}</f><v>Stichting Gekoppeld</v></c>'
        '<c r="C2" t="inlineStr"><is><t>Stichting</t></is></c>'
        '<c r="D2" t="inlineStr"><is><t>Stichtingen en verenigingen</t></is></c>'
    )
    return hostile_files.workbook(
        hostile_files.sheet_xml(f'<row r="1">{head}</row><row r="2">{cells}</row>'), external=external
    )


@pytest.mark.parametrize("formula", ["[1]Blad1!A1", "&apos;[1]Blad 1&apos;!$B$2", "UPPER([1]Blad1!A1)"])
def test_a_cell_from_another_workbook_is_refused_naming_sheet_and_cell(
    formula: str, demo_db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "gekoppeld.xlsx"
    path.write_bytes(_linked_workbook(formula))
    before = snapshot(demo_db)
    with pytest.raises(parse.FileRejected) as refused:
        io.import_file(demo_db, path.read_bytes(), path.name, actors.CONTROLLER)
    message = str(refused.value)
    assert "uit een ander werkboek (externe koppeling)" in message
    assert "tabblad 'Verbonden partijen' cel B2" in message
    assert snapshot(demo_db) == before


def test_a_formula_within_the_workbook_imports_its_value(demo_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "formule.xlsx"
    path.write_bytes(_linked_workbook("UPPER(&quot;x&quot;)&amp;Tabel1[2020]", external=False))
    io.import_file(demo_db, path.read_bytes(), path.name, actors.CONTROLLER)
    assert party(demo_db, "nieuw-fonds")["name"] == "Stichting Gekoppeld"


# -- (d) invisible direction and zero-width characters ------------------------------------------------------
@pytest.mark.parametrize(
    ("line", "column", "char"),
    [
        ("nieuw-fonds;Stichting \u202eGeld\u202c;Stichting;Stichtingen en verenigingen", "Naam", "U+202E"),
        ("nieuw-fonds;\u2066Fonds\u2069;Stichting;Stichtingen en verenigingen", "Naam", "U+2066"),
        ("nieuw\u200b-fonds;Fonds;Stichting;Stichtingen en verenigingen", "Code", "U+200B"),
        ("nieuw-fonds;Fo\ufeffnds;Stichting;Stichtingen en verenigingen", "Naam", "U+FEFF"),
        ("nieuw-fonds;Fo\u200dnds;Stichting;Stichtingen en verenigingen", "Naam", "U+200D"),
    ],
)
def test_hidden_characters_are_refused_in_an_import_with_row_and_field(
    line: str, column: str, char: str, demo_db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "partijen.csv"
    path.write_bytes(("\r\n".join([HEAD, line]) + "\r\n").encode("utf-8-sig"))
    before = snapshot(demo_db)
    preview = io.preview(demo_db, path.read_bytes(), path.name)
    assert [str(p) for p in preview.problems][0].startswith(
        f"Rij 2, kolom '{column}': bevat een onzichtbaar teken ({char}"
    )
    with pytest.raises(io.ImportRejected):
        io.import_file(demo_db, path.read_bytes(), path.name, actors.CONTROLLER)
    assert snapshot(demo_db) == before


def test_hidden_characters_are_refused_in_the_party_form(demo_db: Database) -> None:
    values = {"name": "Gemeente\u202e", "legal_form": "stichting", "bbv_category": "stichting_vereniging"}
    with pytest.raises(ValidationError) as refused:
        register.create_party(demo_db, values, actors.CONTROLLER)
    assert refused.value.errors[0].field == "name"
    assert "onzichtbaar teken (U+202E" in refused.value.errors[0].message
    row = party(demo_db, "vr-voorbeeldland")
    with pytest.raises(ValidationError) as refused:
        register.update_party(demo_db, row["id"], {"seat": "Nieuw\u200bdorp"}, actors.CONTROLLER, original=row)
    assert refused.value.errors[0].field == "seat"
    assert party(demo_db, "vr-voorbeeldland")["seat"] == row["seat"]


def test_the_shared_checks_find_every_hidden_character() -> None:
    for char in [*map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A)), "\u200b", "\u200c", "\u200d"]:
        assert v.text()(f"a{char}b")[1], hex(ord(char))
        assert v.pattern(r".*", "x")(f"a{char}b")[1], hex(ord(char))
    assert v.text()("Eén café, ’s-Hertogenbosch – Zuid") == ("Eén café, ’s-Hertogenbosch – Zuid", None)
