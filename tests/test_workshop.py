"""Werkatelier: aggregation (pure functions, expected values computed by hand or with `statistics`), and the
domain rules on a real demo database (join, vote replaces, bad input, consensus write-back, dots)."""

from __future__ import annotations

import json
import statistics
import threading

import pandas as pd
import pytest

from governance import risks
from governance.core.db import Database
from governance.core.errors import DomainError, NotFoundError, ValidationError
from governance.risks import matrix, matrix_setting
from governance.workshop import access, charts, consensus, participants
from governance.workshop import dotvoting as proposals
from governance.workshop import forcefield as krachtenveld
from governance.workshop import scoring as workshop_scale
from governance.workshop import session as sessions
from governance.workshop import stats as workshopstats
from tests import actors

ACTOR = "Facilitator Fenna"


def frame(rows: list[tuple]) -> pd.DataFrame:
    """(item_id, participant_id, perspective, round, likelihood, impact) -> the shape of workshop.scores."""
    table = pd.DataFrame(rows, columns=["item_id", "participant_id", "perspective", "round", "likelihood", "impact"])
    table["position"] = table["item_id"]
    return table


# Item 1: near agreement; item 2: split down the middle; item 3: a single vote.
VOTES = [
    (1, 1, "Wethouder", 1, 3, 4),
    (1, 2, "Controller", 1, 3, 4),
    (1, 3, "Controller", 1, 4, 4),
    (1, 4, "Bewoner", 1, 3, 3),
    (2, 1, "Wethouder", 1, 1, 1),
    (2, 2, "Controller", 1, 5, 5),
    (2, 3, "Controller", 1, 1, 2),
    (2, 4, "Bewoner", 1, 5, 4),
    (3, 1, "Wethouder", 1, 2, 5),
    # round 2: item 2 converges
    (2, 1, "Wethouder", 2, 3, 3),
    (2, 2, "Controller", 2, 4, 4),
    (2, 3, "Controller", 2, 3, 3),
    (2, 4, "Bewoner", 2, 3, 4),
]


def quartiles(values: list[int]) -> tuple[float, float]:
    q1, _, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return q1, q3


def test_median_and_interquartile_range_per_item() -> None:
    stats = workshopstats.item_stats(frame(VOTES), 1).set_index("position")
    for item in (1, 2, 3):
        mine = [v for v in VOTES if v[0] == item and v[3] == 1]
        lik, imp = [v[4] for v in mine], [v[5] for v in mine]
        assert stats.loc[item, "n"] == len(mine)
        assert stats.loc[item, "lik_median"] == statistics.median(lik)
        assert stats.loc[item, "imp_median"] == statistics.median(imp)
        if len(mine) > 1:
            (l1, l3), (i1, i3) = quartiles(lik), quartiles(imp)
            assert stats.loc[item, "lik_iqr"] == pytest.approx(l3 - l1)
            assert stats.loc[item, "imp_iqr"] == pytest.approx(i3 - i1)
    # by hand: item 2 kans 1,5,1,5 -> median 3, Q1 1, Q3 5 (linear), IQR 4
    assert (stats.loc[2, "lik_median"], stats.loc[2, "lik_q1"], stats.loc[2, "lik_q3"]) == (3.0, 1.0, 5.0)
    # item 1 kans 3,3,4,3 -> Q1 3, Q3 3.25
    assert stats.loc[1, "lik_q3"] == pytest.approx(3.25)
    assert stats.loc[3, "disagreement"] == 0.0


def test_consensus_and_proposed_score() -> None:
    stats = workshopstats.item_stats(frame(VOTES), 1).set_index("position")
    assert stats.loc[1, "agreement"] == 1.0 and stats.loc[1, "consensus"] == "consensus"
    # item 2: medians 3 / 3; votes (1,1) (5,5) (1,2) (5,4): none within one level on both axes
    assert stats.loc[2, "agreement"] == 0.0 and stats.loc[2, "consensus"] == "verdeeld"
    # item 1 impact median 4, kans median 3 -> proposed (3, 4); a 3.5 median rounds up to 4
    assert (stats.loc[1, "proposed_likelihood"], stats.loc[1, "proposed_impact"]) == (3, 4)
    assert workshopstats.round_half_up(3.5) == 4 and workshopstats.round_half_up(2.49) == 2


