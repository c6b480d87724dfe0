"""Role rules that count the right things (issue 13 point 8): an adviescommissie only advises, so a raadslid there
is no bestuurlijke vertegenwoordiger; a wethouder who is bestuurder of the party and at the same time its
opdrachtgever or portefeuillehouder wears two hats (domain.md section 4); a regeling without bodies of its own
raises no signal about its bodies. Real DuckDB files, built through the functions the forms use."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from governance import cli
from governance.core.db import Database, open_database
from governance.register import records as register
from governance.roles import people, representations
from governance.roles import signal_rules as rolesignals
from tests import actors, demo_facts

ON = dt.date(2026, 11, 24)
BOTH = {"control_interest": True, "control_ground": "zetel", "financial_interest": True, "financial_ground": "bijdrage"}
CATEGORY = {"stichting": "stichting_vereniging", "nv": "vennootschap_cooperatie"}


class World:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.ids: dict[str, int] = {}

    def party(self, code: str, form: str = "openbaar_lichaam", domain: str = "Sport") -> None:
        values = {"code": code, "name": code.title(), "legal_form": form, "policy_domain": domain, **BOTH}
        values["bbv_category"] = CATEGORY.get(form, "gemeenschappelijke_regeling")
        self.ids[code] = register.create_party(self.db, values, actors.named("t"))
        self.person(f"amb-{code}", "ambtenaar", "Accounthouder")
        self.seat(f"amb-{code}", code, "accounthouder")  # every party its accounthouder: no signal of its own

    def person(self, code: str, function: str = "wethouder", portfolio: str | None = "Sport") -> None:
        values = {"code": code, "name": code.title(), "function": function, "portfolio": portfolio}
        self.ids[code] = people.save_person(self.db, values, actors.named("t"))

    def seat(self, person: str, party: str, body: str = "ab", capacity: str = "eigenaar") -> None:
        values = {"person_id": self.ids[person], "party_id": self.ids[party], "body": body, "capacity": capacity}
        values["start_date"] = dt.date(2026, 1, 1)
        representations.save_representation(self.db, values, actors.named("t"))

    def found(self) -> set[tuple[str, str | None, str | None]]:
        rows = rolesignals.signals(self.db, ON).to_dict("records")
        return {(r["rule"], r["person_code"] or None, r["party_code"] or None) for r in rows}

    def text(self, rule: str) -> str:
        frame = rolesignals.signals(self.db, ON)
        return str(frame.loc[frame["rule"] == rule, "text"].iloc[0])


def world(db: Database) -> World:
    return World(db)


def test_a_raadslid_in_the_adviescommissie_is_no_bestuurlijke_vertegenwoordiger(empty_db: Database) -> None:
    w = world(empty_db)
    w.party("vr", domain="Veiligheid")
    w.person("rl", "raadslid", None)
    w.seat("rl", "vr", "adviescommissie", "toezichthouder")
    assert w.found() == {("geen_bestuurder", None, "vr")}
    assert "Een adviescommissie telt niet mee" in rolesignals.rule_text("geen_bestuurder", people.RoleSettings())
    w.person("bgm", "burgemeester", "Veiligheid")
    w.seat("bgm", "vr", "ab")
    assert w.found() == set()


def test_a_wethouder_on_a_stichtings_board_who_holds_its_portfolio_wears_two_hats(empty_db: Database) -> None:
    w = world(empty_db)
    w.party("sport", "stichting", "Sport")
    w.person("weth", portfolio="Economie; Sport")
    w.seat("weth", "sport", "bestuur", "financier")
    assert w.found() == {("twee_petten", "weth", "sport")}
    assert w.text("twee_petten") == (
        "Weth (wethouder) zit in het bestuur van Sport en is tegelijk portefeuillehouder voor Sport (het beleidsveld "
        "van de partij)."
    )
    title, rule = rolesignals.RULES["twee_petten"]
    assert title == "Twee petten: bestuurder en opdrachtgever"
    assert "AB of DB, het bestuur van een stichting of de RvC" in rule


def test_two_hats_in_a_rvc_and_in_a_db_as_opdrachtgever(empty_db: Database) -> None:
    w = world(empty_db)
    w.party("bank", "nv", "Financiën")
    w.person("fin", portfolio="Financiën")
    w.seat("fin", "bank", "rvc", "toezichthouder")
    w.party("werk", domain="Werk")
    w.person("elz", portfolio="Werk")
    w.seat("elz", "werk", "db", "opdrachtgever")  # opdrachtgever but not eigenaar: no dubbele pet
    assert w.found() == {("twee_petten", "fin", "bank"), ("twee_petten", "elz", "werk")}
    texts = set(rolesignals.signals(empty_db, ON)["text"])
    assert "Elz (wethouder) zit in het DB van Werk en is tegelijk opdrachtgever namens de gemeente." in texts


def test_no_two_hats_where_the_wgr_seats_the_portefeuillehouder_or_nobody_is_bestuurder(empty_db: Database) -> None:
    w = world(empty_db)
    w.party("ggd", domain="Gezondheid")
    w.person("weth", portfolio="Gezondheid")
    w.seat("weth", "ggd", "ab")  # the AB of a regeling: portefeuillehouder there by design, no opdrachtgever role
    w.seat("weth", "ggd", "db")
    w.party("bank", "nv", "Financiën")
    w.person("fin", portfolio="Financiën")
    w.seat("fin", "bank", "ava")  # the shareholders' meeting is the owner's seat, not the board
    w.person("rl", "raadslid", None)
    w.party("sport", "stichting", "Sport")
    w.seat("rl", "sport", "bestuur", "financier")  # a raadslid, not a wethouder
    assert not {s for s in w.found() if s[0] == "twee_petten"}


def test_dubbele_pet_is_not_flagged_twice_as_two_hats(empty_db: Database) -> None:
    w = world(empty_db)
    w.party("werk", domain="Sport")
    w.person("elz")
    w.seat("elz", "werk", "ab", "eigenaar")
    w.seat("elz", "werk", "db", "opdrachtgever")
    assert w.found() == {("dubbele_pet", "elz", "werk")}


def test_a_regeling_without_bodies_raises_no_bodies_signal(empty_db: Database) -> None:
    w = world(empty_db)
    for code, form in (("jeugd", "centrumregeling"), ("wonen", "regeling_zonder_meer")):
        w.party(code, form, "Sociaal domein")
    assert w.found() == set()  # nobody can take a seat where there is no orgaan
    w.person("elz", portfolio="Jeugd")
    for _ in range(7):  # seven overleggen are no seven organen
        code = f"c{_}"
        w.party(code, "centrumregeling", "Jeugd")
        w.seat("elz", code, "overleg", "opdrachtgever")
    assert w.found() == set()


def test_the_demos_two_hats_case(demo_db: Database) -> None:
    found = rolesignals.signals(demo_db, dt.date.fromisoformat(demo_facts.REFERENCE_DATE))
    hats = found[found["rule"] == "twee_petten"]
    assert list(zip(hats["person_code"], hats["party_code"], strict=True)) == [("weth-oosterhof", "sport-voorbeeld")]


def test_a_freshly_onboarded_regeling_without_bodies_raises_no_bodies_signal(tmp_path: Path) -> None:
    path = tmp_path / "gm0014.duckdb"
    assert cli.main(["init", "--organisation", "gm0014", "--db", str(path)]) == 0
    db = open_database(path)
    plain = db.rows("SELECT * FROM party WHERE legal_form = 'regeling_zonder_meer' ORDER BY name")[0]
    # suppose the gemeente judged it a verbonden partij (the test's assumption, not a finding about the regeling)
    register.save_determination(db, plain["id"], BOTH, actors.named("t"), plain)
    found = rolesignals.signals(db, ON)
    mine = found[found["party_code"] == plain["code"]]
    assert set(mine["rule"]) == {"geen_accounthouder"}  # not geen_bestuurder: it has no orgaan to sit in
    assert (found["rule"] == "geen_bestuurder").sum() > 0  # the openbare lichamen without anyone still do
    db.close()
