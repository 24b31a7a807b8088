"""Inner pytest sessions run in this process even when their tests run under pytest-playwright."""

from __future__ import annotations

import pytest
from playwright._impl import _assertions

# This repository's own pytest tools (its dev group), which a project that installs
# mock-portal[testing] does not have: off in the runs that stand for such a project, where
# loading them cost each Python ~0.17 s of CPU. Entry points still load everything else.
OUR_TOOLS_OFF = ("-p", "no:randomly", "-p", "no:hypothesispytest", "-p", "no:xdist", "-p", "no:xdist.looponfail",
                 "-p", "no:pytest-split")


def runpytest_here(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    """``pytester.runpytest`` in this process, where a process of its own cost 0.5 s of CPU
    (Python, and every plugin of the venv imported again).

    pytest-playwright opens a scope for soft assertions around each test, kept in one module
    global, and refuses to open one inside another: the inner tests' scopes would nest in this
    test's. This test's scope is set aside during the inner session and put back after it."""
    outer = _assertions._soft_errors
    _assertions._soft_errors = None
    try:
        return pytester.runpytest(*args)
    finally:
        _assertions._soft_errors = outer
