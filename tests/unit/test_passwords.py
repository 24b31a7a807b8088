"""Hashing: one password whatever its Unicode form, and kept off the event loop."""

from __future__ import annotations

import asyncio
import re
from datetime import datetime

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from mock_portal import outbox, passwords
from mock_portal.clock import PARIS, clock
from mock_portal.password_rules import password_rule_error
from mock_portal.passwords import hash_password, verify_password
from tests.support.auth import AuthActions
from tests.unit.forms import post


def test_password_nfc_and_nfd_are_one_password():
    stored = hash_password("Été2019!")
    assert verify_password("E\u0301te\u03012019!", stored)
    # The length is counted on the NFC form: 64 composed letters, not 128 code points.
    assert password_rule_error("Aé1!" + "é" * 60, "1234567A") is None


# --- hashing off the event loop ----------------------------------------------------------------

START = datetime(2019, 6, 28, 9, 0, tzinfo=PARIS)


def _loop_running_here() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


@pytest.fixture
def hashing_threads(app: Starlette, monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """For every scrypt run during the test: was an event loop running on its thread?"""
    clock.set(START, frozen=True)
    seen: list[bool] = []
    real = passwords._scrypt

    def recorded(password: str, salt: bytes) -> bytes:
        seen.append(_loop_running_here())
        return real(password, salt)

    monkeypatch.setattr(passwords, "_scrypt", recorded)
    return seen


@pytest.mark.parametrize("identifiant", ["1234567A", "9999999Z"])
def test_password_login_hashes_in_a_worker_thread(auth: AuthActions, hashing_threads: list[bool],
                                                  identifiant: str):
    passwords.seed_hash.cache_clear()  # the dummy hash of unknown identifiants is computed too
    auth.attempt(identifiant=identifiant, password="mauvais")
    auth.attempt(identifiant=identifiant, password="Actu2019!")
    assert hashing_threads and not any(hashing_threads)


def test_password_reset_hashes_in_a_worker_thread(app: Starlette, client: TestClient, csrf: str,
                                                  hashing_threads: list[bool]):
    post(client, "/connexion/mot-de-passe-oublie", csrf, identifiant="1234567A", date_naissance="12/04/1985")
    post(client, "/connexion/mot-de-passe-oublie/canal", csrf, canal="email")
    code = re.search(r"\b(\d{6})\b", outbox.messages(app.state.db)[-1].body)
    assert code
    post(client, "/connexion/mot-de-passe-oublie/code", csrf, code=code.group(1))
    page = post(client, "/connexion/mot-de-passe-oublie/nouveau", csrf, nouveau_mot_de_passe="Nouveau2019!",
                confirmation="Nouveau2019!")
    assert page.url.path.endswith("/modifie")
    assert len(hashing_threads) == 2 and not any(hashing_threads)  # the old one checked, the new one hashed
