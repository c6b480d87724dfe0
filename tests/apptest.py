"""Run the real app under streamlit.testing.v1.AppTest and read what it shows."""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path

import numpy as np
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


def _values(raw) -> list:
    """A trace's data array as a flat list: plotly sends numeric arrays as {'dtype', 'bdata'} (base64)."""
    if isinstance(raw, dict) and "bdata" in raw:
        return np.frombuffer(base64.b64decode(raw["bdata"]), dtype=np.dtype(raw["dtype"])).tolist()
    if isinstance(raw, list):
        return [v for item in raw for v in (_values(item) if isinstance(item, (list, dict)) else [item])]
    return [] if raw is None else [raw]


def _numbers(raw) -> list[float]:
    return [float(v) for v in _values(raw) if isinstance(v, (int, float)) and not isinstance(v, bool) and v == v]


def shows_data(trace: dict) -> bool:
    """Whether a trace draws something a reader takes for data: a bar with a length, a heat-map cell, a point or
    line away from zero. A filled zone (a backdrop) and a legend-only trace (all None) are not data."""
    kind = trace.get("type", "scatter")
    if kind == "heatmap":
        return bool(_numbers(trace.get("z")))
    if kind == "bar":
        axis = "x" if trace.get("orientation") == "h" else "y"
        return any(_numbers(trace.get(axis)))
    if kind == "scatter" and trace.get("fill") == "toself":
        return False
    if kind == "scatterpolar":
        return any(_numbers(trace.get("r")))
    points = [
        (x, y) for x, y in zip(_values(trace.get("x")), _values(trace.get("y")), strict=False) if None not in (x, y)
    ]
    return any(not isinstance(v, (int, float)) or v != 0 for point in points for v in point)


def empty_chart(figure: dict) -> bool:
    """A plotly figure (as `charts` gives it) that draws no data: an empty-state message belongs there."""
    return not any(shows_data(t) for t in figure.get("data", []))
