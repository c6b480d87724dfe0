"""The Rollen page and the register's Vertegenwoordiging tab under AppTest, against the demo database.

Expected values come from the demo CSVs (tests/demo_facts.py), never from the code under test.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from governance import roles
from governance.core.db import open_database
from tests import actors, demo_facts
from tests.apptest import charts, metric, run

PAGE = "pages/rollen.py"
BY_USER = "via <> 'systeem'"  # audit rows written by the page, not by loading the demo
ON = demo_facts.REFERENCE_DATE
TITLES = {
    "dubbele_pet": "Dubbele pet",
    "twee_petten": "Twee petten: bestuurder en opdrachtgever",
    "geen_bestuurder": "Geen bestuurlijke vertegenwoordiger",
    "geen_accounthouder": "Geen ambtelijk accounthouder",
    "termijn_loopt_af": "Termijn loopt af",
    "termijn_verlopen": "Termijn verlopen",
    "te_veel_organen": "Te veel organen",
    "portefeuille": "Portefeuille dekt beleidsveld niet",
}


def names() -> dict[str, str]:
    persons = demo_facts.csv("persons").set_index("code")["name"]
    parties = demo_facts.csv("parties").set_index("code")["name"]
    return {**persons.to_dict(), **parties.to_dict()}


def signal_groups(at) -> dict[str, list[str]]:  # noqa: ANN001 (AppTest)
    """Per rule title shown, the lines listed under it (each rule group is a header and a bullet list)."""
    groups: dict[str, list[str]] = {}
    current = None
    for m in at.tabs[0].markdown:
        if m.value.startswith(":material/warning: **"):
            current = m.value.split("**")[1]
            groups[current] = []
        elif current and m.value.startswith("- "):
            groups[current] = [line[2:] for line in m.value.splitlines()]
            current = None
    return groups


def test_rollen_shows_every_signal_the_demo_contains(app_db: Path) -> None:
    at = run(PAGE, {"peildatum": ON})
    expected = demo_facts.role_signals(ON)
    assert metric(at, "Open signalen") == str(len(expected))
    assert metric(at, "Geaccepteerd") == "0"
    groups = signal_groups(at)
    named = names()
    assert set(groups) == {TITLES[rule] for rule, _, _ in expected}
    for rule, person, party in expected:
        lines = groups[TITLES[rule]]
        assert any(all(named[c] in line for c in (person, party) if c) for line in lines), (rule, lines)
    # each group states its rule in words
    assert any(c.value.startswith("Regel: Eén persoon zit in meer dan 6 organen") for c in at.tabs[0].caption)


def test_signals_follow_the_peildatum(app_db: Path) -> None:
    at = run(PAGE, {"peildatum": ON})
    later = dt.date(2027, 2, 1)  # the raadslid's term in the VR adviescommissie ended the day before
    at.date_input(key="sig-date").set_value(later).run()
    expected = demo_facts.role_signals(later.isoformat())
    assert ("termijn_verlopen", "rl-wijnbergen", "vr-voorbeeldland") in expected
    assert metric(at, "Open signalen") == str(len(expected))


def test_accept_a_signal_with_a_reason(app_db: Path) -> None:
    at = run(PAGE, {"peildatum": ON}, user="controller")
    key = "dubbele_pet:weth-elzinga:werkbedrijf-voorbeeldland"
    at.selectbox(key="sig-accept-key").set_value(key)
    at.text_area(key="sig-accept-reason").input("College heeft dit bewust zo ingericht tot 2027")
    at.button(key="FormSubmitter:sig-accept-Accepteren").click().run()
    assert not at.exception
    assert "Het signaal is geaccepteerd." in [s.value for s in at.success]
    total = len(demo_facts.role_signals(ON))
    assert metric(at, "Open signalen") == str(total - 1)
    assert metric(at, "Geaccepteerd") == "1"
    accepted = at.tabs[0].dataframe[0].value
    assert accepted.iloc[0]["Reden"] == "College heeft dit bewust zo ingericht tot 2027"
    assert accepted.iloc[0]["Door"] == actors.CONTROLLER.name
    assert "Dubbele pet" not in signal_groups(at)
    db = open_database(app_db)
    row = db.rows("SELECT actor, user_id, role, action, reason FROM audit_log WHERE entity = 'role_signal_ack'")[0]
    reason = accepted.iloc[0]["Reden"]
    assert row == {
        "actor": actors.CONTROLLER.name,
        "user_id": 2,
        "role": "controller",
        "action": "insert",
        "reason": reason,
    }


def test_accept_without_reason_is_refused(app_db: Path) -> None:
    at = run(PAGE, {"peildatum": ON})
    at.button(key="FormSubmitter:sig-accept-Accepteren").click().run()
    assert "**Reden**: is verplicht" in [e.value for e in at.error]
    assert metric(at, "Geaccepteerd") == "0"


def _map_nodes(at) -> set[str]:  # noqa: ANN001 (AppTest)
    """The person and party labels drawn on the role map (without the warning sign)."""
    fig = next(f for f in charts(at) if any(t.get("name") == "Persoon" for t in f["data"]))
    return {
        label.removeprefix("⚠ ").replace("<br>", " ")  # long party names are drawn on two lines
        for t in fig["data"]
        if t.get("name") == "Persoon" or t.get("legendgroup") == "party"
        for label in t["text"]
    }


def _shown(name: str) -> str:
    return name  # not cut: the demo's names fit on two lines


def test_role_map_shows_one_category_of_a_large_register_first(app_db: Path) -> None:
    """29 parties and ~80 lines on one map are a tangle: it opens on the largest BBV category, names uncut."""
    at = run(PAGE, {"peildatum": ON})
    active = demo_facts.representations_on(ON)
    parties = demo_facts.csv("parties").set_index("code")
    gr = active[active["party"].map(parties["bbv_category"]) == "gemeenschappelijke_regeling"]
    assert active["party"].nunique() >= 13 and at.segmented_control(key="map-category").value == (
        "gemeenschappelijke_regeling"
    )
    assert _map_nodes(at) == {names()[c] for c in gr["person"]} | {parties.at[c, "name"] for c in gr["party"]}
    assert not any("…" in label for label in _map_nodes(at))
    at.segmented_control(key="map-category").set_value("stichting_vereniging").run()
    sv = active[active["party"].map(parties["bbv_category"]) == "stichting_vereniging"]
    assert {n for n in _map_nodes(at)} == {names()[c] for c in sv["person"]} | {
        parties.at[c, "name"] for c in sv["party"]
    }


def test_role_map_shows_who_sits_where_on_the_date(app_db: Path) -> None:
    at = run(PAGE, {"peildatum": ON})
    at.segmented_control(key="map-category").set_value("alle").run()
    active = demo_facts.representations_on(ON)
    named = names()
    expected = {named[c] for c in active["person"]} | {_shown(named[c]) for c in active["party"]}
    assert _map_nodes(at) == expected
    # on an earlier date the college that started on 10-06-2026 is not there yet
    before = dt.date(2026, 6, 1)
    at.slider(key="map-date").set_value(before).run()
    active = demo_facts.representations_on(before.isoformat())
    assert _map_nodes(at) == {named[c] for c in active["person"]} | {_shown(named[c]) for c in active["party"]}
    assert "Ruud Kamphorst" not in _map_nodes(at)


def test_role_map_filter_by_person_and_details(app_db: Path) -> None:
    at = run(PAGE, {"peildatum": ON})
    at.multiselect(key="map-persons").select("weth-elzinga").run()
    active = demo_facts.representations_on(ON)
    mine = active[active["person"] == "weth-elzinga"]
    named = names()
    assert _map_nodes(at) == {"Sanne Elzinga"} | {_shown(named[c]) for c in mine["party"]}
    caption = next(c.value for c in at.tabs[1].caption if c.value.startswith("Op 24-11-2026"))
    assert caption == (
        f"Op 24-11-2026: 1 persoon, {mine['party'].nunique()} partijen, {len(mine)} vertegenwoordigingen."
    )
    at.selectbox(key="map-detail").set_value("person:weth-elzinga").run()
    seats = at.tabs[1].dataframe[0].value
    assert sorted(seats["Partij"]) == sorted(named[c] for c in mine["party"])
    assert any("Dubbele pet" in w.value for w in at.tabs[1].warning)


def test_matrix_view_has_the_roles_as_text(app_db: Path) -> None:
    at = run(PAGE, {"peildatum": ON})
    at.segmented_control(key="map-view").set_value("Matrix").run()
    at.segmented_control(key="map-category").set_value("alle").run()
    college = at.tabs[1].table[0].value.set_index("Partij")
    assert college.loc["Werkbedrijf Voorbeeldland", "S. Elzinga"] == "AB eigenaar; DB opdrachtgever"
    active = demo_facts.representations_on(ON)
    shown = {c for t in at.tabs[1].table for c in t.value.columns if c != "Partij"}
    assert len(shown) == active["person"].nunique()


def test_add_a_representation_from_the_rollen_page(app_db: Path) -> None:
    db = open_database(app_db)
    person = db.scalar("SELECT id FROM person WHERE code = 'amb-hamstra'")
    party = db.scalar("SELECT id FROM party WHERE code = 'sport-voorbeeld'")
    at = run(PAGE, {"peildatum": ON})
    at.selectbox(key="rollen-rep-add-party").set_value(party).run()  # first the party: then its bodies
    add = f"rollen-rep-add-{party}"
    offered = set(at.selectbox(key=f"{add}-body").options)
    assert offered == set(roles.body_options("stichting").values())  # not an AB, DB or AvA: a stichting has none
    at.selectbox(key=f"{add}-person").set_value(person)
    at.selectbox(key=f"{add}-body").set_value("accounthouder")
    at.selectbox(key=f"{add}-cap").set_value("eigenaar")
    at.date_input(key=f"{add}-s").set_value(dt.date(2026, 11, 1))
    at.button(key=f"FormSubmitter:{add}-Toevoegen").click().run()
    assert "De vertegenwoordiging is toegevoegd." in [s.value for s in at.success]
    assert db.scalar(
        "SELECT count(*) FROM representation WHERE person_id = ? AND party_id = ? AND body = 'accounthouder'",
        [person, party],
    )
    assert db.scalar(f"SELECT count(*) FROM audit_log WHERE entity = 'representation' AND {BY_USER}") == 1
    # the sports foundation now has an accounthouder: that signal is gone
    expected = len(demo_facts.role_signals(ON)) - 1
    assert metric(at, "Open signalen") == str(expected)


def test_wrong_representation_shows_dutch_field_messages(app_db: Path) -> None:
    db = open_database(app_db)
    person = db.scalar("SELECT id FROM person WHERE code = 'weth-elzinga'")
    party = db.scalar("SELECT id FROM party WHERE code = 'sport-voorbeeld'")
    at = run(PAGE, {"peildatum": ON})
    at.selectbox(key="rollen-rep-add-party").set_value(party).run()
    add = f"rollen-rep-add-{party}"
    at.selectbox(key=f"{add}-person").set_value(person)
    at.selectbox(key=f"{add}-body").set_value("accounthouder")
    at.date_input(key=f"{add}-s").set_value(dt.date(2026, 11, 1))
    at.date_input(key=f"{add}-e").set_value(dt.date(2026, 10, 1))
    at.button(key=f"FormSubmitter:{add}-Toevoegen").click().run()
    errors = [e.value for e in at.error]
    assert "**Tot en met**: ligt vóór de begindatum (01-11-2026)" in errors
    assert (
        "**Orgaan**: ambtelijk accounthouder is een ambtelijke rol; Sanne Elzinga is wethouder, geen ambtenaar of "
        "gemeentesecretaris" in errors
    )
    assert db.scalar(f"SELECT count(*) FROM audit_log WHERE entity = 'representation' AND {BY_USER}") == 0


def test_add_a_person(app_db: Path) -> None:
    at = run(PAGE, {"peildatum": ON})
    at.text_input(key="rollen-person--1-name").input("Joris Veldkamp")
    at.selectbox(key="rollen-person--1-fn").set_value("raadslid")
    at.button(key="FormSubmitter:rollen-person-form--1-Persoon toevoegen").click().run()
    assert "Joris Veldkamp is opgeslagen." in [s.value for s in at.success]
    db = open_database(app_db)
    assert db.rows("SELECT code, function FROM person WHERE name = 'Joris Veldkamp'") == [
        {"code": "joris-veldkamp", "function": "raadslid"}
    ]


def test_settings_change_the_signals(app_db: Path) -> None:
    at = run(PAGE, {"peildatum": ON})
    at.number_input[0].set_value(8)
    at.button(key="FormSubmitter:role-settings-Instellingen opslaan").click().run()
    assert "De instellingen zijn opgeslagen." in [s.value for s in at.success]
    expected = demo_facts.role_signals(ON, max_bodies=8)
    assert metric(at, "Open signalen") == str(len(expected)) == str(len(demo_facts.README_SIGNALS) - 1)


def test_register_tab_shows_ladders_signal_and_saves_the_role(app_db: Path) -> None:
    code = "werkbedrijf-voorbeeldland"
    at = run("pages/register.py", {"partij": code, "peildatum": ON})
    tab = at.tabs[3]
    stance = demo_facts.csv("party_roles").set_index("party").loc[code]
    ladders = [c for c in charts(at) if c["data"][0].get("orientation") == "h" and "✓ gekozen" in c["data"][0]["text"]]
    chosen = [c["data"][0]["y"][c["data"][0]["text"].index("✓ gekozen")] for c in ladders]
    assert chosen == [stance["government_role"].title(), stance["participation_level"].title()]
    assert any(w.value.startswith("**Dubbele pet**") for w in tab.warning)
    pid = open_database(app_db).scalar("SELECT id FROM party WHERE code = ?", [code])
    at.selectbox(key=f"party-{pid}-stance-v1-gr").set_value("reguleren")
    at.button(key=f"FormSubmitter:party-{pid}-stance-Rol en niveau opslaan").click().run()
    assert "Rol en participatieniveau zijn opgeslagen." in [s.value for s in at.success]
    assert open_database(app_db).scalar("SELECT government_role FROM party WHERE id = ?", [pid]) == "reguleren"


def test_empty_representation_form_asks_for_each_required_field(app_db: Path) -> None:
    party = open_database(app_db).scalar("SELECT id FROM party WHERE code = 'sport-voorbeeld'")
    at = run(PAGE, {"peildatum": ON})
    assert not [b for b in at.button if b.key == "FormSubmitter:rollen-rep-add-Toevoegen"]  # first the party
    at.selectbox(key="rollen-rep-add-party").set_value(party).run()
    at.button(key=f"FormSubmitter:rollen-rep-add-{party}-Toevoegen").click().run()
    assert [e.value for e in at.error][1:] == [
        "**Persoon**: is verplicht",
        "**Orgaan**: is verplicht",
        "**Rol**: is verplicht",
    ]


# -- two sessions over one record: the second save is refused, the first is kept ----------------------------------
def _conflict(at) -> str:  # noqa: ANN001 (AppTest)
    """The Dutch conflict warning the page shows (there must be one)."""
    found = [w.value for w in at.warning if "intussen door iemand anders" in w.value]
    assert len(found) == 1, [w.value for w in at.warning]
    return found[0]


def _elzinga_ab(db) -> dict:  # noqa: ANN001 (Database)
    """The demo's wethouder Elzinga in the AB of the Werkbedrijf: a representation without an end date."""
    return db.rows(
        """
        SELECT r.* FROM representation r JOIN person pe ON pe.id = r.person_id JOIN party pa ON pa.id = r.party_id
        WHERE pe.code = 'weth-elzinga' AND pa.code = 'werkbedrijf-voorbeeldland' AND r.body = 'ab'
        """
    )[0]


