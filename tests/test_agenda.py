"""Koers houden (issue 14 point 4): motives, intended versus achieved results, evaluations with an interval that is
a setting (default marked standaard), the ontwikkelagenda, and its signals of what is overdue; a ranked
werkatelier proposal accepted onto a party's agenda; the Ontwikkelagenda page under AppTest. Real demo database
and a freshly onboarded gemeente; writes as the test users, audited."""

from __future__ import annotations

import datetime as dt
import io as bytes_io
from pathlib import Path

import openpyxl
import pytest

from governance import agenda, io
from governance.core.access import PermissionDenied
from governance.core.db import Database, open_database
from governance.core.errors import ConflictError, ValidationError
from governance.workshop import dotvoting, participants
from governance.workshop import session as sessions
from tests import actors
from tests.apptest import run

TODAY = dt.date(2026, 12, 3)
PAGE = "pages/ontwikkelagenda.py"
QUIET = "rekenkamer-voorbeeldland"  # a demo party with no motives, results, evaluations or actions
OTHER_QUIET = "sport-voorbeeld"


def party_id(db: Database, code: str | None = None) -> int:
    if code is None:
        return int(db.scalar("SELECT min(id) FROM party WHERE archived_at IS NULL"))
    return int(db.scalar("SELECT id FROM party WHERE code = ?", [code]))


# -- the pure rules -----------------------------------------------------------------------------------------
def test_overdue_lists_late_open_actions_and_late_evaluations_most_late_first() -> None:
    actions = [
        {
            "id": 1,
            "party_id": 1,
            "party": "A",
            "action": "Open, te laat",
            "status": "open",
            "deadline": TODAY - dt.timedelta(days=3),
        },
        {
            "id": 2,
            "party_id": 1,
            "party": "A",
            "action": "Bezig, te laat",
            "status": "bezig",
            "deadline": TODAY - dt.timedelta(days=1),
        },
        {
            "id": 3,
            "party_id": 1,
            "party": "A",
            "action": "Gereed",
            "status": "gereed",
            "deadline": TODAY - dt.timedelta(days=30),
        },
        {
            "id": 4,
            "party_id": 1,
            "party": "A",
            "action": "Vervallen",
            "status": "vervallen",
            "deadline": TODAY - dt.timedelta(days=9),
        },
        {"id": 5, "party_id": 1, "party": "A", "action": "Vandaag", "status": "open", "deadline": TODAY},
        {"id": 6, "party_id": 1, "party": "A", "action": "Zonder datum", "status": "open", "deadline": None},
    ]
    evaluations = [
        {"party_id": 2, "party": "B", "next_due": TODAY - dt.timedelta(days=400)},
        {"party_id": 3, "party": "C", "next_due": TODAY + dt.timedelta(days=1)},
        {"party_id": 4, "party": "D", "next_due": None},
    ]
    found = agenda.overdue(actions, evaluations, TODAY)
    assert [(s["kind"], s["party"], s["what"], s["days_late"]) for s in found] == [
        ("evaluatie", "B", "Evaluatie van de samenwerking", 400),
        ("actie", "A", "Open, te laat", 3),
        ("actie", "A", "Bezig, te laat", 1),
    ]


def test_the_next_evaluation_is_the_agreed_date_else_the_last_plus_the_interval() -> None:
    assert agenda.next_due(dt.date(2022, 5, 1), None, 4) == dt.date(2026, 5, 1)
    assert agenda.next_due(dt.date(2022, 5, 1), dt.date(2024, 1, 1), 4) == dt.date(2024, 1, 1)
    assert agenda.next_due(dt.date(2024, 2, 29), None, 3) == dt.date(2027, 2, 28)
    assert agenda.next_due(None, None, 4) is None


def test_a_late_deadline_says_so_in_words() -> None:
    assert agenda.due_text(dt.date(2026, 12, 2), TODAY) == "02-12-2026 — 1 dag te laat"
    assert agenda.due_text(dt.date(2026, 11, 23), TODAY, "open") == "23-11-2026 — 10 dagen te laat"
    assert agenda.due_text(dt.date(2026, 11, 23), TODAY, "gereed") == "23-11-2026"
    assert agenda.due_text(None, TODAY) == "geen datum"


