"""The sandbox instant the trainer's desk sets, held by every worker of ``serve --workers N``.

freezegun moves the clock of one process. The trainer's choice is therefore stored (one row),
with the real time it was made and a random token; every process compares, on each request, the
stored token with the one it applied last and catches up when they differ: to the chosen instant
plus the real time elapsed since, so that a worker woken ten minutes later is not ten minutes
behind. The clock keeps ticking from the chosen instant, as with ``serve --now``.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from mock_portal.clock import clock, plus, real_epoch
from mock_portal.db import Database


@dataclass(frozen=True)
class Choice:
    token: str
    instant: datetime | None  # None: back to real time
    chosen_at: float  # real epoch seconds

    def now(self) -> datetime | None:
        """The sandbox instant this choice means at this moment (None: real time)."""
        if self.instant is None:
            return None
        # A real clock set backwards must not move the sandbox backwards.
        return plus(self.instant, timedelta(seconds=max(0.0, real_epoch() - self.chosen_at)))


def choose(db: Database, instant: datetime | None) -> Choice:
    choice = Choice(secrets.token_hex(8), instant, real_epoch())
    db.execute(
        "INSERT INTO sandbox_clock (id, token, instant, chosen_at) VALUES (1, ?, ?, ?)"
        " ON CONFLICT (id) DO UPDATE SET token = excluded.token, instant = excluded.instant,"
        " chosen_at = excluded.chosen_at",
        (choice.token, None if instant is None else instant.isoformat(), choice.chosen_at),
    )
    return choice


def stored(db: Database) -> Choice | None:
    row = db.one("SELECT token, instant, chosen_at FROM sandbox_clock WHERE id = 1")
    if row is None:
        return None
    instant = None if row["instant"] is None else datetime.fromisoformat(row["instant"])
    return Choice(row["token"], instant, row["chosen_at"])


def forget(db: Database) -> None:
    """``serve --now`` wins over a choice left in the database by an earlier run: the command
    forgets it once, before any worker starts. Not each worker at its start: one that uvicorn
    restarts (it died, or missed a health check) must follow the desk's current choice."""
    db.execute("DELETE FROM sandbox_clock")


class Follower:
    """One process's view: which stored choice its clock already follows (none at its start, so
    that a stored choice applies at its first request)."""

    def __init__(self, applied: str | None = None) -> None:
        self.applied = applied

    def follow(self, db: Database) -> None:
        choice = stored(db)
        # No row (a new database, or emptied by a reset): the clock stays where it is, which is
        # also where the testing API puts it.
        if choice is None or choice.token == self.applied:
            return
        instant = choice.now()
        if instant is None:
            clock.reset()
        else:
            clock.set(instant, frozen=False)
        self.applied = choice.token
