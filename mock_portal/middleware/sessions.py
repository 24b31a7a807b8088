"""Server-side sessions: the cookie carries a random token, the data stays in SQLite.

Nothing here is signed with a timestamp, so moving the test clock backwards or forwards never
invalidates a cookie; idle expiry and the absolute lifetime are the only rules that look at
time, and they read the clock.

A row holds only the fields listed in FIELDS, each within its size, and never more than
MAX_ROW bytes: routes bound what they accept, this is the last line of defence against a row
that grows with what a visitor types.
"""

from __future__ import annotations

import hashlib
import json
import logging
import secrets
from datetime import UTC, datetime, timedelta
from http.cookies import SimpleCookie
from typing import Any

from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mock_portal.clock import clock, plus
from mock_portal.db import Database

COOKIE = "pe_session"
# Every key a route may store, with the most bytes its JSON value may take.
FIELDS = {
    "suite": 2048,  # the page asked for before login
    "message": 1024,  # a one-time notice for the next page
    "departement": 16,
    "identifiant": 256,
    "oubli_identifiant": 2048,
    "oubli_mot_de_passe": 2048,
    "mot_de_passe_modifie": 16,
    "document_envoye": 32,
    "brouillon": 8192,  # the declaration draft
    "csrf": 128,
    "formateur": 8,  # true once the trainer code was typed (screens/formateur.py)
}
MAX_ROW = 16 * 1024
log = logging.getLogger("mock_portal")
# Served by the index sessions_idle (schema.sql): it runs at every session creation.
PURGE_IDLE = "DELETE FROM sessions WHERE julianday(last_seen) < julianday(?)"
TOUCH = "UPDATE sessions SET last_seen = ? WHERE id = ?"


class Session:
    def __init__(
        self,
        token: str | None = None,
        persona_id: int | None = None,
        data: dict[str, Any] | None = None,
        *,
        expired: bool = False,
    ) -> None:
        self.token = token
        self.persona_id = persona_id
        self.data: dict[str, Any] = data or {}
        # True when the visitor came back with a session that had timed out.
        self.expired = expired
        self.dirty = False
        self.dropped_tokens: list[str] = []
        self.cookie_changed = False
        # The row as loaded (persona_id, data, last_seen): saving identical values is skipped.
        self.stored: tuple[int | None, str, str] | None = None

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    def __setitem__(self, key: str, value: Any) -> None:
        if key not in FIELDS:
            # A programming error, never a visitor's input: keys are literals in the routes.
            raise KeyError(f"session field {key!r} is not declared in sessions.FIELDS")
        self.data[key] = value
        self.dirty = True

    def pop(self, key: str, default: Any = None) -> Any:
        self.dirty = self.dirty or key in self.data
        return self.data.pop(key, default)

    def login(self, persona_id: int) -> None:
        """A new token at login, so that a token planted before cannot be used (fixation)."""
        self._rotate()
        self.persona_id = persona_id
        self.data = {key: value for key, value in self.data.items() if key == "suite"}
        self.expired = False
        self.dirty = True

    def logout(self) -> None:
        if self.token:
            self.dropped_tokens.append(self.token)
        self.token = None
        self.persona_id = None
        self.data = {}
        self.dirty = False
        self.cookie_changed = True

    def _rotate(self) -> None:
        if self.token:
            self.dropped_tokens.append(self.token)
        self.token = None


def session_of(conn: HTTPConnection) -> Session:
    session: Session = conn.scope["pe_session"]
    return session


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _elapsed_since(stored: str) -> timedelta:
    """Elapsed time, whatever offsets the two instants carry (summer time changes in between)."""
    return clock.now().astimezone(UTC) - datetime.fromisoformat(stored).astimezone(UTC)


def serialise(data: dict[str, Any]) -> str | None:
    """The row's JSON: known fields within their size only; None when the whole is over MAX_ROW."""
    kept = {}
    for key, value in data.items():
        text = json.dumps(value)
        if key in FIELDS and len(text.encode()) <= FIELDS[key]:
            kept[key] = value
        else:
            log.warning("session field %r not stored: unknown or over its size (%d bytes)",
                        key[:40], len(text.encode()))
    payload = json.dumps(kept)
    if len(payload.encode()) > MAX_ROW:
        log.error("session data not stored: %d bytes, over the %d-byte cap", len(payload.encode()), MAX_ROW)
        return None
    return payload