# -- the domain on the demo -----------------------------------------------------------------------------------
def test_an_action_is_stored_audited_and_becomes_a_signal_when_late(demo_db: Database) -> None:
    pid = party_id(demo_db, QUIET)
    action = {"action": "Kwartaalrapportage bijdrage", "owner": "Team control", "deadline": "15-11-2026"}
    new = agenda.add(demo_db, "agenda_action", pid, action, actors.CONTROLLER)
    stored = agenda.row(demo_db, "agenda_action", new)
    assert (stored["status"], stored["horizon"], stored["source"]) == ("open", "kort", "handmatig")
    assert stored["deadline"] == dt.date(2026, 11, 15)
    audit = demo_db.rows(
        "SELECT actor, action FROM audit_log WHERE entity = 'agenda_action' AND entity_id = ?", [str(new)]
    )
    assert audit == [{"actor": actors.CONTROLLER.name, "action": "insert"}]
    late = [s for s in agenda.signals(demo_db, TODAY) if s["party_id"] == pid]
    assert [(s["kind"], s["what"], s["days_late"]) for s in late] == [("actie", "Kwartaalrapportage bijdrage", 18)]
    agenda.update(demo_db, "agenda_action", new, {"status": "gereed"}, actors.CONTROLLER, stored)
    assert [s for s in agenda.signals(demo_db, TODAY) if s["party_id"] == pid] == []


def test_a_stale_edit_is_refused_and_the_other_change_kept(demo_db: Database) -> None:
    pid = party_id(demo_db)
    new = agenda.add(demo_db, "party_motive", pid, {"motive": "Schaalvoordeel"}, actors.CONTROLLER)
    opened = agenda.row(demo_db, "party_motive", new)
    agenda.update(demo_db, "party_motive", new, {"met": "ja"}, actors.BEHEERDER, opened)
    with pytest.raises(ConflictError, match="Wordt het waargemaakt"):
        agenda.update(demo_db, "party_motive", new, {"met": "nee"}, actors.CONTROLLER, opened)
    assert agenda.row(demo_db, "party_motive", new)["met"] == "ja"


def test_bad_input_names_the_field_and_nothing_is_written(demo_db: Database) -> None:
    pid = party_id(demo_db)
    tables = ("agenda_action", "party_evaluation", "party_result")
    before = {t: demo_db.scalar(f"SELECT count(*) FROM {t}") for t in tables}
    with pytest.raises(ValidationError) as bad:
        agenda.add(
            demo_db,
            "agenda_action",
            pid,
            {"action": " ", "horizon": "ooit", "deadline": "31-02-2026"},
            actors.CONTROLLER,
        )
    assert sorted(e.field for e in bad.value.errors) == ["action", "deadline", "horizon"]
    assert "Actie: is verplicht" in str(bad.value)
    with pytest.raises(ValidationError) as bad:
        agenda.add(demo_db, "party_evaluation", pid, {"conclusion": "Goed"}, actors.CONTROLLER)
    assert [(e.label, e.message) for e in bad.value.errors] == [("Geëvalueerd op", "is verplicht")]
    with pytest.raises(ValidationError, match="na de evaluatiedatum"):
        agenda.add(
            demo_db, "party_evaluation", pid, {"held_on": "01-06-2025", "next_planned": "01-01-2025"}, actors.CONTROLLER
        )
    with pytest.raises(ValidationError, match="Verbonden partij"):
        agenda.add(demo_db, "party_result", 999999, {"intended": "x"}, actors.CONTROLLER)
    with pytest.raises(PermissionDenied):
        agenda.add(demo_db, "party_result", pid, {"intended": "x"}, actors.LEZER)
    with pytest.raises(PermissionDenied):  # a facilitator accepts proposals, but keeps no agenda by hand
        agenda.add(demo_db, "agenda_action", pid, {"action": "x"}, actors.FACILITATOR)
    assert {t: demo_db.scalar(f"SELECT count(*) FROM {t}") for t in tables} == before


