"""Shared by every test. The portal fixtures come from the mock_portal_testing plugin."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# pytester: tests/plugin/ runs pytest on small test files to check the plugin's options.
pytest_plugins = ["pytester"]
