from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest

from mock_portal.clock import PARIS, Clock, parse_instant


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


def test_clock_moves_backwards_and_forwards(fresh_clock: Clock):
    fresh_clock.set(datetime(2019, 7, 15, 23, 59, 59))
    fresh_clock.set(datetime(2019, 6, 1, 0, 0))
    assert fresh_clock.now() == datetime(2019, 6, 1, tzinfo=PARIS)
    fresh_clock.advance(timedelta(minutes=16))
    assert fresh_clock.now() == datetime(2019, 6, 1, 0, 16, tzinfo=PARIS)


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
