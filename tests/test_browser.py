"""Real browser flows: `streamlit run` on a free port, Debian's chromium driven by Playwright."""

from __future__ import annotations

from pathlib import Path

import pytest

from governance.core.db import open_database
from tests import demo_facts
from tests.server import browser_page, choose, settle, streamlit_server

pytestmark = pytest.mark.browser  # needs Debian's chromium: scripts/test.sh installs it


def test_open_party_edit_and_see_it_after_reload(served_db: Path) -> None:
    party = demo_facts.parties().sort_values("name").iloc[0]
    new_seat = "Vestiging Na Herladen"
    with streamlit_server(served_db) as url, browser_page(url=url) as page:
        page.goto(f"{url}/register")
        page.get_by_role("heading", name="Register verbonden partijen").wait_for()
        settle(page)
        # open the party through the labelled picker (the table rows are canvas, not DOM)
        choose(page, "Partij openen", party["name"])
        page.get_by_role("heading", name=party["name"]).wait_for()
        settle(page)
        assert f"partij={party['code']}" in page.url

        page.get_by_text("Gegevens bewerken").click()
        seat = page.get_by_label("Vestigingsplaats")
        seat.wait_for()
        seat.fill(new_seat)
        seat.press("Tab")
        try:
            page.get_by_role("button", name="Opslaan", exact=True).click()
            page.get_by_text("De wijzigingen zijn opgeslagen.").wait_for()
        except Exception:
            page.screenshot(path=str(served_db.parent / "failed.png"), full_page=True)
            print("screenshot:", served_db.parent / "failed.png")
            raise

        page.reload()
        page.get_by_role("heading", name=party["name"]).wait_for()
        settle(page)
        page.get_by_text(new_seat).first.wait_for()
        assert page.get_by_text(new_seat).count() >= 1

    db = open_database(served_db)
    try:
        assert db.scalar("SELECT seat FROM party WHERE code = ?", [party["code"]]) == new_seat
        assert db.scalar("SELECT count(*) FROM audit_log WHERE action = 'update' AND entity = 'party'") == 1
    finally:
        db.close()


def test_a_click_on_a_register_row_opens_the_party(served_db: Path) -> None:
    first = demo_facts.parties().sort_values("name").iloc[0]
    with streamlit_server(served_db) as url, browser_page(url=url) as page:
        page.goto(f"{url}/register")
        page.get_by_role("heading", name="Register verbonden partijen").wait_for()
        settle(page)
        grid = page.locator("[data-testid='stDataFrame']").first.bounding_box()
        page.mouse.click(grid["x"] + 150, grid["y"] + 52)  # the first row's name, below the header (canvas)
        page.get_by_role("heading", name=first["name"]).wait_for()
        assert f"partij={first['code']}" in page.url
