"""BBV art. 15 lid 1: the visie and beleidsvoornemens of the paragraaf verbonden partijen, stored per year and
document, audited under the user, a stale save refused, a lezer refused; on the Register page under AppTest on the
demo and on a freshly onboarded gemeente."""

from __future__ import annotations

from pathlib import Path

import pytest

from governance import register
from governance.core.access import PermissionDenied
from governance.core.db import Database, open_database
from governance.core.errors import ConflictError, ValidationError
from tests import actors
from tests.apptest import run
from ui import state

TEXT = {"vision": "Verbonden partijen voeren taken uit die wij niet alleen kunnen.", "intentions": "Evaluatie GGD."}


def test_the_text_is_stored_per_year_and_document(demo_db: Database) -> None:
    register.save_paragraph_text(demo_db, 2026, "begroting", TEXT, actors.CONTROLLER, None)
    stored = register.paragraph_text(demo_db, 2026, "begroting")
    assert {k: stored[k] for k in TEXT} == TEXT
    assert register.paragraph_text(demo_db, 2026, "jaarstukken") is None  # another document, not filled in
    assert register.paragraph_text(demo_db, 2027, "begroting") is None
    audit = demo_db.rows("SELECT actor, action FROM audit_log WHERE entity = 'paragraph_text'")
    assert audit == [{"actor": actors.CONTROLLER.name, "action": "insert"}]


def test_a_stale_save_is_refused_and_the_other_text_kept(demo_db: Database) -> None:
    register.save_paragraph_text(demo_db, 2026, "begroting", TEXT, actors.CONTROLLER, None)
    opened = register.paragraph_text(demo_db, 2026, "begroting")
    register.save_paragraph_text(demo_db, 2026, "begroting", {**TEXT, "vision": "Eerste"}, actors.BEHEERDER, opened)
    with pytest.raises(ConflictError):
        register.save_paragraph_text(
            demo_db, 2026, "begroting", {**TEXT, "vision": "Tweede"}, actors.CONTROLLER, opened
        )
    with pytest.raises(ConflictError):  # two first writers: the second did not see the first
        register.save_paragraph_text(demo_db, 2026, "begroting", TEXT, actors.CONTROLLER, None)
    assert register.paragraph_text(demo_db, 2026, "begroting")["vision"] == "Eerste"


def test_bad_input_and_a_lezer_are_refused(demo_db: Database) -> None:
    with pytest.raises(ValidationError) as bad:
        register.save_paragraph_text(demo_db, 2026, "nota", TEXT, actors.CONTROLLER, None)
    assert [e.field for e in bad.value.errors] == ["kind"]
    with pytest.raises(ValidationError):
        register.save_paragraph_text(demo_db, 2026, "begroting", {"vision": "x" * 20001}, actors.CONTROLLER, None)
    with pytest.raises(PermissionDenied):
        register.save_paragraph_text(demo_db, 2026, "begroting", TEXT, actors.LEZER, None)
    assert demo_db.scalar("SELECT count(*) FROM paragraph_text") == 0


def test_the_register_page_saves_the_text_for_the_chosen_year(app_db: Path) -> None:
    at = run("pages/register.py")
    year = at.session_state[state.YEAR]
    area = next(t for t in at.text_area if t.label.startswith("Visie op verbonden partijen"))
    area.input(TEXT["vision"])
    button = next(b for b in at.button if b.key and b.key.startswith("FormSubmitter:paragraph-form-"))
    button.click().run()
    assert any(s.value.startswith("De tekst van de paragraaf (begroting") for s in at.success)
    rows = open_database(app_db).rows("SELECT year, kind, vision FROM paragraph_text")
    assert [(r["kind"], r["vision"]) for r in rows] == [("begroting", TEXT["vision"])]
    assert rows[0]["year"] == year


def test_a_lezer_reads_the_text_without_a_form(app_db: Path) -> None:
    at = run("pages/register.py", user="lezer")
    db = open_database(app_db)
    register.save_paragraph_text(db, at.session_state[state.YEAR], "begroting", TEXT, actors.CONTROLLER, None)
    at.run()
    assert TEXT["vision"] in [t.value for t in at.text]
    assert not [t for t in at.text_area if t.label.startswith("Visie")]


def test_the_register_page_on_a_freshly_onboarded_gemeente_offers_the_text(onboarded_app: Path) -> None:
    at = run("pages/register.py")
    assert [t for t in at.text_area if t.label.startswith("Visie op verbonden partijen")]