def _open_representation(rep_id: int):  # noqa: ANN202 (AppTest)
    at = run(PAGE, {"peildatum": ON})
    at.selectbox(key="rollen-rep-pick").set_value(rep_id).run()
    return at


def test_representation_edit_after_someone_elses_save_is_refused(app_db: Path) -> None:
    db = open_database(app_db)
    rep = _elzinga_ab(db)
    assert rep["end_date"] is None
    mine, theirs = _open_representation(rep["id"]), _open_representation(rep["id"])
    fields = f"rollen-rep-representation-{rep['id']}-v{rep['version']}"
    theirs.text_area(key=f"{fields}-n").input("Herbenoemd door de raad")
    theirs.button(key=f"FormSubmitter:rollen-rep-edit-{rep['id']}-Wijzigingen opslaan").click().run()
    assert "De vertegenwoordiging is gewijzigd." in [s.value for s in theirs.success]
    mine.date_input(key=f"{fields}-e").set_value(dt.date(2027, 6, 30))
    mine.button(key=f"FormSubmitter:rollen-rep-edit-{rep['id']}-Wijzigingen opslaan").click().run()
    assert _conflict(mine).startswith("Vertegenwoordiging is intussen door iemand anders gewijzigd (Toelichting).")
    stored = db.rows("SELECT notes, end_date FROM representation WHERE id = ?", [rep["id"]])[0]
    assert stored == {"notes": "Herbenoemd door de raad", "end_date": None}
    # the form now shows what is stored, under the new version
    mine.run()
    assert mine.text_area(key=f"rollen-rep-representation-{rep['id']}-v{rep['version'] + 1}-n").value == (
        "Herbenoemd door de raad"
    )


