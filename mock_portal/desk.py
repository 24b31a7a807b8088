"""The trainer's desk without the web: the trainer code and its lockout, the clock presets, where
each learner stands, and what the desk may do to one learner's account."""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from mock_portal import classroom, contacts, declarations, documents, lockout, personas, window
from mock_portal.classroom import Learner
from mock_portal.clock import PARIS, plus
from mock_portal.db import Database
from mock_portal.declarations import Declaration
from mock_portal.outbox import recipient_key

# The portal login's rule: a trainer code is guessed no faster than a password.
LOCK_AFTER = lockout.LOCK_AFTER
LOCK_FOR = lockout.LOCK_FOR
CODE_LENGTH = 8
MAX_CODE_TYPED = 100


def trainer_code(db: Database) -> str:
    """This database's trainer code, drawn at the first call."""
    drawn = "".join(secrets.choice(classroom.TOKEN_ALPHABET) for _ in range(CODE_LENGTH))
    # OR IGNORE: two workers starting at once keep the first code drawn.
    db.execute("INSERT OR IGNORE INTO trainer (id, code) VALUES (1, ?)", (drawn,))
    row = db.one("SELECT code FROM trainer WHERE id = 1")
    assert row is not None
    code: str = row["code"]
    return code


@dataclass(frozen=True)
class SignIn:
    ok: bool
    locked_until: datetime | None = None


def sign_in(db: Database, typed: str, now: datetime) -> SignIn:
    code = trainer_code(db)
    with db.transaction():
        row = db.one("SELECT failures, locked_until FROM trainer_failures WHERE id = 1")
        if row is not None and row["locked_until"]:
            until = datetime.fromisoformat(row["locked_until"])
            if now < until:
                # Even the right code waits, or the lock would not slow a guesser down.
                return SignIn(False, until)
        typed = typed.strip()[:MAX_CODE_TYPED].lower()
        if hmac.compare_digest(typed.encode(), code.encode()):
            db.execute("DELETE FROM trainer_failures")
            return SignIn(True)
        failures = (row["failures"] if row is not None else 0) + 1
        locked = plus(now, LOCK_FOR) if failures >= LOCK_AFTER else None
        db.execute(
            "INSERT INTO trainer_failures (id, failures, locked_until) VALUES (1, ?, ?)"
            " ON CONFLICT (id) DO UPDATE SET failures = excluded.failures,"
            " locked_until = excluded.locked_until",
            (0 if locked else failures, locked.isoformat() if locked else None),
        )
        return SignIn(False, locked)


# --- the clock presets --------------------------------------------------------------------


@dataclass(frozen=True)
class Preset:
    key: str
    label: str
    instant: datetime | None  # None: real time


def presets(now: datetime, policy: str) -> list[Preset]:
    """The instants a rehearsal needs, around the window open now (or the next one)."""
    period = window.current_or_next_period(now)
    opening_day = window.opening_day(period.month)
    opening = datetime.combine(date(period.year, period.month, opening_day), time(9), PARIS)
    last_day = period.closes_at().date()
    # Just past the deadline of a declaration validated now (or at the opening, before it).
    validated = now if window.declared_period(now) == period else opening
    deadline = declarations.modification_deadline(validated, policy, period)
    after_deadline = plus(deadline, timedelta(minutes=1)).replace(second=0, microsecond=0)
    return [
        Preset("ouverture", f"ouverture le {opening_day} à 9h", opening),
        Preset("dernier-jour", "dernier jour à 23h50", datetime.combine(last_day, time(23, 50), PARIS)),
        Preset("apres-modification", "après la date limite de modification", after_deadline),
        Preset("fermee", "période fermée",
               datetime.combine(last_day + timedelta(days=1), time(9), PARIS)),
        Preset("reelle", "heure réelle", None),
    ]


def preset(now: datetime, policy: str, key: str) -> Preset | None:
    return next((p for p in presets(now, policy) if p.key == key), None)


# --- where each learner stands ------------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    learner: Learner
    connected: bool
    ever_connected: bool
    locked_until: datetime | None
    declaration: Declaration | None
    documents: int


def class_progress(db: Database, now: datetime, idle: timedelta) -> list[Progress]:
    since = plus(now, -idle).isoformat()
    rows = []
    for learner in classroom.learners(db):
        session = db.one("SELECT 1 FROM sessions WHERE persona_id = ? AND julianday(last_seen) >="
                         " julianday(?) LIMIT 1", (learner.persona_id, since))
        sent = db.one("SELECT count(*) AS n FROM documents WHERE persona_id = ?", (learner.persona_id,))
        rows.append(Progress(
            learner, session is not None, personas.ever_logged_in(db, learner.persona_id),
            lockout.locked_until(db, learner.identifiant),
            declarations.latest(db, learner.persona_id), sent["n"] if sent is not None else 0,
        ))
    return rows


# --- what the desk does to one learner ------------------------------------------------------


def learner(db: Database, seat: int) -> Learner | None:
    return next((one for one in classroom.learners(db) if one.seat == seat), None)


def unlock(db: Database, one: Learner) -> None:
    lockout.clear(db, one.identifiant)


def reset_learner(db: Database, one: Learner, folder: Path) -> None:
    """The class reset, for one learner: their card's account back, everything they did gone."""
    every = [one.email, one.phone, classroom.email_of(one.seat), classroom.phone_of(one.seat),
             *contacts.addresses_of(db, one.persona_id)]
    addresses = {recipient_key(to) for to in every if to}
    with db.transaction():
        stored = [row["stored_name"] for row in documents.of_persona(db, one.persona_id)]
        for table in ("declarations", "documents", "reset_codes", "reset_code_failures", "contact_codes",
                      "contact_code_failures", "contact_changes", "identifiant_messages", "sessions",
                      "logins"):
            db.execute(f"DELETE FROM {table} WHERE persona_id = ?", (one.persona_id,))
        lockout.clear(db, one.identifiant)
        marks = ", ".join("?" * len(addresses))
        db.execute(f"DELETE FROM outbox WHERE recipient_key IN ({marks})", tuple(addresses))
        classroom.restore_one(db, one.persona_id)
    # After the commit: a file left by a failure is an orphan, never a row without its file.
    for name in stored:
        path = documents.stored_path(folder, name)
        if path is not None:
            path.unlink(missing_ok=True)
