"""A lezer (raad, griffie, accountant) reads every page and can change nothing: every page in their navigation
runs under AppTest without an exception and without edit controls (no form submit buttons, no data editors, no
file uploaders, no save or delete buttons), exports are still offered; and governance itself refuses every write
made with a lezer's actor, with nothing written. Real demo database, real sign-in."""

from __future__ import annotations

from pathlib import Path

import pytest

from governance import auth, finance, io, national, register, risks, roles, weerstand, workshop
from governance.core.access import PermissionDenied
from governance.core.db import Database, open_database, quote_ident
from tests import actors
from tests.apptest import ROOT, run

# Every page a signed-in user navigates to (pages/ minus the werkatelier link views and the beheerders' page),
# with the downloads a lezer must still get there.
PAGES: dict[str, set[str]] = {
    "pages/overzicht.py": set(),
    "pages/register.py": {"Exporteer naar Excel"},
    "pages/risicos.py": {"Risicoregister en matrices (Excel)", "Bruto (PNG)", "Netto (PNG)"},
    "pages/risicoprofiel.py": {"Risicoprofielen (Excel)"},
    "pages/rollen.py": set(),
    "pages/financien.py": set(),
    "pages/weerstandsvermogen.py": set(),
    "pages/werkatelier.py": set(),
    "pages/ontwikkelagenda.py": set(),
    "pages/beheer.py": {"Download Excel (.xlsx)", "Download alle CSV-bestanden (.zip)"},
    "pages/risico_instellingen.py": {"Opgeslagen matrix als YAML"},
    "pages/register_instellingen.py": set(),
    "pages/begrippen.py": set(),
    "pages/rapportages.py": set(),  # the downloads appear once the files are made
    "pages/pc_kalender.py": {"P&C-kalender (.ics)"},
    "pages/organisatie.py": set(),
}
LINK_VIEWS = {"pages/deelnemer.py", "pages/projector.py"}  # werkatelier by link: their own guard
BEHEERDERS_ONLY = {"pages/gebruikers.py"}
# Buttons that change nothing: going back, closing a detail view; and joining a werkatelier with its code (the
# participant view a visitor without any account also reaches; it writes as an anonymous participant).
READING_BUTTONS = {"← Terug naar het register", "Sluiten", "Deelnemen"}
READING_BUTTONS |= {"Maak Word en PDF"}  # Rapportages: renders the files, writes nothing


def test_the_list_covers_every_page() -> None:
    found = {f"pages/{p.name}" for p in (ROOT / "pages").glob("*.py")}
    assert found == set(PAGES) | LINK_VIEWS | BEHEERDERS_ONLY


def edit_controls(at) -> list[str]:
    """What in the main area would let the user change something."""
    found = []
    for button in at.main.get("button"):
        label = button.proto.label
        if label not in READING_BUTTONS:
            found.append(f"button {label!r}" + (" (form)" if button.proto.form_id else ""))
    found += [f"data editor {e.proto.id[:20]}" for e in at.main.get("dataframe") if e.proto.editing_mode != 0]
    found += [f"file uploader {e.proto.label!r}" for e in at.main.get("file_uploader")]
    found += [f"form {e.proto.form.form_id!r}" for e in at.main.get("form") if e.proto.form.form_id != "ws-join-code"]
    return found


def downloads(at) -> set[str]:
    return {e.proto.label for e in at.main.get("download_button")}


@pytest.fixture
def lezer_app(app_db: Path) -> Path:
    """The demo with the national register loaded (a beheerder opened 'Kies uw organisatie' once)."""
    national.ensure_national(open_database(app_db), actors.BEHEERDER)
    return app_db


@pytest.mark.parametrize("page", list(PAGES))
def test_a_lezer_sees_every_page_without_edit_controls(lezer_app: Path, page: str) -> None:
    at = run(page, user="lezer")  # switch_page fails for a page missing from the lezer's navigation
    assert at.title, "the page shows nothing"
    assert edit_controls(at) == []
    assert PAGES[page] <= downloads(at)


def _first(db: Database, sql: str) -> object:
    return db.scalar(sql)


def test_a_lezer_sees_a_party_and_its_risk_without_edit_controls(lezer_app: Path) -> None:
    db = open_database(lezer_app)
    code = _first(db, "SELECT p.code FROM party p JOIN risk r ON r.party_id = p.id ORDER BY p.name LIMIT 1")
    at = run("pages/register.py", query={"partij": code}, user="lezer")
    assert at.title[0].value == db.scalar("SELECT name FROM party WHERE code = ?", [code])
    assert [t.label for t in at.tabs][:5] == ["Algemeen", "Deelnemers", "Financiën", "Vertegenwoordiging", "Risico's"]
    assert edit_controls(at) == []
    box = at.selectbox(key=f"party-risk-{db.scalar('SELECT id FROM party WHERE code = ?', [code])}")
    assert box.label == "Risico bekijken"
    rid = db.scalar("SELECT min(r.id) FROM risk r JOIN party p ON p.id = r.party_id WHERE p.code = ?", [code])
    box.set_value(rid).run()
    assert not at.exception and edit_controls(at) == []
    assert "Beheersmaatregelen" in [t.label for t in at.tabs]  # the measures and history, read-only