def test_ending_a_term_after_someone_elses_save_is_refused(app_db: Path) -> None:
    db = open_database(app_db)
    rep = _elzinga_ab(db)
    mine, theirs = _open_representation(rep["id"]), _open_representation(rep["id"])
    for at, day in ((theirs, dt.date(2026, 12, 31)), (mine, dt.date(2027, 1, 31))):
        at.date_input(key=f"rollen-rep-end-d-{rep['id']}").set_value(day)
        at.text_input(key=f"rollen-rep-end-r-{rep['id']}").input("Afscheid als wethouder")
        at.button(key=f"FormSubmitter:rollen-rep-end-{rep['id']}-Beëindigen").click().run()
    assert "De termijn is beëindigd." in [s.value for s in theirs.success]
    assert _conflict(mine).startswith("Vertegenwoordiging is intussen door iemand anders gewijzigd (Tot en met).")
    assert "De termijn is beëindigd." not in [s.value for s in mine.success]
    assert db.scalar("SELECT end_date FROM representation WHERE id = ?", [rep["id"]]) == dt.date(2026, 12, 31)


def test_changing_then_ending_one_term_in_one_session_is_no_conflict(app_db: Path) -> None:
    """The change and end forms share the representation as opened: the first save reloads the second."""
    db = open_database(app_db)
    rep = _elzinga_ab(db)
    at = _open_representation(rep["id"])
    at.text_area(key=f"rollen-rep-representation-{rep['id']}-v{rep['version']}-n").input("Laatste termijn")
    at.button(key=f"FormSubmitter:rollen-rep-edit-{rep['id']}-Wijzigingen opslaan").click().run()
    at.date_input(key=f"rollen-rep-end-d-{rep['id']}").set_value(dt.date(2026, 12, 31))
    at.button(key=f"FormSubmitter:rollen-rep-end-{rep['id']}-Beëindigen").click().run()
    assert not [w.value for w in at.warning if "intussen" in w.value]
    assert "De termijn is beëindigd." in [s.value for s in at.success]
    stored = db.rows("SELECT notes, end_date FROM representation WHERE id = ?", [rep["id"]])[0]
    assert stored == {"notes": "Laatste termijn", "end_date": dt.date(2026, 12, 31)}


