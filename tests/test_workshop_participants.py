"""Werkatelier participants on a real demo database: one browser joins once, joins per minute and per session are
capped inside the write transaction (threaded race tests), and the facilitator removes a participant with their
votes, audited and all-or-nothing."""

from __future__ import annotations

import threading

import pytest

from governance.core.access import PermissionDenied
from governance.core.db import Database
from governance.core.errors import DomainError, NotFoundError, ValidationError
from governance.workshop import dotvoting, participants, views
from governance.workshop import session as sessions
from governance.workshop import stats as workshopstats
from governance.workshop.scoring import JOIN_RATE_DEFAULT, JoinRefused
from tests import actors

FACILITATOR = actors.FACILITATOR


@pytest.fixture
def session(demo_db: Database) -> dict:
    risks = [int(r) for r in demo_db.query("SELECT id FROM risk ORDER BY id LIMIT 2")["id"]]
    parties = [int(p) for p in demo_db.query("SELECT id FROM party ORDER BY id LIMIT 1")["id"]]
    created = sessions.create_session(
        demo_db,
        {
            "title": "Deelnemers",
            "facilitator": "Fenna",
            "risk_ids": risks,
            "party_ids": parties,
            "perspectives": "Wethouder\nController",
        },
        FACILITATOR,
    )
    items = [int(i) for i in sessions.items(demo_db, created["id"])["id"]]
    return {**created, "items": items}


def rows(db: Database, session_id: int) -> int:
    return int(db.scalar("SELECT count(*) FROM workshop_participant WHERE session_id = ?", [session_id]))


def backdate_joins(db: Database, session_id: int, seconds: int = 120) -> None:
    """Make every join of the session `seconds` older (the clock moving on), with a plain SQL update."""
    with db.cursor() as cur:
        cur.execute(
            f"UPDATE workshop_participant SET joined_at = joined_at - INTERVAL {int(seconds)} SECOND "
            "WHERE session_id = ?",
            [session_id],
        )


def test_a_browser_that_joins_again_gets_its_participant_back(demo_db: Database, session: dict) -> None:
    code = session["code"]
    token = participants.join(demo_db, code, "Controller", "Carla")
    audited = demo_db.scalar("SELECT count(*) FROM audit_log")
    again = participants.join(demo_db, code, "Wethouder", "iemand anders", known=token)
    assert again == token
    assert rows(demo_db, session["id"]) == 1
    assert demo_db.scalar("SELECT count(*) FROM audit_log") == audited  # nothing was written
    me = participants.participant(demo_db, session["id"], token)
    assert (me["perspective"], me["name"]) == ("Controller", "Carla")
    # a token of another session, or a made-up one, is no participant here: that browser joins as new
    risk = int(demo_db.scalar("SELECT min(id) FROM risk"))
    other = sessions.create_session(demo_db, {"title": "Ander", "facilitator": "F", "risk_ids": [risk]}, FACILITATOR)
    foreign = participants.join(demo_db, other["code"], "Wethouder")
    assert participants.join(demo_db, code, "Wethouder", known=foreign) != foreign
    assert participants.join(demo_db, code, "Wethouder", known="verzonnen") not in (token, "verzonnen")
    assert rows(demo_db, session["id"]) == 3


def test_joins_per_minute_are_capped_by_the_setting(demo_db: Database, session: dict) -> None:
    code = session["code"]
    assert participants.join_rate(demo_db) == JOIN_RATE_DEFAULT == 30
    participants.set_join_rate(demo_db, "3", FACILITATOR, original=None)
    assert participants.join_rate(demo_db) == 3
    first = [participants.join(demo_db, code, "Controller") for _ in range(3)]
    with pytest.raises(JoinRefused) as refused:
        participants.join(demo_db, code, "Controller")
    assert str(refused.value) == (
        "Te veel aanmeldingen voor dit werkatelier in de afgelopen minuut; probeer het over een minuut opnieuw."
    )
    assert rows(demo_db, session["id"]) == 3
    assert participants.join(demo_db, code, "Wethouder", known=first[0]) == first[0]  # coming back is not a join
    backdate_joins(demo_db, session["id"], 61)  # a minute later
    participants.join(demo_db, code, "Controller")
    assert rows(demo_db, session["id"]) == 4


def test_the_join_rate_setting_is_checked_and_kept_as_opened(demo_db: Database) -> None:
    for bad, message in [("0", "moet minstens 1 zijn"), ("abc", "'abc' is geen getal"), ("", "is verplicht")]:
        with pytest.raises(ValidationError) as exc:
            participants.set_join_rate(demo_db, bad, FACILITATOR, original=None)
        assert [(e.label, e.message) for e in exc.value.errors] == [("Aanmeldingen per minuut", message)]
    with pytest.raises(PermissionDenied):
        participants.set_join_rate(demo_db, 10, actors.LEZER, original=None)
    participants.set_join_rate(demo_db, 10, FACILITATOR, original=None)
    opened = participants.join_rate_row(demo_db)
    participants.set_join_rate(demo_db, 12, actors.BEHEERDER, original=opened)
    with pytest.raises(DomainError, match="intussen door iemand anders"):
        participants.set_join_rate(demo_db, 20, FACILITATOR, original=opened)  # stale form
    assert participants.join_rate(demo_db) == 12


