"""The clock the desk chooses, followed by every worker of the portal."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
import uvicorn
from starlette.applications import Starlette

from mock_portal import shared_clock
from mock_portal.cli import main
from mock_portal.clock import PARIS, clock, real_epoch
from mock_portal.db import Database

START = datetime(2019, 6, 28, 9, 0, tzinfo=PARIS)


# --- the clock every worker follows ---------------------------------------------------------

def test_shared_clock_another_worker_applies_the_choice_with_the_time_elapsed_since(
    db: Database, app: Starlette,
):
    # A second connection to the same file stands for another worker process.
    other = Database(app.state.settings.database)
    chosen = datetime(2019, 7, 15, 23, 50, tzinfo=PARIS)
    choice = shared_clock.choose(db, chosen)
    other.execute("UPDATE sandbox_clock SET chosen_at = ?", (real_epoch() - 600,))
    follower = shared_clock.Follower()
    follower.follow(other)
    assert follower.applied == choice.token
    assert timedelta(minutes=10) <= clock.now() - chosen < timedelta(minutes=11)
    # The same choice is applied once: a clock moved since (by the testing API) stays put.
    clock.set(START)
    follower.follow(other)
    assert clock.now() == START


def test_shared_clock_without_a_choice_leaves_the_clock_alone(db: Database):
    shared_clock.Follower().follow(db)
    assert clock.now() == START


def test_shared_clock_real_time_choice_stops_the_sandbox_clock(db: Database):
    shared_clock.choose(db, None)
    shared_clock.Follower().follow(db)
    assert not clock.is_set


def test_shared_clock_a_worker_started_after_the_choice_follows_it(db: Database):
    """A worker uvicorn restarts (it died, or missed a health check) joins the others."""
    shared_clock.choose(db, datetime(2019, 7, 16, 9, 0, tzinfo=PARIS))
    shared_clock.Follower().follow(db)
    assert clock.now().date() == datetime(2019, 7, 16).date()


def test_shared_clock_serve_now_forgets_the_choice_of_an_earlier_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
):
    database = tmp_path / "classe.sqlite3"
    earlier = Database(database)
    earlier.init_schema()
    shared_clock.choose(earlier, datetime(2019, 7, 16, 9, 0, tzinfo=PARIS))
    served: list[uvicorn.Config] = []
    monkeypatch.setattr(uvicorn.Server, "run", lambda server, **kw: served.append(server.config))
    main(["serve", "--now", "2019-06-28T09:00", "--frozen", "--port", "0", "--db", str(database)])
    (config,) = served
    config.app.state.db.close()
    assert shared_clock.stored(earlier) is None
    shared_clock.Follower().follow(earlier)
    assert clock.now() == START
    # Without --now, the choice stays: the desk's clock survives a restart of the portal.
    shared_clock.choose(earlier, None)
    main(["serve", "--port", "0", "--db", str(database)])
    served[-1].app.state.db.close()
    assert shared_clock.stored(earlier) is not None
