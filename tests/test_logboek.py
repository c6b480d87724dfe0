"""The logboek (Beheer → Logboek) filtered by signed-in user, under AppTest on a real demo database: the choice
lists the users who appear in the log plus 'alle gebruikers', and the table then holds that user's rows only."""

from __future__ import annotations

from pathlib import Path

from governance import register
from governance.core.db import open_database
from tests import actors
from tests.apptest import run
from tests.test_audit_changes import workshop_votes

PAGE = "pages/beheer.py"


def _changes(path: Path) -> None:
    """Two writes by the controller, then one by the beheerder (the most recent)."""
    db = open_database(path)
    parties = db.rows("SELECT * FROM party ORDER BY id LIMIT 3")
    register.update_party(db, parties[0]["id"], {"seat": "Controlestad"}, actors.CONTROLLER, parties[0])
    register.update_party(db, parties[1]["id"], {"seat": "Controledorp"}, actors.CONTROLLER, parties[1])
    register.update_party(db, parties[2]["id"], {"seat": "Beheerstad"}, actors.BEHEERDER, parties[2])


def test_the_log_filters_by_user(app_db: Path) -> None:
    _changes(app_db)
    at = run(PAGE)
    box = at.selectbox(key="log-user")
    assert box.label == "Gebruiker"
    assert box.options == [
        "alle gebruikers",
        "Bea Beheer (beheerder), beheerder",
        "Carla Controle (controller), controller",
    ]  # fmt: skip
    everyone = at.tabs[2].table[0].value
    assert {"Bea Beheer (beheerder)", "Carla Controle (controller)"} <= set(everyone["Wie"])
    assert len(everyone) > 3  # the demo load and the test users are in the log too

    box.set_value(2).run()  # the controller's user id (tests/actors.py)
    mine = at.tabs[2].table[0].value
    assert list(mine["Wie"]) == ["Carla Controle (controller)"] * 2
    assert sorted(mine["Wijzigingen"].str.contains("Controle").tolist()) == [True, True]
    assert any("Wijzigingen 1–2 van 2, de nieuwste eerst" in c.value for c in at.tabs[2].caption)

    at.selectbox(key="log-user").set_value(0).run()  # alle gebruikers
    assert len(at.tabs[2].table[0].value) == len(everyone)


def test_a_user_is_one_person_in_the_filter_whatever_their_role_then(app_db: Path) -> None:
    """The filter is by user id: rows written under an earlier role are the same user's rows."""
    _changes(app_db)
    db = open_database(app_db)
    db.write(lambda tx: tx.execute("UPDATE app_user SET role = 'lezer' WHERE id = 2"), actors.BEHEERDER, "users")
    assert register.log_users(db)[2] == "Carla Controle (controller), lezer"
    assert len(register.recent(db, user_id=2)) == 2
    assert set(register.recent(db, user_id=2)["actor"]) == {"Carla Controle (controller)"}


def test_the_log_leaves_workshop_votes_out_on_request_and_pages(app_db: Path) -> None:
    db = open_database(app_db)
    votes = workshop_votes(db)
    total = register.count(db)
    at = run(PAGE)
    toggle = at.toggle(key="log-no-votes")
    assert toggle.label == "Stemmen uit werkateliers weglaten" and toggle.value is False
    shown = at.tabs[2].table[0].value
    assert {"Score", "Stip"} <= set(shown["Wat"].head(10))
    assert any(f"Wijzigingen 1–{register.PAGE_SIZE} van {total}, de nieuwste eerst" in c.value for c in at.caption)

    toggle.set_value(True).run()
    kept = at.tabs[2].table[0].value
    assert not {"Score", "Stip"} & set(kept["Wat"])
    assert "Verbetervoorstel" in set(kept["Wat"].head(10))
    assert any(
        f"van {total - votes}, de nieuwste eerst, zonder de stemmen uit werkateliers" in c.value for c in at.caption
    )

    pages = -(-(total - votes) // register.PAGE_SIZE)
    box = at.number_input(key="log-page")
    assert box.label == f"Pagina (van {pages})" and box.max == pages
    box.set_value(2).run()
    second = register.recent(db, limit=register.PAGE_SIZE, offset=register.PAGE_SIZE, without_votes=True)
    assert len(at.tabs[2].table[0].value) == len(second)
    first = register.PAGE_SIZE + 1
    assert any(f"Wijzigingen {first}–{first + len(second) - 1} van {total - votes}" in c.value for c in at.caption)
