"""Kies uw organisatie under AppTest: a new database opens it first, choosing a gemeente fills the register, the
demo can be loaded or replaced, a real register can be brought up to date, and rwt parties can be added. Expected
names come from the committed real subset (tests/roo_facts.py), which holds every regeling of Mook en Middelaar."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from governance.core import db as dbmod
from governance.core.db import open_database
from governance.national import onboarding as national
from tests import actors, demo_facts
from tests import roo_facts as facts
from tests.apptest import metric, run

MOOK = "gm0944"


def expected_names() -> list[str]:
    out = []
    for record in facts.regelingen_of(facts.SUBSET, MOOK):
        body = (record["gr_meta"].get("regionaal_samenwerkingsorgaan") or {}).get("naam")
        out.append((body or record["names"][-1]["value"]).strip())
    return sorted(out)


@pytest.fixture
def new_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A database file that does not exist yet, at a path other than the default one."""
    path = tmp_path / "nieuw.duckdb"
    monkeypatch.setenv("GOVERNANCE_DB", str(path))
    yield path
    open_database(path).close()


def test_new_database_opens_kies_uw_organisatie_and_fills_the_register(new_db: Path) -> None:
    at = run()
    assert at.title[0].value == "Kies uw organisatie"
    assert "Deze database is nog leeg." in at.markdown[0].value
    choice = at.selectbox(key="org-choice")
    assert len(choice.options) == 342 + 12 + 21
    assert "Gemeente Mook en Middelaar" in choice.options  # the official name: what one types is ranked against it
    choice.select(MOOK).run()
    assert "Gemeente · provincie Limburg · 8.103 inwoners" in [c.value for c in at.caption]
    assert at.subheader[0].value == "11 regelingen in werking waarin Gemeente Mook en Middelaar deelneemt"
    assert sorted(at.dataframe[0].value["Naam"]) == expected_names()
    at.button(key="org-adopt").click().run()
    assert not at.exception
    assert "Het register van Gemeente Mook en Middelaar is gevuld uit het landelijk register." in [
        s.value for s in at.success
    ]
    assert metric(at, "Regelingen in werking") == "11" and metric(at, "Toegevoegd") == "11"
    problems, information = (d.value for d in at.dataframe[:2])
    assert "Deelnemer bestaat niet meer (opgeheven of samengevoegd): uitgetreden per die datum" in set(
        information["Soort"]
    )
    assert metric(at, "Problemen") == str(len(problems))  # one row per kind and regeling here
    register = run("pages/register.py")
    assert sorted(register.dataframe[0].value["Naam"]) == expected_names()
    assert set(register.dataframe[0].value["Categorie"]) == {"GR"}
    shown = register.dataframe[0].value
    assert set(shown["Verbonden partij"]) == {"Ja", "Nog te beoordelen"}
    for vp, bbv in zip(shown["Verbonden partij"], shown.iloc[:, -1], strict=True):  # figures: a BBV gap
        assert bbv.startswith("✗") if vp == "Ja" else bbv == "n.v.t."
    assert "Register van Gemeente Mook en Middelaar." in [c.value for c in register.sidebar.caption]


def test_new_database_can_load_the_demo_instead(new_db: Path) -> None:
    at = run()
    at.button(key="org-demo").click().run()
    at = run()
    assert metric(at, "Verbonden partijen") == str(len(demo_facts.verbonden()))


def test_default_database_still_starts_with_the_demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    default = tmp_path / "data" / "verbonden.duckdb"
    monkeypatch.delenv("GOVERNANCE_DB", raising=False)
    monkeypatch.setattr(dbmod, "DEFAULT_PATH", default)
    monkeypatch.setattr("ui.data.DEFAULT_PATH", default)
    try:
        at = run()
        assert at.title[0].value.startswith("Overzicht verbonden partijen")
        assert metric(at, "Verbonden partijen") == str(len(demo_facts.verbonden()))
    finally:
        open_database(default).close()


