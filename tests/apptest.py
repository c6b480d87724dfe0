"""Run the real app under streamlit.testing.v1.AppTest and read what it shows."""

from __future__ import annotations

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
# AppTest treats a `pages/` folder beside the main script as the legacy multipage layout and then runs a
# page without app.py. Starting from an entry script in a temporary folder avoids that; app.py itself
# addresses its pages by absolute path (ui/nav.py).
ENTRY = f"import runpy\nrunpy.run_path({str(ROOT / 'app.py')!r}, run_name='__main__')\n"


def run(page: str | None = None, query: dict[str, str] | None = None, timeout: float = 60) -> AppTest:
    """Run app.py (with `query` as URL parameters), switch to `page` (e.g. "pages/register.py"), and
    fail on any exception the app raised."""
    at = AppTest.from_string(ENTRY, default_timeout=timeout)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(str(ROOT / page)).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def charts(at: AppTest) -> list[dict]:
    """The plotly figures on the page, as JSON (AppTest has no chart accessor)."""
    return [json.loads(e.proto.spec) for e in at.main.get("plotly_chart")]
