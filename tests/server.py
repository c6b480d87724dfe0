"""Start the real app with `streamlit run` on a free port and drive it with Debian's chromium.

Never downloads a browser: Playwright's bundled driver talks to /usr/bin/chromium. On failure the
server's log is attached to the error so a red test says why.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from tests import actors

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_streamlit(
    db_path: Path, log_path: Path, wait_s: float = 60, port: int | None = None, options: Sequence[str] = ()
) -> tuple[subprocess.Popen, str]:
    """Start `streamlit run app.py` on `port` (default a free one) against `db_path`, its output in `log_path`,
    with extra `options` (e.g. `--secrets.files PATH`); returns the process and base URL once /_stcore/health
    answers, else kills it and raises with the server's log."""
    port = port or free_port()
    env = dict(os.environ, GOVERNANCE_DB=str(db_path))
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "app.py",
        "--server.headless",
        "true",
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--browser.gatherUsageStats",
        "false",
        *options,
    ]
    with log_path.open("w") as log:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + wait_s
    while True:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).read().strip() == b"ok":
                return proc, url
        except OSError:
            pass
        if proc.poll() is not None or time.time() > deadline:
            proc.kill()
            raise RuntimeError(f"streamlit did not come up; its log:\n{log_path.read_text()}")
        time.sleep(0.3)


@contextmanager
def streamlit_server(db_path: Path, port: int | None = None, options: Sequence[str] = ()) -> Iterator[str]:
    """Serve app.py against `db_path`; yields the base URL. The server's log is printed if it raised."""
    with tempfile.TemporaryDirectory() as folder:
        log_path = Path(folder) / "server.log"
        proc, url = start_streamlit(db_path, log_path, port=port, options=options)
        try:
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
            server_log = log_path.read_text()
            if "Traceback" in server_log:
                print(server_log)


def settle(page: object, timeout_ms: int = 30_000) -> None:
    """Wait until Streamlit has finished running the script: its 'Running' status widget is gone and no
    element of the previous run is left (Streamlit marks those data-stale until the run ends; on a busy
    machine the status widget can be gone before they are)."""
    page.wait_for_timeout(250)  # type: ignore[attr-defined]
    page.wait_for_function(  # type: ignore[attr-defined]
        "!document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " && !document.querySelector('[data-stale=\"true\"]')",
        timeout=timeout_ms,
    )


def choose(page: object, label: str, option: str) -> None:
    """Pick `option` in the Streamlit selectbox labelled `label`: type to filter, then Enter (the menu of a
    box near the bottom of the window can open outside it). A click that lands while the script reruns
    can leave the menu closed; then try again."""
    box = page.get_by_role("combobox", name=label, exact=True)  # type: ignore[attr-defined]  # not its help button
    for attempt in range(3):
        box.click()
        box.fill(option)
        target = page.get_by_role("option", name=option, exact=True)  # type: ignore[attr-defined]
        try:
            target.wait_for(timeout=5_000)
        except Exception:
            if attempt == 2:
                raise
            settle(page)
            continue
        box.press("Enter")
        return


def sign_in(page: object, url: str, user: str = "beheerder", password: str = actors.PASSWORD) -> None:
    """Sign in through the sign-in page as a person does (fields Gebruikersnaam and Wachtwoord, button
    Aanmelden); the session cookie then holds for every page this browser opens."""
    page.goto(f"{url}/aanmelden")  # type: ignore[attr-defined]
    page.get_by_label("Gebruikersnaam").fill(user)  # type: ignore[attr-defined]
    page.get_by_label("Wachtwoord").fill(password)  # type: ignore[attr-defined]
    page.get_by_role("button", name="Aanmelden").click()  # type: ignore[attr-defined]
    page.wait_for_url(f"{url}/", timeout=30_000)  # type: ignore[attr-defined]


@contextmanager
def browser_page(
    width: int = 1366,
    height: int = 768,
    url: str | None = None,
    user: str | None = "beheerder",
    locale: str = "nl-NL",
) -> Iterator[object]:
    """A new browser (own profile, Dutch locale unless told otherwise); with `url`, signed in there as `user`."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as profile, sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            profile,
            executable_path=CHROMIUM,
            args=CHROMIUM_ARGS,
            headless=True,
            viewport={"width": width, "height": height},
            locale=locale,
        )
        context.set_default_timeout(30_000)
        page = context.pages[0] if context.pages else context.new_page()
        if url and user:
            sign_in(page, url, user)
        try:
            yield page
        finally:
            context.close()