def test_beheer_replaces_the_demo_after_confirmation(app_db: Path) -> None:
    at = run("pages/organisatie.py")
    assert at.info[0].value.startswith("Deze database bevat de fictieve demogemeente.")
    at.selectbox(key="org-choice").select(MOOK).run()
    assert at.button(key="org-adopt").disabled
    at.checkbox(key="org-confirm").check().run()
    at.button(key="org-adopt").click().run()
    db = open_database(app_db)
    assert db.scalar("SELECT count(*) FROM organisation WHERE fictitious") == 0
    assert sorted(r["name"] for r in db.rows("SELECT name FROM party")) == expected_names()
    headline = "Demogegevens vervangen voor Gemeente Mook en Middelaar (gm0944) uit het landelijk register"
    assert any(m.value.startswith(headline) for m in at.markdown)


def test_real_register_is_brought_up_to_date_and_takes_rwt_parties(new_db: Path) -> None:
    national.adopt(open_database(new_db), MOOK, actors.named("tester"))
    at = run("pages/organisatie.py")
    assert at.success[0].value.startswith("Dit register hoort bij **Gemeente Mook en Middelaar** (gm0944).")
    at.button[0].click().run()  # Bijwerken uit het landelijk register: nothing changed in between
    assert "Het register is bijgewerkt." in [s.value for s in at.success]
    assert metric(at, "Toegevoegd") == "0" and metric(at, "Bijgewerkt") == "0"
    at.text_input(key="rwt-search").input("Evides").run()
    assert at.selectbox(key="rwt-pick").options[0].startswith("Evides N.V. · Naamloze vennootschap (NV)")
    at.button(key="rwt-add").click().run()
    assert "Evides N.V. is toegevoegd aan het register." in [s.value for s in at.success]
    db = open_database(new_db)
    assert db.scalar("SELECT legal_form FROM party WHERE name = 'Evides N.V.'") == "nv"
    at.text_input(key="rwt-search").input("bestaat-zeker-niet").run()
    assert at.warning[0].value == "Geen organisatie in de RWT-lijst met 'bestaat-zeker-niet' in naam of KvK-nummer."


def test_register_detail_shows_the_source_record(new_db: Path) -> None:
    db = open_database(new_db)
    national.adopt(db, MOOK, actors.named("tester"))
    code, roo = db.rows("SELECT code, roo_id FROM party WHERE name = 'Euregio Rijn-Waal'")[0].values()
    at = run("pages/register.py", {"partij": code})
    facts_shown = [m.value for m in at.tabs[0].markdown]
    assert any(f"(https://organisaties.overheid.nl/{roo}/" in m for m in facts_shown)
    assert any(m.startswith("**Uitvoerend orgaan**  \nEuregio Rijn-Waal") for m in facts_shown)
    deelnemers = at.tabs[1].dataframe[0].value
    boxmeer = deelnemers[deelnemers["Deelnemer"] == "Gemeente Boxmeer"].iloc[0]
    assert boxmeer["Uitgetreden"] == "01-01-2022"


def test_report_splits_problems_from_information() -> None:
    report = national.Report({"code": MOOK, "name": "Mook"}, {}, "nieuw")
    report.add("nieuw", "Regeling A")  # taken over: information
    report.add("ontbreekt", "Regeling A", "KvK-nummer")  # never in the register: information with a to-do
    report.add("opgeheven", "Regeling B", "Gemeente Boxmeer")  # handled: the deelnemer left on that day
    report.add("zonder_code", "Regeling B", "Gemeinde Alpen")
    report.add("te_beoordelen", "Regeling C", "centrumregeling beschermd wonen")  # asks for a judgement
    report.add("geen_doel", "Regeling D")
    report.add("geen_doel", "Regeling E")
    assert report.problem_count() == 3
    assert list(report.problems()["Regeling"]) == ["Regeling C", "Regeling D", "Regeling E"]
    assert set(report.information()["Regeling"]) == {"Regeling A", "Regeling B"}
    text = "\n".join(report.lines())
    assert text.index("Problemen (vragen uw aandacht): 3") < text.index("Ter informatie: 4")
    assert text.index("Regeling C") < text.index("Ter informatie") < text.index("Gemeinde Alpen")
