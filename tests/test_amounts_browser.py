"""Amounts typed the Dutch way into the figures form, in chromium with a Dutch and an English browser: what is
stored is what was meant, and a number typed another way is shown as read before it is saved."""

from __future__ import annotations

import decimal
from pathlib import Path

import pytest

from governance.core.db import open_database
from tests.server import browser_page, settle, streamlit_server

pytestmark = pytest.mark.browser

D = decimal.Decimal
TYPED = {  # label → (typed, stored)
    "Bijdrage gemeente (€)": ("1.250.000,50", D("1250000.50")),
    "Eigen vermogen 31/12 (€)": ("-12.500,50", D("-12500.50")),
    "Financieel resultaat (€)": ("€ 2.000.000", D("2000000.00")),
    "Verstrekte leningen (€)": ("1250000", D("1250000.00")),
}


def test_dutch_amounts_are_stored_as_meant_in_dutch_and_english_browsers(served_db: Path) -> None:
    db = open_database(served_db)
    pid, code = db.rows("SELECT id, code FROM party ORDER BY name LIMIT 1")[0].values()
    db.close()
    saved: dict[str, int] = {}
    with streamlit_server(served_db) as url:
        for locale in ("nl-NL", "en-US"):
            with browser_page(url=url, locale=locale) as page:
                try:
                    page.goto(f"{url}/register?partij={code}")
                    page.get_by_role("tab", name="Financiën").click()
                    settle(page)
                    year = _pick_next_year(page)
                    for label, (typed, _) in TYPED.items():
                        field = page.get_by_label(label, exact=True)
                        field.fill(typed)
                    save = page.get_by_role("button", name="Cijfers opslaan")
                    save.click()
                    settle(page)
                    page.get_by_text("U typte '1250000'; gelezen als € 1.250.000.").wait_for()
                    assert page.get_by_label("Verstrekte leningen (€)", exact=True).input_value() == "1.250.000"
                    assert page.get_by_label("Financieel resultaat (€)", exact=True).input_value() == "2.000.000"
                    save.click()
                    page.get_by_text(f"De cijfers begroting {year} zijn opgeslagen.").wait_for()
                except Exception:
                    page.screenshot(path=str(served_db.parent / f"failed-{locale}.png"), full_page=True)
                    raise
            saved[locale] = year
    db = open_database(served_db)
    try:
        for locale, year in saved.items():
            row = db.rows(
                "SELECT contribution, equity_end, result, loans FROM party_year WHERE party_id = ? AND year = ?",
                [pid, year],
            )
            assert list(row[0].values()) == [stored for _, stored in TYPED.values()], locale
    finally:
        db.close()


def _pick_next_year(page: object) -> int:
    """The year list offers the years with figures and the one after the last: pick that one (no figures yet).
    By keyboard (type the year, Enter): a click on an option was lost when a rerun closed the list under it."""
    # the figures form's year (key fy-<party>), not the sidebar's or the reserve form's below it
    box = page.locator('[class*="st-key-fy-"]').get_by_role("combobox", name="Jaar", exact=True)  # type: ignore[attr-defined]
    # the sparklines above draw late and shift the page; a scroll closes an open list: wait for them, scroll first
    page.wait_for_function(  # type: ignore[attr-defined]
        "[...document.querySelectorAll('.stPlotlyChart')].every(c => c.querySelector('.main-svg'))"
    )
    box.scroll_into_view_if_needed()
    page.wait_for_timeout(500)  # type: ignore[attr-defined]
    box.click()
    options = page.get_by_role("option")  # type: ignore[attr-defined]
    options.first.wait_for()
    year = max(int(t) for t in options.all_inner_texts())
    for _ in range(4):
        box.click()
        page.keyboard.type(str(year))  # type: ignore[attr-defined]
        page.keyboard.press("Enter")  # type: ignore[attr-defined]
        settle(page)
        if box.input_value() == str(year) or page.locator('[class*="st-key-fy-"]').get_by_text(str(year)).count():
            break
    return year
