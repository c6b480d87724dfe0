"""Art. 1 BBV: only a party with both a bestuurlijk and a financieel belang is a verbonden partij. The rule, its
storage and validation, onboarding a real gemeente from the shipped national register, the demo, the Excel round
trip, and the pages (party form, bulk form, Overzicht) on real DuckDB files."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from governance import national, register
from governance.core import labels
from governance.core.db import Database, open_database
from governance.core.errors import ConflictError, ValidationError
from governance.io import exporting as export
from governance.io import importing
from governance.roles import signal_rules
from tests import actors, demo_facts
from tests.apptest import metric, run

ROOT = Path(__file__).resolve().parent.parent
GRONINGEN = "gm0014"
NIJ_BEGUN = "Nij Begun"
BESCHERMD_WONEN = "Centrumregeling beschermd wonen"
YES = {"control_interest": True, "control_ground": "zetel", "financial_interest": True, "financial_ground": "bijdrage"}


# -- the rule ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("party", "status"),
    [
        ({"legal_form": "openbaar_lichaam", **YES}, "ja"),
        ({"legal_form": "stichting", "control_interest": True, "financial_interest": False}, "nee"),
        ({"legal_form": "stichting", "control_interest": False, "financial_interest": None}, "nee"),
        ({"legal_form": "nv", "control_interest": True, "financial_interest": None}, "te_beoordelen"),
        ({"legal_form": "nv"}, "te_beoordelen"),
        ({"legal_form": "centrumregeling", **YES}, "te_beoordelen"),  # is the gemeente the centrumgemeente?
        ({"legal_form": "centrumregeling", **YES, "centre_municipality": True}, "nee"),
        ({"legal_form": "centrumregeling", **YES, "centre_municipality": False}, "ja"),
        ({"legal_form": "centrumregeling", "centre_municipality": True}, "nee"),
    ],
)
def test_status_needs_both_belangen(party: dict, status: str) -> None:
    found = register.determine(party)
    assert found.status == status
    assert found.reason  # always a reason in words


def test_reason_names_the_grounds_and_what_is_missing() -> None:
    assert register.determine({"legal_form": "nv", **YES}).reason == (
        "Bestuurlijk belang (zetel in een orgaan (ab, db, bestuur, ava, rvc)) en financieel belang "
        "(bijdrage die bij faillissement niet terugkomt)."
    )
    assert "financieel belang" in register.determine({"legal_form": "nv", "control_interest": True}).reason
    assert "zelf de centrumgemeente" in register.determine({"legal_form": "centrumregeling"}).reason


def test_a_yes_needs_its_ground_and_a_no_has_none(empty_db: Database) -> None:
    base = {"name": "Stichting X", "legal_form": "stichting", "bbv_category": "stichting_vereniging"}
    with pytest.raises(ValidationError) as exc:
        register.create_party(
            empty_db, {**base, "control_interest": "ja", "financial_interest": "nee", "financial_ground": "lening"},
            actors.BEHEERDER,
        )  # fmt: skip
    assert {(e.label, e.message) for e in exc.value.errors} == {
        ("Grond bestuurlijk belang", "kies de grond (het belang is 'ja')"),
        ("Grond financieel belang", "past alleen bij 'ja'; laat leeg of kies 'ja'"),
    }
    pid = register.create_party(
        empty_db, {**base, "control_interest": "ja", "control_ground": "zetel"}, actors.BEHEERDER
    )
    stored = empty_db.rows("SELECT * FROM party WHERE id = ?", [pid])[0]
    assert (stored["control_interest"], stored["financial_interest"]) == (True, None)  # empty stays 'to assess'


# -- onboarding a real gemeente ---------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def groningen(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("gm0014") / "groningen.duckdb"
    db = open_database(path)
    national.adopt(db, GRONINGEN, actors.BEHEERDER)
    db.close()
    return path


def _by_name(db: Database, needle: str) -> dict:
    found = [r for r in db.rows("SELECT * FROM party") if needle in r["name"] or needle in (r["regeling_name"] or "")]
    assert len(found) == 1, needle
    return found[0]


def test_groningen_regelingen_zonder_meer_and_centrumregeling_are_to_be_assessed(groningen: Path) -> None:
    db = open_database(groningen)
    nij_begun, wonen = _by_name(db, NIJ_BEGUN), _by_name(db, BESCHERMD_WONEN)
    assert (nij_begun["legal_form"], wonen["legal_form"]) == ("regeling_zonder_meer", "centrumregeling")
    for party in (nij_begun, wonen):
        assert register.determine(party).status == "te_beoordelen"
        assert party["control_interest"] is None and party["financial_interest"] is None
        assert "art. 1 BBV" in party["vp_notes"]  # the reason, stored with the party
    assert "geen eigen bestuursorganen" in nij_begun["vp_notes"]
    assert "centrumgemeente" in wonen["vp_notes"] and wonen["centre_municipality"] is None  # never guessed
    # the openbare lichamen and bedrijfsvoeringsorganisaties are presumed, and the note says so
    presumed = db.rows("SELECT * FROM party WHERE legal_form IN ('openbaar_lichaam', 'bedrijfsvoeringsorganisatie')")
    assert presumed and all(register.determine(p).status == "ja" for p in presumed)
    assert all("(standaardregel)" in p["vp_notes"] for p in presumed)


def test_groningen_counts_only_verbonden_partijen(groningen: Path) -> None:
    db = open_database(groningen)
    parties = register.determinations(db)
    verbonden = parties[parties["vp_status"] == "ja"]
    pending = set(parties.loc[parties["vp_status"] == "te_beoordelen", "id"])
    assert len(parties) == 13 and len(verbonden) == 10 and len(pending) == 3
    kf = register.key_figures(db, 2026)
    assert kf.parties == len(verbonden) and kf.per_category["gemeenschappelijke_regeling"] == len(verbonden)
    assert kf.per_status == {"ja": 10, "nee": 0, "te_beoordelen": 3}
    gaps = register.gaps(db, 2026)
    assert set(gaps["party_id"]) == set(verbonden["id"]) and not pending & set(gaps["party_id"])
    summary = register.summary(db)
    assert summary["per_bbv_category"]["gemeenschappelijke_regeling"] == 10
    assert summary["counts"]["party"] == 13  # every regeling is imported, and stays visible in the register


def test_onboarding_report_names_each_regeling_to_assess(tmp_path: Path) -> None:
    db = open_database(tmp_path / "g.duckdb")
    report = national.adopt(db, GRONINGEN, actors.BEHEERDER)
    pending = {f.regeling: f.detail for f in report.findings if f.kind == "te_beoordelen"}
    assert len(pending) == 3
    assert any(NIJ_BEGUN in name and "Regeling zonder meer" in why for name, why in pending.items())
    assert any(BESCHERMD_WONEN in name and "centrumgemeente" in why for name, why in pending.items())
    assert report.count("aangenomen") == 10


def test_the_presumption_is_a_setting(tmp_path: Path) -> None:
    db = open_database(tmp_path / "g.duckdb")
    db.write(lambda tx: tx.put_setting(register.PRESUMPTION_KEY, {}, None), actors.BEHEERDER, "settings")
    national.adopt(db, GRONINGEN, actors.BEHEERDER)
    assert set(register.determinations(db)["vp_status"]) == {"te_beoordelen"}  # nothing presumed


def test_cli_init_groningen_and_summary(tmp_path: Path) -> None:
    path = str(tmp_path / "x.duckdb")
    init = subprocess.run(
        [sys.executable, "-m", "governance", "init", "--organisation", GRONINGEN, "--db", path],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )  # fmt: skip
    assert init.returncode == 0, init.stderr
    lines = [line for line in init.stdout.splitlines() if line.startswith("  - Nog te beoordelen")]
    assert len(lines) == 3 and any(NIJ_BEGUN in line for line in lines)
    assert any(BESCHERMD_WONEN in line and "centrumgemeente" in line for line in lines)
    summary = subprocess.run(
        [sys.executable, "-m", "governance", "summary", "--db", path], capture_output=True, text=True, cwd=ROOT
    ).stdout
    assert "  Verbonden partij                           10" in summary
    assert "  Nog te beoordelen                           3" in summary


# -- the demo ---------------------------------------------------------------------------------------------------
def test_demo_zero_belang_parties_have_a_reasoned_status(demo_db: Database) -> None:
    figures = demo_facts.csv("party_years")
    money = ["interest_begin", "interest_end", "loans", "guarantees"]
    zero = {
        code
        for code, rows in figures.groupby("party")
        if all(float(x or 0) == 0 for x in rows[money].fillna(0).to_numpy().ravel())
    }
    assert zero == {"woonruimte-voorbeeldland", "cultuurhuis-voorbeeld", "parkmanagement-voorbeeld-noord",
                    "vsg-voorbeeldland"}  # fmt: skip
    parties = register.determinations(demo_db).set_index("code")
    for code in zero:
        assert parties.loc[code, "vp_status"] != "ja", code
        assert parties.loc[code, "vp_notes"], code  # with the reason
    assert parties.loc["cultuurhuis-voorbeeld", "vp_status"] == "te_beoordelen"
    assert register.key_figures(demo_db, 2026).parties == len(demo_facts.verbonden(2026))


def test_role_signals_only_for_verbonden_partijen(demo_db: Database) -> None:
    found = signal_rules.signals(demo_db, dt.date(2026, 11, 24))
    outside = set(demo_facts.parties()["code"]) - set(demo_facts.verbonden()["code"])
    assert outside and not outside & set(found["party_code"].dropna())


# -- writes -----------------------------------------------------------------------------------------------------
def test_a_stale_determination_is_refused(demo_db: Database) -> None:
    party = register.party_by_code(demo_db, "cultuurhuis-voorbeeld")
    register.save_determination(demo_db, party["id"], {**YES, "vp_notes": "eerst"}, actors.CONTROLLER, party)
    with pytest.raises(ConflictError):
        register.save_determination(demo_db, party["id"], {"control_interest": False}, actors.BEHEERDER, party)
    after = register.party_by_code(demo_db, "cultuurhuis-voorbeeld")
    assert register.determine(after).status == "ja" and after["vp_notes"] == "eerst"
    audit = demo_db.rows("SELECT actor, after FROM audit_log WHERE entity = 'party' ORDER BY id DESC LIMIT 1")
    assert audit[0]["actor"] == actors.CONTROLLER.name


def test_bulk_determination_is_all_or_nothing(demo_db: Database) -> None:
    rows = {r["id"]: r for r in demo_db.rows("SELECT * FROM party WHERE code IN ('woonruimte-voorbeeldland', "
                                             "'cultuurhuis-voorbeeld', 'jeugdzorg-kolkerveld')")}  # fmt: skip
    values = {**YES, "centre_municipality": True, "vp_notes": "Besloten in het MT"}
    # someone saves one of them in between: nothing of the bulk is saved
    one = next(r for r in rows.values() if r["code"] == "woonruimte-voorbeeldland")
    register.update_party(demo_db, one["id"], {"notes": "tussendoor"}, actors.CONTROLLER, one)
    with pytest.raises(ConflictError):
        register.determine_parties(demo_db, rows, values, actors.BEHEERDER)
    assert demo_db.scalar("SELECT count(*) FROM party WHERE vp_notes = 'Besloten in het MT'") == 0
    fresh = {r["id"]: r for r in demo_db.rows("SELECT * FROM party WHERE id IN (SELECT unnest(?))", [list(rows)])}
    assert register.determine_parties(demo_db, fresh, values, actors.BEHEERDER) == 3
    after = register.determinations(demo_db).set_index("code")
    assert after.loc["woonruimte-voorbeeldland", "vp_status"] == "ja"
    assert after.loc["jeugdzorg-kolkerveld", "vp_status"] == "nee"  # the centrumgemeente itself
    assert pd.isna(after.loc["cultuurhuis-voorbeeld", "centre_municipality"])  # only asked of a centrumregeling


# -- the Excel round trip ---------------------------------------------------------------------------------------
def test_excel_carries_the_determination_and_reads_it_back(demo_db: Database, empty_db: Database) -> None:
    data = export.workbook_bytes(demo_db)
    book = openpyxl.load_workbook(__import__("io").BytesIO(data))
    sheet = book["Verbonden partijen"]
    header = [c.value for c in sheet[1]]
    column = {h: header.index(h) for h in header}
    rows = {r[0].value: r for r in sheet.iter_rows(min_row=2)}
    assert rows["vsg-voorbeeldland"][column["Financieel belang"]].value == "nee"
    assert rows["cultuurhuis-voorbeeld"][column["Bestuurlijk belang"]].value is None  # empty: to be assessed
    assert rows["sport-voorbeeld"][column["Grond financieel belang"]].value == labels.FINANCIAL_GROUNDS["garantie"]
    assert rows["cultuurhuis-voorbeeld"][column["Toelichting beoordeling verbonden partij"]].value.startswith(
        "Subsidie"
    )
    legend = [r[1] for r in export.legend_rows(demo_db) if len(r) > 1]
    assert "Bestuurlijk belang" in legend and "Verbonden partij" in [r[0] for r in export.legend_rows(demo_db) if r]
    # a controller fills in the determination in Excel and imports it again
    rows["cultuurhuis-voorbeeld"][column["Bestuurlijk belang"]].value = "ja"
    rows["cultuurhuis-voorbeeld"][column["Grond bestuurlijk belang"]].value = "zetel"
    rows["cultuurhuis-voorbeeld"][column["Financieel belang"]].value = "nee"
    out = __import__("io").BytesIO()
    book.save(out)
    importing.import_file(demo_db, out.getvalue(), "register.xlsx", actors.CONTROLLER)
    party = register.party_by_code(demo_db, "cultuurhuis-voorbeeld")
    assert (party["control_ground"], register.determine(party).status) == ("zetel", "nee")


# -- the pages --------------------------------------------------------------------------------------------------
def _radio(at, label: str):
    return next(r for r in at.radio if r.label == label)


def test_party_page_shows_the_status_and_records_the_determination(app_db: Path) -> None:
    at = run("pages/register.py", {"partij": "cultuurhuis-voorbeeld"})
    assert at.warning[0].value.startswith("Nog te beoordelen.")
    assert "Niet van toepassing" in " ".join(c.value for c in at.caption)  # no BBV art. 15 checklist
    _radio(at, "Bestuurlijk belang").set_value("ja")
    next(s for s in at.selectbox if s.label == "Grond bestuurlijk belang").set_value("zetel")
    _radio(at, "Financieel belang").set_value("nee")
    next(b for b in at.button if b.label == "Beoordeling opslaan").click().run()
    assert not at.exception
    party = register.party_by_code(open_database(app_db), "cultuurhuis-voorbeeld")
    assert (party["control_interest"], party["financial_interest"]) == (True, False)
    assert any(i.value.startswith("Geen verbonden partij (samenwerking).") for i in at.info)


def test_party_page_refuses_a_yes_without_ground(app_db: Path) -> None:
    at = run("pages/register.py", {"partij": "cultuurhuis-voorbeeld"})
    _radio(at, "Financieel belang").set_value("ja")
    next(b for b in at.button if b.label == "Beoordeling opslaan").click().run()
    assert "**Grond financieel belang**: kies de grond (het belang is 'ja')" in [e.value for e in at.error]


def test_overzicht_shows_the_parties_to_assess_as_a_to_do(app_db: Path) -> None:
    at = run()
    assert metric(at, "Verbonden partijen") == str(len(demo_facts.verbonden()))
    assert at.warning[0].value.startswith("1 partij is nog niet beoordeeld als verbonden partij")
    link = next(e for e in at.main.get("page_link") if e.proto.label == "Nog te beoordelen")
    assert "vp=te_beoordelen" in link.proto.query_string
    at = run("pages/register.py", {"vp": "te_beoordelen"})
    assert list(at.dataframe[0].value["Naam"]) == ["Stichting Cultuurhuis Voorbeeld"]
