"""The begrippenkader (issue 16, point 6): the shipped terms, a beheerder's versions over them (audited, stale
saves refused, a lezer refused), the Begrippen page on the demo and on a freshly onboarded gemeente, and the
help texts other pages put beside a term."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from governance import register, workshop
from governance.core.access import PermissionDenied
from governance.core.db import Database, open_database
from governance.core.errors import ConflictError, ValidationError
from tests import actors
from tests.apptest import run

LAW_WORDS = ("BBV", "Wgr", "art.")


def test_every_shipped_term_has_a_definition_a_kind_and_a_source() -> None:
    shipped = register.terms.__globals__["shipped"]()
    keys = [t["key"] for t in shipped]
    assert len(keys) == len(set(keys)) >= 30
    for needed in ("verbonden-partij", "zienswijze", "weerstandsvermogen", "dubbele-pet", "participatieladder"):
        assert needed in keys
    for role in ("loslaten", "faciliteren", "stimuleren", "regisseren", "reguleren", "verbinden"):
        assert role in keys
    for term in shipped:
        assert term["definition"] and term["source"], term["key"]
        if term["basis"] == "wet":  # a legal term names the law it comes from
            assert any(w in term["source"] for w in LAW_WORDS), term["key"]
    verbinden = next(t for t in shipped if t["key"] == "verbinden")
    assert verbinden["basis"] == "praktijk" and "geen wettelijk begrip" in verbinden["definition"]


def _audit(db: Database) -> list[dict]:
    return db.rows("SELECT action, actor, after FROM audit_log WHERE entity = 'glossary_term' ORDER BY id")


def test_a_beheerder_changes_a_term_over_the_shipped_text_and_can_reset_it(demo_db: Database) -> None:
    before = register.term(demo_db, "zienswijze")
    assert before["origin"] == "standaard"
    values = {**before, "definition": "Ons eigen woord: het advies van de raad aan het AB."}
    register.save_term(demo_db, "zienswijze", values, actors.BEHEERDER, original=None)
    now = register.term(demo_db, "zienswijze")
    assert now["definition"] == values["definition"] and now["origin"] == "aangepast"
    assert len(register.terms(demo_db)) == len(register.terms.__globals__["shipped"]())
    audit = _audit(demo_db)
    assert [a["action"] for a in audit] == ["insert"] and audit[0]["actor"] == actors.BEHEERDER.name
    assert json.loads(audit[0]["after"])["definition"] == values["definition"]

    register.reset_term(demo_db, "zienswijze", actors.BEHEERDER, register.stored_row(demo_db, "zienswijze"))
    assert register.term(demo_db, "zienswijze")["definition"] == before["definition"]
    assert [a["action"] for a in _audit(demo_db)] == ["insert", "delete"]


def test_a_save_over_a_version_someone_else_saved_is_refused(demo_db: Database) -> None:
    base = register.term(demo_db, "dubbele-pet")
    register.save_term(demo_db, "dubbele-pet", {**base, "definition": "Eerste."}, actors.BEHEERDER, None)
    opened = register.stored_row(demo_db, "dubbele-pet")
    register.save_term(demo_db, "dubbele-pet", {**base, "definition": "Tweede."}, actors.BEHEERDER, opened)
    with pytest.raises(ConflictError):  # this form opened the first version
        register.save_term(demo_db, "dubbele-pet", {**base, "definition": "Derde."}, actors.BEHEERDER, opened)
    with pytest.raises(ConflictError):  # this form opened the shipped text, before anyone stored a version
        register.save_term(demo_db, "dubbele-pet", {**base, "definition": "Vierde."}, actors.BEHEERDER, None)
    assert register.term(demo_db, "dubbele-pet")["definition"] == "Tweede."


def test_hide_add_and_remove_terms(demo_db: Database) -> None:
    shown = len(register.terms(demo_db))
    register.hide_term(demo_db, "krachtenveld", actors.BEHEERDER, None)
    assert register.term(demo_db, "krachtenveld") is None
    assert list(register.hidden_terms(demo_db)["key"]) == ["krachtenveld"]
    new = {"term": "Accounthouder", "basis": "praktijk", "definition": "Ambtenaar die de relatie onderhoudt."}
    register.save_term(demo_db, None, new, actors.BEHEERDER, None)
    added = register.term(demo_db, "accounthouder")
    assert added["origin"] == "toegevoegd" and len(register.terms(demo_db)) == shown
    register.hide_term(demo_db, "accounthouder", actors.BEHEERDER, register.stored_row(demo_db, "accounthouder"))
    assert register.stored_row(demo_db, "accounthouder") is None  # an added term is removed, not hidden
    register.reset_term(demo_db, "krachtenveld", actors.BEHEERDER, register.stored_row(demo_db, "krachtenveld"))
    assert len(register.terms(demo_db)) == shown and register.hidden_terms(demo_db).empty


def test_bad_terms_and_other_roles_are_refused_with_nothing_written(demo_db: Database) -> None:
    with pytest.raises(ValidationError) as bad:
        empty = {"term": "", "basis": "wet", "definition": ""}
        register.save_term(demo_db, "zienswijze", empty, actors.BEHEERDER, None)
    assert {e.label for e in bad.value.errors} == {"Begrip", "Omschrijving"}
    with pytest.raises(ValidationError) as twice:
        again = {"term": "Zienswijze", "basis": "wet", "definition": "x"}
        register.save_term(demo_db, None, again, actors.BEHEERDER, None)
    assert "bestaat al" in twice.value.errors[0].message
    for actor in (actors.LEZER, actors.CONTROLLER, actors.FACILITATOR):
        with pytest.raises(PermissionDenied):
            register.save_term(demo_db, "zienswijze", register.term(demo_db, "zienswijze"), actor, None)
    assert demo_db.scalar("SELECT count(*) FROM glossary_term") == 0


def test_the_help_text_says_what_kind_of_term_and_where_it_comes_from(demo_db: Database) -> None:
    text = register.term_help(register.term(demo_db, "weerstandsvermogen"))
    assert text.startswith("De verhouding tussen de weerstandscapaciteit")
    assert "(Wettelijk begrip.)" in text and "BBV art. 11" in text
    assert "Praktijk (geen wettelijke regel)" in register.term_help(register.term(demo_db, "dubbele-pet"))
    assert register.term_help(None) is None


# -- the page -------------------------------------------------------------------------------------------------
PAGE = "pages/begrippen.py"


def _cards(at) -> list[str]:
    return [m.value for m in at.main.get("markdown") if m.value.startswith("**")]


@pytest.mark.parametrize("fixture", ["app_db", "onboarded_app"])
def test_the_page_lists_and_searches_the_terms(fixture: str, request: pytest.FixtureRequest) -> None:
    request.getfixturevalue(fixture)
    at = run(PAGE)
    total = len(register.terms.__globals__["shipped"]())
    assert at.title[0].value == "Begrippen"
    assert at.caption[1].value == f"{total} van {total} begrippen."
    assert "**Zienswijze**" in _cards(at) and "**Verbonden partij**" in _cards(at)
    at.text_input(key="glossary-search").set_value("Weerstand").run()  # the term and the ratio's classes
    assert at.caption[1].value == f"2 van {total} begrippen."
    assert _cards(at) == ["**Ratio weerstandsvermogen (klassen A–F)**", "**Weerstandsvermogen**"]
    at.text_input(key="glossary-search").set_value("").run()
    at.multiselect(key="glossary-basis").set_value(["model"]).run()
    assert "**Regisseren**" in _cards(at) and "**Zienswijze**" not in _cards(at)


def test_a_beheerder_edits_a_term_on_the_page_and_a_lezer_cannot(app_db: Path) -> None:
    at = run(PAGE)
    at.selectbox(key="glossary-pick").set_value("zienswijze").run()
    area = next(t for t in at.text_area if t.label == "Omschrijving *")
    area.set_value("Het advies van de raad over de ontwerpbegroting van de GR.")
    next(b for b in at.button if b.label == "Opslaan").click().run()
    assert at.success[0].value == "Het begrip is opgeslagen."
    db = open_database(app_db)
    assert register.term(db, "zienswijze")["definition"].startswith("Het advies van de raad")
    assert db.scalar("SELECT actor FROM audit_log WHERE entity = 'glossary_term'") == actors.BEHEERDER.name
    lezer = run(PAGE, user="lezer")
    assert [e.label for e in at.expander] == ["Begrippen beheren (beheerder)"]
    assert not [e for e in lezer.expander if "beheren" in e.label]


def test_participants_find_the_terms_on_their_phone(app_db: Path) -> None:
    db = open_database(app_db)
    risk = int(db.scalar("SELECT min(id) FROM risk"))
    created = workshop.create_session(
        db, {"title": "Begrippen op de telefoon", "facilitator": "Fenna", "risk_ids": [risk]}, actors.FACILITATOR
    )
    token = workshop.join(db, created["code"], "Wethouder")
    at = run(query={"sessie": created["code"], "deelnemer": token}, user=None)
    assert [e.label for e in at.expander][-1] == "Begrippen"
    at.text_input(key="phone-glossary-search").set_value("dubbele pet").run()
    shown = [m.value for m in at.main.get("markdown") if m.value.startswith("**Dubbele pet**")]
    assert len(shown) == 1 and "eigenaarsrol als de opdrachtgeversrol" in shown[0]
