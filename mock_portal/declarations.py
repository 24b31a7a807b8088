"""Stored declarations and their lifecycle: modification possible → en cours de traitement →
prise en compte."""

from __future__ import annotations

import json
import secrets
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Any

from mock_portal import faults
from mock_portal.clock import to_paris
from mock_portal.db import Database
from mock_portal.window import Period

PROCESSING = timedelta(hours=24)  # « Elle sera prise en compte sous un délai de 24h »

MODIFIABLE = "modification possible"
PROCESSING_STATE = "en cours de traitement"
DONE = "prise en compte"


class DeadlinePassed(Exception):
    """A modification after « jusqu'à HHhMM »: refused, nothing changed."""


class AlreadyDeclared(Exception):
    """A first declaration for a period that already has one (e.g. a second tab)."""


@dataclass(frozen=True)
class Declaration:
    id: int
    persona_id: int
    period: Period
    reference: str
    answers: dict[str, Any]
    version: int
    first_validated_at: datetime
    validated_at: datetime
    modifiable_until: datetime

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Declaration:
        return cls(
            id=row["id"], persona_id=row["persona_id"], period=Period.parse(row["period"]),
            reference=row["reference"], answers=json.loads(row["answers"]), version=row["version"],
            first_validated_at=datetime.fromisoformat(row["first_validated_at"]),
            validated_at=datetime.fromisoformat(row["validated_at"]),
            modifiable_until=datetime.fromisoformat(row["modifiable_until"]),
        )

    def can_modify(self, now: datetime) -> bool:
        return now <= self.modifiable_until

    def status(self, now: datetime) -> str:
        if self.can_modify(now):
            return MODIFIABLE
        if now < self.validated_at + PROCESSING:
            return PROCESSING_STATE
        return DONE


def modification_deadline(validated_at: datetime, policy: str, period: Period) -> datetime:
    """« Vous avez la possibilité de la modifier jusqu'à HHhMM », never past the window."""
    local = to_paris(validated_at)
    if policy == "fin-de-journee":
        deadline = datetime.combine(local.date(), time(23, 59, 59), local.tzinfo)
    elif policy.startswith("heures:"):
        # Real elapsed hours: aware arithmetic in Paris time would add wall-clock hours.
        deadline = validated_at.astimezone(UTC) + timedelta(hours=int(policy.removeprefix("heures:")))
    else:
        raise ValueError(f"unknown modification deadline policy {policy!r}")
    return min(to_paris(deadline), period.closes_at())


def check_policy(policy: str) -> None:
    """Fail at start, not at the first validation, on a mistyped setting."""
    if policy == "fin-de-journee":
        return
    hours = policy.removeprefix("heures:")
    if not (policy.startswith("heures:") and hours.isdigit() and 0 < int(hours) <= 24 * 31):
        raise ValueError(f"modification deadline must be 'fin-de-journee' or 'heures:N', not {policy!r}")


def find(db: Database, persona_id: int, period: Period) -> Declaration | None:
    row = db.one("SELECT * FROM declarations WHERE persona_id = ? AND period = ?", (persona_id, period.key))
    return None if row is None else Declaration.from_row(row)


def latest(db: Database, persona_id: int) -> Declaration | None:
    row = db.one(
        "SELECT * FROM declarations WHERE persona_id = ? ORDER BY period DESC LIMIT 1", (persona_id,)
    )
    return None if row is None else Declaration.from_row(row)


def versions(db: Database, declaration_id: int) -> list[sqlite3.Row]:
    return db.all(
        "SELECT * FROM declaration_versions WHERE declaration_id = ? ORDER BY version", (declaration_id,)
    )


def submitted(db: Database, submission: str) -> bool:
    return db.one("SELECT 1 FROM declaration_versions WHERE submission = ?", (submission,)) is not None


def record(
    db: Database, *, persona_id: int, period: Period, answers: dict[str, Any], submission: str,
    now: datetime, policy: str, modification: bool,
) -> Declaration:
    """Store a first declaration or a modification, all or nothing.

    A submission already recorded returns the declaration unchanged (idempotent).
    """
    encoded = json.dumps(answers, sort_keys=True)
    stamp = now.isoformat()
    with db.transaction():
        current = find(db, persona_id, period)
        if submitted(db, submission):
            assert current is not None
            return current
        if current is None:
            cursor = db.execute(
                "INSERT INTO declarations (persona_id, period, reference, answers, version,"
                " first_validated_at, validated_at, modifiable_until) VALUES (?, ?, ?, ?, 1, ?, ?, ?)",
                (persona_id, period.key, _reference(period), encoded, stamp, stamp,
                 modification_deadline(now, policy, period).isoformat()),
            )
            declaration_id, version = cursor.lastrowid, 1
        else:
            if not modification:
                raise AlreadyDeclared
            if not current.can_modify(now):
                raise DeadlinePassed
            declaration_id, version = current.id, current.version + 1
            db.execute(
                "UPDATE declarations SET answers = ?, version = ?, validated_at = ? WHERE id = ?",
                (encoded, version, stamp, declaration_id),
            )
        db.execute(
            "INSERT INTO declaration_versions (declaration_id, version, submission, answers,"
            " validated_at) VALUES (?, ?, ?, ?, ?)",
            (declaration_id, version, submission, encoded, stamp),
        )
        stored = find(db, persona_id, period)
        faults.point("declaration:before-commit")
    faults.point("declaration:after-commit")
    assert stored is not None
    return stored


def _reference(period: Period) -> str:
    # Readable on the phone: no 0/O or 1/I to confuse.
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return f"ACT-{period.key.replace('-', '')}-" + "".join(secrets.choice(alphabet) for _ in range(8))
