"""The Weerstandsvermogen page under AppTest against a real demo database, asserting what the demo determines."""

from __future__ import annotations

import json
from pathlib import Path

from governance.core import formatting
from governance.core.db import Database, open_database
from governance.weerstand import engine as simulation
from tests import weerstand_facts as facts
from tests.apptest import charts, metric, run

PAGE = "pages/weerstandsvermogen.py"
SAVE_CAPACITY = "FormSubmitter:wv-capacity-form-Capaciteit opslaan"
SAVE_SIMULATION = "FormSubmitter:wv-sim-form-Simulatie-instellingen opslaan"


def _nbsp(text: str) -> str:
    return text.replace(" ", "\u00a0")


def _ratio(text: str) -> float:
    return float(text.replace(",", "."))


def _prefix(db: Database, form: str, key: str) -> str:
    """The widget-key prefix of settings form `form` over setting `key` as stored now (v0: not stored)."""
    return f"{form}-v{db.scalar('SELECT version FROM setting WHERE key = ?', [key]) or 0}"


def _stored(db: Database, key: str) -> dict:
    return json.loads(db.scalar("SELECT value FROM setting WHERE key = ?", [key]))


def test_page_shows_the_demo_capacity_and_risks(app_db: Path) -> None:
    at = run(PAGE)
    assert at.title[0].value == "Weerstandsvermogen"
    total = facts.capacity_total()
    assert metric(at, "Beschikbare capaciteit") == formatting.euro(total, compact=True)
    capacity = at.table[0].value
    shown = dict(zip(capacity["Onderdeel"], capacity["Bedrag"], strict=True))
    assert shown["Totaal beschikbaar"] == _nbsp(formatting.euro(total))
    assert shown["Algemene reserve"] == _nbsp(formatting.euro(facts.capacity_parts()["algemene_reserve"]))
    assert len(capacity) == 5
    caption = next(c.value for c in at.caption if "financiële risico's gesimuleerd" in c.value)
    assert caption.startswith(f"{len(facts.financial_risks())} financiële risico's gesimuleerd")
    assert f"Bruto {formatting.euro(facts.gross())}" in caption
    assert metric(at, "Verwachte waarde risico's") == formatting.euro(facts.expected(), compact=True)


def test_ratio_class_and_certainty_table_agree(app_db: Path) -> None:
    at = run(PAGE)
    levels = at.table[1].value
    standard = "90 % – standaard (geen raadsbesluit vastgelegd)"  # the demo records no raadsbesluit
    assert list(levels["Zekerheid"]) == ["70 %", "80 %", standard, "95 %", "99 %"]
    chosen = levels[levels["Zekerheid"] == standard].iloc[0]
    ratio = metric(at, "Weerstandsratio")
    assert chosen["Ratio"] == ratio
    letter, label = simulation.nar_class(_ratio(ratio))
    assert chosen["Klasse"] == f"{letter} – {label}"
    badges = [e.proto.body for e in at.main.get("markdown") if "badge" in e.proto.body]
    assert any(f"Klasse {letter} – {label}" in body for body in badges)
    required = int(chosen["Benodigde capaciteit"].replace("€\u00a0", "").replace(".", ""))
    assert _ratio(ratio) == round(facts.capacity_total() / required, 2)
    # each row's class follows from its ratio; the required amounts grow with the certainty
    amounts = [int(x.replace("€\u00a0", "").replace(".", "")) for x in levels["Benodigde capaciteit"]]
    assert amounts == sorted(amounts)
    for r in levels.to_dict("records"):
        assert r["Klasse"].startswith(simulation.nar_class(_ratio(r["Ratio"]))[0])


