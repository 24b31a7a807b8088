"""The ``pytest11`` entry point: the plugin when its dependencies are installed, one line otherwise.

``pip install mock-portal`` alone (a sandbox, no browser) must leave every pytest run in that
environment as it was: this module imports nothing but the standard library, and registers the
plugin (``mock_portal_testing.plugin``) only when ``mock-portal[testing]`` brought Playwright.
"""

from __future__ import annotations

import importlib.util

# What the plugin cannot start without: import name -> distribution name.
REQUIRED = {"playwright": "playwright", "pytest_playwright": "pytest-playwright"}
MISSING = [dist for name, dist in REQUIRED.items() if importlib.util.find_spec(name) is None]

if MISSING:
    def pytest_report_header() -> str:
        return (f"mock-portal: plugin off ({' and '.join(MISSING)} not installed); "
                "to use it: pip install 'mock-portal[testing]'")
else:
    # pytest imports the modules named here as plugins of this one.
    pytest_plugins = ["mock_portal_testing.plugin"]
