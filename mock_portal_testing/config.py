"""The end-to-end suite's settings, in one place, and how the browser is found.

A project may override any UPPERCASE name below in a ``playwright.config.py`` at its rootdir;
the plugin applies those assignments here before the first fixture runs.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys

from mock_portal_testing import browsers

# Context: what a French job seeker's browser looks like.
LOCALE = "fr-FR"
TIMEZONE = "Europe/Paris"
VIEWPORT = {"width": 1280, "height": 900}

# Every test starts with portal and browser clocks frozen here: inside the June 2019 window
# shown by the tutorial (« Pour la période du 01/06/2019 au 30/06/2019 »).
DEFAULT_INSTANT = "2019-06-28T09:00:00"

# Artifacts kept for a failed test: pytest-playwright's --screenshot, --tracing, --video and
# --output when neither the command line (nor addopts) gives them nor the ini options
# mock_portal_screenshot, mock_portal_tracing, mock_portal_video, mock_portal_output do.
ARTIFACTS = {
    "screenshot": "only-on-failure",
    "tracing": "retain-on-failure",
    "video": "off",
    "output": "test-results",
}

# Whether a kept trace also films the page (Playwright's screencast, ``screenshots=True``). The
# trace keeps its DOM snapshot before and after every action either way, which is what the trace
# viewer shows, and a failure keeps its screenshot; the film made scenarios ~20 % slower
# (README « Performance »).
TRACE_SCREENSHOTS = False

# With --tracing left to the suite: no trace on a test's first attempt, and a failed browser test
# runs once more, traced (mock_portal_testing/rerun.py). A trace's DOM snapshots cost a passing
# test ~100 ms; False traces every attempt (``retain-on-failure``), as pytest-playwright does.
TRACING_ON_RERUN = True

# Chromium only (Chrome and Edge channels included). Without the networking switches Chromium
# keeps calling Google's hosts, which this closed network refuses; --no-sandbox because CI runs
# as root. The frame rate stays at Chromium's 60 Hz: --disable-frame-rate-limit halves what one
# radio check waits for, but every wait that polls on animation frames (expect, navigations)
# then draws as fast as it can, and on 2 cores the suite took 24 % more CPU and 13 % more time.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

# Remote browsers: with this variable set to a Playwright server's address (ws://host:port/,
# from `playwright run-server --unsafe`), the suite connects to it instead of launching Chromium.
# --unsafe lets the client pass the executable and arguments below; the browser host must reach
# the portal's address.
REMOTE_BROWSER_ENV = "MOCK_PORTAL_BROWSER_WS"

# Debian's builds: the old headless shell is 1.5-3x faster for headless runs; the full browser
# is needed to see a window (--headed).
DEBIAN_HEADLESS = "/usr/bin/chromium-headless-shell"
DEBIAN_FULL = "/usr/bin/chromium"
DEBIAN_PACKAGES = ["chromium", "chromium-headless-shell"]
# The approved images of the visual tests are drawn with these: the portal's Arial is Liberation
# Sans to fontconfig, DejaVu the fallback. Chromium's packages depend on neither.
FONT_PACKAGES = {"fonts-liberation": "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
                 "fonts-dejavu-core": "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"}

INSTALL_HELP = (
    "No Chromium found. Install one of:\n"
    "  - Playwright's own:   .venv/bin/python -m playwright install chromium\n"
    "  - Debian's packages:  apt-get install -y chromium chromium-headless-shell\n"
    "or point MOCK_PORTAL_CHROMIUM at a Chromium executable."
)


class BrowserNotFound(RuntimeError):
    pass


def _playwright_managed(headed: bool = False) -> bool:
    # What Playwright launches for Chromium without a channel: the headless shell, or the full
    # browser to show a window.
    return bool(browsers.installed("chromium" if headed else "chromium-headless-shell"))


def find_browser(headed: bool) -> str | None:
    """The Chromium to launch, or None to let Playwright use its own managed browser."""
    override = os.environ.get("MOCK_PORTAL_CHROMIUM")
    if override:
        return override
    if _playwright_managed(headed):
        return None
    candidates = [DEBIAN_FULL] if headed else [DEBIAN_HEADLESS, DEBIAN_FULL]
    for candidate in candidates:
        if os.access(candidate, os.X_OK):
            return candidate
    raise BrowserNotFound(INSTALL_HELP)


def launch_options(headed: bool, browser: str = "chromium", channel: str | None = None) -> dict[str, object]:
    """The suite's launch options: none for Firefox and WebKit (Playwright's own builds); for
    Chromium its switches, and without a channel the executable found (the Debian fallback)."""
    if browser != "chromium":
        return {}
    options: dict[str, object] = {"args": list(CHROMIUM_ARGS)}
    executable = None if channel else find_browser(headed)
    if executable:
        options["executable_path"] = executable
    return options


def connect_options(launch: dict[str, object]) -> dict[str, object] | None:
    """Connection to a remote Playwright server, handing it our launch options.

    The server reads them from a header in Playwright's own camelCase spelling.
    """
    endpoint = os.environ.get(REMOTE_BROWSER_ENV)
    if not endpoint:
        return None
    camel = {re.sub(r"_(\w)", lambda m: m.group(1).upper(), key): value for key, value in launch.items()}
    return {"endpoint": endpoint, "headers": {"x-playwright-launch-options": json.dumps(camel)}}


def context_options(base_url: str) -> dict[str, object]:
    return {"base_url": base_url, "locale": LOCALE, "timezone_id": TIMEZONE, "viewport": VIEWPORT}


def _apt_install(packages: list[str]) -> None:
    if packages and os.geteuid() == 0 and shutil.which("apt-get"):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=False, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", *packages], check=False, env=env)


def ensure_browser() -> int:
    """Find a browser, else try Playwright's download, else Debian's packages (as root); and the fonts."""
    _apt_install([name for name, path in FONT_PACKAGES.items() if not os.path.exists(path)])
    try:
        find_browser(headed=False)
        return 0
    except BrowserNotFound:
        pass
    try:
        subprocess.run([sys.executable, "-m", "playwright", "install", "chromium"],
                       check=True, timeout=300, capture_output=True)
        if _playwright_managed():
            return 0
    except (subprocess.SubprocessError, OSError):
        print("Playwright could not download its Chromium; trying Debian's packages.")
    _apt_install(DEBIAN_PACKAGES)
    try:
        print("Chromium:", find_browser(headed=False) or "Playwright-managed")
        return 0
    except BrowserNotFound as exc:
        print(exc, file=sys.stderr)
        return 1
