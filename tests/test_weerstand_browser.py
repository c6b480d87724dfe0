"""Weerstandsvermogen in a real browser: a what-if recomputes at once, and a run is recorded."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from governance.core.db import open_database
from governance.weerstand import engine as simulation
from tests import weerstand_facts as facts
from tests.server import browser_page, settle, streamlit_server

pytestmark = pytest.mark.browser  # needs Debian's chromium: scripts/test.sh installs it


def test_what_if_then_record_a_run(demo_file: Path, tmp_path: Path) -> None:
    path = tmp_path / "browser.duckdb"
    shutil.copy(demo_file, path)
    with streamlit_server(path) as url, browser_page(url=url) as page:
        page.goto(f"{url}/weerstandsvermogen")
        page.get_by_role("heading", name="Weerstandsvermogen", exact=True).wait_for()
        settle(page)
        try:
            claim = page.get_by_label("Extra garantieclaim (€)")
            claim.fill("3.000.000")
            claim.press("Enter")
            settle(page)
            page.get_by_text("= € 3.000.000", exact=True).wait_for()
            chance = page.get_by_label("Kans op die claim (%)")
            chance.fill("30")
            chance.press("Enter")
            settle(page)
            page.get_by_text("Wat-als met 100.000 iteraties").wait_for()
            page.get_by_text("was B – ruim voldoende").wait_for()

            page.get_by_label("Toelichting", exact=True).fill("Paragraaf weerstandsvermogen begroting 2027")
            page.get_by_role("button", name="Berekening vastleggen").click()
            page.get_by_text("De berekening is vastgelegd.").wait_for()
        except Exception:
            page.screenshot(path=str(tmp_path / "failed.png"), full_page=True)
            print("screenshot:", tmp_path / "failed.png")
            raise
    db = open_database(path)
    try:
        row = db.rows("SELECT * FROM weerstand_run")[0]
        assert row["notes"] == "Paragraaf weerstandsvermogen begroting 2027"
        assert float(row["available"]) == facts.capacity_total()
        # the what-if is never what gets recorded: the run is the register as it is
        assert row["risks"] == len(facts.financial_risks())
        assert row["ratio_class"] == simulation.nar_class(float(row["ratio"]))[0]
    finally:
        db.close()
