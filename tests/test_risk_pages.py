"""The risk pages under AppTest against a real demo database, asserting what they show against the demo CSVs."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

from governance.core.db import open_database
from governance.risks import changes as history
from governance.risks import records
from tests import actors, risk_facts
from tests.apptest import charts, metric, run

TODAY = dt.date.today()
RISICOS, PROFIEL, INSTELLINGEN = "pages/risicos.py", "pages/risicoprofiel.py", "pages/risico_instellingen.py"


def cells(fig: dict) -> list[dict]:
    """The annotations placed on cells (data coordinates), not the axis name."""
    return [n for n in fig["layout"]["annotations"] if n.get("xref", "x") == "x"]


def heat_grid(fig: dict) -> list[list[int]]:
    """The counts written in the cells of a heat map, [impact - 1][kans - 1], read from the cell texts
    (the annotations a viewer reads), and checked against the heat map's own text layer."""
    grid = [[-1] * 5 for _ in range(5)]
    for note in cells(fig):
        grid[int(note["y"]) - 1][int(note["x"]) - 1] = int(re.match(r"<b>(\d+)</b><br>", note["text"]).group(1))
    heat = next(t for t in fig["data"] if t["type"] == "heatmap")
    assert [[int(c) for c in row] for row in heat["text"]] == grid
    return grid


def levels_shown(fig: dict) -> dict[tuple[int, int], str]:
    return {(int(n["x"]), int(n["y"])): re.sub("<[^>]+>", " ", n["text"]).split(None, 1)[1] for n in cells(fig)}


def test_heat_map_cells_show_the_demo_counts_and_levels(app_db: Path) -> None:
    at = run(RISICOS)
    gross, net = charts(at)[:2]
    assert heat_grid(gross) == risk_facts.cell_counts("gross")
    assert heat_grid(net) == risk_facts.cell_counts("net")
    names = {"laag": "Laag", "midden": "Midden", "hoog": "Hoog", "zeer_hoog": "Zeer hoog"}
    for (li, im), text in levels_shown(net).items():  # the level is written in every cell, not only coloured
        assert text.replace("  ", " ").strip() == names[risk_facts.level(li, im)], (li, im)
    # the database agrees with the CSV count as well
    db = open_database(app_db)
    n = db.scalar("SELECT count(*) FROM risk WHERE status <> 'vervallen' AND net_likelihood = 3 AND net_impact = 2")
    assert heat_grid(net)[1][2] == n


def test_heat_maps_carry_their_cell_counts_as_text(app_db: Path) -> None:
    """Each heat map's figures as a caption (its text alternative): every filled cell with its count."""
    at = run(RISICOS)
    texts = [c.value for c in at.caption if c.value.startswith("Cijfers")]
    assert len(texts) == 2, texts
    for text, kind in zip(texts, ("gross", "net"), strict=True):
        shown = {(int(li), int(im)): int(n) for li, im, n in re.findall(r"kans (\d+) × impact (\d+): (\d+)", text)}
        grid = risk_facts.cell_counts(kind)
        filled = {(li, im): n for im, row in enumerate(grid, 1) for li, n in enumerate(row, 1) if n}
        assert shown == filled, kind


def test_filters_change_the_counts(app_db: Path) -> None:
    at = run(RISICOS)
    party = next(m for m in at.multiselect if m.label == "Partij")
    party.select("Centrumregeling Inkoop Jeugdzorg Regio Kolkerveld").run()
    facts = risk_facts.risks()
    chosen = facts[facts["party"] == "jeugdzorg-kolkerveld"]
    assert heat_grid(charts(at)[0]) == risk_facts.cell_counts("gross", chosen)
    status = next(m for m in at.multiselect if m.label == "Status")
    status.unselect("open").run()
    assert sum(map(sum, heat_grid(charts(at)[1]))) == int((chosen["status"] != "open").sum())


def test_choosing_a_cell_lists_its_risks(app_db: Path) -> None:
    at = run(RISICOS)
    at.radio(key="cell-kind").set_value("net").run()
    at.selectbox(key="cell-pick").set_value("4-4").run()
    shown = at.tabs[0].dataframe[0].value
    facts = risk_facts.risks()
    expected = facts[(facts["net_likelihood"] == 4) & (facts["net_impact"] == 4)]
    assert sorted(shown["Risico"]) == sorted(expected["title"])
    assert set(shown["Netto"]) == {"K4 × I4 · Zeer hoog"}


