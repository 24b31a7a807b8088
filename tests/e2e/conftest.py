"""Fixtures of the browser suite: a portal per xdist worker, clocks, personas, page objects."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page

from tests.conftest import SUITE
from tests.e2e.outbox import Outbox
from tests.e2e.pages import PAGES, BasePage, EspacePersonnelPage, Persona
from tests.e2e.pages.oubli import Identity
from tests.e2e.portal import Portal, worker_name
from tests.e2e.time_travel import TimeTravel, paris


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def portal(pytestconfig: pytest.Config, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Portal]:
    """The portal under test: this worker's own, or the one given with --base-url."""
    external = pytestconfig.getoption("--base-url") or None
    if external:
        if getattr(pytestconfig.option, "numprocesses", None):
            raise pytest.UsageError("against an external portal, run with -n 0: tests reset it")
        remote = Portal(external)
        try:
            remote.clock()
        except Exception as exc:
            raise pytest.UsageError(
                f"{external} does not answer /_testing/clock: start it with `mock-portal serve "
                f"--testing` ({exc})"
            ) from exc
        yield remote
        return
    folder = tmp_path_factory.mktemp(f"portal-{worker_name()}")
    started = Portal.start(folder / "portal.sqlite3", folder / "portal.log")
    yield started
    started.stop()


@pytest.fixture(scope="session")
def base_url(portal: Portal) -> str:
    return portal.base_url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    headed = browser_type_launch_args.get("headless") is False
    return {**browser_type_launch_args, **SUITE.launch_options(headed)}


@pytest.fixture(scope="session")
def connect_options(browser_type_launch_args: dict[str, Any]) -> dict[str, Any] | None:
    return SUITE.connect_options(browser_type_launch_args)


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any], base_url: str) -> dict[str, Any]:
    return {**browser_context_args, **SUITE.context_options(base_url)}


@pytest.fixture(autouse=True)
def _fresh_portal(portal: Portal) -> None:
    """Every test starts from the seeded personas at the suite's default instant."""
    portal.reset()
    portal.set_clock(paris(SUITE.DEFAULT_INSTANT), frozen=True)


@pytest.fixture
def context(new_context: Any, _fresh_portal: None) -> BrowserContext:
    ctx: BrowserContext = new_context()
    ctx.clock.set_fixed_time(paris(SUITE.DEFAULT_INSTANT))
    return ctx


@pytest.fixture
def time_travel(portal: Portal, context: BrowserContext) -> TimeTravel:
    travel = TimeTravel(portal, context)
    travel.now = paris(SUITE.DEFAULT_INSTANT)
    return travel


@pytest.fixture(scope="session")
def personas(portal: Portal) -> dict[str, Persona]:
    return {entry["key"]: Persona.from_json(entry) for entry in portal.personas()}


@pytest.fixture
def demo(personas: dict[str, Persona]) -> Persona:
    return personas["demo"]


class LoginAs:
    """Start a test logged in without typing the connexion: for tests whose subject is not it."""

    def __init__(self, portal: Portal, page: Page) -> None:
        self.portal = portal
        self.page = page

    def __call__(self, persona: Persona) -> Page:
        cookie = self.portal.session_cookie(persona.identifiant)
        self.page.context.add_cookies([{**cookie, "url": self.portal.base_url}])
        return self.page


@pytest.fixture
def login_as(portal: Portal, page: Page) -> LoginAs:
    return LoginAs(portal, page)


@pytest.fixture
def logged_in(login_as: LoginAs, demo: Persona) -> Page:
    """The demo persona on its espace personnel."""
    page = login_as(demo)
    page.goto(EspacePersonnelPage.path)
    return page


# --- page objects: one fixture per class of pages.PAGES ------------------------------------

def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _page_fixture(cls: type[BasePage]) -> Any:
    def fixture(page: Page) -> BasePage:
        return cls(page)

    fixture.__doc__ = f"A {cls.__name__} on the test's page."
    return pytest.fixture(name=_snake(cls.__name__))(fixture)


for _cls in PAGES:
    globals()[_snake(_cls.__name__)] = _page_fixture(_cls)


# --- the outbox and the identities the recovery screens ask for ---------------------------


@pytest.fixture
def outbox(portal: Portal) -> Outbox:
    """This test's messages only: each worker has its own portal, emptied before every test."""
    return Outbox(portal)


@pytest.fixture(scope="session")
def identities(portal: Portal) -> dict[str, Identity]:
    return {entry["key"]: Identity.from_json(entry) for entry in portal.personas()}