def test_evaluations_follow_the_interval_setting_whose_default_is_marked(demo_db: Database) -> None:
    pid = party_id(demo_db, QUIET)
    setting = agenda.interval_setting(demo_db)
    assert (setting["years"], setting["default"]) == (4, True)
    assert "standaard" in setting["text"] and "de wet noemt geen termijn" in setting["text"]
    agenda.add(demo_db, "party_evaluation", pid, {"held_on": "01-03-2023", "conclusion": "Op koers"}, actors.CONTROLLER)
    mine = next(s for s in agenda.evaluation_status(demo_db, TODAY) if s["party_id"] == pid)
    assert (mine["held_on"], mine["next_due"], mine["state"]) == (dt.date(2023, 3, 1), dt.date(2027, 3, 1), "gepland")
    agenda.save_interval(demo_db, 3, actors.BEHEERDER, None)
    setting = agenda.interval_setting(demo_db)
    assert (setting["years"], setting["default"]) == (3, False) and "standaard" not in setting["text"]
    mine = next(s for s in agenda.evaluation_status(demo_db, TODAY) if s["party_id"] == pid)
    assert (mine["next_due"], mine["state"]) == (dt.date(2026, 3, 1), "te_laat")
    late = [s for s in agenda.signals(demo_db, TODAY) if s["party_id"] == pid]
    assert [(s["kind"], s["days_late"]) for s in late] == [("evaluatie", (TODAY - dt.date(2026, 3, 1)).days)]
    with pytest.raises(ConflictError):  # a second first writer did not see the first
        agenda.save_interval(demo_db, 5, actors.BEHEERDER, None)
    with pytest.raises(ValidationError):
        agenda.save_interval(demo_db, 0, actors.BEHEERDER, setting["original"])
    with pytest.raises(PermissionDenied):
        agenda.save_interval(demo_db, 5, actors.CONTROLLER, setting["original"])


def test_a_freshly_onboarded_gemeente_starts_with_no_evaluations_and_no_signals(onboarded_db: Database) -> None:
    status = agenda.evaluation_status(onboarded_db, TODAY)
    assert len(status) == onboarded_db.scalar("SELECT count(*) FROM party WHERE archived_at IS NULL")
    assert {s["state"] for s in status} == {"geen"}
    assert agenda.signals(onboarded_db, TODAY) == []
    pid = party_id(onboarded_db)
    agenda.add(
        onboarded_db,
        "agenda_action",
        pid,
        {"action": "Evaluatie voorbereiden", "deadline": TODAY - dt.timedelta(days=2)},
        actors.CONTROLLER,
    )
    assert agenda.signal_counts(onboarded_db, TODAY) == {"actie": 1, "evaluatie": 0}


# -- a werkatelier proposal onto the agenda -------------------------------------------------------------------
def workshop_with_proposals(db: Database) -> dict:
    """A real session about one party: two participants, three proposals, dots that rank the 'lang' one first."""
    pid = party_id(db, QUIET)
    values = {"title": "Werkatelier koers", "facilitator": "Fenna", "party_ids": [pid], "dots": 3}
    created = sessions.create_session(db, values, actors.FACILITATOR)
    code = created["code"]
    a = participants.join(db, code, "Wethouder")
    b = participants.join(db, code, "Controller")
    first = dotvoting.add_proposal(db, code, pid, "kort", "Kwartaalrapportage over de bijdrage", token=a)
    top = dotvoting.add_proposal(db, code, pid, "lang", "Herijking van de verdeelsleutel", token=b)
    dotvoting.add_proposal(db, code, pid, "middellang", "Gezamenlijke raadsinformatieavond", token=a)
    for token in (a, b):
        dotvoting.place_dot(db, code, token, top)
    dotvoting.place_dot(db, code, a, first)
    return {**created, "party_id": pid, "top": top, "first": first}


def test_an_accepted_proposal_appears_on_the_partys_ontwikkelagenda(demo_db: Database) -> None:
    ws = workshop_with_proposals(demo_db)
    sessions.close_session(demo_db, ws["code"], actors.FACILITATOR)  # accepting comes after the werkatelier
    new = agenda.accept_proposal(
        demo_db, ws["top"], {"owner": "Wethouder Financiën", "deadline": "01-07-2027"}, actors.FACILITATOR
    )
    on_agenda = agenda.actions(demo_db, ws["party_id"])
    assert [a["id"] for a in on_agenda] == [new]
    action = on_agenda[0]
    assert action["action"] == "Herijking van de verdeelsleutel"
    assert (action["horizon"], action["owner"], action["deadline"]) == (
        "lang",
        "Wethouder Financiën",
        dt.date(2027, 7, 1),
    )
    assert (action["source"], action["session_id"], action["proposal_id"]) == ("werkatelier", ws["id"], ws["top"])
    assert action["notes"].startswith("Verbetervoorstel nr. 1 (2 stippen) uit werkatelier 'Werkatelier koers'")
    assert agenda.source_text(action) == "Werkatelier 'Werkatelier koers'"
    audit = demo_db.rows(
        "SELECT actor, reason FROM audit_log WHERE entity = 'agenda_action' AND entity_id = ?", [str(new)]
    )
    assert audit == [{"actor": actors.FACILITATOR.name, "reason": ws["code"]}]
    listed = agenda.acceptable_proposals(demo_db, ws["id"])
    assert [p["id"] for p in listed] == list(dotvoting.proposals(demo_db, ws["id"])["id"])  # the werkatelier's order
    assert [(p["place"], p["horizon"], p["dots"], p["accepted"]) for p in listed] == [
        (1, "lang", 2, True),
        (2, "kort", 1, False),
        (3, "middellang", 0, False),
    ]


