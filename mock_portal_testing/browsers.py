"""What Playwright has installed (its own browsers and ffmpeg), and what a run is missing.

Playwright keeps each download in ``<registry>/<name>-<revision>/`` with an
``INSTALLATION_COMPLETE`` marker, and its driver ships the revisions it expects in
``browsers.json``. Reading both answers "is Firefox installed?" in a millisecond, without
starting the driver, so that a missing browser is one usage error at startup instead of a
180-second hang or an error per test.
"""

from __future__ import annotations

import json
import os
import sys
from functools import cache
from pathlib import Path

import playwright

DRIVER_PACKAGE = Path(playwright.__file__).parent / "driver" / "package"

# Branded channels are system installs, not downloads: where Playwright looks for them on Linux.
SYSTEM_CHANNELS_LINUX = {
    "chrome": "/opt/google/chrome/chrome",
    "chrome-beta": "/opt/google/chrome-beta/chrome",
    "chrome-dev": "/opt/google/chrome-unstable/chrome",
    "chrome-canary": "/opt/google/chrome-canary/chrome",
    "msedge": "/opt/microsoft/msedge/msedge",
    "msedge-beta": "/opt/microsoft/msedge-beta/msedge",
    "msedge-dev": "/opt/microsoft/msedge-dev/msedge",
}


def registry() -> Path:
    """The folder Playwright downloads into (``PLAYWRIGHT_BROWSERS_PATH`` or its cache folder)."""
    chosen = os.environ.get("PLAYWRIGHT_BROWSERS_PATH")
    if chosen == "0":
        return DRIVER_PACKAGE / ".local-browsers"
    if chosen:
        return Path(chosen)
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "ms-playwright"
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local") / "ms-playwright"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "ms-playwright"


@cache
def _revisions() -> dict[str, str]:
    try:
        entries = json.loads((DRIVER_PACKAGE / "browsers.json").read_text())["browsers"]
    except (OSError, ValueError, KeyError):
        return {}
    return {entry["name"]: entry["revision"] for entry in entries}


def install_dir(name: str) -> Path | None:
    """Where Playwright expects its download ``name`` (``firefox``, ``ffmpeg``...), if it knows it."""
    revision = _revisions().get(name)
    return None if revision is None else registry() / f"{name.replace('-', '_')}-{revision}"


def installed(name: str) -> bool | None:
    """Whether that download is complete; None when this Playwright does not say."""
    folder = install_dir(name)
    return None if folder is None else (folder / "INSTALLATION_COMPLETE").is_file()


def _install(name: str) -> str:
    return f"`{Path(sys.executable).name} -m playwright install {name}`"


def missing_browser(browser: str, channel: str | None) -> str | None:
    """Why ``--browser``/``--browser-channel`` cannot run here, in one line; None when they can
    (or when only Playwright can tell: unknown channels, channels on other systems)."""
    if browser != "chromium":
        if installed(browser) is False:
            return (f"--browser {browser}: Playwright's {browser} is not installed in {registry()}; "
                    f"run {_install(browser)} (only Chromium has a Debian fallback)")
        return None
    if channel == "chromium":
        if installed("chromium") is False:
            return (f"--browser-channel chromium: Playwright's Chromium is not installed in {registry()}; "
                    f"run {_install('chromium')}")
        return None
    path = SYSTEM_CHANNELS_LINUX.get(channel or "")
    if sys.platform == "linux" and path and not os.access(path, os.X_OK):
        return (f"--browser-channel {channel}: not installed ({path} is missing); "
                f"run {_install(channel or '')}")
    return None


def missing_ffmpeg(video: str) -> str | None:
    """Playwright records videos with its own ffmpeg build, never the system's."""
    if installed("ffmpeg") is False:
        return (f"--video {video} needs Playwright's own ffmpeg build, missing from {install_dir('ffmpeg')}; "
                f"run {_install('ffmpeg')}")
    return None
