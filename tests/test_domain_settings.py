"""Issue 13, the rest: the register's rules that are the gemeente's choice, each a setting with a screen —
which legal forms keep no balance sheet (a gemeenschappelijk orgaan has no legal personality, Wgr art. 8 lid 2),
which regelingen are wettelijk verplicht (applied once more to parties taken over before the rule existed, and on
request to every party already there); the Rollen form offering only the chosen party's bodies; the dated
"geen materiële risico's" in the Excel round trip instead of the old undated flag. Real demo database, a freshly
onboarded Groningen (gm0014) from the shipped national register, AppTest."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from governance import national, register
from governance.core.access import PermissionDenied
from governance.core.db import Database, open_database
from governance.core.errors import ValidationError
from governance.io import exporting, importing, sheets
from governance.national import mandatory
from governance.register import bbv
from tests import actors
from tests.apptest import run

PAGE = "pages/register_instellingen.py"
YEAR = 2026
BALANCE = {"equity_begin", "equity_end", "debt_begin", "debt_end"}


@pytest.fixture
def groningen(onboarded_files, tmp_path: Path) -> Iterator[Database]:
    path = tmp_path / "gm0014.duckdb"
    shutil.copy(onboarded_files("gm0014"), path)
    db = open_database(path)
    yield db
    db.close()


def _missing(db: Database, code: str) -> set[str]:
    pid = db.scalar("SELECT id FROM party WHERE code = ?", [code])
    return set(register.gaps(db, YEAR, pid).iloc[0]["missing"])


# -- balance sheet per legal form -------------------------------------------------------------------------------
def _rekenkamer(db: Database) -> dict:
    return db.rows("SELECT * FROM party WHERE code = 'rekenkamer-voorbeeldland'")[
        0
    ]  # the demo's gemeenschappelijk orgaan


def test_a_gemeenschappelijk_orgaan_is_not_asked_for_a_balance_sheet_by_default(demo_db: Database) -> None:
    rule = register.balance_setting(demo_db)
    assert rule["default"] and "gemeenschappelijk orgaan" in rule["text"] and "(standaard)" in rule["text"]
    missing = set(bbv.missing_items(_rekenkamer(demo_db), None, 0, no_balance_forms=rule["forms"]))
    assert not missing & BALANCE
    assert {"interest_begin", "result"} <= missing  # what it does report is still asked


def test_the_balance_setting_can_ask_it_again_and_refuses_a_form_with_legal_personality(demo_db: Database) -> None:
    register.save_balance_setting(demo_db, ["centrumregeling", "regeling_zonder_meer"], actors.BEHEERDER, None)
    rule = register.balance_setting(demo_db)
    assert BALANCE <= set(bbv.missing_items(_rekenkamer(demo_db), None, 0, no_balance_forms=rule["forms"]))
    assert not rule["default"] and "gemeenschappelijk orgaan" not in rule["text"]
    with pytest.raises(ValidationError) as refused:
        register.save_balance_setting(demo_db, ["stichting"], actors.BEHEERDER, rule["original"])
    assert "kan alleen centrumregeling, regeling zonder meer, gemeenschappelijk orgaan" in str(refused.value.errors)
    with pytest.raises(PermissionDenied):
        register.save_balance_setting(demo_db, [], actors.LEZER, rule["original"])
    assert register.balance_setting(demo_db)["forms"] == ("centrumregeling", "regeling_zonder_meer")


# -- wettelijk verplicht ----------------------------------------------------------------------------------------
def _unflag_as_before_the_rule(db: Database, name: str) -> int:
    """A party as a database onboarded before the rule has it: not marked, no law remembered."""
    pid = db.scalar("SELECT id FROM party WHERE name = ?", [name])
    values = json.loads(db.scalar("SELECT register_values FROM party WHERE id = ?", [pid]))
    values.pop("mandatory_law", None)
    with db.cursor() as cur:  # the database as it was then, written before this code existed
        sql = "UPDATE party SET mandatory = false, notes = NULL, register_values = ? WHERE id = ?"
        cur.execute(sql, [json.dumps(values), pid])
    return pid


def test_a_party_taken_over_before_the_rule_is_flagged_once_then_the_gemeentes_choice_stands(
    groningen: Database,
) -> None:
    pid = _unflag_as_before_the_rule(groningen, "Veiligheidsregio Groningen")
    report = national.refresh(groningen, actors.BEHEERDER)
    row = groningen.rows("SELECT mandatory, notes, register_values FROM party WHERE id = ?", [pid])[0]
    assert row["mandatory"] is True
    assert row["notes"].startswith("Deelname wettelijk verplicht: Wet veiligheidsregio's")
    assert json.loads(row["register_values"])["mandatory_law"] == "Wet veiligheidsregio's"
    assert report.count("verplicht") == 1
    # the gemeente decides otherwise: the next refresh leaves that alone
    party = groningen.rows("SELECT * FROM party WHERE id = ?", [pid])[0]
    register.update_party(groningen, pid, {"mandatory": False}, actors.CONTROLLER, original=party)
    again = national.refresh(groningen, actors.BEHEERDER)
    assert groningen.scalar("SELECT mandatory FROM party WHERE id = ?", [pid]) is False
    assert again.count("verplicht") == 0


def test_applying_the_rules_to_parties_already_there_previews_then_marks_with_the_law(groningen: Database) -> None:
    pid = _unflag_as_before_the_rule(groningen, "GGD Groningen")
    found = mandatory.candidates(groningen)
    assert [(p["name"], p["law"]) for p in found] == [("GGD Groningen", "Wet publieke gezondheid")]
    with pytest.raises(PermissionDenied):
        mandatory.apply_to_existing(groningen, actors.LEZER)
    assert mandatory.apply_to_existing(groningen, actors.CONTROLLER) == 1
    assert groningen.scalar("SELECT mandatory FROM party WHERE id = ?", [pid]) is True
    audit = groningen.rows("SELECT actor, reason FROM audit_log WHERE entity = 'party' AND entity_id = ?", [str(pid)])
    assert audit[-1] == {"actor": actors.CONTROLLER.name, "reason": "Regel wettelijk verplicht"}
    assert mandatory.candidates(groningen) == []


def test_own_mandatory_rules_are_validated_per_row_and_drop_the_standaard_mark(groningen: Database) -> None:
    with pytest.raises(ValidationError) as refused:
        mandatory.save_setting(
            groningen, [{"words": "ggd", "law": ""}, {"words": "", "law": "Wet"}], actors.BEHEERDER, None
        )
    labels = [e.label for e in refused.value.errors]
    assert labels == ["Regel 1: wet", "Regel 2: woorden"]
    rows = [{"words": "ggd, gezondheidsdienst", "law": "Wet publieke gezondheid, art. 14"}, {"words": "", "law": ""}]
    mandatory.save_setting(groningen, rows, actors.BEHEERDER, None)
    setting = mandatory.setting(groningen)
    assert not setting["default"]
    assert setting["rules"] == [{"words": ["ggd", "gezondheidsdienst"], "law": "Wet publieke gezondheid, art. 14"}]
    _unflag_as_before_the_rule(groningen, "GGD Groningen")
    _unflag_as_before_the_rule(groningen, "Veiligheidsregio Groningen")
    assert [p["name"] for p in mandatory.candidates(groningen)] == ["GGD Groningen"]  # only the own rules count
    mandatory.apply_to_existing(groningen, actors.BEHEERDER)
    note = groningen.scalar("SELECT notes FROM party WHERE name = 'GGD Groningen'")
    assert note == "Deelname wettelijk verplicht: Wet publieke gezondheid, art. 14."  # no standaardregel mark


# -- the screen --------------------------------------------------------------------------------------------------
def test_register_settings_page_saves_the_balance_forms_and_marks_the_default(app_db: Path) -> None:
    at = run(PAGE)
    assert any("standaardregel" in i.value for i in at.info)
    chosen = at.multiselect(key=next(m.key for m in at.multiselect if m.key.endswith("-forms")))
    chosen.set_value(["centrumregeling"])
    at.button(key="FormSubmitter:balance-form-Opslaan").click().run()
    assert "De rechtsvormen zonder eigen balans zijn opgeslagen." in [s.value for s in at.success]
    assert register.balance_setting(open_database(app_db))["forms"] == ("centrumregeling",)


def test_a_lezer_sees_the_register_settings_without_editors(app_db: Path) -> None:
    at = run(PAGE, user="lezer")
    assert not at.get("data_editor") and not at.multiselect
    assert "Wet veiligheidsregio's" in at.dataframe[0].value.to_csv()


def test_register_settings_page_on_a_freshly_onboarded_gemeente(onboarded_app: Path) -> None:
    at = run(PAGE)
    assert at.title[0].value == "Register-instellingen"


# -- Excel: the dated "geen materiële risico's" ------------------------------------------------------------------
def test_dated_no_material_risks_go_round_the_excel_trip(demo_db: Database, empty_db: Database) -> None:
    pid = demo_db.scalar("SELECT id FROM party WHERE code = 'rekenkamer-voorbeeldland'")
    register.record_no_material_risks(demo_db, pid, YEAR, "03-02-2026", "Begroting 2026 RKN", actors.BEHEERDER)
    book = exporting.workbook_bytes(demo_db)
    assert {r.sheet.name for r in importing.preview(empty_db, book, "r.xlsx").rows} >= {sheets.RISK_STATEMENTS.name}
    importing.import_file(empty_db, book, "register.xlsx", actors.BEHEERDER)
    assert empty_db.rows(
        "SELECT p.code, s.year, s.stated_on, s.note FROM risk_statement s JOIN party p ON p.id = s.party_id"
    ) == [
        {
            "code": "rekenkamer-voorbeeldland",
            "year": YEAR,
            "stated_on": dt.date(2026, 2, 3),
            "note": "Begroting 2026 RKN",
        }
    ]
    assert "Geen materiële risico's" not in [c.header for c in sheets.PARTIES.columns]  # the undated flag is gone


def test_a_file_with_the_old_undated_flag_column_still_imports(demo_db: Database) -> None:
    csv = (
        "Code;Naam;Rechtsvorm;BBV-categorie;Geen materiële risico's\n"
        "nieuw-fonds;Fonds Nieuw;Stichting;Stichtingen en verenigingen;ja\n"
    ).encode()
    done = importing.import_file(demo_db, csv, "verbonden-partijen.csv", actors.BEHEERDER)
    assert done.summary().startswith("1 toegevoegd")
