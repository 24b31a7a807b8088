"""Running a portal for the suite, and talking to its /_testing API.

The portal runs in its own process: freezegun then freezes only the portal, never the test
process where Playwright keeps its own event loop, and a hung portal can always be killed.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit


class Portal:
    def __init__(self, base_url: str, process: subprocess.Popen[bytes] | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.process = process
        parts = urlsplit(self.base_url)
        self._host = parts.hostname or "127.0.0.1"
        self._port = parts.port or 80
        self._conn: http.client.HTTPConnection | None = None

    @classmethod
    def start(cls, database: Path, log: Path, env: dict[str, str] | None = None) -> Portal:
        """Start ``mock-portal serve --testing`` on a socket bound here: no race for a port."""
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        sock.listen(128)
        port = sock.getsockname()[1]
        with log.open("ab") as out:
            process = subprocess.Popen(
                [sys.executable, "-m", "mock_portal", "serve", "--testing", "--db", str(database),
                 "--fd", str(sock.fileno()), "--log-level", "warning"],
                pass_fds=[sock.fileno()], stdout=out, stderr=subprocess.STDOUT,
                env={**os.environ, **(env or {})},
            )
        sock.close()
        portal = cls(f"http://127.0.0.1:{port}", process)
        portal.wait_ready(log)
        return portal

    def wait_ready(self, log: Path | None = None, timeout: float = 30.0) -> None:
        # The socket listens before the process starts, so the first request is queued until
        # the app accepts it: no polling loop, and a dead process shows as a reset connection.
        self._conn = http.client.HTTPConnection(self._host, self._port, timeout=timeout)
        try:
            self.clock()
        except (OSError, http.client.HTTPException) as exc:
            output = log.read_text(errors="replace") if log else ""
            raise RuntimeError(f"the portal at {self.base_url} did not answer: {exc}\n{output}") from exc
        finally:
            self._conn.close()
            self._conn = None

    def stop(self, timeout: float = 5.0) -> bool:
        """Stop the process; True when it ended by itself after SIGTERM, False if it was killed."""
        if self._conn is not None:
            self._conn.close()
        if self.process is None or self.process.poll() is not None:
            return True
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout)
            return True
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            return False

    # --- the testing API -------------------------------------------------------------------

    def request(self, method: str, path: str, body: Any = None) -> Any:
        payload = None if body is None else json.dumps(body).encode()
        headers = {"Content-Type": "application/json"} if payload else {}
        for attempt in (1, 2):
            if self._conn is None:
                self._conn = http.client.HTTPConnection(self._host, self._port, timeout=10)
            try:
                self._conn.request(method, path, body=payload, headers=headers)
                response = self._conn.getresponse()
                data = response.read()
                break
            except (http.client.HTTPException, OSError):
                # A kept-alive connection the server closed meanwhile: reconnect once.
                self._conn.close()
                self._conn = None
                if attempt == 2:
                    raise
        if response.status >= 400:
            raise RuntimeError(f"{method} {path} -> {response.status}: {data.decode(errors='replace')}")
        return json.loads(data)

    def clock(self) -> dict[str, Any]:
        result: dict[str, Any] = self.request("GET", "/_testing/clock")
        return result

    def set_clock(self, instant: datetime, frozen: bool = True) -> dict[str, Any]:
        result: dict[str, Any] = self.request(
            "PUT", "/_testing/clock", {"now": instant.isoformat(), "frozen": frozen}
        )
        return result

    def reset(self) -> None:
        self.request("POST", "/_testing/reset")

    def personas(self) -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = self.request("GET", "/_testing/personas")
        return result

    def outbox(self, to: str | None = None) -> list[dict[str, Any]]:
        """Messages the portal "sent", oldest first; ``to`` keeps one recipient's only."""
        query = "" if to is None else "?" + urlencode({"to": to})
        result: list[dict[str, Any]] = self.request("GET", f"/_testing/outbox{query}")
        return result

    def declarations(self, identifiant: str | None = None) -> list[dict[str, Any]]:
        """Stored declarations with their versions; ``identifiant`` keeps one persona's only."""
        query = "" if identifiant is None else "?" + urlencode({"identifiant": identifiant})
        result: list[dict[str, Any]] = self.request("GET", f"/_testing/declarations{query}")
        return result

    def session_cookie(self, identifiant: str) -> dict[str, str]:
        """A logged-in session's cookie (name and value) for a persona."""
        result: dict[str, str] = self.request("POST", "/_testing/sessions", {"identifiant": identifiant})
        return result


def worker_name() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")
