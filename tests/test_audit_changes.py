"""The Logboek's before → after in Dutch labels, straight from governance (data in, rows out) on real writes to a
demo database: a matrix change (the first save compared with the shipped default, then a second save), a party
field change and a risk change; and the filter that leaves the werkatelier's votes out."""

from __future__ import annotations

import pandas as pd

from governance import register, risks
from governance.core.db import Database
from governance.register import settingdiff
from governance.workshop import dotvoting, participants
from governance.workshop import session as sessions
from tests import actors


def logged(db: Database, n: int, **filters) -> pd.DataFrame:
    """The newest `n` audit rows as the Logboek shows them."""
    return register.audit_display(register.recent(db, limit=n, **filters), register.names(db), risks.setting_defaults())


def lines(row: pd.Series) -> list[str]:
    return row["Wijzigingen"].split("\n")


def test_a_matrix_change_reads_as_before_and_after_of_each_part(demo_db: Database) -> None:
    draft = risks.to_dict(risks.get_matrix(demo_db))
    draft["likelihood"][0]["label"] = "Uiterst klein"
    draft["cells"][2][4] = "zeer_hoog"  # impact 3, kans 5: hoog -> zeer hoog
    risks.save_matrix(demo_db, risks.from_dict(draft), "gelijk", actors.BEHEERDER, risks.setting_row(demo_db))
    first = logged(demo_db, 1).iloc[0]
    assert (first["Wat"], first["Welke"], first["Actie"]) == ("Instelling", "De risicomatrix", "Toegevoegd")
    assert lines(first) == [  # the first save: no stored matrix before it, so compared with the shipped one
        "eerste keer opgeslagen; ten opzichte van de standaardinstelling:",
        "Kans, niveau 1, naam: Zeer klein → Uiterst klein",
        "Cel impact 3 × kans 5: Hoog → Zeer hoog",
    ]

    draft["impact"][1]["max_amount"] = 250_000
    draft["levels"]["midden"]["label"] = "Gemiddeld"
    risks.save_matrix(demo_db, risks.from_dict(draft), "gelijk", actors.BEHEERDER, risks.setting_row(demo_db))
    second = logged(demo_db, 1).iloc[0]
    assert (second["Welke"], second["Actie"]) == ("De risicomatrix", "Gewijzigd")
    assert lines(second) == [
        "Impact, niveau 2, bedrag tot en met: € 200.000 → € 250.000",
        "Niveau, midden, naam: Midden → Gemiddeld",
    ]
    assert "risk_matrix" not in second.to_string() and "{" not in second["Wijzigingen"]


def test_a_plain_setting_reads_as_its_value_then_before_and_after(demo_db: Database) -> None:
    key = "workshop_join_rate"
    assert not demo_db.rows("SELECT key FROM setting WHERE key = ?", [key])
    demo_db.write(lambda tx: tx.put_setting(key, 45, None), actors.BEHEERDER, "settings")
    first = logged(demo_db, 1).iloc[0]
    assert (first["Welke"], first["Wijzigingen"]) == (
        "Het aantal aanmeldingen per minuut per werkatelier",
        "Waarde: 45",
    )
    stored = demo_db.rows("SELECT key, value, version FROM setting WHERE key = ?", [key])[0]
    demo_db.write(lambda tx: tx.put_setting(key, 60, stored), actors.BEHEERDER, "settings")
    assert logged(demo_db, 1).iloc[0]["Wijzigingen"] == "Waarde: 45 → 60"


def test_a_matrix_resize_says_so_and_counts_what_it_does_not_list() -> None:
    five, six = risks.to_dict(risks.default_matrix(5, 5)), risks.to_dict(risks.default_matrix(6, 6))
    shown = settingdiff.changes(five, six)
    assert shown[0] == "Formaat: 5×5 → 6×6"
    assert len(shown) == settingdiff.MAX_LINES + 1
    assert shown[-1].startswith("… en nog ") and shown[-1].endswith(" wijzigingen")
    assert "Kans, niveau 1, kans (%): 10 → 8" in shown


