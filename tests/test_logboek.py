"""The logboek (Beheer → Logboek) filtered by signed-in user, under AppTest on a real demo database: the choice
lists the users who appear in the log plus 'alle gebruikers', and the table then holds that user's rows only."""

from __future__ import annotations

from pathlib import Path

from governance import register
from governance.core.db import open_database
from tests import actors
from tests.apptest import run

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
    everyone = at.tabs[2].dataframe[0].value
    assert {"Bea Beheer (beheerder)", "Carla Controle (controller)"} <= set(everyone["Wie"])
    assert len(everyone) > 3  # the demo load and the test users are in the log too

    box.set_value(2).run()  # the controller's user id (tests/actors.py)
    mine = at.tabs[2].dataframe[0].value
    assert list(mine["Wie"]) == ["Carla Controle (controller)"] * 2
    assert sorted(mine["Wijzigingen"].str.contains("Controle").tolist()) == [True, True]
    assert any("2 wijzigingen getoond" in c.value for c in at.tabs[2].caption)

    at.selectbox(key="log-user").set_value(0).run()  # alle gebruikers
    assert len(at.tabs[2].dataframe[0].value) == len(everyone)


def test_a_user_is_one_person_in_the_filter_whatever_their_role_then(app_db: Path) -> None:
    """The filter is by user id: rows written under an earlier role are the same user's rows."""
    _changes(app_db)
    db = open_database(app_db)
    db.write(lambda tx: tx.execute("UPDATE app_user SET role = 'lezer' WHERE id = 2"), actors.BEHEERDER, "users")
    assert register.log_users(db)[2] == "Carla Controle (controller), lezer"
    assert len(register.recent(db, user_id=2)) == 2
    assert set(register.recent(db, user_id=2)["actor"]) == {"Carla Controle (controller)"}
