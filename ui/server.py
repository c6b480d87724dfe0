"""The HTTP side of sign-in, mounted on Streamlit's own server (`st.App` in app.py): a visitor without a sign-in
gets a plain Dutch sign-in page instead of the app, `POST /aanmelden` checks the password and sets an HttpOnly
session cookie, `/afmelden` ends the session and clears the cookie, `/aanmelden/link` redeems a one-time
sign-in link, `/aanmelden/organisatie` turns an organisation sign-on into the same session cookie.

The cookie makes a sign-in survive a reload and a dropped websocket; the app script checks it again on every
rerun (ui/signin.py), so this layer is for the people, the script is the guard. Werkatelier links (`?sessie=`)
pass through. Organisation sign-on (OIDC) runs through Streamlit's own st.login and its /auth routes; back on
`/` with Streamlit's identity cookie, the app script maps the identity to a user (st.user → governance.auth)
and sends the browser to `/aanmelden/organisatie` with a one-time token, which sets our session cookie and
removes Streamlit's: from then on one kind of session, one check, one lifetime, one Afmelden.
"""

from __future__ import annotations

import datetime as dt
import html
import urllib.parse
from pathlib import Path

from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from governance import auth
from governance.core.db import open_database

COOKIE = "vp_sessie"
OIDC_COOKIES = ("_streamlit_user", "_streamlit_user_tokens")  # Streamlit's identity cookies (st.login)
SIGN_IN, SIGN_OUT, LINK, HANDOFF = "/aanmelden", "/afmelden", "/aanmelden/link", "/aanmelden/organisatie"
OIDC_START = "/?aanmelden=organisatie"  # the app script calls st.login() for this
# Paths the browser loads for the app itself; everything else is a page a visitor navigates to.
PASS_THROUGH = ("/_stcore/", "/static/", "/component/", "/media/", "/app/static/", "/auth/", "/oauth2callback")
PASS_FILES = ("/favicon.png", "/favicon.ico", "/manifest.json", "/robots.txt")
PAGE = (Path(__file__).resolve().parent / "signin.html").read_text(encoding="utf-8")


def organisation_sign_on() -> bool:
    """Whether .streamlit/secrets.toml configures organisation sign-on (an [auth] section for st.login)."""
    import streamlit as st

    try:
        return bool(st.secrets.get("auth"))
    except Exception:  # no secrets file at all: Streamlit raises its own error type
        return False


def _db():
    return open_database()


def signed_in(request: Request) -> bool:
    """A valid session cookie: unknown, ended and expired sessions (the lifetime is the server's) sign nobody in."""
    return auth.session_actor(_db(), request.cookies.get(COOKIE)) is not None


def _oidc_return(request: Request) -> bool:
    """Back from the identity provider: Streamlit's callback sends the browser to `/` with its identity cookie;
    the app script then hands the identity over to a session of ours, or refuses it."""
    return request.url.path == "/" and bool(request.cookies.get(OIDC_COOKIES[0]))


def _next(value: str | None) -> str:
    """Where to go after signing in: a path on this site only (never another host)."""
    target = urllib.parse.urlsplit(value or "/")
    if target.scheme or target.netloc or not (target.path or "/").startswith("/") or target.path.startswith("//"):
        return "/"
    return urllib.parse.urlunsplit(("", "", target.path or "/", target.query, ""))


def page(message: str | None = None, next_path: str = "/", name: str = "", status: int = 200) -> HTMLResponse:
    """The sign-in page, with a Dutch message when the previous attempt failed."""
    error = f'<p class="error" role="alert">{html.escape(message)}</p>' if message else ""
    oidc = (
        f'<p><a class="button secondary" href="{OIDC_START}">Aanmelden met organisatieaccount</a></p>'
        if organisation_sign_on()
        else ""
    )
    body = (
        PAGE.replace("{{error}}", error)
        .replace("{{oidc}}", oidc)
        .replace("{{next}}", html.escape(next_path, quote=True))
        .replace("{{name}}", html.escape(name, quote=True))
    )
    headers = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY"}
    return HTMLResponse(body, status_code=status, headers=headers)


def _secure(request: Request) -> bool:
    return request.url.scheme == "https" or request.headers.get("x-forwarded-proto") == "https"


def _with_cookie(request: Request, target: str, result: auth.SignIn) -> Response:
    response = RedirectResponse(target, status_code=303)
    seconds = max(60, int((result.expires - dt.datetime.now()).total_seconds())) if result.expires else 3600
    response.set_cookie(
        COOKIE, result.token or "", max_age=seconds, httponly=True, samesite="lax", secure=_secure(request), path="/"
    )
    return response


def _same_origin(request: Request) -> bool:
    """A sign-in form posted from this site, not from another one (login CSRF). Browsers say so in Sec-Fetch-Site;
    the page sends no referrer, so Origin is 'null' and only a real other origin counts against it."""
    site = request.headers.get("sec-fetch-site")
    if site is not None:
        return site in ("same-origin", "none")
    origin = request.headers.get("origin")
    if not origin or origin == "null":
        return True  # tools and old browsers send neither; the password itself is the proof
    host = request.headers.get("x-forwarded-host") or request.headers.get("host") or ""
    return urllib.parse.urlsplit(origin).netloc == host