def test_a_proposal_is_accepted_once_and_only_by_a_workshop_role(demo_db: Database) -> None:
    ws = workshop_with_proposals(demo_db)
    agenda.accept_proposal(demo_db, ws["first"], {}, actors.BEHEERDER)
    with pytest.raises(ValidationError, match="staat al op de ontwikkelagenda"):
        agenda.accept_proposal(demo_db, ws["first"], {}, actors.FACILITATOR)
    with pytest.raises(PermissionDenied):
        agenda.accept_proposal(demo_db, ws["top"], {}, actors.CONTROLLER)
    with pytest.raises(ValidationError, match="Gereed uiterlijk"):
        agenda.accept_proposal(demo_db, ws["top"], {"deadline": "morgen"}, actors.FACILITATOR)
    assert demo_db.scalar("SELECT count(*) FROM agenda_action WHERE source = 'werkatelier'") == 1


# -- the page -------------------------------------------------------------------------------------------------
def _cells(at, column: str) -> list[str]:
    """The values of `column` in every table and dataframe on the page."""
    frames = [*at.dataframe, *at.table]
    return [v for frame in frames if column in frame.value.columns for v in frame.value[column]]


def test_the_page_lists_actions_across_parties_with_late_ones_in_words(app_db: Path) -> None:
    db = open_database(app_db)
    agenda.add(
        db, "agenda_action", party_id(db, QUIET), {"action": "Te laat", "deadline": "01-11-2026"}, actors.CONTROLLER
    )
    other = party_id(db, OTHER_QUIET)
    agenda.add(db, "agenda_action", other, {"action": "Op tijd", "deadline": "01-06-2027"}, actors.CONTROLLER)
    at = run(PAGE, query={"peildatum": TODAY.isoformat()})
    assert at.title[0].value == "Ontwikkelagenda"
    assert "01-11-2026 — 32 dagen te laat" in _cells(at, "Gereed uiterlijk")
    assert "01-06-2027" in _cells(at, "Gereed uiterlijk")
    # the demo's two late actions and two late evaluations (data/demo/README.md), and this one
    assert [w.value for w in at.warning] == ["Op 03-12-2026: 3 acties en 2 evaluaties te laat."]
    assert "Te laat" in _cells(at, "Wat")
    at.selectbox(key="agenda-party").set_value(other).run()
    assert _cells(at, "Actie") == ["Op tijd"]
    assert _cells(at, "Wat") == []  # the late action is another party's


def test_a_controller_adds_an_action_and_a_stale_edit_is_refused_on_the_page(app_db: Path) -> None:
    db = open_database(app_db)
    pid = party_id(db, QUIET)
    at = run(PAGE, user="controller")
    at.selectbox(key="agenda-party").set_value(pid).run()
    form = "agenda-add-agenda_action"
    next(t for t in at.text_area if t.key.startswith(form) and t.key.endswith("-action")).input("Nieuwe actie")
    next(t for t in at.text_input if t.key.startswith(form) and t.key.endswith("-owner")).input("Carla")
    next(b for b in at.button if b.key and b.key.startswith(f"FormSubmitter:{form}")).click().run()
    assert any(s.value == "De actie is toegevoegd." for s in at.success)
    (stored,) = agenda.actions(db, pid)
    assert (stored["action"], stored["owner"], stored["source"]) == ("Nieuwe actie", "Carla", "handmatig")
    at.selectbox(key="agenda-pick-agenda_action").set_value(stored["id"]).run()
    agenda.update(db, "agenda_action", stored["id"], {"status": "bezig"}, actors.BEHEERDER, stored)  # in between
    status = next(s for s in at.selectbox if s.key and s.key.endswith("-status") and "edit" not in s.key)
    status.set_value("gereed")
    next(b for b in at.button if b.key and b.key.startswith("FormSubmitter:agenda-edit-agenda_action")).click().run()
    assert any("intussen door iemand anders gewijzigd (Status)" in w.value for w in at.warning)
    assert agenda.row(db, "agenda_action", stored["id"])["status"] == "bezig"


