"""A werkatelier as a projector shows it after two rounds: many items, votes from several perspectives, medians
that coincide (so the matrix must spread the bubbles), proposals with dots and a krachtenveld. Built through the
real write path on a copy of a database; used by the projector and export tests and for screenshots:

    python -m tests.projector_scene data/look.duckdb --items 10
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from governance.core.db import Database, open_database
from governance.workshop import access, dotvoting, forcefield, participants
from governance.workshop import session as sessions
from tests import actors

FACILITATOR = actors.FACILITATOR
PERSPECTIVES = ["Wethouder", "Controller", "Raadslid", "Accounthouder"]
# per voter, per item position: (kans, impact); several items land on the same median on purpose
ROUND_1 = [(3, 4), (3, 4), (2, 2), (5, 5), (3, 4), (1, 1), (4, 2), (3, 4), (2, 5), (5, 1), (3, 3), (3, 4)]


def _score(voter: int, item: int, round_no: int) -> tuple[int, int]:
    kans, impact = ROUND_1[item % len(ROUND_1)]
    shift = (voter + item + round_no) % 3 - 1  # -1, 0, 1: spread around the median, the median itself stays
    return min(5, max(1, kans + (shift if voter % 2 else -shift))), min(5, max(1, impact + shift))


def build(db: Database, n_items: int = 10, n_voters: int = 6, rounds: int = 2) -> dict[str, Any]:
    """A session with `n_items` risks scored by `n_voters` in `rounds` rounds, revealed, the projector on the
    scores; returns code, key, id and the participants' tokens."""
    risk_ids = [int(r) for r in db.query("SELECT id FROM risk ORDER BY id LIMIT ?", [n_items])["id"]]
    created = sessions.create_session(
        db,
        {
            "title": "Werkatelier risico's GR Veiligheidsregio",
            "facilitator": "Fenna",
            "risk_ids": risk_ids,
            "perspectives": "\n".join(PERSPECTIVES),
        },
        FACILITATOR,
    )
    code = created["code"]
    participants.set_join_rate(db, 1000, FACILITATOR, participants.join_rate_row(db))
    tokens = [participants.join(db, code, PERSPECTIVES[k % len(PERSPECTIVES)]) for k in range(n_voters)]
    item_ids = [int(i) for i in sessions.items(db, created["id"])["id"]]
    for round_no in range(1, rounds + 1):
        if round_no > 1:
            sessions.next_round(db, code, FACILITATOR)
        for voter, token in enumerate(tokens):
            for position, item_id in enumerate(item_ids):
                kans, impact = _score(voter, position, round_no)
                if round_no > 1 and position == 0:
                    kans = min(5, kans + 1)  # one item moves between the rounds
                participants.vote(db, code, token, item_id, kans, impact)
    sessions.set_revealed(db, code, True, FACILITATOR)
    sessions.set_screen(db, code, "scores", FACILITATOR)
    return {"code": code, "id": created["id"], "key": access.projector_key(db, code), "tokens": tokens}


def add_proposals_and_forces(db: Database, scene: dict[str, Any]) -> None:
    """Three proposals with dots and four stakeholders, one with a long name on the right edge."""
    code = scene["code"]
    party = int(sessions.session_parties(db, scene["id"])["id"].iloc[0])
    sessions.set_proposals_open(db, code, True, FACILITATOR)
    texts = [
        "Jaarlijks een gezamenlijke risicosessie met alle deelnemende gemeenten vóór de begroting",
        "Weerstandsvermogen van de regeling op een vast percentage van de lasten zetten",
        "Accounthouder per gemeente aanwijzen",
    ]
    ids = [dotvoting.add_proposal(db, code, party, "kort", t, token=scene["tokens"][0]) for t in texts]
    for k, token in enumerate(scene["tokens"]):
        dotvoting.place_dot(db, code, token, ids[k % len(ids)])
    for name, influence, interest, attitude in [
        ("Provincie Gelderland", 5, 4, "neutraal"),
        ("Algemeen bestuur van de veiligheidsregio", 5, 5, "voor"),
        ("Ondernemingsraad", 2, 4, "tegen"),
        ("Inwoners", 1, 2, "neutraal"),
    ]:
        values = {"name": name, "influence": influence, "interest": interest, "attitude": attitude}
        forcefield.save_stakeholder(db, code, values, FACILITATOR)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("db", type=Path)
    ap.add_argument("--items", type=int, default=10)
    ap.add_argument("--voters", type=int, default=6)
    a = ap.parse_args()
    db = open_database(a.db)
    try:
        scene = build(db, a.items, a.voters)
        add_proposals_and_forces(db, scene)
    finally:
        db.close()
    print(f"?sessie={scene['code']}&weergave=projector&sleutel={scene['key']}")


if __name__ == "__main__":
    main()
