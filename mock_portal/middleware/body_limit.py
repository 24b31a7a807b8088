"""A cap on every request body, enforced while it is received.

Starlette parses a whole multipart body (spooling files to disk) before any route can look at
it: without a cap, a 150 MB post to a three-field form was written to a temporary file before
the CSRF check refused it. Here the declared length is checked before the first byte is read,
and a chunked body is counted as it streams; past the cap, ``receive`` raises ``BodyTooLarge``
and nothing more is read (the server discards the rest once the answer is sent, the connection
stays usable). Routes that take files declare a larger cap, by path.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Every form without a file field fits in a few kilobytes.
DEFAULT_LIMIT = 64 * 1024


class BodyTooLarge(Exception):
    """Raised by ``receive`` past the cap: a 413 page, or the route's own message if it catches it."""


DIGITS = re.compile(r"[0-9]+")


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp, limits: Mapping[str, int] | None = None,
                 default: int = DEFAULT_LIMIT) -> None:
        self.app = app
        self.limits = dict(limits or {})
        self.default = default

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limits.get(scope["path"], self.default)
        declared = Headers(scope=scope).get("content-length", "")
        # ASCII digits only (str.isdigit() accepts « ² », which int() refuses) and compared by length
        # first: int() raises on more than 4 300 digits.
        digits = declared.lstrip("0")
        too_large = bool(DIGITS.fullmatch(declared)) and (len(digits) > 18 or int(digits or "0") > limit)
        received = 0

        async def capped_receive() -> Message:
            nonlocal received, too_large
            if too_large:
                raise BodyTooLarge
            message = await receive()
            received += len(message.get("body", b""))
            if received > limit:
                too_large = True
                raise BodyTooLarge
            return message

        await self.app(scope, capped_receive, send)