def test_an_empty_consensus_axis_takes_the_proposed_score() -> None:
    stats = workshopstats.item_stats(frame(VOTES), 1)
    # item 1: kans 3,3,4,3 -> median 3; impact 4,4,4,3 -> median 4 (proposed 3 and 4)
    assert workshopstats.consensus_or_proposal(stats, 1, None, None) == (3, 4)
    assert workshopstats.consensus_or_proposal(stats, 1, 5, None) == (5, 4)
    assert workshopstats.consensus_or_proposal(stats, 1, 2, 1) == (2, 1)
    assert workshopstats.consensus_or_proposal(stats, 99, None, 2) == (None, 2)  # no votes: nothing to propose


def test_disagreement_ranking_puts_the_split_item_first() -> None:
    ranked = workshopstats.disagreement_ranking(workshopstats.item_stats(frame(VOTES), 1))
    assert list(ranked["position"]) == [2, 1, 3]
    assert list(ranked["rank"]) == [1, 2, 3]


def test_ranking_breaks_ties_on_mean_absolute_deviation_then_number() -> None:
    rows = [(1, p, "X", 1, 3, 3) for p in range(4)] + [(2, p, "X", 1, 3, 3) for p in range(4)]
    rows += [(3, 0, "X", 1, 3, 3), (3, 1, "X", 1, 3, 3), (3, 2, "X", 1, 3, 3), (3, 3, "X", 1, 5, 3)]
    ranked = workshopstats.disagreement_ranking(workshopstats.item_stats(frame(rows), 1))
    # item 3 has IQR 0.5 (3,3,3,5 -> Q1 3, Q3 3.5); items 1 and 2 are identical and keep their order
    assert list(ranked["position"]) == [3, 1, 2]


def test_split_by_perspective() -> None:
    table = workshopstats.by_perspective(frame(VOTES), 1)
    row = table[(table["position"] == 2) & (table["perspective"] == "Controller")].iloc[0]
    assert (row["n"], row["lik_median"], row["imp_median"]) == (2, 3.0, 3.5)  # (5,5) and (1,2)
    assert len(table[table["position"] == 1]) == 3  # three perspectives scored item 1


def test_movement_between_rounds() -> None:
    moves = workshopstats.movement(frame(VOTES), 1, 2)
    assert list(moves["position"]) == [2]  # only item 2 was scored in both rounds
    m = moves.iloc[0]
    assert (m["lik_from"], m["imp_from"]) == (3.0, 3.0)
    assert (m["lik_to"], m["imp_to"]) == (3.0, 3.5)
    assert m["imp_shift"] == 0.5
    assert m["disagreement_to"] < m["disagreement_from"]


def test_jitter_is_deterministic_and_small() -> None:
    assert workshopstats.jitter(7, 3) == workshopstats.jitter(7, 3)
    assert workshopstats.jitter(7, 3) != workshopstats.jitter(8, 3)
    assert all(abs(d) <= 0.16 for p in range(50) for d in workshopstats.jitter(p, 1))


# -- the scale adapter ----------------------------------------------------------------------------------------
def test_scale_defaults_to_the_five_by_five_matrix(demo_db: Database) -> None:
    scale = workshop_scale.scale(demo_db)
    assert scale.levels == (5, 5)
    assert scale.likelihood[0] == "Zeer klein (10 %)" and scale.impact[-1] == "Zeer groot (> € 1.000.000)"


def test_scale_follows_the_risk_matrix_saved_under_beheer(empty_db: Database) -> None:
    matrix_setting.save_matrix(empty_db, matrix.default_matrix(4, 3), "proportioneel", actors.named("test"), None)
    scale = workshop_scale.scale(empty_db)
    assert scale.levels == (4, 3)
    assert scale.source == "risicomatrix 4×3"


