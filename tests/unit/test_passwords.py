"""Hashing: one password whatever its Unicode form, and kept off the event loop."""

from __future__ import annotations

import asyncio
import re
import subprocess
import sys
from datetime import datetime

import pytest
from starlette.applications import Starlette

from mock_portal import outbox, passwords
from mock_portal.clock import PARIS, clock
from mock_portal.password_rules import password_rule_error
from mock_portal.passwords import hash_password, verify_password
from tests.support.asgi_client import InProcessClient
from tests.support.auth import AuthActions
from tests.unit.forms import post


def test_password_nfc_and_nfd_are_one_password():
    stored = hash_password("Été2019!")
    assert verify_password("E\u0301te\u03012019!", stored)
    # The length is counted on the NFC form: 64 composed letters, not 128 code points.
    assert password_rule_error("Aé1!" + "é" * 60, "1234567A") is None


# --- the cost ----------------------------------------------------------------------------------

def _hashed_by_a_fresh_portal_process(password: str) -> str:
    """This suite hashes at a trivial cost (tests/unit/conftest.py): the default is seen afresh."""
    code = "import sys; from mock_portal.passwords import hash_password; print(hash_password(sys.argv[1]))"
    return subprocess.run([sys.executable, "-c", code, password], capture_output=True, text=True,
                          check=True).stdout.strip()


def test_password_hashes_at_the_production_cost_by_default():
    stored = _hashed_by_a_fresh_portal_process("Été2019!")
    assert stored.startswith("scrypt$16384$8$1$")  # N = 2**14, r = 8, p = 1: 16 MB per hash
    assert verify_password("Été2019!", stored)
    assert not verify_password("Ete2019!", stored)
    # Hashes stored before the cost was recorded in them were made at the production cost.
    legacy = "scrypt$" + stored.split("$", 4)[4]
    assert verify_password("Été2019!", legacy)
    assert not verify_password("Ete2019!", legacy)


def test_password_hashes_at_the_testing_cost_verify_with_the_cost_they_record():
    with passwords.costing(passwords.TESTING):
        stored = hash_password("Été2019!")
    assert stored.startswith("scrypt$16$1$1$")
    assert verify_password("Été2019!", stored)
    assert not verify_password("Ete2019!", stored)


@pytest.mark.parametrize("damaged", [
    "scrypt$1048576$8$1$c2FsdA$ZGlnZXN0",   # 1 GB of memory
    "scrypt$16384$8$100$c2FsdA$ZGlnZXN0",   # a hundred times the time
    "scrypt$16384$8$0$c2FsdA$ZGlnZXN0",
    "scrypt$3$1$1$c2FsdA$ZGlnZXN0",         # n must be a power of 2
    "scrypt$１６$1$1$c2FsdA$ZGlnZXN0",       # digits, but not ASCII ones
    "scrypt$16$1$1$c2FsdA",
    "scrypt$c2FsdA",
    "bcrypt$c2FsdA$ZGlnZXN0",
    "",
])
def test_password_damaged_hash_refuses_the_password_at_once(damaged: str):
    assert verify_password("Été2019!", damaged) is False


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

    def recorded(password: str, salt: bytes, cost: passwords.Cost) -> bytes:
        seen.append(_loop_running_here())
        return real(password, salt, cost)

    monkeypatch.setattr(passwords, "_scrypt", recorded)
    return seen


@pytest.mark.parametrize("identifiant", ["1234567A", "9999999Z"])
def test_password_login_hashes_in_a_worker_thread(auth: AuthActions, hashing_threads: list[bool],
                                                  identifiant: str):
    passwords._seed_hash.cache_clear()  # the dummy hash of unknown identifiants is computed too
    auth.attempt(identifiant=identifiant, password="mauvais")
    auth.attempt(identifiant=identifiant, password="Actu2019!")
    assert hashing_threads and not any(hashing_threads)


def test_password_reset_hashes_in_a_worker_thread(app: Starlette, client: InProcessClient, csrf: str,
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
