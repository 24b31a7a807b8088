"""Window questions only tests ask: the portal asks the declared period for its closing instant."""

from __future__ import annotations

from datetime import datetime

from mock_portal.window import declared_period


def window_end(instant: datetime) -> datetime | None:
    """The closing second of the open window, or None when closed."""
    period = declared_period(instant)
    return None if period is None else period.closes_at()
