"""A freshly onboarded gemeente (regelingen only: no figures, no profiles, no risks) under AppTest: no page draws
an empty chart (bars without a bar, a curve at zero, zones without a party); each says in words what is missing
and where to add it."""

from __future__ import annotations

import base64
import datetime as dt
from pathlib import Path

import numpy as np
import plotly.graph_objects as go
import pytest

from governance.core import charts as core_charts
from governance.weerstand import charts as weerstand_charts
from tests.apptest import charts, run
from tests.test_scale import PAGES
from ui import riskprofile
from ui import weerstand as weerstand_ui


def _values(raw) -> list:
    """A trace's data array as a flat list: plotly sends numeric arrays as {'dtype', 'bdata'} (base64)."""
    if isinstance(raw, dict) and "bdata" in raw:
        return np.frombuffer(base64.b64decode(raw["bdata"]), dtype=np.dtype(raw["dtype"])).tolist()
    if isinstance(raw, list):
        return [v for item in raw for v in (_values(item) if isinstance(item, (list, dict)) else [item])]
    return [] if raw is None else [raw]


def _numbers(raw) -> list[float]:
    return [float(v) for v in _values(raw) if isinstance(v, (int, float)) and not isinstance(v, bool) and v == v]


def shows_data(trace: dict) -> bool:
    """Whether a trace draws something a reader takes for data: a bar with a length, a heat-map cell, a point or
    line away from zero. A filled zone (a backdrop) and a legend-only trace (all None) are not data."""
    kind = trace.get("type", "scatter")
    if kind == "heatmap":
        return bool(_numbers(trace.get("z")))
    if kind == "bar":
        axis = "x" if trace.get("orientation") == "h" else "y"
        return any(_numbers(trace.get(axis)))
    if kind == "scatter" and trace.get("fill") == "toself":
        return False
    if kind == "scatterpolar":
        return any(_numbers(trace.get("r")))
    points = [
        (x, y) for x, y in zip(_values(trace.get("x")), _values(trace.get("y")), strict=False) if None not in (x, y)
    ]
    return any(not isinstance(v, (int, float)) or v != 0 for point in points for v in point)


def empty(figure: dict) -> bool:
    return not any(shows_data(t) for t in figure.get("data", []))


def _spec(fig: go.Figure) -> dict:
    return fig.to_plotly_json()


def test_the_empty_chart_check_tells_an_empty_chart_from_a_real_one() -> None:
    """The check below can fail: the charts these pages drew before on a new gemeente count as empty."""
    assert empty(_spec(core_charts.amount_bars([], [], "bijdrage")))  # 'Grootste bijdragen' without figures
    assert empty(_spec(core_charts.count_bars({}, {"a": "A", "b": "B"})))  # open risks per category: all 0
    assert empty(_spec(weerstand_charts.contribution_bars([], [], [])))  # top 10 of the weerstand page
    assert not empty(_spec(core_charts.amount_bars(["Partij"], [1200.0], "bijdrage")))
    assert not empty(_spec(core_charts.count_bars({"a": 2}, {"a": "A", "b": "B"})))


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p or "overzicht")
def test_no_page_draws_an_empty_chart_on_a_new_gemeente(onboarded_app: Path, page: str | None) -> None:
    at = run(page)
    drawn = charts(at)
    assert not [c for c in drawn if empty(c)], f"{page}: an empty chart"


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
