"""Classroom mode: learner accounts, their reset and their own messages page."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from starlette.applications import Starlette

from mock_portal import classroom, lockout, outbox, reset_codes
from mock_portal.clock import PARIS, clock
from mock_portal.db import Database
from mock_portal.declarations import record
from mock_portal.departements import normalize
from mock_portal.password_rules import password_rule_error
from mock_portal.passwords import hash_password, verify_password
from mock_portal.window import Period
from tests.support.asgi_client import InProcessClient
from tests.support.auth import AuthActions
from tests.unit.forms import txt

START = datetime(2019, 6, 28, 9, 0, tzinfo=PARIS)


@pytest.fixture
def db(app: Starlette) -> Database:
    """The app's database: its seeded personas are there, as in a real sandbox."""
    clock.set(START, frozen=True)
    return app.state.db


def _seat(db: Database, n: int) -> list[classroom.Learner]:
    classroom.create(db, n, minimum=1)
    return classroom.learners(db)


# --- accounts -------------------------------------------------------------------------------

def test_classroom_create_twice_adds_nothing_twice(db: Database):
    assert classroom.create(db, 12)[0] == 12
    first = classroom.learners(db)
    added, again = classroom.create(db, 12)
    assert added == 0
    assert again == first
    assert db.one("SELECT COUNT(*) AS n FROM personas WHERE key LIKE 'apprenant-%'")["n"] == 12


def test_classroom_growing_a_class_adds_only_the_new_seats(db: Database):
    assert classroom.create(db, 5)[0] == 5
    five = classroom.learners(db)
    added, twelve = classroom.create(db, 12)
    assert added == 7
    assert twelve[:5] == five
    assert [learner.seat for learner in twelve] == list(range(1, 13))


@pytest.mark.parametrize("n", [0, 4, 31, -1])
def test_classroom_refuses_sizes_outside_five_to_thirty(db: Database, n: int):
    with pytest.raises(classroom.ClassSizeError, match="5 to 30"):
        classroom.create(db, n)
    assert classroom.learners(db) == []


def test_classroom_learners_are_distinct_and_valid(db: Database):
    seeded = db.all("SELECT identifiant, first_name, last_name FROM personas")
    learners = _seat(db, 30)
    assert len(learners) == 30
    for attribute in ("identifiant", "token", "key", "phone", "persona_id"):
        assert len({getattr(learner, attribute) for learner in learners}) == 30, attribute
    emails = [learner.email for learner in learners if learner.email]
    assert len(set(emails)) == len(emails)
    names = {(learner.last_name, learner.first_name, learner.birth_date) for learner in learners}
    assert len(names) == 30
    assert not {row["identifiant"] for row in seeded} & {learner.identifiant for learner in learners}
    assert not {(row["last_name"], row["first_name"]) for row in seeded} & {n[:2] for n in names}
    for learner in learners:
        assert re.fullmatch(r"[0-9]{7}[A-Z]", learner.identifiant)
        assert normalize(learner.department) == learner.department
        assert learner.birth_date < START.date()
        assert learner.email is None or re.fullmatch(r"[a-z-]+\.[a-z-]+@exemple\.fr", learner.email)
        assert len(learner.token) == classroom.TOKEN_LENGTH


def test_classroom_passwords_follow_the_portal_rules(db: Database):
    for learner in _seat(db, 8):
        assert password_rule_error(learner.password, learner.identifiant) is None
        stored = db.one("SELECT password_hash FROM personas WHERE id = ?", (learner.persona_id,))
        assert verify_password(learner.password, stored["password_hash"])


def test_classroom_some_learners_are_sms_only(db: Database):
    learners = _seat(db, 30)
    sms_only = [learner for learner in learners if learner.email is None]
    assert 0.2 <= len(sms_only) / len(learners) <= 0.3
    assert all(learner.phone for learner in learners)
    assert any(learner.email is None for learner in learners[:5])


def test_classroom_learner_logs_in_with_the_card(auth: AuthActions, db: Database):
    learner = _seat(db, 1)[0]
    assert learner.department == "67"  # the login helper types 67
    page = auth.attempt(identifiant=learner.identifiant, password=learner.password)
    assert f"Bonjour {learner.civility} {learner.first_name} {learner.last_name}" in txt(page)


# --- the class reset ------------------------------------------------------------------------

def test_reset_keeps_learners_as_on_their_card_and_empties_what_they_did(
    app: Starlette, client: InProcessClient, db: Database,
):
    learners = _seat(db, 3)
    first = learners[0]
    record(db, persona_id=first.persona_id, period=Period(2019, 6), answers={}, submission="s1",
           now=START, policy="fin-de-journee", modification=False)
    reset_codes.issue_code(db, first.persona_id)
    outbox.send(db, "email", first.email or "", "Objet", "corps")
    client.post("/_testing/sessions", json={"identifiant": first.identifiant})
    db.execute("UPDATE personas SET password_hash = ?, email = 'autre@exemple.fr' WHERE id = ?",
               (hash_password("Change2019!"), first.persona_id))
    for _ in range(lockout.LOCK_AFTER):
        lockout.begin(db, first.identifiant)
        lockout.failed(db, first.identifiant)
    assert lockout.begin(db, first.identifiant) is not None  # locked

    assert client.post("/_testing/reset").json() == {"reset": True}

    assert classroom.learners(db) == learners
    row = db.one("SELECT * FROM personas WHERE id = ?", (first.persona_id,))
    assert verify_password(first.password, row["password_hash"])
    assert row["email"] == first.email
    for table in ("declarations", "declaration_versions", "reset_codes", "outbox", "sessions",
                  "login_failures"):
        assert db.one(f"SELECT COUNT(*) AS n FROM {table}")["n"] == 0, table
    keys = [entry["key"] for entry in client.get("/_testing/personas").json()]
    assert keys[0] == "demo" and keys[-3:] == ["apprenant-01", "apprenant-02", "apprenant-03"]


# --- /outbox/<token> ------------------------------------------------------------------------

def test_outbox_personnel_shows_only_the_learners_messages_newest_first(client: InProcessClient, db: Database):
    learners = _seat(db, 4)
    mine, other, sms_only = learners[0], learners[1], learners[3]
    assert mine.email and other.email and sms_only.email is None
    outbox.send(db, "email", mine.email, "Votre code", "premier pour moi")
    outbox.send(db, "sms", (mine.phone or "").replace(" ", ""), "", "deuxième pour moi")
    outbox.send(db, "email", other.email, "Votre code", "pour un autre")
    outbox.send(db, "email", "camille.martin@exemple.fr", "Votre code", "pour la démo")
    outbox.send(db, "sms", sms_only.phone or "", "", "pour le SMS seul")

    page = txt(client.get(mine.outbox_path))
    assert "Mes messages" in page
    assert page.index("deuxième pour moi") < page.index("premier pour moi")
    assert "pour un autre" not in page and "pour la démo" not in page and "SMS seul" not in page
    only_sms = txt(client.get(sms_only.outbox_path))
    assert "pour le SMS seul" in only_sms and "pour moi" not in only_sms
    empty = txt(client.get(learners[2].outbox_path))
    assert "Aucun message reçu pour l'instant." in empty


@pytest.mark.parametrize("token", ["x" * classroom.TOKEN_LENGTH, "court", "a" * 500])
def test_outbox_personnel_unknown_token_is_not_found(client: InProcessClient, db: Database, token: str):
    _seat(db, 1)
    response = client.get(f"/outbox/{token}")
    assert response.status_code == 404
    assert "Page introuvable" in txt(response)
