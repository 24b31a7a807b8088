"""Everything that differs between a sandbox, a test worker and a unit test."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# fixtures/personas.yaml links here: the file ships inside the package, so that an installed
# portal (the pytest plugin in another repository) has its personas too.
DEFAULT_PERSONAS = Path(__file__).resolve().parent / "personas.yaml"
DEFAULT_DATABASE = PROJECT_ROOT / "var" / "portal.sqlite3"
# Host names (as in the Host header, IPv6 in brackets) a portal answers by default.
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")


@dataclass(frozen=True)
class Settings:
    database: Path = DEFAULT_DATABASE
    personas_file: Path = DEFAULT_PERSONAS
    # Exposes /_testing/*: only ever switched on by ``--testing``.
    testing: bool = False
    # ``--testing-on-public-host``: the operator accepted /_testing on a non-loopback address.
    testing_public_host: bool = False
    # Initial instant of the clock (sandbox rehearsal or tests); None means real time.
    now: datetime | None = None
    frozen: bool = False
    # « Vous avez la possibilité de la modifier jusqu'à HHhMM »: "fin-de-journee" (23h59 the
    # same day, Paris time) or "heures:N" (N hours after validation).
    modification_deadline: str = "fin-de-journee"
    session_idle_minutes: int = 30
    # Absolute lifetime of a session, however active: elapsed hours since login.
    session_max_hours: int = 12
    # Sent documents, outside any served folder; None means « <database file name>-documents/ »
    # beside the database, so that each database has its own.
    documents_dir: Path | None = None
    # Host header values answered (Starlette's TrustedHostMiddleware); ``serve`` adds --host and
    # every --allowed-host.
    allowed_hosts: tuple[str, ...] = LOOPBACK_HOSTS
    # Proxies whose X-Forwarded-Proto/For are believed (uvicorn's ProxyHeadersMiddleware);
    # by default none, so a client cannot pass itself off as HTTPS or as another address.
    trusted_proxies: tuple[str, ...] = ()
    # The testing API answers only on a loopback Host unless this is set (then allowed_hosts).
    testing_public_host: bool = False

    def to_json(self) -> str:
        """For the worker processes of ``serve --workers N``."""
        return json.dumps({
            name: value.isoformat() if isinstance(value, datetime) else
            str(value) if isinstance(value, Path) else value
            for name, value in vars(self).items()
        })

    @classmethod
    def from_json(cls, text: str) -> Settings:
        data = json.loads(text)
        for name in _PATHS:
            data[name] = Path(data[name]) if data[name] is not None else None
        data["now"] = datetime.fromisoformat(data["now"]) if data["now"] else None
        for name in _TUPLES:
            data[name] = tuple(data[name])
        return cls(**data)


_PATHS = ("database", "personas_file", "documents_dir")
_TUPLES = ("allowed_hosts", "trusted_proxies")
