"""--base-url: a portal already running, over HTTPS or under a sub-path, with or without the testing API."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import httpx2 as httpx
import pytest

from mock_portal_testing.portal import Portal
from tests.support.inner_session import runpytest_here
from tests.support.seeding import seed_cheaply

TESTS = """
def test_needs_nothing(portal):
    assert portal.base_url

def test_needs_personas(personas):
    assert "demo" in personas

def test_needs_the_clock(time_travel):
    pass
"""


def _started(tmp_path: Path, testing: bool) -> Iterator[Portal]:
    # Nobody logs in: the personas' production hashes would be 0.25 s of CPU for each portal.
    database = seed_cheaply(tmp_path / "portal.sqlite3")
    portal = Portal.start(database, tmp_path / "portal.log", testing=testing)
    yield portal
    portal.stop()


@pytest.fixture
def portal_without_testing_api(tmp_path: Path) -> Iterator[Portal]:
    yield from _started(tmp_path, testing=False)


@pytest.fixture
def portal_with_testing_api(tmp_path: Path) -> Iterator[Portal]:
    yield from _started(tmp_path, testing=True)


def test_base_url_portal_without_testing_api_runs_what_needs_none_and_skips_the_rest_with_one_reason(
    pytester: pytest.Pytester, portal_without_testing_api: Portal
):
    pytester.makepyfile(TESTS)
    result = runpytest_here(pytester, "-p", "no:randomly", "-rs", "--base-url", portal_without_testing_api.base_url)
    result.assert_outcomes(passed=1, skipped=2)
    reason = "*has no testing API (GET /_testing/clock: 404); start it with `mock-portal serve --testing`*"
    result.stdout.fnmatch_lines([f"mock-portal: {reason}", f"SKIPPED [[]2[]] {reason}"])


def test_base_url_portal_with_testing_api_runs_every_test(
    pytester: pytest.Pytester, portal_with_testing_api: Portal
):
    pytester.makepyfile(TESTS.split("def test_needs_the_clock")[0])
    result = runpytest_here(pytester, "-p", "no:randomly", "--base-url", portal_with_testing_api.base_url + "/")
    result.assert_outcomes(passed=2)


def test_base_url_unreachable_is_one_usage_error(pytester: pytest.Pytester):
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    pytester.makepyfile(TESTS)
    result = pytester.runpytest("-p", "no:randomly", "--base-url", f"http://127.0.0.1:{port}")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([f"ERROR: --base-url http://127.0.0.1:{port}: *is unreachable*"])


def test_base_url_with_several_xdist_workers_is_a_usage_error(pytester: pytest.Pytester):
    result = pytester.runpytest("-p", "no:randomly", "-n", "2", "--base-url", "http://127.0.0.1:9")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["ERROR: --base-url drives one portal that every test resets: run one worker*"])


def test_portal_client_speaks_json_over_https_under_a_sub_path():
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"now": "2019-06-28T09:00:00+02:00", "frozen": True})

    portal = Portal("https://portal.example/formation/", transport=httpx.MockTransport(answer))
    portal.clock()
    portal.reset()
    portal.outbox("06 12")
    assert [str(request.url) for request in seen] == [
        "https://portal.example/formation/_testing/clock",
        "https://portal.example/formation/_testing/reset",
        "https://portal.example/formation/_testing/outbox?to=06+12",
    ]
    assert seen[1].headers["content-type"] == "application/json"
    assert not any("origin" in request.headers for request in seen)