def test_person_edit_after_someone_elses_save_is_refused(app_db: Path) -> None:
    db = open_database(app_db)
    person = db.rows("SELECT * FROM person WHERE code = 'weth-elzinga'")[0]
    sessions = []
    for _ in range(2):
        at = run(PAGE, {"peildatum": ON})
        at.selectbox(key="rollen-person-pick").set_value(person["id"]).run()
        sessions.append(at)
    theirs, mine = sessions
    fields = f"rollen-person-person-{person['id']}-v{person['version']}"
    submit = f"FormSubmitter:rollen-person-form-{person['id']}-Wijzigingen opslaan"
    theirs.text_area(key=f"{fields}-pf").input("Sociaal domein; Financiën")
    theirs.button(key=submit).click().run()
    assert "Sanne Elzinga is opgeslagen." in [s.value for s in theirs.success]
    mine.text_input(key=f"{fields}-mail").input("s.elzinga@voorbeeldland.nl")
    mine.button(key=submit).click().run()
    assert _conflict(mine).startswith("Persoon is intussen door iemand anders gewijzigd (Portefeuille).")
    stored = db.rows("SELECT portfolio, email FROM person WHERE id = ?", [person["id"]])[0]
    assert stored == {"portfolio": "Sociaal domein; Financiën", "email": person["email"]}


