"""Server-side sessions: idle rows are forgotten when new sessions are created."""

from __future__ import annotations

from datetime import datetime

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from mock_portal.clock import clock
from mock_portal.middleware.sessions import PURGE_IDLE


def visit(app: Starlette, at: str) -> TestClient:
    """A new visitor at ``at`` who leaves a session row behind: the département typed."""
    clock.set(datetime.fromisoformat(at), frozen=True)
    visitor = TestClient(app, follow_redirects=False)
    visitor.get("/connexion/departement")
    response = visitor.post("/connexion/departement",
                            data={"departement": "67", "csrf_token": visitor.cookies["pe_csrf"]})
    assert response.status_code == 303
    return visitor


def rows(app: Starlette) -> int:
    return int(app.state.db.one("SELECT COUNT(*) AS n FROM sessions")["n"])


@pytest.mark.parametrize(("first", "second", "left"), [
    ("2026-11-30T10:00:00+01:00", "2026-11-30T10:29:00+01:00", 2),  # still usable: kept
    ("2026-11-30T10:00:00+01:00", "2026-11-30T10:31:00+01:00", 1),  # idle 31 min: forgotten
    # Across the end of summer time the strings sort the other way round: 02:45+02:00 is
    # 00:45 UTC, 02:16+01:00 is 01:16 UTC, 31 minutes later.
    ("2026-10-25T02:45:00+02:00", "2026-10-25T02:16:00+01:00", 1),
    ("2026-10-25T02:45:00+02:00", "2026-10-25T02:14:00+01:00", 2),
    # The clock moved back: the first visit is not idle, it is in the future. Kept.
    ("2026-11-30T10:00:00+01:00", "2026-11-01T10:00:00+01:00", 2),
])
def test_sessions_idle_rows_are_purged_when_a_session_is_created(
    app: Starlette, first: str, second: str, left: int
):
    visit(app, first)
    visit(app, second)
    assert rows(app) == left


def test_sessions_purge_spares_a_session_still_in_use(app: Starlette):
    visitor = visit(app, "2026-11-30T10:00:00+01:00")
    clock.set(datetime.fromisoformat("2026-11-30T10:20:00+01:00"), frozen=True)
    assert visitor.get("/connexion/identifiant").status_code == 200  # seen again at 10:20
    visit(app, "2026-11-30T10:45:00+01:00")
    assert rows(app) == 2
    assert visitor.get("/connexion/identifiant").status_code == 200


def test_sessions_purge_searches_an_index_instead_of_scanning(app: Starlette):
    # Every anonymous visit to a protected page creates a session: a scan per creation made the
    # form page without a cookie five times slower under load.
    plan = app.state.db.all(f"EXPLAIN QUERY PLAN {PURGE_IDLE}", ("2026-11-30T10:00:00+01:00",))
    assert any("USING INDEX sessions_idle" in row["detail"] for row in plan), [tuple(r) for r in plan]
