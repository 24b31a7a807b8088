"""Fault injection for crash-safety tests.

Only a portal started with ``--testing`` honours ``MOCK_PORTAL_CRASH_AT``: when the code reaches
the named point, the process kills itself with SIGKILL, as a power cut would, with no cleanup.
"""

from __future__ import annotations

import os
import signal

ENV = "MOCK_PORTAL_CRASH_AT"
POINTS = ("declaration:before-commit", "declaration:after-commit")

_armed: str | None = None


def arm_from_environment() -> None:
    global _armed
    point = os.environ.get(ENV)
    if point and point not in POINTS:
        raise ValueError(f"{ENV}={point!r}: known points are {', '.join(POINTS)}")
    _armed = point


def point(name: str) -> None:
    if _armed == name:
        os.kill(os.getpid(), signal.SIGKILL)
