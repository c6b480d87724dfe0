"""A sign-in in a real browser: it survives a reload for its lifetime, Afmelden ends it for good, and an expired
session leads back to the sign-in page. `streamlit run` on a free port, Debian's chromium."""

from __future__ import annotations

from pathlib import Path

import pytest

from governance.core.access import SYSTEM
from governance.core.db import open_database
from tests.server import browser_page, free_port, settle, sign_in, streamlit_server

pytestmark = pytest.mark.browser

SIGNED_IN = "Aangemeld als Bea Beheer (beheerder), rol beheerder."


def _on_sign_in_page(page: object, url: str) -> None:
    page.wait_for_url(f"{url}/aanmelden**")  # type: ignore[attr-defined]
    page.get_by_label("Gebruikersnaam").wait_for()  # type: ignore[attr-defined]
    assert page.get_by_text(SIGNED_IN).count() == 0  # type: ignore[attr-defined]


def _cookie(page: object) -> str | None:
    found = [c["value"] for c in page.context.cookies() if c["name"] == "vp_sessie"]  # type: ignore[attr-defined]
    return found[0] if found else None


def test_a_sign_in_survives_a_reload_and_afmelden_ends_it(served_db: Path) -> None:
    with streamlit_server(served_db) as url, browser_page(url=url) as page:
        page.get_by_text(SIGNED_IN).wait_for()
        page.reload()
        settle(page)
        page.get_by_text(SIGNED_IN).wait_for()
        assert _cookie(page)

        page.get_by_role("button", name="Afmelden").click()
        _on_sign_in_page(page, url)
        assert _cookie(page) is None  # the HttpOnly cookie is gone, not just the session in this tab
        page.reload()
        _on_sign_in_page(page, url)
        page.goto(f"{url}/register")
        page.wait_for_url(f"{url}/register")
        page.get_by_label("Gebruikersnaam").wait_for()  # the gate's sign-in page, no register data
        assert page.get_by_role("link", name="Overzicht").count() == 0

    db = open_database(served_db)
    try:
        sessions = db.rows("SELECT revoked_at FROM auth_session WHERE kind = 'sessie'")
        assert len(sessions) == 1 and sessions[0]["revoked_at"] is not None  # ended in the database too
        events = [r["event"] for r in db.rows("SELECT event FROM auth_event ORDER BY id")]
        assert events == ["aangemeld", "afgemeld"]
    finally:
        db.close()


def test_an_expired_session_leads_to_the_sign_in_page(served_db: Path) -> None:
    port = free_port()
    with browser_page() as page:
        with streamlit_server(served_db, port=port) as url:
            sign_in(page, url)
            page.get_by_text(SIGNED_IN).wait_for()
            token = _cookie(page)
        # DuckDB lets one process hold the file: age the session while the server is stopped
        db = open_database(served_db)
        db.write(
            lambda tx: tx.execute("UPDATE auth_session SET created_at = created_at - INTERVAL 9 HOUR"), SYSTEM, "users"
        )
        db.close()
        with streamlit_server(served_db, port=port) as url:
            assert _cookie(page) == token  # the browser still offers it; the server no longer accepts it
            page.goto(f"{url}/")
            page.get_by_label("Gebruikersnaam").wait_for()
            assert page.get_by_text(SIGNED_IN).count() == 0
            assert page.get_by_role("link", name="Overzicht").count() == 0


def test_a_beheerder_adds_a_lezer_who_then_signs_in_without_the_gebruikers_page(served_db: Path) -> None:
    password = "een wachtwoord voor de raad"
    with streamlit_server(served_db) as url:
        with browser_page(url=url) as page:
            page.set_default_timeout(60_000)  # type: ignore[attr-defined]  # a loaded machine: several apps at once
            settle(page)  # the first page's run finished: a click during it could be answered by that page
            page.get_by_role("link", name="Gebruikers").click()
            page.wait_for_url(f"{url}/gebruikers")
            settle(page)
            page.get_by_text("Wie zich mag aanmelden en met welke rol.").wait_for()
            page.get_by_role("tab", name="Gebruiker toevoegen").click()
            page.get_by_label("Inlognaam *").fill("jansen")
            page.get_by_label("Naam", exact=True).fill("Jan Jansen")
            page.get_by_label("Wachtwoord (minstens 12 tekens)", exact=True).fill(password)
            page.get_by_label("Wachtwoord nog een keer", exact=True).fill(password)
            page.get_by_role("button", name="Gebruiker toevoegen").click()
            page.get_by_text("Gebruiker 'jansen' is toegevoegd.").wait_for()
        with browser_page(url=None) as page:
            sign_in(page, url, "jansen", password)
            page.get_by_text("Aangemeld als Jan Jansen (jansen), rol lezer.").wait_for()
            settle(page)
            assert page.get_by_role("link", name="Gebruikers").count() == 0
            page.goto(f"{url}/gebruikers")  # not in a lezer's navigation: Streamlit shows the default page
            page.get_by_text("Aangemeld als Jan Jansen (jansen), rol lezer.").wait_for()
            settle(page)
            assert page.get_by_role("heading", name="Gebruikers").count() == 0
    db = open_database(served_db)
    try:
        row = db.rows("SELECT actor, role, after FROM audit_log WHERE entity = 'app_user' ORDER BY id DESC LIMIT 1")[0]
        assert (row["actor"], row["role"]) == ("Bea Beheer (beheerder)", "beheerder")
        assert "$argon2" not in row["after"]
    finally:
        db.close()
