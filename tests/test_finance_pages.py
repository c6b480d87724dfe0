"""The Financiën page under AppTest: the kengetallen of the sidebar's year, the signals with accept (reason) and
history, the thresholds; on the demo and on a freshly onboarded gemeente without figures."""

from __future__ import annotations

from pathlib import Path

from governance import finance
from governance.core.db import open_database
from tests import actors
from tests.apptest import charts, metric, run

PAGE = "pages/financien.py"
KEY = "negatief_ev:recreatieschap-voorbeeldplassen:2025"


def _at_2025(user: str = "beheerder"):
    at = run(PAGE, user=user)
    at.selectbox(key="year").set_value(2025).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_demo_kengetallen_and_signals_of_the_sidebar_year(app_db: Path) -> None:
    at = _at_2025()
    assert at.title[0].value == "Financiën 2025"
    table = at.tabs[0].dataframe[0].value.set_index("Naam")
    expected = finance.year_table(open_database(app_db), 2025)
    assert len(table) == len(expected)
    assert table.loc["Recreatieschap Voorbeeldplassen", "Eigen vermogen €"] == -649_000
    assert table.loc["Recreatieschap Voorbeeldplassen", "Bron"] == "jaarrekening 2025"
    assert table.loc["Kredietbank Voorbeeldland", "Solvabiliteit %"] == 9.5
    assert str(table.loc["Energiecoöperatie Voorbeeldland U.A.", "Solvabiliteit %"]) == "<NA>"  # not 0
    at.segmented_control(key="fin-view").set_value("Bijdrage, leningen en garanties").run()
    other = at.tabs[0].dataframe[0].value.set_index("Naam")
    assert other.loc["Recreatieschap Voorbeeldplassen", "Bijdrage +/- %"] == 117.8
    assert other.loc["Parkeerbedrijf Voorbeeld B.V.", "Per inwoner €"] == 69
    signals = finance.signals(open_database(app_db), 2025)
    assert metric(at, "Open signalen") == str(len(signals))
    shown = " ".join(m.value for m in at.tabs[1].markdown)
    assert "Negatief eigen vermogen" in shown and "Negatieve resultaten op rij" in shown
    assert "Bijdrage stijgt sneller dan de index" in shown


def test_accept_with_a_reason_then_history(app_db: Path) -> None:
    at = _at_2025(user="controller")
    at.selectbox(key="fin-accept-key").set_value(KEY)
    at.text_area(key="fin-accept-reason").input("Opheffing besloten, tekort gedekt in de begroting")
    at.button(key="FormSubmitter:fin-accept-Accepteren").click().run()
    assert not at.exception
    assert "Het signaal is geaccepteerd." in [s.value for s in at.success]
    assert metric(at, "Geaccepteerd") == "1"
    accepted = at.tabs[1].dataframe[0].value
    assert accepted.iloc[0]["Reden"] == "Opheffing besloten, tekort gedekt in de begroting"
    assert accepted.iloc[0]["Door"] == actors.CONTROLLER.name
    history = at.tabs[1].dataframe[1].value
    assert list(history["Wat"]) == ["geaccepteerd"] and list(history["Signaal"]) == [KEY]
    row = open_database(app_db).rows("SELECT actor, role FROM audit_log WHERE entity = 'finance_signal_ack'")[0]
    assert row == {"actor": actors.CONTROLLER.name, "role": "controller"}


def test_a_lezer_reads_but_cannot_accept_or_change_thresholds(app_db: Path) -> None:
    at = _at_2025(user="lezer")
    assert not [f for f in at.main.get("form")]
    assert metric(at, "Open signalen") != "0"


def test_a_beheerder_changes_a_threshold_and_its_source_says_so(app_db: Path) -> None:
    at = _at_2025()
    key = next(t.key for t in at.text_input if t.key and t.key.endswith("-index_pct"))
    at.text_input(key=key).input("10")
    at.button(key="FormSubmitter:fin-settings-form-Grenzen opslaan").click().run()
    assert not at.exception
    current = finance.settings(open_database(app_db))
    assert current.index_pct == 10.0 and current.stored == ("index_pct",)
    thresholds = at.tabs[1].dataframe[-1].value.set_index("Grens")
    assert thresholds.loc["Indexpercentage bijdragen (%)", "Bron"] == "eigen instelling"
    assert "geen wettelijke norm" in thresholds.loc["Negatieve resultaten op rij (jaren)", "Bron"]


def test_onboarded_gemeente_shows_an_empty_state(onboarded_app: Path) -> None:
    at = run(PAGE)
    year = at.session_state["year"]
    assert at.title[0].value == f"Financiën {year}"
    assert [i.value for i in at.tabs[0].info if i.value.startswith(f"Nog geen jaarcijfers voor {year}")]
    assert not at.tabs[0].dataframe
    scope = finance.parties_in_scope(open_database(onboarded_app), year)
    assert metric(at, "Open signalen") == str(len(scope))  # one 'cijfers ontbreken' per verbonden partij
    assert {g.value for g in at.tabs[1].markdown if "Cijfers ontbreken" in g.value}