def test_a_vote_off_the_matrix_gets_the_risk_registers_message(demo_db: Database) -> None:
    """One check of a score on the configured matrix (risks.score_check): on a 4×3 matrix a vote and a risk get
    the same words for the same score that does not fit."""
    matrix_setting.save_matrix(demo_db, matrix.default_matrix(4, 3), "proportioneel", actors.named("test"), None)
    values = {"title": "Schaal", "facilitator": ACTOR, "risk_ids": risk_ids(demo_db, 1), "perspectives": "Raad"}
    created = sessions.create_session(demo_db, values, actors.named(ACTOR))
    token = participants.join(demo_db, created["code"], "Raad")
    item = int(sessions.items(demo_db, created["id"])["id"].iloc[0])
    with pytest.raises(ValidationError) as vote_err:
        participants.vote(demo_db, created["code"], token, item, 5, 4)
    risk = {"category": "financieel", "title": "Een risico", "gross_likelihood": 5, "gross_impact": 4}
    with pytest.raises(ValidationError) as risk_err:
        risks.validate_risk(risk, risks.get_matrix(demo_db))
    expected = [
        "'5' past niet: kies een geheel getal van 1 tot en met 4 (de risicomatrix heeft 4 kansniveaus)",
        "'4' past niet: kies een geheel getal van 1 tot en met 3 (de risicomatrix heeft 3 impactniveaus)",
    ]
    assert [e.message for e in vote_err.value.errors] == expected
    assert [e.message for e in risk_err.value.errors] == expected


def test_projector_matrix_shows_the_configured_level_of_each_cell(empty_db: Database) -> None:
    """The projector's matrix tints a cell by its level in the configured risk matrix (as the risk register's
    heat map does), not by its own kans × impact thresholds: here K1×I1 is set to 'zeer hoog' and K5×I5 to
    'laag', in colours of our own."""
    base = matrix.default_matrix()
    cells = [list(row) for row in base.cells]
    cells[0][0], cells[4][4] = "zeer_hoog", "laag"
    colours = {**base.level_colours, "zeer_hoog": "#4b0082", "laag": "#00a000"}
    configured = matrix.Matrix(base.likelihood, base.impact, tuple(map(tuple, cells)), level_colours=colours)
    matrix_setting.save_matrix(empty_db, configured, "gelijk", actors.named("test"), None)
    scale = workshop_scale.scale(empty_db)
    heat = charts.matrix(scale, workshopstats.item_stats(frame(VOTES), 1)).to_dict()["data"][0]
    codes = list(risks.LEVEL_CODES)
    stored = risks.get_matrix(empty_db)
    assert heat["z"] == [[codes.index(stored.level(li, im)) for li in range(1, 6)] for im in range(1, 6)]
    assert heat["z"][0][0] == codes.index("zeer_hoog") and heat["z"][4][4] == codes.index("laag")
    tints = dict(heat["colorscale"])
    assert tints[codes.index("zeer_hoog") / 3] == charts.tint("#4b0082") == "#9366b4"
    assert tints[0.0] == charts.tint("#00a000") == "#66c666"


