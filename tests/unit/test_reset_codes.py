"""Reset codes cannot be guessed: how many go out per hour, how many wrong tries across codes."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from starlette.applications import Starlette

from mock_portal import outbox, reset_codes
from mock_portal.clock import PARIS, clock, plus
from tests.support.auth import NewClient
from tests.support.recovery import CODE, DEMO_PASSWORD, NOBODY_PASSWORD, WRONG, HttpVisitor, ask_code
from tests.unit.forms import txt

START = datetime(2019, 6, 28, 9, 0, tzinfo=PARIS)


@pytest.fixture(autouse=True)
def _frozen_and_predictable(app: Starlette, monkeypatch: pytest.MonkeyPatch) -> None:
    clock.set(START, frozen=True)
    monkeypatch.setattr(reset_codes.secrets, "randbelow", lambda _: int(CODE))


def _codes_sent(app: Starlette) -> int:
    return sum(CODE in message.body for message in outbox.messages(app.state.db))


def test_reset_codes_at_most_five_per_hour_then_same_answer(app: Starlette, new_client: NewClient):
    real, nobody = (HttpVisitor(new_client(app, follow_redirects=False)) for _ in range(2))
    for _ in range(5):
        ask_code(real, DEMO_PASSWORD, "email")
    assert _codes_sent(app) == 5
    real.answers.clear()
    ask_code(real, DEMO_PASSWORD, "email")
    ask_code(nobody, NOBODY_PASSWORD, "email")
    assert _codes_sent(app) == 5
    assert real.answers == nobody.answers
    # A rolling hour of elapsed time after the first code, one more may go out.
    clock.set(plus(START, timedelta(minutes=60, seconds=1)), frozen=True)
    ask_code(real, DEMO_PASSWORD, "email")
    assert _codes_sent(app) == 6


def test_reset_codes_wrong_codes_capped_across_codes(app: Starlette, new_client: NewClient):
    visitor = HttpVisitor(new_client(app, follow_redirects=False))
    ask_code(visitor, DEMO_PASSWORD, "email")
    for _ in range(5):
        visitor.post("/connexion/mot-de-passe-oublie/code", code=WRONG)
    ask_code(visitor, DEMO_PASSWORD, "email")
    for _ in range(4):
        visitor.post("/connexion/mot-de-passe-oublie/code", code=WRONG)
    ask_code(visitor, DEMO_PASSWORD, "email")  # 9 wrong codes so far: still sent
    assert _codes_sent(app) == 3
    visitor.post("/connexion/mot-de-passe-oublie/code", code=WRONG)  # the 10th
    refused = visitor.post("/connexion/mot-de-passe-oublie/code", code=CODE)
    assert "Ce code est incorrect. Vérifiez le code du dernier message reçu." in txt(refused)
    ask_code(visitor, DEMO_PASSWORD, "email")
    assert _codes_sent(app) == 3  # nothing sent while capped
    clock.set(plus(START, timedelta(hours=1, seconds=1)), frozen=True)
    ask_code(visitor, DEMO_PASSWORD, "email")
    assert _codes_sent(app) == 4
    accepted = visitor.post("/connexion/mot-de-passe-oublie/code", code=CODE)
    assert accepted.headers["location"].endswith("/connexion/mot-de-passe-oublie/nouveau")
