"""Every page under a real Streamlit run (AppTest) against a real demo database, asserting what it shows."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from governance.core import formatting, labels
from governance.core.db import open_database
from governance.register import records as register
from tests import actors, demo_facts
from tests.apptest import charts, metric, run

YEAR = 2026  # the demo's newest year: 2024 and 2025 jaarrekening, 2026 begroting


def test_overzicht_key_figures_match_the_demo(app_db: Path) -> None:
    at = run()
    assert at.title[0].value == f"Overzicht verbonden partijen {YEAR}"
    assert metric(at, "Verbonden partijen") == str(len(demo_facts.verbonden()))
    assert metric(at, "Financieel belang 31-12") == formatting.euro(
        demo_facts.amount_total(YEAR, "interest_end"), compact=True
    )
    assert metric(at, "Bijdrage gemeente") == formatting.euro(demo_facts.amount_total(YEAR, "contribution"), True)
    assert metric(at, "Onvolledig (BBV art. 15)") == str(len(demo_facts.incomplete_parties(YEAR)))
    assert metric(at, "Open risico's") == str(sum(demo_facts.open_risks_per_category().values()))


def test_overzicht_charts_show_the_demo_counts(app_db: Path) -> None:
    at = run()
    by_category, by_risk = charts(at)[:2]
    counted = demo_facts.verbonden()["bbv_category"].value_counts()
    shown = dict(zip(by_category["data"][0]["y"], by_category["data"][0]["x"], strict=True))
    assert shown == {labels.BBV_CATEGORIES[c]: int(counted.get(c, 0)) for c in labels.BBV_CATEGORIES}
    risks = demo_facts.open_risks_per_category()
    shown = dict(zip(by_risk["data"][0]["y"], by_risk["data"][0]["x"], strict=True))
    assert shown == {labels.RISK_CATEGORIES[c]: risks.get(c, 0) for c in labels.RISK_CATEGORIES}
    # every bar carries its value as text, not only a colour or a length
    assert by_category["data"][0]["text"] == [str(v) for v in by_category["data"][0]["x"]]


def test_overzicht_shows_the_ten_largest_contributions(app_db: Path) -> None:
    at = run()
    largest = charts(at)[2]["data"][0]
    figures = demo_facts.figures(YEAR).join(demo_facts.verbonden().set_index("code")["name"], how="inner")
    figures["contribution"] = pd.to_numeric(figures["contribution"])
    top = figures.dropna(subset=["contribution"]).nlargest(10, "contribution").iloc[::-1]  # largest at the top
    assert len(figures.dropna(subset=["contribution"])) > 10
    assert largest["y"] == top["name"].tolist()
    assert largest["x"] == top["contribution"].astype(float).tolist()


def test_overzicht_charts_carry_their_figures_as_text(app_db: Path) -> None:
    """A screen reader (and print) gets each chart's figures: a caption under it, as the bars say."""
    at = run()
    captions = [c.value for c in at.caption if c.value.startswith("Cijfers: ")]
    assert len(captions) == 3, captions
    counted = demo_facts.verbonden()["bbv_category"].value_counts()
    for code, name in labels.BBV_CATEGORIES.items():
        assert f"{name}: {int(counted.get(code, 0))}" in captions[0]
    for code, name in labels.RISK_CATEGORIES.items():
        assert f"{name}: {demo_facts.open_risks_per_category().get(code, 0)}" in captions[1]
    largest = charts(at)[2]["data"][0]
    assert captions[2].startswith(f"Cijfers: {largest['y'][-1]}: {formatting.euro(largest['x'][-1])}")


def test_overzicht_year_choice_changes_the_figures(app_db: Path) -> None:
    at = run()
    at.sidebar.selectbox[0].select(2024).run()
    assert metric(at, "Bijdrage gemeente") == formatting.euro(demo_facts.amount_total(2024, "contribution"), True)
    assert metric(at, "Onvolledig (BBV art. 15)") == str(len(demo_facts.incomplete_parties(2024)))


def test_overzicht_lists_every_incomplete_party_with_a_link(app_db: Path) -> None:
    at = run()
    links = [e for e in at.main.get("page_link") if e.proto.query_string.startswith("partij=")]
    names = demo_facts.parties().set_index("code")["name"]
    assert sorted(link.proto.label for link in links) == sorted(names[c] for c in demo_facts.incomplete_parties(YEAR))
    # what each lacks is text under its link (a link's label does not wrap)
    missing = [m.value for m in at.caption if m.value.startswith("Ontbreekt: ")]
    assert len(missing) == len(links)


