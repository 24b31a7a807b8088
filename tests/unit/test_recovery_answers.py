"""Both recoveries answer alike whoever is typed, and their codes cannot be guessed.

Every step is replayed for a real identity and for an unknown one, and the answers (status,
redirect, page with its CSRF token masked) must be equal; only the outbox differs.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import httpx2 as httpx
import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from mock_portal import outbox, reset_codes
from mock_portal.clock import PARIS, clock, plus
from tests.unit.forms import txt

START = datetime(2019, 6, 28, 9, 0, tzinfo=PARIS)
CODE = "123456"  # every code issued in this file (secrets.randbelow is patched)
WRONG = "000000"
TOKEN = re.compile(r'(name="csrf_token" value=)"[^"]*"')

DEMO = {"nom": "Martin", "prenom": "Camille", "date_naissance": "12/04/1985"}
SMS_ONLY = {"nom": "Benali", "prenom": "Karim", "date_naissance": "03/11/1979"}
NOBODY = {"nom": "Martin", "prenom": "Camille", "date_naissance": "13/04/1985"}
DEMO_PASSWORD = {"identifiant": "1234567A", "date_naissance": "12/04/1985"}
SMS_ONLY_PASSWORD = {"identifiant": "7654321B", "date_naissance": "03/11/1979"}
NOBODY_PASSWORD = {"identifiant": "9999999Z", "date_naissance": "12/04/1985"}

Answer = tuple[int, str | None, str]


@pytest.fixture(autouse=True)
def _frozen_and_predictable(app: Starlette, monkeypatch: pytest.MonkeyPatch) -> None:
    clock.set(START, frozen=True)
    monkeypatch.setattr(reset_codes.secrets, "randbelow", lambda _: int(CODE))


class Visitor:
    """One browser: its own cookies and CSRF token; every answer is kept, token masked."""

    def __init__(self, app: Starlette) -> None:
        self.client = TestClient(app, base_url="http://127.0.0.1", follow_redirects=False)
        self.client.get("/connexion/departement")
        self.csrf = self.client.cookies.get("pe_csrf") or ""
        self.answers: list[Answer] = []

    def _keep(self, response: httpx.Response) -> httpx.Response:
        self.answers.append((response.status_code, response.headers.get("location"),
                             TOKEN.sub(r'\1"…"', response.text)))
        return response

    def get(self, path: str) -> httpx.Response:
        return self._keep(self.client.get(path))

    def post(self, path: str, **data: str) -> httpx.Response:
        return self._keep(self.client.post(path, data={"csrf_token": self.csrf, **data}))


def recover_identifiant(visitor: Visitor, identity: dict[str, str], channel: str) -> None:
    visitor.get("/connexion/identifiant-oublie")
    visitor.post("/connexion/identifiant-oublie", **identity)
    visitor.get("/connexion/identifiant-oublie/canal")
    visitor.post("/connexion/identifiant-oublie/canal", canal="pigeon")
    visitor.post("/connexion/identifiant-oublie/canal", canal=channel)
    visitor.get("/connexion/identifiant-oublie/envoye")
    visitor.get("/connexion/identifiant-oublie/canal")


def ask_code(visitor: Visitor, identity: dict[str, str], channel: str) -> None:
    visitor.post("/connexion/mot-de-passe-oublie", **identity)
    visitor.get("/connexion/mot-de-passe-oublie/canal")
    visitor.post("/connexion/mot-de-passe-oublie/canal", canal=channel)
    visitor.get("/connexion/mot-de-passe-oublie/code")


def recover_password(visitor: Visitor, identity: dict[str, str], channel: str) -> None:
    visitor.get("/connexion/mot-de-passe-oublie")
    visitor.post("/connexion/mot-de-passe-oublie/canal", canal="pigeon")
    ask_code(visitor, identity, channel)
    visitor.post("/connexion/mot-de-passe-oublie/code", code="12ab56")
    for _ in range(6):  # the 5th try ends the code, the 6th is told so
        visitor.post("/connexion/mot-de-passe-oublie/code", code=WRONG)
    ask_code(visitor, identity, "sms" if channel == "email" else "email")
    visitor.post("/connexion/mot-de-passe-oublie/code", code=WRONG)
    visitor.get("/connexion/mot-de-passe-oublie/nouveau")


def _walk(app: Starlette, walk, identity: dict[str, str], channel: str) -> list[Answer]:
    visitor = Visitor(app)
    walk(visitor, identity, channel)
    return visitor.answers


@pytest.mark.parametrize("channel", ["email", "sms"])
@pytest.mark.parametrize(("walk", "known", "unknown"), [
    (recover_identifiant, DEMO, NOBODY),
    (recover_identifiant, SMS_ONLY, NOBODY),
    (recover_password, DEMO_PASSWORD, NOBODY_PASSWORD),
    (recover_password, SMS_ONLY_PASSWORD, NOBODY_PASSWORD),
], ids=["identifiant-demo", "identifiant-sms-only", "password-demo", "password-sms-only"])
def test_recovery_answers_the_same_pages_for_known_and_unknown(
    app: Starlette, walk, known: dict[str, str], unknown: dict[str, str], channel: str
):
    real = _walk(app, walk, known, channel)
    sent = len(outbox.messages(app.state.db))
    assert _walk(app, walk, unknown, channel) == real
    assert len(outbox.messages(app.state.db)) == sent  # the unknown one got nothing


def test_recovery_offers_both_channels_and_sends_only_on_record(app: Starlette):
    visitor = Visitor(app)
    recover_identifiant(visitor, SMS_ONLY, "email")
    page = txt(visitor.client.get("/connexion/identifiant-oublie/canal"))
    assert "Par mail" in page and "Par SMS" in page
    assert outbox.messages(app.state.db) == []  # no address on record: nothing goes out
    visitor.post("/connexion/identifiant-oublie/canal", canal="sms")
    assert "7654321B" in outbox.messages(app.state.db, "07 98 76 54 32")[-1].body
    for text in ("07 ** ** ** 32", "***"):
        assert text not in txt(visitor.client.get("/connexion/identifiant-oublie/envoye"))


# --- the limits on codes -----------------------------------------------------------------------

def _codes_sent(app: Starlette) -> int:
    return sum(CODE in message.body for message in outbox.messages(app.state.db))


def test_reset_codes_at_most_five_per_hour_then_same_answer(app: Starlette):
    real, nobody = Visitor(app), Visitor(app)
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


def test_reset_codes_wrong_codes_capped_across_codes(app: Starlette):
    visitor = Visitor(app)
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
