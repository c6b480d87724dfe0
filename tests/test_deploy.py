"""The deployment recipe (issue 11 point 11, docs/deploy.md): deploy/nginx.conf, placeholders filled in, run by a
real nginx (Debian's package) with a self-signed certificate in front of a real Streamlit server bound to
127.0.0.1. In chromium a beheerder signs in and opens pages, and a werkatelier participant joins and votes, all
through the proxy; the security headers are there, Streamlit's metrics are refused and the browser reported no
Content-Security-Policy violation. nginx runs as the test's own user, with its prefix, pid and temp dirs in
tmp_path, on free ports."""

from __future__ import annotations

import base64
import hashlib
import http.client
import inspect
import os
import pwd
import re
import shutil
import socket
import ssl
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import streamlit

from governance.core.db import open_database
from governance.workshop import session as sessions
from tests import actors
from tests.server import CHROMIUM, CHROMIUM_ARGS, free_port, sign_in, streamlit_server
from ui import nav, theme

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "deploy" / "nginx.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

NEEDS_NGINX = pytest.mark.skipif(not os.access(NGINX, os.X_OK), reason="nginx is not installed (scripts/test.sh does)")

# nginx's own configuration around the site file: everything it writes stays in the test's folder.
MAIN = """daemon off;
worker_processes 1;
pid {d}/nginx.pid;
error_log {d}/error.log info;
{user}
events {{ worker_connections 256; }}
http {{
    access_log {d}/access.log;
    client_body_temp_path {d}/tmp/client_body;
    proxy_temp_path {d}/tmp/proxy;
    fastcgi_temp_path {d}/tmp/fastcgi;
    uwsgi_temp_path {d}/tmp/uwsgi;
    scgi_temp_path {d}/tmp/scgi;
    include {d}/verbonden.conf;
}}
"""
PAGES = [  # path, heading: charts (plotly), the register table, heat maps, the werkatelier with its QR code
    ("/", "Overzicht verbonden partijen"),
    ("/register", "Register verbonden partijen"),
    ("/risicos", "Risico's"),
    ("/weerstandsvermogen", "Weerstandsvermogen"),
    ("/werkatelier", "Werkatelier"),
]
KANS, IMPACT = "3 · Gemiddeld (50 %)", "4 · Groot (€ 500.000 – € 1.000.000)"  # the default 5×5 matrix
CSP_LISTENER = """window.__csp = [];
document.addEventListener('securitypolicyviolation',
    e => window.__csp.push(`${e.violatedDirective} ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`));"""


def site(**values: str) -> str:
    """deploy/nginx.conf with its @NAME@ placeholders filled in, as docs/deploy.md's sed line does."""
    text = TEMPLATE.read_text()
    for name, value in values.items():
        text = text.replace(f"@{name}@", value)
    left = re.findall(r"@[A-Z_]+@", text)
    assert not left, f"placeholders not filled in: {left}"
    return text


def certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1, made with openssl as docs/deploy.md shows for a trial."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


@contextmanager
def nginx(folder: Path, upstream: str) -> Iterator[tuple[str, int, Path]]:
    """nginx serving deploy/nginx.conf in front of `upstream` (host:port); yields the https base URL, the http
    port and the certificate. Its error log is printed if the test failed."""
    https_port, http_port = free_port(), free_port()
    (folder / "tmp").mkdir(parents=True)
    cert, key = certificate(folder)
    (folder / "verbonden.conf").write_text(
        site(SERVER_NAME="127.0.0.1 localhost", HTTPS_PORT=str(https_port), HTTP_PORT=str(http_port),
             TLS_CERT=str(cert), TLS_KEY=str(key), UPSTREAM=upstream)
    )  # fmt: skip
    # As root, nginx's workers would become 'nobody' and could not reach tmp_path: keep them as this user.
    user = f"user {pwd.getpwuid(os.getuid()).pw_name};" if os.getuid() == 0 else ""
    conf = folder / "nginx.conf"
    conf.write_text(MAIN.format(d=folder, user=user))
    command = [NGINX, "-p", str(folder), "-c", str(conf), "-e", str(folder / "error.log")]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    deadline = time.time() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", https_port), timeout=1).close()
            break
        except OSError:
            if proc.poll() is not None or time.time() > deadline:
                proc.kill()
                raise RuntimeError(f"nginx did not come up:\n{(folder / 'error.log').read_text()}") from None
            time.sleep(0.2)
    ok = False
    try:
        yield f"https://127.0.0.1:{https_port}", http_port, cert
        ok = True
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        if not ok:
            print((folder / "error.log").read_text())


