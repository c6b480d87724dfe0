"""Waarschuwingssignalen (issue 16, point 4) in real browsers: the facilitator opens the exercise and puts it on the
projector; two participants on phones (390x844) tick signs per party, each tick saved when made (44 px tap
targets, no sideways scrolling), one adds a sign of their own; the projector (1920x1080) shows the counts per
sign and party; the facilitator makes a risk of the most recognised sign, which is then in the risk register with
an audit row under the facilitator's user."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from governance.core.db import open_database
from governance.workshop import access
from governance.workshop import session as sessions
from tests import actors
from tests.server import CHROMIUM, CHROMIUM_ARGS, choose, settle, sign_in, streamlit_server

pytestmark = pytest.mark.browser  # needs Debian's chromium: scripts/test.sh installs it

COSTS = "Onverwachte extra kosten voor de gemeente"
LATE = "Stukken komen laat"
CHECKBOXES = """
[...document.querySelectorAll('[data-testid="stMainBlockContainer"] [data-testid="stCheckbox"] label')]
  .filter(e => e.getBoundingClientRect().width > 0).map(e => e.getBoundingClientRect().height)
"""


@pytest.fixture
def served(demo_file: Path, tmp_path: Path) -> dict:
    path = tmp_path / "signals.duckdb"
    shutil.copy(demo_file, path)
    db = open_database(path)
    found = db.rows(
        "SELECT min(r.id) AS risk_id, r.party_id, min(p.name) AS name FROM risk r JOIN party p ON p.id = r.party_id "
        "GROUP BY r.party_id ORDER BY r.party_id LIMIT 2"
    )
    values = {"title": "Signalen in de browser", "facilitator": "Fenna", "risk_ids": [r["risk_id"] for r in found]}
    code = sessions.create_session(db, values, actors.FACILITATOR)["code"]
    key = access.projector_key(db, code)
    db.close()
    return {"path": path, "code": code, "key": key, "parties": [(int(r["party_id"]), r["name"]) for r in found]}


def _table(page) -> dict[str, dict[str, str]]:  # noqa: ANN001 (a Playwright page)
    header = [t.strip() for t in page.locator('[data-testid="stTable"] thead th').all_inner_texts()]
    rows = page.locator('[data-testid="stTable"] tbody tr')
    shown = {}
    for i in range(rows.count()):
        texts = [t.strip() for t in rows.nth(i).locator("th, td").all_inner_texts()]
        shown[texts[0]] = dict(zip(header, texts, strict=False))
    return shown


def test_two_phones_tick_signs_the_projector_counts_them_and_one_becomes_a_risk(served: dict) -> None:
    from playwright.sync_api import sync_playwright

    path, code = served["path"], served["code"]
    (party_a, name_a), (party_b, name_b) = served["parties"]
    with streamlit_server(path) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            desk = browser.new_context(viewport={"width": 1366, "height": 900}, locale="nl-NL").new_page()
            desk.set_default_timeout(60_000)
            sign_in(desk, url, "facilitator")
            desk.goto(f"{url}/werkatelier")
            desk.get_by_text("Waarschuwingssignalen herkennen").click()
            desk.get_by_role("button", name="Oefening signalen openen").click()
            desk.get_by_text("Gedaan: oefening signalen openen.").wait_for()
            settle(desk)
            desk.get_by_text("Waarschuwingssignalen herkennen").click()
            desk.get_by_role("button", name="Signalen op de projector").click()
            desk.get_by_text("Projector: waarschuwingssignalen.").wait_for()

            phones = []
            for perspective in ("Wethouder", "Controller"):
                context = browser.new_context(viewport={"width": 390, "height": 844}, locale="nl-NL")
                context.set_default_timeout(60_000)
                phone = context.new_page()
                phone.goto(f"{url}/?sessie={code}")
                phone.get_by_text("Vanuit welk perspectief kijkt u?").wait_for()
                settle(phone)
                phone.get_by_text(perspective, exact=True).click()
                phone.get_by_role("button", name="Deelnemen").click()
                phone.get_by_text("Waarschuwingssignalen").first.wait_for()
                settle(phone)
                phones.append(phone)

            first, second = phones
            heights = first.evaluate(CHECKBOXES)
            assert heights and min(heights) >= 44, heights
            assert first.evaluate("document.documentElement.scrollWidth") <= 390
            at_a = first.locator(f".st-key-signs-{party_a}")
            at_a.get_by_text(COSTS, exact=True).click()
            at_a.get_by_text("✓ Opgeslagen: 1 signaal aangevinkt.").wait_for()
            settle(first)
            at_a.get_by_text(LATE, exact=True).click()
            at_a.get_by_text("✓ Opgeslagen: 2 signalen aangevinkt.").wait_for()

            second.locator(f".st-key-signs-{party_a}").get_by_text(COSTS, exact=True).click()
            second.locator(f".st-key-signs-{party_a}").get_by_text("✓ Opgeslagen: 1 signaal aangevinkt.").wait_for()
            settle(second)
            at_b = second.locator(f".st-key-signs-{party_b}")
            at_b.get_by_label("Eigen signaal (mag leeg blijven)").fill("Wisselende contactpersonen")
            at_b.get_by_role("button", name="Signaal toevoegen").click()
            at_b.get_by_text("Wisselende contactpersonen (eigen signaal)").wait_for()
            at_b.get_by_text("✓ Opgeslagen: 1 signaal aangevinkt.").wait_for()

            projector = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="nl-NL").new_page()
            projector.set_default_timeout(60_000)
            projector.goto(f"{url}/?sessie={code}&weergave=projector&sleutel={served['key']}")
            projector.get_by_text("Waarschuwingssignalen — 2 deelnemers").wait_for()
            projector.locator('[data-testid="stTable"] tbody tr').first.wait_for()
            settle(projector)
            shown = _table(projector)
            assert (shown[COSTS][name_a], shown[COSTS][name_b], shown[COSTS]["Totaal"]) == ("2", "0", "2"), shown
            assert (shown[LATE][name_a], shown[LATE]["Totaal"]) == ("1", "1")
            assert shown["Wisselende contactpersonen (eigen)"][name_b] == "1"
            assert list(shown)[0] == COSTS  # the most recognised first
            size = projector.locator('[data-testid="stTable"] td').first.evaluate(
                "e => parseFloat(getComputedStyle(e).fontSize)"
            )
            assert size >= 24, size
            projector.screenshot(path=str(path.parent / "signals-projector.png"))

            desk.reload()
            desk.get_by_text("Waarschuwingssignalen herkennen").click()
            choose(desk, "Signaal", f"{name_a} · {COSTS} (2)")
            settle(desk)
            desk.get_by_role("button", name="Maak risico").click()
            desk.get_by_text(f"aangemaakt bij {name_a}: {COSTS}.").wait_for()
        finally:
            browser.close()
    db = open_database(path)
    try:
        risk = db.rows("SELECT id, party_id, title, cause FROM risk ORDER BY id DESC LIMIT 1")[0]
        assert (risk["party_id"], risk["title"]) == (party_a, COSTS)
        assert "2 deelnemers herkennen" in risk["cause"]
        audit = db.rows(
            "SELECT actor, user_id, reason FROM audit_log WHERE entity = 'risk' AND entity_id = ?", [str(risk["id"])]
        )
        assert audit == [
            {"actor": actors.FACILITATOR.name, "user_id": actors.FACILITATOR.user_id,
             "reason": f"werkatelier {code}: signaal '{COSTS}'"}
        ]  # fmt: skip
    finally:
        db.close()