def test_overdue_reviews_and_movement_tabs(app_db: Path) -> None:
    at = run(RISICOS)
    late = risk_facts.overdue(TODAY)
    assert metric(at, "Herziening achterstallig") == str(len(late))
    listed = at.tabs[3].dataframe[0].value
    assert sorted(listed["Risico"]) == sorted(late["title"])
    assert (listed["Dagen te laat"] > 0).all()
    moved = at.tabs[2].dataframe[0].value  # default: the last year, netto
    expected = risk_facts.movement(TODAY - dt.timedelta(days=365), TODAY, "net")
    assert dict(zip(moved["Risico"], moved["Verschuiving"], strict=True)) == {
        t: history.CHANGES[c] for t, c in expected.items()
    }


def test_new_risk_with_bad_input_shows_each_field_and_saves_nothing(app_db: Path) -> None:
    at = run(RISICOS)
    before = open_database(app_db).scalar("SELECT count(*) FROM risk")
    at.text_input(key="new-risk-amount_min").input("500.000")
    at.text_input(key="new-risk-amount_max").input("100.000")
    at.button(key="FormSubmitter:new-risk-Risico toevoegen").click().run()
    errors = [e.value for e in at.error]
    assert "**Titel**: is verplicht" in errors
    assert "**Categorie**: is verplicht" in errors  # no silent default: the category decides the weerstand
    assert "**Bedrag minimum**: € 500.000 ligt boven het maximum (€ 100.000)" in errors
    assert open_database(app_db).scalar("SELECT count(*) FROM risk") == before


def test_new_risk_is_saved_and_counted(app_db: Path) -> None:
    at = run(RISICOS)
    at.text_input(key="new-risk-title").input("Nieuw kostenrisico")
    at.selectbox(key="new-risk-cat").select("beleidsmatig")
    at.selectbox(key="new-risk-gross_likelihood").set_value(5)
    at.selectbox(key="new-risk-gross_impact").set_value(5)
    at.selectbox(key="new-risk-net_likelihood").set_value(5)
    at.selectbox(key="new-risk-net_impact").set_value(5)
    at.button(key="FormSubmitter:new-risk-Risico toevoegen").click().run()
    assert "Het risico 'Nieuw kostenrisico' is toegevoegd." in [s.value for s in at.success]
    row = open_database(app_db).rows("SELECT party_id, probability_pct FROM risk WHERE title = 'Nieuw kostenrisico'")
    assert row == [{"party_id": None, "probability_pct": 90}]  # the gemeente's own; % from the matrix
    assert heat_grid(charts(at)[1])[4][4] == risk_facts.cell_counts("net")[4][4] + 1


def test_editing_a_risk_someone_else_changed_is_refused_with_the_changes(app_db: Path) -> None:
    db = open_database(app_db)
    rid = int(db.scalar("SELECT id FROM risk WHERE title = 'Claims na aanbestedingsfout'"))
    at = run(RISICOS, {"risico": str(rid)})
    assert at.subheader[0].value.startswith("Claims na aanbestedingsfout")
    records.update_risk(
        db, rid, {"owner": "Collega", "net_impact": 2}, actors.named("collega"), records.get_risk(db, rid)
    )  # saved while the form is open
    at.text_input(key=f"risk-{rid}-v1-title").input("Claims na aanbestedingsfout (herzien)")
    at.button(key=f"FormSubmitter:risk-{rid}-v1-Opslaan").click().run()
    warning = " ".join(w.value for w in at.warning)
    assert "intussen door iemand anders gewijzigd (Impact (netto), Risico-eigenaar)" in warning
    changes = next(d.value for d in at.dataframe if "Toen u het opende" in d.value.columns)
    assert changes.to_dict("records") == [
        {"Veld": "Impact (netto)", "Toen u het opende": "3", "Nu opgeslagen": "2"},
        {"Veld": "Risico-eigenaar", "Toen u het opende": "Ruud Kamphorst", "Nu opgeslagen": "Collega"},
    ]
    assert db.rows("SELECT title, owner FROM risk WHERE id = ?", [rid]) == [
        {"title": "Claims na aanbestedingsfout", "owner": "Collega"}
    ]
    at.button(key=f"reload-{rid}").click().run()  # load the new version, then the edit goes through
    at.text_input(key=f"risk-{rid}-v2-title").input("Claims na aanbestedingsfout (herzien)")
    at.button(key=f"FormSubmitter:risk-{rid}-v2-Opslaan").click().run()
    assert db.rows("SELECT title, owner FROM risk WHERE id = ?", [rid]) == [
        {"title": "Claims na aanbestedingsfout (herzien)", "owner": "Collega"}
    ]


