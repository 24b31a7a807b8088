"""Reading what the portal "sent" to a persona: the latest message, the code, the identifiant.

The portal writes a message before it answers the request that sent it, so once the page
after « Poursuivre » is visible the message is there: no waiting loop is needed.
"""

from __future__ import annotations

import re
from typing import Any

from mock_portal_testing.channels import Channel
from mock_portal_testing.people import Persona
from mock_portal_testing.portal import Portal

CODE = re.compile(r"\b(\d{6})\b")
IDENTIFIANT = re.compile(r"\b(\d{7}[A-Z])\b")


def address(persona: Persona, channel: Channel | str) -> str:
    """Where a persona receives messages on a channel (``Channel.EMAIL`` or ``Channel.SMS``)."""
    to = persona.email if Channel.parse(channel) is Channel.EMAIL else persona.phone
    assert to, f"{persona.key} has no {channel}"
    return to


def extract(pattern: re.Pattern[str], message: dict[str, Any]) -> str:
    found = pattern.search(message["body"])
    assert found, f"nothing like {pattern.pattern} in: {message['body']!r}"
    return found.group(1)


class Outbox:
    """A persona's messages in the portal's outbox, read through the testing API."""

    def __init__(self, portal: Portal) -> None:
        self.portal = portal

    def messages(self, persona: Persona, channel: Channel | str) -> list[dict[str, Any]]:
        """Oldest first, this persona's messages on this channel only (among the newest 200 of the
        testing API: a test resets the portal long before it sends that many)."""
        found = self.portal.outbox(address(persona, channel))
        return [message for message in found if message["channel"] == Channel.parse(channel)]

    def latest(
        self, persona: Persona, channel: Channel | str, pattern: re.Pattern[str] | None = None
    ) -> dict[str, Any]:
        """The newest message (holding ``pattern``, when given) sent to the persona."""
        found = [m for m in self.messages(persona, channel) if not pattern or pattern.search(m["body"])]
        assert found, f"no {channel} message for {persona.key}; outbox: {self.portal.outbox()}"
        return found[-1]

    def latest_code(self, persona: Persona, channel: Channel | str) -> str:
        return extract(CODE, self.latest(persona, channel, CODE))

    def latest_identifiant(self, persona: Persona, channel: Channel | str) -> str:
        return extract(IDENTIFIANT, self.latest(persona, channel, IDENTIFIANT))

    def all(self) -> list[dict[str, Any]]:
        return self.portal.outbox()
