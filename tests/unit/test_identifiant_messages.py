"""« J'ai oublié mon identifiant » cannot be made to send without end: 5 messages per account per hour."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from starlette.applications import Starlette

from mock_portal import identifiant_messages, outbox, personas
from mock_portal.app import create_app
from mock_portal.clock import PARIS, clock, plus
from mock_portal.db import Database
from mock_portal.settings import Settings
from tests.support.auth import NewClient
from tests.support.recovery import DEMO_IDENTITY, NOBODY_IDENTITY, HttpVisitor, ask_identifiant
from tests.unit.forms import txt

START = datetime(2019, 6, 28, 9, 0, tzinfo=PARIS)
CAP = "Pour votre sécurité, 5 messages au plus sont envoyés par heure."


@pytest.fixture(autouse=True)
def _frozen(app: Starlette) -> None:
    clock.set(START, frozen=True)


def _identifiants_sent(app: Starlette) -> int:
    return sum("1234567A" in message.body for message in outbox.messages(app.state.db))


def test_identifiant_messages_at_most_five_per_hour_then_same_answer(app: Starlette, new_client: NewClient):
    real, nobody = (HttpVisitor(new_client(app, follow_redirects=False)) for _ in range(2))
    ask_identifiant(real, DEMO_IDENTITY, "email")
    clock.set(plus(START, timedelta(minutes=30)), frozen=True)
    for _ in range(4):
        ask_identifiant(real, DEMO_IDENTITY, "sms")
    assert _identifiants_sent(app) == 5
    real.answers.clear()
    ask_identifiant(real, DEMO_IDENTITY, "email")
    ask_identifiant(nobody, NOBODY_IDENTITY, "email")
    assert _identifiants_sent(app) == 5
    assert real.answers == nobody.answers  # byte for byte, CSRF token masked
    assert CAP in " ".join(txt(real.client.get("/connexion/identifiant-oublie/envoye")).split())
    # A rolling hour of elapsed time: only the first message has left it, so one more goes out.
    clock.set(plus(START, timedelta(minutes=60, seconds=1)), frozen=True)
    ask_identifiant(real, DEMO_IDENTITY, "email")
    ask_identifiant(real, DEMO_IDENTITY, "email")
    assert _identifiants_sent(app) == 6


def test_identifiant_messages_forget_rows_older_than_the_hour(app: Starlette):
    db = app.state.db
    demo = personas.by_identifiant(db, "1234567A")
    assert demo is not None
    for _ in range(3):
        assert identifiant_messages.may_send(db, demo.id)
    clock.set(plus(START, timedelta(hours=1)), frozen=True)
    assert identifiant_messages.may_send(db, demo.id)
    assert db.one("SELECT count(*) AS n FROM identifiant_messages")["n"] == 1


def test_identifiant_messages_table_added_to_an_existing_database(settings: Settings):
    older = Database(settings.database)  # a file from before this table existed
    older.execute("DROP TABLE identifiant_messages")
    older.close()
    app = create_app(settings)
    try:
        assert "identifiant_messages" in app.state.db.tables()
    finally:
        app.state.db.close()
