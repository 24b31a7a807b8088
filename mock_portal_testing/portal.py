"""Running a portal for the suite, and talking to its /_testing API.

The portal runs in its own process: freezegun then freezes only the portal, never the test
process where Playwright keeps its own event loop, and a hung portal can always be killed.
A portal already running elsewhere (``--base-url``) is reached over HTTP or HTTPS, under a
sub-path too (``https://host/prefix/``), with or without the testing API.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx2 as httpx

from mock_portal_testing.situations import Situation

# The testing API answers in milliseconds; a deployed portal gets a few seconds of slack.
TIMEOUT = httpx.Timeout(10.0, connect=5.0)


class PortalError(RuntimeError):
    """The portal is unreachable, or refused a testing-API call."""


class Portal:
    """A portal under test and its testing API (``/_testing/...``)."""

    def __init__(
        self, base_url: str, process: subprocess.Popen[bytes] | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.process = process
        self.database: Path | None = None  # the SQLite file of a portal started here
        # Assumed until probe_testing_api() says otherwise (a --base-url portal).
        self.testing_api = True
        # The trailing slash makes httpx resolve "/_testing/clock" under a sub-path.
        self._client = httpx.Client(base_url=self.base_url + "/", timeout=TIMEOUT, transport=transport)

    @classmethod
    def start(
        cls, database: Path, log: Path, env: dict[str, str] | None = None, testing: bool = True
    ) -> Portal:
        """Start ``mock-portal serve --testing`` (or without the testing API) on a socket bound
        here: no race for a port."""
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        sock.listen(128)
        port = sock.getsockname()[1]
        with log.open("ab") as out:
            process = subprocess.Popen(
                [sys.executable, "-m", "mock_portal", "serve", *(["--testing"] if testing else []),
                 "--db", str(database), "--fd", str(sock.fileno()), "--log-level", "warning"],
                pass_fds=[sock.fileno()], stdout=out, stderr=subprocess.STDOUT,
                env={**os.environ, **(env or {})},
            )
        sock.close()
        portal = cls(f"http://127.0.0.1:{port}", process)
        portal.testing_api = testing
        portal.database = database
        portal.wait_ready(log)
        return portal

    def wait_ready(self, log: Path | None = None, timeout: float = 30.0) -> None:
        # The socket listens before the process starts, so the first request is queued until
        # the app accepts it: no polling loop, and a dead process shows as a reset connection.
        try:
            self._client.get("/robots.txt", timeout=timeout).raise_for_status()
        except httpx.HTTPError as exc:
            output = log.read_text(errors="replace") if log else ""
            raise PortalError(f"the portal at {self.base_url} did not answer: {exc}\n{output}") from exc

    def probe_testing_api(self) -> bool:
        """True when the portal has the testing API, False when it has none (404 on the clock)."""
        try:
            response = self._client.get("/_testing/clock")
        except httpx.TransportError as exc:
            raise PortalError(f"{self.base_url} is unreachable ({exc or type(exc).__name__})") from exc
        if response.status_code == 404:
            self.testing_api = False
        elif response.is_success:
            self.testing_api = True
        else:
            first_line = response.text.strip().splitlines()[:1]
            raise PortalError(
                f"{self.base_url}/_testing/clock answered {response.status_code} {' '.join(first_line)}"
                " (a portal on another host needs `mock-portal serve --testing --testing-on-public-host`)"
            )
        return self.testing_api

    def close(self) -> None:
        self._client.close()

    def stop(self, timeout: float = 5.0) -> bool:
        """Stop the process; True when it ended by itself after SIGTERM, False if it was killed."""
        self.close()
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

    def request(self, method: str, path: str, body: Any = None, timeout: float | None = None) -> Any:
        """One testing-API call: a JSON body (``{}`` for a bare POST or PUT), the JSON answer."""
        if body is None and method in ("POST", "PUT"):
            body = {}
        options: dict[str, Any] = {} if timeout is None else {"timeout": timeout}
        for attempt in (1, 2):
            try:
                response = self._client.request(method, path, json=body, **options)
                break
            except httpx.RemoteProtocolError as exc:
                # A kept-alive connection the server closed meanwhile: reconnect once.
                if attempt == 2:
                    raise PortalError(f"{method} {self.base_url}{path}: {exc}") from exc
            except httpx.TransportError as exc:
                raise PortalError(f"{method} {self.base_url}{path}: {exc or type(exc).__name__}") from exc
        if response.status_code >= 400:
            raise PortalError(f"{method} {path} -> {response.status_code}: {response.text}")
        return response.json()

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
        """Messages the portal "sent", the newest 200 (the API's bound), oldest first; ``to`` keeps one
        recipient's only."""
        query = "" if to is None else "?" + str(httpx.QueryParams({"to": to}))
        result: list[dict[str, Any]] = self.request("GET", f"/_testing/outbox{query}")
        return result

    def declarations(self, identifiant: str | None = None) -> list[dict[str, Any]]:
        """Stored declarations with their versions; ``identifiant`` keeps one persona's only."""
        query = "" if identifiant is None else "?" + str(httpx.QueryParams({"identifiant": identifiant}))
        result: list[dict[str, Any]] = self.request("GET", f"/_testing/declarations{query}")
        return result

    def declare(self, identifiant: str, situation: Situation) -> dict[str, Any]:
        """The persona validates ``situation`` now, as « Valider votre réponse » would, without the
        pages; the stored declaration as ``declarations()`` shows it. Refused like the pages: a
        closed window or a second declaration is a 409, a wrong value a 422 with the form's
        messages (PortalError)."""
        body = {"identifiant": identifiant, "answers": situation.answers, "details": situation.details}
        result: dict[str, Any] = self.request("POST", "/_testing/declarations", body)
        return result

    def session_cookie(self, identifiant: str) -> dict[str, str]:
        """A logged-in session's cookie (name and value) for a persona."""
        result: dict[str, str] = self.request("POST", "/_testing/sessions", {"identifiant": identifiant})
        return result


def worker_name() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")
