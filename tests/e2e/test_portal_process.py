"""The portal process itself: the testing API contract and a quick teardown."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from mock_portal_testing.portal import Portal
from mock_portal_testing.time_travel import paris


@pytest.fixture
def spare_portal(tmp_path: Path):
    started = Portal.start(tmp_path / "spare.sqlite3", tmp_path / "spare.log")
    yield started
    started.stop()


def test_testing_api_clock_round_trip(portal: Portal):
    answer = portal.set_clock(paris("2019-10-27T02:30"), frozen=True)
    # 27 October 2019 was the switch back to winter time: 02:30 happens twice, the first is CEST.
    assert answer == {"now": "2019-10-27T02:30:00+02:00", "frozen": True}
    assert portal.clock() == answer


def test_testing_api_ticking_clock_moves(portal: Portal):
    start = paris("2019-06-28T09:00")
    portal.set_clock(start, frozen=False)
    assert portal.clock()["frozen"] is False
    first = portal.clock()["now"]
    assert first.startswith("2019-06-28T09:00")


def test_testing_api_rejects_bad_clock(portal: Portal):
    with pytest.raises(RuntimeError, match="400"):
        portal.request("PUT", "/_testing/clock", {"now": "demain"})
    with pytest.raises(RuntimeError, match="400"):
        portal.request("PUT", "/_testing/clock", {"now": "2019-06-28T09:00", "frozen": "oui"})


def test_testing_api_personas_have_the_required_keys(portal: Portal):
    entries = portal.personas()
    assert len(entries) >= 4
    for entry in entries:
        for key in ("identifiant", "password", "department", "civility", "first_name",
                    "last_name", "email", "phone"):
            assert key in entry
    assert any(entry["email"] is None for entry in entries)
    assert any(entry["department"] == "2A" for entry in entries)
    assert any(entry["department"] in {"971", "972", "973", "974", "976"} for entry in entries)


def test_portal_stops_within_seconds_with_a_frozen_clock(spare_portal: Portal):
    spare_portal.set_clock(paris("2019-06-28T09:00"), frozen=True)
    spare_portal.set_clock(paris("2019-07-16T00:00"), frozen=True)
    # True means it exited on SIGTERM by itself; False would mean it hung and had to be killed.
    assert spare_portal.stop(timeout=5) is True
    assert spare_portal.process is not None and spare_portal.process.returncode is not None


def test_portal_stops_within_seconds_with_a_ticking_clock(spare_portal: Portal):
    spare_portal.set_clock(paris("2019-06-28T09:00"), frozen=False)
    assert spare_portal.stop(timeout=5) is True


def test_testing_api_is_404_without_testing_flag(tmp_path: Path):
    import socket

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    port = sock.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "mock_portal", "serve", "--db", str(tmp_path / "p.sqlite3"),
         "--fd", str(sock.fileno()), "--log-level", "warning"], pass_fds=[sock.fileno()],
    )
    sock.close()
    sandbox = Portal(f"http://127.0.0.1:{port}", process)
    try:
        for method, path, body in [("GET", "/_testing/clock", None),
                                   ("PUT", "/_testing/clock", {"now": "2019-06-28T09:00"}),
                                   ("POST", "/_testing/reset", None),
                                   ("GET", "/_testing/personas", None)]:
            data = None if body is None else json.dumps(body).encode()
            request = urllib.request.Request(sandbox.base_url + path, data=data, method=method)
            with pytest.raises(urllib.error.HTTPError) as caught:
                urllib.request.urlopen(request, timeout=30)
            assert caught.value.code == 404, path
        with urllib.request.urlopen(sandbox.base_url + "/", timeout=30) as home:
            assert "Simulation d'entraînement" in home.read().decode()
    finally:
        assert sandbox.stop() is True
