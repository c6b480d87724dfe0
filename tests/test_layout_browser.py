"""At 1366 × 768 in a real browser: the Logboek's Wijzigingen column is on screen (the page does not scroll
sideways, nor does the table) and the Overzicht's list of missing BBV items wraps instead of being cut, on a
freshly onboarded gemeente where every party lacks most items."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from governance import risks
from governance.core.db import open_database
from tests import actors
from tests.server import browser_page, settle, streamlit_server

pytestmark = pytest.mark.browser  # needs Debian's chromium: scripts/test.sh installs it
WIDTH, HEIGHT = 1366, 768
SHOTS = os.environ.get("LAYOUT_SCREENSHOTS")  # a folder to keep the screenshots in, to look at them

# Every element whose text is cut: wider content than box, or an ellipsis that takes effect.
CUT = """root => [...root.querySelectorAll('*')].filter(e => {
    const style = getComputedStyle(e);
    const clips = style.overflowX === 'hidden' || style.overflowX === 'clip' || style.textOverflow === 'ellipsis';
    return clips && e.textContent.trim() && e.scrollWidth > e.clientWidth + 1;
}).map(e => e.textContent.trim())"""
SIDEWAYS = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def _shot(page, name: str, folder: Path) -> None:
    target = Path(SHOTS) if SHOTS else folder
    target.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(target / f"{name}.png"), full_page=True)


def test_the_logboek_fits_1366_pixels(served_db: Path) -> None:
    db = open_database(served_db)  # a matrix change, the longest line of changes the log shows
    draft = risks.to_dict(risks.get_matrix(db))
    draft["likelihood"][0]["label"] = "Uiterst klein"
    draft["likelihood"][0]["meaning"] = "Vrijwel uitgesloten binnen de looptijd van de begroting, ook bij tegenvallers"
    risks.save_matrix(db, risks.from_dict(draft), "gelijk", actors.BEHEERDER, risks.setting_row(db))
    db.close()
    with streamlit_server(served_db) as url, browser_page(WIDTH, HEIGHT, url=url) as page:
        page.goto(f"{url}/beheer")
        page.get_by_role("heading", name="Beheer").wait_for()
        settle(page)
        page.get_by_role("tab", name="Logboek").click()
        table = page.locator("[data-testid=stTable]")
        table.wait_for()
        settle(page)
        _shot(page, "logboek-1366", served_db.parent)
        header = table.locator("th", has_text="Wijzigingen")
        box = header.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= WIDTH, box
        assert page.evaluate(SIDEWAYS) <= 0  # the page does not scroll sideways
        inner = table.evaluate(
            "t => [t, ...t.querySelectorAll('div, table')].filter(e => e.scrollWidth > e.clientWidth + 1)"
            ".map(e => e.tagName + ' ' + e.className)"
        )
        assert inner == [], "the table scrolls sideways inside"
        row = table.locator("tr", has_text="De risicomatrix").first
        cell = row.locator("td").nth(5)
        assert "Kans, niveau 1, betekenis: (leeg) → Vrijwel uitgesloten binnen de looptijd" in cell.inner_text()
        cell_box = cell.bounding_box()
        assert cell_box is not None and cell_box["x"] + cell_box["width"] <= WIDTH


def test_the_overzicht_gap_list_wraps_on_a_new_gemeente(onboarded_files, tmp_path: Path) -> None:
    path = tmp_path / "gemeente.duckdb"
    shutil.copy(onboarded_files("gm0654"), path)
    with streamlit_server(path) as url, browser_page(WIDTH, HEIGHT, url=url) as page:
        page.get_by_role("heading", name="Ontbrekende BBV-gegevens", exact=False).wait_for()
        settle(page)
        gaps = page.locator(".st-key-bbv-gaps")
        gaps.scroll_into_view_if_needed()
        _shot(page, "overzicht-1366", tmp_path)
        lines = gaps.locator("[data-testid=stCaptionContainer]", has_text="Ontbreekt:")
        assert lines.count() == 9  # every onboarded regeling lacks its figures
        assert gaps.evaluate(CUT) == []  # no label or line is cut off
        assert page.evaluate(SIDEWAYS) <= 0
        wrapped = 0
        for n in range(lines.count()):
            box = lines.nth(n).bounding_box()
            assert box is not None and box["x"] + box["width"] <= WIDTH
            height = lines.nth(n).evaluate("e => parseFloat(getComputedStyle(e.querySelector('p') || e).lineHeight)")
            wrapped += box["height"] > 1.5 * height
        assert wrapped >= 1, "no line is long enough to wrap: the test shows nothing"
