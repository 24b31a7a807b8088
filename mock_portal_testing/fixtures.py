"""Fixtures of the portal suite, registered by the plugin: a portal per xdist worker, clocks,
personas, the outbox, and one fixture per page object."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page

from mock_portal_testing import config as suite
from mock_portal_testing.outbox import Outbox
from mock_portal_testing.pages import PAGES, BasePage, EspacePersonnelPage, Persona
from mock_portal_testing.pages.oubli import Identity
from mock_portal_testing.portal import Portal, worker_name
from mock_portal_testing.time_travel import TimeTravel, paris


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
    return {**browser_type_launch_args, **suite.launch_options(headed)}


@pytest.fixture(scope="session")
def connect_options(browser_type_launch_args: dict[str, Any]) -> dict[str, Any] | None:
    return suite.connect_options(browser_type_launch_args)


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any], base_url: str) -> dict[str, Any]:
    return {**browser_context_args, **suite.context_options(base_url)}


@pytest.fixture
def fresh_portal(portal: Portal) -> Portal:
    """The seeded personas at the suite's default instant; every test with a ``page`` gets it."""
    portal.reset()
    portal.set_clock(paris(suite.DEFAULT_INSTANT), frozen=True)
    return portal


@pytest.fixture
def context(new_context: Any, fresh_portal: Portal) -> BrowserContext:
    ctx: BrowserContext = new_context()
    ctx.clock.set_fixed_time(paris(suite.DEFAULT_INSTANT))
    return ctx


@pytest.fixture
def time_travel(portal: Portal, context: BrowserContext) -> TimeTravel:
    travel = TimeTravel(portal, context)
    travel.now = paris(suite.DEFAULT_INSTANT)
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