def test_exceedance_curve_marks_the_chosen_level_and_the_capacity(app_db: Path) -> None:
    at = run(PAGE)
    curve = next(c for c in charts(at) if any(t.get("name") == "Overschrijdingskans" for t in c["data"]))
    marker = curve["data"][1]
    assert marker["y"] == [10.0]  # 90 % certainty: 10 % chance of a higher total
    assert marker["text"][0].startswith("90 % zekerheid: € ")
    shapes = curve["layout"]["shapes"]
    assert any(s.get("x0") == facts.capacity_total() / 1e6 for s in shapes)  # the beschikbare capaciteit
    assert curve["layout"]["font"]["size"] >= 14
    # its text alternative: the amount exceeded in 30/20/10/5/1 % of the years, as in the certainty table
    levels = at.table[1].value
    (text,) = [c.value for c in at.caption if c.value.startswith("Cijfers: de risico's kosten samen")]
    for row, share in zip(levels.to_dict("records"), ("30,0 %", "20,0 %", "10,0 %", "5,0 %", "1,0 %"), strict=True):
        amount = row["Benodigde capaciteit"].replace("\u00a0", " ")
        assert f"meer dan {amount} in {share} van de jaren" in text.replace("\u00a0", " ")
    histogram = [c.value for c in at.caption if c.value.startswith("Cijfers (de ")]
    assert histogram and "%" in histogram[0]


def test_scope_choice_changes_the_number_of_risks(app_db: Path) -> None:
    at = run(PAGE)
    at.segmented_control(key="wv-scope").set_value("partijen").run()
    assert not at.exception
    caption = next(c.value for c in at.caption if "financiële risico's gesimuleerd" in c.value)
    assert caption.startswith(f"{len(facts.financial_risks('partijen'))} financiële risico's gesimuleerd")
    assert "(alleen verbonden partijen)" in caption
    top = at.table[2].value
    assert "Gemeente (eigen risico's)" not in set(top["Partij"])
    at.segmented_control(key="wv-scope").set_value("alle").run()
    assert any("(van verbonden partijen en van de gemeente zelf)" in c.value for c in at.caption)


def test_top_ten_by_contribution(app_db: Path) -> None:
    at = run(PAGE)
    top = at.table[2].value
    assert len(top) == 10
    amounts = [int(x.replace("€\u00a0", "").replace(".", "")) for x in top["Bijdrage benodigd"]]
    assert amounts == sorted(amounts, reverse=True)
    assert set(top["Risico"]) <= set(facts.financial_risks()["title"])
    bars = next(c for c in charts(at) if c["data"][0].get("orientation") == "h" and len(c["data"][0]["x"]) == 10)
    assert bars["data"][0]["text"][-1] == formatting.euro(amounts[0], compact=True)  # largest bar on top, labelled


def test_what_if_recomputes_at_once(app_db: Path) -> None:
    at = run(PAGE)
    before = metric(at, "Benodigde capaciteit (90 %)")
    at.text_input(key="wv-wi-claim").input("4.000.000").run()
    at.text_input(key="wv-wi-pct").input("50").run()
    assert not at.exception
    what_if = [m for m in at.metric if m.label == "Benodigde capaciteit (90 %)"]
    assert len(what_if) == 2 and what_if[0].value == before
    assert what_if[1].value != before and what_if[1].delta.startswith("€ ")
    assert any("Wat-als met 100.000 iteraties" in c.value for c in at.caption)
    # a party scaled to zero lowers the requirement
    at.text_input(key="wv-wi-claim").input("0").run()
    at.selectbox(key="wv-wi-party").select("vo-cv").run()
    at.select_slider(key="wv-wi-factor").set_value(0.0).run()
    lowered = [m for m in at.metric if m.label == "Benodigde capaciteit (90 %)"][1]
    assert lowered.delta.startswith("-€ ")


def test_saving_a_run_and_the_capacity_is_audited(app_db: Path) -> None:
    at = run(PAGE)
    at.text_input(key="wv-run-notes").input("Voor de begroting 2027")
    at.button(key="FormSubmitter:wv-save-run-Berekening vastleggen").click().run()
    assert not at.exception
    assert "De berekening is vastgelegd." in [s.value for s in at.success]
    db = open_database(app_db)
    row = db.rows("SELECT * FROM weerstand_run")[0]
    assert row["notes"] == "Voor de begroting 2027" and row["purpose"] == "begroting"
    assert float(row["available"]) == facts.capacity_total()
    assert row["ratio_class"] == simulation.nar_class(float(row["ratio"]))[0]
    runs = next(d.value for d in at.dataframe if "Vastgelegd" in d.value.columns)
    assert len(runs) == 1 and runs.iloc[0]["Klasse"].startswith(row["ratio_class"])

    at.text_input(key=f"{_prefix(db, 'wv-capacity', 'weerstandscapaciteit')}-post_onvoorzien").input("1.000.000")
    at.button(key=SAVE_CAPACITY).click().run()
    assert "De beschikbare weerstandscapaciteit is opgeslagen." in [s.value for s in at.success]
    new_total = facts.capacity_total() - facts.capacity_parts()["post_onvoorzien"] + 1_000_000
    assert metric(at, "Beschikbare capaciteit") == formatting.euro(new_total, compact=True)
    stored = json.loads(db.scalar("SELECT value FROM setting WHERE key = 'weerstandscapaciteit'"))
    assert stored["post_onvoorzien"] == 1_000_000
    assert db.scalar("SELECT count(*) FROM audit_log WHERE entity = 'setting' AND action = 'update'") == 1


