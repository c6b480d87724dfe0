"""Exported charts as a reader gets them (issue 12 point 5): the heat-map image names every level on both axes and
cuts off no text (it once read 'mpact'), and the werkatelier's HTML summary fits an A4 page (794 px) with no chart
running into the next one and no table wider than the page. Rendered for real: kaleido and Debian's chromium."""

from __future__ import annotations

import shutil
import struct
from pathlib import Path

import pytest

from governance import risks
from governance.core import images
from governance.core.db import open_database
from governance.workshop import export
from tests import projector_scene
from tests.server import CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.browser  # kaleido and the page checks use Debian's chromium: scripts/test.sh installs it

A4 = 794
TEXTS = """() => { const box = document.querySelector('svg').getBoundingClientRect();
  return [...document.querySelectorAll('svg text')].filter(t => t.textContent.trim()).map(t => {
    const r = t.getBoundingClientRect();
    return {text: t.textContent, left: r.left - box.left, right: r.right - box.left, top: r.top - box.top,
            bottom: r.bottom - box.top, width: box.width, height: box.height};
  });
}"""


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def streamlit_template():
    """The plotly template the running app has as default (Streamlit sets it on start), restored afterwards."""
    import plotly.io as pio
    from streamlit.elements.lib.streamlit_plotly_theme import configure_streamlit_plotly_theme

    before = pio.templates.default
    configure_streamlit_plotly_theme()
    yield
    pio.templates.default = before


def test_heatmap_image_names_every_level_and_cuts_off_nothing(demo_db, browser, streamlit_template) -> None:
    """Built as in the app, under Streamlit's plotly template (without plotly's automargin the Kans ticks fell
    off the bottom of the image)."""
    matrix = risks.get_matrix(demo_db)
    counts, _ = risks.cell_counts(risks.risk_table(demo_db), matrix, "net")
    fig = risks.heatmap(counts, matrix, "Netto risico's", mode="export")
    try:
        svg = images.to_image(fig, "svg").decode()
        png = images.to_image(fig, "png")
    finally:
        images.stop_images()
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (2 * 1400, 2 * fig.layout.height)  # the PNG is this figure, at twice the size
    page = browser.new_page(viewport={"width": 1400, "height": int(fig.layout.height)})
    page.set_content(f"<html><body style='margin:0'>{svg}</body></html>")
    texts = page.evaluate(TEXTS)
    page.close()
    ticks = " | ".join(t["text"] for t in texts)
    for n, level in enumerate(matrix.likelihood, 1):
        assert f"{n} {level.label}" in ticks, ticks
    for n, level in enumerate(matrix.impact, 1):
        assert f"{n} {level.label}" in ticks, ticks
    name = next(t for t in texts if t["text"].startswith("Impact"))
    assert name["text"] == "Impact (€) ↑"
    for t in texts:  # nothing drawn past the image's edges (measured from the image's own box)
        assert (t["width"], t["height"]) == (1400, fig.layout.height)
        assert t["left"] >= 0 and t["right"] <= t["width"] and t["top"] >= 0 and t["bottom"] <= t["height"], t


def test_screen_heatmap_keeps_its_short_ticks(demo_db) -> None:
    """On screen the names stay in the hover text (five ticks side by side on a phone); only the export adds them."""
    matrix = risks.get_matrix(demo_db)
    counts, _ = risks.cell_counts(risks.risk_table(demo_db), matrix, "net")
    screen = risks.heatmap(counts, matrix, "Netto", show_title=False).layout.xaxis.ticktext
    exported = risks.heatmap(counts, matrix, "Netto", mode="export").layout.xaxis.ticktext
    assert screen[0] == "1<br>10 %" and exported[0] == "1 Zeer klein<br>10 %"


def test_workshop_summary_fits_an_a4_page(demo_file: Path, tmp_path: Path, browser) -> None:
    path = tmp_path / "summary.duckdb"
    shutil.copy(demo_file, path)
    db = open_database(path)
    try:
        scene = projector_scene.build(db, n_items=10, n_voters=6)
        projector_scene.add_proposals_and_forces(db, scene)
        page_html = export.summary_html(db, scene["id"])
    finally:
        db.close()
    (tmp_path / "summary.html").write_text(page_html, encoding="utf-8")
    page = browser.new_page(viewport={"width": A4, "height": 1123})
    page.goto((tmp_path / "summary.html").as_uri())
    page.wait_for_function("[...document.images].every(i => i.complete && i.naturalHeight > 0)")
    measured = page.evaluate(
        """() => ({scroll: document.documentElement.scrollWidth,
          images: [...document.images].map(i => { const r = i.getBoundingClientRect();
            return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, natural: i.naturalHeight}; }),
          tables: [...document.querySelectorAll('table')].map(t => t.getBoundingClientRect().right)})"""
    )
    page.screenshot(path=str(tmp_path / "summary.png"), full_page=True)
    page.close()
    assert measured["scroll"] <= A4
    assert max(measured["tables"]) <= A4 and len(measured["tables"]) >= 4
    shown = measured["images"]
    assert len(shown) == 4  # matrix, spread, proposals, krachtenveld
    assert [i["natural"] for i in shown[:1]] == [620]  # each chart at its own height, not kaleido's 500
    for a, b in zip(shown, shown[1:], strict=False):
        assert a["bottom"] <= b["top"], (a, b)  # no chart runs into the next
    assert all(i["right"] <= A4 for i in shown)