class SessionStore:
    def __init__(self, db: Database, idle: timedelta, lifetime: timedelta) -> None:
        self.db = db
        self.idle = idle
        # Counted from login (or the first stored field), however active the visitor is.
        self.lifetime = lifetime

    def load(self, token: str | None) -> Session:
        if not token:
            return Session()
        row = self.db.one("SELECT * FROM sessions WHERE id = ?", (_digest(token),))
        if row is None:
            return Session(expired=True)
        # A clock moved backwards gives a negative idle time: still valid, as it should be.
        if _elapsed_since(row["last_seen"]) > self.idle or _elapsed_since(row["created_at"]) > self.lifetime:
            self.db.execute("DELETE FROM sessions WHERE id = ?", (_digest(token),))
            return Session(expired=row["persona_id"] is not None)
        session = Session(token, row["persona_id"], json.loads(row["data"]))
        session.stored = (row["persona_id"], row["data"], row["last_seen"])
        return session

    def save(self, session: Session) -> None:
        # Two no-op writes skipped (each a write transaction per request): an anonymous visit that
        # stored nothing, and an UPDATE that would write back the row as loaded — same data and
        # same last_seen, as with a frozen clock. Idle expiry reads last_seen only, so it is unchanged.
        creates = session.token is None and session.dirty and bool(session.data or session.persona_id)
        if not session.dropped_tokens and session.token is None and not creates:
            return
        now = clock.now().isoformat()
        data = serialise(session.data)
        if data is None:
            # Refused whole: the row keeps what it held (nothing, for a new one).
            data = session.stored[1] if session.stored is not None else "{}"
        if not session.dropped_tokens and session.token is not None and session.stored is not None:
            if session.stored[:2] == (session.persona_id, data):
                # This request changed nothing (a page read, a stylesheet): only its visit is
                # recorded. Writing back the row as it loaded it would undo what a request
                # running meanwhile stored (a draft consumed, a login), once the clock has moved.
                if session.stored[2] != now:
                    self.db.execute(TOUCH, (now, _digest(session.token)))
                return
        with self.db.transaction():
            for token in session.dropped_tokens:
                self.db.execute("DELETE FROM sessions WHERE id = ?", (_digest(token),))
            session.dropped_tokens.clear()
            if session.token is None and (session.dirty and (session.data or session.persona_id)):
                self._purge_idle()
                session.token = secrets.token_urlsafe(32)
                session.cookie_changed = True
                self.db.execute(
                    "INSERT INTO sessions (id, persona_id, data, created_at, last_seen)"
                    " VALUES (?, ?, ?, ?, ?)",
                    (_digest(session.token), session.persona_id, data, now, now),
                )
            elif session.token is not None:
                self.db.execute(
                    "UPDATE sessions SET persona_id = ?, data = ?, last_seen = ? WHERE id = ?",
                    (session.persona_id, data, now, _digest(session.token)),
                )

    def _purge_idle(self) -> None:
        """Forget sessions idle for longer than the limit, which nobody can use any more.

        A visitor who never comes back leaves a row behind (an anonymous visit to a protected
        page remembers « suite »): a sandbox left running for weeks would keep them all. Done
        when a session is created, so that the table stays bounded by recent activity. last_seen
        holds Paris offsets (+01:00/+02:00): julianday() compares the instants, not the strings.
        A row whose last_seen is after now (the clock was moved back) is kept, as in load().
        """
        self.db.execute(PURGE_IDLE, (plus(clock.now(), -self.idle).isoformat(),))


class SessionMiddleware:
    def __init__(self, app: ASGIApp, store: SessionStore) -> None:
        self.app = app
        self.store = store

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        token = HTTPConnection(scope).cookies.get(COOKIE)
        session = self.store.load(token)
        scope["pe_session"] = session

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start":
                self.store.save(session)
                if session.cookie_changed or (token and session.token is None and not session.dirty):
                    headers = list(message.get("headers", []))
                    secure = scope["scheme"] == "https"
                    headers.append((b"set-cookie", _cookie(session.token, secure).encode("latin-1")))
                    message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_cookie)


def _cookie(token: str | None, secure: bool) -> str:
    cookie: SimpleCookie = SimpleCookie()
    cookie[COOKIE] = token or ""
    morsel = cookie[COOKIE]
    morsel["path"] = "/"
    morsel["httponly"] = True
    morsel["samesite"] = "Lax"
    # Over HTTPS (directly, or through a proxy listed in Settings.trusted_proxies).
    morsel["secure"] = secure
    if token is None:
        morsel["max-age"] = 0
    return morsel.OutputString()