async def sign_in(request: Request) -> Response:
    if request.method == "GET":
        return page(next_path=_next(request.query_params.get("naar")))
    form = await request.form()
    name, password = str(form.get("gebruikersnaam", "")), str(form.get("wachtwoord", ""))
    target = _next(str(form.get("naar", "/")))
    if not _same_origin(request):
        return page("Aanmelden kan alleen vanaf deze site.", target, status=403)
    client = request.client.host if request.client else None
    result = auth.sign_in(_db(), name, password, detail=f"via {client}" if client else None)
    if result.token is None:
        return page(result.message, target, name, status=401)
    return _with_cookie(request, target, result)


def _drop_oidc_cookies(request: Request, response: Response) -> None:
    """Remove Streamlit's identity cookies (and the chunks a large one is split into): after the handover our
    session is the only sign-in; at Afmelden nothing of the organisation sign-on is left to sign in again."""
    for name in request.cookies:
        if name in OIDC_COOKIES or any(name.startswith(f"{c}_") and name[len(c) + 1 :].isdigit() for c in OIDC_COOKIES):
            response.delete_cookie(name, path="/")


async def sign_out(request: Request) -> Response:
    """Afmelden: the session ends in the database and the cookie is cleared; back to the sign-in page."""
    auth.sign_out(_db(), request.cookies.get(COOKIE))
    response = RedirectResponse(SIGN_IN, status_code=303)
    response.delete_cookie(COOKIE, path="/")
    _drop_oidc_cookies(request, response)
    response.headers["Cache-Control"] = "no-store"
    return response


async def one_time_link(request: Request) -> Response:
    result = auth.redeem_link(_db(), request.query_params.get("token", ""))
    if result.token is None:
        return page(result.message, status=401)
    return _with_cookie(request, "/", result)


async def organisation_handoff(request: Request) -> Response:
    """The app script mapped an organisation sign-on to a user and sends the browser here with a one-time token:
    set our session cookie, drop Streamlit's identity cookies."""
    result = auth.redeem_handoff(_db(), request.query_params.get("token", ""))
    if result.token is None:
        response: Response = page("De organisatie-aanmelding is verlopen; meld u opnieuw aan.", status=401)
    else:
        response = _with_cookie(request, "/", result)
    _drop_oidc_cookies(request, response)
    return response


def routes() -> list[Route]:
    return [
        Route(SIGN_IN, sign_in, methods=["GET", "POST"]),
        Route(SIGN_OUT, sign_out, methods=["GET", "POST"]),
        Route(LINK, one_time_link, methods=["GET"]),
        Route(HANDOFF, organisation_handoff, methods=["GET"]),
    ]


class SignInGate:
    """ASGI middleware: a page request without a sign-in gets the sign-in page, not the app."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        path = request.url.path
        passes = (
            path.startswith(PASS_THROUGH)
            or path in PASS_FILES
            or path.startswith(SIGN_IN)
            or path == SIGN_OUT
            or "sessie" in request.query_params  # werkatelier participants and the projector: their own guard
            or request.query_params.get("aanmelden") == "organisatie"  # starts st.login in the app
            or _oidc_return(request)
        )
        if passes or signed_in(request):
            if path.startswith(PASS_THROUGH) or path in PASS_FILES:
                await self.app(scope, receive, send)
                return
            # The page itself (a few KB): asked uncompressed, so its language can be set (dutch_document).
            headers = [(k, v) for k, v in scope.get("headers", []) if k != b"accept-encoding"]
            await self.app({**scope, "headers": headers}, receive, dutch_document(send))
            return
        await page(next_path=_next(str(request.url.path) + (f"?{request.url.query}" if request.url.query else "")))(
            scope, receive, send
        )


def dutch_document(send: Send) -> Send:
    """Streamlit serves its page as `<html lang="en">`; a screen reader then reads our Dutch in English (WCAG 3.1.1).
    Rewrite that one attribute in an uncompressed HTML response (its few KB held until complete), keeping
    Content-Length right."""
    start: dict = {}
    parts: list[bytes] = []

    async def wrapped(message: dict) -> None:
        if message["type"] == "http.response.start":
            headers = dict(message.get("headers", []))
            if headers.get(b"content-type", b"").startswith(b"text/html") and b"content-encoding" not in headers:
                start.update(message)  # held back until the body is known
                return
            await send(message)
            return
        if message["type"] == "http.response.body" and start:
            parts.append(message.get("body", b""))
            if message.get("more_body"):
                return
            body = b"".join(parts).replace(b'<html lang="en"', b'<html lang="nl"', 1)
            headers = [(k, v) for k, v in start.get("headers", []) if k != b"content-length"]
            headers.append((b"content-length", str(len(body)).encode()))
            await send({**start, "headers": headers})
            await send({"type": "http.response.body", "body": body, "more_body": False})
            start.clear()
            parts.clear()
            return
        await send(message)

    return wrapped


def middleware() -> Middleware:
    return Middleware(SignInGate)
