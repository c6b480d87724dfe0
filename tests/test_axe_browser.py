"""Accessibility, measured: axe-core's WCAG 2.1 A/AA rules on every page of the navigation, the sign-in page, a
werkatelier participant's page (before and after joining) and the projector (join and score screens), each at
laptop (1366x768), projector (1920x1080) and phone (390x844) size. The app's own content has no violations; what
Streamlit's own widgets cause is listed, with the reason, in tests/axe_allowlist.json, so a new one fails.
Allowlist entries that matched nothing are printed, so the list stays honest. Also on a freshly onboarded
gemeente for Overzicht, Register and Risicoprofiel."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from governance.core.db import open_database
from governance.workshop import access
from governance.workshop import session as sessions
from tests import actors, axe_check
from tests.server import browser_page, settle, sign_in, streamlit_server

pytestmark = pytest.mark.browser

SIZES = {"laptop": (1366, 768), "projector": (1920, 1080), "phone": (390, 844)}
# every page of ui/nav.py's navigation for a beheerder, by its URL path (Streamlit's: the file's name)
NAV_PAGES = [
    "/",
    "/register",
    "/risicos",
    "/risicoprofiel",
    "/rollen",
    "/financien",
    "/weerstandsvermogen",
    "/pc_kalender",
    "/ontwikkelagenda",
    "/rapportages",
    "/werkatelier",
    "/begrippen",
    "/beheer",
    "/risico_instellingen",
    "/register_instellingen",
    "/organisatie",
    "/gebruikers",
]
ONBOARDED_PAGES = ["/", "/register", "/risicoprofiel"]


def _wait_drawn(page: object) -> None:
    """The script has run and every plotly chart has drawn its SVG."""
    settle(page)
    page.wait_for_function(  # type: ignore[attr-defined]
        "[...document.querySelectorAll('[data-testid=\"stPlotlyChart\"]')].every(c => c.querySelector('.main-svg'))",
        timeout=30_000,
    )


class Audit:
    """Runs axe at the three sizes and collects what the allowlist does not cover, per page and size."""

    def __init__(self) -> None:
        self.entries = axe_check.allowlist()
        self.used: set[int] = set()
        self.counts: list[tuple[str, str, int, int]] = []  # page, size, all nodes, nodes left after the allowlist
        self.open: list[str] = []

    def run(self, page: object, name: str) -> None:
        _wait_drawn(page)
        for size, (width, height) in SIZES.items():
            page.set_viewport_size({"width": width, "height": height})  # type: ignore[attr-defined]
            page.wait_for_timeout(300)  # type: ignore[attr-defined]  # Streamlit relays out on resize
            _wait_drawn(page)
            found = axe_check.check(page, self.entries)
            self.used |= found["used"]
            self.counts.append((name, size, found["total"], len(found["open"])))
            if found["open"]:
                self.open.append(f"{name} at {size} ({width}x{height}):\n{axe_check.describe(found['open'])}")
        page.set_viewport_size({"width": 1366, "height": 768})  # type: ignore[attr-defined]

    def report(self, check_unused: bool = True) -> None:
        print("\naxe-core WCAG 2.1 A/AA, nodes found / left after the allowlist:")
        for name, size, total, left in self.counts:
            print(f"  {name:40} {size:10} {total:3} / {left}")
        if check_unused:
            for i, entry in enumerate(self.entries):
                if i not in self.used:
                    print(f"  allowlist entry matched nothing: {entry['rule']} at {entry['selector']}")
        assert not self.open, "accessibility violations of the app's own content:\n" + "\n".join(self.open)


@pytest.fixture
def workshop_db(demo_file: Path, tmp_path: Path) -> tuple[Path, str, str]:
    """The demo with one open werkatelier (two risks, three perspectives) on its join screen."""
    path = tmp_path / "axe.duckdb"
    shutil.copy(demo_file, path)
    db = open_database(path)
    risks = [int(r) for r in db.query("SELECT id FROM risk ORDER BY id LIMIT 2")["id"]]
    code = sessions.create_session(
        db,
        {
            "title": "Toegankelijkheid",
            "facilitator": "Fenna",
            "risk_ids": risks,
            "perspectives": "Wethouder\nController\nBewoner",
        },
        actors.named("Fenna"),
    )["code"]
    sessions.set_screen(db, code, "deelnemen", actors.named("Fenna"))
    key = access.projector_key(db, code)
    db.close()
    return path, code, key


def test_every_page_meets_wcag_21_aa_at_three_sizes(workshop_db: tuple[Path, str, str]) -> None:
    path, code, key = workshop_db
    audit = Audit()
    with streamlit_server(path) as url, browser_page(user=None) as page:
        page.goto(f"{url}/aanmelden")
        page.get_by_label("Gebruikersnaam").wait_for()
        audit.run(page, "Aanmelden")
        sign_in(page, url)
        for route in NAV_PAGES:
            page.goto(url + route)
            page.get_by_role("heading", level=1).first.wait_for()
            audit.run(page, route)

        projector = f"{url}/?sessie={code}&weergave=projector&sleutel={key}"
        page.goto(projector)
        page.get_by_text("Doe mee: scan de QR-code of open").wait_for()
        audit.run(page, "projector: deelnemen")

        # the facilitator puts the score screen on the projector
        page.goto(f"{url}/werkatelier")
        page.get_by_role("heading", level=1).first.wait_for()
        settle(page)
        page.get_by_text("Scores en spreiding", exact=True).click()
        settle(page)
        page.goto(projector)
        # the matrix is drawn at two heights and the window shows one (ui/presentation.py): wait for the shown one
        page.locator("text=Stemmen verborgen tot de facilitator ze toont >> visible=true").first.wait_for()
        audit.run(page, "projector: scores")

        page.goto(f"{url}/?sessie={code}")
        page.get_by_text("Vanuit welk perspectief kijkt u?").wait_for()
        audit.run(page, "deelnemer: perspectief kiezen")
        page.get_by_text("Bewoner", exact=True).click()
        page.get_by_role("button", name="Deelnemen").click()
        page.get_by_text("U doet mee als Bewoner").wait_for()
        audit.run(page, "deelnemer: scoren")
    audit.report()


def test_a_freshly_onboarded_gemeente_meets_wcag_21_aa(onboarded_files, tmp_path: Path) -> None:
    path = tmp_path / "gemeente.duckdb"
    shutil.copy(onboarded_files("gm0654"), path)
    audit = Audit()
    with streamlit_server(path) as url, browser_page(url=url) as page:
        for route in ONBOARDED_PAGES:
            page.goto(url + route)
            page.get_by_role("heading", level=1).first.wait_for()
            audit.run(page, f"gm0654 {route}")
    audit.report(check_unused=False)  # a few pages only: not every Streamlit widget the allowlist covers is on them
