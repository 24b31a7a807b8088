"""The lockout after wrong passwords, over HTTP, with the clock frozen."""

from __future__ import annotations

from datetime import datetime

import pytest
from starlette.testclient import TestClient

from mock_portal.clock import PARIS, clock
from tests.unit.forms import login, txt

START = datetime(2019, 6, 28, 9, 0, tzinfo=PARIS)


@pytest.fixture(autouse=True)
def _frozen(app) -> None:
    clock.set(START, frozen=True)


# --- lockout --------------------------------------------------------------------------------

def test_lockout_after_five_wrong_passwords_then_unlock(client: TestClient, csrf: str):
    for attempt in range(1, 6):
        page = login(client, csrf, "mauvais")
        assert ("bloqué" in txt(page)) == (attempt == 5)
    assert "votre compte est bloqué jusqu'à 09h15" in txt(login(client, csrf, "Actu2019!"))
    clock.set(START.replace(minute=14, second=59), frozen=True)
    assert "bloqué" in txt(login(client, csrf, "Actu2019!"))
    clock.set(START.replace(minute=15), frozen=True)
    assert "Bonjour" in txt(login(client, csrf, "Actu2019!"))


def test_lockout_counter_resets_on_success(client: TestClient, csrf: str):
    for _ in range(4):
        login(client, csrf, "mauvais")
    assert "Bonjour" in txt(login(client, csrf, "Actu2019!"))
    csrf = client.cookies["pe_csrf"]  # a new token at login
    for _ in range(4):
        page = login(client, csrf, "mauvais")
    assert "bloqué" not in txt(page)
    assert "Identifiant, mot de passe ou département incorrect" in txt(page)


def test_lockout_unknown_identifiant_never_locks(client: TestClient, csrf: str):
    for _ in range(6):
        page = login(client, csrf, "mauvais", identifiant="9999999Z")
    assert "bloqué" not in txt(page)


def test_lockout_lasts_fifteen_real_minutes_when_summer_time_ends(client: TestClient, csrf: str):
    # 02:50 summer time, then the clocks go back: the lock ends at the second 02:05.
    clock.set(datetime.fromisoformat("2026-10-25T02:50:00+02:00"), frozen=True)
    for _ in range(5):
        page = login(client, csrf, "mauvais")
    assert "votre compte est bloqué jusqu'à 02h05" in txt(page)
    clock.set(datetime.fromisoformat("2026-10-25T02:04:59+01:00"), frozen=True)
    assert "bloqué" in txt(login(client, csrf, "Actu2019!"))
    clock.set(datetime.fromisoformat("2026-10-25T02:05:00+01:00"), frozen=True)
    assert "Bonjour" in txt(login(client, csrf, "Actu2019!"))
