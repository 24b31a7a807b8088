"""The lockout after wrong passwords, over HTTP, with the clock frozen."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from mock_portal import passwords
from mock_portal.clock import PARIS, clock
from tests.support.auth import AuthActions
from tests.unit.forms import txt

START = datetime(2019, 6, 28, 9, 0, tzinfo=PARIS)


@pytest.fixture(autouse=True)
def _frozen(app) -> None:
    clock.set(START, frozen=True)


def _error_summary(page) -> str:
    found = re.search(r'role="alert".*?</div>', txt(page), re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(0)).split()) if found else ""


# --- lockout --------------------------------------------------------------------------------

def test_lockout_after_five_wrong_passwords_then_unlock(auth: AuthActions):
    for attempt in range(1, 6):
        page = auth.attempt(password="mauvais")
        assert ("bloqué" in txt(page)) == (attempt == 5)
    assert "votre compte est bloqué jusqu'à 09h15" in txt(auth.attempt(password="Actu2019!"))
    clock.set(START.replace(minute=14, second=59), frozen=True)
    assert "bloqué" in txt(auth.attempt(password="Actu2019!"))
    clock.set(START.replace(minute=15), frozen=True)
    assert "Bonjour" in txt(auth.attempt(password="Actu2019!"))


def test_lockout_counter_resets_on_success(auth: AuthActions):
    for _ in range(4):
        auth.attempt(password="mauvais")
    assert "Bonjour" in txt(auth.attempt(password="Actu2019!"))
    for _ in range(4):
        page = auth.attempt(password="mauvais")
    assert "bloqué" not in txt(page)
    assert "Identifiant, mot de passe ou département incorrect" in txt(page)


def test_lockout_unknown_identifiant_answers_like_a_known_one(auth: AuthActions):
    answers: dict[str, list[str]] = {}
    for identifiant in ("1234567A", "9999999Z"):
        pages = [auth.attempt(identifiant=identifiant, password="mauvais") for _ in range(6)]
        answers[identifiant] = [f"{page.status_code} {_error_summary(page)}" for page in pages]
    assert answers["1234567A"] == answers["9999999Z"]
    assert "bloqué jusqu'à 09h15" in answers["9999999Z"][4]


def test_lockout_refuses_without_hashing(auth: AuthActions, monkeypatch: pytest.MonkeyPatch):
    for _ in range(5):
        auth.attempt(identifiant="9999999Z", password="mauvais")
    hashed: list[str] = []
    monkeypatch.setattr(passwords, "verify_password", lambda password, stored: hashed.append(password))
    assert "bloqué" in txt(auth.attempt(identifiant="9999999z", password="encore"))
    assert hashed == []


def test_lockout_failures_table_forgets_after_an_hour(app, auth: AuthActions):
    for number in range(3):
        auth.attempt(identifiant=f"000000{number}X", password="mauvais")
    clock.set(START.replace(hour=10, second=1), frozen=True)
    auth.attempt(identifiant="1111111Y", password="mauvais")
    rows = app.state.db.all("SELECT identifiant FROM login_failures")
    assert [row["identifiant"] for row in rows] == ["1111111Y"]


def test_lockout_lasts_fifteen_real_minutes_when_summer_time_ends(auth: AuthActions):
    # 02:50 summer time, then the clocks go back: the lock ends at the second 02:05.
    clock.set(datetime.fromisoformat("2026-10-25T02:50:00+02:00"), frozen=True)
    for _ in range(5):
        page = auth.attempt(password="mauvais")
    assert "votre compte est bloqué jusqu'à 02h05" in txt(page)
    clock.set(datetime.fromisoformat("2026-10-25T02:04:59+01:00"), frozen=True)
    assert "bloqué" in txt(auth.attempt(password="Actu2019!"))
    clock.set(datetime.fromisoformat("2026-10-25T02:05:00+01:00"), frozen=True)
    assert "Bonjour" in txt(auth.attempt(password="Actu2019!"))