def test_register_tab_lists_and_edits_the_partys_risks(app_db: Path) -> None:
    at = run("pages/register.py", {"partij": "vr-voorbeeldland"})
    table = at.tabs[4].dataframe[0].value
    facts = risk_facts.risks(None)
    assert sorted(table["Risico"]) == sorted(facts[facts["party"] == "vr-voorbeeldland"]["title"])
    rid = int(open_database(app_db).scalar("SELECT id FROM risk WHERE title = 'Vrijwilligersbestand brandweer krimpt'"))
    at.selectbox(key=f"party-risk-{_party(app_db, 'vr-voorbeeldland')}").set_value(rid).run()
    at.selectbox(key=f"risk-{rid}-v1-status").set_value("beheerst")
    at.button(key=f"FormSubmitter:risk-{rid}-v1-Opslaan").click().run()
    assert open_database(app_db).scalar("SELECT status FROM risk WHERE id = ?", [rid]) == "beheerst"


def _party(path: Path, code: str) -> int:
    return int(open_database(path).scalar("SELECT id FROM party WHERE code = ?", [code]))


def test_profile_page_shows_the_demo_classes(app_db: Path) -> None:
    at = run(PROFIEL)
    facts = risk_facts.profiles(TODAY)
    classes = facts["profile_class"].fillna("geen").value_counts()
    for cls in ("hoog", "midden", "laag"):
        assert metric(at, f"Profiel {cls}") == str(int(classes.get(cls, 0)))
    assert metric(at, "Niet beoordeeld") == str(int(classes.get("geen", 0)))
    assert metric(at, "Herbeoordeling achterstallig") == str(int(facts["overdue"].sum()))
    bubble, spider = charts(at)[:2]
    placed = next(t for t in bubble["data"] if t.get("name") == "partijen")
    assessed = facts[facts["total"].notna()]
    assert sorted(int(n) for n in placed["text"]) == list(range(1, len(assessed) + 1))
    assert placed["marker"]["symbol"].count("diamond") == 1  # the party in its first year
    top = assessed.assign(neg=-assessed["total"]).sort_values(["neg", "name"]).head(3)
    assert [t["name"] for t in spider["data"]] == list(top["name"])
    # the spider chart's text alternative: its scores per party and criterion, as the chart draws them
    (table,) = [t.value for t in at.table if "Partij" in t.value.columns]
    assert list(table["Partij"]) == list(top["name"])
    for trace, row in zip(spider["data"], table.to_dict("records"), strict=True):
        assert [str(row[c]) for c in trace["theta"][:-1]] == list(trace["text"][:-1])
    overview = next(d.value for d in at.dataframe if "Risicoprofiel" in d.value.columns)
    shown = dict(zip(overview["Partij"], overview["Risicoprofiel"], strict=True))
    assert shown["Warmtebedrijf Voorbeeld B.V."] == "Hoog (nieuwe partij)"
    assert shown["Vereniging Samenwerkende Gemeenten Voorbeeldland"] == "niet beoordeeld"


