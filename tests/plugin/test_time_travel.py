"""The harness's time travel: the instants it sends to the portal."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from mock_portal_testing.portal import Portal
from mock_portal_testing.time_travel import TimeTravel


class RecordingPortal(Portal):
    def __init__(self) -> None:
        super().__init__("http://portal.invalid")
        self.instants: list[str] = []

    def set_clock(self, instant: datetime, frozen: bool = True) -> dict[str, Any]:
        self.instants.append(instant.isoformat())
        return {}


def test_time_travel_forward_counts_elapsed_time_across_the_end_of_summer_time():
    portal = RecordingPortal()
    travel = TimeTravel(portal, context=None)
    travel.to("2026-10-25T02:50:00+02:00")
    travel.forward(minutes=16)
    travel.forward(hours=1)
    assert portal.instants == [
        "2026-10-25T02:50:00+02:00", "2026-10-25T02:06:00+01:00", "2026-10-25T03:06:00+01:00",
    ]
