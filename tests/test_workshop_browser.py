"""Werkatelier in real browsers: three participants on phone-sized screens join and vote, a reload keeps a
participant's identity, and the projector (1920x1080) shows the median of their votes."""

from __future__ import annotations

import shutil
import statistics
from pathlib import Path

import pytest

from governance.core.db import open_database
from governance.workshop import access
from governance.workshop import session as sessions
from tests import actors
from tests.server import CHROMIUM, CHROMIUM_ARGS, settle, sign_in, streamlit_server

pytestmark = pytest.mark.browser  # needs Debian's chromium: scripts/test.sh installs it

# perspective, kans, impact: kans median 3, impact median 4
VOTERS = [("Wethouder", 2, 4), ("Controller", 3, 5), ("Bewoner", 5, 3)]
# the default 5×5 risk matrix (Arnhem's classes, domain.md §5) as participants see it
KANS = {1: "Zeer klein (10 %)", 2: "Klein (30 %)", 3: "Gemiddeld (50 %)", 4: "Groot (70 %)", 5: "Zeer groot (90 %)"}
IMPACT = {3: "Gemiddeld (€ 200.000 – € 500.000)", 4: "Groot (€ 500.000 – € 1.000.000)", 5: "Zeer groot (> € 1.000.000)"}


@pytest.fixture
def served(demo_file: Path, tmp_path: Path) -> tuple[Path, str, str]:
    path = tmp_path / "workshop.duckdb"
    shutil.copy(demo_file, path)
    db = open_database(path)
    risks = [int(r) for r in db.query("SELECT id FROM risk ORDER BY id LIMIT 2")["id"]]
    code = sessions.create_session(
        db,
        {
            "title": "Werkatelier in de browser",
            "facilitator": "Fenna",
            "risk_ids": risks,
            "perspectives": "Wethouder\nController\nBewoner",
        },
        actors.named("Fenna"),
    )["code"]
    sessions.set_screen(db, code, "scores", actors.named("Fenna"))
    key = access.projector_key(db, code)
    db.close()
    return path, code, key


def test_three_participants_vote_and_the_projector_shows_their_median(served: tuple[Path, str, str]) -> None:
    from playwright.sync_api import sync_playwright

    path, code, key = served
    with streamlit_server(path) as url, sync_playwright() as pw:
        # a non-persistent launch gets its own temporary profile from Playwright
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            phones = []
            for perspective, kans, impact in VOTERS:
                context = browser.new_context(viewport={"width": 390, "height": 844}, locale="nl-NL")
                context.set_default_timeout(60_000)
                page = context.new_page()
                page.goto(f"{url}/?sessie={code}")
                page.get_by_text("Vanuit welk perspectief kijkt u?").wait_for()
                settle(page)
                page.get_by_text(perspective, exact=True).click()
                page.get_by_role("button", name="Deelnemen").click()
                page.get_by_text(f"U doet mee als {perspective}").wait_for()
                settle(page)
                assert "deelnemer=" in page.url
                form = page.locator('[class*="st-key-item-"]').first  # one item; a pick saves
                form.get_by_text(f"{kans} · {KANS[kans]}", exact=True).click()
                form.get_by_text(f"{impact} · {IMPACT[impact]}", exact=True).click()
                page.get_by_text(f"✓ Opgeslagen: kans {kans}, impact {impact}").wait_for()
                assert page.evaluate("document.documentElement.scrollWidth") <= 390
                phones.append(page)

            # a reload is a new Streamlit session: identity and score come back from the URL and the database
            phones[0].reload()
            phones[0].get_by_text(f"U doet mee als {VOTERS[0][0]}").wait_for()
            phones[0].get_by_text(f"✓ Opgeslagen: kans {VOTERS[0][1]}, impact {VOTERS[0][2]}").wait_for()

            projector = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="nl-NL").new_page()
            projector.set_default_timeout(60_000)
            projector.goto(f"{url}/?sessie={code}&weergave=projector&sleutel={key}")
            # the matrix comes in two heights and the window shows one (ui/presentation.py): here the large one
            large = projector.locator(".st-key-proj-matrix-large")
            large.get_by_text("Stemmen verborgen tot de facilitator ze toont").wait_for()
            votes = projector.locator('[data-testid="stMetric"]').filter(has_text="Stemmen").first
            assert votes.locator('[data-testid="stMetricValue"]').inner_text().strip() == str(len(VOTERS))
            assert not projector.locator('[data-testid="stSidebar"]').is_visible()

            # the facilitator signs in on another screen and reveals the votes; the projector follows live
            desk = browser.new_context(viewport={"width": 1366, "height": 768}, locale="nl-NL").new_page()
            desk.set_default_timeout(60_000)
            sign_in(desk, url, "facilitator")
            desk.goto(f"{url}/werkatelier")
            desk.get_by_role("button", name="Stemmen tonen").click()
            desk.get_by_role("button", name="Stemmen verbergen").wait_for()

            projector.get_by_text("Meeste verschil bovenaan").wait_for(timeout=15_000)
            header = [t.strip() for t in projector.locator('[data-testid="stTable"] thead th').all_inner_texts()]
            rows = projector.locator('[data-testid="stTable"] tbody tr')
            shown = {}
            for i in range(rows.count()):
                texts = [t.strip() for t in rows.nth(i).locator("th, td").all_inner_texts()]
                shown[texts[0]] = dict(zip(header, texts, strict=False))
            assert "1" in shown, (header, shown)
            lik = statistics.median(v[1] for v in VOTERS)
            imp = statistics.median(v[2] for v in VOTERS)
            assert shown["1"]["Kans"] == f"{lik:g}" and shown["1"]["Impact"] == f"{imp:g}"
            votes = projector.locator('[data-testid="stMetric"]').filter(has_text="Stemmen").first
            assert votes.locator('[data-testid="stMetricValue"]').inner_text().strip() == str(len(VOTERS))
            projector.screenshot(path=str(path.parent / "projector.png"))
        finally:
            browser.close()
