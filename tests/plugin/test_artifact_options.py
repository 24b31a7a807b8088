"""Explicit --tracing/--screenshot/--video win over the suite's defaults; --lf, --ff, --sw work."""

from __future__ import annotations

import json
import tomllib

import pytest

from tests.support.inner_session import OUR_TOOLS_OFF
from tests.support.paths import ROOT


@pytest.mark.parametrize(("option", "suite_default", "explicit"), [
    ("tracing", "retain-on-failure", "off"),
    ("screenshot", "only-on-failure", "off"),
])
def test_artifact_option_given_explicitly_wins_over_the_suite_default(
    pytester: pytest.Pytester, option: str, suite_default: str, explicit: str
):
    # The value pytest-playwright will read, shown in the header: no test needs to run.
    pytester.makeconftest(f"def pytest_report_header(config):\n    return 'VALUE ' + config.option.{option}\n")
    explicit_run = pytester.runpytest(*OUR_TOOLS_OFF, f"--{option}", explicit)
    explicit_run.stdout.fnmatch_lines([f"VALUE {explicit}"])
    pytester.runpytest(*OUR_TOOLS_OFF).stdout.fnmatch_lines([f"VALUE {suite_default}"])
    pytester.makeini(f"[pytest]\nmock_portal_{option} = on\n")
    pytester.runpytest(*OUR_TOOLS_OFF).stdout.fnmatch_lines(["VALUE on"])


def test_artifact_ini_option_with_an_unknown_value_is_a_usage_error(pytester: pytest.Pytester):
    pytester.makeini("[pytest]\nmock_portal_tracing = sometimes\n")
    result = pytester.runpytest(*OUR_TOOLS_OFF)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*mock_portal_tracing = 'sometimes': use one of on, off, retain-on-failure*"])


def _project_settings() -> str:
    """This repository's [tool.pytest.ini_options], as another project would copy them."""
    table = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]
    table.pop("testpaths", None)
    return "[tool.pytest.ini_options]\n" + "".join(f"{key} = {json.dumps(value)}\n" for key, value in table.items())


def test_last_failed_reruns_only_the_failures_under_the_project_settings(pytester: pytest.Pytester):
    (pytester.path / "pyproject.toml").write_text(_project_settings())
    pytester.makepyfile("def test_passes():\n    pass\n\ndef test_fails():\n    assert False\n")
    # Without pytest-playwright: its soft assertions do not nest in this process, and the cache
    # is all this is about.
    plain = (*OUR_TOOLS_OFF, "-p", "no:playwright")
    pytester.runpytest(*plain).assert_outcomes(passed=1, failed=1)
    rerun = pytester.runpytest(*plain, "--lf")
    rerun.assert_outcomes(failed=1)
    rerun.stdout.fnmatch_lines(["*run-last-failure: rerun previous 1 failure*"])
    pytester.runpytest(*plain, "--ff", "--sw").assert_outcomes(failed=1)
