"""Organisation sign-on (OIDC) for real: a real OpenID Provider (panva/oidc-provider from tests/oidc, on Node) on a
free port, a real `streamlit run` with a temporary secrets.toml whose [auth] section points at it, and Debian's
chromium clicking through the provider's login and consent pages. No mocked provider, no mocked database."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from governance import auth
from governance.core.access import operator
from governance.core.db import open_database
from tests.server import ROOT, browser_page, free_port, settle, streamlit_server
from ui import server

OIDC = ROOT / "tests" / "oidc"
CLIENT_ID, CLIENT_SECRET = "vp-dashboard-test", "test-only-client-secret-0123456789"
KNOWN, UNKNOWN = "carla.controle@gemeente.example", "vreemde@elders.example"


@contextmanager
def provider(port: int, redirect_uri: str) -> Iterator[str]:
    """The OpenID Provider on 127.0.0.1:`port`; yields its issuer once discovery answers."""
    if shutil.which("node") is None or not (OIDC / "node_modules" / "oidc-provider").is_dir():
        pytest.fail("the test OpenID Provider needs node and `npm ci --prefix tests/oidc` (scripts/test.sh does both)")
    issuer = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryFile("w+") as log:
        proc = subprocess.Popen(
            ["node", "provider.mjs", str(port), redirect_uri, CLIENT_ID, CLIENT_SECRET],
            cwd=OIDC,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.time() + 20
            while True:
                try:
                    urllib.request.urlopen(f"{issuer}/.well-known/openid-configuration", timeout=1).read()
                    break
                except OSError:
                    if proc.poll() is not None or time.time() > deadline:
                        log.seek(0)
                        raise RuntimeError(f"oidc-provider did not come up:\n{log.read()}") from None
                    time.sleep(0.2)
            yield issuer
        finally:
            proc.terminate()
            proc.wait(timeout=10)


@contextmanager
def app_with_sign_on(db_path: Path, folder: Path) -> Iterator[str]:
    """The app served with organisation sign-on configured the way a gemeente does it: an [auth] section in a
    secrets.toml (here a temporary one, through --secrets.files)."""
    app_port, idp_port = free_port(), free_port()
    redirect_uri = f"http://127.0.0.1:{app_port}/oauth2callback"
    with provider(idp_port, redirect_uri) as issuer:
        secrets = folder / "secrets.toml"
        secrets.write_text(
            "[auth]\n"
            f'redirect_uri = "{redirect_uri}"\n'
            'cookie_secret = "test-only-cookie-secret-0123456789abcdef"\n'
            f'client_id = "{CLIENT_ID}"\n'
            f'client_secret = "{CLIENT_SECRET}"\n'
            f'server_metadata_url = "{issuer}/.well-known/openid-configuration"\n'
            "[auth.client_kwargs]\n"
            'prompt = "login"\n',  # the test provider does not know Streamlit's default 'select_account'
            encoding="utf-8",
        )
        with streamlit_server(db_path, port=app_port, options=["--secrets.files", str(secrets)]) as url:
            yield url


def sign_on(page: object, url: str, email: str) -> None:
    """From the sign-in page through the provider's own login and consent pages, as a person does."""
    page.goto(f"{url}/")  # type: ignore[attr-defined]
    page.get_by_role("link", name="Aanmelden met organisatieaccount").click()  # type: ignore[attr-defined]
    page.wait_for_url("**/interaction/**")  # type: ignore[attr-defined]
    page.locator("input[name=login]").fill(email)  # type: ignore[attr-defined]
    page.locator("input[name=password]").fill("wat dan ook")  # type: ignore[attr-defined]
    page.locator("button[type=submit]").click()  # type: ignore[attr-defined]
    page.wait_for_url("**/interaction/**")  # type: ignore[attr-defined]  # the consent page
    page.locator("button[type=submit]").click()  # type: ignore[attr-defined]
    page.wait_for_url(f"{url}/**")  # type: ignore[attr-defined]