def test_the_facilitators_cap_on_participants(demo_db: Database, session: dict) -> None:
    code = session["code"]
    participants.set_max_participants(demo_db, code, "2", FACILITATOR)
    a = participants.join(demo_db, code, "Controller")
    participants.join(demo_db, code, "Wethouder")
    with pytest.raises(JoinRefused) as full:
        participants.join(demo_db, code, "Controller")
    assert "Dit werkatelier is vol: de facilitator heeft het aantal deelnemers op 2 gezet" in str(full.value)
    assert participants.join(demo_db, code, "Controller", known=a) == a  # who is in stays in
    participants.remove_participant(
        demo_db, code, participants.participant(demo_db, session["id"], a)["id"], FACILITATOR
    )
    participants.join(demo_db, code, "Controller")  # removing one made room
    assert participants.active_count(demo_db, session["id"]) == 2
    participants.set_max_participants(demo_db, code, 0, FACILITATOR)  # 0: no cap
    participants.join(demo_db, code, "Controller")
    for bad, message in [
        ("-1", "moet minstens 1 zijn"),
        ("1001", "mag hoogstens 1000 zijn"),
        ("x", "'x' is geen getal"),
    ]:
        with pytest.raises(ValidationError) as exc:
            participants.set_max_participants(demo_db, code, bad, FACILITATOR)
        assert [(e.label, e.message) for e in exc.value.errors] == [("Maximum aantal deelnemers", message)]
    with pytest.raises(PermissionDenied):
        participants.set_max_participants(demo_db, code, 5, actors.CONTROLLER)


def race(n: int, target) -> list[str]:
    """Run `target` in `n` threads released at the same moment; returns 'joined' or the refusal per thread."""
    start = threading.Barrier(n)
    outcomes: list[str] = []
    lock = threading.Lock()

    def run() -> None:
        start.wait()
        try:
            target()
            result = "joined"
        except JoinRefused as exc:
            result = str(exc)
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=run) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return outcomes


def test_threads_joining_at_once_never_exceed_the_cap(demo_db: Database, session: dict) -> None:
    code = session["code"]
    participants.set_max_participants(demo_db, code, 5, FACILITATOR)
    outcomes = race(24, lambda: participants.join(demo_db, code, "Controller"))
    assert len(outcomes) == 24
    assert outcomes.count("joined") == 5
    assert all("vol" in o for o in outcomes if o != "joined")
    assert participants.active_count(demo_db, session["id"]) == rows(demo_db, session["id"]) == 5


def test_threads_joining_at_once_never_exceed_the_rate(demo_db: Database, session: dict) -> None:
    code = session["code"]
    participants.set_join_rate(demo_db, 7, FACILITATOR, original=None)
    outcomes = race(24, lambda: participants.join(demo_db, code, "Wethouder"))
    assert outcomes.count("joined") == 7
    assert all(o.startswith("Te veel aanmeldingen") for o in outcomes if o != "joined")
    assert rows(demo_db, session["id"]) == 7


def voted(db: Database, session: dict, perspective: str, scores: list[tuple[int, int]]) -> str:
    token = participants.join(db, session["code"], perspective)
    for item, (lik, imp) in zip(session["items"], scores, strict=False):
        participants.vote(db, session["code"], token, item, lik, imp)
    return token


