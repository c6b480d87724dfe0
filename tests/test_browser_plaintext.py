"""Text is text, in a real browser (issue 11, point 7): hostile party names, risk titles, persons and a
werkatelier (tests/hostile_text.py) stored through the real write path, every page opened in chromium, with a
local HTTP listener standing in for the remote host the Markdown image, link and HTML point at.

The listener must receive no request (a rendered `![x](http://host/pixel.png)` is fetched by every browser
that shows it: each phone and the projector), no link or image on a page may point at it, and the page shows
the hostile text literally."""

from __future__ import annotations

import http.server
import shutil
import threading
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest

from governance.core.db import open_database
from governance.workshop.access import normalise_code
from tests import hostile_text
from tests.server import browser_page, choose, settle, streamlit_server

pytestmark = pytest.mark.browser  # needs Debian's chromium: scripts/test.sh installs it

PAGES = [  # path, the hostile kinds the page shows as visible text
    ("/", []),
    ("/register", []),  # the list is a canvas grid: its text is not in the page
    ("/risicos", []),
    ("/risicoprofiel", []),
    ("/rollen", []),
    ("/weerstandsvermogen", []),
    ("/werkatelier", []),
    ("/beheer", []),
    ("/risico_instellingen", []),
    ("/organisatie", []),
]


class Listener:
    """A local HTTP server in a thread that records every request: the 'remote' host of the hostile texts."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        seen = self.requests

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
                seen.append(self.path)
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = int(self.server.server_address[1])
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Listener:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    with Listener() as running:
        yield running


@pytest.fixture
def hostile(demo_file: Path, tmp_path: Path, listener: Listener) -> tuple[Path, hostile_text.Stored]:
    path = tmp_path / "hostile.duckdb"
    shutil.copy(demo_file, path)
    db = open_database(path)
    stored = hostile_text.store(db, listener.port)
    db.close()  # the server opens the file itself
    return path, stored


def pointing_at(page: object, port: int) -> list[str]:
    """Links and images on the page that point at the listener."""
    return page.evaluate(  # type: ignore[attr-defined]
        """port => [...document.querySelectorAll('a[href], img[src]')]
            .map(e => e.href || e.src).filter(u => u.includes('127.0.0.1:' + port))""",
        port,
    )


def body_text(page: object) -> str:
    return hostile_text.visible(page.inner_text("body"))  # type: ignore[attr-defined]


def check(page: object, listener: Listener, shown: list[str]) -> None:
    settle(page)
    assert pointing_at(page, listener.port) == []
    text = body_text(page)
    assert [s for s in shown if s not in text] == [], text[:2000]


def test_no_page_fetches_or_links_hostile_text(hostile: tuple[Path, hostile_text.Stored], listener: Listener) -> None:
    path, stored = hostile
    code = stored.code
    with streamlit_server(path) as url:
        with browser_page(url=url) as page:
            for route, kinds in PAGES:
                page.goto(f"{url}{route}")
                check(page, listener, [stored.texts[k] for k in kinds])
            page.goto(f"{url}/register")
            settle(page)
            choose(page, "Partij openen", stored.texts["image"])  # types to filter, retries a click lost to a rerun
            page.get_by_role("button", name="← Terug naar het register").wait_for()
            check(page, listener, [stored.texts["image"]])
            page.goto(f"{url}/risicos?risico={stored.risks['link']}")
            page.get_by_role("button", name="Sluiten").wait_for()
            check(page, listener, [stored.texts["link"]])

        with browser_page() as phone:  # a participant: no sign-in, only the link
            phone.goto(f"{url}/?sessie={code}")
            phone.get_by_text("Vanuit welk perspectief kijkt u?").wait_for()
            check(phone, listener, [stored.texts["bold"], stored.texts["latex"]])  # casus and perspectives
            phone.goto(f"{url}/?sessie={code}&deelnemer={stored.token}")
            phone.get_by_text("U doet mee als").wait_for()
            check(phone, listener, [stored.texts["image"]])  # the items to score
            sections = phone.locator('[data-testid="stButtonGroup"]')
            sections.get_by_text("Voorstellen", exact=True).click()
            phone.get_by_role("button", name="+ stip").first.wait_for()
            check(phone, listener, [stored.texts[k] for k in ("image", "link", "html", "bold", "long")])
            sections.get_by_text("Krachtenveld", exact=True).click()
            phone.get_by_text("Houding").first.wait_for()
            check(phone, listener, [stored.texts["colour"]])  # the stakeholders' table

        with browser_page(width=1920, height=1080) as projector:
            projector.goto(f"{url}/?sessie={code}&weergave=projector&sleutel={stored.key}")
            projector.get_by_text("Verbetervoorstellen").wait_for()
            check(projector, listener, [stored.texts["image"], stored.texts["html"]])

        with browser_page() as stranger:  # a crafted join link with Markdown in the code
            for kind in ("image", "link", "html"):
                crafted = urllib.parse.quote(stored.texts[kind])
                for extra in ("", "&weergave=projector&sleutel=x"):
                    stranger.goto(f"{url}/?sessie={crafted}{extra}")
                    stranger.locator('[data-testid="stAlert"]').first.wait_for()
                    check(stranger, listener, [normalise_code(stored.texts[kind])])  # as the error quotes it
    assert listener.requests == []
