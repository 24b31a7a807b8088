"""One call moves the portal clock and the browser clock to the same Paris instant."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from playwright.sync_api import BrowserContext

from mock_portal_testing.portal import Portal

PARIS = ZoneInfo("Europe/Paris")


def paris(when: str | datetime) -> datetime:
    """Naive times (and ISO strings without offset) are Paris legal time."""
    instant = datetime.fromisoformat(when) if isinstance(when, str) else when
    return instant.replace(tzinfo=PARIS) if instant.tzinfo is None else _in_paris(instant)


def _in_paris(instant: datetime) -> datetime:
    # Not astimezone(PARIS): with freezegun started in the process (a test suite's own portal
    # clock, as mock_portal.clock does it), it drops the fold (spulec/freezegun#422), and the
    # second 02:06 of the night summer time ends came out as the first. fromutc() sets the fold.
    return PARIS.fromutc(instant.astimezone(UTC).replace(tzinfo=PARIS))


class TimeTravel:
    def __init__(self, portal: Portal, context: BrowserContext | None) -> None:
        self.portal = portal
        self.context = context
        self.now: datetime | None = None

    def to(self, when: str | datetime) -> datetime:
        instant = paris(when)
        self.portal.set_clock(instant, frozen=True)
        if self.context is not None:
            self.context.clock.set_fixed_time(instant)
        self.now = instant
        return instant

    def forward(self, **delta: float) -> datetime:
        """Move both clocks forward, e.g. ``forward(minutes=16)`` to cross a deadline."""
        assert self.now is not None, "call to() first"
        # Elapsed time, through UTC: a plain + on a Paris time adds wall-clock time, an hour
        # off when summer time starts or ends in between.
        return self.to(_in_paris(self.now.astimezone(UTC) + timedelta(**delta)))
