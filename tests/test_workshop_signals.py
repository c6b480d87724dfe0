"""Waarschuwingssignalen (issue 16, point 4) on a real werkatelier session: ticks stored once per participant,
party and sign (also retried, and with many participants ticking at once through their own cursors), refused while
the exercise is closed or for a party or sign outside the session, own signs stored once per wording, the counts
per sign and party, the facilitator's risk made of a sign (once, audited under the facilitator), and the
participant, facilitator and projector views under AppTest."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from governance import workshop
from governance.core.access import PermissionDenied
from governance.core.db import Database, open_database
from governance.core.errors import DomainError, NotFoundError, ValidationError
from governance.workshop import export, participants, signals
from tests import actors
from tests.apptest import run

FACILITATOR = actors.FACILITATOR
COSTS, GRIP, LATE = "onverwachte-kosten", "buiten-greep", "late-stukken"


def _session(db: Database) -> dict:
    """A session about two demo parties, through one risk of each."""
    found = db.rows(
        "SELECT min(r.id) AS risk_id, r.party_id FROM risk r WHERE r.party_id IS NOT NULL "
        "GROUP BY r.party_id ORDER BY r.party_id LIMIT 2"
    )
    values = {"title": "Signalen herkennen", "facilitator": "Fenna", "risk_ids": [r["risk_id"] for r in found]}
    created = workshop.create_session(db, values, FACILITATOR)
    return {**created, "parties": [int(r["party_id"]) for r in found]}


@pytest.fixture
def session(demo_db: Database) -> dict:
    return _session(demo_db)


def _ticks(db: Database, session_id: int) -> list[tuple]:
    return [
        tuple(r.values())
        for r in db.rows(
            "SELECT party_id, participant_id, sign_key FROM workshop_sign_tick WHERE session_id = ? "
            "ORDER BY party_id, participant_id, sign_key",
            [session_id],
        )
    ]


def test_the_vocabulary_has_the_signs_of_the_domain_notes_in_dutch() -> None:
    labels = {s["key"]: s["label"] for s in signals.vocabulary()}
    assert labels[COSTS] == "Onverwachte extra kosten voor de gemeente"
    assert labels[GRIP] == "De raad voelt dat de partij buiten zijn greep is"
    assert labels["moeilijk-te-sturen"] == "De partij is moeilijk te sturen"
    assert labels[LATE] == "Stukken komen laat"
    assert all(s["help"] and s["source"] for s in signals.vocabulary())


def test_a_tick_waits_for_the_facilitator_and_is_a_state_not_a_toggle(demo_db: Database, session: dict) -> None:
    code, sid, party = session["code"], session["id"], session["parties"][0]
    token = workshop.join(demo_db, code, "Wethouder")
    with pytest.raises(workshop.WorkshopClosed, match="signalen is gesloten"):
        workshop.set_tick(demo_db, code, token, party, COSTS, True)
    workshop.set_signals_open(demo_db, code, True, FACILITATOR)
    me = workshop.participant(demo_db, sid, token)["id"]
    for _ in range(2):  # a retried request (a double tap, a reconnect) changes nothing the second time
        assert workshop.set_tick(demo_db, code, token, party, COSTS, True) is True
    assert _ticks(demo_db, sid) == [(party, me, COSTS)]
    for _ in range(2):
        assert workshop.set_tick(demo_db, code, token, party, COSTS, False) is False
    assert _ticks(demo_db, sid) == []
    audit = demo_db.rows("SELECT action, actor, reason FROM audit_log WHERE entity = 'workshop_sign_tick' ORDER BY id")
    assert [a["action"] for a in audit] == ["insert", "delete"]  # one row each: the repeats wrote nothing
    assert all(a["actor"] == f"deelnemer {me} (Wethouder)" and a["reason"] == code for a in audit)
    workshop.set_signals_open(demo_db, code, False, FACILITATOR)
    with pytest.raises(workshop.WorkshopClosed):
        workshop.set_tick(demo_db, code, token, party, COSTS, True)


def test_ticks_outside_the_session_are_refused_with_nothing_written(demo_db: Database, session: dict) -> None:
    code, sid, party = session["code"], session["id"], session["parties"][0]
    workshop.set_signals_open(demo_db, code, True, FACILITATOR)
    token = workshop.join(demo_db, code, "Controller")
    other = demo_db.scalar("SELECT max(id) FROM party WHERE id NOT IN (?, ?)", session["parties"])
    with pytest.raises(NotFoundError, match="hoort niet bij dit werkatelier"):
        workshop.set_tick(demo_db, code, token, other, COSTS, True)
    with pytest.raises(NotFoundError, match="Signaal 'verzonnen'"):
        workshop.set_tick(demo_db, code, token, party, "verzonnen", True)
    with pytest.raises(NotFoundError):
        workshop.set_tick(demo_db, code, "geen-token", party, COSTS, True)
    foreign = workshop.add_own_sign(demo_db, code, token, session["parties"][1], "Wisselende contactpersonen")
    with pytest.raises(NotFoundError):  # an own sign belongs to the party it was added at
        workshop.set_tick(demo_db, code, token, party, foreign, True)
    assert [t[2] for t in _ticks(demo_db, sid)] == [foreign]


def test_an_own_sign_is_stored_once_per_wording_and_ticked_for_who_adds_it(demo_db: Database, session: dict) -> None:
    code, sid, party = session["code"], session["id"], session["parties"][0]
    workshop.set_signals_open(demo_db, code, True, FACILITATOR)
    first, second = (workshop.join(demo_db, code, "Bewoner") for _ in range(2))
    key = workshop.add_own_sign(demo_db, code, first, party, "  Veel wisselingen in de directie ")
    assert key.startswith("eigen-")
    assert workshop.add_own_sign(demo_db, code, first, party, "Veel wisselingen in de directie") == key  # a retry
    assert workshop.add_own_sign(demo_db, code, second, party, "veel  WISSELINGEN in de directie") == key
    stored = demo_db.rows("SELECT text FROM workshop_own_sign WHERE session_id = ?", [sid])
    assert stored == [{"text": "Veel wisselingen in de directie"}]
    table = signals.counts(demo_db, sid).set_index(["party_id", "sign_key"])
    assert table.loc[(party, key), "n"] == 2 and bool(table.loc[(party, key), "own"])
    with pytest.raises(ValidationError, match="te lang"):
        workshop.add_own_sign(demo_db, code, first, party, "x" * 121)
    with pytest.raises(ValidationError, match="te kort"):
        workshop.add_own_sign(demo_db, code, first, party, "ab")
    for n in range(signals.OWN_PER_PARTICIPANT - 1):
        workshop.add_own_sign(demo_db, code, first, party, f"Signaal nummer {n}")
    with pytest.raises(DomainError, match="al 5 eigen signalen"):
        workshop.add_own_sign(demo_db, code, first, party, "Nog een")


def test_the_counts_per_sign_and_party_leave_out_removed_participants(demo_db: Database, session: dict) -> None:
    code, sid = session["code"], session["id"]
    a, b = session["parties"]
    workshop.set_signals_open(demo_db, code, True, FACILITATOR)
    tokens = [workshop.join(demo_db, code, "Controller") for _ in range(3)]
    for token in tokens:
        workshop.set_tick(demo_db, code, token, a, COSTS, True)
    workshop.set_tick(demo_db, code, tokens[0], a, GRIP, True)
    workshop.set_tick(demo_db, code, tokens[1], b, GRIP, True)
    own = workshop.add_own_sign(demo_db, code, tokens[2], b, "Geen jaarverslag ontvangen")
    table = signals.counts(demo_db, sid).set_index(["party_id", "sign_key"])["n"]
    assert (table[(a, COSTS)], table[(a, GRIP)], table[(b, GRIP)], table[(b, own)], table[(b, COSTS)]) == (
        3,
        1,
        1,
        1,
        0,
    )
    names = {r["id"]: r["name"] for r in demo_db.rows("SELECT id, name FROM party WHERE id IN (?, ?)", [a, b])}
    shown = signals.count_table(signals.counts(demo_db, sid)).set_index("Signaal")
    assert list(shown.index[:2]) == ["Onverwachte extra kosten voor de gemeente", signals.vocabulary()[1]["label"]]
    assert shown.loc["Onverwachte extra kosten voor de gemeente", names[a]] == 3
    assert shown.loc["De raad voelt dat de partij buiten zijn greep is", "Totaal"] == 2
    assert shown.loc["Geen jaarverslag ontvangen (eigen)", names[b]] == 1
    assert len(shown) == len(signals.vocabulary()) + 1
    gone = workshop.participant(demo_db, sid, tokens[0])["id"]
    participants.remove_participant(demo_db, code, gone, FACILITATOR)
    assert not [t for t in _ticks(demo_db, sid) if t[1] == gone]  # deleted with their scores and dots
    table = signals.counts(demo_db, sid).set_index(["party_id", "sign_key"])["n"]
    assert (table[(a, COSTS)], table[(a, GRIP)]) == (2, 0)
    assert signals.live(demo_db, sid)["participants"] == 2


def test_many_participants_ticking_at_once_store_each_tick_once(demo_db: Database, session: dict) -> None:
    code, sid = session["code"], session["id"]
    participants.set_join_rate(demo_db, 100, FACILITATOR, original=None)
    workshop.set_signals_open(demo_db, code, True, FACILITATOR)
    tokens = [workshop.join(demo_db, code, "Controller") for _ in range(30)]
    start = threading.Barrier(len(tokens))
    failures: list[str] = []

    def tick(token: str) -> None:
        start.wait()
        try:
            for _ in range(2):  # each tick sent twice, as a double tap on a phone would
                for party in session["parties"]:
                    for sign in (COSTS, GRIP, LATE):
                        workshop.set_tick(demo_db, code, token, party, sign, True)
                workshop.set_tick(demo_db, code, token, session["parties"][0], LATE, False)
                workshop.add_own_sign(demo_db, code, token, session["parties"][1], "Te weinig informatie")
        except Exception as exc:  # noqa: BLE001 (reported below)
            failures.append(repr(exc))

    threads = [threading.Thread(target=tick, args=(t,)) for t in tokens]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert failures == []
    assert demo_db.scalar("SELECT count(*) FROM workshop_own_sign WHERE session_id = ?", [sid]) == 1
    per_key = demo_db.rows(
        "SELECT party_id, sign_key, count(*) AS n, count(DISTINCT participant_id) AS people FROM workshop_sign_tick "
        "WHERE session_id = ? GROUP BY ALL",
        [sid],
    )
    assert len(per_key) == 2 * 3 - 1 + 1 and all(r["n"] == r["people"] == 30 for r in per_key)


def test_the_facilitator_makes_a_risk_of_a_sign_once_audited(demo_db: Database, session: dict) -> None:
    code, sid, party = session["code"], session["id"], session["parties"][0]
    workshop.set_signals_open(demo_db, code, True, FACILITATOR)
    for _ in range(2):
        workshop.set_tick(demo_db, code, workshop.join(demo_db, code, "Wethouder"), party, LATE, True)
    with pytest.raises(PermissionDenied):
        workshop.make_risk(demo_db, code, party, LATE, actors.LEZER)
    with pytest.raises(ValidationError, match="Categorie"):
        workshop.make_risk(demo_db, code, party, LATE, FACILITATOR, category="onzin")
    assert demo_db.scalar("SELECT count(*) FROM workshop_sign_risk") == 0
    made = workshop.make_risk(demo_db, code, party, LATE, FACILITATOR)
    assert made["created"]
    risk = demo_db.rows("SELECT * FROM risk WHERE id = ?", [made["risk_id"]])[0]
    assert (risk["party_id"], risk["title"], risk["category"], risk["status"]) == (
        party,
        "Stukken komen laat",
        "bestuurlijk",
        "open",
    )
    assert f"werkatelier {code}" in risk["cause"] and "2 deelnemers herkennen" in risk["cause"]
    audit = demo_db.rows(
        "SELECT actor, user_id, reason, after FROM audit_log WHERE entity = 'risk' AND entity_id = ?",
        [str(made["risk_id"])],
    )
    assert len(audit) == 1 and audit[0]["actor"] == FACILITATOR.name and audit[0]["user_id"] == FACILITATOR.user_id
    assert audit[0]["reason"] == f"werkatelier {code}: signaal 'Stukken komen laat'"
    assert json.loads(audit[0]["after"])["title"] == "Stukken komen laat"
    again = workshop.make_risk(demo_db, code, party, LATE, FACILITATOR)
    assert again == {"risk_id": made["risk_id"], "created": False}
    assert (
        signals.counts(demo_db, sid).set_index(["party_id", "sign_key"]).loc[(party, LATE), "risk_id"]
        == made["risk_id"]
    )
    sheet = export.results(demo_db, sid)["Signalen"]
    assert sheet.to_dict("records") == [
        {
            "Verbonden partij": demo_db.scalar("SELECT name FROM party WHERE id = ?", [party]),
            "Signaal": "Stukken komen laat",
            "Eigen signaal": "nee",
            "Aantal deelnemers": 2,
            "Risico gemaakt": f"risico {made['risk_id']}",
        }
    ]


def test_the_signals_take_the_projector_and_give_it_back(demo_db: Database, session: dict) -> None:
    code, sid = session["code"], session["id"]
    workshop.show_on_projector(demo_db, code, "rollen", FACILITATOR)
    workshop.show_signals(demo_db, code, True, FACILITATOR)
    assert workshop.day_display(demo_db, sid)["projector"] is None
    assert signals.state(demo_db, sid)["on_projector"]
    workshop.show_on_projector(demo_db, code, "begrip", FACILITATOR, "zienswijze")
    assert not signals.state(demo_db, sid)["on_projector"]
    workshop.show_signals(demo_db, code, True, FACILITATOR)
    workshop.set_screen(demo_db, code, "scores", FACILITATOR)
    assert not signals.state(demo_db, sid)["on_projector"]


# -- the pages ------------------------------------------------------------------------------------------------
@pytest.fixture
def app_session(app_db: Path) -> dict:
    db = open_database(app_db)
    return {**_session(db), "db": db}


def test_a_participant_ticks_signs_and_adds_one_of_their_own(app_session: dict) -> None:
    db, code, party = app_session["db"], app_session["code"], app_session["parties"][0]
    token = workshop.join(db, code, "Bewoner")
    at = run(query={"sessie": code, "deelnemer": token}, user=None)
    assert not [c for c in at.checkbox if c.key and c.key.startswith("sig-")]  # not open yet
    workshop.set_signals_open(db, code, True, FACILITATOR)
    at = run(query={"sessie": code, "deelnemer": token}, user=None)
    at.checkbox(key=f"sig-{party}-{COSTS}").check().run()
    assert "✓ Opgeslagen: 1 signaal aangevinkt." in [c.value for c in at.caption]
    at.checkbox(key=f"sig-{party}-{GRIP}").check().run()
    at.text_input(key=f"own-{party}-text").input("Geen <b>jaarverslag</b> *ontvangen*")
    at.button(key=f"FormSubmitter:own-{party}-Signaal toevoegen").click().run()
    me = workshop.participant(db, app_session["id"], token)["id"]
    mine = workshop.my_ticks(db, app_session["id"], me)
    own = db.scalar("SELECT id FROM workshop_own_sign")
    assert mine == {(party, COSTS), (party, GRIP), (party, f"eigen-{own}")}
    assert db.scalar("SELECT text FROM workshop_own_sign") == "Geen <b>jaarverslag</b> *ontvangen*"
    box = at.checkbox(key=f"sig-{party}-eigen-{own}")
    assert box.value and "<b>" not in box.label.replace("\\<b>", "")  # shown as text, not as HTML or Markdown
    assert "✓ Opgeslagen: 3 signalen aangevinkt." in [c.value for c in at.caption]
    at.checkbox(key=f"sig-{party}-{COSTS}").uncheck().run()
    assert workshop.my_ticks(db, app_session["id"], me) == {(party, GRIP), (party, f"eigen-{own}")}


def _projector(db: Database, code: str):  # noqa: ANN202 (AppTest)
    from governance.workshop import access

    return run(query={"sessie": code, "weergave": "projector", "sleutel": access.projector_key(db, code)}, user=None)


def test_the_projector_shows_the_counts_per_sign_and_party(app_session: dict) -> None:
    db, code = app_session["db"], app_session["code"]
    a, b = app_session["parties"]
    workshop.set_signals_open(db, code, True, FACILITATOR)
    for party in (a, a, b):
        workshop.set_tick(db, code, workshop.join(db, code, "Wethouder"), party, COSTS, True)
    workshop.show_signals(db, code, True, FACILITATOR)
    at = _projector(db, code)
    assert "## Waarschuwingssignalen — 3 deelnemers" in [m.value for m in at.markdown]
    table = at.table[0].value
    names = {r["id"]: r["name"] for r in db.rows("SELECT id, name FROM party WHERE id IN (?, ?)", [a, b])}
    first = table.iloc[0]
    assert first["Signaal"] == "Onverwachte extra kosten voor de gemeente"
    assert (int(first[names[a]]), int(first[names[b]]), int(first["Totaal"])) == (2, 1, 3)
    workshop.set_screen(db, code, "deelnemen", FACILITATOR)
    at = _projector(db, code)
    assert "## Waarschuwingssignalen — 3 deelnemers" not in [m.value for m in at.markdown]


def test_the_facilitator_opens_the_exercise_and_makes_a_risk(app_session: dict) -> None:
    db, code, party = app_session["db"], app_session["code"], app_session["parties"][0]
    at = run("pages/werkatelier.py", user="facilitator")
    at.button(key="ws-signals-open").click().run()
    assert signals.state(db, app_session["id"])["signals_open"]
    workshop.set_tick(db, code, workshop.join(db, code, "Wethouder"), party, GRIP, True)
    at = run("pages/werkatelier.py", user="facilitator")
    assert "1 deelnemer heeft signalen aangevinkt." in [c.value for c in at.caption]  # the live counts
    assert any(
        "Signaal" in t.value.columns and int(t.value.iloc[0]["Totaal"]) == 1 for t in at.table
    )  # the most recognised sign first
    at.selectbox(key="ws-sign-pick").set_value(f"{party}|{GRIP}").run()
    at.button(key="FormSubmitter:ws-sign-risk-Maak risico").click().run()
    risk = db.rows("SELECT id, title, party_id FROM risk ORDER BY id DESC LIMIT 1")[0]
    assert (risk["title"], risk["party_id"]) == ("De raad voelt dat de partij buiten zijn greep is", party)
    assert db.scalar("SELECT actor FROM audit_log WHERE entity = 'risk' ORDER BY id DESC LIMIT 1").startswith("Fenna")
    assert any("Risico" in s.value and "aangemaakt" in s.value for s in at.success)


def test_a_freshly_onboarded_gemeente_runs_the_day_with_signals(onboarded_app: Path) -> None:
    """No risks, no figures yet: a session about two regelingen, a programme with the signals, a sign made into the
    gemeente's first risk on a party, and the projector under AppTest."""
    db = open_database(onboarded_app)
    parties = [int(r["id"]) for r in db.rows("SELECT id FROM party WHERE archived_at IS NULL ORDER BY id LIMIT 2")]
    assert db.scalar("SELECT count(*) FROM risk") == 0
    values = {"title": "Eerste werkatelier", "facilitator": "Fenna", "party_ids": parties}
    code = workshop.create_session(db, values, FACILITATOR)["code"]
    sid = workshop.get_session(db, code)["id"]
    workshop.set_programme(db, code, ["signalen", "scoren"], FACILITATOR)
    workshop.next_step(db, code, FACILITATOR)
    token = workshop.join(db, code, "Wethouder")
    at = run(query={"sessie": code, "deelnemer": token}, user=None)
    at.checkbox(key=f"sig-{parties[1]}-{GRIP}").check().run()
    assert "✓ Opgeslagen: 1 signaal aangevinkt." in [c.value for c in at.caption]
    made = workshop.make_risk(db, code, parties[1], GRIP, FACILITATOR, category="bestuurlijk")
    assert db.rows("SELECT party_id, title FROM risk") == [
        {"party_id": parties[1], "title": "De raad voelt dat de partij buiten zijn greep is"}
    ]
    assert made["created"]
    projector = _projector(db, code)
    assert "## Waarschuwingssignalen — 1 deelnemer" in [m.value for m in projector.markdown]
    assert int(projector.table[0].value.iloc[0]["Totaal"]) == 1
    assert signals.live(db, sid)["participants"] == 1


