"""CSRF protection: a token bound to the session, repeated by every form.

A visitor with a session row has their token stored in it (field « csrf »): a cookie planted
by someone else cannot stand in for it. It is a new one at login and at logout. An anonymous
visitor without a row gets a double-submit cookie instead, so that looking at a form writes
nothing to the database; the first row created adopts it (it holds nothing worth forging yet),
and login replaces it. The cookie always carries the current token, SameSite=Lax, and Secure
when the request came over HTTPS.
"""

from __future__ import annotations

import functools
import hmac
import secrets
from collections.abc import Awaitable, Callable

from starlette.datastructures import FormData
from starlette.requests import HTTPConnection, Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mock_portal.middleware.sessions import Session, session_of

COOKIE = "pe_csrf"
FIELD = "csrf_token"
SESSION_FIELD = "csrf"


Endpoint = Callable[[Request], Awaitable[Response]]


class CsrfError(Exception):
    """A state-changing request without the right token: shown as a clear 403 page."""


def token_of(conn: HTTPConnection) -> str:
    """The token forms carry; empty on a page answered before this middleware ran."""
    token: str = conn.scope.get("csrf_token", "")
    return token


async def read_form(request: Request, **limits: int) -> FormData:
    """The submitted form, after checking its token; every state-changing POST goes through it."""
    form = await request.form(**limits)
    sent = form.get(FIELD)
    expected = request.scope.get("csrf_expected")
    # As bytes: compare_digest refuses str with non-ASCII characters, which anyone can send.
    if not isinstance(sent, str) or not expected or not hmac.compare_digest(_raw(sent), _raw(expected)):
        raise CsrfError
    return form


def _raw(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def csrf_first(endpoint: Endpoint) -> Endpoint:
    """Check the token before any other guard answers: a forged POST always gets the CSRF page.

    Only for endpoints that read their form with the default limits (Starlette caches the
    parsed form, so the endpoint's own ``read_form`` then costs nothing).
    """

    @functools.wraps(endpoint)
    async def checked(request: Request) -> Response:
        if request.method == "POST":
            await read_form(request)
        return await endpoint(request)

    return checked


class CsrfMiddleware:
    """Inside SessionMiddleware: it reads the session, and binds its token before it is saved."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        conn = HTTPConnection(scope)
        cookie = conn.cookies.get(COOKIE)
        session = session_of(conn)
        if session.token is not None and not session.get(SESSION_FIELD):
            # A row without a token yet (created by the testing API, or before tokens were bound).
            session[SESSION_FIELD] = cookie if cookie and session.persona_id is None else _new()
        bound = session.get(SESSION_FIELD) if session.token is not None else None
        scope["csrf_expected"] = bound or cookie
        scope["csrf_token"] = bound or cookie or _new()

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start":
                token = _final_token(session, scope["csrf_token"])
                if token != cookie:
                    header = _cookie(token, scope["scheme"] == "https").encode()
                    message["headers"] = [*message.get("headers", []), (b"set-cookie", header)]
            await send(message)

        await self.app(scope, receive, send_with_cookie)


def _new() -> str:
    return secrets.token_urlsafe(24)


def _final_token(session: Session, current: str) -> str:
    """The token after this request: new at logout and login, stored in a row about to exist."""
    persists = session.token is not None or (session.dirty and bool(session.data or session.persona_id))
    if session.cookie_changed and session.token is None and not persists:
        return _new()  # logged out: the row is gone
    if not persists:
        return current
    if not session.get(SESSION_FIELD):
        # login() keeps no field but « suite », logout() none: a row created at login, or right
        # after a logout (the trainer's sign-in), never inherits the old token.
        renewed = session.persona_id is not None or session.cookie_changed
        session[SESSION_FIELD] = _new() if renewed else current
    token: str = session.get(SESSION_FIELD)
    return token


def _cookie(token: str, secure: bool) -> str:
    return f"{COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax" + ("; Secure" if secure else "")
