"""The trainer's pages: their guards, their French errors, their log."""

from __future__ import annotations

import html
import logging
from datetime import datetime

import pytest

from mock_portal import classroom, desk, shared_clock
from mock_portal.clock import PARIS
from mock_portal.db import Database
from tests.support.asgi_client import InProcessClient

START = datetime(2019, 6, 28, 9, 0, tzinfo=PARIS)


def _signed_in(client: InProcessClient, db: Database) -> str:
    """The trainer on the desk; answers the CSRF token of the desk's forms (new at sign-in)."""
    client.get("/formateur/connexion")
    token = client.cookies.get("pe_csrf")
    assert token
    page = client.post("/formateur/connexion", data={"csrf_token": token, "code": desk.trainer_code(db)})
    assert "Horloge de la simulation" in page.text
    renewed = client.cookies["pe_csrf"]
    assert renewed != token
    return renewed


# --- the pages ------------------------------------------------------------------------------

def test_formateur_pages_need_the_trainer_code(client: InProcessClient, db: Database):
    assert client.get("/formateur", follow_redirects=False).headers["location"].endswith(
        "/formateur/connexion")
    client.get("/formateur/connexion")
    token = client.cookies.get("pe_csrf")
    refused = client.post("/formateur/horloge", data={"csrf_token": token, "preset": "fermee"},
                          follow_redirects=False)
    assert refused.headers["location"].endswith("/formateur/connexion")
    assert shared_clock.stored(db) is None


def test_formateur_forms_need_the_csrf_token(client: InProcessClient, db: Database):
    _signed_in(client, db)
    assert client.post("/formateur/horloge", data={"preset": "fermee"}).status_code == 403
    assert shared_clock.stored(db) is None


def test_formateur_wrong_code_is_refused_in_french_next_to_the_field(client: InProcessClient, db: Database):
    client.get("/formateur/connexion")
    token = client.cookies.get("pe_csrf")
    page = client.post("/formateur/connexion", data={"csrf_token": token, "code": "x" * 10_000})
    assert page.status_code == 400
    assert "Ce code formateur est incorrect." in page.text


def test_formateur_every_change_is_logged(client: InProcessClient, db: Database, caplog: pytest.LogCaptureFixture):
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


def test_formateur_unknown_learner_or_preset(client: InProcessClient, db: Database):
    token = _signed_in(client, db)
    for seat in ("29", "x", "", "²", "9" * 5000):
        response = client.post("/formateur/apprenants/debloquer", data={"csrf_token": token, "seat": seat})
        assert response.status_code == 404, seat
    page = client.post("/formateur/horloge", data={"csrf_token": token, "preset": "demain"})
    assert "Ce réglage de l'horloge n'existe pas" in html.unescape(page.text)
