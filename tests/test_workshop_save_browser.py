"""A participant never loses a pick (issue 12, point 2), in a real browser on a phone (390x844): a pick is saved
when it is made, each item says whether the database holds it ("Niet opgeslagen" while half picked or refused),
a reload shows the picks again, every tap target is at least 44 px high; and the facilitator's own vote counter
follows the votes live, without a click."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from governance.core.db import open_database
from governance.workshop import session as sessions
from tests import actors
from tests.server import CHROMIUM, CHROMIUM_ARGS, settle, sign_in, streamlit_server

pytestmark = pytest.mark.browser  # needs Debian's chromium: scripts/test.sh installs it

KANS_2 = "2 · Klein (30 %)"
IMPACT_4 = "4 · Groot (€ 500.000 – € 1.000.000)"
# every element a finger must hit on the participant's page
TARGETS = """
[...document.querySelectorAll('[data-testid="stMainBlockContainer"] [role="radiogroup"] label,'
  + '[data-testid="stMainBlockContainer"] button, [data-testid="stMainBlockContainer"] [data-baseweb="input"]')]
  .filter(e => e.getBoundingClientRect().width > 0)
  .map(e => [e.innerText.slice(0, 30), e.getBoundingClientRect().height])
"""


@pytest.fixture
def served(demo_file: Path, tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "save.duckdb"
    shutil.copy(demo_file, path)
    db = open_database(path)
    risks = [int(r) for r in db.query("SELECT id FROM risk ORDER BY id LIMIT 3")["id"]]
    code = sessions.create_session(
        db, {"title": "Opslaan bij kiezen", "facilitator": "Fenna", "risk_ids": risks}, actors.FACILITATOR
    )["code"]
    db.close()
    return path, code


def metric(page, label: str) -> str:
    box = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    return box.locator('[data-testid="stMetricValue"]').inner_text().strip()


def stored(path: Path) -> list[tuple[int, int, int]]:
    db = open_database(path)
    try:
        return [tuple(r.values()) for r in db.rows("SELECT item_id, likelihood, impact FROM workshop_score")]
    finally:
        db.close()


def test_a_pick_is_saved_when_made_marked_until_saved_and_kept_after_a_reload(served: tuple[Path, str]) -> None:
    from playwright.sync_api import sync_playwright

    path, code = served
    with streamlit_server(path) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            desk = browser.new_context(viewport={"width": 1366, "height": 768}, locale="nl-NL").new_page()
            desk.set_default_timeout(60_000)
            sign_in(desk, url, "facilitator")
            desk.goto(f"{url}/werkatelier")
            desk.get_by_role("button", name="Ronde sluiten").wait_for()
            assert metric(desk, "Stemmen ronde 1") == "0"

            phone = browser.new_context(viewport={"width": 390, "height": 844}, locale="nl-NL").new_page()
            phone.set_default_timeout(60_000)
            phone.goto(f"{url}/?sessie={code}")
            phone.get_by_text("Vanuit welk perspectief kijkt u?").wait_for()
            settle(phone)
            phone.get_by_text("Controller", exact=True).click()
            phone.get_by_role("button", name="Deelnemen").click()
            phone.get_by_text("U doet mee als Controller").wait_for()
            settle(phone)
            assert not phone.get_by_role("button", name="Score opslaan").count()
            phone.get_by_text("Opgeslagen: 0 van 3 onderwerpen.").wait_for()
            small = [(text, h) for text, h in phone.evaluate(TARGETS) if h < 44]
            assert not small, small
            assert phone.evaluate("document.documentElement.scrollWidth") <= 390

            first = phone.locator('[class*="st-key-item-"]').first
            first.get_by_text(KANS_2, exact=True).click()  # half a pick: not stored, and the item says so
            first.get_by_text("Niet opgeslagen: kies ook de impact").wait_for()
            settle(phone)
            first.get_by_text(IMPACT_4, exact=True).click()
            first.get_by_text("✓ Opgeslagen: kans 2, impact 4").wait_for()
            phone.get_by_text("Opgeslagen: 1 van 3 onderwerpen.").wait_for()
            assert not first.get_by_text("Niet opgeslagen").count()

            # the facilitator's counter follows without a click (its live fragment)
            desk.wait_for_function(
                "[...document.querySelectorAll('[data-testid=\"stMetric\"]')].some(m => "
                "m.innerText.includes('Stemmen ronde 1') && m.querySelector('[data-testid=\"stMetricValue\"]')"
                ".innerText.trim() === '1')",
                timeout=30_000,
            )

            phone.reload()  # a new Streamlit session: the picks come back from the database
            phone.get_by_text("U doet mee als Controller").wait_for()
            again = phone.locator('[class*="st-key-item-"]').first
            again.get_by_text("✓ Opgeslagen: kans 2, impact 4").wait_for()
            settle(phone)

            # the facilitator closes the round while the phone still shows it: the next pick is refused, visibly
            desk.get_by_role("button", name="Ronde sluiten").click()
            desk.get_by_role("button", name="Ronde openen").wait_for()
            second = phone.locator('[class*="st-key-item-"]').nth(1)
            second.get_by_text(KANS_2, exact=True).click()
            settle(phone)
            second.get_by_text(IMPACT_4, exact=True).click()
            second.get_by_text("Niet opgeslagen: Ronde 1 is gesloten").wait_for()
            phone.get_by_text("Opgeslagen: 1 van 3 onderwerpen.").wait_for()
        finally:
            browser.close()
    scores = stored(path)
    assert [(lik, imp) for _, lik, imp in scores] == [(2, 4)]
