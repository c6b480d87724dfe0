"""Rolopvatting en rolverwachting (issue 16, point 3) on a real werkatelier session in the demo: placements stored
once per participant, party and kind (also with many participants at once), refused while the exercise is closed
or for a party outside the session, the gap per party, the agreed role written back to the party (audited), and
the participant, facilitator and projector views under AppTest."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from governance import workshop
from governance.core.access import PermissionDenied
from governance.core.db import Database, open_database
from governance.core.errors import NotFoundError, ValidationError
from governance.workshop import participants, roleview
from tests import actors
from tests.apptest import charts, run
from ui.text import plain

FACILITATOR = actors.FACILITATOR


def _session(db: Database) -> dict:
    """A session about three demo parties: two through their risks, one as a party item."""
    found = db.rows(
        "SELECT min(r.id) AS risk_id, r.party_id FROM risk r WHERE r.party_id IS NOT NULL "
        "GROUP BY r.party_id ORDER BY r.party_id LIMIT 2"
    )
    other = db.scalar(
        "SELECT min(id) FROM party WHERE archived_at IS NULL AND id NOT IN (?, ?)",
        [found[0]["party_id"], found[1]["party_id"]],
    )
    values = {
        "title": "Rollen in het werkatelier",
        "facilitator": "Fenna",
        "risk_ids": [r["risk_id"] for r in found],
        "party_ids": [other],
    }
    created = workshop.create_session(db, values, FACILITATOR)
    parties = [int(r["party_id"]) for r in found] + [int(other)]
    return {**created, "parties": parties}


@pytest.fixture
def session(demo_db: Database) -> dict:
    return _session(demo_db)


def _count(db: Database, session_id: int) -> int:
    return int(db.scalar("SELECT count(*) FROM workshop_role_view WHERE session_id = ?", [session_id]))


def test_placing_waits_for_the_facilitator_and_a_second_placement_replaces_the_first(
    demo_db: Database, session: dict
) -> None:
    code, party = session["code"], session["parties"][0]
    token = workshop.join(demo_db, code, "Wethouder")
    with pytest.raises(workshop.WorkshopClosed):
        workshop.place_role(demo_db, code, token, party, "opvatting", "regisseren", True)
    workshop.set_roles_open(demo_db, code, True, FACILITATOR)
    workshop.place_role(demo_db, code, token, party, "opvatting", "regisseren", True, "College")
    workshop.place_role(demo_db, code, token, party, "opvatting", "faciliteren", False)
    workshop.place_role(demo_db, code, token, party, "verwachting", "reguleren", "ja")
    rows = demo_db.rows(
        "SELECT kind, role, connector, perspective FROM workshop_role_view WHERE session_id = ? ORDER BY kind",
        [session["id"]],
    )
    assert rows == [
        {"kind": "opvatting", "role": "faciliteren", "connector": False, "perspective": None},
        {"kind": "verwachting", "role": "reguleren", "connector": True, "perspective": None},
    ]
    audit = demo_db.rows("SELECT action, actor FROM audit_log WHERE entity = 'workshop_role_view' ORDER BY id")
    assert [a["action"] for a in audit] == ["insert", "update", "insert"]
    assert all(a["actor"].startswith("deelnemer ") and a["actor"].endswith("(Wethouder)") for a in audit)


def test_bad_placements_are_refused_with_nothing_written(demo_db: Database, session: dict) -> None:
    code = session["code"]
    token = workshop.join(demo_db, code, "Bewoner")
    workshop.set_roles_open(demo_db, code, True, FACILITATOR)
    with pytest.raises(ValidationError) as bad:
        workshop.place_role(demo_db, code, token, session["parties"][0], "mening", "sturen", True)
    assert {e.label for e in bad.value.errors} == {"Soort", "Rol van de gemeente"}
    outside = int(demo_db.scalar("SELECT max(id) FROM party"))
    assert outside not in session["parties"]
    with pytest.raises(NotFoundError, match="hoort niet bij dit werkatelier"):
        workshop.place_role(demo_db, code, token, outside, "opvatting", "loslaten", False)
    with pytest.raises(NotFoundError, match="niet aangemeld bij dit werkatelier"):
        workshop.place_role(demo_db, code, "geen-token", session["parties"][0], "opvatting", "loslaten", False)
    assert _count(demo_db, session["id"]) == 0


def test_the_gap_per_party_and_the_distributions(demo_db: Database, session: dict) -> None:
    code, (first, second, _) = session["code"], session["parties"]
    workshop.set_roles_open(demo_db, code, True, FACILITATOR)
    placed = {  # perspective: (opvatting, verbinder), (verwachting, verbinder) at the first party
        "Wethouder": (("faciliteren", True), ("reguleren", False)),
        "Controller": (("regisseren", False), ("reguleren", True)),
        "Bewoner": (("regisseren", True), ("regisseren", True)),
    }
    for perspective, ((took, c1), (expected, c2)) in placed.items():
        token = workshop.join(demo_db, code, perspective)
        workshop.place_role(demo_db, code, token, first, "opvatting", took, c1)
        workshop.place_role(demo_db, code, token, first, "verwachting", expected, c2)
        workshop.place_role(demo_db, code, token, second, "opvatting", "stimuleren", False)
        workshop.place_role(demo_db, code, token, second, "verwachting", "stimuleren", False)
    model = roleview.live(demo_db, session["id"])
    gaps = model["gaps"].set_index("party_id")
    assert gaps.loc[first, "opvatting"] == 4 and gaps.loc[first, "verwachting"] == 5  # regisseren, reguleren
    assert gaps.loc[first, "gap"] == 1 and gaps.loc[second, "gap"] == 0
    assert gaps.loc[first, "verbinder_opvatting"] == pytest.approx(2 / 3)
    assert list(model["gaps"]["party_id"])[0] == first  # the largest gap first
    table = workshop.gap_table(model["gaps"])
    assert list(table.iloc[0]) == [
        model["gaps"].iloc[0]["party"],
        "Regisseren",
        "Reguleren",
        "+1",
        "67% → 67%",
        "3 / 3",
    ]
    dist = model["distribution"]
    at_first = dist[(dist["party"] == model["gaps"].iloc[0]["party"]) & (dist["kind"] == "verwachting")]
    assert dict(zip(at_first["role"], at_first["n"], strict=True)) == {
        "loslaten": 0,
        "faciliteren": 0,
        "stimuleren": 0,
        "regisseren": 1,
        "reguleren": 2,
    }
    fig = workshop.role_distributions(dist, model["gaps"])
    heatmaps = [t for t in fig.data if t.type == "heatmap"]
    assert len(heatmaps) == 2 and list(heatmaps[1].z[-1]) == [0, 0, 0, 1, 2]  # the first party is the top row


def test_many_participants_placing_at_once_store_each_placement_once(demo_db: Database, session: dict) -> None:
    code, sid = session["code"], session["id"]
    participants.set_join_rate(demo_db, 100, FACILITATOR, original=None)
    workshop.set_roles_open(demo_db, code, True, FACILITATOR)
    tokens = [workshop.join(demo_db, code, "Controller") for _ in range(30)]
    start = threading.Barrier(len(tokens))
    failures: list[str] = []

    def place(token: str) -> None:
        start.wait()
        try:
            for attempt in range(2):  # each placement sent twice, as a double tap on a phone would
                for party in session["parties"][:2]:
                    for kind, role in (("opvatting", "faciliteren"), ("verwachting", "regisseren")):
                        workshop.place_role(demo_db, code, token, party, kind, role, attempt == 1)
        except Exception as exc:  # noqa: BLE001 (reported below)
            failures.append(repr(exc))

    threads = [threading.Thread(target=place, args=(t,)) for t in tokens]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert failures == []
    assert _count(demo_db, sid) == 30 * 2 * 2
    per_key = demo_db.rows(
        "SELECT count(*) AS n, bool_and(connector) AS last FROM workshop_role_view WHERE session_id = ? "
        "GROUP BY party_id, participant_id, kind",
        [sid],
    )
    assert len(per_key) == 120 and all(r["n"] == 1 and r["last"] for r in per_key)


def test_the_agreed_role_is_written_back_to_the_party_audited(demo_db: Database, session: dict) -> None:
    code, party = session["code"], session["parties"][0]
    before = demo_db.rows("SELECT government_role, government_connector FROM party WHERE id = ?", [party])[0]
    workshop.agree_role(demo_db, code, party, "reguleren", None, FACILITATOR, write_back=False)
    assert demo_db.rows("SELECT government_role, government_connector FROM party WHERE id = ?", [party])[0] == before
    workshop.agree_role(demo_db, code, party, "regisseren", True, FACILITATOR, write_back=True)
    after = demo_db.rows("SELECT government_role, government_connector FROM party WHERE id = ?", [party])[0]
    assert after == {"government_role": "regisseren", "government_connector": True}
    agreed = demo_db.rows("SELECT role, connector, written_back FROM workshop_role_agreement")
    assert agreed == [{"role": "regisseren", "connector": True, "written_back": True}]  # the second replaced the first
    last = "SELECT actor, reason, after FROM audit_log WHERE entity = 'party' ORDER BY id DESC LIMIT 1"
    audit = demo_db.rows(last)[0]
    assert audit["actor"] == FACILITATOR.name and audit["reason"] == f"werkatelier {code}"
    assert json.loads(audit["after"])["government_role"] == "regisseren"
    with pytest.raises(PermissionDenied):
        workshop.agree_role(demo_db, code, party, "loslaten", None, actors.LEZER, write_back=True)
    with pytest.raises(ValidationError):
        workshop.agree_role(demo_db, code, party, "sturen", None, FACILITATOR, write_back=True)
    assert demo_db.scalar("SELECT government_role FROM party WHERE id = ?", [party]) == "regisseren"


def test_a_term_on_the_projector_gives_way_to_the_next_screen(demo_db: Database, session: dict) -> None:
    code, sid = session["code"], session["id"]
    with pytest.raises(ValidationError):
        workshop.show_on_projector(demo_db, code, "begrip", FACILITATOR, "bestaat-niet")
    workshop.show_on_projector(demo_db, code, "begrip", FACILITATOR, "zienswijze")
    assert workshop.day_display(demo_db, sid)["term_key"] == "zienswijze"
    workshop.set_screen(demo_db, code, "scores", FACILITATOR)
    assert workshop.day_display(demo_db, sid)["projector"] is None


# -- the pages ------------------------------------------------------------------------------------------------
@pytest.fixture
def app_session(app_db: Path) -> dict:
    db = open_database(app_db)
    return {**_session(db), "db": db}


def test_a_participant_places_both_roles_on_the_phone(app_session: dict) -> None:
    db, code, party = app_session["db"], app_session["code"], app_session["parties"][0]
    token = workshop.join(db, code, "Bewoner")
    at = run(query={"sessie": code, "deelnemer": token}, user=None)
    assert not [f for f in at.main.get("form") if f.proto.form.form_id.startswith("role-")]  # not open yet
    workshop.set_roles_open(db, code, True, FACILITATOR)
    at = run(query={"sessie": code, "deelnemer": token}, user=None)
    at.selectbox(key="role-perspective").set_value("Partner")
    at.radio(key=f"role-{party}-opvatting").set_value("faciliteren")
    at.radio(key=f"role-{party}-verwachting").set_value("regisseren")
    at.checkbox(key=f"conn-{party}-verwachting").check()
    at.button(key=f"FormSubmitter:role-{party}-Rollen opslaan").click().run()
    assert "Opgeslagen: rolopvatting en rolverwachting." in [s.value for s in at.success]
    stored = db.rows(
        "SELECT kind, role, connector, perspective FROM workshop_role_view WHERE party_id = ? ORDER BY kind", [party]
    )
    assert stored == [
        {"kind": "opvatting", "role": "faciliteren", "connector": False, "perspective": "Partner"},
        {"kind": "verwachting", "role": "regisseren", "connector": True, "perspective": "Partner"},
    ]


def _projector(db: Database, code: str):  # noqa: ANN202 (AppTest)
    from governance.workshop import access

    return run(query={"sessie": code, "weergave": "projector", "sleutel": access.projector_key(db, code)}, user=None)


def test_the_projector_shows_both_distributions_and_a_term(app_session: dict) -> None:
    db, code, party = app_session["db"], app_session["code"], app_session["parties"][0]
    workshop.set_roles_open(db, code, True, FACILITATOR)
    token = workshop.join(db, code, "Wethouder")
    workshop.place_role(db, code, token, party, "opvatting", "loslaten", False)
    workshop.place_role(db, code, token, party, "verwachting", "reguleren", True)
    workshop.show_on_projector(db, code, "rollen", FACILITATOR)
    at = _projector(db, code)
    assert "## Rolopvatting en rolverwachting — 1 deelnemers" in [m.value for m in at.markdown]
    heatmaps = [t for fig in charts(at) for t in fig["data"] if t["type"] == "heatmap"]
    assert [h["z"] for h in heatmaps] == [[[1, 0, 0, 0, 0]], [[0, 0, 0, 0, 1]]]
    assert at.table[0].value.iloc[0]["Verschil"] == plain("+4")  # st.table reads Markdown
    workshop.show_on_projector(db, code, "begrip", FACILITATOR, "dubbele-pet")
    at = _projector(db, code)
    assert "# Dubbele pet" in [m.value for m in at.markdown]
    assert not charts(at)


def test_the_facilitator_writes_the_agreed_role_back(app_session: dict) -> None:
    db, party = app_session["db"], app_session["parties"][0]
    at = run("pages/werkatelier.py", user="facilitator")
    at.selectbox(key="ws-agree-party").set_value(party).run()
    form = next(f for f in at.main.get("form") if f.proto.form.form_id == f"ws-agree-{party}")
    assert form is not None
    next(s for s in at.selectbox if s.label == "Rol van de gemeente").set_value("stimuleren")
    at.button(key=f"FormSubmitter:ws-agree-{party}-Rol vastleggen").click().run()
    assert db.scalar("SELECT government_role FROM party WHERE id = ?", [party]) == "stimuleren"
    assert db.scalar("SELECT actor FROM audit_log WHERE entity = 'party' ORDER BY id DESC LIMIT 1").startswith("Fenna")
