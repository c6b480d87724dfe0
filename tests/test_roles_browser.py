"""The role map in a real browser: filter it by a person, then click that person's node for the details."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import demo_facts
from tests.server import browser_page, settle, streamlit_server

pytestmark = pytest.mark.browser  # needs Debian's chromium: scripts/test.sh installs it


def shown(name: str) -> str:
    """A party name as the map writes it: whole, on two lines where long (joined again by map_labels)."""
    return name


def map_labels(page: object) -> set[str]:
    """The texts plotly drew on the role map (SVG text of the scatter traces)."""
    texts = page.evaluate(  # type: ignore[attr-defined]
        "Array.from(document.querySelectorAll('.stPlotlyChart .scatterlayer text')).map(t => {"
        " const lines = Array.from(t.querySelectorAll('tspan.line')).map(s => s.textContent);"
        " return lines.length ? lines.join(' ') : t.textContent; })"
    )
    return {t.removeprefix("⚠ ").strip() for t in texts if t and t.strip()}


def test_filter_role_map_by_person(served_db: Path) -> None:
    on = demo_facts.REFERENCE_DATE
    active = demo_facts.representations_on(on)
    mine = active[active["person"] == "weth-elzinga"]
    parties = demo_facts.csv("parties").set_index("code")["name"]
    with streamlit_server(served_db) as url, browser_page(1366, 900, url=url) as page:
        page.goto(f"{url}/rollen?peildatum={on}")
        page.get_by_role("heading", name="Rollen en vertegenwoordiging").wait_for()
        settle(page)
        page.get_by_role("tab", name="Rollenkaart").click()
        page.locator(".stPlotlyChart").first.wait_for()
        settle(page)
        assert "Ruud Kamphorst" in map_labels(page)
        try:
            box = page.get_by_label("Persoon", exact=True)
            box.click()
            box.fill("Sanne Elzinga")
            page.get_by_role("option", name="Sanne Elzinga", exact=True).click()
            page.keyboard.press("Escape")
            caption = f"Op 24-11-2026: 1 persoon, {mine['party'].nunique()} partijen, {len(mine)} vertegenwoordigingen."
            page.get_by_text(caption).wait_for()
            settle(page)
            page.wait_for_function(
                "!Array.from(document.querySelectorAll('.stPlotlyChart .scatterlayer text'))"
                ".some(t => t.textContent.includes('Ruud Kamphorst'))"
            )
            labels = map_labels(page)
            assert "Sanne Elzinga" in labels
            assert "Ruud Kamphorst" not in labels
            drawn = {code for code, name in parties.items() if shown(name) in labels}
            assert drawn == set(mine["party"])

            # click her node (right of her label): the details panel shows her seats
            text = page.locator(".stPlotlyChart .scatterlayer text", has_text="Sanne Elzinga").first.bounding_box()
            page.mouse.click(text["x"] + text["width"] + 12, text["y"] + text["height"] / 2)
            page.get_by_text("Wethouder; Sociaal domein", exact=False).wait_for()
            assert page.get_by_text("Dubbele pet").count() >= 1
        except Exception:
            page.screenshot(path=str(served_db.parent / "failed.png"), full_page=True)
            print("screenshot:", served_db.parent / "failed.png")
            raise
