"""The portal process itself: the testing API contract and a quick teardown."""

from __future__ import annotations

import json
import sqlite3
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path

import pytest

from mock_portal_testing.portal import Portal
from mock_portal_testing.time_travel import paris


def _side_by_side(*starts: Callable[[], Portal]) -> list[Portal]:
    """Portals started at once (each takes half a second): all of them, or none left running."""
    with ThreadPoolExecutor(len(starts)) as pool:
        futures = [pool.submit(start) for start in starts]
    failures = [future.exception() for future in futures if future.exception() is not None]
    if failures:
        for future in futures:
            if future.exception() is None:
                future.result().stop()
        raise failures[0]  # type: ignore[misc]
    return [future.result() for future in futures]


@pytest.fixture
def spare_portals(tmp_path: Path) -> Iterator[list[Portal]]:
    """Two portals of this test's own, to stop."""
    started = _side_by_side(*(partial(Portal.start, tmp_path / f"{name}.sqlite3", tmp_path / f"{name}.log")
                              for name in ("frozen", "ticking")))
    yield started
    for portal in started:
        portal.stop()


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


def test_portal_stops_within_seconds_whatever_its_clock(spare_portals: list[Portal]):
    frozen, ticking = spare_portals
    frozen.set_clock(paris("2019-06-28T09:00"), frozen=True)
    frozen.set_clock(paris("2019-07-16T00:00"), frozen=True)
    ticking.set_clock(paris("2019-06-28T09:00"), frozen=False)
    # True means it exited on SIGTERM by itself; False would mean it hung and had to be killed.
    with ThreadPoolExecutor(2) as pool:
        exited = pool.map(lambda portal: portal.stop(timeout=5), spare_portals)
        stopped = dict(zip(("frozen clock", "ticking clock"), exited, strict=True))
    assert stopped == {"frozen clock": True, "ticking clock": True}
    assert all(portal.process is not None and portal.process.returncode is not None for portal in spare_portals)


def test_testing_api_is_404_without_testing_flag(tmp_path: Path):
    sandbox = Portal.start(tmp_path / "p.sqlite3", tmp_path / "p.log", testing=False)
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
    # A portal for people hashes at the production cost, recorded in each hash.
    assert _hash_costs(tmp_path / "p.sqlite3") == {"scrypt$16384$8$1"}


def _hash_costs(database: Path) -> set[str]:
    with sqlite3.connect(database) as conn:
        return {stored.rsplit("$", 2)[0] for (stored,) in conn.execute("SELECT password_hash FROM personas")}


def test_testing_portal_hashes_at_the_testing_cost(portal: Portal):
    # The suite's own portal (serve --testing): seeded, reset and every login at a thousandth of
    # the work, each hash saying so; its logins and resets are checked everywhere else.
    if portal.database is None:
        pytest.skip("a --base-url portal: its database is not on this machine")
    assert _hash_costs(portal.database) == {"scrypt$16$1$1"}