def test_hostile_party_names_and_own_signs_show_as_text(app_db: Path) -> None:
    """Hostile party names (the session of tests/hostile_text.py) and own signs of every hostile kind: the phone,
    the projector and the facilitator's panel show them as the characters typed."""
    from tests import hostile_text
    from tests.test_plaintext import PORT, assert_plain

    db = open_database(app_db)
    stored = hostile_text.store(db, PORT)
    code, token = stored.code, stored.token
    workshop.set_signals_open(db, code, True, FACILITATOR)
    own = {k: t for k, t in stored.texts.items() if k != "long"}
    for n, text in enumerate(own.values()):  # at most 5 own signs per participant and party
        workshop.add_own_sign(db, code, token, stored.parties["image" if n < 3 else "link"], text)
    at = run(query={"sessie": code, "deelnemer": token}, user=None)
    assert_plain(at, list(own.values()))
    workshop.show_signals(db, code, True, FACILITATOR)
    projector = _projector(db, code)
    assert "## Waarschuwingssignalen — 1 deelnemer" in [m.value for m in projector.markdown]
    assert_plain(projector, list(own.values()))
    at = run("pages/werkatelier.py", user="facilitator")
    assert_plain(at, [])


def test_replacing_the_demo_removes_the_signals_and_the_programme(demo_db: Database, session: dict) -> None:
    """A werkatelier on the fictitious register is fictitious too: its ticks, own signs, risks made of signs and
    programme go with the demo (governance/national/onboarding.py lists the tables from the schema)."""
    from governance.national import onboarding as national
    from governance.national import snapshot
    from tests import roo_facts as facts

    code, party = session["code"], session["parties"][0]
    workshop.set_programme(demo_db, code, ["signalen"], FACILITATOR)
    workshop.next_step(demo_db, code, FACILITATOR)
    token = workshop.join(demo_db, code, "Wethouder")
    workshop.set_tick(demo_db, code, token, party, COSTS, True)
    workshop.add_own_sign(demo_db, code, token, party, "Eigen signaal in de demo")
    workshop.make_risk(demo_db, code, party, COSTS, FACILITATOR)
    snapshot.store(demo_db, snapshot.read(facts.SUBSET), actors.named("tester"))
    mine = ("workshop_sign_tick", "workshop_own_sign", "workshop_sign_risk", "workshop_signal_state", "workshop_step")
    assert all(demo_db.scalar(f"SELECT count(*) FROM {t}") for t in mine)
    national.adopt(demo_db, "gm0944", actors.named("tester"))
    assert {t: demo_db.scalar(f"SELECT count(*) FROM {t}") for t in mine} == dict.fromkeys(mine, 0)
