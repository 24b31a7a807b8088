"""Fixtures of the portal suite, registered by the plugin: a portal per xdist worker, clocks,
personas and the outbox (the page objects' fixtures are in page_fixtures.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page

from mock_portal_testing import config as suite
from mock_portal_testing import options, rerun
from mock_portal_testing.outbox import Outbox
from mock_portal_testing.pages import EspacePersonnelPage
from mock_portal_testing.people import Identity, Persona
from mock_portal_testing.portal import Portal, worker_name
from mock_portal_testing.time_travel import TimeTravel, paris


@pytest.fixture(scope="session")
def portal(pytestconfig: pytest.Config, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Portal]:
    """The portal under test: this worker's own (``--testing``, fresh database), or the one
    given with --base-url (probed at startup: ``portal.testing_api`` says if it has the API)."""
    external = options.base_url(pytestconfig)
    if external:
        remote = Portal(external)
        remote.testing_api = pytestconfig.stash.get(options.TESTING_API, True)
        yield remote
        remote.close()
        return
    folder = tmp_path_factory.mktemp(f"portal-{worker_name()}")
    started = Portal.start(folder / "portal.sqlite3", folder / "portal.log")
    yield started
    started.stop()


@pytest.fixture(scope="session")
def base_url(portal: Portal) -> str:
    """The portal's address: pages open relative to it (``page.goto("/actualisation")``)."""
    return portal.base_url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any], browser_name: str) -> dict[str, Any]:
    """pytest-playwright's launch arguments (--headed, --browser-channel, --slowmo win) over the
    suite's: Chromium's switches and, for Chromium without a channel, the executable found
    (Playwright's own, else Debian's headless shell, or full ``chromium`` with --headed)."""
    headed = browser_type_launch_args.get("headless") is False
    channel = browser_type_launch_args.get("channel")
    return {**suite.launch_options(headed, browser_name, channel), **browser_type_launch_args}


@pytest.fixture(scope="session")
def connect_options(browser_type_launch_args: dict[str, Any]) -> dict[str, Any] | None:
    """With MOCK_PORTAL_BROWSER_WS set, the Playwright server to connect to instead of launching."""
    return suite.connect_options(browser_type_launch_args)


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any], base_url: str) -> dict[str, Any]:
    """The suite's context (French locale, Paris time zone, viewport) under pytest-playwright's:
    a --device's viewport, user agent and the rest of its descriptor win."""
    return {**suite.context_options(base_url), **browser_context_args, "base_url": base_url}


@pytest.fixture
def fresh_portal(portal: Portal) -> Portal:
    """The seeded personas at the suite's default instant; every test with a ``page`` gets it
    when the portal has the testing API."""
    portal.reset()
    portal.set_clock(paris(suite.DEFAULT_INSTANT), frozen=True)
    return portal


def _passed(item: pytest.Item) -> bool:
    """The test body ran and passed (pytest-playwright keeps each phase's report on the item)."""
    report = getattr(item, "rep_call", None)
    return report is not None and report.passed


@pytest.fixture
def context(new_context: Any, portal: Portal, request: pytest.FixtureRequest) -> Iterator[BrowserContext]:
    """The test's browser context. With the testing API, the portal is reset first and both
    clocks are frozen at the default instant; without it, the browser keeps the real time."""
    if portal.testing_api:
        request.getfixturevalue("fresh_portal")
    ctx: BrowserContext = new_context()
    traced = rerun.traced_attempt(request)
    if traced is False:
        # A first attempt: pytest-playwright's trace goes at once, and nothing is saved at close.
        ctx.tracing.stop()
        _set_recorder(request, _capture_trace=False)
    else:
        if traced:  # the attempt after a failure: its trace is kept even if it passes
            _set_recorder(request, _tracing_option="on")
        if not suite.TRACE_SCREENSHOTS and request.config.getoption("--tracing") != "off":
            # pytest-playwright starts every trace with the screencast on; the same trace without it.
            ctx.tracing.stop()
            ctx.tracing.start(title=request.node.nodeid, snapshots=True, sources=True)
    if portal.testing_api:
        ctx.clock.set_fixed_time(paris(suite.DEFAULT_INSTANT))
    yield ctx
    if _passed(request.node):
        # pytest-playwright screenshots every open page when a context closes, then throws the
        # pictures of a passing test away (--screenshot only-on-failure): ~60-90 ms per test.
        # A passing test's pages are closed first, so only a failure pays for its screenshots.
        for page in ctx.pages:
            page.close()
        if request.config.getoption("--tracing") == "retain-on-failure" and traced is None:
            # Dropped in the browser rather than zipped (15-40 ms) then deleted by pytest-playwright,
            # which zips every trace at close because it learns the outcome later.
            _set_recorder(request, _capture_trace=False)


def _set_recorder(request: pytest.FixtureRequest, **settings: object) -> None:
    """Tells pytest-playwright's artifacts recorder for this test what to keep: whether to save
    the trace at close (``_capture_trace``), and whether a passing test keeps it
    (``_tracing_option``). Private to pytest-playwright: should an attribute go, its own policy
    applies again (traces zipped, a passing retry's trace deleted)."""
    recorder = request.getfixturevalue("_artifacts_recorder")
    for name, value in settings.items():
        if hasattr(recorder, name):
            setattr(recorder, name, value)


@pytest.fixture
def time_travel(portal: Portal, context: BrowserContext) -> TimeTravel:
    """Moves the portal and browser clocks together: ``time_travel.to("2019-07-15T23:59")``,
    ``time_travel.forward(minutes=16)``; naive times are Paris time."""
    travel = TimeTravel(portal, context)
    travel.now = paris(suite.DEFAULT_INSTANT)
    return travel


@pytest.fixture(scope="session")
def personas(portal: Portal) -> dict[str, Persona]:
    """The portal's personas by key (``personas["sms_only"]``), passwords included."""
    return {entry["key"]: Persona.from_json(entry) for entry in portal.personas()}


@pytest.fixture
def demo(personas: dict[str, Persona]) -> Persona:
    """The tutorial's demo account (département 67, identifiant 1234567A)."""
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
    """``login_as(persona)``: the test's page logged in as that persona, without typing the
    connexion (a session cookie from the testing API)."""
    return LoginAs(portal, page)


@pytest.fixture
def logged_in(login_as: LoginAs, demo: Persona) -> Page:
    """The demo persona on its espace personnel."""
    page = login_as(demo)
    page.goto(EspacePersonnelPage.path)
    return page


# --- the outbox and the identities the recovery screens ask for ---------------------------


@pytest.fixture
def outbox(portal: Portal) -> Outbox:
    """This test's messages only: each worker has its own portal, emptied before every test."""
    return Outbox(portal)


@pytest.fixture(scope="session")
def identities(portal: Portal) -> dict[str, Identity]:
    """What the recovery screens ask each persona (name, first name, birth date), by key."""
    return {entry["key"]: Identity.from_json(entry) for entry in portal.personas()}
