from __future__ import annotations

import asyncio
import email.utils
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta

import pytest
import uvicorn

from mock_portal.clock import PARIS, Clock, parse_instant, plus, real_epoch
from tests.support.clock import advance


@pytest.fixture
def fresh_clock() -> Iterator[Clock]:
    subject = Clock()
    yield subject
    subject.reset()


def test_clock_real_time_by_default(fresh_clock: Clock):
    assert abs(fresh_clock.now().timestamp() - time.time()) < 5
    assert fresh_clock.now().tzinfo is PARIS


def test_clock_frozen_stays(fresh_clock: Clock):
    fresh_clock.set(datetime(2019, 6, 28, 9, 0), frozen=True)
    assert fresh_clock.now() == datetime(2019, 6, 28, 9, 0, tzinfo=PARIS)
    assert fresh_clock.frozen is True


def test_clock_set_leaves_the_http_date_header_on_the_real_clock(fresh_clock: Clock):
    # Browsers date cached files from it: a Date of 2019 would make the stylesheet stale on
    # arrival (static_files.py). uvicorn.Server writes the header in on_tick(), once a second.
    fresh_clock.set(datetime(2019, 6, 28, 9, 0), frozen=True)
    server = uvicorn.Server(uvicorn.Config(app=None))
    server.config.encoded_headers = []  # set by Config.load(), which needs a real app
    # A thread of its own: a Playwright test earlier in this process leaves its loop running here.
    with ThreadPoolExecutor(1) as thread:
        thread.submit(asyncio.run, server.on_tick(0)).result()
    ((name, value),) = server.server_state.default_headers
    assert name == b"date"
    assert abs(email.utils.parsedate_to_datetime(value.decode()).timestamp() - real_epoch()) < 60
    assert fresh_clock.now() == datetime(2019, 6, 28, 9, 0, tzinfo=PARIS)


def test_clock_moves_backwards_and_forwards(fresh_clock: Clock):
    fresh_clock.set(datetime(2019, 7, 15, 23, 59, 59))
    fresh_clock.set(datetime(2019, 6, 1, 0, 0))
    assert fresh_clock.now() == datetime(2019, 6, 1, tzinfo=PARIS)
    advance(fresh_clock, timedelta(minutes=16))
    assert fresh_clock.now() == datetime(2019, 6, 1, 0, 16, tzinfo=PARIS)


@pytest.mark.parametrize("text", [
    "2026-10-25T02:16:00+02:00",  # the first 02:16 of the night summer time ends
    "2026-10-25T02:16:00+01:00",  # the second one, an hour later
    "2027-10-31T02:30:00+01:00",  # inside an actualisation window
])
def test_clock_keeps_the_instant_in_the_repeated_hour(fresh_clock: Clock, text: str):
    instant = datetime.fromisoformat(text)
    fresh_clock.set(instant, frozen=True)
    assert fresh_clock.now().isoformat() == text
    assert fresh_clock.now().timestamp() == instant.timestamp()
    advance(fresh_clock, timedelta(minutes=1))
    assert fresh_clock.now().timestamp() == instant.timestamp() + 60


@pytest.mark.parametrize(("start", "delta", "end"), [
    ("2026-11-30T10:00:00+01:00", timedelta(minutes=15), "2026-11-30T10:15:00+01:00"),
    # Summer time ends: 15 minutes after the first 02:50 is the second 02:05.
    ("2026-10-25T02:50:00+02:00", timedelta(minutes=15), "2026-10-25T02:05:00+01:00"),
    ("2026-10-25T02:05:00+01:00", timedelta(minutes=-15), "2026-10-25T02:50:00+02:00"),
    # Summer time starts: 01:50 + 15 minutes is 03:05, 02:xx does not exist.
    ("2026-03-29T01:50:00+01:00", timedelta(minutes=15), "2026-03-29T03:05:00+02:00"),
    ("2026-03-28T12:00:00+01:00", timedelta(hours=24), "2026-03-29T13:00:00+02:00"),
])
def test_clock_plus_adds_elapsed_time(start: str, delta: timedelta, end: str):
    assert plus(datetime.fromisoformat(start), delta).isoformat() == end


def test_clock_ticking_starts_at_the_instant(fresh_clock: Clock):
    fresh_clock.set(datetime(2019, 6, 28, 9, 0), frozen=False)
    assert fresh_clock.frozen is False
    elapsed = fresh_clock.now() - datetime(2019, 6, 28, 9, 0, tzinfo=PARIS)
    assert timedelta(0) <= elapsed < timedelta(seconds=5)


def test_clock_reset_returns_to_real_time(fresh_clock: Clock):
    fresh_clock.set(datetime(2019, 6, 28, 9, 0))
    fresh_clock.reset()
    assert fresh_clock.now().year >= 2024


@pytest.mark.parametrize(("text", "iso"), [
    ("2019-06-28T09:00", "2019-06-28T09:00:00+02:00"),
    ("2019-12-28T09:00", "2019-12-28T09:00:00+01:00"),
    ("2019-06-28T07:00:00+00:00", "2019-06-28T09:00:00+02:00"),
    ("2019-06-28T07:00:00Z", "2019-06-28T09:00:00+02:00"),
])
def test_clock_parse_instant(text: str, iso: str):
    assert parse_instant(text).isoformat() == iso


def test_clock_parse_instant_refuses_garbage():
    with pytest.raises(ValueError, match="ISO-8601"):
        parse_instant("demain matin")


def test_clock_leaves_pytest_timer_on_real_time(fresh_clock: Clock):
    """conftest keeps pytest's modules out of freezegun: durations and JUnit times stay true."""
    from _pytest import timing

    fresh_clock.set(datetime(2019, 6, 28, 9, 0), frozen=True)
    assert abs(timing.time() - time.clock_gettime(time.CLOCK_REALTIME)) < 60
