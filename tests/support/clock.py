"""Clock steps only tests take: the portal itself only ever sets the clock to an instant."""

from __future__ import annotations

from datetime import timedelta

from mock_portal.clock import Clock, plus


def advance(clock: Clock, delta: timedelta) -> None:
    """Move the clock by real elapsed time (``plus``), keeping it frozen or running as it was."""
    clock.set(plus(clock.now(), delta), frozen=clock.frozen)