def test_register_lists_all_parties_with_bbv_column(app_db: Path) -> None:
    at = run("pages/register.py")
    table = at.dataframe[0].value
    parties = demo_facts.parties()
    assert len(table) == len(parties)
    assert list(table.columns) == [
        "Naam",
        "Rechtsvorm",
        "Categorie",
        "Beleidsveld",
        "Status",
        "Verbonden partij",
        f"Bijdrage {YEAR} (€)",
        f"BBV {YEAR}",
    ]
    incomplete = demo_facts.incomplete_parties(YEAR)
    names = parties.set_index("code")["name"]
    flagged = set(table[table[f"BBV {YEAR}"].str.startswith("✗")]["Naam"])
    assert flagged == {names[c] for c in incomplete}


def test_register_search_and_filters(app_db: Path) -> None:
    at = run("pages/register.py")
    parties = demo_facts.parties()
    at.text_input(key="reg-search").input("veiligheid").run()
    expected = parties[
        parties[["name", "code", "seat", "kvk", "public_interest", "policy_domain"]]
        .fillna("")
        .agg(" ".join, axis=1)
        .str.lower()
        .str.contains("veiligheid")
    ]
    assert len(at.dataframe[0].value) == len(expected) > 0
    at.text_input(key="reg-search").input("").run()
    at.multiselect[1].select("stichting").run()
    assert len(at.dataframe[0].value) == int((parties["legal_form"] == "stichting").sum())
    assert set(at.dataframe[0].value["Rechtsvorm"]) == {"Stichting"}


def test_register_from_a_key_figure_shows_its_amount_largest_first(app_db: Path) -> None:
    at = run("pages/register.py", {"kolom": "belang"})
    table = at.dataframe[0].value
    column = f"Belang 31-12 {YEAR} (€)"
    figures = demo_facts.figures(YEAR).join(demo_facts.parties().set_index("code")["name"], how="right")
    figures["interest_end"] = pd.to_numeric(figures["interest_end"])
    expected = figures.sort_values("interest_end", ascending=False, na_position="last")
    assert (
        table[column].tolist()[: expected["interest_end"].notna().sum()] == expected["interest_end"].dropna().tolist()
    )
    assert table["Naam"].iloc[0] == expected["name"].iloc[0]
    assert table[column].isna().sum() == expected["interest_end"].isna().sum()


def test_register_incomplete_only_and_archived_toggles(app_db: Path) -> None:
    parties = demo_facts.parties().set_index("code")["name"]
    at = run("pages/register.py", {"bbv": "onvolledig"})  # the Overzicht's 'Welke gegevens ontbreken' link
    assert sorted(at.dataframe[0].value["Naam"]) == sorted(parties[c] for c in demo_facts.incomplete_parties(YEAR))
    at.toggle(key="reg-gaps").set_value(False).run()
    assert len(at.dataframe[0].value) == len(parties)
    code = parties.index[0]
    db = open_database(app_db)
    pid = _party_id(app_db, code)
    register.archive_party(db, pid, actors.named("tester"), register.get_party(db, pid))
    at.run()
    assert parties[code] not in set(at.dataframe[0].value["Naam"])
    captions = [c.value for c in at.caption]
    assert any(c.startswith(f"{len(parties) - 1} van {len(parties) - 1} partijen getoond.") for c in captions)
    at.toggle(key="reg-archived").set_value(True).run()
    assert f"{parties[code]} (gearchiveerd)" in set(at.dataframe[0].value["Naam"])
    captions = [c.value for c in at.caption]
    assert any(c.startswith(f"{len(parties)} van {len(parties) - 1} partijen getoond.") for c in captions)


def test_register_detail_tabs_show_the_party(app_db: Path) -> None:
    parties = demo_facts.parties()
    party = parties[parties["legal_form"] == "openbaar_lichaam"].iloc[0]
    at = run("pages/register.py", {"partij": party["code"]})
    assert at.title[0].value == party["name"]
    assert [t.label for t in at.tabs] == ["Algemeen", "Deelnemers", "Financiën", "Vertegenwoordiging", "Risico's"]
    participations = demo_facts.csv("participations")
    deelnemers = at.tabs[1].dataframe[0].value
    assert len(deelnemers) == int((participations["party"] == party["code"]).sum())
    years = at.tabs[2].dataframe[0].value
    assert len(years) == int((demo_facts.csv("party_years")["party"] == party["code"]).sum())
    reps = at.tabs[3].dataframe[0].value
    assert len(reps) == int((demo_facts.csv("representations")["party"] == party["code"]).sum())
    risks = at.tabs[4].dataframe[0].value
    assert len(risks) == int((demo_facts.csv("risks")["party"] == party["code"]).sum())


def test_register_detail_checklist_names_missing_items(app_db: Path) -> None:
    code = sorted(demo_facts.incomplete_parties(YEAR))[0]
    at = run("pages/register.py", {"partij": code})
    checklist = [m.value for m in at.tabs[0].markdown if "art. 15 lid" in m.value]
    assert len(checklist) == 10
    assert any("ontbreekt" in line for line in checklist)