def cookies(page: object) -> set[str]:
    return {c["name"] for c in page.context.cookies()}  # type: ignore[attr-defined]


@pytest.mark.browser
def test_organisation_sign_on_lands_signed_in_with_the_users_role(served_db: Path, tmp_path: Path) -> None:
    db = open_database(served_db)
    auth.add_user(
        db, {"name": "carla2", "full_name": "Carla Controle", "role": "controller", "email": KNOWN}, operator("tests")
    )
    db.close()
    with app_with_sign_on(served_db, tmp_path) as url, browser_page(user=None) as page:
        sign_on(page, url, KNOWN.upper())  # the provider's address in other letters: still the same person
        page.get_by_text("Aangemeld als Carla Controle (carla2), rol controller.").wait_for()  # type: ignore[attr-defined]
        assert page.url == f"{url}/"  # type: ignore[attr-defined]
        assert "vp_sessie" in cookies(page) and "_streamlit_user" not in cookies(page)  # one kind of session
        page.get_by_role("heading", name="Overzicht verbonden partijen").wait_for()  # type: ignore[attr-defined]
        # the role decides what the navigation offers: a controller gets no Gebruikers page
        assert page.get_by_role("link", name="Gebruikers").count() == 0  # type: ignore[attr-defined]
        page.reload()  # type: ignore[attr-defined]
        settle(page)
        page.get_by_text("Aangemeld als Carla Controle (carla2), rol controller.").wait_for()  # type: ignore[attr-defined]
    db = open_database(served_db)
    user = db.rows("SELECT id, oidc_subject FROM app_user WHERE name = 'carla2'")[0]
    assert user["oidc_subject"].endswith(f"|{KNOWN.upper()}")  # issuer|subject, linked at the first sign-on
    signed = db.rows("SELECT event, detail FROM auth_event WHERE user_id = ? ORDER BY id", [user["id"]])
    assert signed == [{"event": "aangemeld", "detail": f"organisatieaccount {KNOWN}"}]
    assert db.scalar("SELECT via FROM auth_session WHERE user_id = ? AND kind = 'sessie'", [user["id"]]) == (
        "organisatie"
    )
    db.close()


@pytest.mark.browser
def test_an_unknown_organisation_account_is_refused_in_dutch_and_logged(served_db: Path, tmp_path: Path) -> None:
    with app_with_sign_on(served_db, tmp_path) as url, browser_page(user=None) as page:
        sign_on(page, url, UNKNOWN)
        page.get_by_text("Uw organisatieaccount heeft geen toegang tot dit dashboard").wait_for()  # type: ignore[attr-defined]
        page.get_by_text(f"Organisatieaccount: {UNKNOWN}").wait_for()  # type: ignore[attr-defined]
        assert page.get_by_role("link", name="Overzicht").count() == 0  # type: ignore[attr-defined]  # no navigation
        assert "vp_sessie" not in cookies(page)
        page.get_by_role("button", name="Terug naar de aanmeldpagina").click()  # type: ignore[attr-defined]
        page.wait_for_url(f"{url}/aanmelden")  # type: ignore[attr-defined]
        assert "_streamlit_user" not in cookies(page)  # nothing of the refused identity is left
        page.get_by_label("Gebruikersnaam").wait_for()  # type: ignore[attr-defined]
    db = open_database(served_db)
    refused = db.rows("SELECT user_name, user_id, detail FROM auth_event WHERE event = 'geweigerd'")
    expected = {"user_name": UNKNOWN, "user_id": None, "detail": "organisatie-aanmelding zonder account"}
    assert refused and all(r == expected for r in refused)
    assert db.scalar("SELECT count(*) FROM auth_session") == 0  # no session, no one-time token
    db.close()


def test_without_an_auth_section_the_sign_in_page_offers_no_organisation_sign_on() -> None:
    body = server.page().body.decode()  # this checkout has no .streamlit/secrets.toml
    assert 'name="gebruikersnaam"' in body and "organisatieaccount" not in body
