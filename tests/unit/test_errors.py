"""Errors answer a French page and never cost the visitor the connection."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest
from starlette.applications import Starlette

from mock_portal.screens import outbox
from tests.support.asgi_client import InProcessClient
from tests.unit.live import served


class _BrokenConnection:
    """A database file that became unusable while the portal runs (read-only, full, damaged)."""

    def execute(self, *args: Any) -> None:
        raise sqlite3.OperationalError("attempt to write a readonly database")


def _outbox_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(outbox, "messages", broken)


def test_errors_unusable_database_is_a_french_503_with_the_cause_logged(
    app: Starlette, client: InProcessClient, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(app.state.db, "conn", _BrokenConnection())
    response = client.get("/outbox")
    assert response.status_code == 503
    assert "Service indisponible" in response.text
    assert "attempt to write a readonly database" in caplog.text


def test_errors_unusable_database_while_loading_the_session_is_a_503(
    app: Starlette, client: InProcessClient, monkeypatch: pytest.MonkeyPatch
):
    client.cookies.set("pe_session", "a-session-token")
    monkeypatch.setattr(app.state.db, "conn", _BrokenConnection())
    response = client.get("/espace-personnel")
    assert response.status_code == 503
    assert "Service indisponible" in response.text


def test_errors_unexpected_error_is_a_french_500(client: InProcessClient, monkeypatch: pytest.MonkeyPatch):
    _outbox_fails(monkeypatch)
    response = client.get("/outbox")
    assert response.status_code == 500
    assert "Une erreur est survenue" in response.text
    assert response.headers["x-frame-options"] == "DENY"


@pytest.mark.parametrize("breakage", ["bug", "database"])
def test_errors_keep_the_kept_alive_connection(app: Starlette, monkeypatch: pytest.MonkeyPatch, breakage: str):
    if breakage == "bug":
        _outbox_fails(monkeypatch)
    with served(app) as conn:
        if breakage == "database":
            monkeypatch.setattr(app.state.db, "conn", _BrokenConnection())
        conn.request("GET", "/outbox")
        first = conn.getresponse()
        first.read()
        assert first.status in (500, 503)
        assert first.getheader("connection") != "close"
        monkeypatch.undo()
        conn.request("GET", "/robots.txt")
        assert conn.getresponse().status == 200
