"""Unexpected errors answered inside the middleware stack, so that the connection survives.

Starlette's own ServerErrorMiddleware answers 500 and then re-raises the exception for the
server to log; uvicorn, seeing an exception after the answer started, closes the connection
without a ``Connection: close`` header, and a kept-alive browser or client sees a reset on its
next request. Here the exception is logged and answered, and not raised further.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

Handler = Callable[[Request, Exception], Awaitable[Response]]


class CatchAllMiddleware:
    def __init__(self, app: ASGIApp, handler: Handler) -> None:
        self.app = app
        self.handler = handler

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as exc:
            if started:
                # Half an answer is already out: only closing the connection can tell the client.
                raise
            response = await self.handler(Request(scope, receive), exc)
            await response(scope, receive, send)
