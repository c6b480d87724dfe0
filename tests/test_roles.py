"""Roles on real DuckDB files: validation, the audited writes, and every role signal at its boundary.

Each signal test builds a small crafted world through the same functions the forms use, then checks that the
signal fires on one side of its boundary and not on the other.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from governance import cli
from governance.core.db import Database
from governance.core.errors import ConflictError, ValidationError
from governance.register import records as register
from governance.roles import charts as rolecharts
from governance.roles import configuration as settings
from governance.roles import people as roles_persons
from governance.roles import representations, rolemap
from governance.roles import signal_rules as rolesignals
from tests import actors, demo_facts

ON = dt.date(2026, 11, 24)
DAY = dt.timedelta(days=1)
ACTOR = "test"


VERBONDEN = {
    "control_interest": True,
    "control_ground": "zetel",
    "financial_interest": True,
    "financial_ground": "bijdrage",
}


class World:
    """A gemeente with parties and persons, built through governance.register and governance.roles."""

    def __init__(self, db: Database):
        self.db = db
        self.party: dict[str, int] = {}
        self.person: dict[str, int] = {}

    def add_party(self, code: str, domain: str = "Sociaal domein", **extra: Any) -> int:
        values = {"code": code, "name": code.title(), "legal_form": "openbaar_lichaam", "policy_domain": domain}
        values |= VERBONDEN  # a verbonden partij (art. 1 BBV): only those raise role signals
        self.party[code] = register.create_party(
            self.db, {**values, "bbv_category": "gemeenschappelijke_regeling", **extra}, actors.named(ACTOR)
        )
        return self.party[code]

    def add_person(self, code: str, function: str = "wethouder", portfolio: str | None = "Sociaal domein") -> int:
        values = {"code": code, "name": code.title(), "function": function, "portfolio": portfolio}
        self.person[code] = roles_persons.save_person(self.db, values, actors.named(ACTOR))
        return self.person[code]

    def seat(
        self,
        person: str,
        party: str,
        body: str = "ab",
        capacity: str = "eigenaar",
        start: dt.date | None = dt.date(2026, 1, 1),
        end: dt.date | None = None,
    ) -> int:
        values = {
            "person_id": self.person[person],
            "party_id": self.party[party],
            "body": body,
            "capacity": capacity,
            "start_date": start,
            "end_date": end,
        }
        return representations.save_representation(self.db, values, actors.named(ACTOR))

    def covered(self, party: str) -> None:
        """Give `party` an accounthouder and a wethouder whose portfolio covers it: no signal of its own."""
        self.add_person(f"amb-{party}", "ambtenaar", "Accounthouder")
        self.seat(f"amb-{party}", party, "accounthouder")
        self.add_person(f"weth-{party}", portfolio=register.get_party(self.db, self.party[party])["policy_domain"])
        self.seat(f"weth-{party}", party)

    def signals(self, on: dt.date = ON) -> set[tuple[str, str | None, str | None]]:
        return keys(rolesignals.signals(self.db, on))

    def rules(self, on: dt.date = ON) -> list[str]:
        return sorted(r for r, _, _ in self.signals(on))


def _code(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def keys(found: Any) -> set[tuple[str, str | None, str | None]]:
    """(rule, person code, party code) of each signal, as tests/demo_facts.py writes them."""
    return {(r["rule"], _code(r["person_code"]), _code(r["party_code"])) for r in found.to_dict("records")}


@pytest.fixture
def world(empty_db: Database) -> World:
    return World(empty_db)


# -- the demo --------------------------------------------------------------------------------------------------
def test_demo_has_exactly_the_signals_its_readme_promises(demo_db: Database) -> None:
    found = rolesignals.signals(demo_db, dt.date.fromisoformat(demo_facts.REFERENCE_DATE))
    assert keys(found) == demo_facts.README_SIGNALS == demo_facts.role_signals(demo_facts.REFERENCE_DATE)
    assert not found["acknowledged"].any()


def test_demo_loads_a_government_role_for_every_party(demo_db: Database) -> None:
    rows = demo_db.rows("SELECT code, government_role, participation_level FROM party")
    expected = demo_facts.csv("party_roles").set_index("party")
    assert {r["code"]: (r["government_role"], r["participation_level"]) for r in rows} == {
        code: (row["government_role"], row["participation_level"]) for code, row in expected.iterrows()
    }


# -- dubbele pet -----------------------------------------------------------------------------------------------
def test_double_hat_fires_for_eigenaar_and_opdrachtgever_at_one_party(world: World) -> None:
    world.add_party("werk")
    world.covered("werk")
    world.add_person("elz")
    world.seat("elz", "werk", "ab", "eigenaar")
    world.seat("elz", "werk", "db", "opdrachtgever")
    assert world.rules() == ["dubbele_pet"]
    text = rolesignals.signals(world.db, ON)["text"].iloc[0]
    assert text == "Elz (wethouder) is bij Werk eigenaar (AB) én opdrachtgever (DB)."


def test_double_hat_needs_both_roles_at_the_same_party_on_the_day(world: World) -> None:
    for code in ("werk", "zorg"):
        world.add_party(code)
        world.covered(code)
    world.add_person("elz")
    world.seat("elz", "werk", "ab", "eigenaar")
    world.seat("elz", "zorg", "adviescommissie", "opdrachtgever")  # no board seat there: no twee petten either
    assert world.rules() == []  # eigenaar here, opdrachtgever there: no collision
    world.seat("elz", "werk", "db", "opdrachtgever", end=ON - DAY)
    assert "dubbele_pet" not in world.rules()  # the opdrachtgever term ended the day before
    assert world.rules(ON - DAY) == ["dubbele_pet", "termijn_loopt_af"]  # on its last day both hats were on


# -- missing bestuurder or accounthouder -----------------------------------------------------------------------
def test_party_without_bestuurder_fires_until_one_takes_a_seat(world: World) -> None:
    world.add_party("wonen", domain="Wonen")
    world.add_person("amb", "ambtenaar", "Accounthouder")
    world.seat("amb", "wonen", "accounthouder")
    assert world.signals() == {("geen_bestuurder", None, "wonen")}
    world.add_person("rl", "raadslid", None)
    world.seat("rl", "wonen", "ab", "toezichthouder", start=ON + DAY)
    assert world.signals() == {("geen_bestuurder", None, "wonen")}  # starts tomorrow
    assert world.signals(ON + DAY) == set()


def test_an_external_commissaris_is_not_a_bestuurlijk_representative(world: World) -> None:
    world.add_party("park", domain="Mobiliteit", legal_form="bv", bbv_category="vennootschap_cooperatie")
    world.add_person("amb", "ambtenaar")
    world.seat("amb", "park", "accounthouder")
    world.add_person("ext", "overig", None)
    world.seat("ext", "park", "rvc", "toezichthouder")
    assert world.rules() == ["geen_bestuurder"]


def test_party_without_accounthouder_fires_and_an_adviseur_does_not_count(world: World) -> None:
    world.add_party("sport", domain="Sport")
    world.add_person("weth", portfolio="Sport")
    world.seat("weth", "sport", "ab", "financier")
    world.add_person("amb", "ambtenaar")
    world.seat("amb", "sport", "adviseur", "financier")
    assert world.signals() == {("geen_accounthouder", None, "sport")}
    world.seat("amb", "sport", "accounthouder", end=ON - DAY)
    assert world.rules() == ["geen_accounthouder", "termijn_verlopen"]  # ended yesterday, nobody after
    assert world.rules(ON - DAY) == ["termijn_loopt_af"]


def test_archived_and_dissolved_parties_need_nobody(world: World) -> None:
    world.add_party("oud", status="opgeheven")
    world.add_party("weg")
    register.archive_party(
        world.db, world.party["weg"], actors.named(ACTOR), register.get_party(world.db, world.party["weg"])
    )
    world.add_party("eind", ended=ON - DAY)
    assert world.rules() == []


# -- terms -----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("end", "expected"),
    [
        (ON + dt.timedelta(days=91), []),
        (ON + dt.timedelta(days=90), ["termijn_loopt_af"]),
        (ON, ["termijn_loopt_af"]),  # the last day in office is today
        (ON - DAY, ["termijn_verlopen"]),
    ],
)
def test_term_ending_within_the_horizon_or_ended(world: World, end: dt.date, expected: list[str]) -> None:
    world.add_party("vr", domain="Veiligheid")
    world.covered("vr")
    world.add_person("rl", "raadslid", None)
    world.seat("rl", "vr", "adviescommissie", "toezichthouder", start=dt.date(2023, 2, 1), end=end)
    assert world.rules() == expected


def test_a_registered_successor_or_reappointment_silences_the_term(world: World) -> None:
    world.add_party("vr", domain="Veiligheid")
    world.covered("vr")
    world.add_person("rl", "raadslid", None)
    end = ON + dt.timedelta(days=30)
    world.seat("rl", "vr", "adviescommissie", "toezichthouder", start=dt.date(2023, 2, 1), end=end)
    assert world.rules() == ["termijn_loopt_af"]
    world.add_person("rl2", "raadslid", None)
    world.seat("rl2", "vr", "adviescommissie", "toezichthouder", start=ON, end=end)  # ends with it: no successor
    assert world.rules() == ["termijn_loopt_af", "termijn_loopt_af"]
    world.seat("rl", "vr", "adviescommissie", "toezichthouder", start=end + DAY)  # herbenoeming, open-ended
    assert world.rules() == []


def test_the_horizon_is_a_setting(world: World) -> None:
    world.add_party("vr", domain="Veiligheid")
    world.covered("vr")
    world.add_person("rl", "raadslid", None)
    world.seat("rl", "vr", "adviescommissie", "toezichthouder", end=ON + dt.timedelta(days=31))
    assert world.rules() == ["termijn_loopt_af"]
    settings.save_settings(world.db, 6, 30, [], actors.named(ACTOR), settings.settings_rows(world.db))
    assert world.rules() == []


# -- too many bodies -------------------------------------------------------------------------------------------
def test_more_bodies_than_the_maximum(world: World) -> None:
    world.add_person("kamp", portfolio="Financiën")
    world.add_person("amb", "ambtenaar")
    for n in range(4):
        world.add_party(f"p{n}", domain="Financiën")
        world.seat("amb", f"p{n}", "accounthouder")
        world.seat("kamp", f"p{n}", "ab")
        if n < 2:
            world.seat("kamp", f"p{n}", "db")
    assert world.rules() == []  # 6 seats is the maximum, not more than it; accounthouder rows do not count
    world.seat("kamp", "p2", "db", start=ON + DAY)
    assert world.rules() == []  # the 7th seat starts tomorrow
    assert world.signals(ON + DAY) == {("te_veel_organen", "kamp", None)}
    settings.save_settings(world.db, 7, 90, [], actors.named(ACTOR), settings.settings_rows(world.db))
    assert world.rules(ON + DAY) == []


# -- portefeuille ----------------------------------------------------------------------------------------------
def test_portfolio_that_does_not_name_the_policy_domain(world: World) -> None:
    world.add_party("krediet", domain="Sociaal domein")
    world.add_person("amb", "ambtenaar")
    world.seat("amb", "krediet", "accounthouder")
    world.add_person("dem", portfolio="Ruimte; Wonen; Energie")
    world.seat("dem", "krediet", "ab")
    assert world.signals() == {("portefeuille", "dem", "krediet")}
    settings.save_settings(
        world.db,
        6,
        90,
        [{"term": "wonen", "domain": "sociaal domein"}],
        actors.named(ACTOR),
        settings.settings_rows(world.db),
    )
    assert world.rules() == []  # mapped in the settings, ignoring case


def test_portfolio_rule_is_for_burgemeester_and_wethouders_only(world: World) -> None:
    world.add_party("krediet", domain="Sociaal domein")
    world.add_person("amb", "ambtenaar")
    world.seat("amb", "krediet", "accounthouder")
    world.add_person("rl", "raadslid", None)
    world.seat("rl", "krediet", "ab", "toezichthouder")
    assert world.rules() == []


@pytest.mark.parametrize(
    ("portfolio", "domain", "covered"),
    [
        ("Sociaal domein; Jeugd", "Sociaal domein", True),
        ("SOCIAAL DOMEIN", "sociaal domein", True),
        ("Transport", "Sport", False),  # whole words only
        ("Economie; Sport", "Sport", True),
        (None, "Sport", False),
        ("Financiën", None, True),  # a party without a beleidsveld is nobody's gap
    ],
)
def test_covers(portfolio: str | None, domain: str | None, covered: bool) -> None:
    assert settings.covers(portfolio, domain) is covered


# -- acknowledging ---------------------------------------------------------------------------------------------
def test_acknowledged_signal_moves_to_accepted_and_is_audited(demo_db: Database) -> None:
    key = "dubbele_pet:weth-elzinga:werkbedrijf-voorbeeldland"
    rolesignals.acknowledge(demo_db, key, "Bewust zo besloten door het college", actors.named("controller"))
    found = rolesignals.signals(demo_db, ON).set_index("key")
    assert found.loc[key, "acknowledged"]
    assert (found.loc[key, "ack_reason"], found.loc[key, "ack_by"]) == (
        "Bewust zo besloten door het college",
        "controller",
    )
    assert int((~found["acknowledged"]).sum()) == len(demo_facts.README_SIGNALS) - 1
    audit = demo_db.rows("SELECT actor, action, reason, after FROM audit_log WHERE entity = 'role_signal_ack'")
    assert [(a["actor"], a["action"], a["reason"]) for a in audit] == [
        ("controller", "insert", "Bewust zo besloten door het college")
    ]
    assert json.loads(audit[0]["after"])["signal_key"] == key
    rolesignals.withdraw(demo_db, key, actors.named("controller"), "college heeft het herzien")
    assert not rolesignals.signals(demo_db, ON)["acknowledged"].any()
    last = demo_db.rows("SELECT action, reason FROM audit_log ORDER BY id DESC LIMIT 1")[0]
    assert (last["action"], last["reason"]) == ("delete", "college heeft het herzien")


def test_acknowledging_needs_a_reason_and_happens_once(demo_db: Database) -> None:
    key = "te_veel_organen:weth-kamphorst"
    with pytest.raises(ValidationError) as caught:
        rolesignals.acknowledge(demo_db, key, "  ", actors.named("c"))
    assert [str(e) for e in caught.value.errors] == ["Reden: is verplicht"]
    with pytest.raises(ValidationError) as caught:
        rolesignals.acknowledge(demo_db, "onzin", "ok", actors.named("c"))
    assert [str(e) for e in caught.value.errors] == [
        "Signaal: kies een signaal",
        "Reden: leg in een paar woorden uit waarom dit signaal is geaccepteerd",
    ]
    rolesignals.acknowledge(demo_db, key, "Tijdelijk tot de herverdeling", actors.named("c"))
    with pytest.raises(ValidationError, match="er bestaat al een geaccepteerd signaal"):
        rolesignals.acknowledge(demo_db, key, "Nog een keer", actors.named("c"))


def test_a_changed_term_is_a_new_signal(world: World) -> None:
    world.add_party("vr", domain="Veiligheid")
    world.covered("vr")
    world.add_person("rl", "raadslid", None)
    rep = world.seat("rl", "vr", "adviescommissie", "toezichthouder", end=ON + dt.timedelta(days=10))
    key = rolesignals.signals(world.db, ON)["key"].iloc[0]
    rolesignals.acknowledge(world.db, key, "Herbenoeming in voorbereiding", actors.named(ACTOR))
    assert rolesignals.signals(world.db, ON)["acknowledged"].all()
    original = representations.get_representation(world.db, rep)
    representations.save_representation(
        world.db,
        {**original, "end_date": ON + dt.timedelta(days=20)},
        actors.named(ACTOR),
        rep_id=rep,
        original=original,
    )
    assert not rolesignals.signals(world.db, ON)["acknowledged"].any()  # a new end date shouts again


# -- validation and audited writes ------------------------------------------------------------------------------
def test_representation_validation_names_every_field(world: World) -> None:
    world.add_party("ggd")
    world.add_person("weth")
    with pytest.raises(ValidationError) as caught:
        representations.save_representation(
            world.db,
            {
                "person_id": None,
                "party_id": 999,
                "body": "raad",
                "capacity": "eigenaar",
                "start_date": "01-05-2026",
                "end_date": "2026-04-30",
            },
            actors.named(ACTOR),
        )
    assert [str(e) for e in caught.value.errors] == [
        "Persoon: is verplicht",
        "Verbonden partij: Verbonden partij 999 bestaat niet",
        "Orgaan: 'raad' is geen geldige waarde; kies uit: Algemeen bestuur (AB), Dagelijks bestuur (DB), Voorzitter, "
        "Gemeenschappelijk orgaan, Algemene vergadering van aandeelhouders (AvA), Raad van commissarissen (RvC), "
        "Bestuur, Raad van toezicht, Algemene ledenvergadering (ALV), Ledenraad, Vergadering van vennoten, "
        "Adviescommissie, Bestuurlijk overleg (geen orgaan), Ambtelijk accounthouder, Ambtelijk adviseur",
        "Tot en met: ligt vóór de begindatum (01-05-2026)",
    ]
    assert world.db.scalar("SELECT count(*) FROM representation") == 0


def test_who_may_sit_where(world: World) -> None:
    world.add_party("ggd")
    world.add_person("weth")
    world.add_person("amb", "ambtenaar")
    with pytest.raises(ValidationError) as caught:
        world.seat("weth", "ggd", "accounthouder")
    assert [str(e) for e in caught.value.errors] == [
        "Orgaan: ambtelijk accounthouder is een ambtelijke rol; Weth is wethouder, geen ambtenaar of gemeentesecretaris"
    ]
    with pytest.raises(ValidationError) as caught:
        world.seat("amb", "ggd", "db")
    assert [str(e) for e in caught.value.errors] == [
        "Orgaan: in het Dagelijks bestuur (DB) zitten alleen de burgemeester, wethouders of raadsleden; "
        "Amb is ambtenaar"
    ]


def test_overlapping_term_in_the_same_body_is_refused(world: World) -> None:
    world.add_party("ggd")
    world.add_person("weth")
    world.seat("weth", "ggd", "ab", start=dt.date(2022, 1, 1), end=dt.date(2026, 6, 9))
    world.seat("weth", "ggd", "ab", start=dt.date(2026, 6, 10))  # the next term: fine
    with pytest.raises(ValidationError) as caught:
        world.seat("weth", "ggd", "ab", start=dt.date(2026, 6, 9))
    assert [str(e) for e in caught.value.errors] == [
        "Vanaf: Weth zit al in dit orgaan bij Ggd in een overlappende periode (01-01-2022 t/m 09-06-2026)"
    ]


def test_end_a_term_with_reason_and_refuse_a_stale_edit(world: World) -> None:
    world.add_party("ggd")
    world.add_person("weth")
    rep = world.seat("weth", "ggd")
    loaded = representations.get_representation(world.db, rep)
    with pytest.raises(ValidationError) as caught:
        representations.end_representation(world.db, rep, dt.date(2025, 12, 31), actors.named(ACTOR), "afscheid")
    assert [str(e) for e in caught.value.errors] == ["Tot en met: ligt vóór de begindatum (01-01-2026)"]
    representations.end_representation(world.db, rep, ON, actors.named(ACTOR), "afscheid wethouder", original=loaded)
    last = world.db.rows("SELECT action, reason, after FROM audit_log ORDER BY id DESC LIMIT 1")[0]
    assert (last["action"], last["reason"], json.loads(last["after"])["end_date"]) == (
        "update",
        "afscheid wethouder",
        ON.isoformat(),
    )
    with pytest.raises(ConflictError, match=r"Tot en met"):  # someone else ended it after we loaded it
        representations.save_representation(
            world.db, {**loaded, "notes": "x"}, actors.named(ACTOR), rep_id=rep, original=loaded
        )


def test_person_validation_and_generated_code(world: World) -> None:
    with pytest.raises(ValidationError) as caught:
        roles_persons.save_person(
            world.db, {"name": " ", "function": "schepen", "email": "geen-adres"}, actors.named(ACTOR)
        )
    assert [str(e) for e in caught.value.errors] == [
        "Naam: is verplicht",
        "Functie: 'schepen' is geen geldige waarde; kies uit: Burgemeester, Wethouder, Raadslid, Gemeentesecretaris, "
        "Ambtenaar, Overig",
        "E-mail: is geen geldig e-mailadres",
    ]
    first = roles_persons.save_person(world.db, {"name": "Anne de Vries", "function": "Wethouder"}, actors.named(ACTOR))
    second = roles_persons.save_person(world.db, {"name": "Anne de Vries", "function": "raadslid"}, actors.named(ACTOR))
    codes = [roles_persons.get_person(world.db, i)["code"] for i in (first, second)]
    assert codes == ["anne-de-vries", "anne-de-vries-2"]


def test_stance_is_validated_and_audited(world: World) -> None:
    pid = world.add_party("ggd")
    with pytest.raises(ValidationError) as caught:
        settings.set_stance(
            world.db, pid, {"government_role": "sturen", "participation_level": "Raadplegen"}, actors.named(ACTOR), {}
        )
    assert [str(e) for e in caught.value.errors] == [
        "Rol van de gemeente: 'sturen' is geen geldige waarde; kies uit: Loslaten, Faciliteren, Stimuleren, "
        "Regisseren, Reguleren"
    ]
    loaded = register.get_party(world.db, pid)
    stance = {"government_role": "Regisseren", "participation_level": "raadplegen"}
    settings.set_stance(world.db, pid, stance, actors.named(ACTOR), loaded)
    party = register.get_party(world.db, pid)
    assert (party["government_role"], party["participation_level"]) == ("regisseren", "raadplegen")
    audit = world.db.rows("SELECT action, after FROM audit_log WHERE entity = 'party' ORDER BY id DESC LIMIT 1")[0]
    assert json.loads(audit["after"])["government_role"] == "regisseren"


def test_settings_rows_are_checked_all_or_nothing(world: World) -> None:
    with pytest.raises(ValidationError) as caught:
        settings.save_settings(
            world.db,
            0,
            "veel",
            [{"term": "Werk", "domain": "Sociaal domein"}, {"term": "Jeugd", "domain": None}, {}],
            actors.named(ACTOR),
            settings.settings_rows(world.db),
        )
    assert [str(e) for e in caught.value.errors] == [
        "Maximum aantal organen per persoon: moet minstens 1 zijn",
        "Termijn loopt af binnen (dagen): 'veel' is geen getal",
        "Rij 2, Beleidsveld: is verplicht",
    ]
    assert settings.settings(world.db) == roles_persons.RoleSettings()  # nothing stored
    saved = settings.save_settings(
        world.db,
        5,
        60,
        [{"term": "Werk", "domain": "Sociaal domein"}],
        actors.named(ACTOR),
        settings.settings_rows(world.db),
    )
    assert settings.settings(world.db) == saved == roles_persons.RoleSettings(5, 60, {"Werk": ["Sociaal domein"]})
    changed = world.db.rows("SELECT entity_id FROM audit_log WHERE entity = 'setting' ORDER BY entity_id")
    assert [r["entity_id"] for r in changed] == [
        "roles.max_bodies",
        "roles.portfolio_domains",
        "roles.term_horizon_days",
    ]


def test_settings_form_shows_the_rows_as_opened_and_reads_its_table_back(world: World) -> None:
    mapping = [
        {"term": "Werk", "domain": "Sociaal domein"},
        {"term": "Werk", "domain": "Economie"},
        {"term": "Jeugd", "domain": "Sociaal domein"},
    ]
    saved = settings.save_settings(world.db, 7, 45, mapping, actors.named(ACTOR), settings.settings_rows(world.db))
    assert settings.portfolio_domain_rows(saved) == mapping  # the table the form shows
    assert settings.validate_settings(7, 45, mapping) == saved  # ... reads back as the same settings
    assert settings.settings_from_rows(settings.settings_rows(world.db)) == saved
    nothing = {key: None for key in settings.SETTING_KEYS}
    assert settings.settings_from_rows(nothing) == roles_persons.RoleSettings(6, 90, {})  # the defaults


def test_settings_someone_else_saved_in_between_are_refused_and_named(world: World) -> None:
    opened = settings.settings_rows(world.db)
    settings.save_settings(world.db, 8, 90, [], actors.named("collega"), opened)  # a colleague changes the maximum only
    with pytest.raises(ConflictError) as caught:
        settings.save_settings(world.db, 6, 30, [], actors.named(ACTOR), opened)
    assert str(caught.value) == (
        "De instellingen van de signalen zijn intussen door iemand anders gewijzigd (Maximum aantal organen per "
        "persoon). Uw wijziging is niet opgeslagen; bekijk de nieuwe instellingen en probeer het opnieuw."
    )
    assert settings.settings(world.db) == roles_persons.RoleSettings(8, 90, {})  # the horizon was not saved either
    # a setting that was not stored when the form opened, and that someone stored since, is refused as well
    world.db.write(lambda tx: tx.delete("setting", "roles.term_horizon_days"), actors.named(ACTOR), "register")
    opened = settings.settings_rows(world.db)
    assert opened["roles.term_horizon_days"] is None
    settings.save_settings(world.db, 8, 60, [], actors.named("collega"), opened)
    with pytest.raises(ConflictError, match=r"gewijzigd \(Termijn loopt af binnen \(dagen\)\)"):
        settings.save_settings(world.db, 8, 30, [], actors.named(ACTOR), opened)
    assert settings.settings(world.db).horizon_days == 60


# -- role map read models ---------------------------------------------------------------------------------------
def test_layout_is_deterministic_and_orders_parties_by_their_persons(demo_db: Database) -> None:
    reps = representations.active_on(representations.representation_table(demo_db), ON)
    first = rolemap.layout(reps, "Gemeente Voorbeeld")
    again = rolemap.layout(reps.sample(frac=1, random_state=3), "Gemeente Voorbeeld")
    assert first.nodes[["key", "x", "y"]].equals(again.nodes[["key", "x", "y"]])
    nodes = first.nodes.set_index("key")
    assert set(nodes.index) == {"org"} | {f"person:{c}" for c in reps["person_code"]} | {
        f"party:{c}" for c in reps["party_code"]
    }
    persons = first.nodes[first.nodes["kind"] == "person"]
    assert persons["name"].iloc[0] == "Annemarie Hofstede-Brouwer"  # the burgemeester leads
    # a party only the burgemeester sits at is drawn above one only the last person sits at
    assert nodes.loc["party:vsg-voorbeeldland", "y"] > nodes.loc["party:cultuurhuis-voorbeeld", "y"]


def test_filters_combine(demo_db: Database) -> None:
    reps = representations.active_on(representations.representation_table(demo_db), ON)
    only = rolemap.filter_reps(reps, persons=["weth-elzinga"], capacities=["opdrachtgever"])
    assert sorted(only["party_code"]) == ["jeugdzorg-kolkerveld", "werkbedrijf-voorbeeldland"]
    by_portfolio = rolemap.filter_reps(reps, portfolios=["Grondzaken"])
    assert set(by_portfolio["person_code"]) == {"weth-kamphorst"}
    loslaten = rolemap.filter_reps(reps, government_roles=["loslaten"], kind="bestuurlijk")
    expected = demo_facts.csv("party_roles")
    assert set(loslaten["party_code"]) <= set(expected[expected["government_role"] == "loslaten"]["party"])
    assert not loslaten["body"].isin(["accounthouder", "adviseur"]).any()


def test_matrix_cells_read_as_text(demo_db: Database) -> None:
    reps = rolemap.filter_reps(
        representations.active_on(representations.representation_table(demo_db), ON), persons=["weth-elzinga"]
    )
    parts = rolemap.matrices(reps)
    assert [title for title, _ in parts] == ["College (burgemeester en wethouders)"]
    table = parts[0][1].set_index("Partij")
    assert table.loc["Werkbedrijf Voorbeeldland", "S. Elzinga"] == "AB eigenaar; DB opdrachtgever"
    assert table.loc["GGD Voorbeeldland", "S. Elzinga"] == "AB, DB eigenaar"


def test_matrix_parts_never_exceed_the_column_limit(demo_db: Database) -> None:
    reps = representations.active_on(representations.representation_table(demo_db), ON)
    parts = rolemap.matrices(reps, max_columns=7)
    assert all(len(table.columns) - 1 <= 7 for _, table in parts)
    shown = {c for _, t in parts for c in t.columns if c != "Partij"}
    assert len(shown) == reps["person_code"].nunique()


def test_network_distinguishes_roles_without_colour(demo_db: Database) -> None:
    reps = representations.active_on(representations.representation_table(demo_db), ON)
    lay = rolemap.layout(reps, "Gemeente Voorbeeld")
    fig = rolecharts.role_network(lay, "government_role", {"person:weth-elzinga"})
    lines = [t for t in fig.data if t.legendgroup == "capacity"]
    assert len({t.line.dash for t in lines}) == len(lines) == reps["capacity"].nunique()
    parties = [t for t in fig.data if t.legendgroup == "party"]
    assert len({t.marker.symbol for t in parties}) == len(parties)
    persons = next(t for t in fig.data if t.name == "Persoon")
    assert "⚠ Sanne Elzinga" in persons.text
    assert all(t.textfont.size >= 14 for t in fig.data if t.textfont.size is not None)


# -- command line ----------------------------------------------------------------------------------------------
def _cli(db: Database, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(["--db", str(db.path), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_check_needs_year_or_roles(demo_db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    assert _cli(demo_db, capsys, "check") == (
        cli.USAGE,
        "",
        "Fout: geef --year JJJJ (BBV-controle) of --roles (rolsignalen), of beide.\n",
    )
    assert _cli(demo_db, capsys, "check", "--year", "2026", "--date", "2026-11-24")[0] == cli.USAGE
    assert _cli(demo_db, capsys, "check", "--roles", "--date", "24 november")[0] == cli.USAGE


def test_cli_check_roles_lists_signals_and_exits_1_until_all_are_accepted(
    demo_db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _cli(demo_db, capsys, "check", "--roles", "--json", "--date", demo_facts.REFERENCE_DATE)
    data = json.loads(out)
    assert code == cli.FINDINGS
    assert (data["date"], data["open"], data["acknowledged"]) == (
        demo_facts.REFERENCE_DATE,
        len(demo_facts.README_SIGNALS),
        0,
    )
    assert {(i["rule"], i["person"], i["party"]) for i in data["items"]} == demo_facts.README_SIGNALS
    assert all(i["rule_text"] and i["text"] for i in data["items"])
    for item in data["items"]:
        rolesignals.acknowledge(demo_db, item["key"], "Besproken in het werkatelier", actors.named("t"))
    code, out, _ = _cli(demo_db, capsys, "check", "--roles", "--date", demo_facts.REFERENCE_DATE)
    assert code == cli.OK
    assert out.splitlines()[0] == f"Rolsignalen op 24-11-2026: 0 open, {len(demo_facts.README_SIGNALS)} geaccepteerd."
    assert out.count("reden: Besproken in het werkatelier (t)") == len(demo_facts.README_SIGNALS)


def test_cli_check_year_and_roles_together(demo_db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _cli(demo_db, capsys, "check", "--year", "2026", "--roles", "--json", "--date", "2026-11-24")
    data = json.loads(out)
    assert code == cli.FINDINGS
    assert data["bbv"]["incomplete"] == len(demo_facts.incomplete_parties(2026))
    assert data["roles"]["open"] == len(demo_facts.README_SIGNALS)


def test_names_on_the_map_are_text_not_markup(world: World) -> None:
    world.add_party("ggd")
    world.add_person("weth")
    world.db.write(
        lambda tx: tx.update("person", world.person["weth"], {"name": "A <b>&</b> B"}, system=True),
        actors.named(ACTOR),
        "register",
    )
    world.seat("weth", "ggd")
    reps = representations.active_on(representations.representation_table(world.db), ON)
    fig = rolecharts.role_network(rolemap.layout(reps, "Gemeente"))
    persons = next(t for t in fig.data if t.name == "Persoon")
    assert list(persons.text) == ["A &lt;b&gt;&amp;&lt;/b&gt; B"]
