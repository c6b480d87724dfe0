"""The projector read from 10 metres (issue 12 point 3), in chromium at 1920x1080 and at 1280x720, for a live
session with 10 items after two rounds: the join code is at least 96 px, nothing scrolls, every Kans and Impact
tick is drawn horizontally at 24 px or more without touching its neighbour, no two item discs overlap, and the
list beside the matrix pages on to the items that do not fit."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from governance.core.db import open_database
from tests import projector_scene
from tests.server import CHROMIUM, CHROMIUM_ARGS, settle, streamlit_server

pytestmark = pytest.mark.browser  # needs Debian's chromium: scripts/test.sh installs it

SIZES = {(1920, 1080): "large", (1280, 720): "small"}
N_ITEMS = 10

MEASURE = """(box) => {
  const chart = document.querySelector(box);
  const ticks = axis => [...chart.querySelectorAll(`.${axis}tick text`)].map(t => {
    const r = t.getBoundingClientRect();
    return {text: t.textContent, transform: t.getAttribute('transform') || '',
            size: parseFloat(getComputedStyle(t).fontSize), left: r.left, right: r.right, top: r.top, bottom: r.bottom};
  });
  const discs = [...chart.querySelectorAll('.scatterlayer .trace')].filter(t => t.querySelector('.textpoint') &&
      t.querySelector('path.point')).flatMap(t => [...t.querySelectorAll('path.point')]).map(p => {
    const r = p.getBoundingClientRect(); return {x: r.left + r.width / 2, y: r.top + r.height / 2, d: r.width};
  });
  const main = document.querySelector('[data-testid="stMain"]');
  const code = document.querySelector('.st-key-proj-code p');
  return {x: ticks('x'), y: ticks('y'), discs, code: code.textContent,
          codeSize: parseFloat(getComputedStyle(code).fontSize),
          mainScroll: main.scrollHeight, docScroll: document.documentElement.scrollHeight,
          docWidth: document.documentElement.scrollWidth, height: innerHeight, width: innerWidth};
}"""


@pytest.fixture
def scene(demo_file: Path, tmp_path: Path) -> tuple[Path, dict]:
    path = tmp_path / "projector.duckdb"
    shutil.copy(demo_file, path)
    db = open_database(path)
    try:
        return path, projector_scene.build(db, n_items=N_ITEMS, n_voters=6)
    finally:
        db.close()


def _overlap(a: dict, b: dict) -> bool:
    return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]


def test_projector_reads_from_the_back_of_the_room_at_both_sizes(scene: tuple[Path, dict]) -> None:
    from playwright.sync_api import sync_playwright

    path, s = scene
    with streamlit_server(path) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            for (width, height), size in SIZES.items():
                page = browser.new_context(viewport={"width": width, "height": height}, locale="nl-NL").new_page()
                page.set_default_timeout(60_000)
                page.goto(f"{url}/?sessie={s['code']}&weergave=projector&sleutel={s['key']}")
                box = f".st-key-proj-matrix-{size} .js-plotly-plot"
                page.wait_for_selector(f"{box} .xtick text")
                settle(page)
                m = page.evaluate(MEASURE, box)
                where = f"at {width}x{height}"
                assert m["code"] == s["code"] and m["codeSize"] >= 96, where
                assert m["mainScroll"] <= height and m["docScroll"] <= height, (where, m["mainScroll"])
                assert m["docWidth"] <= width, where
                kans = ["Zeer klein", "Klein", "Gemiddeld", "Groot", "Zeer groot"]
                assert len(m["x"]) == 5 and len(m["y"]) == 5, (where, m["x"], m["y"])
                for n, (xt, yt) in enumerate(zip(m["x"], m["y"], strict=True)):
                    assert xt["text"].replace(" ", "").startswith(f"{n + 1}{kans[n].replace(' ', '')}"), xt["text"]
                    assert yt["text"].startswith(f"{n + 1} {kans[n]}"), yt["text"]
                for t in m["x"] + m["y"]:
                    assert "rotate" not in t["transform"] and t["size"] >= 24, (where, t)
                    assert t["right"] <= width and t["left"] >= 0, (where, t)  # drawn, not cut off
                for a, b in zip(m["x"], m["x"][1:], strict=False):
                    assert not _overlap(a, b), (where, a["text"], b["text"])
                discs = m["discs"]
                assert len(discs) == N_ITEMS, where
                for i, a in enumerate(discs):
                    for b in discs[i + 1 :]:
                        apart = ((a["x"] - b["x"]) ** 2 + (a["y"] - b["y"]) ** 2) ** 0.5
                        assert apart >= (a["d"] + b["d"]) / 2, (where, a, b)
                page.screenshot(path=str(path.parent / f"projector-{width}x{height}.png"))

                # 10 items, 8 to a page: the list pages on by itself to the other two
                listing = page.locator(".st-key-proj-items tbody tr")
                first = {r.split("\t")[0].strip() for r in listing.all_inner_texts()}
                other = "9–10 van 10" if "1–8 van 10" in page.inner_text("body") else "1–8 van 10"
                page.get_by_text(other).wait_for(timeout=25_000)
                settle(page)
                second = {r.split("\t")[0].strip() for r in listing.all_inner_texts()}
                assert first | second == {str(n) for n in range(1, N_ITEMS + 1)}, (first, second)
                assert len(first & second) == 0
                page.context.close()
        finally:
            browser.close()