def test_removing_a_participant_takes_their_votes_out_of_the_statistics(demo_db: Database, session: dict) -> None:
    code, sid, first = session["code"], session["id"], session["items"][0]
    keep = voted(demo_db, session, "Wethouder", [(2, 2), (3, 3)])
    gone = voted(demo_db, session, "Controller", [(5, 5), (1, 1)])
    party = int(sessions.session_parties(demo_db, sid)["id"].iloc[0])
    proposal = dotvoting.add_proposal(demo_db, code, party, "kort", "Beter toezicht", token=keep)
    dotvoting.place_dot(demo_db, code, gone, proposal)
    dotvoting.place_dot(demo_db, code, gone, proposal)
    sessions.next_round(demo_db, code, FACILITATOR)
    participants.vote(demo_db, code, gone, first, 4, 4)  # and a vote in round 2

    table = views.participant_table(demo_db, sid)
    me = participants.participant(demo_db, sid, gone)
    assert table.loc[me["id"], "Deelnemer"] == f"deelnemer {me['id']} (Controller)"
    assert (table.loc[me["id"], "Stemmen"], table.loc[me["id"], "Stippen"]) == (3, 2)
    before = workshopstats.item_stats(participants.scores(demo_db, sid), 1).set_index("item_id")
    assert before.loc[first, "n"] == 2 and before.loc[first, "lik_median"] == 3.5

    result = participants.remove_participant(demo_db, code, me["id"], FACILITATOR)
    assert result == {"label": f"deelnemer {me['id']} (Controller)", "votes": 3, "dots": 2}

    after = workshopstats.item_stats(participants.scores(demo_db, sid), 1).set_index("item_id")
    assert after.loc[first, "n"] == 1 and after.loc[first, "lik_median"] == 2
    assert participants.scores(demo_db, sid)["participant_id"].unique().tolist() == [
        participants.participant(demo_db, sid, keep)["id"]
    ]
    assert int(dotvoting.proposals(demo_db, sid)["dots"].iloc[0]) == 0
    assert participants.live_counts(demo_db, sid, 2)["participants"] == 1
    assert list(views.participant_table(demo_db, sid)["Deelnemer"]) == [
        f"deelnemer {participants.participant(demo_db, sid, keep)['id']} (Wethouder)"
    ]
    assert sessions.sessions(demo_db).set_index("code").loc[code, "participants"] == 1
    # the removed token no longer works: not for voting, not for dots, not for joining again from that browser
    assert participants.participant(demo_db, sid, gone) is None
    assert participants.was_removed(demo_db, sid, gone) and not participants.was_removed(demo_db, sid, keep)
    for attempt in (
        lambda: participants.vote(demo_db, code, gone, first, 1, 1),
        lambda: dotvoting.place_dot(demo_db, code, gone, proposal),
        lambda: participants.join(demo_db, code, "Controller", known=gone),
    ):
        with pytest.raises(JoinRefused, match="De facilitator heeft uw deelname aan dit werkatelier beëindigd"):
            attempt()
    # audited under the facilitator: the scores and dots deleted, the participant marked removed
    log = demo_db.rows(
        "SELECT actor, role, user_id, action, entity, reason FROM audit_log WHERE actor = ? ORDER BY id",
        [FACILITATOR.name],
    )
    removal = [r for r in log if r["reason"] and "verwijderd door de facilitator" in r["reason"]]
    assert [(r["action"], r["entity"]) for r in removal] == [
        ("delete", "workshop_score"),
        ("delete", "workshop_score"),
        ("delete", "workshop_score"),
        ("delete", "workshop_dot"),
        ("update", "workshop_participant"),
    ]
    assert {(r["role"], r["user_id"]) for r in removal} == {("facilitator", FACILITATOR.user_id)}
    row = demo_db.rows("SELECT removed_at, removed_by FROM workshop_participant WHERE id = ?", [me["id"]])[0]
    assert row["removed_at"] is not None and row["removed_by"] == FACILITATOR.name
    with pytest.raises(DomainError, match="is al verwijderd"):
        participants.remove_participant(demo_db, code, me["id"], FACILITATOR)


def test_removal_is_all_or_nothing_and_for_the_facilitator_only(demo_db: Database, session: dict) -> None:
    code, sid = session["code"], session["id"]
    token = voted(demo_db, session, "Controller", [(5, 5), (1, 1)])
    me = participants.participant(demo_db, sid, token)
    counts = (
        "SELECT (SELECT count(*) FROM workshop_score WHERE participant_id = $p) AS scores, "
        "(SELECT count(*) FROM audit_log) AS audit, "
        "(SELECT count(*) FROM workshop_participant WHERE id = $p AND removed_at IS NULL) AS active"
    )
    before = demo_db.rows(counts, {"p": me["id"]})[0]
    assert before["scores"] == 2 and before["active"] == 1

    def remove_then_fail(tx) -> None:
        row = tx.rows("SELECT * FROM workshop_session WHERE id = ?", [sid])[0]
        participants.remove(tx, row, me)
        assert tx.rows(counts, {"p": me["id"]})[0]["scores"] == 0  # inside: gone
        raise RuntimeError("stroomstoring halverwege")

    with pytest.raises(RuntimeError):
        demo_db.write(remove_then_fail, FACILITATOR, "workshop")
    assert demo_db.rows(counts, {"p": me["id"]})[0] == before  # nothing of it stayed
    for actor in (actors.LEZER, actors.CONTROLLER):
        with pytest.raises(PermissionDenied):
            participants.remove_participant(demo_db, code, me["id"], actor)
    with pytest.raises(NotFoundError, match="hoort niet bij dit werkatelier"):
        participants.remove_participant(demo_db, code, 99_999, FACILITATOR)
    assert demo_db.rows(counts, {"p": me["id"]})[0] == before
    assert participants.participant(demo_db, sid, token) is not None


def test_a_participant_token_never_lands_in_the_audit_log(demo_db: Database, session: dict) -> None:
    token = participants.join(demo_db, session["code"], "Controller")
    logged = demo_db.rows("SELECT before, after FROM audit_log WHERE entity = 'workshop_participant'")
    assert logged and all(token not in (r["after"] or "") + (r["before"] or "") for r in logged)
    assert "[geheim, niet vastgelegd]" in logged[0]["after"]
