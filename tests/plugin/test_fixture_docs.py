"""Every fixture the plugin exposes explains itself in `pytest --fixtures`."""

from __future__ import annotations

import pytest

from tests.support.inner_session import OUR_TOOLS_OFF


def test_fixture_docstrings_on_every_plugin_fixture(pytester: pytest.Pytester):
    result = pytester.runpytest("--fixtures", *OUR_TOOLS_OFF)
    lines = result.stdout.lines
    start = next(i for i, line in enumerate(lines) if "fixtures defined from mock_portal_testing" in line)
    ours = lines[start + 1:]
    end = next((i for i, line in enumerate(ours) if line.startswith("---") or line.startswith("===")), len(ours))
    section = ours[:end]
    undocumented = [section[i - 1] for i, line in enumerate(section) if "no docstring available" in line]
    assert len([line for line in section if not line.startswith(" ")]) >= 20, section
    assert undocumented == []
