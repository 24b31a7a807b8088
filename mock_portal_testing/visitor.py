"""What a journey (journeys.py) is given, and the ``visitor`` fixture that gives it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from playwright.sync_api import Locator, Page

from mock_portal_testing.outbox import Outbox
from mock_portal_testing.people import Identity, Persona
from mock_portal_testing.portal import Portal
from mock_portal_testing.time_travel import TimeTravel


@dataclass
class Visitor:
    """What a journey may use: the page, a logged-in shortcut, the demo persona, both clocks and
    the outbox."""

    page: Page
    login_as: Callable[[Persona], Page]
    persona: Persona
    identity: Identity
    time_travel: TimeTravel
    outbox: Outbox

    def h1(self, text: str) -> Locator:
        return self.page.get_by_role("heading", level=1, name=text)

    @property
    def portal(self) -> Portal:
        """The testing API: a class seated, the trainer code."""
        return self.outbox.portal

    def logged_in(self, path: str) -> None:
        self.login_as(self.persona).goto(path)


Journey = Callable[[Visitor], Locator]


def goto(path: str, h1: str) -> Journey:
    """A screen reached by its address, shown by its h1."""
    def journey(v: Visitor) -> Locator:
        v.page.goto(path)
        return v.h1(h1)
    return journey


@pytest.fixture
def visitor(page: Page, login_as: Callable[[Persona], Page], demo: Persona, identities: dict[str, Identity],
            time_travel: TimeTravel, outbox: Outbox) -> Visitor:
    """The demo persona's visit on the test's page, for :func:`journeys.reach`."""
    return Visitor(page, login_as, demo, identities[demo.key], time_travel, outbox)
