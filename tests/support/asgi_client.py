"""A test client that awaits the app on an event loop of its own, one thread hop per request.

Starlette's TestClient runs the app on an event loop in another thread and crosses threads for
every ASGI message (request body, response start, each body chunk): 2.3-2.7 ms of CPU per page here.
This client hands each whole request to httpx's ASGITransport, awaited on the client's own loop
in one thread of its own: 0.8 ms. Not in the calling thread: after a browser test, Playwright's
event loop is still marked as running in the main thread of that pytest worker, and a second
loop is refused there.

It answers one request at a time. A test that needs one event loop serving two requests at once
uses Starlette's TestClient (``one_loop()`` in tests/unit/test_echanges.py). The portal declares
no lifespan (mock_portal/app.py), so none is run.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx2
from starlette.types import ASGIApp


class _SyncChunks(httpx2.AsyncByteStream):
    """A body given as a plain iterator (``content=generator``), handed over chunk by chunk as the
    ASGI transport expects it, asynchronously."""

    def __init__(self, chunks: httpx2.SyncByteStream) -> None:
        self._chunks = chunks

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self._chunks:
            yield chunk


class _LoopTransport(httpx2.BaseTransport):
    """httpx's ASGI transport, awaited on an event loop that lives in one thread of its own."""

    def __init__(self, app: ASGIApp, raise_app_exceptions: bool) -> None:
        # The same client address as Starlette's TestClient gives the app.
        self._asgi = httpx2.ASGITransport(app=app, raise_app_exceptions=raise_app_exceptions,
                                          client=("testclient", 50000))
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="in-process-client")
        self._runner = asyncio.Runner()

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        if not isinstance(request.stream, httpx2.AsyncByteStream):
            request.stream = _SyncChunks(request.stream)

        async def exchange() -> httpx2.Response:
            response = await self._asgi.handle_async_request(request)
            content = await response.aread()
            return httpx2.Response(response.status_code, headers=response.headers, content=content,
                                   extensions=response.extensions)

        return self._thread.submit(self._runner.run, exchange()).result()

    def close(self) -> None:
        self._thread.submit(self._runner.close).result()
        self._thread.shutdown()


class InProcessClient(httpx2.Client):
    """Starlette TestClient's interface and defaults (redirects followed, the app's errors raised
    unless ``raise_server_exceptions=False``) at a third of its CPU per request. Closing it (or
    leaving its ``with`` block) closes its event loop and its thread."""

    __test__ = False  # not a test class, whatever a test module imports it as

    def __init__(self, app: ASGIApp, base_url: str = "http://testserver", *,
                 raise_server_exceptions: bool = True, follow_redirects: bool = True,
                 **options: Any) -> None:
        super().__init__(base_url=base_url, follow_redirects=follow_redirects,
                         transport=_LoopTransport(app, raise_server_exceptions), **options)
