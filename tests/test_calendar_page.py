"""The P&C-kalender page under AppTest: on the demo (the timeline, the lists, the .ics, a document saved through
the form and a stale save refused) and on a freshly onboarded real gemeente."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from governance import calendar
from governance.core.db import open_database
from tests import actors
from tests.apptest import charts, run

PAGE = "pages/pc_kalender.py"
DAY = {"peildatum": "2026-07-01"}  # the 2027 zienswijze windows are open, the 2027 kaders missed


def frames(at) -> list:
    """The 'nu lopend' and 'te laat' lists (wrapping tables), then any data grid; the timeline's text alternative
    (the expander right under the chart, so its tables come first) left out."""
    timeline = [t for e in at.expander if e.label == "De tijdlijn als lijst" for t in e.table]
    return [e.value for e in at.table][len(timeline) :] + [e.value for e in at.dataframe]


def test_the_demo_calendar_shows_the_timeline_lists_and_ics(app_db: Path) -> None:
    at = run(PAGE, query=DAY)
    assert at.title[0].value == "P&C-kalender"
    (fig,) = charts(at)
    rows = {y for trace in fig["data"] for y in trace["y"]}
    assert len(rows) == 16 and "GGD Voorbeeldland" in rows  # every demo GR
    ticks = fig["layout"]["xaxis"]["ticktext"]
    assert ticks[0] == "jun<br>2026" and "okt" in ticks and ticks[-1] == "dec"  # Dutch month names
    windows = next(t for t in fig["data"] if t["type"] == "bar")
    assert len(windows["y"]) == 16
    running, late = frames(at)[:2]
    assert set(running["Termijn"]) == {"Zienswijzetermijn ontwerpbegroting 2027"}
    # pc_documents.csv: two windows already afgerond (a zienswijze, geen bezwaar), Regio's runs from its receipt
    assert set(running["Vóór"]) == {"14-09-2026", "24-08-2026"} and len(running) == 14
    assert "Kaders aan de raden 2027" in set(late["Termijn"])
    assert at.warning[0].value.startswith(f"{len(late)} signalen")
    (ics,) = [e for e in at.main.get("download_button") if e.proto.label == "P&C-kalender (.ics)"]
    assert ics.proto.label


def test_a_document_saved_on_the_page_is_stored_and_a_stale_save_is_refused(app_db: Path) -> None:
    db = open_database(app_db)
    party = int(db.scalar("SELECT id FROM party WHERE code = 'ggd-voorbeeldland'"))
    key = calendar.Key(party, 2027, "ontwerpbegroting")
    at = run(PAGE, query=DAY)
    at.selectbox(key="pc-party").set_value(party).run()
    at.selectbox(key="pc-kind").set_value("ontwerpbegroting").run()
    prefix = f"pc-{party}-2027-ontwerpbegroting--v0"
    at.date_input(key=f"{prefix}-recv").set_value(dt.date(2026, 4, 10))
    at.date_input(key=f"{prefix}-raad").set_value(dt.date(2026, 6, 25))
    at.selectbox(key=f"{prefix}-dec").set_value("zienswijze")
    at.text_area(key=f"{prefix}-opinion").input("Zie raadsbesluit 2026-041.pdf")
    next(b for b in at.button if b.proto.label == "Document opslaan").click().run()
    stored = calendar.document(db, key)
    assert (stored["received_on"], stored["opinion_decision"]) == (dt.date(2026, 4, 10), "zienswijze")
    assert db.scalar("SELECT user_id FROM audit_log WHERE entity = 'pc_document' AND via <> 'systeem'") == (
        actors.BEHEERDER.user_id
    )
    assert at.success[0].value.startswith("Ontwerpbegroting 2027 van GGD Voorbeeldland")
    assert len(frames(at)[0]) == 13  # the GGD's window is now afgerond, no longer running

    # someone else saves the same document while this form is open: the form's save is refused
    calendar.save_document(db, key, {**stored, "status": "afgerond"}, actors.CONTROLLER, stored)
    at.selectbox(key=f"pc-{party}-2027-ontwerpbegroting--v1-status").set_value("ontvangen")
    next(b for b in at.button if b.proto.label == "Document opslaan").click().run()
    assert "intussen door iemand anders gewijzigd" in at.warning[-1].value
    assert calendar.document(db, key)["status"] == "afgerond"


def test_the_calendar_runs_on_a_freshly_onboarded_gemeente(onboarded_app: Path) -> None:
    at = run(PAGE, query=DAY)
    (fig,) = charts(at)
    names = {r["name"] for r in calendar.regelingen(open_database(onboarded_app))}
    assert {y for trace in fig["data"] for y in trace["y"]} == {
        n if len(n) <= 40 else n[:39].rstrip() + "…" for n in names
    }
    assert len(frames(at)[0]) == len(names)  # every real regeling's 2027 window is open on 1 July 2026


def test_a_change_of_a_regeling_reported_on_the_page_gets_its_window(app_db: Path) -> None:
    db = open_database(app_db)
    party = int(db.scalar("SELECT id FROM party WHERE code = 'ggd-voorbeeldland'"))
    at = run(PAGE, query=DAY)
    at.selectbox(key="pc-change-party").set_value(party)
    at.date_input(key="pc-change-sent").set_value(dt.date(2026, 6, 15))
    at.text_input(key="pc-change-subject").input("Uittreding gemeente Zuiderveld")
    next(b for b in at.button if b.proto.label == "Melden").click().run()
    assert calendar.document(db, calendar.Key(party, 2026, "wijziging", "Uittreding gemeente Zuiderveld"))
    running = frames(at)[0]
    assert "Zienswijzetermijn wijziging regeling: Uittreding gemeente Zuiderveld 2026" in set(running["Termijn"])
    at.selectbox(key="pc-party").set_value(party).run()
    assert "Wijziging 2026: Uittreding gemeente Zuiderveld" in at.selectbox(key="pc-kind").options


def test_overzicht_lists_the_next_pc_deadlines(app_db: Path) -> None:
    at = run(query=DAY)  # Overzicht
    assert "Eerstvolgende P&C-termijnen" in [s.value for s in at.subheader]
    coming = frames(at)[-1]
    assert len(coming) == 5
    assert set(coming["Termijn"]) == {"Jaarrekening aan GS 2025"} and set(coming["Vóór"]) == {"15-07-2026"}
    assert any(w.value.endswith("sluiten zonder raadsvergadering.") and "P&C-kalender" in w.value for w in at.warning)


def test_overzicht_lists_the_next_deadlines_of_an_onboarded_gemeente(onboarded_app: Path) -> None:
    at = run(query=DAY)
    assert "Eerstvolgende P&C-termijnen" in [s.value for s in at.subheader]
    assert len(frames(at)[-1]) == 5


def test_the_settings_put_a_regeling_on_the_old_cycle_and_keep_the_dates(app_db: Path) -> None:
    db = open_database(app_db)
    calendar.save_settings(db, [], {"kaders_new": "31-01"}, actors.BEHEERDER, calendar.settings(db)["originals"])
    at = run(PAGE, query=DAY)
    prefix = next(w.key for w in at.multiselect if w.key and w.key.startswith("pc-settings")).removesuffix("-old")
    assert at.text_input(key=f"{prefix}-kaders_new").value == "31-01"
    assert at.text_input(key=f"{prefix}-interim_accounts").value == "15-04"
    at.multiselect(key=f"{prefix}-old").set_value(["ggd-voorbeeldland"])
    next(b for b in at.button if b.proto.label == "Instellingen opslaan").click().run()
    found = calendar.settings(db)
    assert found["regimes"] == {"ggd-voorbeeldland": calendar.OLD}
    assert found["dates"].kaders_new == (1, 31) and found["dates"].defaults == {"interim_accounts"}
    running = frames(at)[0]
    ggd = running[running["Regeling"] == "GGD Voorbeeldland"]
    assert list(ggd["Vóór"]) == ["31-07-2026"]  # the old cycle: 8 weeks, closing before the 1 August GS date
    assert set(running[running["Regeling"] != "GGD Voorbeeldland"]["Vóór"]) == {"14-09-2026", "24-08-2026"}


def test_the_timeline_keeps_the_regelingen_with_missed_and_earliest_deadlines() -> None:
    """A large register: the timeline draws at most TIMELINE_ROWS regelingen (missed deadlines first, then the
    earliest), so the chart stays readable and quick; the lists keep everything."""
    from ui import calendar_view

    day = dt.date(2027, 1, 1)
    items = [
        {"party_name": f"Regeling {n:02d}", "state": "te_laat" if n >= 35 else "gepland",
         "due": day + dt.timedelta(days=n)}
        for n in range(40)
    ]  # fmt: skip
    kept = calendar_view._busiest(items)
    names = {i["party_name"] for i in kept}
    assert len(names) == calendar_view.TIMELINE_ROWS == 30
    assert {f"Regeling {n}" for n in range(35, 40)} <= names  # the five late ones, though due last
    assert names - {f"Regeling {n}" for n in range(35, 40)} == {f"Regeling {n:02d}" for n in range(25)}
