"""Werkatelier participants under AppTest on a real demo database: the facilitator's list and removal, the cap and
join-rate forms, and what a participant is told (too many joins, a full session, removed)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from governance.core.db import open_database
from governance.workshop import participants
from governance.workshop import session as sessions
from tests import actors
from tests.apptest import metric, run

VOTES = [("Wethouder", (2, 3)), ("Controller", (4, 4)), ("Controller", (3, 4)), ("Bewoner", (3, 5))]


@pytest.fixture
def session(app_db: Path) -> dict:
    """A session with two demo risks and four participants who each scored both, in the app's database."""
    db = open_database(app_db)
    risks = [int(r) for r in db.query("SELECT id FROM risk ORDER BY id LIMIT 2")["id"]]
    created = sessions.create_session(
        db,
        {
            "title": "Deelnemers beheren",
            "facilitator": "Fenna",
            "risk_ids": risks,
            "perspectives": "Wethouder\nController\nBewoner",
        },
        actors.FACILITATOR,
    )
    items = [int(i) for i in sessions.items(db, created["id"])["id"]]
    tokens = []
    for perspective, score in VOTES:
        token = participants.join(db, created["code"], perspective)
        for item in items:
            participants.vote(db, created["code"], token, item, *score)
        tokens.append(token)
    ids = [participants.participant(db, created["id"], t)["id"] for t in tokens]
    return {**created, "items": items, "tokens": tokens, "ids": ids, "db": db}


def facilitator_page() -> AppTest:
    return run("pages/werkatelier.py", user="facilitator")


def participant_list(at: AppTest):
    return next(d.value for d in at.dataframe if "Deelnemer" in d.value.columns)


def test_the_facilitator_sees_who_takes_part(session: dict) -> None:
    at = facilitator_page()
    assert any(s.value == "Deelnemers (4)" for s in at.subheader)
    table = participant_list(at)
    assert list(table.columns) == ["Deelnemer", "Naam", "Aangemeld om", "Stemmen", "Stippen"]
    assert list(table["Deelnemer"]) == [f"deelnemer {i} ({p})" for i, (p, _) in zip(session["ids"], VOTES, strict=True)]
    assert list(table["Stemmen"]) == [2, 2, 2, 2] and list(table["Stippen"]) == [0, 0, 0, 0]
    joined = session["db"].scalar("SELECT joined_at FROM workshop_participant WHERE id = ?", [session["ids"][0]])
    assert table["Aangemeld om"].iloc[0] == f"{joined:%d-%m-%Y %H:%M:%S}"


def test_the_facilitator_removes_a_participant_and_their_votes(session: dict) -> None:
    db, sid, gone = session["db"], session["id"], session["ids"][1]
    at = facilitator_page()
    assert metric(at, "Stemmen ronde 1") == "8"
    box = next(s for s in at.selectbox if s.label == "Deelnemer verwijderen")
    box.set_value(gone)
    at.button(key="FormSubmitter:ws-remove-Deelnemer verwijderen").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == [
        f"Deelnemer {gone} (Controller) is verwijderd; 2 stemmen en 0 stippen tellen niet meer mee."
    ]
    assert metric(at, "Deelnemers") == "3" and metric(at, "Stemmen ronde 1") == "6"
    assert gone not in list(participant_list(at).index) and len(participant_list(at)) == 3
    assert gone not in set(participants.scores(db, sid)["participant_id"])
    logged = db.rows(
        "SELECT actor, role, user_id FROM audit_log WHERE entity = 'workshop_participant' AND entity_id = ? "
        "AND action = 'update'",
        [str(gone)],
    )
    assert logged == [{"actor": actors.FACILITATOR.name, "role": "facilitator", "user_id": actors.FACILITATOR.user_id}]

    # the removed participant's link: a message, no form, no way to vote again
    phone = run(query={"sessie": session["code"], "deelnemer": session["tokens"][1]}, user=None)
    assert [e.value for e in phone.error] == [
        "De facilitator heeft uw deelname aan dit werkatelier beëindigd; uw stemmen tellen niet meer mee. "
        "Is dat een vergissing? Vraag het de facilitator."
    ]
    assert not phone.radio and not [b for b in phone.button if b.label in ("Deelnemen", "Score opslaan")]
    # the others go on as before
    other = run(query={"sessie": session["code"], "deelnemer": session["tokens"][0]}, user=None)
    assert "U doet mee als Wethouder" in other.caption[0].value


def test_removing_without_choosing_says_so(session: dict) -> None:
    at = facilitator_page()
    at.button(key="FormSubmitter:ws-remove-Deelnemer verwijderen").click().run()
    assert [e.value for e in at.error] == ["Kies eerst de deelnemer die u wilt verwijderen."]
    assert len(participant_list(at)) == 4


def join_as(code: str, perspective: str = "Bewoner") -> AppTest:
    """A new phone opens the join link (no sign-in) and presses Deelnemen."""
    phone = run(query={"sessie": code}, user=None)
    phone.radio[0].set_value(perspective)
    return phone.button(key="FormSubmitter:join-Deelnemen").click().run()


def test_a_full_session_tells_the_newcomer(session: dict) -> None:
    at = facilitator_page()
    box = next(n for n in at.number_input if n.label.startswith("Maximum aantal deelnemers"))
    assert box.value == 0
    box.set_value(4)
    at.button(key="FormSubmitter:ws-cap-Maximum opslaan").click().run()
    assert [s.value for s in at.success] == ["Het maximum is opgeslagen."]
    assert sessions.get_session(session["db"], session["code"])["max_participants"] == 4
    phone = join_as(session["code"])
    assert [e.value for e in phone.error] == [
        "Dit werkatelier is vol: de facilitator heeft het aantal deelnemers op 4 gezet. "
        "Vraag de facilitator om ruimte te maken."
    ]
    assert "deelnemer" not in phone.query_params
    assert participants.active_count(session["db"], session["id"]) == 4


def test_too_many_joins_in_a_minute_tell_the_newcomer_to_wait(session: dict) -> None:
    at = facilitator_page()
    box = next(n for n in at.number_input if n.label == "Aanmeldingen per minuut per werkatelier")
    assert box.value == 30
    box.set_value(5)
    at.button(key="FormSubmitter:ws-rate-Opslaan").click().run()
    assert [s.value for s in at.success] == ["Het aantal aanmeldingen per minuut is opgeslagen."]
    joined = join_as(session["code"])  # the fifth join of this minute
    assert "deelnemer" in joined.query_params and not joined.error
    phone = join_as(session["code"])  # the sixth
    assert [e.value for e in phone.error] == [
        "Te veel aanmeldingen voor dit werkatelier in de afgelopen minuut; probeer het over een minuut opnieuw."
    ]
    assert participants.active_count(session["db"], session["id"]) == 5