def test_a_lezer_opens_a_risk_by_link_without_edit_controls(lezer_app: Path) -> None:
    rid = _first(open_database(lezer_app), "SELECT min(id) FROM risk")
    at = run("pages/risicos.py", query={"risico": str(rid)}, user="lezer")
    assert edit_controls(at) == []
    assert {"Beheersmaatregelen", "Geschiedenis"} <= {t.label for t in at.tabs}


def test_before_the_national_register_is_loaded_a_lezer_gets_a_note(app_db: Path) -> None:
    at = run("pages/organisatie.py", user="lezer")
    assert at.title[0].value == "Kies uw organisatie"
    assert [i.value for i in at.info] == [
        "Het landelijk register is nog niet geladen. Dat gebeurt zodra een beheerder deze pagina opent."
    ]
    assert edit_controls(at) == []


def test_the_same_pages_keep_their_edit_controls_for_a_beheerder(lezer_app: Path) -> None:
    """The check above is not vacuous: the controls it looks for are there for a role that may use them."""
    for page in ("pages/register.py", "pages/risicos.py", "pages/rollen.py", "pages/risico_instellingen.py"):
        assert edit_controls(run(page)), page


# -- governance refuses a lezer whatever a page shows ------------------------------------------------------------
def _state(db: Database) -> dict[str, str]:
    """Every table's content as one digest per table: 'nothing written' means these are all unchanged."""
    tables = [r["table_name"] for r in db.rows("SELECT table_name FROM duckdb_tables() ORDER BY table_name")]
    digest = "SELECT md5(string_agg(CAST(x AS VARCHAR), '|' ORDER BY CAST(x AS VARCHAR))) FROM {} x"
    return {t: str(db.scalar(digest.format(quote_ident(t)))) for t in tables}


def _writes(db: Database, lezer) -> dict[str, object]:
    party = db.rows("SELECT * FROM party ORDER BY id LIMIT 1")[0]
    risk = db.rows("SELECT * FROM risk ORDER BY id LIMIT 1")[0]
    person = db.rows("SELECT * FROM person ORDER BY id LIMIT 1")[0]
    new_party = {"name": "Nieuwe partij", "legal_form": "stichting", "bbv_category": "stichting_vereniging"}
    return {
        "register.create_party": lambda: register.create_party(db, new_party, lezer),
        "register.update_party": lambda: register.update_party(db, party["id"], {"seat": "Elders"}, lezer, party),
        "register.archive_party": lambda: register.archive_party(db, party["id"], lezer, party, "reden"),
        "register.save_year": lambda: register.save_year(
            db, party["id"], {"year": 2030, "kind": "begroting", "contribution": 1}, lezer, None
        ),
        "roles.save_person": lambda: roles.save_person(db, {**person, "name": "Ander"}, lezer, person["id"], person),
        "roles.save_settings": lambda: roles.save_settings(db, 5, 60, [], lezer, roles.settings_rows(db)),
        "risks.create_risk": lambda: risks.create_risk(db, {"party_id": party["id"], "title": "Nieuw"}, lezer),
        "risks.update_risk": lambda: risks.update_risk(db, risk["id"], {"title": "Anders"}, lezer, risk),
        "risks.save_rubric": lambda: risks.save_rubric(db, risks.get_rubric(db), lezer, risks.rubric_row(db)),
        "weerstand.save_capacity": lambda: weerstand.save_capacity(
            db, {"algemene_reserve": 1}, lezer, weerstand.capacity(db)["original"]
        ),
        "io.import_file": lambda: io.import_file(db, io.workbook_bytes(db), "export.xlsx", lezer),
        "national.refresh": lambda: national.refresh(db, lezer),
        "workshop.create_session": lambda: workshop.create_session(
            db, {"title": "Sessie", "risk_ids": [risk["id"]]}, lezer
        ),
        "auth.add_user": lambda: auth.add_user(db, {"name": "nieuw", "role": "beheerder"}, lezer, "x" * 20),
        "auth.set_session_hours": lambda: auth.set_session_hours(db, 2, lezer, None),
        "finance.acknowledge": lambda: finance.acknowledge(db, "negatief_ev:x:2025", "gezien en akkoord", lezer),
        "finance.save": lambda: finance.save(db, {"index_pct": "5"}, lezer, None),
    }


def test_governance_refuses_every_write_of_a_lezer_and_writes_nothing(demo_db: Database) -> None:
    before = _state(demo_db)
    refused = {}
    for name, write in _writes(demo_db, actors.LEZER).items():
        with pytest.raises(PermissionDenied) as caught:
            write()
        refused[name] = str(caught.value)
    assert all(m.startswith("U bent aangemeld als lezer; die rol mag niet ") for m in refused.values()), refused
    assert all(m.endswith("Er is niets gewijzigd.") for m in refused.values())
    assert _state(demo_db) == before
