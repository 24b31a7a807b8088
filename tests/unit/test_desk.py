"""The trainer's desk: its code and lockout, the clock presets, what it does to one learner."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from starlette.applications import Starlette

from mock_portal import classroom, desk, identifiant_messages, lockout, outbox, reset_codes, sandbox
from mock_portal.clock import PARIS, clock
from mock_portal.db import Database
from mock_portal.declarations import record
from mock_portal.screens import formateur
from mock_portal.window import Period
from tests.support.asgi_client import InProcessClient

START = datetime(2019, 6, 28, 9, 0, tzinfo=PARIS)


# --- the trainer code -----------------------------------------------------------------------

def test_desk_trainer_code_is_drawn_once_per_database_and_kept_by_a_reset(
    app: Starlette, db: Database, tmp_path: Path,
):
    code = desk.trainer_code(db)
    assert len(code) == desk.CODE_LENGTH and desk.trainer_code(db) == code
    sandbox.reset(db, app.state.settings, app.state.personas)
    assert desk.trainer_code(db) == code
    other = Database(tmp_path / "other.sqlite3")
    other.init_schema()
    assert desk.trainer_code(other) != code


def test_desk_sign_in_locks_after_five_wrong_codes_for_fifteen_minutes(db: Database):
    code = desk.trainer_code(db)
    for _ in range(desk.LOCK_AFTER - 1):
        assert desk.sign_in(db, "faux", START) == desk.SignIn(False)
    locked = desk.sign_in(db, "faux", START)
    assert locked == desk.SignIn(False, START + desk.LOCK_FOR)
    assert desk.sign_in(db, code, START + timedelta(minutes=14)).ok is False
    assert desk.sign_in(db, f" {code.upper()} ", START + desk.LOCK_FOR).ok is True


def test_desk_sign_in_success_forgets_earlier_failures(db: Database):
    code = desk.trainer_code(db)
    for _ in range(desk.LOCK_AFTER - 1):
        desk.sign_in(db, "faux", START)
    assert desk.sign_in(db, code, START).ok
    assert desk.sign_in(db, "faux", START) == desk.SignIn(False)


# --- the presets ----------------------------------------------------------------------------

def _instants(now: datetime, policy: str = "fin-de-journee") -> dict[str, datetime | None]:
    return {preset.key: preset.instant for preset in desk.presets(now, policy)}


def test_desk_presets_in_the_tutorial_window():
    assert _instants(START) == {
        "ouverture": START,
        "dernier-jour": datetime(2019, 7, 15, 23, 50, tzinfo=PARIS),
        "apres-modification": datetime(2019, 6, 29, 0, 0, tzinfo=PARIS),
        "fermee": datetime(2019, 7, 16, 9, 0, tzinfo=PARIS),
        "reelle": None,
    }


def test_desk_presets_when_closed_aim_at_the_next_window_and_february_opens_on_the_26th():
    closed = _instants(datetime(2020, 2, 20, 10, 0, tzinfo=PARIS))
    assert closed["ouverture"] == datetime(2020, 2, 26, 9, 0, tzinfo=PARIS)
    assert closed["fermee"] == datetime(2020, 3, 16, 9, 0, tzinfo=PARIS)
    # Past the deadline of a declaration validated at the opening.
    assert closed["apres-modification"] == datetime(2020, 2, 27, 0, 0, tzinfo=PARIS)


def test_desk_preset_after_the_deadline_follows_the_policy():
    at = datetime(2019, 7, 2, 14, 30, 20, tzinfo=PARIS)
    assert _instants(at, "heures:3")["apres-modification"] == datetime(2019, 7, 2, 17, 31, tzinfo=PARIS)


# --- one learner ----------------------------------------------------------------------------

def test_desk_reset_learner_empties_only_what_that_learner_did(db: Database, tmp_path: Path):
    first, second = classroom.create(db, 2, minimum=1)[1]
    for one in (first, second):
        record(db, persona_id=one.persona_id, period=Period(2019, 6), answers={},
               submission=f"s{one.seat}", now=START, policy="fin-de-journee", modification=False)
        reset_codes.issue_code(db, one.persona_id)
        reset_codes.check_code(db, one.persona_id, "wrong")
        identifiant_messages.may_send(db, one.persona_id)
        outbox.send(db, "sms", one.phone or "", "", "code")
        for _ in range(lockout.LOCK_AFTER):
            lockout.begin(db, one.identifiant)
            lockout.failed(db, one.identifiant)
    db.execute("UPDATE personas SET phone = '06 00 00 00 00' WHERE id = ?", (first.persona_id,))

    desk.reset_learner(db, first, tmp_path)

    assert [p.declaration is not None for p in desk.class_progress(db, START, timedelta(minutes=30))] \
        == [False, True]
    assert [m.to for m in outbox.messages(db)] == [second.phone]
    assert db.one("SELECT count(*) AS n FROM reset_codes")["n"] == 1
    assert db.one("SELECT count(*) AS n FROM reset_code_failures")["n"] == 1
    assert db.one("SELECT count(*) AS n FROM identifiant_messages")["n"] == 1
    assert db.one("SELECT phone FROM personas WHERE id = ?", (first.persona_id,))["phone"] == first.phone
    assert lockout.locked_until(db, first.identifiant) is None
    assert lockout.locked_until(db, second.identifiant) is not None


def test_desk_progress_says_connected_locked_declared(db: Database, client: InProcessClient):
    one = classroom.create(db, 1, minimum=1)[1][0]
    idle = timedelta(minutes=30)
    assert desk.class_progress(db, START, idle)[0] == desk.Progress(one, False, False, None, None, 0)
    assert formateur.where(desk.class_progress(db, START, idle)[0]) == ["jamais connecté"]
    client.post("/_testing/sessions", json={"identifiant": one.identifiant})
    for _ in range(lockout.LOCK_AFTER):
        lockout.begin(db, one.identifiant)
        lockout.failed(db, one.identifiant)
    until = START + lockout.LOCK_FOR
    progress = desk.class_progress(db, START, idle)[0]
    assert (progress.connected, progress.locked_until) == (True, until)
    # Past the idle limit and the lock, neither holds.
    clock.set(START + timedelta(minutes=31))
    later = desk.class_progress(db, clock.now(), idle)[0]
    assert (later.connected, later.locked_until) == (False, None)
    # The testing cookie is no login: the desk still tells a learner who never typed their card.
    assert formateur.where(later) == ["jamais connecté"]
    desk.unlock(db, one)
    assert desk.class_progress(db, START, idle)[0].locked_until is None