def test_the_page_shows_a_partys_motives_results_and_evaluations(app_db: Path) -> None:
    db = open_database(app_db)
    pid = party_id(db, QUIET)
    agenda.add(db, "party_motive", pid, {"motive": "Wettelijke plicht", "met": "ja"}, actors.CONTROLLER)
    agenda.add(
        db, "party_result", pid, {"intended": "Opkomsttijd binnen norm", "assessment": "deels"}, actors.CONTROLLER
    )
    agenda.add(db, "party_evaluation", pid, {"held_on": "01-03-2021"}, actors.CONTROLLER)
    at = run(PAGE, query={"peildatum": TODAY.isoformat()}, user="lezer")
    at.selectbox(key="agenda-party").set_value(pid).run()
    assert _cells(at, "Motief") == ["Wettelijke plicht"] and _cells(at, "Wordt het waargemaakt?") == ["Ja"]
    assert _cells(at, "Oordeel") == ["Deels behaald"]
    assert _cells(at, "Stand") == ["Te laat"] and _cells(at, "Volgende evaluatie") == ["01-03-2025"]
    assert not [b for b in at.button if b.key and b.key.startswith("FormSubmitter:")]  # a lezer reads


def test_the_facilitator_accepts_a_ranked_proposal_on_the_werkatelier_page(app_db: Path) -> None:
    db = open_database(app_db)
    ws = workshop_with_proposals(db)
    at = run("pages/werkatelier.py", user="facilitator")
    table = next(t for t in at.table if "Op de ontwikkelagenda" in t.value.columns)
    assert list(table.value["Plaats"]) == [1, 2, 3]
    form = f"ws-accept-{ws['code']}"
    pick = next(s for s in at.selectbox if s.label == "Voorstel")
    assert pick.value == ws["top"]  # the highest ranked comes first
    next(t for t in at.text_input if t.label == "Eigenaar").input("Accounthouder VR")
    next(b for b in at.button if b.key and b.key.startswith(f"FormSubmitter:{form}")).click().run()
    assert any("staat op de ontwikkelagenda van Rekenkamer Voorbeeldland" in s.value for s in at.success)
    (action,) = agenda.actions(db, ws["party_id"])
    assert (action["action"], action["owner"], action["horizon"]) == (
        "Herijking van de verdeelsleutel",
        "Accounthouder VR",
        "lang",
    )
    at = run(PAGE)
    assert "Werkatelier 'Werkatelier koers'" in _cells(at, "Bron")


def test_the_page_and_overzicht_on_a_freshly_onboarded_gemeente(onboarded_app: Path) -> None:
    at = run(PAGE)
    stand = _cells(at, "Stand")
    assert stand and set(stand) == {"Nog geen evaluatie vastgelegd"}
    assert any(s.value.startswith("Geen acties of evaluaties te laat") for s in at.success)
    at = run()
    assert "Ontwikkelagenda: niets te laat" in [e.proto.label for e in at.main.get("page_link")]


def test_overzicht_counts_what_is_overdue(app_db: Path) -> None:
    db = open_database(app_db)
    yesterday = dt.date.today() - dt.timedelta(days=1)
    agenda.add(
        db, "agenda_action", party_id(db, QUIET), {"action": "Te laat", "deadline": yesterday}, actors.CONTROLLER
    )
    counts = agenda.signal_counts(db, dt.date.today())
    assert counts["actie"] >= 1
    actions = f"{counts['actie']} {'actie' if counts['actie'] == 1 else 'acties'}"
    evaluations = f"{counts['evaluatie']} {'evaluatie' if counts['evaluatie'] == 1 else 'evaluaties'}"
    at = run()
    links = [e.proto.label for e in at.main.get("page_link")]
    assert f"Ontwikkelagenda: {actions} en {evaluations} te laat" in links


