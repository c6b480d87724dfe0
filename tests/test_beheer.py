"""The Beheer page under AppTest: export buttons, upload with preview and import, and the audit log."""

from __future__ import annotations

from pathlib import Path

from governance import io, register
from governance.core import labels
from governance.core.db import open_database
from governance.demo import loader as demo
from tests import actors, demo_facts
from tests.apptest import run
from tests.test_spreadsheet import BAD, DATA, DEMO_FILES

PAGE = "pages/beheer.py"
ACTIONS = {"insert": "Toegevoegd", "update": "Gewijzigd", "archive": "Gearchiveerd", "delete": "Verwijderd"}


def downloads(at) -> list[str]:
    return [e.proto.label for e in at.main.get("download_button")]


def frames(at) -> list:
    return [d.value for d in at.dataframe]


def test_beheer_offers_every_export(app_db: Path) -> None:
    at = run(PAGE)
    assert at.title[0].value == "Beheer"
    assert [t.label for t in at.tabs] == ["Exporteren", "Importeren", "Logboek"]
    assert downloads(at) == [
        "Download Excel (.xlsx)",
        "Download alle CSV-bestanden (.zip)",
        "Download Verbonden partijen (.csv)",
    ]
    at.selectbox(key="beheer-csv").select("risicos").run()
    assert downloads(at)[-1] == "Download Risico's (.csv)"


def test_register_page_has_an_excel_download(app_db: Path) -> None:
    at = run("pages/register.py")
    assert "Exporteer naar Excel" in downloads(at)


def test_audit_log_shows_the_demo_load_newest_first(app_db: Path) -> None:
    at = run(PAGE)
    log = at.tabs[2].table[0].value
    assert list(log.columns) == ["Wanneer", "Wie", "Actie", "Wat", "Welke", "Wijzigingen", "Reden"]
    db = open_database(app_db)
    total = int(db.scalar("SELECT count(*) FROM audit_log"))
    # every demo row is at least one audited insert (the setting naming our organisation is one more)
    assert total >= sum(len(demo_facts.csv(n)) for n in DEMO_FILES) + 1
    assert len(log) == min(register.PAGE_SIZE, total)
    assert set(log["Wie"]) == {demo.ACTOR.name, "tests (opdrachtregel)"}  # the demo, and the test users added
    newest = db.rows(
        "SELECT DISTINCT action FROM (SELECT action FROM audit_log ORDER BY id DESC LIMIT ?)", [register.PAGE_SIZE]
    )
    assert set(log["Actie"]) == {ACTIONS[r["action"]] for r in newest}
    assert any(f"het logboek bevat er {total} in totaal" in c.value for c in at.tabs[2].caption)
    last = db.rows("SELECT entity FROM audit_log ORDER BY id DESC LIMIT 1")[0]

    assert log.iloc[0]["Wat"] == labels.entity(last["entity"])


def test_audit_log_filters_on_what(app_db: Path) -> None:
    at = run(PAGE)
    at.multiselect(key="log-what").select("person").run()
    log = at.tabs[2].table[0].value
    assert len(log) == len(demo_facts.csv("persons"))
    assert sorted(log["Welke"]) == sorted(demo_facts.csv("persons")["name"])
    at.multiselect(key="log-action").select("update").run()
    assert not at.tabs[2].table and "Geen wijzigingen met deze keuze." in [i.value for i in at.tabs[2].info]


def test_upload_shows_preview_then_imports_and_logs_who(app_db: Path) -> None:
    name = "partijen-utf8-bom.csv"
    at = run(PAGE, user="controller")
    at.file_uploader[0].set_value((name, (DATA / "good" / name).read_bytes(), "text/csv")).run()
    counts, details = frames(at)[0], frames(at)[1]
    assert counts.to_dict("records") == [
        {"Tabblad": "Verbonden partijen", "Toevoegen": 1, "Wijzigen": 1, "Ongewijzigd": 0, "Afgewezen": 0}
    ]
    assert details["Sleutel"].tolist() == ["fonds-voorbeeld", "vr-voorbeeldland", "vr-voorbeeldland"]
    assert details.iloc[1][["Kolom", "Nu", "Wordt"]].tolist() == ["Vestigingsplaats", "Kolkerveld", "Nieuwdorp"]
    db = open_database(app_db)
    assert db.scalar("SELECT seat FROM party WHERE code = 'vr-voorbeeldland'") == "Kolkerveld"  # only a preview

    at.button(key="beheer-import").click().run()
    assert not at.exception
    assert f"Import uit '{name}' uitgevoerd: 1 toegevoegd, 1 gewijzigd, 0 ongewijzigd." in [s.value for s in at.success]
    assert db.scalar("SELECT seat FROM party WHERE code = 'vr-voorbeeldland'") == "Nieuwdorp"
    assert db.scalar("SELECT name FROM party WHERE code = 'fonds-voorbeeld'") == "Stichting Fonds Voorbeeld"
    log = at.tabs[2].table[0].value
    assert log.iloc[:2]["Wie"].tolist() == [actors.CONTROLLER.name] * 2
    assert log.iloc[:2]["Reden"].tolist() == [f"Import uit '{name}'"] * 2
    assert at.file_uploader[0].value is None  # the uploader starts empty again


def test_bad_upload_lists_every_problem_and_offers_no_import(app_db: Path) -> None:
    name = "negatief-bedrag.csv"
    db = open_database(app_db)
    before = db.scalar("SELECT count(*) FROM audit_log")
    at = run(PAGE)
    at.file_uploader[0].set_value((name, (DATA / "bad" / name).read_bytes(), "text/csv")).run()
    assert at.error[0].value.startswith("Er wordt niets geïmporteerd: het bestand heeft 1 fout.")
    problems = next(f for f in frames(at) if "Fout" in f.columns)
    assert problems["Fout"].tolist() == BAD[name]
    assert not [b for b in at.button if b.key == "beheer-import"]
    assert db.scalar("SELECT count(*) FROM audit_log") == before


def test_upload_equal_to_the_register_offers_no_import(app_db: Path) -> None:
    content = io.csv_bytes(open_database(app_db), io.PARTIES)  # a fresh export: nothing to add or change
    at = run(PAGE)
    at.file_uploader[0].set_value(("partijen.csv", content, "text/csv")).run()
    assert frames(at)[0].to_dict("records") == [
        {
            "Tabblad": "Verbonden partijen",
            "Toevoegen": 0,
            "Wijzigen": 0,
            "Ongewijzigd": len(demo_facts.parties()),
            "Afgewezen": 0,
        }
    ]
    assert "Het bestand bevat geen wijzigingen ten opzichte van het register." in [i.value for i in at.info]
    assert not [b for b in at.button if b.key == "beheer-import"]


def test_audit_log_filter_offers_every_audited_entity_but_not_the_log_itself(app_db: Path) -> None:
    options = run(PAGE).multiselect(key="log-what").options
    assert "Verbonden partij" in options and "Jaarcijfers" in options and "Risico" in options
    assert "Logboek" not in options and "Gegevens" not in options
    assert len(options) == len(labels.ENTITIES) - 2
