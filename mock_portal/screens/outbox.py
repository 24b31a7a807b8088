"""``/outbox``: what the portal "sent", for trainers and learners (the sandbox's phone and
mailbox). The page is public by design and says so; ``/outbox/<token>`` shows one learner's own."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from mock_portal import classroom
from mock_portal.contacts import addresses_of
from mock_portal.db import Database
from mock_portal.errors import NotFound
from mock_portal.outbox import CHANNEL_LABELS, RECIPIENT_MAX, SHOWN, Message, messages, messages_to_any
from mock_portal.web import render


def _shown(found: list[Message]) -> dict[str, Any]:
    """``found`` holds up to SHOWN + 1 messages: the extra one only tells that older ones exist."""
    return {"messages": found[:SHOWN], "more": len(found) > SHOWN, "shown": SHOWN,
            "labels": CHANNEL_LABELS}


async def outbox_page(request: Request) -> Response:
    to = " ".join(request.query_params.get("to", "").split())
    errors: dict[str, str] = {}
    if len(to) > RECIPIENT_MAX:
        errors["to"] = f"L'adresse ou le numéro ne doit pas dépasser {RECIPIENT_MAX} caractères."
    found = [] if errors else messages(request.app.state.db, to or None, newest_first=True, limit=SHOWN + 1)
    return render(request, "outbox/outbox.html", {**_shown(found), "to": to, "errors": errors},
                  status_code=400 if errors else 200)


async def outbox_personnel_page(request: Request) -> Response:
    """``/outbox/<token>``: the token on a learner's card opens their messages, nobody else's."""
    db: Database = request.app.state.db
    learner = classroom.by_token(db, request.path_params["token"])
    if learner is None:
        raise NotFound()
    # Also the contacts they had before « Mes coordonnées » changed them, and the one awaiting its code.
    contacts = [to for to in (learner.email, learner.phone) if to] + addresses_of(db, learner.persona_id)
    return render(request, "outbox/outbox_personnel.html",
                  {**_shown(messages_to_any(db, contacts, limit=SHOWN + 1)), "learner": learner})


routes = [
    Route("/outbox", outbox_page, name="outbox"),
    Route("/outbox/{token}", outbox_personnel_page, name="outbox_personnel"),
]