def test_the_demo_has_the_agenda_signals_its_readme_describes(demo_db: Database) -> None:
    found = agenda.signals(demo_db, dt.date(2026, 11, 24))
    assert [(s["kind"], s["party"], s["due"]) for s in found] == [
        ("evaluatie", "Veiligheidsregio Voorbeeldland", dt.date(2025, 6, 15)),
        ("actie", "Veiligheidsregio Voorbeeldland", dt.date(2026, 9, 1)),
        ("evaluatie", "Werkbedrijf Voorbeeldland", dt.date(2026, 9, 30)),
        ("actie", "Werkbedrijf Voorbeeldland", dt.date(2026, 10, 1)),
    ]
    counts = {t: demo_db.scalar(f"SELECT count(*) FROM {t}") for t in agenda.SCHEMAS}
    assert counts == {"party_motive": 6, "party_result": 4, "party_evaluation": 5, "agenda_action": 7}


# -- the Excel round trip -----------------------------------------------------------------------------------
def _sheet(data: bytes, name: str) -> list[list[object]]:
    book = openpyxl.load_workbook(bytes_io.BytesIO(data))
    return [[c.value for c in row] for row in book[name].iter_rows()]


def _workbook(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Ontwikkelagenda"
    for row in rows:
        sheet.append(row)
    out = bytes_io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_the_ontwikkelagenda_is_a_sheet_with_dutch_headers_and_a_toelichting(demo_db: Database) -> None:
    data = io.workbook_bytes(demo_db)
    rows = _sheet(data, "Ontwikkelagenda")
    assert rows[0] == [
        "Verbonden partij (code)", "Actie", "Eigenaar", "Gereed uiterlijk", "Status", "Termijn", "Bron", "Toelichting",
    ]  # fmt: skip
    assert len(rows) - 1 == demo_db.scalar("SELECT count(*) FROM agenda_action") == 7
    vr = next(r for r in rows if r[0] == "vr-voorbeeldland")
    assert vr[1:7] == [
        "De evaluatie van 2025 alsnog laten uitvoeren", "Accounthouder veiligheidsregio", dt.datetime(2026, 9, 1),
        "Open", "Korte termijn", "Handmatig",
    ]  # fmt: skip
    legend = [[c for c in r if c is not None] for r in _sheet(data, "Toelichting")]
    assert any(r[:2] == ["Ontwikkelagenda", "Termijn"] for r in legend)


def test_an_edited_sheet_imports_changes_audited_and_a_bad_row_changes_nothing(demo_db: Database) -> None:
    rows = _sheet(io.workbook_bytes(demo_db), "Ontwikkelagenda")
    vr = next(i for i, r in enumerate(rows) if r[0] == "vr-voorbeeldland")
    rows[vr][4] = "Gereed"
    rows.append(["rekenkamer-voorbeeldland", "Onderzoek naar de sturing", "Griffie", None, "Open", "Lange termijn"])
    done = io.import_file(demo_db, _workbook(rows), "agenda.xlsx", actors.CONTROLLER)
    assert (done.count(io.ADD), done.count(io.CHANGE)) == (1, 1)
    vr_actions = agenda.actions(demo_db, party_id(demo_db, "vr-voorbeeldland"))
    assert [a["status"] for a in vr_actions] == ["gereed"]
    new = agenda.actions(demo_db, party_id(demo_db, QUIET))
    assert [(a["action"], a["horizon"], a["source"]) for a in new] == [
        ("Onderzoek naar de sturing", "lang", "handmatig")
    ]
    assert agenda.signal_counts(demo_db, dt.date(2026, 11, 24))["actie"] == 1  # the veiligheidsregio's is done
    before = demo_db.scalar("SELECT count(*) FROM audit_log")
    rows[vr][5] = "Ooit"
    plan = io.preview(demo_db, _workbook(rows), "agenda.xlsx")
    assert [str(p) for p in plan.problems] == [
        f"Tabblad 'Ontwikkelagenda', rij {vr + 1}, kolom 'Termijn': 'Ooit' is geen geldige waarde; kies uit: "
        "Korte termijn, Middellange termijn, Lange termijn"
    ]
    with pytest.raises(io.ImportRejected):
        io.import_file(demo_db, _workbook(rows), "agenda.xlsx", actors.CONTROLLER)
    assert demo_db.scalar("SELECT count(*) FROM audit_log") == before


def test_the_same_action_twice_for_one_party_is_refused_in_dutch(demo_db: Database) -> None:
    pid = party_id(demo_db, QUIET)
    agenda.add(demo_db, "agenda_action", pid, {"action": "Evaluatie plannen"}, actors.CONTROLLER)
    with pytest.raises(ValidationError, match="er bestaat al een actie op de ontwikkelagenda"):
        agenda.add(demo_db, "agenda_action", pid, {"action": "Evaluatie plannen"}, actors.CONTROLLER)
