from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from mock_portal import passwords
from mock_portal.app import create_app
from mock_portal.clock import PARIS, clock
from mock_portal.db import Database
from mock_portal.settings import Settings
from tests.support.auth import AuthActions


@pytest.fixture(scope="module", autouse=True)
def _cheap_hashes() -> Iterator[None]:
    """Passwords hashed at a trivial cost, which each hash records: some 300 logins, resets and
    learners took 9 s of scrypt. test_passwords.py proves the production cost."""
    with passwords.costing(passwords.TESTING):
        yield


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(database=tmp_path / "portal.sqlite3", testing=True)


@pytest.fixture
def app(settings: Settings) -> Iterator[Starlette]:
    application = create_app(settings)
    yield application
    application.state.db.close()
    clock.reset()


@pytest.fixture
def db(app: Starlette) -> Database:
    """The app's database, its personas seeded, with the clock frozen on the tutorial's morning."""
    clock.set(datetime(2019, 6, 28, 9, 0, tzinfo=PARIS), frozen=True)
    return app.state.db


@pytest.fixture
def client(app: Starlette) -> TestClient:
    return TestClient(app, base_url="http://127.0.0.1")


@pytest.fixture
def csrf(client: TestClient) -> str:
    """A CSRF token obtained like a browser would: by opening a page first."""
    client.get("/connexion/departement")
    token = client.cookies.get("pe_csrf")
    assert token
    return token


@pytest.fixture
def auth(client: TestClient) -> AuthActions:
    return AuthActions(client)
