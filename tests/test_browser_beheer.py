"""Import in a real browser: upload on Beheer, read the preview, confirm, and find the change in the register."""

from __future__ import annotations

from pathlib import Path

import pytest

from governance.core.db import open_database
from tests.server import browser_page, choose, settle, streamlit_server
from tests.test_spreadsheet import DATA

pytestmark = pytest.mark.browser  # needs Debian's chromium: scripts/test.sh installs it


def test_upload_preview_confirm_and_see_it_in_the_register(served_db: Path) -> None:
    upload = DATA / "good" / "partijen-utf8-bom.csv"
    with streamlit_server(served_db) as url, browser_page(url=url, user="controller") as page:
        try:
            page.goto(f"{url}/beheer")
            page.get_by_role("heading", name="Beheer").wait_for()
            settle(page)
            page.get_by_role("tab", name="Importeren").click()
            page.locator("input[type=file]").set_input_files(str(upload))
            page.get_by_role("heading", name="Voorbeeld: wat de import zou doen").wait_for()
            settle(page)
            assert page.locator("[data-testid=stDataFrame]").count() >= 2  # counts and changes
            confirm = page.get_by_role("button", name="Import uitvoeren (1 toegevoegd, 1 gewijzigd, 0 ongewijzigd)")
            confirm.click()
            page.get_by_text(
                f"Import uit '{upload.name}' uitgevoerd: 1 toegevoegd, 1 gewijzigd, 0 ongewijzigd."
            ).wait_for()
            settle(page)

            page.goto(f"{url}/register?partij=vr-voorbeeldland")
            page.get_by_role("heading", name="Veiligheidsregio Voorbeeldland").wait_for()
            settle(page)
            page.get_by_text("Nieuwdorp").first.wait_for()

            page.goto(f"{url}/register")
            page.get_by_role("heading", name="Register verbonden partijen").wait_for()
            settle(page)
            choose(page, "Partij openen", "Stichting Fonds Voorbeeld")
            page.get_by_role("heading", name="Stichting Fonds Voorbeeld").wait_for()
            page.get_by_text("'s-Hertogenbosch").first.wait_for()
        except Exception:
            page.screenshot(path=str(served_db.parent / "failed.png"), full_page=True)
            print("screenshot:", served_db.parent / "failed.png")
            raise

    db = open_database(served_db)
    try:
        assert db.scalar("SELECT seat FROM party WHERE code = 'vr-voorbeeldland'") == "Nieuwdorp"
        rows = db.rows(
            "SELECT actor, action, reason FROM audit_log WHERE user_id = 2 AND role = 'controller' ORDER BY id"
        )
        assert [(r["action"], r["reason"]) for r in rows] == [
            ("insert", f"Import uit '{upload.name}'"),
            ("update", f"Import uit '{upload.name}'"),
        ]
    finally:
        db.close()
