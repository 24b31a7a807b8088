"""The portal's only source of "now".

Real time by default. A sandbox started with ``--now`` or a test using the testing API sets the
clock; freezegun then does the work for the whole process, so that every library the app uses
(cookies, PDF dates, logs) agrees with the page. The freeze is started once and moved afterwards:
``start()`` scans every loaded module (milliseconds) while ``move_to()`` costs microseconds.
``real_asyncio=True`` keeps the event loop on real monotonic time, otherwise uvicorn's loop
would hang at shutdown.
"""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")
# Modules whose calls to time.time() freezegun answers with the real clock (see Clock.set).
REAL_TIME_MODULES = ["uvicorn.server"]


class Clock:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._freezer: Any = None
        self._factory: Any = None
        self._frozen: bool | None = None

    @property
    def is_set(self) -> bool:
        """Whether ``now()`` is a chosen instant: the trainer's desk says « heure réelle » otherwise."""
        return self._freezer is not None

    @property
    def frozen(self) -> bool:
        return bool(self._frozen)

    def now(self) -> datetime:
        """The current instant, aware, in Paris time."""
        return to_paris(datetime.now(UTC))

    def set(self, instant: datetime, *, frozen: bool = True) -> None:
        """Make ``now()`` return ``instant`` (and keep ticking from it unless ``frozen``)."""
        utc_naive = to_paris(instant).astimezone(UTC).replace(tzinfo=None)
        with self._lock:
            if self._freezer is not None and self._frozen == frozen:
                self._factory.move_to(utc_naive)
                return
            self._stop()
            from freezegun import freeze_time

            # uvicorn.server writes each response's Date header once a second: on the real
            # clock, a browser can count how fresh a cached file is (static_files.py); on the
            # chosen instant, years old, it would ask again on every page.
            self._freezer = freeze_time(utc_naive, tick=not frozen, real_asyncio=True,
                                        ignore=REAL_TIME_MODULES)
            self._factory = self._freezer.start()
            self._frozen = frozen

    def reset(self) -> None:
        """Back to real time."""
        with self._lock:
            self._stop()

    def _stop(self) -> None:
        if self._freezer is not None:
            self._freezer.stop()
        self._freezer = self._factory = self._frozen = None


def real_epoch() -> float:
    """Seconds since the epoch on the machine's real clock, even while freezegun is started.

    freezegun patches time.time() and friends but not clock_gettime(): the trainer's desk measures
    with it how long ago an instant was chosen (shared_clock.py).
    """
    return time.clock_gettime(time.CLOCK_REALTIME)


def to_paris(instant: datetime) -> datetime:
    """Aware instants are converted; naive ones are read as Paris legal time."""
    if instant.tzinfo is None:
        return instant.replace(tzinfo=PARIS)
    # Not astimezone(PARIS): under freezegun it returns a FakeDatetime without its fold
    # (spulec/freezegun#422), so that 02:16 in the hour repeated at the end of summer time
    # came out as the first 02:16, an hour early. fromutc() sets the fold itself.
    return PARIS.fromutc(instant.astimezone(UTC).replace(tzinfo=PARIS))


def plus(instant: datetime, delta: timedelta) -> datetime:
    """``instant + delta`` in elapsed time, in Paris time.

    A plain ``+`` on a Paris datetime adds wall-clock time: 15 minutes after 02:50 on the night
    summer time ends would be 03:05 winter time, 75 minutes later, and the result forgets which
    of the two 02:50 it started from.
    """
    return to_paris(to_paris(instant).astimezone(UTC) + delta)


def parse_instant(text: str) -> datetime:
    """ISO-8601 text to an aware Paris datetime; raises ValueError with a readable message."""
    try:
        value = datetime.fromisoformat(text.strip())
    except (ValueError, AttributeError) as exc:
        raise ValueError(f"date et heure ISO-8601 attendues, reçu {text!r}") from exc
    return to_paris(value)


clock = Clock()
