"""The P&C calendar's pure date rules (Wgr, domain.md section 2) under both regimes: the 2027 cycle of a
regeling, the regeling's own dates overriding the rules, the zienswijze window, and the signals."""

from __future__ import annotations

import datetime as dt

import pytest

from governance import calendar

D = dt.date


def dues(deadlines: list[calendar.Deadline]) -> dict[str, dt.date]:
    return {d.kind: d.due for d in deadlines}


def test_the_2027_cycle_since_the_2022_amendment() -> None:
    found = calendar.year_deadlines(2027, calendar.NEW)
    assert dues(found) == {
        "kaders": D(2026, 4, 30),
        "ontwerpbegroting": D(2026, 6, 22),  # 12 weeks before the latest AB meeting (14-09-2026)
        "zienswijze": D(2026, 9, 14),
        "begroting": D(2026, 9, 15),
        "voorlopige_jaarrekening": D(2028, 4, 15),
        "jaarrekening": D(2028, 7, 15),
    }
    window = next(d for d in found if d.kind == "zienswijze")
    assert (window.start, (window.due - window.start).days) == (D(2026, 6, 22), 84)
    kaders = next(d for d in found if d.kind == "kaders")
    assert kaders.default and "controleer" in kaders.basis  # domain.md: verify; never stated as law
    assert not next(d for d in found if d.kind == "begroting").default


def test_the_2027_cycle_on_the_old_regime() -> None:
    found = calendar.year_deadlines(2027, calendar.OLD)
    assert dues(found) == {
        "kaders": D(2026, 4, 15),
        "ontwerpbegroting": D(2026, 6, 5),  # 8 weeks before the latest AB meeting (31-07-2026)
        "zienswijze": D(2026, 7, 31),
        "begroting": D(2026, 8, 1),
        "voorlopige_jaarrekening": D(2028, 4, 15),
        "jaarrekening": D(2028, 7, 15),
    }
    window = next(d for d in found if d.kind == "zienswijze")
    assert (window.due - window.start).days == 56
    assert not next(d for d in found if d.kind == "kaders").default


def test_the_regime_follows_the_year_and_the_setting() -> None:
    assert calendar.regime_for(2022, calendar.NEW) == calendar.OLD  # that cycle ran before 1 July 2022
    assert calendar.regime_for(2027, None) == calendar.NEW
    assert calendar.regime_for(2027, calendar.OLD) == calendar.OLD
    assert calendar.regime_for(2027, "onzin") == calendar.NEW


def test_the_regelings_own_dates_override_the_rules() -> None:
    own = {
        "kaders": {"own_due": D(2026, 1, 31)},
        "ontwerpbegroting": {"board_meeting": D(2026, 7, 2), "received_on": D(2026, 4, 10)},
        "jaarrekening": {"own_due": D(2028, 6, 1)},
    }
    found = {d.kind: d for d in calendar.year_deadlines(2027, calendar.NEW, own=own)}
    assert (found["kaders"].due, found["kaders"].own, found["kaders"].default) == (D(2026, 1, 31), True, False)
    assert found["ontwerpbegroting"].due == D(2026, 4, 9)  # 12 weeks before 02-07-2026
    assert not found["ontwerpbegroting"].default
    assert (found["zienswijze"].start, found["zienswijze"].due) == (D(2026, 4, 10), D(2026, 7, 3))
    assert found["jaarrekening"].due == D(2028, 6, 1)
    assert found["begroting"].due == D(2026, 9, 15)


def test_a_changed_kaders_setting_is_no_longer_a_default() -> None:
    dates = calendar.DateSettings(kaders_new=(1, 31), defaults=frozenset({"interim_accounts"}))
    kaders = calendar.year_deadlines(2027, calendar.NEW, dates)[0]
    assert (kaders.due, kaders.default, kaders.basis) == (D(2026, 1, 31), False, "instelling van de gemeente")


def test_a_change_of_the_regeling_has_an_8_week_window_since_2022() -> None:
    found = calendar.change_deadline(2026, D(2026, 3, 2), "Toetreding gemeente X")
    assert (found.start, found.due, found.subject) == (D(2026, 3, 2), D(2026, 4, 27), "Toetreding gemeente X")
    assert calendar.change_deadline(2022, D(2022, 6, 30)) is None  # before: toestemming only, no zienswijze


@pytest.mark.parametrize(
    ("today", "document", "expected"),
    [
        (D(2026, 6, 1), None, "gepland"),
        (D(2026, 7, 1), None, "lopend"),
        (D(2026, 9, 14), None, "te_laat"),  # 'vóór': the closing day itself is too late
        (D(2026, 9, 20), {"opinion_decision": "zienswijze"}, "afgerond"),
        (D(2026, 9, 20), {"status": "afgerond"}, "afgerond"),
    ],
)
def test_where_a_window_stands(today: dt.date, document: dict | None, expected: str) -> None:
    window = next(d for d in calendar.year_deadlines(2027, calendar.NEW) if d.kind == "zienswijze")
    assert calendar.state(window, document, today) == expected


def test_signals_a_missed_deadline_and_a_window_closing_without_a_raad_date() -> None:
    found = {d.kind: d for d in calendar.year_deadlines(2027, calendar.NEW)}
    assert "verstreken" in calendar.signal(found["kaders"], None, D(2026, 5, 1))
    assert calendar.signal(found["kaders"], {"received_on": D(2026, 4, 20)}, D(2026, 5, 1)) is None
    window = found["zienswijze"]
    assert calendar.signal(window, None, D(2026, 8, 30)) is None  # 15 days left
    assert "geen raadsvergadering" in calendar.signal(window, None, D(2026, 8, 31))  # 14 days left
    assert calendar.signal(window, {"council_meeting": D(2026, 9, 10)}, D(2026, 8, 31)) is None