def test_projector_matrix_discs_never_overlap_and_every_level_has_a_horizontal_tick(empty_db: Database) -> None:
    """Forty items on one median, and items on neighbouring half-steps, still get discs that do not touch and stay
    inside the matrix; each cell names its level; every kans and impact level has its tick (here on a 4 × 3
    matrix of the gemeente's own), horizontal, at the projector's 24 px."""
    matrix_setting.save_matrix(empty_db, matrix.default_matrix(4, 3), "proportioneel", actors.named("test"), None)
    scale = workshop_scale.scale(empty_db)
    crowd = pd.DataFrame(
        {
            "position": range(1, 41),
            "lik_median": [2.0] * 30 + [2.5] * 5 + [4.0] * 5,
            "imp_median": [2.0] * 30 + [2.5] * 5 + [3.0] * 5,
        }
    )
    placed, radius = charts.place_items(crowd, scale.levels)
    assert radius < charts.BUBBLE_RADIUS  # forty do not fit a 4 × 3 matrix at full size: smaller discs
    assert charts.place_items(crowd.head(10), scale.levels)[1] == charts.BUBBLE_RADIUS
    step = 2 * radius + charts.BUBBLE_GAP
    points = list(zip(placed["x"], placed["y"], strict=True))
    for i, (x1, y1) in enumerate(points):
        assert 0.5 + radius - 1e-9 <= x1 <= 4.5 - radius + 1e-9
        assert 0.5 + radius - 1e-9 <= y1 <= 3.5 - radius + 1e-9
        for x2, y2 in points[i + 1 :]:
            assert ((x1 - x2) ** 2 + (y1 - y2) ** 2) ** 0.5 >= step - 1e-9
    assert points[0] == (2.0, 2.0)  # the first item sits on its median
    fig = charts.matrix(scale, workshopstats.item_stats(frame(VOTES), 1), font_size=28, tick_size=24).to_dict()
    layout = fig["layout"]
    assert len(layout["xaxis"]["ticktext"]) == 4 and len(layout["yaxis"]["ticktext"]) == 3
    assert layout["xaxis"]["ticktext"][0].startswith("1<br>") and layout["yaxis"]["ticktext"][2].startswith("3 ")
    for axis in ("xaxis", "yaxis"):
        assert layout[axis]["tickangle"] == 0 and layout[axis]["tickfont"]["size"] >= 24
        assert layout[axis]["automargin"] is True
    words = next(t for t in fig["data"] if t.get("name") == "niveau")
    stored = risks.get_matrix(empty_db)
    expected = [stored.level_labels[stored.level(li, im)] for im in range(1, 4) for li in range(1, 5)]
    assert words["text"] == expected


# -- the domain on a real database -----------------------------------------------------------------------
def risk_ids(db: Database, n: int) -> list[int]:
    return [int(r) for r in db.query("SELECT id FROM risk ORDER BY id LIMIT ?", [n])["id"]]


@pytest.fixture
def session(demo_db: Database) -> dict:
    values = {
        "title": "Werkatelier GR'en",
        "facilitator": ACTOR,
        "risk_ids": risk_ids(demo_db, 3),
        "party_ids": [int(demo_db.scalar("SELECT min(id) FROM party"))],
        "perspectives": "Wethouder, Controller\nBewoner",
        "dots": 2,
    }
    return sessions.create_session(demo_db, values, actors.named(ACTOR))


def test_join_code_is_short_and_unambiguous(demo_db: Database, session: dict) -> None:
    code = session["code"]
    assert len(code) == 6 and not set(code) & set("0O1I")
    row = sessions.get_session(demo_db, code.lower())
    assert row["perspectives"] == ["Wethouder", "Controller", "Bewoner"]
    assert list(sessions.items(demo_db, row["id"])["position"]) == [1, 2, 3, 4]


def test_create_session_names_every_missing_field(demo_db: Database) -> None:
    with pytest.raises(ValidationError) as err:
        sessions.create_session(demo_db, {"title": " ", "facilitator": ACTOR, "dots": 50}, actors.named(ACTOR))
    fields = {e.field: e.message for e in err.value.errors}
    assert fields["title"] == "is verplicht"
    assert "20" in fields["dots"]
    assert "minstens één" in fields["items"]