def test_a_party_field_change_reads_in_dutch_labels(demo_db: Database) -> None:
    party = demo_db.rows("SELECT * FROM party WHERE code = 'vr-voorbeeldland'")[0]
    register.update_party(demo_db, party["id"], {"seat": "Nieuwdorp", "legal_form": "nv"}, actors.CONTROLLER, party)
    row = logged(demo_db, 1).iloc[0]
    assert (row["Wie"], row["Actie"], row["Wat"], row["Welke"]) == (
        actors.CONTROLLER.name,
        "Gewijzigd",
        "Verbonden partij",
        party["name"],
    )
    assert lines(row) == ["Vestigingsplaats: Kolkerveld → Nieuwdorp", "Rechtsvorm: Openbaar lichaam → NV"]


def test_a_risk_change_reads_in_dutch_labels(demo_db: Database) -> None:
    rid = int(demo_db.scalar("SELECT min(id) FROM risk"))
    opened = risks.get_risk(demo_db, rid)
    risks.update_risk(demo_db, rid, {"net_impact": 2, "status": "beheerst"}, actors.CONTROLLER, opened)
    row = logged(demo_db, 1).iloc[0]
    party = demo_db.scalar("SELECT name FROM party WHERE id = ?", [opened["party_id"]])
    assert (row["Wat"], row["Welke"]) == ("Risico", f"{opened['title']} ({party})")
    assert sorted(lines(row)) == sorted([f"Impact (netto): {opened['net_impact']} → 2", "Status: Open → Beheerst"])


def workshop_votes(db: Database) -> int:
    """A werkatelier with one participant who scores every item and places a dot on a proposal; returns how many
    vote rows (scores and dots) that wrote to the audit log."""
    risk_ids = [int(r) for r in db.query("SELECT id FROM risk ORDER BY id LIMIT 2")["id"]]
    party_ids = [int(db.scalar("SELECT min(id) FROM party"))]
    made = sessions.create_session(
        db,
        {"title": "Stemmen", "facilitator": "Fenna", "risk_ids": risk_ids, "party_ids": party_ids},
        actors.FACILITATOR,
    )
    token = participants.join(db, made["code"], "Controller")
    for item in sessions.items(db, made["id"])["id"]:
        participants.vote(db, made["code"], token, int(item), 3, 4)
    proposal = dotvoting.add_proposal(db, made["code"], party_ids[0], "kort", "Beter toezicht", token=token)
    dotvoting.place_dot(db, made["code"], token, proposal)
    return int(db.scalar("SELECT count(*) FROM audit_log WHERE entity IN ('workshop_score', 'workshop_dot')"))


def test_the_log_can_leave_the_werkatelier_votes_out(demo_db: Database) -> None:
    before = register.matching(demo_db)
    votes = workshop_votes(demo_db)
    assert votes >= 4  # a score per item (two risks, one party) and the dot

    everything = register.matching(demo_db)
    assert register.matching(demo_db, without_votes=True) == everything - votes
    newest = register.recent(demo_db, limit=10)
    assert {"workshop_score", "workshop_dot"} <= set(newest["entity"])
    kept = register.recent(demo_db, limit=10, without_votes=True)
    assert not {"workshop_score", "workshop_dot"} & set(kept["entity"])
    assert "workshop_proposal" in set(kept["entity"]) and "workshop_participant" in set(kept["entity"])
    assert everything > before


def test_the_log_pages_through_the_rows_newest_first(demo_db: Database) -> None:
    first, second = register.recent(demo_db, limit=5), register.recent(demo_db, limit=5, offset=5)
    both = register.recent(demo_db, limit=10)
    assert list(first["id"]) + list(second["id"]) == list(both["id"])
    assert register.matching(demo_db) == register.count(demo_db)
