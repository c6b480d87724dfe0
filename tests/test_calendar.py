"""The P&C calendar on real databases: every demo GR's 2027 documents under both regimes, documents saved through
the audited write path with a stale check, the .ics file read back with icalendar, the `calendar` command's exit
codes, and a freshly onboarded real gemeente whose regelingen get a calendar from their real start dates."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from icalendar import Calendar

from governance import calendar, cli
from governance.core.access import PermissionDenied
from governance.core.db import Database
from governance.core.errors import ConflictError, ValidationError
from tests import actors
from tests.apptest import ROOT

D = dt.date
NEW_2027 = {
    "kaders": D(2026, 4, 30),
    "ontwerpbegroting": D(2026, 6, 22),
    "zienswijze": D(2026, 9, 14),
    "begroting": D(2026, 9, 15),
    "voorlopige_jaarrekening": D(2028, 4, 15),
    "jaarrekening": D(2028, 7, 15),
}
OLD_2027 = {**NEW_2027, "kaders": D(2026, 4, 15), "ontwerpbegroting": D(2026, 6, 5), "zienswijze": D(2026, 7, 31)}
OLD_2027["begroting"] = D(2026, 8, 1)
DEMO_GRS = (
    16  # parties.csv: every openbaar lichaam, BVO, gemeenschappelijk orgaan, centrumregeling, regeling zonder meer
)
# pc_documents.csv: three regelingen whose 2027 documents were received (their windows run from the day sent or
# received, and each has its kaders 2027 received in time)
WITH_DOCUMENTS = {
    "od-voorbeeldland": D(2026, 7, 2),  # sent 09-04-2026 + 12 weeks; zienswijze given, answer received
    "afval-voorbeeldland": D(2026, 7, 27),  # sent 04-05-2026 + 12 weeks; geen bezwaar
    "regio-voorbeeldland": D(2026, 8, 24),  # received 01-06-2026 + 12 weeks; no decision recorded: te laat
}


def year_items(db: Database, year: int) -> dict[str, dict[str, dt.date]]:
    """Per party code: the deadlines of begrotingsjaar `year`."""
    out: dict[str, dict[str, dt.date]] = {}
    for i in calendar.items(db, D(year - 1, 1, 1), D(year + 1, 12, 31), D(2026, 1, 1)):
        if i["year"] == year:
            out.setdefault(i["party_code"], {})[i["kind"]] = i["due"]
    return out


def test_every_demo_gr_has_its_2027_documents_under_both_regimes(demo_db: Database) -> None:
    found = year_items(demo_db, 2027)
    assert len(found) == DEMO_GRS
    assert all(dues == NEW_2027 for c, dues in found.items() if c not in WITH_DOCUMENTS)
    assert {c: found[c]["zienswijze"] for c in WITH_DOCUMENTS} == WITH_DOCUMENTS
    assert found["od-voorbeeldland"]["ontwerpbegroting"] == D(2026, 4, 9)  # 12 weeks before its AB on 02-07-2026
    old = ["vr-voorbeeldland", "jeugdzorg-kolkerveld"]
    calendar.save_settings(demo_db, old, {}, actors.BEHEERDER, calendar.settings(demo_db)["originals"])
    found = year_items(demo_db, 2027)
    assert {c: found[c] for c in old} == {c: OLD_2027 for c in old}
    assert all(dues == NEW_2027 for c, dues in found.items() if c not in old and c not in WITH_DOCUMENTS)
    assert calendar.settings(demo_db)["regimes"] == dict.fromkeys(old, calendar.OLD)
    assert demo_db.scalar("SELECT count(*) FROM audit_log WHERE entity = 'setting' AND entity_id = ?",
                          [calendar.REGIMES_KEY]) == 1  # fmt: skip


def test_a_kaders_date_of_the_gemeente_replaces_the_marked_default(demo_db: Database) -> None:
    before = calendar.items(demo_db, D(2026, 4, 1), D(2026, 5, 31), D(2026, 1, 1))
    assert all(i["default"] for i in before if i["kind"] == "kaders")
    with pytest.raises(ValidationError) as bad:
        calendar.save_settings(demo_db, [], {"kaders_new": "31-02"}, actors.BEHEERDER, {})
    assert "'31-02' is geen dag van het jaar" in bad.value.errors[0].message
    calendar.save_settings(demo_db, [], {"kaders_new": "31-01"}, actors.BEHEERDER, {})
    after = calendar.items(demo_db, D(2026, 1, 1), D(2026, 2, 28), D(2026, 1, 1))
    kaders = [i for i in after if i["kind"] == "kaders"]
    assert len(kaders) == DEMO_GRS and {(i["due"], i["default"]) for i in kaders} == {(D(2026, 1, 31), False)}


def _party(db: Database, code: str = "ggd-voorbeeldland") -> int:
    return int(db.scalar("SELECT id FROM party WHERE code = ?", [code]))


def test_a_document_is_saved_audited_and_a_stale_save_is_refused(demo_db: Database) -> None:
    key = calendar.Key(_party(demo_db), 2027, "ontwerpbegroting")
    values = {"board_meeting": "02-07-2026", "received_on": "10-04-2026", "council_meeting": "25-06-2026",
              "opinion": "Zienswijze: zie raadsbesluit 2026-041.pdf", "opinion_decision": "zienswijze",
              "status": "in_behandeling"}  # fmt: skip
    calendar.save_document(demo_db, key, values, actors.CONTROLLER, None)
    stored = calendar.document(demo_db, key)
    assert (stored["received_on"], stored["opinion_decision"], stored["version"]) == (D(2026, 4, 10), "zienswijze", 1)
    audit = demo_db.rows("SELECT actor, user_id FROM audit_log WHERE entity = 'pc_document' AND via <> 'systeem'")
    assert audit == [{"actor": actors.CONTROLLER.name, "user_id": actors.CONTROLLER.user_id}]
    dues = {i["kind"]: i for i in calendar.items(demo_db, D(2026, 1, 1), D(2026, 12, 31), D(2026, 5, 1))
            if i["party_code"] == "ggd-voorbeeldland" and i["year"] == 2027}  # fmt: skip
    assert dues["ontwerpbegroting"]["due"] == D(2026, 4, 9)  # 12 weeks before the AB meeting entered
    assert (dues["zienswijze"]["start"], dues["zienswijze"]["due"]) == (D(2026, 4, 10), D(2026, 7, 3))
    assert dues["zienswijze"]["state"] == "afgerond"
    calendar.save_document(demo_db, key, {**values, "answer_received": "20-07-2026"}, actors.CONTROLLER, stored)
    with pytest.raises(ConflictError):  # a second writer who opened version 1
        calendar.save_document(demo_db, key, {**values, "status": "afgerond"}, actors.BEHEERDER, stored)
    with pytest.raises(ConflictError):  # someone created it after this writer opened the empty form
        calendar.save_document(demo_db, key, values, actors.BEHEERDER, None)
    assert calendar.document(demo_db, key)["answer_received"] == D(2026, 7, 20)


def test_bad_document_input_names_the_field_and_writes_nothing(demo_db: Database) -> None:
    key = calendar.Key(_party(demo_db), 2027, "kaders")
    with pytest.raises(ValidationError) as bad:
        calendar.save_document(
            demo_db, key, {"received_on": "31-13-2026", "status": "verwacht"}, actors.CONTROLLER, None
        )
    assert [(e.label, e.message) for e in bad.value.errors] == [
        ("Ontvangen op", "'31-13-2026' is geen datum (gebruik dd-mm-jjjj)")
    ]
    with pytest.raises(ValidationError) as bad:
        calendar.save_document(
            demo_db, key, {"answer_received": "01-05-2026", "status": "verwacht"}, actors.CONTROLLER, None
        )
    assert bad.value.errors[0].field == "answer_received"
    with pytest.raises(PermissionDenied):
        calendar.save_document(demo_db, key, {"status": "ontvangen"}, actors.LEZER, None)
    assert demo_db.scalar("SELECT count(*) FROM pc_document WHERE party_id = ?", [_party(demo_db)]) == 0


def test_a_change_of_the_regeling_gets_an_8_week_window(demo_db: Database) -> None:
    key = calendar.add_change(
        demo_db, _party(demo_db), "02-03-2026", "Toetreding gemeente Zuiderveld", actors.CONTROLLER
    )
    found = [
        i for i in calendar.items(demo_db, D(2026, 1, 1), D(2026, 6, 30), D(2026, 4, 20)) if i["kind"] == "wijziging"
    ]
    assert [(i["start"], i["due"], i["state"]) for i in found] == [(D(2026, 3, 2), D(2026, 4, 27), "lopend")]
    assert "geen raadsvergadering" in found[0]["signal"]
    values = {"sent_on": "02-03-2026", "council_meeting": "23-04-2026", "status": "in_behandeling"}
    calendar.save_document(demo_db, key, values, actors.CONTROLLER, calendar.document(demo_db, key))
    found = [
        i for i in calendar.items(demo_db, D(2026, 1, 1), D(2026, 6, 30), D(2026, 4, 20)) if i["kind"] == "wijziging"
    ]
    assert found[0]["signal"] is None


def test_the_ics_file_reads_back_with_the_2027_dates(demo_db: Database) -> None:
    items = [i for i in calendar.items(demo_db, D(2026, 1, 1), D(2028, 12, 31), D(2026, 1, 1)) if i["year"] == 2027]
    cal = Calendar.from_ical(calendar.to_ics(items))
    events = cal.walk("VEVENT")
    assert len(events) == DEMO_GRS * len(NEW_2027)
    ggd = {str(e["SUMMARY"]): e["DTSTART"].dt for e in events if str(e["SUMMARY"]).startswith("GGD Voorbeeldland")}
    assert sorted(ggd.values()) == sorted(NEW_2027.values())
    assert ggd["GGD Voorbeeldland: Zienswijzetermijn ontwerpbegroting (vóór 14-09-2026)"] == D(2026, 9, 14)
    assert len({str(e["UID"]) for e in events}) == len(events)
    again = Calendar.from_ical(calendar.to_ics(items)).walk("VEVENT")
    assert [str(e["UID"]) for e in again] == [str(e["UID"]) for e in events]  # a re-import updates, never doubles


def run_cli(db: Database, *args: str) -> int:
    return cli.main(["calendar", "--db", str(db.path), *args])  # the process's one instance of the file


def test_the_calendar_command_exits_0_without_signals_and_writes_ics(demo_db: Database, tmp_path: Path, capsys) -> None:
    out = tmp_path / "kalender.ics"
    code = run_cli(demo_db, "--peildatum", "01-03-2026", "--from", "01-04-2026", "--to", "15-05-2026",
                   "--ics", str(out))  # fmt: skip
    assert code == cli.OK
    text = capsys.readouterr().out
    assert "Geen signalen." in text and "30-04-2026  Gepland" in text
    events = Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert {e["DTSTART"].dt for e in events} == {D(2026, 4, 15), D(2026, 4, 30)} | {
        D(2026, 4, 9), D(2026, 5, 7),  # the demo's own ontwerpbegrotingen (12 weeks before their AB meetings)
        D(2026, 7, 2), D(2026, 7, 27),  # and their windows, sent in April and May (pc_documents.csv)
    }  # fmt: skip


def test_the_calendar_command_exits_1_on_a_missed_deadline(demo_db: Database, capsys) -> None:
    assert run_cli(demo_db, "--peildatum", "2026-05-01", "--from", "2026-04-01", "--to", "2026-05-15", "--json") == 1
    data = json.loads(capsys.readouterr().out)
    assert {s["kind"] for s in data["signals"]} == {"voorlopige_jaarrekening", "kaders"}
    assert len(data["signals"]) == 2 * DEMO_GRS - len(WITH_DOCUMENTS)  # their kaders 2027 were received in time


def test_the_calendar_command_exits_1_on_a_window_closing_without_a_raad_date(demo_db: Database, capsys) -> None:
    assert run_cli(demo_db, "--peildatum", "2026-09-01", "--from", "2026-09-01", "--to", "2026-09-30", "--json") == 1
    data = json.loads(capsys.readouterr().out)
    assert {s["kind"] for s in data["signals"]} == {"zienswijze"}
    assert "sluit over 13 dagen (14-09-2026)" in data["signals"][0]["signal"]


@pytest.mark.parametrize("args", [["--from", "31-02-2026"], ["--from", "2026-06-01", "--to", "2026-05-01"]])
def test_the_calendar_command_exits_2_on_usage(demo_db: Database, args: list[str], capsys) -> None:
    assert run_cli(demo_db, *args) == cli.USAGE
    assert "Fout:" in capsys.readouterr().err


def test_the_calendar_command_exits_3_when_the_database_is_unusable(tmp_path: Path) -> None:
    bad = tmp_path / "kapot.duckdb"
    bad.write_bytes(b"dit is geen database" * 100)
    found = subprocess.run(
        [sys.executable, "-m", "governance", "--db", str(bad), "calendar"], cwd=ROOT, capture_output=True, text=True
    )
    assert found.returncode == 3, found.stderr


def _first_versions(db: Database) -> dict[str, dt.date]:
    """Per party: the day the first version of its regeling came into force, walked back in Python."""
    regs = {r["roo_id"]: r for r in db.rows("SELECT roo_id, previous_roo_id, in_force_since FROM national_regeling")}
    out = {}
    for party in db.rows("SELECT code, roo_id FROM party WHERE roo_id IS NOT NULL"):
        days, roo = [], party["roo_id"]
        while roo in regs and len(days) < 50:
            days.append(regs[roo]["in_force_since"])
            roo = regs[roo]["previous_roo_id"]
        if [d for d in days if d]:
            out[party["code"]] = min(d for d in days if d)
    return out


def test_an_onboarded_gemeentes_regelingen_get_a_calendar_from_their_real_start(onboarded_db: Database) -> None:
    starts = {r["code"]: r["founded"] for r in calendar.regelingen(onboarded_db)}
    assert starts and starts == {c: d for c, d in _first_versions(onboarded_db).items() if c in starts}
    found = year_items(onboarded_db, 2027)
    assert set(found) == set(starts)  # each started before 2026
    assert all(dues == NEW_2027 for dues in found.values())
    early = calendar.items(onboarded_db, D(2000, 1, 1), D(2012, 12, 31), D(2026, 1, 1))
    assert early and all(i["due"] >= starts[i["party_code"]] for i in early)
    assert {i["party_code"] for i in early} < set(starts)  # the later regelingen had no deadlines then
