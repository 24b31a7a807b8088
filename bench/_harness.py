"""The one place the bench imports the e2e harness from.

The harness is moving from ``tests/e2e`` into the installable ``mock_portal_testing`` package:
the new home first, the old one as a fallback, so that the bench works on either side of the move.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent

try:
    from mock_portal_testing.portal import Portal
    from mock_portal_testing.time_travel import TimeTravel, paris
except ImportError:  # before the move
    from tests.e2e.portal import Portal  # type: ignore[no-redef]
    from tests.e2e.time_travel import TimeTravel, paris  # type: ignore[no-redef]


def suite_config() -> ModuleType:
    """Browser launch and context settings, exactly as the suite uses them."""
    try:
        from mock_portal_testing import config

        return config
    except ImportError:  # before the move: the settings were playwright.config.py itself
        spec = importlib.util.spec_from_file_location("suite_config", ROOT / "playwright.config.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module


__all__ = ["ROOT", "Portal", "TimeTravel", "paris", "suite_config"]