def test_assessing_a_party_saves_and_shows_it(app_db: Path) -> None:
    pid = _party(app_db, "vsg-voorbeeldland")
    at = run(PROFIEL)
    at.selectbox(key="assess-party").set_value(pid).run()
    for code in risk_facts.WEIGHTS:
        at.radio(key=f"assess-{pid}-{code}").set_value(2)
    at.button(key=f"FormSubmitter:assess-{pid}-Beoordeling vastleggen").click().run()
    assert "De beoordeling van Vereniging Samenwerkende Gemeenten Voorbeeldland is vastgelegd." in [
        s.value for s in at.success
    ]
    assert metric(at, "Niet beoordeeld") == "0"
    db = open_database(app_db)
    assert db.scalar("SELECT profile_class FROM profile_assessment WHERE party_id = ?", [pid]) == "laag"
    assert db.scalar("SELECT count(*) FROM audit_log WHERE entity = 'profile_assessment' AND via <> 'systeem'") == 1


def test_matrix_change_is_previewed_and_clamping_is_refused(app_db: Path) -> None:
    at = run(INSTELLINGEN)
    assert "De matrix is gelijk aan de opgeslagen matrix." in [i.value for i in at.info]
    at.selectbox(key="m-nl-1").set_value(3).run()
    at.selectbox(key="m-ni-2").set_value(3).run()
    assert "**Kans** (oud → nieuw): 1 → 1, 2 → 2, 3 → 2, 4 → 3, 5 → 3" in [m.value for m in at.markdown]
    at.radio(key="m-method").set_value("gelijk").run()
    facts = risk_facts.risks(None)
    stuck = facts[(facts[["gross_likelihood", "gross_impact", "net_likelihood", "net_impact"]] > 3).any(axis=1)]
    assert any(f"{len(stuck)} risico's passen niet" in e.value for e in at.error)
    assert at.button(key="m-save").disabled
    preview = next(d.value for d in at.dataframe if "Uitkomst" in d.value.columns)
    assert int((preview["Uitkomst"] == "past niet").sum()) == len(stuck)
    # the preview heat map's text alternative counts what the chart counts
    chart = next(c for c in charts(at) if "Nieuwe matrix" in str(c["layout"].get("title", "")))
    counted = next(c.value for c in at.caption if c.value.startswith("Cijfers (aantal risico's per cel)"))
    drawn = chart["data"][0]["text"]  # per impact row (low to high), per kans column: the count in the cell
    listed = {
        (int(li), int(im)): int(n) for li, im, n in re.findall(r"kans (\d+) × impact (\d+): (\d+)", counted)
    }
    assert listed == {
        (li + 1, im + 1): int(n) for im, row in enumerate(drawn) for li, n in enumerate(row) if int(n)
    }
    assert listed  # the preview places the demo's risks
    db = open_database(app_db)
    assert db.scalar("SELECT count(*) FROM setting WHERE key = 'risk_matrix'") == 0

    at.radio(key="m-method").set_value("proportioneel").run()
    at.checkbox(key="m-confirm").check().run()
    at.button(key="m-save").click().run()
    assert any(s.value.startswith("De risicomatrix (3×3) is opgeslagen;") for s in at.success)
    assert db.scalar("SELECT max(gross_likelihood) FROM risk") == 3
    assert db.scalar("SELECT count(*) FROM audit_log WHERE reason LIKE 'Risicomatrix 5×5 → 3×3%'") > 0
    at = run(RISICOS)
    assert len(heat_grid_any(charts(at)[0])) == 3


def heat_grid_any(fig: dict) -> list[list[str]]:
    return next(t for t in fig["data"] if t["type"] == "heatmap")["text"]


def test_rubric_edit_is_saved_and_old_assessments_keep_their_class(app_db: Path) -> None:
    at = run(INSTELLINGEN)
    at.text_input(key="rubric-v0-high").input("4")
    at.text_input(key="rubric-v0-hoog-label").input("Verscherpt toezicht")
    at.button(key="r-save").click().run()
    assert "De rubriek is opgeslagen." in [s.value for s in at.success]
    stored = json.loads(open_database(app_db).scalar("SELECT value FROM setting WHERE key = 'profile_rubric'"))
    assert stored["thresholds"]["hoog"] == 4.0
    at = run(PROFIEL)
    assert any(m.value.startswith("**Hoog** — Verscherpt toezicht:") for m in at.markdown)
    classes = risk_facts.profiles(TODAY)["profile_class"].value_counts()
    assert metric(at, "Profiel hoog") == str(int(classes["hoog"]))


