"""Only the host names the portal is served under: a forged Host header never reaches a page.

Links and redirects are built from the Host header; ``Host: evil.example`` made
``Location: http://evil.example/…``. Starlette's TrustedHostMiddleware does the check; its
plain English refusal is replaced by a French page, and the log says how to allow a name.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from starlette.datastructures import Headers
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.responses import HTMLResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("mock_portal")
REFUSED = HTMLResponse(
    "<!doctype html><html lang=\"fr\"><meta charset=\"utf-8\"><title>Adresse non reconnue</title>"
    "<h1>Adresse non reconnue</h1><p>Ce portail n'est pas servi à cette adresse. "
    "Utilisez l'adresse donnée par votre formateur.</p></html>",
    status_code=400,
)


class AllowedHostsMiddleware:
    def __init__(self, app: ASGIApp, allowed_hosts: Sequence[str]) -> None:
        self.app = app
        self.check = TrustedHostMiddleware(self._allowed, allowed_hosts=list(allowed_hosts),
                                           www_redirect=False)

    async def _allowed(self, scope: Scope, receive: Receive, send: Send) -> None:
        scope["pe_host_allowed"] = True
        await self.app(scope, receive, send)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.check(scope, receive, send)
            return

        async def refused(message: Message) -> None:
            if message["type"] == "http.response.start":
                host = Headers(scope=scope).get("host", "")
                log.warning("request for host %r refused: start with --allowed-host %s to serve it",
                            host[:100], host.split(":")[0][:100] or "NAME")
                await REFUSED(scope, receive, send)

        async def forward(message: Message) -> None:
            await (send if scope.get("pe_host_allowed") else refused)(message)

        await self.check(scope, receive, forward)
