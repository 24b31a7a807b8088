"""Traces only where they are read: a failed browser test runs once more, traced.

A Playwright trace with DOM snapshots costs a passing test ~100 ms of Chromium's time (20 % of a
scenario here), and only a failure's trace is ever opened. So, when the command line, ``addopts``
and the ini option leave ``--tracing`` to the suite (``TRACING_ON_RERUN`` in the suite's
settings), the first attempt of every test that uses a browser context records no trace, and a
failed one runs once more with the trace on (pytest-rerunfailures' ``flaky`` marker):

- the first attempt leaves its screenshot (``--screenshot only-on-failure``);
- the second attempt leaves ``trace.zip``, whether it fails again or passes;
- a test that passes only on its second attempt still fails the run (``--fail-on-flaky``: exit
  code 7, with or without xdist), the short summary names it (``RERUN``) with the first attempt's
  traceback, and the fidelity report counts it as failing.

An explicit ``--tracing`` (any value), ``--reruns``, ``--pdb``, or a test's own ``flaky`` marker
turns this off, for that run or that test: pytest-playwright and pytest-rerunfailures then do
exactly what their documentation says.
"""

from __future__ import annotations

import pytest

from mock_portal_testing import config as suite
from mock_portal_testing import options

ACTIVE = pytest.StashKey[bool]()
BROWSER_FIXTURES = frozenset({"context", "page"})


def configure(config: pytest.Config) -> None:
    """Turns the policy on when nothing the user gave decides otherwise (one decision per run)."""
    config.stash[ACTIVE] = False
    if not suite.TRACING_ON_RERUN or not config.pluginmanager.hasplugin("rerunfailures"):
        return
    if "tracing" not in config.stash.get(options.LEFT_TO_THE_SUITE, frozenset()):
        return
    if config.option.tracing != "retain-on-failure":
        return  # the project's playwright.config.py chose another policy
    if config.getoption("usepdb", False) or config.getoption("reruns", None) is not None:
        return
    if config.getoption("force_reruns", None) is not None:
        return
    config.stash[ACTIVE] = True
    config.option.fail_on_flaky = True
    # A test that passes when run again leaves no failure report: its first error is printed in
    # the rerun summary, or nothing would say what went wrong (its trace is of the passing run).
    config.option.rerun_show_tracebacks = True
    config.pluginmanager.register(_FlakyRuns(), "mock_portal_testing.rerun.flaky_runs")
    # Exit code 7 alone would not say which test: the short summary names each rerun ("RERUN").
    chars = getattr(config.option, "reportchars", None)
    if isinstance(chars, str) and "R" not in chars and "A" not in chars and "N" not in chars:
        config.option.reportchars = chars + "R"


def mark(config: pytest.Config, items: list[pytest.Item]) -> None:
    """One more attempt for each browser test without a ``flaky`` marker of its own."""
    if not config.stash.get(ACTIVE, False):
        return
    for item in items:
        browser = BROWSER_FIXTURES.intersection(getattr(item, "fixturenames", ()))
        if browser and not item.get_closest_marker("flaky"):
            item.add_marker(pytest.mark.flaky(reruns=1))


def traced_attempt(request: pytest.FixtureRequest) -> bool | None:
    """For the test's browser context: None when the policy is off (pytest-playwright decides),
    else whether this attempt records a trace (a second one does)."""
    if not request.config.stash.get(ACTIVE, False) or not request.node.get_closest_marker("flaky"):
        return None
    return getattr(request.node, "execution_count", 1) > 1


class _FlakyRuns:
    """Exit code 7 for a run whose tests all passed, some only when run again, under xdist too.

    pytest-rerunfailures decides it from the session's items, and the controller of an xdist run
    has none: ``make test`` (``-n auto``) exited 0 with a test that passed on its second attempt.
    The controller does receive every attempt's report, so the runs again are counted here.
    """

    def __init__(self) -> None:
        self.ran_again: set[str] = set()

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.outcome == "rerun":
            self.ran_again.add(report.nodeid)

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        # Anything but a clean pass (a failure, an interruption) keeps its own exit code.
        if self.ran_again and session.exitstatus == 0:
            session.exitstatus = 7
