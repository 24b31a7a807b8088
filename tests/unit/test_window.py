from __future__ import annotations

from datetime import UTC, datetime

import pytest

from mock_portal.clock import PARIS
from mock_portal.window import Period, declared_period, next_opening
from tests.support.window import window_end


def paris(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=PARIS)


@pytest.mark.parametrize(("instant", "period"), [
    ("2019-06-27T23:59:59", None),
    ("2019-06-28T00:00:00", Period(2019, 6)),
    ("2019-06-30T23:59:59", Period(2019, 6)),
    ("2019-07-01T00:00:00", Period(2019, 6)),
    ("2019-07-10T12:00:00", Period(2019, 6)),
    ("2019-07-15T23:59:59", Period(2019, 6)),
    ("2019-07-16T00:00:00", None),
    ("2019-12-28T00:00:00", Period(2019, 12)),
    ("2020-01-15T23:59:59", Period(2019, 12)),
    ("2020-01-16T00:00:00", None),
    ("2020-02-25T23:59:59", None),
    ("2020-02-26T00:00:00", Period(2020, 2)),
    ("2020-02-29T12:00:00", Period(2020, 2)),
    ("2021-02-26T00:00:00", Period(2021, 2)),
    ("2021-02-28T23:59:59", Period(2021, 2)),
    ("2021-03-15T23:59:59", Period(2021, 2)),
    ("2021-03-27T23:59:59", None),
    ("2021-03-28T03:00:00", Period(2021, 3)),  # the spring-forward day
    ("2019-10-27T02:30:00", None),  # a fall-back day before the 28th
    ("2018-10-28T00:00:00", Period(2018, 10)),  # the fall-back day of 2018 is the 28th
    ("2018-10-28T02:30:00", Period(2018, 10)),
    ("2019-11-15T23:59:59", Period(2019, 10)),
])
def test_window_declared_period_table(instant: str, period: Period | None):
    assert declared_period(paris(instant)) == period


@pytest.mark.parametrize(("utc", "period"), [
    # 22:00 UTC on 27 June is already 00:00 on the 28th in Paris (summer time, UTC+2).
    ("2019-06-27T22:00:00", Period(2019, 6)),
    ("2019-06-27T21:59:59", None),
    # In winter (UTC+1) the window closes at 22:59:59 UTC on the 15th.
    ("2020-01-15T22:59:59", Period(2019, 12)),
    ("2020-01-15T23:00:00", None),
])
def test_window_reads_utc_instants_in_paris_time(utc: str, period: Period | None):
    instant = datetime.fromisoformat(utc).replace(tzinfo=UTC)
    assert declared_period(instant) == period


def test_window_naive_instant_is_paris_time():
    assert declared_period(datetime(2019, 6, 28, 0, 0)) == Period(2019, 6)


@pytest.mark.parametrize(("instant", "expected"), [
    ("2019-07-16T00:00:00", "2019-07-28T00:00:00+02:00"),
    ("2019-07-27T23:59:59", "2019-07-28T00:00:00+02:00"),
    ("2020-02-16T10:00:00", "2020-02-26T00:00:00+01:00"),
    ("2019-06-28T09:00:00", "2019-06-28T00:00:00+02:00"),
    ("2019-07-05T09:00:00", "2019-06-28T00:00:00+02:00"),
])
def test_window_next_opening(instant: str, expected: str):
    assert next_opening(paris(instant)).isoformat() == expected


def test_window_end_is_the_last_second_of_the_15th():
    assert window_end(paris("2019-06-28T09:00")) == paris("2019-07-15T23:59:59")
    assert window_end(paris("2019-07-20T09:00")) is None


@pytest.mark.parametrize(("period", "first", "last"), [
    (Period(2019, 6), "2019-06-01", "2019-06-30"),
    (Period(2020, 2), "2020-02-01", "2020-02-29"),
    (Period(2021, 2), "2021-02-01", "2021-02-28"),
    (Period(2019, 12), "2019-12-01", "2019-12-31"),
])
def test_period_days(period: Period, first: str, last: str):
    assert period.first_day.isoformat() == first
    assert period.last_day.isoformat() == last


def test_period_next_and_previous_cross_the_year():
    assert Period(2019, 12).next() == Period(2020, 1)
    assert Period(2020, 1).previous() == Period(2019, 12)
    assert Period.parse("2019-06").key == "2019-06"
