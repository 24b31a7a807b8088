"""The stylesheet and the script under URLs that change with their content, cached for a year.

Without a version in the URL a browser must ask again on every page whether ``portal.css`` and
``portal.js`` changed (a 304, but a round trip before the page can be drawn). With
``?v=<digest>`` the answer for that URL can never change, so the browser keeps it
(``immutable``). Its freshness is counted from the response's ``Date``, which uvicorn writes
from the real clock even when the portal's clock is set (mock_portal/clock.py).
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path
from urllib.parse import parse_qs

from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

DIRECTORY = Path(__file__).with_name("static")
QUERY = "v"
# private: the browser keeps the file, a shared cache does not. A visitor without cookies gets
# the CSRF cookie on whatever it asks first (middleware/csrf.py), a stylesheet included; a
# proxy that kept that answer would hand one visitor's token to every other.
FOREVER = "private, max-age=31536000, immutable"


@functools.cache
def version(path: str) -> str:
    """A digest of the file as it is at the first page that links it.

    The files ship in the package: a changed file means a new process, hence a new digest.
    """
    return hashlib.sha256((DIRECTORY / path).read_bytes()).hexdigest()[:12]


class VersionedStaticFiles(StaticFiles):
    """Starlette's static files, declared immutable when asked for under their current version."""

    def __init__(self) -> None:
        super().__init__(directory=DIRECTORY)

    async def get_response(self, path: str, scope: Scope) -> Response:
        response = await super().get_response(path, scope)
        asked = parse_qs(scope.get("query_string", b"").decode("latin-1")).get(QUERY)
        # An old or made-up version gets the file with the usual revalidation, never a year.
        if response.status_code in (200, 304) and asked == [version(path)]:
            response.headers["cache-control"] = FOREVER
        return response
