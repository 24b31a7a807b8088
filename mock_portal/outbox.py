"""The outbox: every e-mail and SMS the portal "sends" lands here, and nothing ever leaves.

Trainers read it on ``/outbox`` (newest first); tests read it through ``/_testing/outbox``.
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

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from mock_portal import classroom
from mock_portal.clock import clock
from mock_portal.db import Database
from mock_portal.templating import templates

Channel = Literal["email", "sms"]
CHANNEL_LABELS = {"email": "Mail", "sms": "SMS"}
# Longer than any e-mail address (254) or phone number: refused, never looked up.
RECIPIENT_MAX = 254


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
    # SMS have no subject; the column stays text so that the JSON keeps one type.
    db.execute(
        "INSERT INTO outbox (channel, recipient, recipient_key, subject, body, sent_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (channel, to, recipient_key(to), subject if channel == "email" else "", body,
         clock.now().isoformat()),
    )


def messages(db: Database, to: str | None = None, *, newest_first: bool = False) -> list[Message]:
    # The id breaks ties: with a frozen clock several messages share one sent_at.
    order = "DESC" if newest_first else "ASC"
    if to is None:
        rows = db.all(f"SELECT * FROM outbox ORDER BY id {order}")
    else:
        rows = db.all(f"SELECT * FROM outbox WHERE recipient_key = ? ORDER BY id {order}",
                      (recipient_key(to),))
    return [Message.from_row(row) for row in rows]


async def outbox_page(request: Request) -> Response:
    to = " ".join(request.query_params.get("to", "").split())
    errors: dict[str, str] = {}
    if len(to) > RECIPIENT_MAX:
        errors["to"] = f"L'adresse ou le numéro ne doit pas dépasser {RECIPIENT_MAX} caractères."
    found = [] if errors else messages(request.app.state.db, to or None, newest_first=True)
    return templates.TemplateResponse(request, "outbox.html", {
        "messages": found, "labels": CHANNEL_LABELS, "to": to, "errors": errors,
    }, status_code=400 if errors else 200)


routes = [Route("/outbox", outbox_page, name="outbox")]


# --- one learner's own messages (classroom mode) -------------------------------------------


def messages_to_any(db: Database, recipients: list[str]) -> list[Message]:
    """Newest first, the messages sent to any of these addresses or numbers."""
    keys = [recipient_key(to) for to in recipients] or [""]
    marks = ", ".join("?" * len(keys))
    rows = db.all(f"SELECT * FROM outbox WHERE recipient_key IN ({marks}) ORDER BY id DESC", keys)
    return [Message.from_row(row) for row in rows]


async def outbox_personnel_page(request: Request) -> Response:
    """``/outbox/<token>``: the token on a learner's card opens their messages, nobody else's."""
    db: Database = request.app.state.db
    learner = classroom.by_token(db, request.path_params["token"])
    if learner is None:
        raise HTTPException(404)
    # Also the contacts they had before « Mes coordonnées » changed them, and the one awaiting its
    # code (imported here: contacts sends through this module).
    from mock_portal.contacts import addresses_of

    contacts = [to for to in (learner.email, learner.phone) if to] + addresses_of(db, learner.persona_id)
    return templates.TemplateResponse(request, "outbox_personnel.html", {
        "learner": learner, "messages": messages_to_any(db, contacts), "labels": CHANNEL_LABELS,
    })


routes.append(Route("/outbox/{token}", outbox_personnel_page, name="outbox_personnel"))
