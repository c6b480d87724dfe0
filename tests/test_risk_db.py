"""The risk register, matrix changes and risk profiles on real DuckDB files (the demo, or an empty file)."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys
import threading
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from governance.core import images
from governance.core.db import Database, open_database
from governance.core.errors import ConflictError, ValidationError
from governance.risks import changes as risks_history
from governance.risks import export as riskexport
from governance.risks import matrix as risks_matrix
from governance.risks import matrix_setting, profile, records, tables
from governance.risks import matrixcharts as heatmap
from governance.risks import rubric as risks_rubric
from tests import actors, demo_facts, risk_facts

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date.today()


def risk_id(db: Database, title: str) -> int:
    return int(db.scalar("SELECT id FROM risk WHERE title = ?", [title]))


def audit_count(db: Database, entity: str = "risk") -> int:
    return int(db.scalar("SELECT count(*) FROM audit_log WHERE entity = ?", [entity]))


def test_demo_loads_risks_measures_and_assessments(demo_db: Database) -> None:
    assert demo_db.scalar("SELECT count(*) FROM risk") == len(demo_facts.csv("risks"))
    assert demo_db.scalar("SELECT count(*) FROM risk_measure") == len(demo_facts.csv("risk_measures"))
    assert demo_db.scalar("SELECT count(*) FROM profile_assessment") == len(demo_facts.csv("profile_assessments"))
    # the present values are those of risks.csv, whatever risk_history.csv said first
    table = tables.risk_table(demo_db).set_index("title")
    expected = risk_facts.risks(None).set_index("title")
    for title, row in expected.iterrows():
        if row["party"] is not None and title in table.index:
            assert int(table.loc[title, "net_impact"]) == row["net_impact"], title


def test_create_and_edit_a_risk_is_audited_with_its_history(empty_db: Database) -> None:
    values = {"category": "financieel", "title": "Tekort", "gross_likelihood": 4, "gross_impact": 4,
              "net_likelihood": 3, "net_impact": 3}  # fmt: skip
    rid = records.create_risk(empty_db, values, actor=actors.named("controller"))
    loaded = records.get_risk(empty_db, rid)
    records.update_risk(
        empty_db, rid, {"net_likelihood": 2, "status": "beheerst"}, actors.named("wethouder"), original=loaded
    )
    history = risks_history.history(empty_db, rid)
    assert list(history["Actie"]) == ["Gewijzigd", "Toegevoegd"]
    assert list(history["Door"]) == ["wethouder", "controller"]
    assert history.iloc[0]["Wijziging"] == "Kans (netto): 3 → 2; Status: Open → Beheerst"


def test_bad_input_saves_nothing(demo_db: Database) -> None:
    before = (demo_db.scalar("SELECT count(*) FROM risk"), audit_count(demo_db))
    for bad, message in (
        ({"category": "financieel", "title": ""}, "Titel: is verplicht"),
        ({"category": "financieel", "title": "X", "gross_likelihood": 9, "gross_impact": 1},
         "Kans (bruto): '9' past niet"),
        ({"category": "financieel", "title": "X", "amount_min": 10, "amount_max": 5},
         "Bedrag minimum: € 10 ligt boven het maximum (€ 5)"),
    ):  # fmt: skip
        with pytest.raises(ValidationError) as caught:
            records.create_risk(demo_db, bad, actor=actors.named("controller"))
        assert message in str(caught.value)
    rid = risk_id(demo_db, "Claims na aanbestedingsfout")
    with pytest.raises(ValidationError):
        records.update_risk(
            demo_db, rid, {"title": " "}, actors.named("controller"), original=records.get_risk(demo_db, rid)
        )
    assert (demo_db.scalar("SELECT count(*) FROM risk"), audit_count(demo_db)) == before


def test_second_editor_is_refused_with_what_changed(demo_db: Database) -> None:
    rid = risk_id(demo_db, "Claims na aanbestedingsfout")
    anna = records.get_risk(demo_db, rid)  # both open the same risk
    bram = records.get_risk(demo_db, rid)
    records.update_risk(demo_db, rid, {"owner": "Anna", "net_impact": 2}, actors.named("Anna"), original=anna)
    with pytest.raises(ConflictError) as caught:
        records.update_risk(demo_db, rid, {"title": "Claims (herzien)"}, actors.named("Bram"), original=bram)
    assert "intussen door iemand anders gewijzigd (Impact (netto), Risico-eigenaar)" in str(caught.value)
    shown = risks_history.conflict_display("risk", caught.value.changes)
    assert shown.to_dict("records") == [
        {"Veld": "Impact (netto)", "Toen u het opende": "3", "Nu opgeslagen": "2"},
        {"Veld": "Risico-eigenaar", "Toen u het opende": "Ruud Kamphorst", "Nu opgeslagen": "Anna"},
    ]
    row = records.get_risk(demo_db, rid)
    assert (row["title"], row["owner"], row["version"]) == ("Claims na aanbestedingsfout", "Anna", 2)


def test_two_threads_saving_the_same_risk_one_wins_one_is_told(demo_db: Database) -> None:
    rid = risk_id(demo_db, "Claims na aanbestedingsfout")
    loaded = records.get_risk(demo_db, rid)
    start = threading.Barrier(2)
    results: dict[str, str] = {}

    def editor(name: str) -> None:
        start.wait()
        try:
            records.update_risk(demo_db, rid, {"owner": name}, actors.named(name), original=loaded)
            results[name] = "saved"
        except ConflictError:
            results[name] = "refused"

    threads = [threading.Thread(target=editor, args=(n,)) for n in ("Anna", "Bram")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results.values()) == ["refused", "saved"]
    winner = next(n for n, r in results.items() if r == "saved")
    assert records.get_risk(demo_db, rid)["owner"] == winner


def test_measures_are_saved_all_at_once_and_audited(demo_db: Database) -> None:
    rid = risk_id(demo_db, "Cyberincident legt dienstverlening stil")
    loaded = records.measures(demo_db, rid).to_dict("records")
    assert len(loaded) == 2
    rows = [
        {**loaded[0], "status": "Vervallen"},  # changed, by its Dutch label as the table shows it
        {
            "id": None,
            "description": "Oefening crisisteam",
            "owner": "Erik Zandbergen",
            "status": None,
            "due_date": dt.date(2027, 3, 1),
        },
    ]  # fmt: skip  (loaded[1] is gone: removed)
    assert records.save_measures(demo_db, rid, rows, actors.named("controller"), loaded) == {
        "insert": 1,
        "update": 1,
        "delete": 1,
    }
    now = records.measures(demo_db, rid)
    assert sorted(now["status"]) == ["gepland", "vervallen"]
    history = risks_history.history(demo_db, rid)
    assert sorted(history["Actie"][:3]) == ["Gewijzigd", "Toegevoegd", "Verwijderd"]
    with pytest.raises(ValidationError) as caught:
        records.save_measures(
            demo_db, rid, [{"id": None, "description": "ok"}, {"id": None, "owner": "x"}], actors.named("c"), []
        )
    assert str(caught.value) == "Beheersmaatregel: Rij 2, Maatregel: is verplicht"
    assert len(records.measures(demo_db, rid)) == 2


def test_a_stale_measures_save_names_only_the_fields_someone_else_changed(demo_db: Database) -> None:
    rid = risk_id(demo_db, "Overschrijding jeugdzorgbudget door hogere instroom")
    opened = records.measure_rows(demo_db, rid)  # as the edit table keeps them: stored values, dates as dates
    assert isinstance(opened[0]["due_date"], dt.date)
    records.save_measures(demo_db, rid, [{**opened[0], "owner": "Collega"}, *opened[1:]], actors.named("ander"), opened)
    mine = [{**opened[0], "description": "Wekelijkse monitor"}, *opened[1:]]
    with pytest.raises(ConflictError) as caught:
        records.save_measures(demo_db, rid, mine, actors.named("controller"), opened)
    assert caught.value.changes == {"owner": (opened[0]["owner"], "Collega")}
    assert records.measure_rows(demo_db, rid)[0]["description"] == opened[0]["description"]


def test_matrix_change_to_3x3_moves_every_score_in_one_audited_transaction(demo_db: Database) -> None:
    three = risks_matrix.default_matrix(3, 3)
    before_audit = audit_count(demo_db)
    plan = matrix_setting.preview(demo_db, three, "proportioneel")
    moved = matrix_setting.save_matrix(
        demo_db, three, "proportioneel", actors.named("beheerder"), original=None, previewed=plan
    )
    proportional = {1: 1, 2: 2, 3: 2, 4: 3, 5: 3}  # (k-1)·(3-1)/(5-1) rounded half up, plus 1
    expected_moves = 0
    for r in risk_facts.risks(None).to_dict("records"):
        row = demo_db.rows("SELECT * FROM risk WHERE title = ?", [r["title"]])[0]
        new = {c: proportional[r[c]] for c in ("gross_likelihood", "gross_impact", "net_likelihood", "net_impact")}
        assert {c: row[c] for c in new} == new, r["title"]
        expected_moves += any(new[c] != r[c] for c in new)
    assert moved == expected_moves
    logged = demo_db.rows("SELECT reason FROM audit_log WHERE entity = 'risk' ORDER BY id DESC LIMIT ?", [moved])
    assert {r["reason"] for r in logged} == {"Risicomatrix 5×5 → 3×3, omzetting proportioneel"}
    assert audit_count(demo_db) == before_audit + moved
    assert matrix_setting.get_matrix(demo_db) == three
    assert demo_db.scalar("SELECT count(*) FROM audit_log WHERE entity_id = 'risk_matrix'") == 1


def test_matrix_change_that_would_clamp_is_refused_and_changes_nothing(demo_db: Database) -> None:
    three = risks_matrix.default_matrix(3, 3)
    before = (audit_count(demo_db), demo_db.scalar("SELECT sum(gross_likelihood + net_impact) FROM risk"))
    with pytest.raises(ValidationError) as caught:
        matrix_setting.save_matrix(demo_db, three, "gelijk", actors.named("beheerder"), original=None)
    facts = risk_facts.risks(None)
    stuck = facts[(facts[["gross_likelihood", "gross_impact", "net_likelihood", "net_impact"]] > 3).any(axis=1)]
    assert len(caught.value.errors) == len(stuck)
    assert f"{len(stuck)} risico's passen niet; kies een andere omzetting" in str(caught.value)
    assert (
        "Risico 'Overschrijding jeugdzorgbudget door hogere instroom' (Centrumregeling Inkoop Jeugdzorg Regio "
        "Kolkerveld): bruto past niet: kans 5 (nieuw: 3 niveaus), impact 5 (nieuw: 3 niveaus); netto past niet: "
        "kans 4 (nieuw: 3 niveaus), impact 5 (nieuw: 3 niveaus)"
    ) in [str(e) for e in caught.value.errors]
    assert before == (audit_count(demo_db), demo_db.scalar("SELECT sum(gross_likelihood + net_impact) FROM risk"))
    assert matrix_setting.setting_row(demo_db) is None


def test_matrix_save_refuses_a_stale_matrix_or_a_stale_preview(demo_db: Database) -> None:
    four = risks_matrix.default_matrix(4, 4)
    loaded = matrix_setting.setting_row(demo_db)
    plan = matrix_setting.preview(demo_db, four, "proportioneel")
    matrix_setting.save_matrix(
        demo_db, risks_matrix.default_matrix(6, 6), "proportioneel", actors.named("ander"), original=loaded
    )
    with pytest.raises(ConflictError):  # someone saved another matrix after this user loaded it
        matrix_setting.save_matrix(
            demo_db, four, "proportioneel", actors.named("beheerder"), original=loaded, previewed=plan
        )
    current = matrix_setting.setting_row(demo_db)
    plan = matrix_setting.preview(demo_db, four, "proportioneel")
    rid = risk_id(demo_db, "Claims na aanbestedingsfout")
    records.update_risk(demo_db, rid, {"owner": "iemand"}, actors.named("ander"), records.get_risk(demo_db, rid))
    with pytest.raises(ConflictError) as caught:  # a risk changed after the preview was shown
        matrix_setting.save_matrix(
            demo_db, four, "proportioneel", actors.named("beheerder"), original=current, previewed=plan
        )
    assert "bekijk de voorvertoning opnieuw" in str(caught.value)
    assert matrix_setting.get_matrix(demo_db).size == (6, 6)


def test_cell_counts_overdue_and_movement_match_the_demo(demo_db: Database) -> None:
    matrix = matrix_setting.get_matrix(demo_db)
    live = tables.filter_risks(tables.risk_table(demo_db), statuses=tables.DEFAULT_STATUSES)
    for kind in ("gross", "net"):
        assert tables.cell_counts(live, matrix, kind) == (risk_facts.cell_counts(kind), 0)
    late = tables.overdue(tables.risk_table(demo_db), TODAY)
    assert sorted(late["title"]) == sorted(risk_facts.overdue(TODAY)["title"])
    start = TODAY - dt.timedelta(days=365)
    for kind in ("gross", "net"):
        moved = risks_history.movement(demo_db, start, TODAY, kind)
        assert dict(zip(moved["title"], moved["change"], strict=True)) == risk_facts.movement(start, TODAY, kind)
    assert risks_history.movement(demo_db, TODAY - dt.timedelta(days=2), TODAY - dt.timedelta(days=1), "net").empty


def test_movement_follows_later_edits(demo_db: Database) -> None:
    rid = risk_id(demo_db, "Claims na aanbestedingsfout")  # net K2 × I3 (midden)
    records.update_risk(
        demo_db,
        rid,
        {"gross_likelihood": 5, "net_likelihood": 5, "net_impact": 4},
        actors.named("controller"),
        records.get_risk(demo_db, rid),
    )
    today = dt.date.today()  # after the write: the suite may cross midnight
    moved = risks_history.movement(demo_db, today - dt.timedelta(days=1), today, "net").set_index("title")
    row = moved.loc["Claims na aanbestedingsfout"]
    assert (row["old_cell"], row["new_cell"], row["change"]) == ("K2 × I3 · Midden", "K5 × I4 · Zeer hoog", "hoger")


def test_profile_table_matches_the_demo(demo_db: Database) -> None:
    table = profile.profile_table(demo_db, 2026, TODAY).set_index("code")
    facts = risk_facts.profiles(TODAY)
    for code, fact in facts.iterrows():
        row = table.loc[code]
        expected = fact["profile_class"] if isinstance(fact["profile_class"], str) else None
        assert (row["profile_class"] if isinstance(row["profile_class"], str) else None) == expected, code
        if not pd.isna(fact["total"]):
            assert row["total_score"] == pytest.approx(fact["total"]), code
            assert row["assessed_class"] == fact["assessed_class"], code
        assert bool(row["overdue"] and isinstance(row["profile_class"], str)) == fact["overdue"], code
    # the demo's new party scores midden but is hoog in its first year
    assert table.loc["warmtebedrijf-voorbeeld", "assessed_class"] == "midden"
    assert table.loc["warmtebedrijf-voorbeeld", "profile_class"] == "hoog"


def test_assessment_is_audited_and_bad_scores_save_nothing(demo_db: Database) -> None:
    pid = int(demo_db.scalar("SELECT id FROM party WHERE code = 'vsg-voorbeeldland'"))
    rubric = risks_rubric.get_rubric(demo_db)
    before = audit_count(demo_db, "profile_assessment")
    with pytest.raises(ValidationError):
        profile.assess(demo_db, pid, {c["code"]: 6 for c in rubric["criteria"]}, TODAY, actors.named("controller"))
    assert audit_count(demo_db, "profile_assessment") == before
    row = profile.assess(demo_db, pid, {c["code"]: 2 for c in rubric["criteria"]}, TODAY, actors.named("controller"))
    assert row["profile_class"] == "laag" and row["next_assessment"] == profile.add_years(TODAY, 4)
    assert audit_count(demo_db, "profile_assessment") == before + 1


def test_rubric_change_keeps_old_assessments_and_refuses_stale_saves(demo_db: Database) -> None:
    loaded = risks_rubric.rubric_row(demo_db)
    rubric = risks_rubric.get_rubric(demo_db)
    rubric["thresholds"] = {"midden": 2.0, "hoog": 3.0}
    risks_rubric.save_rubric(demo_db, rubric, actors.named("beheerder"), loaded)
    stored = risks_rubric.rubric_row(demo_db)
    risks_rubric.save_rubric(demo_db, {**rubric, "new_party_months": 6}, actors.named("beheerder"), stored)
    with pytest.raises(ConflictError):
        risks_rubric.save_rubric(demo_db, rubric, actors.named("ander"), stored)
    table = profile.profile_table(demo_db, 2026, TODAY).set_index("code")
    assert table.loc["ggd-voorbeeldland", "assessed_class"] == "midden"  # stored with the class it got


def test_excel_export_is_complete_and_safe(demo_db: Database) -> None:
    rid = risk_id(demo_db, "Claims na aanbestedingsfout")
    records.update_risk(
        demo_db,
        rid,
        {"title": '=HYPERLINK("http://x","klik")', "owner": "@wethouder"},
        actors.named("test"),
        records.get_risk(demo_db, rid),
    )
    matrix = matrix_setting.get_matrix(demo_db)
    live = tables.filter_risks(tables.risk_table(demo_db), statuses=tables.DEFAULT_STATUSES)
    data = riskexport.register_workbook(live, matrix, records.all_measures(demo_db), TODAY, "status: open")
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["Over dit bestand", "Risicoregister", "Maatregelen", "Heatmap bruto", "Heatmap netto",
                             "Risicomatrix"]  # fmt: skip
    sheet = wb["Risicoregister"]
    assert sheet.max_row - 1 == len(risk_facts.risks())
    values = [c.value for row in sheet.iter_rows() for c in row]
    assert '\'=HYPERLINK("http://x","klik")' in values and "'@wethouder" in values
    assert not any(isinstance(v, str) and v.startswith(("=", "+", "@")) for v in values)
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    heat = wb["Heatmap netto"]
    grid = [[heat.cell(row=3 + i, column=2 + k).value for k in range(5)] for i in range(5)]
    assert grid == risk_facts.cell_counts("net")[::-1]  # impact 5 on top, as on screen
    amounts = [c.value for c in sheet["N"][1:] if c.value is not None]
    assert amounts and all(isinstance(a, (int, float)) for a in amounts)  # numbers, not text
    table = profile.profile_table(demo_db, 2026, TODAY)
    profiles = openpyxl.load_workbook(
        io.BytesIO(riskexport.profile_workbook(table, risks_rubric.get_rubric(demo_db), TODAY))
    )
    assert profiles["Risicoprofielen"].max_row - 1 == len(demo_facts.parties())


@pytest.mark.browser  # kaleido renders with Debian's chromium: scripts/test.sh installs it
def test_charts_export_as_png_and_svg(demo_db: Database) -> None:

    matrix = matrix_setting.get_matrix(demo_db)
    counts, _ = tables.cell_counts(tables.risk_table(demo_db), matrix, "net")
    fig = heatmap.heatmap(counts, matrix, "Netto")
    try:
        png = images.to_image(fig, "png")
        svg = images.to_image(fig, "svg").decode()
    finally:
        images.stop_images()
    assert png.startswith(b"\x89PNG")
    assert "<svg" in svg and "Zeer hoog" in svg


def test_cli_lists_overdue_reviews(demo_file: Path, tmp_path: Path) -> None:
    path = tmp_path / "cli.duckdb"
    path.write_bytes(demo_file.read_bytes())
    run = subprocess.run(
        [sys.executable, "-m", "governance", "risks", "--overdue", "--json", "--db", str(path)],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )  # fmt: skip
    assert run.returncode == 1, run.stderr
    out = json.loads(run.stdout)
    assert sorted(r["title"] for r in out["risks"]) == sorted(risk_facts.overdue(TODAY)["title"])
    assert all(r["overdue"] for r in out["risks"])
    run = subprocess.run(
        [sys.executable, "-m", "governance", "risks", "--db", str(path)], capture_output=True, text=True, cwd=ROOT,
        timeout=120,
    )  # fmt: skip
    assert run.returncode == 0
    levels = [
        risk_facts.level(a, b)
        for a, b in zip(*(risk_facts.risks()[c] for c in ("net_likelihood", "net_impact")), strict=True)
    ]  # noqa: E501
    shown = {
        lvl: levels.count(code)
        for lvl, code in (("laag", "laag"), ("midden", "midden"), ("hoog", "hoog"), ("zeer hoog", "zeer_hoog"))
    }  # noqa: E501
    assert f"Netto per niveau: {', '.join(f'{k} {n}' for k, n in shown.items())}" in run.stdout
    open_database(path).close()
