"""pytest plugin (``-p bench.realclock``): test durations on the real clock, whatever freezegun does.

Unit tests that set the portal clock run freezegun in the test process, and freezegun replaces
``time.perf_counter`` there too: pytest then reports durations such as 1 561 699 625 s (the
frozen instant) or exactly 900 s (a clock moved by 15 minutes). Stored in ``.test_durations``,
those would wreck the pytest-split groups. This plugin times each phase with
``time.clock_gettime(CLOCK_MONOTONIC)``, which freezegun leaves alone, and writes that into the
reports before anyone (``--store-durations``, JUnit, ``--durations``) reads them.
"""

from __future__ import annotations

import time
from collections.abc import Generator
from typing import Any

import pytest

_spent = pytest.StashKey[dict[str, float]]()


def _now() -> float:
    return time.clock_gettime(time.CLOCK_MONOTONIC)


def _timed(item: pytest.Item, when: str) -> Generator[None, Any, Any]:
    started = _now()
    try:
        return (yield)
    finally:
        item.stash.setdefault(_spent, {})[when] = _now() - started


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> Generator[None, Any, Any]:
    return (yield from _timed(item, "setup"))


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, Any, Any]:
    return (yield from _timed(item, "call"))


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Generator[None, Any, Any]:
    return (yield from _timed(item, "teardown"))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, Any]:
    report = yield
    spent = item.stash.get(_spent, {}).get(call.when)
    if spent is not None:
        report.duration = spent
    return report