def test_second_vote_replaces_the_first(demo_db: Database, session: dict) -> None:
    code = session["code"]
    token = participants.join(demo_db, code, "Controller", "Cas")
    item = int(sessions.items(demo_db, session["id"])["id"].iloc[0])
    participants.vote(demo_db, code, token, item, 2, 3, "eerste indruk")
    participants.vote(demo_db, code, token, item, 4, 5)
    stored = demo_db.query("SELECT likelihood, impact, reason FROM workshop_score WHERE item_id = ?", [item])
    assert stored.to_dict("records") == [{"likelihood": 4, "impact": 5, "reason": None}]
    audit = demo_db.query("SELECT action, actor FROM audit_log WHERE entity = 'workshop_score' ORDER BY id")
    assert list(audit["action"]) == ["insert", "update"]
    assert audit["actor"].iloc[0].startswith("deelnemer ") and "Controller" in audit["actor"].iloc[0]


def test_bad_input_gets_a_dutch_message(demo_db: Database, session: dict) -> None:
    code = session["code"]
    with pytest.raises(NotFoundError, match="Er is geen werkatelier met de code 'ZZZZZZ'"):
        sessions.open_session(demo_db, "ZZZZZZ")
    with pytest.raises(ValidationError, match="Perspectief"):
        participants.join(demo_db, code, "Koning")
    token = participants.join(demo_db, code, "Bewoner")
    item = int(sessions.items(demo_db, session["id"])["id"].iloc[0])
    with pytest.raises(ValidationError) as err:
        participants.vote(demo_db, code, token, item, 6, 0)
    assert [(e.label, e.message) for e in err.value.errors] == [
        ("Kans", "'6' past niet: kies een geheel getal van 1 tot en met 5 (de risicomatrix heeft 5 kansniveaus)"),
        ("Impact", "'0' past niet: kies een geheel getal van 1 tot en met 5 (de risicomatrix heeft 5 impactniveaus)"),
    ]
    with pytest.raises(ValidationError) as err:
        participants.vote(demo_db, code, token, item, None, " ")
    assert [(e.label, e.message) for e in err.value.errors] == [("Kans", "is verplicht"), ("Impact", "is verplicht")]
    with pytest.raises(NotFoundError, match="niet .*aangemeld"):
        participants.vote(demo_db, code, "verzonnen-sleutel", item, 3, 3)
    sessions.set_round_open(demo_db, code, False, actors.named(ACTOR))
    with pytest.raises(workshop_scale.WorkshopClosed, match="Ronde 1 is gesloten"):
        participants.vote(demo_db, code, token, item, 3, 3)
    sessions.close_session(demo_db, code, actors.named(ACTOR))
    with pytest.raises(workshop_scale.WorkshopClosed, match="is gesloten"):
        participants.join(demo_db, code, "Bewoner")
    assert demo_db.scalar("SELECT count(*) FROM workshop_score") == 0


def first_vote(db: Database, session: dict, perspective: str) -> tuple[str, str, int]:
    """A new participant who scores the first item 2 × 2; returns (code, token, item id)."""
    code = session["code"]
    token = participants.join(db, code, perspective)
    item = int(sessions.items(db, session["id"])["id"].iloc[0])
    participants.vote(db, code, token, item, 2, 2)
    return code, token, item


def test_rounds_keep_earlier_votes(demo_db: Database, session: dict) -> None:
    code, token, item = first_vote(demo_db, session, "Wethouder")
    sessions.set_revealed(demo_db, code, True, actors.named(ACTOR))
    row = sessions.next_round(demo_db, code, actors.named(ACTOR))
    assert (row["round"], row["round_open"], row["revealed"]) == (2, True, False)
    participants.vote(demo_db, code, token, item, 3, 3)
    scores = participants.scores(demo_db, session["id"])
    assert sorted(zip(scores["round"], scores["likelihood"], strict=True)) == [(1, 2), (2, 3)]


