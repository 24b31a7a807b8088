"""How the plugin honours pytest-playwright's options, settled once at configure time.

Explicit options always win: the suite's artifact policy only fills in what the command line
(and ``addopts``) left out; a browser, a channel or ffmpeg that is not installed, a deployed
portal that does not answer, or several workers sharing one deployed portal are each one
usage error at startup, never a hang or an error per test.
"""

from __future__ import annotations

import os
import shlex

import pytest

from mock_portal_testing import browsers
from mock_portal_testing import config as suite
from mock_portal_testing.portal import Portal, PortalError

CHOICES = {
    "screenshot": ("on", "off", "only-on-failure"),
    "tracing": ("on", "off", "retain-on-failure"),
    "video": ("on", "off", "retain-on-failure"),
}
TESTING_API = pytest.StashKey[bool]()
# The artifact options that neither the command line nor an ini option gave: the suite chose them.
LEFT_TO_THE_SUITE = pytest.StashKey[frozenset[str]]()


def ini_name(option: str) -> str:
    return f"mock_portal_{option}"


def explicit_options(config: pytest.Config) -> set[str]:
    """The long options given in addopts, PYTEST_ADDOPTS or the command line.

    argparse cannot tell ``--tracing off`` from its default "off"; the words can. pytest
    accepts no abbreviation of long options, so ``--tracing`` and ``--tracing=`` are the only
    spellings.
    """
    words = [*config.getini("addopts"), *shlex.split(os.environ.get("PYTEST_ADDOPTS", "")),
             *config.invocation_params.args]
    return {word[2:].partition("=")[0] for word in words if isinstance(word, str) and word.startswith("--")}


def apply_artifact_defaults(config: pytest.Config) -> None:
    """--screenshot/--tracing/--video/--output: the command line, else the ini option, else
    the suite's policy (``config.ARTIFACTS``, overridable in playwright.config.py)."""
    given = explicit_options(config)
    left: set[str] = set()
    for name, default in suite.ARTIFACTS.items():
        if name in given or not hasattr(config.option, name):
            continue
        value = config.getini(ini_name(name)) or default
        if value not in CHOICES.get(name, (value,)):
            raise pytest.UsageError(
                f"{ini_name(name)} = {value!r}: use one of {', '.join(CHOICES[name])}"
            )
        if not config.getini(ini_name(name)):
            left.add(name)
        setattr(config.option, name, value)
    config.stash[LEFT_TO_THE_SUITE] = frozenset(left)


def remote_browser() -> bool:
    return bool(os.environ.get(suite.REMOTE_BROWSER_ENV))


def check_browsers(config: pytest.Config) -> None:
    """What the user chose must be installed; the default Chromium is checked at launch, so
    that runs needing no browser (unit tests) work on a machine without one."""
    if remote_browser() or not hasattr(config.option, "browser"):
        return
    chosen = config.option.browser
    channel = config.option.browser_channel
    if chosen or channel:
        for browser in chosen or ["chromium"]:
            problem = browsers.missing_browser(browser, channel)
            if problem is None and browser == "chromium" and not channel:
                try:
                    suite.find_browser(headed=config.option.headed)
                except suite.BrowserNotFound as exc:
                    problem = f"--browser chromium: {exc}"
            if problem:
                raise pytest.UsageError(problem)
    if config.option.video != "off":
        problem = browsers.missing_ffmpeg(config.option.video)
        if problem:
            raise pytest.UsageError(problem)


def base_url(config: pytest.Config) -> str | None:
    """--base-url (or PYTEST_BASE_URL), else the ``base_url`` ini value."""
    given = config.getoption("base_url", None)
    if given:
        return str(given)
    try:
        return str(config.getini("base_url") or "") or None
    except ValueError:
        return None


def check_deployed_portal(config: pytest.Config) -> None:
    """One worker for a --base-url portal (tests reset it), and it must answer."""
    url = base_url(config)
    if not url:
        return
    workers = config.getoption("numprocesses", None)
    if isinstance(workers, int) and workers > 1:
        raise pytest.UsageError(
            f"--base-url drives one portal that every test resets: run one worker (-n 0), not -n {workers}"
        )
    portal = Portal(url)
    try:
        config.stash[TESTING_API] = portal.probe_testing_api()
    except PortalError as exc:
        raise pytest.UsageError(f"--base-url {url}: {exc}") from None
    finally:
        portal.close()


def no_testing_api_reason(config: pytest.Config) -> str | None:
    if config.stash.get(TESTING_API, True):
        return None
    return (f"{base_url(config)} has no testing API (GET /_testing/clock: 404); "
            "start it with `mock-portal serve --testing` to run these tests")
