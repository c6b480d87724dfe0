"""The document speaks Dutch to the browser and to screen readers: lang="nl" on every page, a title per page, no
developer menu and no English form hint. (Tables are drawn on a canvas: their "—" for a missing value is checked
on the screenshots of ../shared/tools/look.py.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.server import browser_page, settle, streamlit_server

pytestmark = pytest.mark.browser

PAGES = {"/": "Overzicht", "/register": "Register", "/weerstandsvermogen": "Weerstandsvermogen"}


def test_every_page_is_a_dutch_document_without_developer_chrome(served_db: Path) -> None:
    with streamlit_server(served_db) as url, browser_page(url=url) as page:
        for path, title in PAGES.items():
            page.goto(url + path)
            page.get_by_role("heading", level=1).first.wait_for()
            settle(page)
            assert page.evaluate("document.documentElement.lang") == "nl", path
            assert page.title() == title
            assert page.locator("[data-testid='stMainMenu']").count() == 0, path
        # a form field being typed in shows no English hint
        page.get_by_label("Extra garantieclaim (€)").wait_for()
        page.get_by_text("Instellingen: beschikbare capaciteit").click()
        field = page.get_by_label("Post onvoorzien (€)")
        field.fill("1.000")
        assert page.get_by_text("Press Enter to submit form").count() == 0


def test_the_sign_in_page_and_a_participant_link_are_dutch_documents(served_db: Path) -> None:
    with streamlit_server(served_db) as url, browser_page(user=None) as page:
        page.goto(url)
        page.get_by_label("Gebruikersnaam").wait_for()
        assert page.evaluate("document.documentElement.lang") == "nl"
        page.goto(f"{url}/?sessie=ONBEKEND")
        settle(page)
        assert page.evaluate("document.documentElement.lang") == "nl"