# -- two people editing the same record: the second save is refused, the first one is kept -----------------------
def _warnings(at: AppTest) -> str:
    return " ".join(w.value for w in at.warning)


def _risk_id(path: Path, title: str) -> int:
    return int(open_database(path).scalar("SELECT id FROM risk WHERE title = ?", [title]))


def test_risk_edit_after_someone_elses_save_is_refused(app_db: Path) -> None:
    rid = _risk_id(app_db, "Claims na aanbestedingsfout")
    first, second = run(RISICOS, {"risico": str(rid)}), run(RISICOS, {"risico": str(rid)})  # both open it
    first.text_input(key=f"risk-{rid}-v1-owner").input("Collega")
    first.button(key=f"FormSubmitter:risk-{rid}-v1-Opslaan").click().run()
    assert "De wijzigingen in het risico zijn opgeslagen." in [s.value for s in first.success]
    second.text_input(key=f"risk-{rid}-v1-title").input("Claims na aanbestedingsfout (herzien)")
    second.button(key=f"FormSubmitter:risk-{rid}-v1-Opslaan").click().run()
    assert "Risico is intussen door iemand anders gewijzigd (Risico-eigenaar)." in _warnings(second)
    db = open_database(app_db)
    assert db.rows("SELECT title, owner FROM risk WHERE id = ?", [rid]) == [
        {"title": "Claims na aanbestedingsfout", "owner": "Collega"}
    ]
    second.run()  # the form now starts from what is stored
    assert second.text_input(key=f"risk-{rid}-v2-owner").value == "Collega"


def _edit_measures(at: AppTest, rid: int, row: int, changes: dict[str, str]) -> AppTest:
    """Type `changes` into one row of the measures table (AppTest seeds a data editor through its state)."""
    at.session_state[f"measures-{rid}-v0"] = {"edited_rows": {row: changes}, "added_rows": [], "deleted_rows": []}
    return at.button(key=f"save-measures-{rid}").click().run()


def test_measures_save_after_someone_elses_save_is_refused(app_db: Path) -> None:
    rid = _risk_id(app_db, "Overschrijding jeugdzorgbudget door hogere instroom")
    db = open_database(app_db)
    before = db.rows("SELECT id, description, owner FROM risk_measure WHERE risk_id = ? ORDER BY id", [rid])
    first, second = run(RISICOS, {"risico": str(rid)}), run(RISICOS, {"risico": str(rid)})  # both open the table
    _edit_measures(first, rid, 0, {"owner": "Collega"})
    assert "De beheersmaatregelen zijn opgeslagen." in [s.value for s in first.success]
    _edit_measures(second, rid, 0, {"description": "Wekelijkse monitor zorggebruik"})
    assert "Beheersmaatregel is intussen door iemand anders gewijzigd (Eigenaar)." in _warnings(second)
    changes = next(d.value for d in second.dataframe if "Toen u het opende" in d.value.columns)
    assert changes.to_dict("records") == [
        {"Veld": "Eigenaar", "Toen u het opende": before[0]["owner"], "Nu opgeslagen": "Collega"}
    ]
    after = db.rows("SELECT id, description, owner FROM risk_measure WHERE risk_id = ? ORDER BY id", [rid])
    assert after == [{**before[0], "owner": "Collega"}, *before[1:]]


def _draft_3x3(at: AppTest) -> AppTest:
    """Make the draft 3×3 with the proportional conversion and tick that the preview was seen."""
    at.selectbox(key="m-nl-1").set_value(3).run()
    at.selectbox(key="m-ni-2").set_value(3).run()
    at.radio(key="m-method").set_value("proportioneel").run()
    return at.checkbox(key="m-confirm").check().run()


def _levels_chosen(at: AppTest) -> tuple[int, int]:
    """The numbers of kans and impact levels the matrix editor shows."""
    sizes = {s.label: s.value for s in at.selectbox}
    return sizes["Aantal kansniveaus"], sizes["Aantal impactniveaus"]


