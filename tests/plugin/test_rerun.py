"""Traces on a second attempt only (mock_portal_testing/rerun.py), and only when nobody chose."""

from __future__ import annotations

import pytest

from tests.support.inner_session import OUR_TOOLS_OFF, runpytest_here

# The decision, shown in the header: no browser needed to read it.
HEADER = ("from mock_portal_testing import rerun\n"
          "def pytest_report_header(config):\n"
          "    return f'RERUN {config.stash.get(rerun.ACTIVE, None)} {config.option.fail_on_flaky}'\n")
# A stand-in for the browser page: the marker goes on tests that use one.
FAKE_PAGE = "import pytest\n\n@pytest.fixture\ndef page():\n    return object()\n"


def test_rerun_is_the_default_and_a_test_that_passes_only_when_run_again_fails_the_run(pytester: pytest.Pytester):
    pytester.makeconftest(HEADER + FAKE_PAGE)
    pytester.makepyfile(
        "def test_flaky(page, request):\n    assert request.node.execution_count > 1\n\n"
        "def test_without_a_browser_is_not_run_again(request):\n    assert False\n"
    )
    result = runpytest_here(pytester, *OUR_TOOLS_OFF)
    result.stdout.fnmatch_lines(["RERUN True True"])
    assert result.parseoutcomes() == {"passed": 1, "failed": 1, "rerun": 1}


# Without xdist, and with it as `make test` runs (-n): its controller has no test items, from
# which pytest-rerunfailures' --fail-on-flaky decides, so the policy counts the attempts itself.
WITH_XDIST = ("-p", "no:randomly", "-p", "no:hypothesispytest", "-p", "no:pytest-split", "-n", "1")
ONE_PROCESS = OUR_TOOLS_OFF


@pytest.mark.parametrize("args", [ONE_PROCESS, WITH_XDIST], ids=["one-process", "xdist"])
def test_rerun_flaky_alone_exits_7(pytester: pytest.Pytester, args: tuple[str, ...]):
    pytester.makeconftest(FAKE_PAGE)
    pytester.makepyfile("def test_flaky(page, request):\n    assert request.node.execution_count > 1\n")
    result = runpytest_here(pytester, *args)
    assert result.parseoutcomes() == {"passed": 1, "rerun": 1}
    assert result.ret == 7
    # The first attempt's error, which no other report keeps once the second attempt passes.
    result.stdout.fnmatch_lines(["RERUN test_rerun_flaky_alone_exits_7.py::test_flaky*",
                                 "*assert request.node.execution_count > 1*"])


def test_rerun_failing_twice_keeps_exit_1_under_xdist(pytester: pytest.Pytester):
    pytester.makeconftest(FAKE_PAGE)
    pytester.makepyfile("def test_broken(page):\n    assert False\n")
    result = runpytest_here(pytester, *WITH_XDIST)
    assert result.parseoutcomes() == {"failed": 1, "rerun": 1}
    assert result.ret == 1


@pytest.mark.parametrize("args", [
    ("--tracing", "retain-on-failure"), ("--tracing", "off"), ("--reruns", "2"), ("--pdb",),
    ("-p", "no:rerunfailures"),
], ids=["tracing-retain", "tracing-off", "reruns", "pdb", "no-rerunfailures"])
def test_rerun_policy_is_off_when_the_user_decides(pytester: pytest.Pytester, args: tuple[str, ...]):
    pytester.makeconftest(HEADER.replace("config.option.fail_on_flaky", 'getattr(config.option, "fail_on_flaky", None)'))
    result = runpytest_here(pytester, *OUR_TOOLS_OFF, "--collect-only", *args)
    result.stdout.fnmatch_lines(["RERUN False *"])


def test_rerun_policy_is_off_with_an_ini_tracing_choice(pytester: pytest.Pytester):
    pytester.makeconftest(HEADER)
    pytester.makeini("[pytest]\nmock_portal_tracing = retain-on-failure\n")
    runpytest_here(pytester, *OUR_TOOLS_OFF, "--collect-only").stdout.fnmatch_lines(["RERUN False False"])
