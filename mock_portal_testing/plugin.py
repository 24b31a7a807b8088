"""The ``pytest11`` entry point: settings first, then the fixtures, registered last.

The fixtures extend pytest-playwright's own (``browser_type_launch_args``, ``browser_context_args``,
``connect_options``, ``base_url``, ``context``); registering them from ``pytest_configure``, after
every entry-point plugin has loaded, makes ours the ones that win, whatever the load order.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from mock_portal_testing import config as suite

# Loaded with the entry point, so that their options exist when the command line is parsed.
pytest_plugins = ["mock_portal_testing.journeys", "mock_portal_testing.fidelity",
                  "mock_portal_testing.visual"]


def _apply_project_overrides(rootdir: Path) -> None:
    path = rootdir / "playwright.config.py"
    if not path.is_file():
        return
    spec = importlib.util.spec_from_file_location("project_playwright_config", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for name, value in vars(module).items():
        if name.isupper() and hasattr(suite, name):
            setattr(suite, name, value)


def pytest_configure(config: pytest.Config) -> None:
    _apply_project_overrides(Path(config.rootpath))
    # pytest-playwright reads its artifact options from the command line; fill in the suite's
    # policy where the command line said nothing.
    defaults = {"screenshot": "off", "tracing": "off", "output": "test-results"}
    for name, value in suite.ARTIFACTS.items():
        if getattr(config.option, name, None) == defaults[name]:
            setattr(config.option, name, value)
    from mock_portal_testing import fixtures

    if not config.pluginmanager.is_registered(fixtures):
        config.pluginmanager.register(fixtures, "mock_portal_testing.fixtures")
