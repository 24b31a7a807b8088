"""CSRF protection by double submit: a random cookie that every form must repeat.

Stateless on purpose: an anonymous visit to a form writes nothing to the database. The cookie
is SameSite=Lax, so another site can neither read it nor make the browser send it on a POST.
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

COOKIE = "pe_csrf"
FIELD = "csrf_token"


Endpoint = Callable[[Request], Awaitable[Response]]


class CsrfError(Exception):
    """A state-changing request without the right token: shown as a clear 403 page."""


def token_of(conn: HTTPConnection) -> str:
    token: str = conn.scope["csrf_token"]
    return token


async def read_form(request: Request, **limits: int) -> FormData:
    """The submitted form, after checking its token; every state-changing POST goes through it."""
    form = await request.form(**limits)
    sent = form.get(FIELD)
    expected = request.cookies.get(COOKIE)
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
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        existing = HTTPConnection(scope).cookies.get(COOKIE)
        scope["csrf_token"] = existing or secrets.token_urlsafe(24)
        if existing:
            await self.app(scope, receive, send)
            return

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start":
                cookie = f"{COOKIE}={scope['csrf_token']}; Path=/; HttpOnly; SameSite=Lax"
                message["headers"] = [*message.get("headers", []), (b"set-cookie", cookie.encode())]
            await send(message)

        await self.app(scope, receive, send_with_cookie)
