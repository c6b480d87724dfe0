"""Weerstandsvermogen on real DuckDB files: which risks count, the settings and their audit, the outcome against
the demo, guarantees and loans, the what-if, saved runs, and the command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from governance.core import formatting
from governance.core.db import Database
from governance.core.errors import ConflictError, ValidationError
from governance.risks import matrix as risks_matrix
from governance.risks import matrix_format
from governance.weerstand import display, exposure
from governance.weerstand import engine as simulation
from governance.weerstand import outcome as weerstand_outcome
from governance.weerstand import saved_runs as runs
from governance.weerstand import settings as capacity
from tests import actors
from tests import weerstand_facts as facts

ROOT = Path(__file__).resolve().parent.parent
YEAR = 2026


@pytest.mark.parametrize("scope", ["alle", "partijen"])
def test_the_demo_risks_that_are_simulated(demo_db: Database, scope: str) -> None:
    lines, skipped = exposure.risk_lines(demo_db, scope)
    expected = facts.financial_risks(scope)
    assert len(lines) == len(expected) > 0
    assert sorted(lines["title"]) == sorted(expected["title"])
    assert skipped.empty
    assert (lines["party_code"].isna().sum() == 0) == (scope == "partijen")
    assert float(lines["high"].sum()) == facts.gross(scope)


def _risk(db: Database, **values) -> None:
    row = {"category": "financieel", "title": values.pop("title", "Risico"), **values}
    db.write(lambda tx: tx.insert("risk", row), actors.named("test"), "register")


def test_amount_and_probability_rules(empty_db: Database) -> None:
    _risk(empty_db, title="drie bedragen", probability_pct=40, amount_min=10, amount_likely=20, amount_max=50)
    _risk(empty_db, title="alleen meest waarschijnlijk", probability_pct=40, amount_likely=20)
    _risk(empty_db, title="min en max", probability_pct=40, amount_min=10, amount_max=30)
    _risk(empty_db, title="alleen max", net_likelihood=4, amount_max=30)
    _risk(empty_db, title="min boven max", probability_pct=40, amount_min=60, amount_max=30)
    _risk(empty_db, title="likely boven max", probability_pct=40, amount_likely=60, amount_max=30)
    _risk(empty_db, title="geen kans", amount_likely=60)
    _risk(empty_db, title="geen bedrag", probability_pct=40)
    _risk(empty_db, title="vervallen", probability_pct=40, amount_likely=5, status="vervallen")
    _risk(empty_db, title="bestuurlijk", category="bestuurlijk", probability_pct=40, amount_likely=5)
    lines, skipped = exposure.risk_lines(empty_db, "alle")
    got = {
        r["title"]: (r["low"], r["mode"], r["high"], r["shape"], r["probability_pct"]) for r in lines.to_dict("records")
    }
    assert got == {
        "drie bedragen": (10, 20, 50, "pert", 40),
        "alleen meest waarschijnlijk": (20, 20, 20, "fixed", 40),
        "min en max": (10, 20, 30, "pert", 40),
        "alleen max": (30, 30, 30, "fixed", 70),  # kansklasse 4 = 70 %
    }
    assert dict(zip(skipped["title"], skipped["reason"], strict=True)) == {
        "min boven max": "minimum is groter dan maximum",
        "likely boven max": "meest waarschijnlijke bedrag is groter dan maximum",
        "geen kans": "geen kans",
        "geen bedrag": "geen bedrag (minimum, meest waarschijnlijk of maximum)",
    }
    triangular, _ = exposure.risk_lines(empty_db, "alle", distribution="triangular")
    assert triangular.set_index("title").loc["drie bedragen", "shape"] == "triangular"
    assert exposure.risk_lines(empty_db, "partijen")[0].empty  # none has a party


def _store_matrix(db: Database, matrix: risks_matrix.Matrix) -> None:
    value = json.dumps(matrix_format.to_dict(matrix))
    if db.scalar("SELECT count(*) FROM setting WHERE key = 'risk_matrix'"):
        db.write(
            lambda tx: tx.update("setting", "risk_matrix", {"value": value}, system=True),
            actors.named("test"),
            "register",
        )
    else:
        db.write(
            lambda tx: tx.insert("setting", {"key": "risk_matrix", "value": value}), actors.named("test"), "register"
        )


def test_likelihood_scale_follows_the_configured_risk_matrix(empty_db: Database) -> None:
    assert capacity.likelihood_scale(empty_db) == {1: 10, 2: 30, 3: 50, 4: 70, 5: 90}
    _risk(empty_db, title="klasse 2", net_likelihood=2, amount_likely=100)
    _risk(empty_db, title="klasse 3", net_likelihood=3, amount_likely=100)
    four = risks_matrix.default_matrix(4, 5)
    levels = tuple(replace(level, percentage=pct) for level, pct in zip(four.likelihood, (5, 15, 40, 80), strict=True))
    _store_matrix(empty_db, replace(four, likelihood=levels))
    assert capacity.likelihood_scale(empty_db) == {1: 5, 2: 15, 3: 40, 4: 80}
    assert exposure.risk_lines(empty_db)[0]["probability_pct"].tolist() == [15.0, 40.0]
    # a kans scale in words gives no percentages: those risks are listed as not simulated, with the reason
    words = tuple(replace(level, percentage=None) for level in levels)
    _store_matrix(empty_db, replace(four, likelihood=words))
    lines, skipped = exposure.risk_lines(empty_db)
    assert lines.empty
    assert skipped["reason"].tolist() == [
        "kansklasse 2 heeft geen percentage in de risicomatrix",
        "kansklasse 3 heeft geen percentage in de risicomatrix",
    ]
    # a stored matrix that cannot be read: the default scale
    empty_db.write(
        lambda tx: tx.update("setting", "risk_matrix", {"value": json.dumps({"kans": "hoog"})}, system=True),
        actors.named("t"),
        "register",
    )
    assert capacity.likelihood_scale(empty_db)[3] == 50


def test_demo_capacity_and_saving_it_is_audited(demo_db: Database) -> None:
    cap = capacity.capacity(demo_db)
    assert cap["parts"] == facts.capacity_parts()
    assert cap["total"] == facts.capacity_total()
    values = {**cap["parts"], "post_onvoorzien": 500_000, "post_onvoorzien_note": "Verhoogd"}
    capacity.save_capacity(demo_db, values, actors.named("controller"), original=cap["original"])
    after = capacity.capacity(demo_db)
    assert after["total"] == facts.capacity_total() - facts.capacity_parts()["post_onvoorzien"] + 500_000
    assert after["notes"]["post_onvoorzien"] == "Verhoogd"
    audit = demo_db.rows("SELECT actor, action, before, after FROM audit_log WHERE entity = 'setting'")[-1]
    assert (audit["actor"], audit["action"]) == ("controller", "update")
    assert json.loads(json.loads(audit["after"])["value"])["post_onvoorzien"] == 500_000
    with pytest.raises(ConflictError):  # saved over a version someone else changed in between
        capacity.save_capacity(demo_db, values, actors.named("controller"), original=cap["original"])


def test_bad_capacity_and_settings_name_the_field(demo_db: Database) -> None:
    with pytest.raises(ValidationError) as caught:
        capacity.save_capacity(demo_db, {"algemene_reserve": -5, "stille_reserves": "veel"}, actors.named("x"), None)
    assert [str(e) for e in caught.value.errors] == [
        "Algemene reserve: mag niet negatief zijn",
        "Stille reserves: 'veel' is geen bedrag",
    ]
    with pytest.raises(ValidationError) as caught:
        capacity.save_simulation_settings(demo_db, {"certainty_pct": 120, "iterations": 10}, actors.named("x"), None)
    assert [str(e) for e in caught.value.errors] == [
        "Zekerheidsniveau (%): mag hoogstens 99.9 zijn",
        "Aantal iteraties: moet minstens 1000 zijn",
    ]
    with pytest.raises(ValidationError, match="Kans op falen sport-voorbeeld"):
        capacity.save_simulation_settings(
            demo_db, {"party_probability_pct": {"sport-voorbeeld": 140}}, actors.named("x"), None
        )
    assert capacity.capacity(demo_db)["total"] == facts.capacity_total()


def test_settings_read_from_the_row_as_opened() -> None:
    """A form shows the setting row as the user opened it (None: not stored then), never a fresh read."""
    empty = capacity.capacity_of(None)
    assert empty == {
        "parts": dict.fromkeys(capacity.CAPACITY_PARTS, 0.0),
        "notes": dict.fromkeys(capacity.CAPACITY_PARTS, ""),
        "total": 0.0,
        "is_set": False,
        "original": None,
    }
    row = {"key": capacity.CAPACITY_KEY, "value": json.dumps({"stille_reserves": 5, "notes": {"stille_reserves": "x"}})}
    filled = capacity.capacity_of(row)
    assert (filled["parts"]["stille_reserves"], filled["notes"]["stille_reserves"], filled["total"]) == (5.0, "x", 5.0)
    assert filled["is_set"] and filled["original"] is row
    assert capacity.simulation_settings_of(None) == {**capacity.SIMULATION_DEFAULTS, "original": None}
    partial = {"key": capacity.SIMULATION_KEY, "value": json.dumps({"iterations": 5_000}), "version": 2}
    assert capacity.simulation_settings_of(partial) == {
        **capacity.SIMULATION_DEFAULTS,
        "iterations": 5_000,
        "original": partial,
    }


def test_a_stale_capacity_save_is_refused_naming_the_parts_changed(demo_db: Database) -> None:
    cap = capacity.capacity(demo_db)
    mine = cap["original"]  # both open the same version
    form = {**cap["parts"], **{f"{part}_note": note for part, note in cap["notes"].items()}}
    capacity.save_capacity(
        demo_db,
        {**form, "stille_reserves": 1.0, "post_onvoorzien_note": "Gewijzigd"},
        actors.named("collega"),
        original=mine,
    )
    with pytest.raises(ConflictError) as caught:
        capacity.save_capacity(demo_db, {**form, "algemene_reserve": 1.0}, actors.named("ik"), original=mine)
    assert str(caught.value) == (
        "De beschikbare weerstandscapaciteit is intussen door iemand anders gewijzigd (Stille reserves, Toelichting "
        "post onvoorzien). Uw wijziging is niet opgeslagen; bekijk de nieuwe gegevens en probeer het opnieuw."
    )
    assert caught.value.changes == {
        "stille_reserves": (facts.capacity_parts()["stille_reserves"], 1.0),
        "post_onvoorzien_note": (cap["notes"]["post_onvoorzien"], "Gewijzigd"),
    }
    after = capacity.capacity(demo_db)
    assert after["parts"]["algemene_reserve"] == facts.capacity_parts()["algemene_reserve"]  # theirs is kept
    assert after["parts"]["stille_reserves"] == 1.0


def test_simulation_settings_save_over_what_was_opened(demo_db: Database) -> None:
    assert capacity.simulation_settings(demo_db)["original"] is None  # the demo stores none: the defaults show
    capacity.save_simulation_settings(demo_db, {"iterations": 50_000}, actors.named("collega"), None)
    with pytest.raises(ConflictError, match=r"gewijzigd \(Aantal iteraties\)"):
        capacity.save_simulation_settings(demo_db, {"seed": 7}, actors.named("ik"), None)  # opened before it was stored
    opened = capacity.simulation_settings(demo_db)["original"]
    capacity.save_simulation_settings(
        demo_db, {"certainty_pct": 95, "party_probability_pct": {"vo-cv": 5}}, actors.named("c"), opened
    )
    with pytest.raises(ConflictError) as caught:
        capacity.save_simulation_settings(demo_db, {"seed": 7}, actors.named("ik"), opened)
    assert "gewijzigd (Zekerheidsniveau (%), Kans op falen per partij (%))" in str(caught.value)
    assert caught.value.changes == {"certainty_pct": (90, 95.0), "party_probability_pct": ({}, {"vo-cv": 5.0})}
    # what a save leaves out keeps the value as opened
    capacity.save_simulation_settings(
        demo_db, {"seed": 7}, actors.named("ik"), capacity.simulation_settings(demo_db)["original"]
    )
    stored = capacity.simulation_settings(demo_db)
    assert (stored["iterations"], stored["seed"], stored["certainty_pct"]) == (50_000, 7, 95.0)


def test_page_choices_and_texts() -> None:
    assert display.certainty_choices(90) == [70.0, 80.0, 90.0, 95.0, 99.0]
    assert display.certainty_choices(92.5) == [70.0, 80.0, 90.0, 92.5, 95.0, 99.0]  # a norm between the levels
    decided = {"pct": 92.5, "tag": "raadsnorm"}  # a raadsnorm only with its besluit (tests/test_domain_truth.py)
    assert display.certainty_label(92.5, decided) == "92,5 % – raadsnorm"
    assert display.certainty_label(95, decided) == "95 %"
    assert display.level_text(90.0) == "90 %"
    assert display.exceed_text(0.0) == "minder dan 0,01 %"
    assert display.exceed_text(0.000099) == "minder dan 0,01 %"
    assert display.exceed_text(0.0001) == "0,01 %"
    assert display.exceed_text(0.0123) == "1,23 %"
    assert display.distribution_name("pert") == "PERT" and display.distribution_name("triangular") == "Driehoek"
    assert display.WHAT_IF_FACTORS[:3] == (0.0, 0.1, 0.2) and display.WHAT_IF_FACTORS[-1] == 3.0
    assert len(display.WHAT_IF_FACTORS) == 31 and 1.0 in display.WHAT_IF_FACTORS
    assert display.what_if_note(20_000, 100_000).startswith(
        "Wat-als met 20.000 iteraties en hetzelfde startgetal als de basis (minder iteraties dan ingesteld"
    )
    assert "(dezelfde berekening als hierboven)." in display.what_if_note(100_000, 100_000)


def test_what_if_parties_and_ratio_change_on_the_demo(demo_db: Database) -> None:
    base = weerstand_outcome.compute(demo_db, "alle", YEAR, iterations=5_000)
    parties = display.what_if_parties(base)
    risks = facts.financial_risks()
    assert list(parties) == sorted(risks["party"].dropna().unique())  # the gemeente's own risks have no party
    assert capacity.OWN not in parties.values()
    more = weerstand_outcome.compute(
        demo_db, "alle", YEAR, iterations=5_000, what_if=exposure.WhatIf(None, 1.0, 3_000_000, 50)
    )
    assert display.ratio_change(more, base) == formatting.number(more.ratio - base.ratio, 2)
    assert display.ratio_change(more, base).startswith("-")
    assert display.ratio_change(replace(more, ratio=None), base) is None


def test_outcome_on_the_demo(demo_db: Database) -> None:
    outcome = weerstand_outcome.compute(demo_db, "alle", YEAR, iterations=40_000)
    assert len(outcome.lines) == len(facts.financial_risks())
    assert outcome.available == facts.capacity_total()
    assert outcome.expected == pytest.approx(facts.expected(), rel=1e-12)
    assert outcome.gross == facts.gross()
    assert outcome.certainty == 90.0 and outcome.iterations == 40_000
    assert outcome.required == outcome.levels.set_index("certainty_pct").loc[90.0, "required"]
    assert outcome.ratio == pytest.approx(facts.capacity_total() / outcome.required)
    assert (outcome.nar_class, outcome.nar_label) == simulation.nar_class(outcome.ratio)
    assert list(outcome.levels["certainty_pct"]) == [70.0, 80.0, 90.0, 95.0, 99.0]
    assert outcome.levels["required"].is_monotonic_increasing
    assert outcome.lines["contribution"].sum() == pytest.approx(outcome.required, rel=1e-9)
    assert outcome.parties["contribution"].sum() == pytest.approx(outcome.required, rel=1e-9)
    assert outcome.parties["risks"].sum() == len(outcome.lines)
    assert outcome.lines["contribution"].is_monotonic_decreasing
    own = outcome.parties.set_index("party_name").loc[capacity.OWN, "risks"]
    assert own == len(facts.financial_risks()) - len(facts.financial_risks("partijen"))


def test_guarantees_and_loans_as_default_risks(demo_db: Database) -> None:
    capacity.save_simulation_settings(
        demo_db,
        {"default_probability_pct": 2, "party_probability_pct": {"sport-voorbeeld": 10}},
        actors.named("controller"),
        capacity.simulation_settings(demo_db)["original"],
    )
    outcome = weerstand_outcome.compute(demo_db, "alle", YEAR, include_exposures=True, iterations=20_000)
    defaults = outcome.lines[outcome.lines["source"] == "garantie/lening"].set_index("party_code")
    assert defaults["low"].to_dict() == facts.exposures(YEAR)
    assert defaults.loc["sport-voorbeeld", "probability_pct"] == 10
    assert set(defaults.drop(index="sport-voorbeeld")["probability_pct"]) == {2.0}
    assert outcome.gross == pytest.approx(facts.gross() + sum(facts.exposures(YEAR).values()))
    table = exposure.exposure_parties(demo_db, YEAR).set_index("code")
    assert table.loc["sport-voorbeeld", "Kans op falen (%)"] == 10
    assert set(table.drop(index="sport-voorbeeld")["Kans op falen (%)"]) == {2.0}
    # a party set back to the default is not stored as its own: it follows a later change of the default
    capacity.save_simulation_settings(
        demo_db,
        {"default_probability_pct": 2, "party_probability_pct": {"sport-voorbeeld": 2, "vo-cv": 5}},
        actors.named("c"),
        capacity.simulation_settings(demo_db)["original"],
    )
    assert capacity.simulation_settings(demo_db)["party_probability_pct"] == {"vo-cv": 5.0}


def test_what_if_changes_only_what_it_says(demo_db: Database) -> None:
    base = weerstand_outcome.compute(demo_db, "alle", YEAR, iterations=30_000)
    top_party = base.lines.dropna(subset=["party_code"]).iloc[0]["party_code"]
    gone = weerstand_outcome.compute(demo_db, "alle", YEAR, iterations=30_000, what_if=exposure.WhatIf(top_party, 0.0))
    assert gone.required < base.required
    assert gone.lines.loc[gone.lines["party_code"] == top_party, "contribution"].sum() == 0
    claim = exposure.WhatIf(None, 1.0, 3_000_000, 50)
    more = weerstand_outcome.compute(demo_db, "alle", YEAR, iterations=30_000, what_if=claim)
    assert more.required > base.required
    assert len(more.lines) == len(base.lines) + 1
    assert more.expected == pytest.approx(base.expected + 1_500_000)
    assert not exposure.WhatIf("x", 1.0, 0, 50).active
    assert weerstand_outcome.what_if_iterations(100, 100_000) == 100_000
    assert weerstand_outcome.what_if_iterations(1_000, 100_000) == 20_000


def test_saving_a_run_is_recorded_and_audited(demo_db: Database) -> None:
    outcome = weerstand_outcome.compute(demo_db, "partijen", YEAR, certainty=80, iterations=20_000)
    run_id = runs.save_run(demo_db, outcome, "begroting", 2027, "Begroting 2027", actors.named("controller"))
    row = demo_db.rows("SELECT * FROM weerstand_run WHERE id = ?", [run_id])[0]
    assert (row["purpose"], row["year"], row["scope"], row["iterations"], row["seed"]) == (
        "begroting",
        2027,
        "partijen",
        20_000,
        simulation.DEFAULT_SEED,
    )
    assert float(row["certainty_pct"]) == 80
    assert float(row["required"]) == round(outcome.required, 2)
    assert float(row["available"]) == facts.capacity_total()
    assert row["ratio_class"] == outcome.nar_class
    assert len(json.loads(row["levels"])) == 5
    audit = demo_db.rows("SELECT actor, action FROM audit_log WHERE entity = 'weerstand_run'")
    assert audit == [{"actor": "controller", "action": "insert"}]
    what_if = weerstand_outcome.compute(
        demo_db, "alle", YEAR, iterations=5_000, what_if=exposure.WhatIf(None, 1, 10, 10)
    )
    with pytest.raises(ValidationError, match="wat-als"):
        runs.save_run(demo_db, what_if, "begroting", 2027, None, actors.named("controller"))
    with pytest.raises(ValidationError, match="Voor"):
        runs.save_run(demo_db, outcome, "kwartaal", 2027, None, actors.named("controller"))
    assert len(runs.runs_table(runs.runs(demo_db))) == 1


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "governance", *args], capture_output=True, text=True, cwd=ROOT, timeout=300, env=env
    )


def test_command_line_simulate(demo_file: Path, tmp_path: Path) -> None:
    db = tmp_path / "cli.duckdb"
    db.write_bytes(demo_file.read_bytes())
    out = _cli("simulate", "--json", "--iterations", "20000", "--seed", "3", "--db", str(db))
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["risks"] == len(facts.financial_risks())
    assert data["available"] == facts.capacity_total()
    assert [lv["certainty_pct"] for lv in data["levels"]] == [70.0, 80.0, 90.0, 95.0, 99.0]
    assert data["class"] == simulation.nar_class(data["ratio"])[0]
    assert sum(c["contribution"] for c in data["contributions"]) == pytest.approx(data["required"], abs=0.05)
    again = json.loads(_cli("simulate", "--json", "--iterations", "20000", "--seed", "3", "--db", str(db)).stdout)
    assert again["levels"] == data["levels"]  # same seed, same table

    text = _cli("simulate", "--scope", "partijen", "--certainty", "95", "--iterations", "20000", "--db", str(db))
    assert text.returncode == 0
    assert f"{len(facts.financial_risks('partijen'))} risico's gesimuleerd" in text.stdout
    assert "95 % – gekozen" in text.stdout
    assert "90 % – standaard (geen raadsbesluit vastgelegd)" in text.stdout and "raadsnorm" not in text.stdout
    assert "Ratio bij 95 % zekerheid:" in text.stdout and "klasse" in text.stdout

    bad = _cli("simulate", "--iterations", "0", "--db", str(db))
    assert bad.returncode == 2 and "--iterations" in bad.stderr
    assert _cli("simulate", "--scope", "sommige", "--db", str(db)).returncode == 2


def test_bench_simulate_runs_small(tmp_path: Path) -> None:
    """The benchmark command works end to end on a tiny register (its figures are not asserted: no timed tests)
    and opens no database."""
    untouched = tmp_path / "niet-aanmaken.duckdb"
    out = _cli(
        "bench",
        "simulate",
        "--risks",
        "20",
        "--iterations",
        "2000",
        "--runs",
        "2",
        "--loop-iterations",
        "50",
        "--pyfair-iterations",
        "200",
        env={**os.environ, "GOVERNANCE_DB": str(untouched)},
    )
    assert out.returncode == 0, out.stderr
    assert "1. governance.simulation" in out.stdout and "2. Python-lus" in out.stdout and "3. pyfair" in out.stdout
    assert not untouched.exists()
