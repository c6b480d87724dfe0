"""A freshly onboarded gemeente (regelingen only: no figures, no profiles, no risks) under AppTest: no page draws
an empty chart (bars without a bar, a curve at zero, zones without a party; every page is checked in
tests/test_scale.py); each says in words what is missing and where to add it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import plotly.graph_objects as go

from governance.core import charts as core_charts
from governance.weerstand import charts as weerstand_charts
from tests.apptest import charts, run
from tests.apptest import empty_chart as empty
from ui import riskprofile
from ui import weerstand as weerstand_ui


def _spec(fig: go.Figure) -> dict:
    return fig.to_plotly_json()


def test_the_empty_chart_check_tells_an_empty_chart_from_a_real_one() -> None:
    """The check every page runs on a new gemeente (tests/test_scale.py) can fail: the charts these pages drew
    there before count as empty."""
    assert empty(_spec(core_charts.amount_bars([], [], "bijdrage")))  # 'Grootste bijdragen' without figures
    assert empty(_spec(core_charts.count_bars({}, {"a": "A", "b": "B"})))  # open risks per category: all 0
    assert empty(_spec(weerstand_charts.contribution_bars([], [], [])))  # top 10 of the weerstand page
    assert not empty(_spec(core_charts.amount_bars(["Partij"], [1200.0], "bijdrage")))
    assert not empty(_spec(core_charts.count_bars({"a": 2}, {"a": "A", "b": "B"})))


def infos(at) -> list[str]:
    return [i.value for i in at.info]


def test_overzicht_says_there_are_no_risks_and_no_contributions_yet(onboarded_app: Path) -> None:
    at = run()
    year = dt.date.today().year
    shown = infos(at)
    assert "Nog geen open risico's in het risicoregister. Leg ze vast op de pagina *Risico's*." in shown
    assert any(i.startswith(f"Nog geen bijdragen van de gemeente voor {year} ingevuld.") for i in shown), shown
    assert len(charts(at)) == 1  # the parties per BBV category: the onboarded regelingen are there
    assert [s.value for s in at.subheader if s.value.startswith("Grootste bijdragen")]


def test_weerstandsvermogen_says_there_is_nothing_to_simulate_yet(onboarded_app: Path) -> None:
    at = run("pages/weerstandsvermogen.py")
    assert infos(at).count(weerstand_ui.NO_RISKS) == 1  # instead of the exceedance curve and the histogram
    assert infos(at).count(weerstand_ui.NO_TOP) == 1  # instead of the top 10 bars (the largest contributions)
    assert charts(at) == []


def test_risicoprofiel_says_no_party_is_assessed_yet(onboarded_app: Path) -> None:
    at = run("pages/risicoprofiel.py")
    assert infos(at).count(riskprofile.NO_PROFILES) == 2  # the belang × risico chart and the spider chart
    assert charts(at) == []
    assert not [r for r in at.radio if r.label == "Grootte van de bel"]  # no bubbles, no choice of their size


def test_risicos_shows_the_empty_matrix_and_says_so(onboarded_app: Path) -> None:
    at = run("pages/risicos.py")
    assert any(
        i.startswith("Geen risico's in deze selectie: de heatmaps tonen de lege risicomatrix.") for i in infos(at)
    )
    assert len(charts(at)) == 2  # bruto and netto: the matrix's cells and levels, each counting 0