def test_lock_consensus_writes_back_to_the_risk_with_audit(demo_db: Database, session: dict) -> None:
    code = session["code"]
    item = sessions.items(demo_db, session["id"]).iloc[0]
    risk_before = demo_db.rows("SELECT * FROM risk WHERE id = ?", [int(item["risk_id"])])[0]
    impact = risk_before["gross_impact"]  # netto ≤ bruto: a higher net impact is refused (test_domain_truth.py)
    consensus.lock_consensus(demo_db, code, int(item["id"]), 2, impact, actors.named(ACTOR), write_back="net")
    risk = demo_db.rows("SELECT * FROM risk WHERE id = ?", [int(item["risk_id"])])[0]
    assert (risk["net_likelihood"], risk["net_impact"]) == (2, impact)
    assert (risk["gross_likelihood"], risk["gross_impact"]) == (
        risk_before["gross_likelihood"],
        risk_before["gross_impact"],
    )
    assert risk["version"] == risk_before["version"] + 1
    audit = demo_db.rows("SELECT * FROM audit_log WHERE entity = 'risk' ORDER BY id DESC LIMIT 1")[0]
    assert audit["actor"] == ACTOR and audit["reason"] == f"werkatelier {code}"
    with pytest.raises(ValidationError) as err:
        consensus.lock_consensus(demo_db, code, int(item["id"]), 9, 1, actors.named(ACTOR))
    assert [(e.label, e.message) for e in err.value.errors] == [
        (
            "Consensus kans",
            "'9' past niet: kies een geheel getal van 1 tot en met 5 (de risicomatrix heeft 5 kansniveaus)",
        )
    ]
    party_item = sessions.items(demo_db, session["id"]).iloc[-1]
    with pytest.raises(DomainError, match="Alleen een risico"):
        consensus.lock_consensus(demo_db, code, int(party_item["id"]), 2, 2, actors.named(ACTOR), write_back="gross")


def test_proposals_and_dot_voting(demo_db: Database, session: dict) -> None:
    code = session["code"]
    party = int(sessions.session_parties(demo_db, session["id"])["id"].iloc[0])
    a = participants.join(demo_db, code, "Wethouder")
    b = participants.join(demo_db, code, "Controller")
    p1 = proposals.add_proposal(demo_db, code, party, "kort", "Kwartaalrapportage over bijdrage", token=a)
    p2 = proposals.add_proposal(demo_db, code, party, "lang", "Herijking verdeelsleutel", token=b)
    assert proposals.place_dot(demo_db, code, a, p2) == 1
    assert proposals.place_dot(demo_db, code, a, p2) == 0
    with pytest.raises(ValidationError, match="al uw 2 stippen"):
        proposals.place_dot(demo_db, code, a, p1)
    proposals.place_dot(demo_db, code, b, p1)
    assert proposals.place_dot(demo_db, code, a, p2, -1) == 1
    ranked = proposals.proposals(demo_db, session["id"], participant_id=None)
    assert list(zip(ranked["id"], ranked["dots"], strict=True)) == [(p1, 1), (p2, 1)]  # tie: oldest first
    with pytest.raises(ValidationError, match="Termijn"):
        proposals.add_proposal(demo_db, code, party, "ooit", "x", token=a)


def test_krachtenveld_validation(demo_db: Database, session: dict) -> None:
    code = session["code"]
    krachtenveld.save_stakeholder(
        demo_db, code, {"name": "Raad", "influence": 5, "interest": 4, "attitude": "voor"}, actors.named(ACTOR)
    )
    with pytest.raises(ValidationError) as err:
        krachtenveld.save_stakeholder(
            demo_db, code, {"name": "", "influence": 7, "attitude": "boos"}, actors.named(ACTOR)
        )
    assert {e.field for e in err.value.errors} == {"name", "influence", "interest", "attitude"}
    assert list(krachtenveld.stakeholders(demo_db, session["id"])["name"]) == ["Raad"]


def test_projector_key_is_per_session(demo_db: Database, session: dict) -> None:
    key = access.projector_key(demo_db, session["code"])
    assert access.projector_key_valid(demo_db, session["code"], key)
    assert not access.projector_key_valid(demo_db, session["code"], key[:-1] + "x")
    assert not access.projector_key_valid(demo_db, "ABCDEF", key)


