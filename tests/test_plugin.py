"""The pytest11 plugin: a separate repository writes scenarios with nothing but `pip install`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.support.inner_session import OUR_TOOLS_OFF
from tests.support.paths import ROOT

# What a run of browser scenarios costs (a Python with its plugins, a portal, Playwright's driver
# and a Chromium: ~2 s of CPU) is paid once: both tests read the same run of two test files, each
# test only the outcomes of its own file.
INSTANT_TESTS = (
    "def test_default_instant(portal, page):\n"
    "    assert portal.clock()['now'] == '2020-02-26T08:00:00+01:00'\n"
    "    page.goto('/')\n\n"
    "def test_that_fails(page):\n"
    "    page.goto('/')\n"
    "    assert False\n\n"
    "def test_that_fails_once(page, request):\n"
    "    page.goto('/')\n"
    "    assert request.node.execution_count > 1\n"
)
OUTCOMES = ("PASSED", "FAILED", "ERROR", "RERUN", "SKIPPED", "XFAIL", "XPASS")


class Run:
    def __init__(self, folder: Path, result: subprocess.CompletedProcess[str]) -> None:
        self.folder = folder
        self.output = result.stdout + result.stderr
        # The short summaries (-rAR): one "OUTCOME file::test[browser]" line per outcome and rerun.
        self.summary = {tuple(line.split()[:2]) for line in result.stdout.splitlines()
                        if line.split()[:1] and line.split()[0] in OUTCOMES}

    def outcomes(self, file: str) -> set[tuple[str, str]]:
        return {(outcome, test.removeprefix(f"{file}::")) for outcome, test in self.summary
                if test.startswith(f"{file}::")}


@pytest.fixture(scope="module")
def another_project(tmp_path_factory: pytest.TempPathFactory) -> Run:
    """A project outside this repository: the README's example scenario, a playwright.config.py and
    three tests of its settings and artifacts, run once with plain ``pytest``."""
    folder = tmp_path_factory.mktemp("another-project")
    shutil.copy(ROOT / "examples" / "test_my_portal_scenario.py", folder)
    (folder / "playwright.config.py").write_text('DEFAULT_INSTANT = "2020-02-26T08:00:00"\n')
    (folder / "test_default_instant.py").write_text(INSTANT_TESTS)
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST_")}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", *OUR_TOOLS_OFF, "-p", "no:cacheprovider", "-rAR"],
        cwd=folder, env=env, capture_output=True, text=True, timeout=300,
    )
    return Run(folder, result)


def test_plugin_runs_a_scenario_from_another_directory(another_project: Run):
    outcomes = another_project.outcomes("test_my_portal_scenario.py")
    assert outcomes == {("PASSED", "test_july_10th_still_declares_june[chromium]")}, another_project.output
    # Nothing of this repository's own conftest or settings was involved.
    assert not (another_project.folder / "conftest.py").exists()


def test_plugin_applies_a_project_playwright_config_and_keeps_artifacts_of_failures_only(another_project: Run):
    outcomes = another_project.outcomes("test_default_instant.py")
    assert outcomes == {("PASSED", "test_default_instant[chromium]"),
                        ("RERUN", "test_that_fails[chromium]"), ("FAILED", "test_that_fails[chromium]"),
                        ("RERUN", "test_that_fails_once[chromium]"), ("PASSED", "test_that_fails_once[chromium]")}, \
        another_project.output
    results = another_project.folder / "test-results"
    kept = sorted(path.relative_to(results).parts for path in results.rglob("*") if path.is_file())
    # A failure leaves the screenshot of its first attempt, untraced, then the trace of the
    # attempt it is run again for (mock_portal_testing/rerun.py), kept when that one passes too;
    # the passing tests leave nothing.
    fails, once = "test-default-instant-py-test-that-fails-chromium", "test-default-instant-py-test-that-fails-once-chromium"
    assert kept == sorted([(fails, "test-failed-1.png"), (f"{fails}-retry1", "test-failed-1.png"),
                           (f"{fails}-retry1", "trace.zip"), (once, "test-failed-1.png"),
                           (f"{once}-retry1", "trace.zip")])
    # Without the screencast (config.TRACE_SCREENSHOTS), the trace still holds the page's DOM.
    trace = results / f"{fails}-retry1" / "trace.zip"
    with zipfile.ZipFile(trace) as archive:
        assert "frame-snapshot" in archive.read("trace.trace").decode()
