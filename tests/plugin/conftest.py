"""Runs of pytest on small test files, with a Playwright registry the test controls."""

from __future__ import annotations

from pathlib import Path

# Imported before pytester snapshots sys.modules (and drops what a test imported): httpx2 maps
# httpcore2's exceptions by class once, and a re-imported httpcore2 brings classes it does not know.
import httpcore2  # noqa: F401

# The same, for time: Hypothesis's pytest plugin imports hypothesis at the end of every inner
# session (its terminal summary), and assertion rewriting of its 77 modules cost ~0.25 s of CPU
# each time when no test of this process had imported it before.
import hypothesis.internal.observability  # noqa: F401
import pytest


@pytest.fixture
def registry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty Playwright registry: nothing of Playwright's is installed until install() says so."""
    folder = tmp_path / "ms-playwright"
    folder.mkdir()
    monkeypatch.setenv("PLAYWRIGHT_BROWSERS_PATH", str(folder))
    monkeypatch.delenv("MOCK_PORTAL_CHROMIUM", raising=False)
    monkeypatch.delenv("MOCK_PORTAL_BROWSER_WS", raising=False)
    return folder
