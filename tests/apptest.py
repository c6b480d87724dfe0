"""Run the real app under streamlit.testing.v1.AppTest and read what it shows."""

from __future__ import annotations

import json
import os
from pathlib import Path

from streamlit.testing.v1 import AppTest

from governance import auth
from governance.core.db import open_database
from tests import actors
from tests.conftest import add_users
from ui import errors, state

ROOT = Path(__file__).resolve().parent.parent
# AppTest treats a `pages/` folder beside the main script as the legacy multipage layout and then runs a
# page without app.py. Starting from an entry script in a temporary folder avoids that; app.py itself
# addresses its pages by absolute path (ui/nav.py).
ENTRY = f"import runpy\nrunpy.run_path({str(ROOT / 'app.py')!r}, run_name='__main__')\n"


def sign_in(user: str = "beheerder") -> str:
    """A real sign-in of a test user (tests/actors.py) on the app's database ($GOVERNANCE_DB): the session token
    the app keeps for this browser session."""
    db = open_database(os.environ.get("GOVERNANCE_DB") or None)
    if auth.count(db) == 0:  # a new database (onboarding tests): the beheerder adds the test users first
        add_users(db)
    result = auth.sign_in(db, user, actors.PASSWORD)
    assert result.token, result.message
    return result.token


def run(
    page: str | None = None, query: dict[str, str] | None = None, timeout: float = 60, user: str | None = "beheerder"
) -> AppTest:
    """Run app.py signed in as `user` (None: not signed in), with `query` as URL parameters, switch to `page`
    (e.g. "pages/register.py"), and fail on any exception the app raised."""
    at = AppTest.from_string(ENTRY, default_timeout=timeout)
    if user is not None:
        at.session_state[state.TOKEN] = sign_in(user)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(str(ROOT / page)).run()
    assert not at.exception, [e.value for e in at.exception]
    unexpected = errors.MESSAGE.split("{ref}")[0]  # app.py shows an unexpected exception as this, with a reference
    assert not [e.value for e in at.error if e.value.startswith(unexpected)], [e.value for e in at.error]
    return at


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def charts(at: AppTest) -> list[dict]:
    """The plotly figures on the page, as JSON (AppTest has no chart accessor)."""
    return [json.loads(e.proto.spec) for e in at.main.get("plotly_chart")]
