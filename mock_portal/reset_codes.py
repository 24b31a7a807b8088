"""One-time codes: 6 digits, 15 minutes, single use, a few tries.

Two kinds, each in tables of its own, so that a code sent for one purpose never serves the other:
« J'ai oublié mon mot de passe » (``password``) and the confirmation of a new e-mail or mobile in
« Mes coordonnées » (``contact``).

A 6-digit code is guessable if guesses are free, so three limits hold per account and kind: 5 tries
per code, at most 5 codes per rolling hour, at most 10 wrong codes per rolling hour across all its
codes. Past a limit nothing is sent and no code is accepted, and the visitor sees the same pages
as anybody else (oubli.py): the limits must not tell that the account exists either. Hours are
elapsed time (julianday() compares the instants, whatever their Paris offset).
"""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import datetime, timedelta
from typing import Literal

from mock_portal.clock import clock, plus
from mock_portal.db import Database

CODE_VALIDITY = timedelta(minutes=15)
CODE_ATTEMPTS = 5
CODES_PER_HOUR = 5
WRONG_CODES_PER_HOUR = 10
WINDOW = timedelta(hours=1)
CODE = re.compile(r"[0-9]{6}")
# kind → (its codes, its wrong codes)
TABLES = {"password": ("reset_codes", "reset_code_failures"),
          "contact": ("contact_codes", "contact_code_failures")}

Kind = Literal["password", "contact"]
Outcome = Literal["ok", "used", "expired", "wrong"]


def _code_hash(persona_id: int, code: str) -> str:
    return hashlib.sha256(f"{persona_id}:{code}".encode()).hexdigest()


def in_last_hour(db: Database, table: str, column: str, persona_id: int) -> int:
    """Rows of this account whose ``column`` instant lies within the last rolling hour."""
    since = plus(clock.now(), -WINDOW).isoformat()
    row = db.one(f"SELECT COUNT(*) AS n FROM {table} WHERE persona_id = ?"
                 f" AND julianday({column}) > julianday(?)", (persona_id, since))
    return 0 if row is None else int(row["n"])


def _capped(db: Database, persona_id: int, kind: Kind) -> bool:
    return in_last_hour(db, TABLES[kind][1], "failed_at", persona_id) >= WRONG_CODES_PER_HOUR


def too_many_requests(db: Database, persona_id: int, kind: Kind = "password") -> bool:
    """True when issue_code() would refuse: a limit of the last hour is reached."""
    codes = TABLES[kind][0]
    return (in_last_hour(db, codes, "created_at", persona_id) >= CODES_PER_HOUR
            or _capped(db, persona_id, kind))


def issue_code(db: Database, persona_id: int, kind: Kind = "password") -> tuple[str, datetime] | None:
    """A new 6-digit code (only the latest one counts), or None when a limit is reached."""
    codes = TABLES[kind][0]
    now = clock.now()
    code = f"{secrets.randbelow(10**6):06d}"
    expires = plus(now, CODE_VALIDITY)
    with db.transaction():
        if too_many_requests(db, persona_id, kind):
            return None
        db.execute(f"UPDATE {codes} SET expires_at = ? WHERE persona_id = ? AND used_at IS NULL",
                   (now.isoformat(), persona_id))
        db.execute(
            f"INSERT INTO {codes} (persona_id, code_hash, created_at, expires_at) VALUES (?, ?, ?, ?)",
            (persona_id, _code_hash(persona_id, code), now.isoformat(), expires.isoformat()),
        )
    return code, expires


def check_code(db: Database, persona_id: int, code: str, kind: Kind = "password") -> Outcome:
    """``ok`` uses the code up; ``used`` and ``expired`` name a real code of this account."""
    codes, failures = TABLES[kind]
    now = clock.now()
    with db.transaction():
        found = None if _capped(db, persona_id, kind) else db.one(
            f"SELECT * FROM {codes} WHERE persona_id = ? AND code_hash = ? ORDER BY id DESC LIMIT 1",
            (persona_id, _code_hash(persona_id, code)))
        if found is not None:
            if found["used_at"]:
                return "used"
            if now >= datetime.fromisoformat(found["expires_at"]):
                return "expired"
            db.execute(f"UPDATE {codes} SET used_at = ? WHERE id = ?", (now.isoformat(), found["id"]))
            return "ok"
        db.execute(f"DELETE FROM {failures} WHERE persona_id = ? AND julianday(failed_at) <="
                   " julianday(?)", (persona_id, plus(now, -WINDOW).isoformat()))
        db.execute(f"INSERT INTO {failures} (persona_id, failed_at) VALUES (?, ?)",
                   (persona_id, now.isoformat()))
        latest = db.one(f"SELECT * FROM {codes} WHERE persona_id = ? ORDER BY id DESC LIMIT 1",
                        (persona_id,))
        active = latest is not None and not latest["used_at"]
        if latest is not None and active and now < datetime.fromisoformat(latest["expires_at"]):
            # After a few tries the code is worth nothing.
            attempts = latest["attempts"] + 1
            expires = now.isoformat() if attempts >= CODE_ATTEMPTS else latest["expires_at"]
            db.execute(f"UPDATE {codes} SET attempts = ?, expires_at = ? WHERE id = ?",
                       (attempts, expires, latest["id"]))
    return "wrong"


def tries_left(db: Database, persona_id: int, kind: Kind = "password") -> int:
    """Tries the latest code still has (0 once it is spent or gone)."""
    latest = db.one(f"SELECT attempts, used_at, expires_at FROM {TABLES[kind][0]} WHERE persona_id = ?"
                    " ORDER BY id DESC LIMIT 1", (persona_id,))
    if latest is None or latest["used_at"] or clock.now() >= datetime.fromisoformat(latest["expires_at"]):
        return 0
    return CODE_ATTEMPTS - latest["attempts"]
