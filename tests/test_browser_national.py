"""The onboarding in a real browser: a new database, choose a gemeente, see its regelingen in the register."""

from __future__ import annotations

from pathlib import Path

import pytest

from governance.core.db import open_database
from tests import roo_facts as facts
from tests.conftest import add_users
from tests.server import browser_page, choose, settle, streamlit_server

pytestmark = pytest.mark.browser  # needs Debian's chromium: scripts/test.sh installs it


def test_new_database_choose_gemeente_and_see_its_regelingen(tmp_path: Path) -> None:
    path = tmp_path / "nieuw.duckdb"  # a new database: the app must start with Kies uw organisatie
    db = open_database(path)
    add_users(db)  # the beheerder's first step on a new database (python -m governance user add)
    db.close()
    regelingen = facts.regelingen_of(facts.SUBSET, "gm0944")
    euregio = "Euregio Rijn-Waal"
    with streamlit_server(path) as url, browser_page(url=url) as page:
        page.goto(url)
        page.get_by_role("heading", name="Kies uw organisatie").wait_for()
        settle(page)
        try:
            box = page.get_by_role("combobox", name="Uw gemeente, provincie of waterschap", exact=True)
            for typed, first in (
                ("Utrecht", "Gemeente Utrecht"),
                ("Ede", "Gemeente Ede"),
                ("horst", "Gemeente Horst aan de Maas"),
            ):
                box.click()
                box.fill(typed)  # the best match first, not the 26 gemeenten in the provincie Utrecht
                page.get_by_role("option").first.wait_for()
                assert page.get_by_role("option").first.inner_text().strip() == first, typed
                box.press("Escape")
            mook = "Gemeente Mook en Middelaar"
            choose(page, "Uw gemeente, provincie of waterschap", mook)
            page.get_by_text(f"{len(regelingen)} regelingen in werking waarin Gemeente Mook en Middelaar").wait_for()
            settle(page)
            page.get_by_role("button", name=f"Register vullen met deze {len(regelingen)} regelingen").click()
            page.get_by_text("Het register van Gemeente Mook en Middelaar is gevuld").wait_for()
            settle(page)
            page.get_by_role("link", name="Register", exact=True).click()
            page.get_by_role("heading", name="Register verbonden partijen").wait_for()
            settle(page)
            page.get_by_text(f"{len(regelingen)} van {len(regelingen)} partijen getoond").wait_for()
            choose(page, "Partij openen", euregio)
            page.get_by_role("heading", name=euregio).wait_for()
            settle(page)
            page.get_by_text("organisaties.overheid.nl").first.wait_for()
        except Exception:
            page.screenshot(path=str(tmp_path / "failed.png"), full_page=True)
            print("screenshot:", tmp_path / "failed.png")
            raise
    db = open_database(path)
    try:
        assert db.scalar("SELECT count(*) FROM party") == len(regelingen)
        assert db.scalar("SELECT code FROM organisation WHERE is_ours") == "gm0944"
    finally:
        db.close()
