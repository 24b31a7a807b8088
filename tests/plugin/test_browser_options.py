"""--browser, --browser-channel, --headed, --device and --video do what pytest-playwright users expect."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mock_portal_testing import config as suite
from tests.support.browsers import install
from tests.support.inner_session import OUR_TOOLS_OFF, runpytest_here

LAUNCH_ARGS_TEST = """
def test_launch_args(browser_type_launch_args):
    print("LAUNCH", sorted(browser_type_launch_args.items()))
    assert {expected}
"""


def _run_launch_args(pytester: pytest.Pytester, expected: str, *args: str) -> pytest.RunResult:
    pytester.makepyfile(LAUNCH_ARGS_TEST.format(expected=expected))
    return runpytest_here(pytester, *OUR_TOOLS_OFF, "-s", *args)


def test_browser_firefox_not_installed_is_a_usage_error_naming_the_install_command(
    pytester: pytest.Pytester, registry: Path
):
    result = _run_launch_args(pytester, "True", "--browser", "firefox")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*--browser firefox*not installed*playwright install firefox*"])


def test_browser_firefox_installed_gets_playwrights_firefox_without_chromium_switches(
    pytester: pytest.Pytester, registry: Path
):
    install("firefox")
    result = _run_launch_args(
        pytester, '"executable_path" not in browser_type_launch_args and "args" not in browser_type_launch_args',
        "--browser", "firefox",
    )
    result.assert_outcomes(passed=1)


def test_browser_channel_is_launched_as_asked_not_replaced_by_the_debian_fallback(
    pytester: pytest.Pytester, registry: Path
):
    install("chromium")
    result = _run_launch_args(
        pytester,
        'browser_type_launch_args["channel"] == "chromium" and "executable_path" not in browser_type_launch_args',
        "--browser-channel", "chromium",
    )
    result.assert_outcomes(passed=1)
    missing = _run_launch_args(pytester, "True", "--browser-channel", "chrome")
    assert missing.ret == pytest.ExitCode.USAGE_ERROR
    missing.stderr.fnmatch_lines(["*--browser-channel chrome*playwright install chrome*"])


@pytest.mark.skipif(not os.access(suite.DEBIAN_FULL, os.X_OK), reason="Debian's chromium is not installed")
def test_headed_launches_debians_full_chromium(pytester: pytest.Pytester, registry: Path):
    result = _run_launch_args(
        pytester, f'browser_type_launch_args["executable_path"] == "{suite.DEBIAN_FULL}"', "--headed"
    )
    result.assert_outcomes(passed=1)


def test_video_without_playwrights_ffmpeg_is_a_usage_error(pytester: pytest.Pytester, registry: Path):
    result = _run_launch_args(pytester, "True", "--video", "retain-on-failure")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*--video retain-on-failure*ffmpeg*playwright install ffmpeg*"])
    install("ffmpeg")
    _run_launch_args(pytester, "not False", "--video", "retain-on-failure").assert_outcomes(passed=1)


def test_device_descriptor_wins_over_the_suite_context(pytester: pytest.Pytester):
    # A base_url of its own: the context arguments need no running portal.
    pytester.makeconftest(
        "import pytest\n\n@pytest.fixture(scope='session')\ndef base_url():\n    return 'http://portal.invalid'\n"
    )
    pytester.makepyfile("""
        def test_context_args(browser_context_args, playwright):
            iphone = playwright.devices["iPhone 13"]
            assert browser_context_args["viewport"] == iphone["viewport"]
            assert browser_context_args["user_agent"] == iphone["user_agent"]
            assert browser_context_args["is_mobile"] is True
            assert browser_context_args["locale"] == "fr-FR"
            assert browser_context_args["base_url"] == "http://portal.invalid"
    """)
    # In a process of its own: Playwright's sync API cannot start twice in one thread.
    result = pytester.runpytest_subprocess(*OUR_TOOLS_OFF, "--device", "iPhone 13")
    result.assert_outcomes(passed=1)
