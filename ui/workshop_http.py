"""The browser keeps a werkatelier participant's token: `GET /werkatelier/onthouden?sessie=CODE&deelnemer=TOKEN`
answers with a 1×1 image and an HttpOnly cookie `vp_deelnemer_CODE` holding the token, for a participant who
is taking part in that open session (anything else gets no cookie).

Streamlit's script cannot set a cookie, and the token must not be readable by page scripts; so the participant
page (ui/workshop.py) shows this image once after joining. On the next visit the browser sends the cookie with
the websocket, `st.context.cookies` has it, and the same browser gets its participant back instead of joining
as a new one. Mounted beside Streamlit by app.py (`st.App(routes=...)`); werkatelier requests carry `sessie`,
so the sign-in gate lets them through, as it does the participant page itself.
"""

from __future__ import annotations

import base64
import html
import urllib.parse

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from governance import workshop
from governance.core.db import open_database
from governance.core.errors import DomainError

REMEMBER = "/werkatelier/onthouden"
COOKIE_PREFIX = "vp_deelnemer_"
COOKIE_SECONDS = 24 * 3600  # a werkatelier lasts a day at most
PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")  # 1×1 transparent GIF
HEADERS = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer", "X-Content-Type-Options": "nosniff"}


def cookie_name(code: str) -> str:
    """The cookie that keeps this browser's participant token for session `code`."""
    return COOKIE_PREFIX + workshop.normalise_code(code)


def remember_tag(code: str, token: str) -> str:
    """The invisible image the participant page shows once: loading it sets the cookie. A relative address, so
    it also works when the app is served under a path behind a proxy."""
    query = urllib.parse.urlencode({"sessie": workshop.normalise_code(code), "deelnemer": token})
    src = html.escape(f"{REMEMBER.lstrip('/')}?{query}", quote=True)
    return f'<img src="{src}" alt="" width="1" height="1" style="position:absolute;opacity:0">'


def _secure(request: Request) -> bool:
    return request.url.scheme == "https" or request.headers.get("x-forwarded-proto") == "https"


async def remember(request: Request) -> Response:
    response = Response(PIXEL, media_type="image/gif", headers=HEADERS)
    code = workshop.normalise_code(request.query_params.get("sessie"))
    token = request.query_params.get("deelnemer") or ""
    try:
        db = open_database()
        session = workshop.open_session(db, code)
        known = workshop.participant(db, session["id"], token) is not None
    except DomainError:
        known = False
    if known:
        response.set_cookie(
            cookie_name(code),
            token,
            max_age=COOKIE_SECONDS,
            httponly=True,
            samesite="lax",
            secure=_secure(request),
            path="/",
        )
    return response


def routes() -> list[Route]:
    return [Route(REMEMBER, remember, methods=["GET"])]
