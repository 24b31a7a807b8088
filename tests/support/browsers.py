"""Playwright's browser registry, faked for the plugin's option tests."""

from __future__ import annotations

from mock_portal_testing import browsers


def install(name: str) -> None:
    """Mark Playwright's download ``name`` complete in the current registry, as Playwright does."""
    folder = browsers.install_dir(name)
    assert folder is not None, name
    folder.mkdir(parents=True)
    (folder / "INSTALLATION_COMPLETE").touch()