# -- votes racing the facilitator ------------------------------------------------------------------------------
def scores_in_closed_rounds(db: Database, session_id: int) -> list[tuple[int, tuple[int, bool] | None]]:
    """Replay the audit log (one row per committed change, in commit order: writes are serialised) and list every
    score written into a round that was not the open round of the session at that moment."""
    rows = db.rows(
        "SELECT entity, after FROM audit_log WHERE entity IN ('workshop_session', 'workshop_score') "
        "AND after IS NOT NULL ORDER BY id"
    )
    state: tuple[int, bool] | None = None
    wrong = []
    for row in rows:
        after = json.loads(row["after"])
        if row["entity"] == "workshop_session" and after["id"] == session_id:
            state = (after["round"], after["round_open"])
        elif row["entity"] == "workshop_score" and after["session_id"] == session_id:
            if state is None or state != (after["round"], True):
                wrong.append((after["round"], state))
    return wrong


def test_a_vote_racing_close_round_and_next_round_never_lands_in_a_closed_round(
    demo_db: Database, session: dict
) -> None:
    """One thread votes as fast as it can; the other closes the round and starts the next one, eight times.
    The round and whether it is open are decided inside the vote's write transaction, so every stored score
    belongs to the round that was open when it was written; a vote in between is refused."""
    code = session["code"]
    token = participants.join(demo_db, code, "Controller")
    item = int(sessions.items(demo_db, session["id"])["id"].iloc[0])
    attempted = threading.Event()  # the voter finished an attempt: the facilitator acts during the next one
    stop = threading.Event()
    outcomes: list[str] = []
    failures: list[BaseException] = []

    def voter() -> None:
        n = 0
        while not stop.is_set():
            n += 1
            try:
                participants.vote(demo_db, code, token, item, 1 + n % 5, 1 + n % 3)
                outcomes.append("stored")
            except workshop_scale.WorkshopClosed:
                outcomes.append("refused")
            except BaseException as exc:  # anything else fails the test below
                failures.append(exc)
                return
            finally:
                attempted.set()

    def facilitator() -> None:
        try:
            for _ in range(8):
                for change in (
                    lambda: sessions.set_round_open(demo_db, code, False, actors.named(ACTOR)),
                    lambda: sessions.next_round(demo_db, code, actors.named(ACTOR)),
                ):
                    attempted.clear()
                    attempted.wait(10)
                    change()
        except BaseException as exc:
            failures.append(exc)
        finally:
            stop.set()

    threads = [threading.Thread(target=voter), threading.Thread(target=facilitator)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not failures and not any(t.is_alive() for t in threads)
    assert sessions.get_session(demo_db, code)["round"] == 9
    assert "stored" in outcomes and "refused" in outcomes  # both sides of the race happened
    assert scores_in_closed_rounds(demo_db, session["id"]) == []


def test_a_vote_after_the_round_or_the_session_is_closed_is_refused(demo_db: Database, session: dict) -> None:
    code, token, item = first_vote(demo_db, session, "Bewoner")
    sessions.set_round_open(demo_db, code, False, actors.named(ACTOR))
    with pytest.raises(workshop_scale.WorkshopClosed, match="Ronde 1 is gesloten"):
        participants.vote(demo_db, code, token, item, 5, 5)
    sessions.next_round(demo_db, code, actors.named(ACTOR))
    participants.vote(demo_db, code, token, item, 4, 4)
    sessions.close_session(demo_db, code, actors.named(ACTOR))
    with pytest.raises(workshop_scale.WorkshopClosed, match="is gesloten; er kan niet meer worden gestemd"):
        participants.vote(demo_db, code, token, item, 1, 1)
    stored = demo_db.query("SELECT round, likelihood, impact FROM workshop_score ORDER BY round")
    assert stored.to_dict("records") == [
        {"round": 1, "likelihood": 2, "impact": 2},
        {"round": 2, "likelihood": 4, "impact": 4},
    ]
    assert scores_in_closed_rounds(demo_db, session["id"]) == []
