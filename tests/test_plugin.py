"""The pytest11 plugin: a separate repository writes scenarios with nothing but `pip install`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.support.paths import ROOT


def test_plugin_runs_a_scenario_from_another_directory(tmp_path: Path):
    shutil.copy(ROOT / "examples" / "test_my_portal_scenario.py", tmp_path)
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST_")}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "-p", "no:cacheprovider"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout
    # Nothing of this repository's own conftest or settings was involved.
    assert not (tmp_path / "conftest.py").exists()


def test_plugin_applies_a_project_playwright_config_and_keeps_artifacts_of_failures_only(tmp_path: Path):
    # One run for both claims: each run of a browser scenario costs a portal and a Chromium.
    (tmp_path / "playwright.config.py").write_text('DEFAULT_INSTANT = "2020-02-26T08:00:00"\n')
    (tmp_path / "test_default_instant.py").write_text(
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
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST_")}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "-p", "no:cacheprovider"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300,
    )
    assert "1 failed, 2 passed, 2 rerun" in result.stdout, result.stdout + result.stderr
    kept = sorted(path.relative_to(tmp_path / "test-results").parts for path in
                  (tmp_path / "test-results").rglob("*") if path.is_file())
    # A failure leaves the screenshot of its first attempt, untraced, then the trace of the
    # attempt it is run again for (mock_portal_testing/rerun.py), kept when that one passes too;
    # the passing test leaves nothing.
    fails, once = "test-default-instant-py-test-that-fails-chromium", "test-default-instant-py-test-that-fails-once-chromium"
    assert kept == sorted([(fails, "test-failed-1.png"), (f"{fails}-retry1", "test-failed-1.png"),
                           (f"{fails}-retry1", "trace.zip"), (once, "test-failed-1.png"),
                           (f"{once}-retry1", "trace.zip")])
    # Without the screencast (config.TRACE_SCREENSHOTS), the trace still holds the page's DOM.
    trace = tmp_path / "test-results" / f"{fails}-retry1" / "trace.zip"
    with zipfile.ZipFile(trace) as archive:
        assert "frame-snapshot" in archive.read("trace.trace").decode()
