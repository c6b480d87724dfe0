"""The programme of a werkatelier (issue 16, point 1) in real browsers: the facilitator opens the next exercise
and a participant's phone (390x844) shows it by itself, without a reload or a tap."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from governance import workshop
from governance.core.db import open_database
from tests import actors
from tests.server import CHROMIUM, CHROMIUM_ARGS, settle, sign_in, streamlit_server

pytestmark = pytest.mark.browser  # needs Debian's chromium: scripts/test.sh installs it


@pytest.fixture
def served(demo_file: Path, tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "programme.duckdb"
    shutil.copy(demo_file, path)
    db = open_database(path)
    risk = db.scalar("SELECT min(id) FROM risk WHERE party_id IS NOT NULL")
    values = {"title": "Programma in de browser", "facilitator": "Fenna", "risk_ids": [risk]}
    code = workshop.create_session(db, values, actors.FACILITATOR)["code"]
    workshop.set_programme(db, code, ["scoren", "signalen"], actors.FACILITATOR)
    workshop.open_step(db, code, 1, actors.FACILITATOR)
    db.close()
    return path, code


def test_the_phone_follows_the_exercise_the_facilitator_opens(served: tuple[Path, str]) -> None:
    from playwright.sync_api import sync_playwright

    path, code = served
    with streamlit_server(path) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            phone = browser.new_context(viewport={"width": 390, "height": 844}, locale="nl-NL").new_page()
            phone.set_default_timeout(60_000)
            phone.goto(f"{url}/?sessie={code}")
            phone.get_by_text("Vanuit welk perspectief kijkt u?").wait_for()
            settle(phone)
            phone.get_by_text("Controller", exact=True).click()
            phone.get_by_role("button", name="Deelnemen").click()
            phone.get_by_text("Oefening 1 van 2: Risico's scoren").wait_for()
            assert not phone.get_by_text("Waarschuwingssignalen").count()

            desk = browser.new_context(viewport={"width": 1366, "height": 900}, locale="nl-NL").new_page()
            desk.set_default_timeout(60_000)
            sign_in(desk, url, "facilitator")
            desk.goto(f"{url}/werkatelier")
            desk.get_by_role("button", name="Volgende oefening").click()
            desk.get_by_text("De volgende oefening is geopend.").wait_for()

            phone.get_by_text("Oefening 2 van 2: Waarschuwingssignalen").wait_for(timeout=20_000)  # no reload
            phone.get_by_text("Onverwachte extra kosten voor de gemeente").first.wait_for()
            assert not phone.get_by_text("Oefening 1 van 2").count()
        finally:
            browser.close()
