from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import freezegun
import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from mock_portal.app import create_app
from mock_portal.clock import clock
from mock_portal.settings import Settings
from tests.unit.fuzzing import Fuzzed, fuzzed_portal

# Tests that set the portal clock run freezegun in this process, and its start() rebinds time
# functions in every loaded module: pytest's own timer then read the frozen instant and reported
# durations of 1 561 693 575 s. pytest's modules keep the real clock.
freezegun.configure(extend_ignore_list=["_pytest", "pluggy", "xdist"])


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
def client(app: Starlette) -> TestClient:
    return TestClient(app, base_url="http://127.0.0.1")


@pytest.fixture
def csrf(client: TestClient) -> str:
    """A CSRF token obtained like a browser would: by opening a page first."""
    client.get("/connexion/departement")
    token = client.cookies.get("pe_csrf")
    assert token
    return token


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Fuzzed]:
    """One app per fuzzing module: the submissions of its tests pile up in the same database."""
    with fuzzed_portal(tmp_path_factory.mktemp("fuzz")) as portal:
        yield portal