def test_register_edit_saves_and_is_audited(app_db: Path) -> None:
    code = demo_facts.parties().iloc[0]["code"]
    at = run("pages/register.py", {"partij": code})
    pid = _party_id(app_db, code)
    # form values travel with the submit, as in a browser: set them, then click, then run once
    at.text_input(key=f"edit-{pid}-v1-seat").input("Nieuwe Plaats")
    at.button(key=f"FormSubmitter:edit-{pid}-Opslaan").click().run()
    assert not at.exception
    db = open_database(app_db)
    assert db.scalar("SELECT seat FROM party WHERE code = ?", [code]) == "Nieuwe Plaats"
    assert db.scalar("SELECT count(*) FROM audit_log WHERE entity = 'party' AND action = 'update'") == 1
    assert "De wijzigingen zijn opgeslagen." in [s.value for s in at.success]


def test_register_edit_with_empty_name_shows_field_message(app_db: Path) -> None:
    code = demo_facts.parties().iloc[0]["code"]
    pid = _party_id(app_db, code)
    at = run("pages/register.py", {"partij": code})
    at.text_input(key=f"edit-{pid}-v1-name").input("   ")
    at.button(key=f"FormSubmitter:edit-{pid}-Opslaan").click().run()
    assert "**Naam**: is verplicht" in [e.value for e in at.error]
    db = open_database(app_db)
    assert db.scalar("SELECT name FROM party WHERE code = ?", [code]) == demo_facts.parties().iloc[0]["name"]


def test_register_archive_keeps_the_party(app_db: Path) -> None:
    code = demo_facts.parties().iloc[0]["code"]
    pid = _party_id(app_db, code)
    at = run("pages/register.py", {"partij": code})
    at.text_input(key=f"reason-{pid}").input("Opgeheven per 1-1").run()
    at.button(key=f"archive-{pid}").click().run()
    db = open_database(app_db)
    assert db.scalar("SELECT archived_at IS NOT NULL FROM party WHERE code = ?", [code]) is True
    assert db.scalar("SELECT reason FROM audit_log WHERE action = 'archive'") == "Opgeheven per 1-1"
    at = run()
    assert metric(at, "Verbonden partijen") == str(len(demo_facts.verbonden()) - 1)


def test_register_unknown_party_code(app_db: Path) -> None:
    at = run("pages/register.py", {"partij": "bestaat-niet"})
    assert at.error[0].value == "Er is geen verbonden partij met code 'bestaat-niet'."


def _party_id(path: Path, code: str) -> int:
    return int(open_database(path).scalar("SELECT id FROM party WHERE code = ?", [code]))


def test_register_edit_after_someone_elses_save_is_refused(app_db: Path) -> None:

    code = demo_facts.parties().iloc[0]["code"]
    pid = _party_id(app_db, code)
    at = run("pages/register.py", {"partij": code})  # the form is opened here
    db = open_database(app_db)
    register.update_party(
        db, pid, {"seat": "Andermans Plaats"}, actors.named("collega"), register.get_party(db, pid)
    )  # someone else saves in between
    at.text_area(key=f"edit-{pid}-v1-notes").input("Mijn toelichting")
    at.button(key=f"FormSubmitter:edit-{pid}-Opslaan").click().run()
    assert any("intussen door iemand anders gewijzigd (Vestigingsplaats)" in w.value for w in at.warning)
    assert db.scalar("SELECT notes FROM party WHERE id = ?", [pid]) != "Mijn toelichting"
    assert db.scalar("SELECT seat FROM party WHERE id = ?", [pid]) == "Andermans Plaats"
    # the form now shows what is stored (AppTest needs one more run to show the page after st.rerun);
    # saving again goes through
    at.run()
    assert at.text_input(key=f"edit-{pid}-v2-seat").value == "Andermans Plaats"
    at.text_area(key=f"edit-{pid}-v2-notes").input("Mijn toelichting")
    at.button(key=f"FormSubmitter:edit-{pid}-Opslaan").click().run()
    assert db.scalar("SELECT notes FROM party WHERE id = ?", [pid]) == "Mijn toelichting"
    assert db.scalar("SELECT seat FROM party WHERE id = ?", [pid]) == "Andermans Plaats"


def _open_year(code: str, pid: int, year: int, kind: str):
    """The Register's Financiën tab of a party with the figures of `year` and `kind` opened in the form."""
    at = run("pages/register.py", {"partij": code})
    at.selectbox(key=f"fy-{pid}").select(year).run()
    at.selectbox(key=f"fk-{pid}-{year}").select(kind).run()
    return at