def test_matrix_save_after_someone_elses_save_is_refused(app_db: Path) -> None:
    first, second = run(INSTELLINGEN), run(INSTELLINGEN)  # both open the default 5×5
    _draft_3x3(first).button(key="m-save").click().run()
    assert any(s.value.startswith("De risicomatrix (3×3) is opgeslagen;") for s in first.success)
    second.selectbox(key="m-nl-1").set_value(4).run()
    second.selectbox(key="m-ni-2").set_value(4).run()
    second.radio(key="m-method").set_value("proportioneel").run()
    second.checkbox(key="m-confirm").check().run()
    second.button(key="m-save").click().run()
    assert "De risicomatrix is intussen door iemand anders opgeslagen." in _warnings(second)
    db = open_database(app_db)
    stored = json.loads(db.scalar("SELECT value FROM setting WHERE key = 'risk_matrix'"))
    assert (len(stored["likelihood"]), len(stored["impact"])) == (3, 3)
    assert db.scalar("SELECT max(gross_likelihood) FROM risk") == 3  # the first save's conversion, not undone
    second.run()  # the editor starts again from the stored matrix
    assert "Opgeslagen: 3×3" in " ".join(c.value for c in second.caption)
    assert _levels_chosen(second) == (3, 3)


def test_matrix_save_after_a_risk_changed_since_the_preview_is_refused(app_db: Path) -> None:
    rid = _risk_id(app_db, "Claims na aanbestedingsfout")
    admin = _draft_3x3(run(INSTELLINGEN))  # the preview is shown here
    editor = run(RISICOS, {"risico": str(rid)})  # someone else saves a risk after that
    editor.text_input(key=f"risk-{rid}-v1-owner").input("Collega")
    editor.button(key=f"FormSubmitter:risk-{rid}-v1-Opslaan").click().run()
    admin.button(key="m-save").click().run()
    assert any("bekijk de voorvertoning opnieuw" in w.value for w in admin.warning)
    db = open_database(app_db)
    assert db.scalar("SELECT count(*) FROM setting WHERE key = 'risk_matrix'") == 0
    assert db.scalar("SELECT owner FROM risk WHERE id = ?", [rid]) == "Collega"
    assert db.scalar("SELECT max(gross_likelihood) FROM risk") == 5
    admin.run()  # the draft stays; the preview is made again, and saving it now goes through
    assert _levels_chosen(admin) == (3, 3)
    admin.checkbox(key="m-confirm").check().run()
    admin.button(key="m-save").click().run()
    assert any(s.value.startswith("De risicomatrix (3×3) is opgeslagen;") for s in admin.success)
    assert db.scalar("SELECT owner FROM risk WHERE id = ?", [rid]) == "Collega"


def test_rubric_save_after_someone_elses_save_is_refused(app_db: Path) -> None:
    first, second = run(INSTELLINGEN), run(INSTELLINGEN)  # both open the default rubric
    first.text_input(key="rubric-v0-high").input("4")
    first.button(key="r-save").click().run()
    assert "De rubriek is opgeslagen." in [s.value for s in first.success]
    second.text_input(key="rubric-v0-hoog-label").input("Verscherpt toezicht")
    second.button(key="r-save").click().run()
    assert "De rubriek van het risicoprofiel is intussen door iemand anders opgeslagen." in _warnings(second)
    stored = json.loads(open_database(app_db).scalar("SELECT value FROM setting WHERE key = 'profile_rubric'"))
    assert (stored["thresholds"]["hoog"], stored["regimes"]["hoog"]["label"]) == (4.0, "Intensief regime")
    second.run()  # the editor now shows what is stored
    assert second.text_input(key="rubric-v1-high").value == "4"


def test_a_risk_with_amounts_that_is_not_financial_says_it_is_left_out(app_db: Path) -> None:
    at = run(RISICOS)
    at.text_input(key="new-risk-title").input("Bestuurlijk met bedragen")
    at.selectbox(key="new-risk-cat").select("bestuurlijk")
    at.text_input(key="new-risk-amount_max").input("400.000")
    at.button(key="FormSubmitter:new-risk-Risico toevoegen").click().run()
    assert any("telt niet mee in het weerstandsvermogen" in w.value for w in at.warning)
    assert open_database(app_db).scalar("SELECT category FROM risk WHERE title = 'Bestuurlijk met bedragen'") == (
        "bestuurlijk"
    )
