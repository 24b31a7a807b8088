"""Shared by every test: the suite settings from playwright.config.py."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytest_plugins = ["tests.fidelity"]


def _load_suite_config() -> ModuleType:
    spec = importlib.util.spec_from_file_location("suite_config", ROOT / "playwright.config.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SUITE = _load_suite_config()


def pytest_configure(config: pytest.Config) -> None:
    # pytest-playwright reads its artifact options from the command line; fill in the suite's
    # policy where the command line said nothing.
    defaults = {"screenshot": "off", "tracing": "off", "output": "test-results"}
    for name, value in SUITE.ARTIFACTS.items():
        if getattr(config.option, name, None) == defaults[name]:
            setattr(config.option, name, value)
