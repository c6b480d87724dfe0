"""The krachtenveld with participants (issue 16 point 5): stakeholders proposed on a phone wait for the facilitator,
who puts them on the intern or extern krachtenveld or rejects them; a phone draws numbered markers with the list
under them. Real demo databases, AppTest for the participant's and the facilitator's page."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from governance.core.db import Database, open_database
from governance.core.errors import ValidationError
from governance.workshop import charts, participants, views
from governance.workshop import forcefield as krachtenveld
from governance.workshop import session as sessions
from governance.workshop.scoring import WorkshopClosed
from tests import actors
from tests.apptest import run

PROVINCE = {"name": "Provincie", "side": "extern", "influence": 5, "interest": 2, "attitude": "neutraal"}


def new_session(db: Database) -> dict:
    risk = int(db.scalar("SELECT min(id) FROM risk"))
    values = {"title": "Krachtenveld", "facilitator": "Fenna", "risk_ids": [risk], "perspectives": "Wethouder\nBewoner"}
    return sessions.create_session(db, values, actors.FACILITATOR)


@pytest.fixture
def session(demo_db: Database) -> dict:
    return new_session(demo_db)


def test_a_proposal_waits_for_the_facilitator_and_is_kept_once(demo_db: Database, session: dict) -> None:
    code = session["code"]
    token = participants.join(demo_db, code, "Bewoner")
    with pytest.raises(WorkshopClosed, match="gesloten"):
        krachtenveld.propose_stakeholder(demo_db, code, token, PROVINCE)
    krachtenveld.set_forces_open(demo_db, code, True, actors.FACILITATOR)
    first = krachtenveld.propose_stakeholder(demo_db, code, token, PROVINCE)
    again = krachtenveld.propose_stakeholder(demo_db, code, token, {**PROVINCE, "name": "provincie"})  # a retry
    assert again == first
    assert krachtenveld.stakeholders(demo_db, session["id"]).empty  # not on the krachtenveld yet
    waiting = krachtenveld.stakeholders(demo_db, session["id"], "voorgesteld")
    assert list(waiting["name"]) == ["Provincie"] and list(waiting["side"]) == ["extern"]
    me = participants.participant(demo_db, session["id"], token)
    audit = demo_db.rows(
        "SELECT actor, action FROM audit_log WHERE entity = 'workshop_stakeholder' AND entity_id = ?", [str(first)]
    )
    assert audit == [{"actor": f"deelnemer {me['id']} (Bewoner)", "action": "insert"}]

    krachtenveld.decide_stakeholder(demo_db, code, first, True, actors.FACILITATOR)
    placed = krachtenveld.stakeholders(demo_db, session["id"])
    assert list(placed["name"]) == ["Provincie"]
    assert list(krachtenveld.my_proposals(demo_db, session["id"], me["id"])["status"]) == ["geaccepteerd"]
    decided = demo_db.rows(
        "SELECT actor, action FROM audit_log WHERE entity = 'workshop_stakeholder' AND entity_id = ? ORDER BY id",
        [str(first)],
    )
    assert decided[-1]["action"] == "update" and decided[-1]["actor"] != decided[0]["actor"]


def test_a_rejected_proposal_stays_off_the_krachtenveld(demo_db: Database, session: dict) -> None:
    code = session["code"]
    token = participants.join(demo_db, code, "Wethouder")
    krachtenveld.set_forces_open(demo_db, code, True, actors.FACILITATOR)
    found = krachtenveld.propose_stakeholder(demo_db, code, token, {**PROVINCE, "side": "intern", "name": "Griffie"})
    krachtenveld.decide_stakeholder(demo_db, code, found, False, actors.FACILITATOR)
    assert krachtenveld.stakeholders(demo_db, session["id"]).empty
    assert krachtenveld.stakeholders(demo_db, session["id"], "voorgesteld").empty
    assert list(krachtenveld.stakeholders(demo_db, session["id"], "afgewezen")["name"]) == ["Griffie"]


def test_a_proposal_is_checked_like_the_facilitators_form(demo_db: Database, session: dict) -> None:
    code = session["code"]
    token = participants.join(demo_db, code, "Bewoner")
    krachtenveld.set_forces_open(demo_db, code, True, actors.FACILITATOR)
    with pytest.raises(ValidationError) as err:
        krachtenveld.propose_stakeholder(demo_db, code, token, {"name": "", "side": "boven", "influence": 9})
    assert {e.field for e in err.value.errors} == {"name", "side", "influence", "interest", "attitude"}
    with pytest.raises(ValidationError):  # another session's stakeholder cannot be decided through this one
        other = new_session(demo_db)
        theirs = krachtenveld.save_stakeholder(demo_db, other["code"], PROVINCE, actors.FACILITATOR)
        krachtenveld.decide_stakeholder(demo_db, code, theirs, True, actors.FACILITATOR)
    assert demo_db.scalar("SELECT count(*) FROM workshop_stakeholder WHERE session_id = ?", [session["id"]]) == 0


def test_participants_proposing_at_once_each_get_one_row(demo_db: Database, session: dict) -> None:
    code = session["code"]
    krachtenveld.set_forces_open(demo_db, code, True, actors.FACILITATOR)
    tokens = [participants.join(demo_db, code, "Bewoner") for _ in range(6)]
    start = threading.Barrier(12)
    failures: list[BaseException] = []

    def propose(token: str) -> None:
        start.wait()
        try:
            krachtenveld.propose_stakeholder(demo_db, code, token, PROVINCE)
        except BaseException as exc:  # noqa: BLE001 - collected and asserted below
            failures.append(exc)

    threads = [threading.Thread(target=propose, args=(t,)) for t in tokens * 2]  # each phone taps twice
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
    counts = demo_db.rows(
        "SELECT participant_id, count(*) AS n FROM workshop_stakeholder WHERE session_id = ? GROUP BY ALL",
        [session["id"]],
    )
    assert len(counts) == 6 and {r["n"] for r in counts} == {1}


def test_a_phone_draws_numbers_and_lists_the_names() -> None:
    import pandas as pd

    table = pd.DataFrame(
        [
            {"id": 1, "name": "Gedeputeerde Staten van de provincie", "influence": 5, "interest": 5,
             "attitude": "voor", "notes": None, "side": "extern"},
            {"id": 2, "name": "Woningcorporatie", "influence": 2, "interest": 4, "attitude": "tegen", "notes": "",
             "side": "extern"},
        ]
    )  # fmt: skip
    figure = charts.krachtenveld(table, numbered=True)
    drawn = sorted(t for trace in figure.data for t in (trace.text or ()))
    assert drawn == ["1", "2"]
    hovers = sorted(h for trace in figure.data for h in (trace.customdata or ()))
    assert hovers == ["Gedeputeerde Staten van de provincie", "Woningcorporatie"]
    listed = views.stakeholder_table(table, numbered=True)
    assert list(listed["Nr."]) == [1, 2] and listed.iloc[0]["Naam"] == "Gedeputeerde Staten van de provincie"
    assert list(listed.columns) == ["Nr.", "Naam", "Invloed · belang", "Houding"]  # what fits 390 px
    assert list(listed["Invloed · belang"]) == ["5 · 5", "2 · 4"]
    assert set(views.stakeholder_table(table)["Krachtenveld"]) == {"Extern (omgeving)"}
    named = charts.krachtenveld(table)
    assert sorted(t for trace in named.data for t in (trace.text or ())) == list(table["name"])


@pytest.fixture
def live(app_db: Path) -> dict:
    db = open_database(app_db)
    created = new_session(db)
    return {**created, "db": db}


def test_a_participant_proposes_and_the_facilitator_takes_it_over(live: dict) -> None:
    db, code = live["db"], live["code"]
    krachtenveld.set_forces_open(db, code, True, actors.FACILITATOR)
    token = participants.join(db, code, "Bewoner")
    phone = run(query={"sessie": code, "deelnemer": token}, user=None)
    phone.segmented_control(key="section").set_value("Krachtenveld").run()
    phone.text_input[0].set_value("Waterschap")
    phone.button(key="FormSubmitter:stakeholder-proposal-Voorstellen").click().run()
    assert not phone.exception
    assert any("Waterschap (extern (omgeving)): Wacht op de facilitator" in c.value for c in phone.caption)

    at = run("pages/werkatelier.py", user="facilitator")
    assert any(m.value.startswith("**Voorgesteld door deelnemers (1)**") for m in at.markdown)
    accept = next(b for b in at.button if b.label == "Overnemen")
    accept.click().run()
    assert not at.exception
    assert list(krachtenveld.stakeholders(db, live["id"])["name"]) == ["Waterschap"]

    phone.run()
    assert any("Op het krachtenveld" in c.value for c in phone.caption)
    assert phone.table and "Waterschap" in phone.table[0].value.to_string()
