"""Financial kengetallen and signals (issue 14, points 1 and 2): pure rules, the demo's figures, settings with
their source, and accepting a signal through db.write."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from governance import finance
from governance.core.access import PermissionDenied
from governance.core.db import Database
from governance.core.errors import ConflictError, NotFoundError, ValidationError
from governance.finance import kengetallen as k
from tests import actors

YEAR = 2025


def _years(rows: list[dict]) -> pd.DataFrame:
    base = {f: None for f in (*k.NEEDED, "contribution", "loans", "guarantees")}
    return pd.DataFrame([{"party_id": 1, "code": "p", "name": "P", **base, **r} for r in rows])


# -- pure -------------------------------------------------------------------------------------------------------
def test_solvency_and_changes_are_missing_without_figures_never_zero() -> None:
    assert k.solvency(25.0, 75.0) == pytest.approx(0.25)
    assert k.solvency(None, 75.0) is None
    assert k.solvency(-10.0, 5.0) is None  # no positive total to divide by
    assert k.change_pct(105.0, 100.0) == pytest.approx(5.0)
    assert k.change_pct(105.0, None) is None
    assert k.change_pct(10.0, 0.0) is None
    assert k.exposure(None, None) is None
    assert k.exposure(100.0, None) == 100.0
    assert k.reserve_ratio(43_000, 427_000) == pytest.approx(0.1007, abs=1e-4)
    assert k.reserve_ratio(43_000, None) is None


def test_negative_streak_stops_at_an_unknown_year() -> None:
    assert k.negative_streak({2023: -1.0, 2024: -2.0, 2025: -3.0}, 2025) == 3
    assert k.negative_streak({2023: -1.0, 2024: None, 2025: -3.0}, 2025) == 1
    assert k.negative_streak({2024: -2.0, 2025: 0.0}, 2025) == 0
    assert k.negative_streak({}, 2025) == 0


def test_jaarrekening_wins_over_begroting_and_names_its_source() -> None:
    years = _years(
        [
            {"year": 2024, "kind": "jaarrekening", "contribution": 100.0, "result": -5.0},
            {"year": 2025, "kind": "begroting", "contribution": 999.0, "result": 1.0},
            {"year": 2025, "kind": "jaarrekening", "contribution": 110.0, "result": -2.0, "equity_end": 10.0},
        ]
    )
    found = k.kengetallen(years, pd.DataFrame(), k.Size(inhabitants=None)).set_index("year")
    assert found.loc[2025, "contribution"] == 110.0
    assert found.loc[2025, "source"] == "jaarrekening 2025"
    assert found.loc[2025, "previous_source"] == "jaarrekening 2024"
    assert found.loc[2025, "contribution_change_pct"] == pytest.approx(10.0)
    assert found.loc[2025, "negative_streak"] == 2
    assert found.loc[2025, "solvency"] is None  # no vreemd vermogen entered: unknown, not 100 %
    assert found.loc[2025, "exposure"] is None
    assert found.loc[2025, "exposure_per_inhabitant"] is None


def test_rules_fire_on_their_threshold_only() -> None:
    table = pd.DataFrame(
        [
            {
                "party_id": 1,
                "code": "p",
                "name": "P",
                "year": YEAR,
                "source": "jaarrekening 2025",
                "previous_source": "jaarrekening 2024",
                "legal_form": "stichting",
                **{f: 1.0 for f in k.NEEDED},
                "equity_end": 9.0,
                "debt_end": 91.0,
                "solvency": 0.09,
                "negative_streak": 1,
                "result": -1.0,
                "contribution": 104.0,
                "contribution_previous": 100.0,
                "contribution_change_pct": 4.0,
                "exposure": 41.0,
                "exposure_per_inhabitant": 41.0,
                "exposure_share_pct": None,
            }
        ]
    )
    found = {s.rule: s for s in finance.find_signals(table, finance.FinanceSettings())}
    assert set(found) == {"lage_solvabiliteit", "blootstelling"}  # 4,0 % is not more than the index of 4 %
    assert found["lage_solvabiliteit"].figure == pytest.approx(9.0)
    assert found["lage_solvabiliteit"].key == "lage_solvabiliteit:p:2025"
    stricter = finance.from_stored({"index_pct": 3, "negative_years": 1, "max_exposure_per_inhabitant": 50})
    rules = {s.rule for s in finance.find_signals(table, stricter)}
    assert rules == {"lage_solvabiliteit", "bijdrage_stijgt", "negatieve_resultaten"}


# -- the demo ---------------------------------------------------------------------------------------------------
def _by_rule(found: pd.DataFrame) -> dict[str, dict[str, float | None]]:
    out: dict[str, dict[str, float | None]] = {}
    for r in found.to_dict("records"):
        out.setdefault(r["rule"], {})[r["party_code"]] = r["figure"]
    return out


def test_demo_2025_signals_match_the_demo_readme(demo_db: Database) -> None:
    found = finance.signals(demo_db, YEAR)
    rules = _by_rule(found)
    assert rules["negatief_ev"] == {"recreatieschap-voorbeeldplassen": -649_000}
    assert set(rules["negatieve_resultaten"]) == {
        "werkbedrijf-voorbeeldland",
        "recreatieschap-voorbeeldplassen",
        "jeugdzorg-kolkerveld",
        "sport-voorbeeld",
        "innovatiefonds-voorbeeldland",
    }
    assert rules["bijdrage_stijgt"]["recreatieschap-voorbeeldplassen"] == pytest.approx((612 - 281) / 281 * 100)
    assert len(rules["bijdrage_stijgt"]) == 13  # the archief's +4,02 % shows as 4,0 %: not above the index
    assert set(rules["blootstelling"]) == {"parkeerbedrijf-voorbeeld", "vo-cv", "sport-voorbeeld"}
    assert set(rules["cijfers_ontbreken"]) == {"energiecoop-voorbeeldland"}
    assert set(rules["lage_solvabiliteit"]) == {"kredietbank-voorbeeldland", "gemeentebank"}
    # party_reserves.csv: the werkbedrijf's algemene reserve € 1.030.000 against its own norm of € 1.500.000
    assert rules["reserve_onder_norm"] == {"werkbedrijf-voorbeeldland": pytest.approx(1_030 / 1_500 * 100)}
    text = found.set_index("key").loc["negatief_ev:recreatieschap-voorbeeldplassen:2025", "text"]
    assert "-€ 649.000" in text and "jaarrekening 2025" in text
    assert not found["acknowledged"].any()


def test_demo_kengetallen_keep_missing_figures_missing(demo_db: Database) -> None:
    table = finance.year_table(demo_db, YEAR, finance.settings(demo_db)).set_index("code")
    energy = table.loc["energiecoop-voorbeeldland"]
    assert energy["equity_end"] is None and energy["solvency"] is None
    assert energy["result"] is not None
    vr = table.loc["vr-voorbeeldland"]
    assert vr["solvency"] == pytest.approx(6_078_000 / (6_078_000 + 23_900_000))
    assert vr["equity_change"] == pytest.approx(6_078_000 - 6_292_000)


def test_a_year_without_figures_gives_missing_signals_not_zeros(demo_db: Database) -> None:
    found = finance.signals(demo_db, 2030)
    assert set(found["rule"]) == {"cijfers_ontbreken"}
    table = finance.year_table(demo_db, 2030, finance.settings(demo_db))
    assert table["solvency"].isna().all() and table["contribution"].isna().all()


def test_onboarded_gemeente_without_figures(onboarded_db: Database) -> None:
    table = finance.year_table(onboarded_db, YEAR, finance.settings(onboarded_db))
    assert table["equity_end"].isna().all()
    found = finance.signals(onboarded_db, YEAR)
    assert set(found["rule"]) <= {"cijfers_ontbreken"}
    assert len(found) == len(table)


# -- settings ---------------------------------------------------------------------------------------------------
def test_defaults_say_they_are_practice_and_own_settings_say_so(demo_db: Database) -> None:
    rows = {r["name"]: r for r in finance.setting_rows(finance.settings(demo_db))}
    assert all("geen wettelijke norm" in r["source"] or "niet ingevuld" in r["source"] for r in rows.values())
    assert "(standaard)" in finance.rule_text("bijdrage_stijgt", finance.settings(demo_db))
    finance.save(demo_db, {"index_pct": "7,5"}, actors.BEHEERDER, None)
    current = finance.settings(demo_db)
    assert current.index_pct == 7.5 and current.source("index_pct") == "eigen instelling"
    assert current.source("min_solvency_pct") != "eigen instelling"
    assert "7,5 %" in finance.rule_text("bijdrage_stijgt", current)
    assert len(_by_rule(finance.signals(demo_db, YEAR))["bijdrage_stijgt"]) == 1  # only the recreatieschap
    audit = demo_db.rows("SELECT actor, action FROM audit_log WHERE entity = 'setting' ORDER BY id DESC LIMIT 1")
    assert audit[0]["actor"] == actors.BEHEERDER.name


def test_settings_refuse_bad_values_and_a_stale_save(demo_db: Database) -> None:
    with pytest.raises(ValidationError) as caught:
        finance.save(demo_db, {"negative_years": "0", "index_pct": "veel"}, actors.BEHEERDER, None)
    fields = {e.field for e in caught.value.errors}
    assert fields == {"negative_years", "index_pct"}
    finance.save(demo_db, {"begroting_total": "250000000"}, actors.BEHEERDER, None)
    assert finance.settings(demo_db).begroting_total == 250_000_000
    with pytest.raises(ConflictError):
        finance.save(demo_db, {"index_pct": "5"}, actors.BEHEERDER, None)  # opened before the save above
    assert finance.settings(demo_db).index_pct == 4.0
    with pytest.raises(PermissionDenied):
        finance.save(demo_db, {"index_pct": "5"}, actors.CONTROLLER, finance.setting_row(demo_db))


def test_begroting_total_weighs_exposure_as_a_share(demo_db: Database) -> None:
    finance.save(demo_db, {"begroting_total": "200000000"}, actors.BEHEERDER, None)
    exposed = _by_rule(finance.signals(demo_db, YEAR))["blootstelling"]
    # 1 % of € 200m is € 2m: the three parties above € 2m in loans and guarantees
    assert exposed["parkeerbedrijf-voorbeeld"] == pytest.approx(4_275_000 / 200_000_000 * 100)
    assert set(exposed) == {"parkeerbedrijf-voorbeeld", "vo-cv", "sport-voorbeeld"}


# -- accepting --------------------------------------------------------------------------------------------------
KEY = "negatief_ev:recreatieschap-voorbeeldplassen:2025"


def test_accept_withdraw_and_history_are_audited(demo_db: Database) -> None:
    finance.acknowledge(demo_db, KEY, "Opheffing is besloten; tekort is gedekt", actors.CONTROLLER)
    found = finance.signals(demo_db, YEAR).set_index("key")
    assert found.loc[KEY, "acknowledged"]
    assert found.loc[KEY, "ack_reason"] == "Opheffing is besloten; tekort is gedekt"
    assert int(found["acknowledged"].sum()) == 1
    audit = demo_db.rows("SELECT actor, action, reason, after FROM audit_log WHERE entity = 'finance_signal_ack'")
    assert [(a["actor"], a["action"]) for a in audit] == [(actors.CONTROLLER.name, "insert")]
    assert json.loads(audit[0]["after"])["signal_key"] == KEY
    finance.withdraw(demo_db, KEY, actors.CONTROLLER, "nieuwe cijfers")
    assert not finance.signals(demo_db, YEAR)["acknowledged"].any()
    history = finance.history(demo_db, KEY)
    assert list(history["action"]) == ["acceptatie ingetrokken", "geaccepteerd"]
    assert list(history["reason"]) == ["nieuwe cijfers", "Opheffing is besloten; tekort is gedekt"]
    with pytest.raises(NotFoundError):
        finance.withdraw(demo_db, KEY, actors.CONTROLLER)


def test_accepting_needs_a_reason_a_real_signal_and_permission(demo_db: Database) -> None:
    with pytest.raises(ValidationError) as caught:
        finance.acknowledge(demo_db, "onzin", " ", actors.CONTROLLER)
    assert {e.field for e in caught.value.errors} == {"signal_key", "reason"}
    with pytest.raises(PermissionDenied):
        finance.acknowledge(demo_db, KEY, "Geen bezwaar tegen", actors.LEZER)
    assert demo_db.scalar("SELECT count(*) FROM finance_signal_ack") == 0


# -- the party's reserve against its own norm -------------------------------------------------------------------
def _party(db: Database, code: str) -> int:
    return int(db.scalar("SELECT id FROM party WHERE code = ?", [code]))


def _reserve_id(db: Database, party_id: int) -> str:
    return str(db.scalar("SELECT id FROM party_reserve WHERE party_id = ? AND year = 2025", [party_id]))


def test_a_reserve_below_the_partys_own_norm_is_a_signal_with_its_figure(demo_db: Database) -> None:
    pid = _party(demo_db, "recreatieschap-voorbeeldplassen")
    values = {"year": 2025, "kind": "jaarrekening", "reserve": "43.000", "norm": "427.000", "source_document": "JR"}
    finance.save_reserve(demo_db, pid, values, actors.CONTROLLER, None)
    row = finance.year_table(demo_db, YEAR).set_index("code").loc["recreatieschap-voorbeeldplassen"]
    assert (row["reserve"], row["reserve_norm"]) == (43_000, 427_000)
    assert row["reserve_ratio"] == pytest.approx(43 / 427)
    found = finance.signals(demo_db, YEAR).set_index("key")
    signal = found.loc["reserve_onder_norm:recreatieschap-voorbeeldplassen:2025"]
    assert signal["figure"] == pytest.approx(43 / 427 * 100)
    assert signal["text"] == (
        "Recreatieschap Voorbeeldplassen: reserve € 43.000 tegen een eigen norm van € 427.000, 10 % van de norm "
        "(jaarrekening 2025)."
    )
    assert signal["title"] == "Reserve onder de eigen norm"
    audit = demo_db.rows(
        "SELECT actor, action FROM audit_log WHERE entity = 'party_reserve' AND entity_id = ?",
        [_reserve_id(demo_db, pid)],
    )
    assert audit == [{"actor": actors.CONTROLLER.name, "action": "insert"}]
    # at or above the norm: no signal
    stored = finance.get_reserve(demo_db, pid, 2025, "jaarrekening")
    finance.save_reserve(demo_db, pid, {**values, "reserve": "427.000"}, actors.CONTROLLER, stored)
    found = finance.signals(demo_db, YEAR)
    assert set(found.loc[found["rule"] == "reserve_onder_norm", "party_code"]) == {"werkbedrijf-voorbeeldland"}


def test_a_reserve_save_is_validated_refused_when_stale_and_needs_rights(demo_db: Database) -> None:
    pid = _party(demo_db, "ggd-voorbeeldland")
    with pytest.raises(ValidationError) as caught:
        finance.save_reserve(
            demo_db, pid, {"year": 2025, "kind": "jaarrekening", "norm": "-5"}, actors.CONTROLLER, None
        )
    assert [(e.label, e.message) for e in caught.value.errors] == [("Norm van de partij", "mag niet negatief zijn")]
    with pytest.raises(ValidationError) as caught:
        finance.save_reserve(demo_db, pid, {"year": 2025, "kind": "jaarrekening"}, actors.CONTROLLER, None)
    assert caught.value.errors[0].message == "vul de reserve, de norm of beide in"
    with pytest.raises(PermissionDenied):
        finance.save_reserve(demo_db, pid, {"year": 2025, "kind": "begroting", "norm": "1"}, actors.LEZER, None)
    values = {"year": 2025, "kind": "jaarrekening", "reserve": "1.000.000", "norm": "800.000"}
    finance.save_reserve(demo_db, pid, values, actors.CONTROLLER, None)
    with pytest.raises(ConflictError):  # a second writer who also saw no reserve
        finance.save_reserve(demo_db, pid, {**values, "norm": "900.000"}, actors.CONTROLLER, None)
    assert finance.get_reserve(demo_db, pid, 2025, "jaarrekening")["norm"] == 800_000
    assert demo_db.scalar("SELECT count(*) FROM party_reserve WHERE party_id = ?", [pid]) == 1
