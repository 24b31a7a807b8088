"""The trainer's desk: its code and lockout, the clock presets, the clock shared by every worker,
what it does to one learner, and its pages' guards."""

from __future__ import annotations

import html
import logging
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.testclient import TestClient

from mock_portal import classroom, desk, lockout, outbox, reset_codes, sandbox, shared_clock
from mock_portal.cli import main
from mock_portal.clock import PARIS, clock, real_epoch
from mock_portal.db import Database
from mock_portal.declarations import record
from mock_portal.screens import formateur
from mock_portal.window import Period

START = datetime(2019, 6, 28, 9, 0, tzinfo=PARIS)


@pytest.fixture
def db(app: Starlette) -> Database:
    clock.set(START, frozen=True)
    return app.state.db


def _signed_in(client: TestClient, db: Database) -> str:
    """The trainer on the desk; answers the CSRF token of the desk's forms (new at sign-in)."""
    client.get("/formateur/connexion")
    token = client.cookies.get("pe_csrf")
    assert token
    page = client.post("/formateur/connexion", data={"csrf_token": token, "code": desk.trainer_code(db)})
    assert "Horloge de la simulation" in page.text
    renewed = client.cookies["pe_csrf"]
    assert renewed != token
    return renewed


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


# --- one learner ----------------------------------------------------------------------------

def test_desk_reset_learner_empties_only_what_that_learner_did(db: Database, tmp_path: Path):
    first, second = classroom.create(db, 2, minimum=1)[1]
    for one in (first, second):
        record(db, persona_id=one.persona_id, period=Period(2019, 6), answers={},
               submission=f"s{one.seat}", now=START, policy="fin-de-journee", modification=False)
        reset_codes.issue_code(db, one.persona_id)
        reset_codes.check_code(db, one.persona_id, "wrong")
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
    assert db.one("SELECT phone FROM personas WHERE id = ?", (first.persona_id,))["phone"] == first.phone
    assert lockout.locked_until(db, first.identifiant) is None
    assert lockout.locked_until(db, second.identifiant) is not None


def test_desk_progress_says_connected_locked_declared(db: Database, client: TestClient):
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


# --- the pages ------------------------------------------------------------------------------

def test_formateur_pages_need_the_trainer_code(client: TestClient, db: Database):
    assert client.get("/formateur", follow_redirects=False).headers["location"].endswith(
        "/formateur/connexion")
    client.get("/formateur/connexion")
    token = client.cookies.get("pe_csrf")
    refused = client.post("/formateur/horloge", data={"csrf_token": token, "preset": "fermee"},
                          follow_redirects=False)
    assert refused.headers["location"].endswith("/formateur/connexion")
    assert shared_clock.stored(db) is None


def test_formateur_forms_need_the_csrf_token(client: TestClient, db: Database):
    _signed_in(client, db)
    assert client.post("/formateur/horloge", data={"preset": "fermee"}).status_code == 403
    assert shared_clock.stored(db) is None


def test_formateur_wrong_code_is_refused_in_french_next_to_the_field(client: TestClient, db: Database):
    client.get("/formateur/connexion")
    token = client.cookies.get("pe_csrf")
    page = client.post("/formateur/connexion", data={"csrf_token": token, "code": "x" * 10_000})
    assert page.status_code == 400
    assert "Ce code formateur est incorrect." in page.text


def test_formateur_every_change_is_logged(client: TestClient, db: Database, caplog: pytest.LogCaptureFixture):
    token = _signed_in(client, db)
    one = classroom.create(db, 1, minimum=1)[1][0]
    with caplog.at_level(logging.INFO, logger="mock_portal"):
        # Eighteen days later: the trainer's session, renewed at the new time, is still on the desk.
        page = client.post("/formateur/horloge", data={"csrf_token": token, "preset": "fermee"})
        assert "Horloge réglée : période fermée." in html.unescape(page.text)
        token = client.cookies["pe_csrf"]
        client.post("/formateur/apprenants/debloquer", data={"csrf_token": token, "seat": one.seat})
        client.post("/formateur/apprenants/reinitialiser", data={"csrf_token": token, "seat": one.seat})
        page = client.post("/formateur/reinitialiser-la-classe", data={"csrf_token": token})
    assert [record.getMessage() for record in caplog.records] == [
        "trainer desk: clock set to 2019-07-16T09:00:00+02:00 (fermee)",
        f"trainer desk: learner 1 ({one.identifiant}) unlocked",
        f"trainer desk: learner 1 ({one.identifiant}) reset to their card",
        "trainer desk: class reset",
    ]
    # The class reset emptied every session; the trainer is still on the desk.
    assert "La classe est réinitialisée" in page.text


def test_formateur_unknown_learner_or_preset(client: TestClient, db: Database):
    token = _signed_in(client, db)
    for seat in ("29", "x", "", "²", "9" * 5000):
        response = client.post("/formateur/apprenants/debloquer", data={"csrf_token": token, "seat": seat})
        assert response.status_code == 404, seat
    page = client.post("/formateur/horloge", data={"csrf_token": token, "preset": "demain"})
    assert "Ce réglage de l'horloge n'existe pas" in html.unescape(page.text)