def test_party_page_shows_its_kengetallen_and_open_signals(app_db: Path) -> None:
    at = run("pages/register.py", query={"partij": "recreatieschap-voorbeeldplassen"})
    at.selectbox(key="year").set_value(2025).run()
    warnings = [line for m in at.markdown if "Recreatieschap" in m.value for line in m.value.split("\n")]
    assert any("Negatief eigen vermogen" in w and "-€ 649.000" in w for w in warnings)
    assert any("Negatieve resultaten op rij" in w for w in warnings)
    tables = [d.value for d in at.dataframe if "Solvabiliteit %" in d.value.columns]
    assert len(tables) == 1
    by_year = tables[0].set_index("Jaar")
    assert by_year.loc["2025", "Eigen vermogen €"] == -649_000
    assert by_year.loc["2025", "Bron"] == "jaarrekening 2025"
    assert list(by_year.index) == sorted(by_year.index, reverse=True)
    money = [d.value for d in at.dataframe if "Bijdrage +/- %" in d.value.columns][0].set_index("Jaar")
    assert money.loc["2025", "Bijdrage +/- %"] == 117.8


def test_party_page_shows_each_kengetal_with_its_newest_value_and_a_sparkline(app_db: Path) -> None:
    at = run("pages/register.py", query={"partij": "recreatieschap-voorbeeldplassen"})
    text = [m.value for m in at.markdown]
    # the newest figure (begroting 2026) in Dutch notation with its source, beside its label
    assert "**Eigen vermogen 31-12**" in text and "-€ 854.000  \n:gray[begroting 2026]" in text
    lines = [c for c in charts(at) if c["layout"]["height"] <= 60]
    assert len(lines) == 5  # solvabiliteit, EV, resultaat, bijdrage, leningen en garanties (no reserve entered)
    equity = next(c for c in lines if any(h.startswith("2026: -€ 854.000") for h in c["data"][0]["customdata"]))
    assert equity["data"][0]["x"] == ["2024", "2025", "2026"]
    assert equity["data"][0]["customdata"][1] == "2025: -€ 649.000"
    assert equity["layout"]["separators"] == ",."


def test_a_year_without_a_figure_is_a_gap_not_zero() -> None:
    import pandas as pd

    table = pd.DataFrame(
        [
            {"year": 2023, "source": "jaarrekening 2023", "solvency": 0.2, "equity_end": 10.0, "result": None},
            {"year": 2024, "source": "jaarrekening 2024", "solvency": None, "equity_end": None, "result": -5.0},
            {"year": 2025, "source": "begroting 2025", "solvency": 0.25, "equity_end": 12.0, "result": None},
        ]
    ).assign(contribution=None, exposure=None, reserve_ratio=None)
    rows = {r["column"]: r for r in finance.trend_rows(table)}
    assert set(rows) == {"solvency", "equity_end", "result"}  # a figure never entered gets no line
    assert rows["equity_end"]["points"] == [(2023, 10.0), (2024, None), (2025, 12.0)]
    assert (rows["result"]["text"], rows["result"]["source"]) == ("-€ 5", "jaarrekening 2024")
    assert rows["solvency"]["text"] == "25,0 %"
    assert finance.sparkline(rows["equity_end"]).data[0].y == (10.0, None, 12.0)


def test_overzicht_counts_open_financial_signals_and_links_to_financien(app_db: Path) -> None:
    at = run()
    at.selectbox(key="year").set_value(2025).run()
    links = [e.proto for e in at.main.get("page_link") if "open financiële signalen" in e.proto.label]
    expected = len(finance.signals(open_database(app_db), 2025))
    assert [link.label for link in links] == [f"{expected} open financiële signalen voor 2025"]
    assert links[0].page.endswith("financien")


def test_party_page_enters_a_reserve_and_its_norm_then_shows_the_signal(app_db: Path) -> None:
    at = run("pages/register.py", query={"partij": "recreatieschap-voorbeeldplassen"}, user="controller")
    at.selectbox(key="year").set_value(2025).run()
    pid = open_database(app_db).scalar("SELECT id FROM party WHERE code = 'recreatieschap-voorbeeldplassen'")
    at.selectbox(key=f"fr-y-{pid}").set_value(2025).run()
    reserve = next(
        t.key for t in at.text_input if t.key and t.key.startswith(f"fr-{pid}-2025") and t.key.endswith("-reserve")
    )
    at.text_input(key=reserve).input("43.000")
    at.text_input(key=reserve.replace("-reserve", "-norm")).input("427.000")
    at.button(key=f"FormSubmitter:reserve-{pid}-2025-jaarrekening-Reserve opslaan").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "De reserve jaarrekening 2025 is opgeslagen." in [s.value for s in at.success]
    tables = [d.value for d in at.dataframe if "Norm €" in d.value.columns]
    assert tables and tables[0].iloc[0]["Norm €"] == 427_000 and tables[0].iloc[0]["Reserve €"] == 43_000
    lines = [line for m in at.markdown for line in m.value.split("\n")]
    assert any("Reserve onder de eigen norm" in w and "10 % van de norm" in w for w in lines)
    text = [m.value for m in at.markdown]
    assert "**Reserve tegen eigen norm**" in text


def test_a_lezer_sees_the_reserves_but_no_reserve_form(app_db: Path) -> None:
    at = run("pages/register.py", query={"partij": "recreatieschap-voorbeeldplassen"}, user="lezer")
    assert "Reserve en eigen norm" in [h.value for h in at.subheader]
    assert not [f for f in at.main.get("form")]
