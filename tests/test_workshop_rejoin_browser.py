"""One browser, one participant: in a real browser the join link opened again (a new tab, the QR code scanned
again) gives the participant this browser already is, through the HttpOnly cookie the page sets; another browser
joins as someone new."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from governance.core.db import open_database
from governance.workshop import session as sessions
from tests import actors
from tests.server import CHROMIUM, CHROMIUM_ARGS, settle, streamlit_server

pytestmark = pytest.mark.browser  # needs Debian's chromium: scripts/test.sh installs it


@pytest.fixture
def served(demo_file: Path, tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "rejoin.duckdb"
    shutil.copy(demo_file, path)
    db = open_database(path)
    risk = int(db.scalar("SELECT min(id) FROM risk"))
    code = sessions.create_session(
        db, {"title": "Eén browser", "facilitator": "Fenna", "risk_ids": [risk]}, actors.FACILITATOR
    )["code"]
    db.close()
    return path, code


def participants(path: Path) -> list[tuple[str, str]]:
    db = open_database(path)
    try:
        return [(r["token"], r["perspective"]) for r in db.rows("SELECT * FROM workshop_participant ORDER BY id")]
    finally:
        db.close()


def join(page, url: str, code: str, perspective: str) -> str:
    page.goto(f"{url}/?sessie={code}")
    page.get_by_text("Vanuit welk perspectief kijkt u?").wait_for()
    settle(page)
    page.get_by_text(perspective, exact=True).click()
    page.get_by_role("button", name="Deelnemen").click()
    page.get_by_text(f"U doet mee als {perspective}").wait_for()
    settle(page)
    return page.url.split("deelnemer=")[1].split("&")[0]


def test_the_join_link_opened_again_in_the_same_browser_gives_the_same_participant(
    served: tuple[Path, str],
) -> None:
    from playwright.sync_api import sync_playwright

    path, code = served
    with streamlit_server(path) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            phone = browser.new_context(viewport={"width": 390, "height": 844}, locale="nl-NL")
            phone.set_default_timeout(60_000)
            token = join(phone.new_page(), url, code, "Bewoner")
            cookie = next(c for c in phone.cookies() if c["name"] == f"vp_deelnemer_{code}")
            assert cookie["value"] == token and cookie["httpOnly"] and cookie["sameSite"] == "Lax"

            again = phone.new_page()  # the QR code scanned again: the link without the participant's token
            again.goto(f"{url}/?sessie={code}")
            again.get_by_text("U doet mee als Bewoner").wait_for()
            settle(again)
            assert f"deelnemer={token}" in again.url
            assert not again.get_by_role("button", name="Deelnemen").count()

            other = browser.new_context(viewport={"width": 390, "height": 844}, locale="nl-NL")
            other.set_default_timeout(60_000)
            assert join(other.new_page(), url, code, "Controller") != token
        finally:
            browser.close()
    assert [p for _, p in participants(path)] == ["Bewoner", "Controller"]
