"""The outbox: every e-mail and SMS the portal "sends" lands here, and nothing ever leaves.

The pages that show it are ``screens/outbox.py``.

Trainers read it on ``/outbox`` (newest first); tests read it through ``/_testing/outbox``.
Both show the newest ``SHOWN`` messages only, and the pages say so when older ones exist.
The page is public by design (it is the sandbox's phone and mailbox): anyone who opens it reads
every message, so anyone who knows a persona's name and birth date can take the account over.
The page says so. ``/outbox?to=…`` shows one recipient's messages, a link a trainer can hand to
one learner; like the testing API it ignores spaces and case.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from mock_portal.clock import clock
from mock_portal.db import Database

Channel = Literal["email", "sms"]
CHANNEL_LABELS = {"email": "Mail", "sms": "SMS"}
# Longer than any e-mail address (254) or phone number: refused, never looked up.
RECIPIENT_MAX = 254
# The pages and the testing API show the newest messages only: the outbox is never emptied
# between resets, and a page of every message ever sent would grow without end.
SHOWN = 200
# A sandbox left running for weeks keeps this many messages, the oldest forgotten as new ones
# come: the per-account caps bound how fast it fills, this bounds how much (~10 MB at most).
KEPT = 10_000


@dataclass(frozen=True)
class Message:
    id: int
    channel: str
    to: str
    subject: str
    body: str
    sent_at: str

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Message:
        return cls(row["id"], row["channel"], row["recipient"], row["subject"], row["body"],
                   row["sent_at"])

    @property
    def sent(self) -> datetime:
        return datetime.fromisoformat(self.sent_at)

    def as_json(self) -> dict[str, Any]:
        return {"channel": self.channel, "to": self.to, "subject": self.subject, "body": self.body,
                "sent_at": self.sent_at}


def recipient_key(to: str) -> str:
    """How recipients are compared: « 06 12 34 56 78 » and « 0612345678 » are one number."""
    return "".join(to.split()).casefold()


def send(db: Database, channel: Channel, to: str, subject: str, body: str) -> None:
    with db.transaction():
        # SMS have no subject; the column stays text so that the JSON keeps one type.
        cursor = db.execute(
            "INSERT INTO outbox (channel, recipient, recipient_key, subject, body, sent_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (channel, to, recipient_key(to), subject if channel == "email" else "", body,
             clock.now().isoformat()),
        )
        # Ids only grow, so the newest KEPT messages are the last KEPT ids.
        db.execute("DELETE FROM outbox WHERE id <= ?", ((cursor.lastrowid or 0) - KEPT,))


def messages(db: Database, to: str | None = None, *, newest_first: bool = False,
             limit: int | None = None) -> list[Message]:
    """Every message (or one recipient's), or only the newest ``limit`` of them, in either order."""
    # The id breaks ties: with a frozen clock several messages share one sent_at.
    where, params = ("", []) if to is None else (" WHERE recipient_key = ?", [recipient_key(to)])
    # SQLite reads LIMIT -1 as no limit.
    rows = db.all(f"SELECT * FROM outbox{where} ORDER BY id DESC LIMIT ?",
                  [*params, -1 if limit is None else limit])
    found = [Message.from_row(row) for row in rows]
    return found if newest_first else found[::-1]


def messages_to_any(db: Database, recipients: list[str], limit: int | None = None) -> list[Message]:
    """Newest first, the messages sent to any of these addresses or numbers (the newest ``limit``)."""
    keys = [recipient_key(to) for to in recipients] or [""]
    marks = ", ".join("?" * len(keys))
    rows = db.all(f"SELECT * FROM outbox WHERE recipient_key IN ({marks}) ORDER BY id DESC LIMIT ?",
                  [*keys, -1 if limit is None else limit])
    return [Message.from_row(row) for row in rows]
