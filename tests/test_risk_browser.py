"""Click-through in a real browser: choosing a heat-map cell by clicking it lists that cell's risks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests import risk_facts
from tests.server import browser_page, settle, streamlit_server

pytestmark = pytest.mark.browser  # needs Debian's chromium: scripts/test.sh installs it

CELL_CENTRE = """([chart, x, y]) => {
    const gd = document.querySelectorAll('.js-plotly-plot')[chart];
    const L = gd._fullLayout, box = gd.getBoundingClientRect();
    return [box.left + L.xaxis._offset + L.xaxis.l2p(x), box.top + L.yaxis._offset + L.yaxis.l2p(y)];
}"""


def test_clicking_a_heat_map_cell_lists_its_risks(demo_file: Path, tmp_path: Path) -> None:
    path = tmp_path / "browser.duckdb"
    shutil.copy(demo_file, path)
    count = risk_facts.cell_counts("net")[3][3]  # netto kans 4 × impact 4
    label = f"Kans 4 Groot × impact 4 Groot · Zeer hoog · {count} risico's"
    with streamlit_server(path) as url, browser_page(1366, 1000, url=url) as page:
        page.goto(f"{url}/risicos")
        page.get_by_role("heading", name="Risico's").wait_for()
        settle(page)
        page.locator(".js-plotly-plot").nth(1).wait_for()
        page.wait_for_timeout(1000)
        x, y = page.evaluate(CELL_CENTRE, [1, 4, 4])
        page.mouse.click(x, y)
        settle(page)
        try:
            page.get_by_text(label, exact=True).wait_for(timeout=15_000)
        except Exception:
            page.screenshot(path=str(tmp_path / "failed.png"), full_page=True)
            print("screenshot:", tmp_path / "failed.png")
            raise
        assert page.get_by_role("radio", name="Netto").is_checked()
