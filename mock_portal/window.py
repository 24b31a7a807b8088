"""The actualisation window: pure functions of an instant, no clock reading here.

Rule (arrêté du 22 décembre 2015): the declaration for month M opens on the 28th of M (the 26th
in February) at 00:00 and closes on the 15th of M+1 at 23:59:59, Paris legal time. Weekends and
holidays move nothing.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time

from mock_portal.clock import PARIS, to_paris

CLOSING_DAY = 15


@dataclass(frozen=True, order=True)
class Period:
    """A declared month."""

    year: int
    month: int

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @property
    def key(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def next(self) -> Period:
        return Period(self.year + self.month // 12, self.month % 12 + 1)

    def previous(self) -> Period:
        return Period(self.year - (self.month == 1), (self.month - 2) % 12 + 1)

    def opens_at(self) -> datetime:
        return datetime.combine(date(self.year, self.month, opening_day(self.month)), time(), PARIS)

    def closes_at(self) -> datetime:
        """The last second of the window (inclusive)."""
        following = self.next()
        last = date(following.year, following.month, CLOSING_DAY)
        return datetime.combine(last, time(23, 59, 59), PARIS)

    @classmethod
    def parse(cls, key: str) -> Period:
        year, month = key.split("-")
        return cls(int(year), int(month))


def opening_day(month: int) -> int:
    return 26 if month == 2 else 28


def declared_period(instant: datetime) -> Period | None:
    """The month one declares at ``instant``, or None when the window is closed."""
    local = to_paris(instant)
    here = Period(local.year, local.month)
    if local.day >= opening_day(local.month):
        return here
    if local.day <= CLOSING_DAY:
        return here.previous()
    return None


def next_opening(instant: datetime) -> datetime:
    """When the next window opens (the current one's opening if it is open now)."""
    local = to_paris(instant)
    current = declared_period(local)
    if current is not None:
        return current.opens_at()
    return Period(local.year, local.month).opens_at()


def current_or_next_period(instant: datetime) -> Period:
    """The period being declared, or, when closed, the one whose window opens next (the desk's presets)."""
    period = declared_period(instant)
    if period is not None:
        return period
    local = to_paris(instant)
    return Period(local.year, local.month)
