"""No tracebacks to users (issue 11 point 9): a page that fails unexpectedly shows a Dutch message with a short
reference, never the traceback or a server path, and the server's log has the traceback under that reference."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from governance.core.db import open_database
from tests import apptest
from tests.server import browser_page, free_port, settle, streamlit_server
from ui import errors

REFERENCE = re.compile(r"geef dan deze referentie door aan de beheerder: ([0-9a-f]{8})$")


def _shown(at: AppTest) -> list[str]:
    """Every text the page shows (messages, headings, markdown, captions)."""
    kinds = (at.error, at.warning, at.info, at.success, at.title, at.header, at.markdown, at.caption)
    return [str(e.value) for kind in kinds for e in kind]


def _reference(at: AppTest, caplog: pytest.LogCaptureFixture, server_path: Path, error: str) -> str:
    """The page shows one Dutch error with a reference and nothing of the failure; the log has its traceback."""
    assert not at.exception, [e.value for e in at.exception]  # Streamlit's own exception box holds the traceback
    refs = [m.group(1) for text in (e.value for e in at.error) if (m := REFERENCE.search(text))]
    assert len(refs) == 1, _shown(at)
    for text in _shown(at):
        assert "Traceback" not in text and str(server_path.parent) not in text and error not in text, text
    logged = [r for r in caplog.records if r.name == "verbonden" and refs[0] in r.getMessage()]
    assert len(logged) == 1 and logged[0].exc_info is not None
    assert "Traceback" in caplog.text and error in caplog.text
    return refs[0]


def test_a_locked_database_shows_a_reference_not_the_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "vergrendeld.duckdb"
    holder = subprocess.Popen(  # another process holds the file, as a second running app would
        [
            sys.executable,
            "-c",
            "import duckdb, sys; c = duckdb.connect(sys.argv[1]); print('open', flush=True); sys.stdin.read()",
            str(path),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        monkeypatch.setenv("GOVERNANCE_DB", str(path))
        at = AppTest.from_string(apptest.ENTRY, default_timeout=60).run()
        _reference(at, caplog, path, "DatabaseLockedError")
    finally:
        holder.communicate("")


def test_a_page_that_fails_on_the_database_shows_a_reference(app_db: Path, caplog: pytest.LogCaptureFixture) -> None:
    at = apptest.run()  # signed in, Overzicht shown
    with open_database(app_db).cursor() as cur:  # the app's own database instance, broken underneath it
        cur.execute("ALTER TABLE risk RENAME TO risk_weg")
    at.switch_page(str(apptest.ROOT / "pages/risicos.py")).run()
    _reference(at, caplog, app_db, "CatalogException")
    assert at.sidebar.selectbox, "the navigation and sidebar stay: only the page's own content failed"


def test_a_domain_error_keeps_its_own_message(caplog: pytest.LogCaptureFixture) -> None:
    def script() -> None:
        from governance.core.errors import NotFoundError
        from ui import errors

        with errors.guarded():
            raise NotFoundError("Partij GR-99 bestaat niet (meer).")

    at = AppTest.from_function(script).run()
    assert not at.exception
    assert [e.value for e in at.error] == ["Partij GR-99 bestaat niet (meer)."]
    assert not [r for r in caplog.records if r.name == "verbonden"]


def test_a_malformed_websocket_message_gets_the_browser_nothing(served_db: Path) -> None:
    """A BackMsg that is not protobuf: the server closes that websocket and sends nothing, so no traceback or
    server path reaches the client (a real browser reconnects)."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from websockets.exceptions import ConnectionClosed
    from websockets.sync.client import connect

    with streamlit_server(served_db) as url, connect(url.replace("http", "ws", 1) + "/_stcore/stream") as ws:
        rerun = BackMsg()
        rerun.rerun_script.query_string = ""
        ws.send(rerun.SerializeToString())
        assert ws.recv(timeout=60)  # the session answers a well-formed message
        while True:  # drain the rest of that run
            try:
                ws.recv(timeout=2)
            except TimeoutError:
                break
        ws.send(b"\x08\xff\xff\xff geen protobuf \x12\x34")
        after = b""
        with pytest.raises(ConnectionClosed):
            while True:
                message = ws.recv(timeout=30)
                after += message if isinstance(message, bytes) else message.encode()
        assert after == b"", after[:200]


@pytest.mark.browser
def test_a_callback_or_fragment_that_fails_in_a_served_app_shows_a_reference(tmp_path: Path) -> None:
    """Streamlit's on_script_error (st.App) gets what app.py's guard cannot see: widget callbacks and fragment
    reruns. tests/data/failing_app.py passes the app's own handler, as app.py does."""
    import app  # as `streamlit run app.py` imports it: the module builds the st.App

    assert app.app._on_script_error is errors.report  # no public accessor
    port, log_path = free_port(), tmp_path / "server.log"
    cmd = [sys.executable, "-m", "streamlit", "run", "tests/data/failing_app.py", "--server.headless", "true",
           "--server.address", "127.0.0.1", "--server.port", str(port)]  # fmt: skip
    env = dict(os.environ, PYTHONPATH=str(apptest.ROOT))
    with log_path.open("w") as log:
        proc = subprocess.Popen(cmd, cwd=apptest.ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        with browser_page() as page:
            for attempt in range(120):  # until the server answers
                try:
                    page.goto(f"http://127.0.0.1:{port}/")
                    break
                except Exception:
                    assert proc.poll() is None and attempt < 119, log_path.read_text()
                    page.wait_for_timeout(500)
            refs = []
            for button in ("Terugroepactie", "Fragment"):
                page.goto(f"http://127.0.0.1:{port}/")  # a failed callback ends its run: start a new session
                page.get_by_role("button", name=button).click()
                shown = page.get_by_text("geef dan deze referentie door aan de beheerder")
                shown.first.wait_for()
                settle(page)
                text = page.locator('[data-testid="stAlertContentError"]').last.inner_text()
                refs.append(REFERENCE.search(text.strip()).group(1))  # type: ignore[union-attr]
                body = page.locator("body").inner_text()
                assert "/srv/verbonden" not in body and "Traceback" not in body and "RuntimeError" not in body
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    logged = log_path.read_text()
    for ref in refs:
        assert f"referentie {ref}" in logged
    assert logged.count("RuntimeError: kapot in /srv/verbonden/geheim.py") >= 2