def test_capacity_save_after_someone_elses_save_is_refused(app_db: Path) -> None:
    db = open_database(app_db)
    opened = _prefix(db, "wv-capacity", "weerstandscapaciteit")
    first, second = run(PAGE), run(PAGE)  # two people open the form over the same stored capacity
    first.text_input(key=f"{opened}-post_onvoorzien").input("1.000.000")
    first.button(key=SAVE_CAPACITY).click().run()
    assert "De beschikbare weerstandscapaciteit is opgeslagen." in [s.value for s in first.success]

    second.text_input(key=f"{opened}-algemene_reserve").input("123.000")
    second.button(key=SAVE_CAPACITY).click().run()
    assert [w.value for w in second.warning] == [
        "De beschikbare weerstandscapaciteit is intussen door iemand anders gewijzigd (Post onvoorzien). Uw "
        "wijziging is niet opgeslagen; bekijk de nieuwe gegevens en probeer het opnieuw."
    ]
    kept = _stored(db, "weerstandscapaciteit")
    assert kept["post_onvoorzien"] == 1_000_000
    assert kept["algemene_reserve"] == facts.capacity_parts()["algemene_reserve"]
    # the second form now shows what is stored (one more run to show the page); saving again goes through
    second.run()
    reopened = _prefix(db, "wv-capacity", "weerstandscapaciteit")
    assert reopened != opened
    assert second.text_input(key=f"{reopened}-post_onvoorzien").value == "1.000.000"
    second.text_input(key=f"{reopened}-algemene_reserve").input("123.000")
    second.button(key=SAVE_CAPACITY).click().run()
    assert "De beschikbare weerstandscapaciteit is opgeslagen." in [s.value for s in second.success]
    both = _stored(db, "weerstandscapaciteit")
    assert (both["post_onvoorzien"], both["algemene_reserve"]) == (1_000_000, 123_000)


def test_simulation_settings_save_after_someone_elses_save_is_refused(app_db: Path) -> None:
    db = open_database(app_db)
    assert _prefix(db, "wv-simulation", "weerstand_simulatie") == "wv-simulation-v0"  # the demo stores none
    first, second = run(PAGE), run(PAGE)  # both open the defaults
    first.text_input(key="wv-simulation-v0-iterations").input("50.000")
    first.button(key=SAVE_SIMULATION).click().run()
    assert "De simulatie-instellingen zijn opgeslagen." in [s.value for s in first.success]

    second.number_input(key="wv-simulation-v0-seed").set_value(7)
    second.button(key=SAVE_SIMULATION).click().run()
    assert [w.value for w in second.warning] == [
        "De simulatie-instelling is intussen door iemand anders gewijzigd (Aantal iteraties). Uw "
        "wijziging is niet opgeslagen; bekijk de nieuwe gegevens en probeer het opnieuw."
    ]
    kept = _stored(db, "weerstand_simulatie")
    assert (kept["iterations"], kept["seed"]) == (50_000, simulation.DEFAULT_SEED)
    second.run()
    assert second.text_input(key="wv-simulation-v1-iterations").value == "50.000"
    second.number_input(key="wv-simulation-v1-seed").set_value(7)
    second.button(key=SAVE_SIMULATION).click().run()
    both = _stored(db, "weerstand_simulatie")
    assert (both["iterations"], both["seed"]) == (50_000, 7)
