"""The app behind a real uvicorn, for what only the server decides (connections, unread bodies)."""

from __future__ import annotations

import http.client
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn
from starlette.types import ASGIApp


@contextmanager
def served(app: ASGIApp) -> Iterator[http.client.HTTPConnection]:
    """A kept-alive connection to ``app`` served by uvicorn in a thread."""
    # Listening before the server starts: the first request waits in the backlog, no polling.
    sock = socket.create_server(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="critical", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    conn = http.client.HTTPConnection("127.0.0.1", sock.getsockname()[1], timeout=10)
    try:
        yield conn
    finally:
        conn.close()
        server.should_exit = True
        thread.join()
        sock.close()
