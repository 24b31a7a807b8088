"""The harness's time travel: the instants it sends to the portal."""

from __future__ import annotations

from contextlib import nullcontext
from datetime import datetime
from typing import Any

import pytest
from freezegun import freeze_time

from mock_portal_testing.portal import Portal
from mock_portal_testing.time_travel import TimeTravel


class RecordingPortal(Portal):
    def __init__(self) -> None:
        super().__init__("http://portal.invalid")
        self.instants: list[str] = []

    def set_clock(self, instant: datetime, frozen: bool = True) -> dict[str, Any]:
        self.instants.append(instant.isoformat())
        return {}


# Freezegun started in the test process, as a unit test that sets the portal clock leaves it:
# its datetime dropped the fold of the repeated hour (spulec/freezegun#422), an hour off.
@pytest.mark.parametrize("freezegun", [False, True], ids=["real-clock", "freezegun-started"])
def test_time_travel_forward_counts_elapsed_time_across_the_end_of_summer_time(freezegun: bool):
    with freeze_time("2026-10-24T12:00:00") if freezegun else nullcontext():
        instants = _forward_across_the_end_of_summer_time()
    assert instants == [
        "2026-10-25T02:50:00+02:00", "2026-10-25T02:06:00+01:00", "2026-10-25T03:06:00+01:00",
    ]


def _forward_across_the_end_of_summer_time() -> list[str]:
    portal = RecordingPortal()
    travel = TimeTravel(portal, context=None)
    travel.to("2026-10-25T02:50:00+02:00")
    travel.forward(minutes=16)
    travel.forward(hours=1)
    return portal.instants
