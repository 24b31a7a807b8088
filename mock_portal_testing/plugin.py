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
from mock_portal_testing import options, rerun

# A test requesting any of these (directly or through another fixture) needs the testing API.
NEEDS_TESTING_API = frozenset(
    {"fresh_portal", "time_travel", "login_as", "logged_in", "outbox", "personas", "demo", "identities"}
)

# Loaded with the entry point, so that their options exist when the command line is parsed.
pytest_plugins = ["mock_portal_testing.visitor", "mock_portal_testing.fidelity",
                  "mock_portal_testing.visual", "mock_portal_testing.page_fixtures"]


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


def pytest_addoption(parser: pytest.Parser) -> None:
    for name, default in suite.ARTIFACTS.items():
        parser.addini(
            options.ini_name(name),
            f"--{name} when the command line gives none (default: {default})",
        )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "needs_testing_api: needs the portal's /_testing API (clock, reset, outbox, personas); "
        "skipped against a portal without it. Set by the fixtures that use the API.",
    )
    _apply_project_overrides(Path(config.rootpath))
    options.apply_artifact_defaults(config)
    rerun.configure(config)
    if not config.option.help:
        options.check_browsers(config)
        options.check_deployed_portal(config)
    from mock_portal_testing import fixtures

    if not config.pluginmanager.is_registered(fixtures):
        config.pluginmanager.register(fixtures, "mock_portal_testing.fixtures")


def pytest_report_header(config: pytest.Config) -> str | None:
    reason = options.no_testing_api_reason(config)
    return f"mock-portal: {reason}" if reason else None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    rerun.mark(config, items)
    reason = options.no_testing_api_reason(config)
    for item in items:
        if NEEDS_TESTING_API.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.needs_testing_api)
        if reason and item.get_closest_marker("needs_testing_api"):
            item.add_marker(pytest.mark.skip(reason=reason))