def settle(page: object) -> None:
    """tests/server.py's settle, with its condition as a function: Playwright evaluates an expression string
    with eval(), which this CSP (rightly) refuses."""
    page.wait_for_timeout(250)  # type: ignore[attr-defined]
    page.wait_for_function(  # type: ignore[attr-defined]
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " && !document.querySelector('[data-stale=\"true\"]')",
        timeout=30_000,
    )


def inline_script_hashes() -> set[str]:
    """The CSP hashes of the inline scripts in the installed Streamlit's index.html."""
    page = (Path(streamlit.__file__).parent / "static" / "index.html").read_text()
    scripts = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", page, re.S)
    return {"'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'" for s in scripts}


@pytest.fixture
def workshop_db(demo_file: Path, tmp_path: Path) -> tuple[Path, str]:
    """A demo database with an open werkatelier on its scores screen; returns the path and the session code."""
    path = tmp_path / "deploy.duckdb"
    shutil.copy(demo_file, path)
    db = open_database(path)
    risk = int(db.scalar("SELECT min(id) FROM risk"))
    fenna = actors.FACILITATOR
    code = sessions.create_session(
        db,
        {
            "title": "Werkatelier achter nginx",
            "facilitator": "Fenna",
            "risk_ids": [risk],
            "perspectives": "Wethouder\nController",
        },
        fenna,
    )["code"]
    sessions.set_screen(db, code, "scores", fenna)
    db.close()
    return path, code


def test_no_page_icon_is_fetched_from_another_host() -> None:
    """A page's :material/...: icon becomes the browser tab's icon, fetched from Google's font servers (which the
    CSP refuses); the app's own tab icon is a local file."""
    assert ":material/" not in inspect.getsource(nav.pages)
    assert Path(theme.ICON).is_file() and theme.ICON.endswith(".svg")


