"""No tracebacks to users (issue 11 point 9): a page that fails unexpectedly shows a Dutch message with a short
reference, never the traceback or a server path, and the server's log has the traceback under that reference."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from governance.core.db import open_database
from tests import apptest

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
