"""Both recoveries answer alike whoever is typed.

Every step is replayed for a real identity and for an unknown one, and the answers (status,
redirect, page with its CSRF token masked) must be equal; only the outbox differs.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from starlette.applications import Starlette

from mock_portal import outbox, reset_codes
from mock_portal.clock import PARIS, clock
from tests.support.auth import NewClient
from tests.support.recovery import (
    CODE,
    DEMO_IDENTITY,
    DEMO_PASSWORD,
    NOBODY_IDENTITY,
    NOBODY_PASSWORD,
    WRONG,
    Answer,
    HttpVisitor,
    ask_code,
)
from tests.unit.forms import txt

START = datetime(2019, 6, 28, 9, 0, tzinfo=PARIS)

SMS_ONLY = {"nom": "Benali", "prenom": "Karim", "date_naissance": "03/11/1979"}
SMS_ONLY_PASSWORD = {"identifiant": "7654321B", "date_naissance": "03/11/1979"}

@pytest.fixture(autouse=True)
def _frozen_and_predictable(app: Starlette, monkeypatch: pytest.MonkeyPatch) -> None:
    clock.set(START, frozen=True)
    monkeypatch.setattr(reset_codes.secrets, "randbelow", lambda _: int(CODE))


def recover_identifiant(visitor: HttpVisitor, identity: dict[str, str], channel: str) -> None:
    visitor.get("/connexion/identifiant-oublie")
    visitor.post("/connexion/identifiant-oublie", **identity)
    visitor.get("/connexion/identifiant-oublie/canal")
    visitor.post("/connexion/identifiant-oublie/canal", canal="pigeon")
    visitor.post("/connexion/identifiant-oublie/canal", canal=channel)
    visitor.get("/connexion/identifiant-oublie/envoye")
    visitor.get("/connexion/identifiant-oublie/canal")


def recover_password(visitor: HttpVisitor, identity: dict[str, str], channel: str) -> None:
    visitor.get("/connexion/mot-de-passe-oublie")
    visitor.post("/connexion/mot-de-passe-oublie/canal", canal="pigeon")
    ask_code(visitor, identity, channel)
    visitor.post("/connexion/mot-de-passe-oublie/code", code="12ab56")
    for _ in range(6):  # the 5th try ends the code, the 6th is told so
        visitor.post("/connexion/mot-de-passe-oublie/code", code=WRONG)
    ask_code(visitor, identity, "sms" if channel == "email" else "email")
    visitor.post("/connexion/mot-de-passe-oublie/code", code=WRONG)
    visitor.get("/connexion/mot-de-passe-oublie/nouveau")


def _walk(visitor: HttpVisitor, walk, identity: dict[str, str], channel: str) -> list[Answer]:
    walk(visitor, identity, channel)
    return visitor.answers


@pytest.mark.parametrize("channel", ["email", "sms"])
@pytest.mark.parametrize(("walk", "known", "unknown"), [
    (recover_identifiant, DEMO_IDENTITY, NOBODY_IDENTITY),
    (recover_identifiant, SMS_ONLY, NOBODY_IDENTITY),
    (recover_password, DEMO_PASSWORD, NOBODY_PASSWORD),
    (recover_password, SMS_ONLY_PASSWORD, NOBODY_PASSWORD),
], ids=["identifiant-demo", "identifiant-sms-only", "password-demo", "password-sms-only"])
def test_recovery_answers_the_same_pages_for_known_and_unknown(
    app: Starlette, new_client: NewClient, walk, known: dict[str, str], unknown: dict[str, str], channel: str
):
    real = _walk(HttpVisitor(new_client(app, follow_redirects=False)), walk, known, channel)
    sent = len(outbox.messages(app.state.db))
    assert _walk(HttpVisitor(new_client(app, follow_redirects=False)), walk, unknown, channel) == real
    assert len(outbox.messages(app.state.db)) == sent  # the unknown one got nothing


def test_recovery_offers_both_channels_and_sends_only_on_record(app: Starlette, new_client: NewClient):
    visitor = HttpVisitor(new_client(app, follow_redirects=False))
    recover_identifiant(visitor, SMS_ONLY, "email")
    page = txt(visitor.client.get("/connexion/identifiant-oublie/canal"))
    assert "Par mail" in page and "Par SMS" in page
    assert outbox.messages(app.state.db) == []  # no address on record: nothing goes out
    visitor.post("/connexion/identifiant-oublie/canal", canal="sms")
    assert "7654321B" in outbox.messages(app.state.db, "07 98 76 54 32")[-1].body
    for text in ("07 ** ** ** 32", "***"):
        assert text not in txt(visitor.client.get("/connexion/identifiant-oublie/envoye"))
