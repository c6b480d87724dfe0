"""The kernbeeld uses the finance and calendar families (issue 14): the party's open financial signals of the
report's year with their figures, and the regeling's P&C deadlines on the day (missed and next), instead of
"nog niet bekend"; on the demo and on a freshly onboarded gemeente."""

from __future__ import annotations

import datetime as dt

from governance import calendar, finance, register, reports
from governance.core.db import Database
from tests import actors

ON = dt.date(2026, 11, 24)


def test_the_kernbeeld_lists_open_financial_signals_and_pc_deadlines(demo_db: Database) -> None:
    text = reports.build(demo_db, "kernbeeld", 2025, "jaarstukken", "recreatieschap-voorbeeldplassen", on=ON).text()
    assert "Negatief eigen vermogen: eigen vermogen 31 december -€ 649.000 (jaarrekening 2025)." in text
    assert "Negatieve resultaten op rij: 2 jaar op rij een negatief resultaat (2024–2025)" in text
    assert "de P&C-kalender staat nog niet" not in text
    # 24-11-2026: the 2027 zienswijze window and begroting to GS were missed; the next two are in 2027
    assert (
        "P&C-termijnen te laat: Zienswijzetermijn ontwerpbegroting 2027 (vóór 14-09-2026); Vastgestelde begroting "
        "aan GS 2027 (vóór 15-09-2026), volgende: Voorlopige jaarrekening aan de raden 2026 (vóór 15-04-2027)"
    ) in text


def test_an_accepted_signal_and_a_recorded_document_leave_the_kernbeeld(demo_db: Database) -> None:
    key = "negatief_ev:recreatieschap-voorbeeldplassen:2025"
    finance.acknowledge(demo_db, key, "Opheffing besloten, tekort gedekt", actors.CONTROLLER)
    pid = int(demo_db.scalar("SELECT id FROM party WHERE code = 'recreatieschap-voorbeeldplassen'"))
    begroting = calendar.Key(pid, 2027, "begroting")
    calendar.save_document(demo_db, begroting, {"sent_on": "10-09-2026", "status": "afgerond"}, actors.CONTROLLER, None)
    text = reports.build(demo_db, "kernbeeld", 2025, "jaarstukken", "recreatieschap-voorbeeldplassen", on=ON).text()
    assert "Negatief eigen vermogen" not in text
    assert "Vastgestelde begroting aan GS 2027" not in text
    assert "te laat: Zienswijzetermijn ontwerpbegroting 2027" in text


def test_a_party_that_is_no_regeling_has_no_pc_deadlines(demo_db: Database) -> None:
    text = reports.build(demo_db, "kernbeeld", 2025, "jaarstukken", "gemeentebank", on=ON).text()
    assert "P&C-termijnen: niet van toepassing (geen gemeenschappelijke regeling)." in text
    assert "Lage solvabiliteit: solvabiliteit 3,6 % (jaarrekening 2025)" in text


def test_an_onboarded_gemeentes_kernbeeld_names_missing_figures_and_real_deadlines(onboarded_db: Database) -> None:
    code = register.only_verbonden(register.parties(onboarded_db))["code"].iloc[0]
    text = reports.build(onboarded_db, "kernbeeld", 2026, "jaarstukken", party_code=code, on=ON).text()
    assert "Cijfers ontbreken: 2026: geen begroting of jaarrekening; ontbreekt:" in text
    assert "P&C-termijnen te laat:" in text and "(vóór 15-09-2026)" in text  # the real regeling's cycle
