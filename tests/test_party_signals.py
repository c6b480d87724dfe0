"""One party's role signals (the party page) are exactly the register-wide signals that name that party: the
party page judges only that party's seats (issue 17), and must not lose or invent a signal by doing so."""

from __future__ import annotations

import datetime as dt

from governance import roles
from governance.core.db import Database
from tests import demo_facts


def test_a_partys_signals_are_the_registers_signals_for_that_party(demo_db: Database) -> None:
    codes = [r["code"] for r in demo_db.rows("SELECT code FROM party ORDER BY code")]
    seen_rules: set[str] = set()
    for on in (dt.date.fromisoformat(str(demo_facts.REFERENCE_DATE)), dt.date(2025, 1, 1), dt.date(2027, 6, 1)):
        every = roles.signals(demo_db, on)
        for code in codes:
            mine = roles.party_signals(demo_db, code, on)
            expected = every[every["party_code"] == code].sort_values("key", ignore_index=True)
            assert list(mine.sort_values("key")["key"]) == list(expected["key"]), (code, on)
            assert list(mine.sort_values("key", ignore_index=True)["text"]) == list(expected["text"])
            seen_rules |= set(mine["rule"])
    # the comparison covers the rules that name a party, not an empty list
    assert {"dubbele_pet", "geen_bestuurder"} <= seen_rules, seen_rules


def test_a_partys_financial_signals_are_the_years_signals_for_that_party(demo_db: Database) -> None:
    from governance import finance

    ids = [r["id"] for r in demo_db.rows("SELECT id FROM party ORDER BY id")]
    seen = 0
    for year in (2024, 2025, 2026):
        every = finance.signals(demo_db, year)
        for party_id in ids:
            mine = finance.signals(demo_db, year, None, [party_id])
            expected = every[every["party_id"] == party_id]
            assert list(mine["key"]) == list(expected["key"]), (party_id, year)
            assert list(mine["text"]) == list(expected["text"])
            seen += len(mine)
    assert seen >= 20  # the demo's signals (negatief EV, streaks, bijdragen, reserve) were compared, not none