def _number(at, label: str):  # noqa: ANN001, ANN202 (AppTest)
    return next(n for n in at.number_input if n.label == label)


def test_role_settings_after_someone_elses_save_are_refused(app_db: Path) -> None:
    mine, theirs = run(PAGE, {"peildatum": ON}), run(PAGE, {"peildatum": ON})
    _number(theirs, "Maximum aantal organen per persoon").set_value(8)
    theirs.button(key="FormSubmitter:role-settings-Instellingen opslaan").click().run()
    assert "De instellingen zijn opgeslagen." in [s.value for s in theirs.success]
    _number(mine, "Termijn loopt af binnen (dagen)").set_value(30)
    mine.button(key="FormSubmitter:role-settings-Instellingen opslaan").click().run()
    assert _conflict(mine).startswith(
        "De instellingen van de signalen zijn intussen door iemand anders gewijzigd "
        "(Maximum aantal organen per persoon)."
    )
    db = open_database(app_db)
    stored = {r["key"]: r["value"] for r in db.rows("SELECT key, value FROM setting WHERE key LIKE 'roles.%'")}
    assert (stored["roles.max_bodies"], stored["roles.term_horizon_days"]) == ("8", "90")
    # the form now shows the stored settings, and the signals count with the colleague's maximum
    mine.run()
    assert _number(mine, "Maximum aantal organen per persoon").value == 8
    assert metric(mine, "Open signalen") == str(len(demo_facts.role_signals(ON, max_bodies=8)))


