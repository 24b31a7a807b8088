from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import ExitStack
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from starlette.applications import Starlette

from mock_portal import passwords
from mock_portal.app import create_app
from mock_portal.clock import PARIS, clock
from mock_portal.db import Database
from mock_portal.settings import Settings
from tests.support.asgi_client import InProcessClient
from tests.support.auth import AuthActions, NewClient
from tests.support.seeding import seed_cheaply


@pytest.fixture(scope="module", autouse=True)
def _cheap_hashes() -> Iterator[None]:
    """Passwords hashed at a trivial cost, which each hash records: some 300 logins, resets and
    learners took 9 s of scrypt. test_passwords.py proves the production cost."""
    with passwords.costing(passwords.TESTING):
        yield


@pytest.fixture(scope="session")
def seeded_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with the schema and the personas, as the app makes it on first start; made once
    and copied for each test, which then finds it seeded (creating it cost each test ~2.5 ms)."""
    return seed_cheaply(tmp_path_factory.mktemp("seeded") / "portal.sqlite3")


@pytest.fixture
def settings(tmp_path: Path, seeded_database: Path) -> Settings:
    database = tmp_path / "portal.sqlite3"
    shutil.copyfile(seeded_database, database)
    return Settings(database=database, testing=True)


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
def client(app: Starlette, new_client: NewClient) -> InProcessClient:
    return new_client(app)


@pytest.fixture
def new_client() -> Iterator[NewClient]:
    """Opens a visitor (its own cookies) of an app, closed with the test: an InProcessClient
    (tests/support/asgi_client.py)."""
    with ExitStack() as stack:
        def open_client(app: Starlette, base_url: str = "http://127.0.0.1", **options: Any) -> InProcessClient:
            return stack.enter_context(InProcessClient(app, base_url=base_url, **options))

        yield open_client


@pytest.fixture
def csrf(client: InProcessClient) -> str:
    """A CSRF token obtained like a browser would: by opening a page first."""
    client.get("/connexion/departement")
    token = client.cookies.get("pe_csrf")
    assert token
    return token


@pytest.fixture
def auth(client: InProcessClient) -> AuthActions:
    return AuthActions(client)