@pytest.mark.browser  # Debian's chromium: scripts/test.sh installs it, and nginx and openssl
@NEEDS_NGINX
def test_sign_in_and_vote_through_nginx_with_tls_and_security_headers(
    workshop_db: tuple[Path, str], tmp_path: Path
) -> None:
    from playwright.sync_api import sync_playwright

    path, code = workshop_db
    with (
        streamlit_server(path) as upstream,
        nginx(tmp_path / "nginx", upstream.removeprefix("http://")) as (url, http_port, cert),
        sync_playwright() as pw,
    ):
        tls = ssl.create_default_context(cafile=str(cert))  # the certificate really is the proxy's, for 127.0.0.1

        def get(target: str) -> http.client.HTTPResponse:
            try:
                return urllib.request.urlopen(target, context=tls, timeout=30)
            except urllib.error.HTTPError as refused:
                return refused  # type: ignore[return-value]

        # headers on the sign-in page (which sets some of them itself: one copy each, the proxy's)
        answer = get(f"{url}/aanmelden")
        assert answer.status == 200
        csp = answer.headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in csp and "default-src 'self'" in csp and "http" not in csp, csp
        directives = {d.split()[0]: d.split()[1:] for d in csp.split(";") if d.strip()}
        missing = inline_script_hashes() - set(directives["script-src"])
        assert not missing, f"Streamlit's index.html changed: put {missing} in deploy/nginx.conf's script-src"
        for name, value in [("Referrer-Policy", "no-referrer"), ("X-Content-Type-Options", "nosniff"),
                            ("X-Frame-Options", "DENY"), ("Content-Security-Policy", csp)]:  # fmt: skip
            assert answer.headers.get_all(name) == [value], (name, answer.headers.get_all(name))

        # Streamlit's metrics (and its agent API) are answered by the proxy, not the app
        assert urllib.request.urlopen(f"{upstream}/_stcore/metrics", timeout=30).status == 200
        for refused in ("/_stcore/metrics", "/_stcore/metrics?format=text", "/_stcore/agent/openapi.json"):
            answer = get(url + refused)
            assert answer.status == 404 and "frame-ancestors" in answer.headers["Content-Security-Policy"], refused
        assert get(f"{url}/_stcore/health").read() == b"ok"

        # plain http only redirects; a body over the importer's 10 MB (+ 1 MB framing) never reaches the app
        plain = http.client.HTTPConnection("127.0.0.1", http_port, timeout=30)
        plain.request("GET", "/register")
        redirect = plain.getresponse()
        assert redirect.status == 301 and redirect.headers["Location"].startswith("https://"), redirect.headers
        big = http.client.HTTPSConnection("127.0.0.1", int(url.rsplit(":", 1)[1]), context=tls, timeout=30)
        big.putrequest("PUT", "/_stcore/upload_file/sessie/bestand")
        big.putheader("Content-Length", str(12 * 1024 * 1024))
        big.endheaders()
        assert big.getresponse().status == 413

        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        console: list[str] = []
        try:

            def watched(**options: object) -> object:
                context = browser.new_context(ignore_https_errors=True, locale="nl-NL", **options)
                context.set_default_timeout(60_000)
                context.add_init_script(CSP_LISTENER)
                page = context.new_page()
                page.on("console", lambda m: console.append(f"{m.type}: {m.text}"))
                page.on("pageerror", lambda e: console.append(f"pageerror: {e}"))
                return page

            desk = watched(viewport={"width": 1366, "height": 768})
            sign_in(desk, url, "beheerder")
            cookie = next(c for c in desk.context.cookies() if c["name"] == "vp_sessie")
            assert cookie["secure"] and cookie["httpOnly"], cookie  # X-Forwarded-Proto reached the app
            violations: list[str] = []
            for page_path, heading in PAGES:
                shown = desk.goto(url + page_path)
                assert shown is not None and shown.headers["content-security-policy"] == csp
                desk.get_by_role("heading", name=heading).first.wait_for()
                settle(desk)
                violations += desk.evaluate("window.__csp")
            desk.get_by_text("QR-code naar de deelnamelink").wait_for()  # an image from the app's /media

            phone = watched(viewport={"width": 390, "height": 844})
            phone.goto(f"{url}/?sessie={code}")
            phone.get_by_text("Vanuit welk perspectief kijkt u?").wait_for()
            settle(phone)
            phone.get_by_text("Controller", exact=True).click()
            phone.get_by_role("button", name="Deelnemen").click()
            phone.get_by_text("U doet mee als Controller").wait_for()
            settle(phone)
            form = phone.locator('[class*="st-key-item-"]').first  # one item; a pick saves
            form.get_by_text(KANS, exact=True).click()
            form.get_by_text(IMPACT, exact=True).click()
            phone.get_by_text("✓ Opgeslagen: kans 3, impact 4").wait_for()
            violations += phone.evaluate("window.__csp")
        finally:
            browser.close()
        assert not violations, sorted(set(violations))
        blocked = [m for m in console if "Content Security Policy" in m or "Refused to" in m]
        assert not blocked, blocked

    db = open_database(path)
    try:
        assert db.scalar("SELECT count(*) FROM workshop_score WHERE likelihood = 3 AND impact = 4") == 1
    finally:
        db.close()