def _open_stance(code: str):  # noqa: ANN202 (AppTest)
    return run("pages/register.py", {"partij": code, "peildatum": ON})


def test_stance_after_someone_elses_save_is_refused(app_db: Path) -> None:
    code = "werkbedrijf-voorbeeldland"
    db = open_database(app_db)
    party = db.rows("SELECT id, version, government_role, participation_level FROM party WHERE code = ?", [code])[0]
    mine, theirs = _open_stance(code), _open_stance(code)
    fields = f"party-{party['id']}-stance-v{party['version']}"
    submit = f"FormSubmitter:party-{party['id']}-stance-Rol en niveau opslaan"
    assert party["government_role"] != "reguleren" and party["participation_level"] != "meebeslissen"
    theirs.selectbox(key=f"{fields}-gr").set_value("reguleren")
    theirs.button(key=submit).click().run()
    assert "Rol en participatieniveau zijn opgeslagen." in [s.value for s in theirs.success]
    mine.selectbox(key=f"{fields}-pl").set_value("meebeslissen")
    mine.button(key=submit).click().run()
    assert _conflict(mine).startswith(
        "Verbonden partij is intussen door iemand anders gewijzigd (Rol van de gemeente)."
    )
    stored = db.rows("SELECT government_role, participation_level FROM party WHERE id = ?", [party["id"]])[0]
    assert stored == {"government_role": "reguleren", "participation_level": party["participation_level"]}


def test_own_stance_and_party_edits_of_one_party_are_no_conflict(app_db: Path) -> None:
    """Both forms edit the party row: your own save in one reloads the other, so it is not refused as stale."""
    code = "werkbedrijf-voorbeeldland"
    db = open_database(app_db)
    pid, version = db.rows("SELECT id, version FROM party WHERE code = ?", [code])[0].values()
    at = _open_stance(code)
    at.selectbox(key=f"party-{pid}-stance-v{version}-gr").set_value("reguleren")
    at.button(key=f"FormSubmitter:party-{pid}-stance-Rol en niveau opslaan").click().run()
    at.text_area(key=f"edit-{pid}-v{version + 1}-notes").input("Bijgewerkt na de rolwijziging")
    at.button(key=f"FormSubmitter:edit-{pid}-Opslaan").click().run()
    assert not [w.value for w in at.warning if "intussen" in w.value]
    at.selectbox(key=f"party-{pid}-stance-v{version + 2}-pl").set_value("meebeslissen")
    at.button(key=f"FormSubmitter:party-{pid}-stance-Rol en niveau opslaan").click().run()
    assert not [w.value for w in at.warning if "intussen" in w.value]
    stored = db.rows("SELECT government_role, participation_level, notes FROM party WHERE id = ?", [pid])[0]
    assert stored == {
        "government_role": "reguleren",
        "participation_level": "meebeslissen",
        "notes": "Bijgewerkt na de rolwijziging",
    }
