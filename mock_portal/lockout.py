"""Failed logins and the 15-minute lock, per identifiant typed, whether an account has it or not.

An unknown identifiant fails, counts and locks exactly like a real one: otherwise « compte
bloqué » would tell a guesser which identifiants exist. Each attempt is counted before its
password is checked (the check waits for a hashing thread, and other attempts run meanwhile), so
that parallel guesses cannot slip past the limit; a success forgets the count. A locked
identifiant is refused before any hashing, which also spares the CPU during a flood. Rows are
forgotten an hour after their last failure, so the table only holds recent attempts.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from mock_portal.clock import clock, plus
from mock_portal.db import Database

LOCK_AFTER = 5
LOCK_FOR = timedelta(minutes=15)
FORGET_AFTER = timedelta(hours=1)


def _key(identifiant: str) -> str:
    # Identifiants are ASCII letters and digits, compared without case (personas.by_identifiant).
    return identifiant.upper()


def _lock(db: Database, key: str) -> datetime:
    until = plus(clock.now(), LOCK_FOR)
    db.execute("UPDATE login_failures SET failures = 0, locked_until = ? WHERE identifiant = ?",
               (until.isoformat(), key))
    return until


def _locked_until(db: Database, key: str) -> datetime | None:
    row = db.one("SELECT locked_until FROM login_failures WHERE identifiant = ?", (key,))
    if row is None or not row["locked_until"]:
        return None
    until = datetime.fromisoformat(row["locked_until"])
    return until if clock.now() < until else None


def begin(db: Database, identifiant: str) -> datetime | None:
    """Count one more attempt; the end of the lock when the identifiant may not try now."""
    key, now = _key(identifiant), clock.now()
    with db.transaction():
        db.execute("DELETE FROM login_failures WHERE julianday(last_failure) < julianday(?)",
                   (plus(now, -FORGET_AFTER).isoformat(),))
        if (until := _locked_until(db, key)) is not None:
            return until
        db.execute(
            "INSERT INTO login_failures (identifiant, failures, last_failure) VALUES (?, 1, ?)"
            " ON CONFLICT (identifiant) DO UPDATE SET failures = failures + 1,"
            " last_failure = excluded.last_failure",
            (key, now.isoformat()),
        )
        row = db.one("SELECT failures FROM login_failures WHERE identifiant = ?", (key,))
        if row is not None and row["failures"] > LOCK_AFTER:
            return _lock(db, key)  # attempts in flight at once: the extra ones are refused
    return None


def failed(db: Database, identifiant: str) -> datetime | None:
    """The attempt counted by begin() failed: the end of the lock if it was the last one allowed."""
    key = _key(identifiant)
    with db.transaction():
        row = db.one("SELECT failures FROM login_failures WHERE identifiant = ?", (key,))
        if row is not None and row["failures"] >= LOCK_AFTER:
            return _lock(db, key)
    return _locked_until(db, key)


def locked_until(db: Database, identifiant: str) -> datetime | None:
    """The end of the identifiant's lock, or None when it may try now (counts nothing)."""
    return _locked_until(db, _key(identifiant))


def clear(db: Database, identifiant: str) -> None:
    """After a success or a new password: the count starts again, any lock is lifted."""
    db.execute("DELETE FROM login_failures WHERE identifiant = ?", (_key(identifiant),))
