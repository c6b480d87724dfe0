"""The programme of a werkatelier (issue 16, point 1) on a real session: the facilitator composes the day from
exercises, opening a step opens that exercise and closes the others in one transaction (two clicks at once on
'Volgende oefening' move two steps), the participant's phone shows only the open exercise, and the projector
shows it; under AppTest for the pages."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from governance import workshop
from governance.core.access import PermissionDenied
from governance.core.db import Database, open_database
from governance.core.errors import NotFoundError, ValidationError
from governance.workshop import access, signals
from tests import actors
from tests.apptest import run

FACILITATOR = actors.FACILITATOR
DAY = ["scoren", "signalen", "rollen", "voorstellen"]


def _session(db: Database) -> dict:
    risk = db.scalar("SELECT min(id) FROM risk WHERE party_id IS NOT NULL")
    values = {"title": "Dag van de verbonden partijen", "facilitator": "Fenna", "risk_ids": [risk]}
    return workshop.create_session(db, values, FACILITATOR)


@pytest.fixture
def session(demo_db: Database) -> dict:
    return _session(demo_db)


def _state(db: Database, session_id: int) -> dict:
    row = db.rows("SELECT round_open, proposals_open, screen, current_step FROM workshop_session WHERE id = ?",
                  [session_id])[0]  # fmt: skip
    shown = workshop.day_display(db, session_id)
    sig = signals.state(db, session_id)
    return {**row, "roles_open": shown["roles_open"], "projector": shown["projector"], **{
        "signals_open": sig["signals_open"], "signals_shown": sig["on_projector"]}}  # fmt: skip


def test_the_programme_is_checked_and_kept_in_order(demo_db: Database, session: dict) -> None:
    code, sid = session["code"], session["id"]
    with pytest.raises(ValidationError, match="kies uit"):
        workshop.set_programme(demo_db, code, ["scoren", "dansen"], FACILITATOR)
    with pytest.raises(PermissionDenied):
        workshop.set_programme(demo_db, code, DAY, actors.LEZER)
    assert workshop.programme_steps(demo_db, sid) == []
    workshop.set_programme(demo_db, code, DAY, FACILITATOR)
    assert [(s["position"], s["exercise"]) for s in workshop.programme_steps(demo_db, sid)] == list(
        enumerate(DAY, start=1)
    )
    assert workshop.current_step(demo_db, sid) is None
    with pytest.raises(NotFoundError, match="geen stap 9"):
        workshop.open_step(demo_db, code, 9, FACILITATOR)
    audit = demo_db.rows("SELECT actor, reason FROM audit_log WHERE entity = 'workshop_step'")
    assert len(audit) == 4 and all(a["actor"] == FACILITATOR.name and a["reason"] == code for a in audit)


def test_opening_a_step_opens_its_exercise_and_closes_the_others(demo_db: Database, session: dict) -> None:
    code, sid = session["code"], session["id"]
    workshop.set_programme(demo_db, code, DAY, FACILITATOR)
    workshop.set_proposals_open(demo_db, code, True, FACILITATOR)
    assert workshop.next_step(demo_db, code, FACILITATOR)["exercise"] == "scoren"
    assert _state(demo_db, sid) == {
        "round_open": True, "proposals_open": False, "screen": "scores", "current_step": 1,
        "roles_open": False, "projector": None, "signals_open": False, "signals_shown": False,
    }  # fmt: skip
    step = workshop.next_step(demo_db, code, FACILITATOR)
    assert (step["position"], step["exercise"], step["of"]) == (2, "signalen", 4)
    state = _state(demo_db, sid)
    assert (state["round_open"], state["signals_open"], state["signals_shown"], state["screen"]) == (
        False,
        True,
        True,
        "deelnemen",
    )
    token = workshop.join(demo_db, code, "Wethouder")
    party = int(workshop.session_parties(demo_db, sid)["id"].iloc[0])
    workshop.set_tick(demo_db, code, token, party, "late-stukken", True)  # the open exercise takes input
    with pytest.raises(workshop.WorkshopClosed):
        workshop.vote(demo_db, code, token, int(workshop.items(demo_db, sid)["id"].iloc[0]), 2, 2)
    workshop.next_step(demo_db, code, FACILITATOR)
    state = _state(demo_db, sid)
    assert (state["roles_open"], state["projector"], state["signals_open"]) == (True, "rollen", False)
    workshop.next_step(demo_db, code, FACILITATOR)
    assert _state(demo_db, sid)["proposals_open"] and _state(demo_db, sid)["screen"] == "voorstellen"
    assert workshop.next_step(demo_db, code, FACILITATOR) is None  # after the last: a pause, everything closed
    state = _state(demo_db, sid)
    assert not any(state[k] for k in ("round_open", "proposals_open", "roles_open", "signals_open"))
    assert state["current_step"] is None and state["screen"] == "deelnemen"
    workshop.open_step(demo_db, code, 2, FACILITATOR)
    workshop.set_programme(demo_db, code, ["krachtenveld"], FACILITATOR)  # the day changes under the open step
    assert workshop.current_step(demo_db, sid) is None
    workshop.open_step(demo_db, code, 1, FACILITATOR)
    opened = demo_db.rows("SELECT forces_open, screen FROM workshop_session WHERE id = ?", [sid])[0]
    assert opened == {"forces_open": True, "screen": "krachtenveld"}  # participants may propose stakeholders
    workshop.open_step(demo_db, code, None, FACILITATOR)
    assert not demo_db.scalar("SELECT forces_open FROM workshop_session WHERE id = ?", [sid])


def test_two_clicks_at_once_on_next_move_two_steps(demo_db: Database, session: dict) -> None:
    code, sid = session["code"], session["id"]
    workshop.set_programme(demo_db, code, DAY, FACILITATOR)
    start = threading.Barrier(2)
    opened: list = []

    def click() -> None:
        start.wait()
        opened.append(workshop.next_step(demo_db, code, FACILITATOR)["position"])

    threads = [threading.Thread(target=click) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(opened) == [1, 2] and workshop.current_step(demo_db, sid)["position"] == 2


# -- the pages ------------------------------------------------------------------------------------------------
@pytest.fixture
def app_session(app_db: Path) -> dict:
    db = open_database(app_db)
    return {**_session(db), "db": db}


def test_the_phone_shows_only_the_open_exercise(app_session: dict) -> None:
    db, code = app_session["db"], app_session["code"]
    token = workshop.join(db, code, "Bewoner")
    query = {"sessie": code, "deelnemer": token}
    at = run(query=query, user=None)
    assert at.get("button_group") and at.get("button_group")[0].key == "section"  # no programme: the sections
    workshop.set_programme(db, code, DAY, FACILITATOR)
    at = run(query=query, user=None)
    assert not at.get("button_group") and any("Even pauze" in i.value for i in at.info)
    workshop.open_step(db, code, 2, FACILITATOR)
    at = run(query=query, user=None)
    assert "Oefening 2 van 4: Waarschuwingssignalen" in [c.value for c in at.caption]
    assert [c for c in at.checkbox if c.key.startswith("sig-")] and not at.radio
    workshop.open_step(db, code, 1, FACILITATOR)
    at = run(query=query, user=None)
    assert "Oefening 1 van 4: Risico's scoren" in [c.value for c in at.caption]
    assert at.radio and not [c for c in at.checkbox if c.key.startswith("sig-")]


def test_the_facilitator_composes_the_day_and_the_projector_follows(app_session: dict) -> None:
    db, code, sid = app_session["db"], app_session["code"], app_session["id"]
    at = run("pages/werkatelier.py", user="facilitator")
    at.multiselect(key="ws-programme").select("signalen").select("scoren")
    at.button(key="FormSubmitter:ws-programme-form-Programma opslaan").click().run()
    assert [s["exercise"] for s in workshop.programme_steps(db, sid)] == ["signalen", "scoren"]
    at.button(key="ws-step-next").click().run()
    assert workshop.current_step(db, sid)["exercise"] == "signalen"
    key = access.projector_key(db, code)
    projector = run(query={"sessie": code, "weergave": "projector", "sleutel": key}, user=None)
    assert any(m.value.startswith("## Waarschuwingssignalen") for m in projector.markdown)
    at.button(key="ws-step-2").click().run()
    assert workshop.current_step(db, sid)["exercise"] == "scoren"
    assert db.scalar("SELECT screen FROM workshop_session WHERE id = ?", [sid]) == "scores"  # kept after the rerun
    projector = run(query={"sessie": code, "weergave": "projector", "sleutel": key}, user=None)
    assert not any(m.value.startswith("## Waarschuwingssignalen") for m in projector.markdown)
    assert [m.label for m in projector.metric][:2] == ["Deelnemers", "Stemmen"]  # the score screen


def test_the_projector_control_never_writes_back_a_screen_chosen_elsewhere(app_session: dict) -> None:
    db, code, sid = app_session["db"], app_session["code"], app_session["id"]
    at = run("pages/werkatelier.py", user="facilitator")
    control = next(c for c in at.segmented_control if c.label == "Projector toont")
    control.set_value("krachtenveld").run()
    assert db.scalar("SELECT screen FROM workshop_session WHERE id = ?", [sid]) == "krachtenveld"
    workshop.set_screen(db, code, "voorstellen", FACILITATOR)  # another device, or a step of the programme
    at.run()
    assert db.scalar("SELECT screen FROM workshop_session WHERE id = ?", [sid]) == "voorstellen"
    assert next(c for c in at.segmented_control if c.label == "Projector toont").value == "voorstellen"