def _save_year(at, pid: int, year: int, kind: str, version: int, values: dict[str, float]) -> None:
    for name, value in values.items():
        at.text_input(key=f"y-{pid}-{year}-{kind}-v{version}-{name}").input(formatting.typed(value))
    at.button(key=f"FormSubmitter:year-{pid}-{year}-{kind}-Cijfers opslaan").click().run()


def test_year_figures_after_someone_elses_save_are_refused(app_db: Path) -> None:
    code, year, kind = "vr-voorbeeldland", 2025, "jaarrekening"
    pid = _party_id(app_db, code)
    db = open_database(app_db)
    where = "FROM party_year WHERE party_id = ? AND year = ? AND kind = ?"
    version, result = db.rows(f"SELECT version, result {where}", [pid, year, kind])[0].values()
    mine, theirs = _open_year(code, pid, year, kind), _open_year(code, pid, year, kind)  # two users open the form
    _save_year(theirs, pid, year, kind, version, {"contribution": 4_600_000})
    assert "De cijfers jaarrekening 2025 zijn opgeslagen." in [s.value for s in theirs.success]
    _save_year(mine, pid, year, kind, version, {"result": -100_000})
    assert any(
        "Jaarcijfers is intussen door iemand anders gewijzigd (Bijdrage gemeente)" in w.value for w in mine.warning
    )
    assert db.rows(f"SELECT contribution, result {where}", [pid, year, kind])[0] == {
        "contribution": 4_600_000,
        "result": result,
    }
    mine.run()  # the form now shows what is stored, and saving again goes through
    assert mine.text_input(key=f"y-{pid}-{year}-{kind}-v{version + 1}-contribution").value == "4.600.000"
    _save_year(mine, pid, year, kind, version + 1, {"result": -100_000})
    assert db.rows(f"SELECT contribution, result {where}", [pid, year, kind])[0] == {
        "contribution": 4_600_000,
        "result": -100_000,
    }


def test_year_figures_someone_else_entered_first_are_not_overwritten(app_db: Path) -> None:
    code, kind = "vr-voorbeeldland", "begroting"
    pid = _party_id(app_db, code)
    db = open_database(app_db)
    year = int(db.scalar("SELECT max(year) FROM party_year WHERE party_id = ?", [pid])) + 1  # no figures yet
    mine, theirs = _open_year(code, pid, year, kind), _open_year(code, pid, year, kind)
    _save_year(theirs, pid, year, kind, 0, {"contribution": 100_000})
    _save_year(mine, pid, year, kind, 0, {"contribution": 200_000})
    assert f"De begroting {year} is intussen door iemand anders ingevoerd." in mine.warning[0].value
    rows = db.rows(
        "SELECT contribution FROM party_year WHERE party_id = ? AND year = ? AND kind = ?", [pid, year, kind]
    )
    assert rows == [{"contribution": 100_000}]
    mine.run()  # the form now holds their figures
    assert mine.text_input(key=f"y-{pid}-{year}-{kind}-v1-contribution").value == "100.000"


@pytest.mark.parametrize("archived", [False, True], ids=["archiveren", "terugzetten"])
def test_stale_archive_or_restore_is_refused(app_db: Path, archived: bool) -> None:
    code = demo_facts.parties().iloc[0]["code"]
    pid = _party_id(app_db, code)
    db = open_database(app_db)
    if archived:
        register.archive_party(db, pid, actors.named("tester"), register.get_party(db, pid))
    version = int(db.scalar("SELECT version FROM party WHERE id = ?", [pid]))
    button = "restore" if archived else "archive"  # the key of the button and the action it logs
    mine, theirs = run("pages/register.py", {"partij": code}), run("pages/register.py", {"partij": code})
    theirs.text_input(key=f"edit-{pid}-v{version}-seat").input("Andermans Plaats")
    theirs.button(key=f"FormSubmitter:edit-{pid}-Opslaan").click().run()
    assert "De wijzigingen zijn opgeslagen." in [s.value for s in theirs.success]
    mine.button(key=f"{button}-{pid}").click().run()  # pressed on the party as it was before their save
    assert any("intussen door iemand anders gewijzigd (Vestigingsplaats)" in w.value for w in mine.warning)
    assert db.rows("SELECT seat, archived_at IS NOT NULL AS archived FROM party WHERE id = ?", [pid])[0] == {
        "seat": "Andermans Plaats",
        "archived": archived,
    }
    assert db.scalar("SELECT count(*) FROM audit_log WHERE entity = 'party' AND action = ?", [button]) == 0
    mine.run()  # the page now holds the stored party: pressing again goes through
    mine.button(key=f"{button}-{pid}").click().run()
    assert db.rows("SELECT seat, archived_at IS NOT NULL AS archived FROM party WHERE id = ?", [pid])[0] == {
        "seat": "Andermans Plaats",
        "archived": not archived,
    }
