"""What moving time costs: one time-travel call (portal + browser), and freezegun's start.

Run as ``python -m bench.clocks freezegun-probe`` it is the probe process itself: it imports
what ``mock-portal serve`` imports, builds the app, then times freezegun in that state.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from bench._harness import ROOT, Portal, TimeTravel, paris, suite_config
from bench.report import Figure, Report, median, percentile

SECTION = "time travel and freezegun"
INSTANTS = ("2019-06-28T09:00:00", "2019-07-15T23:59:59")


def _timed(call: Callable[[int], object], calls: int) -> list[float]:
    samples = []
    for index in range(calls):
        started = time.perf_counter()
        call(index)
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def time_travel(report: Report, calls: int) -> None:
    from playwright.sync_api import sync_playwright

    config = suite_config()
    with tempfile.TemporaryDirectory(prefix="bench-clock-") as tmp, sync_playwright() as playwright:
        portal = Portal.start(Path(tmp) / "portal.sqlite3", Path(tmp) / "portal.log")
        browser = playwright.chromium.launch(**config.launch_options(False))
        try:
            context = browser.new_context(**config.context_options(portal.base_url))
            page = context.new_page()
            page.goto("/")  # a page open, as in a scenario: the browser clock reaches it
            travel = TimeTravel(portal, context)
            instants = [paris(text) for text in INSTANTS]
            travel.to(instants[0])  # freezegun's start() happens here, once per portal process
            whole = _timed(lambda i: travel.to(instants[i % 2]), calls)
            portal_only = _timed(lambda i: portal.set_clock(instants[i % 2], frozen=True), calls)
            browser_only = _timed(lambda i: context.clock.set_fixed_time(instants[i % 2]), calls)
            context.close()
        finally:
            browser.close()
            portal.stop()
    for label, samples, target in (("time-travel call (portal + browser)", whole, 5.0),
                                   ("  of which portal PUT /_testing/clock", portal_only, None),
                                   ("  of which browser context.clock.set_fixed_time", browser_only, None)):
        report.add(SECTION, Figure(f"{label}: median", round(median(samples), 3), "ms", target=target,
                                   note=f"{calls} calls" if target else ""))
        report.add(SECTION, Figure(f"{label}: p95", round(percentile(samples, 0.95), 3), "ms"))


def freezegun(report: Report) -> None:
    output = subprocess.run([sys.executable, "-m", "bench.clocks", "freezegun-probe"], cwd=ROOT,
                            capture_output=True, text=True, check=True, timeout=300).stdout
    probe = json.loads(output.strip().splitlines()[-1])
    report.details["freezegun"] = probe
    report.add(SECTION, Figure("modules loaded in the portal process", probe["modules"]))
    report.add(SECTION, Figure("freezegun start(), first in the process", probe["first_start_ms"], "ms"))
    restarts = f"p95 {probe['restart_p95_ms']} ms over {probe['restarts']} restarts"
    report.add(SECTION, Figure("freezegun start() again (stop/start): median", probe["restart_median_ms"],
                               "ms", note=restarts))
    report.add(SECTION, Figure("freezegun move_to() (what a clock change costs): median",
                               probe["move_to_median_us"], "µs"))


def run(report: Report, calls: int) -> None:
    freezegun(report)
    time_travel(report, calls)


def _probe() -> None:
    """In a fresh process: the portal's imports and app, then freezegun's costs as JSON."""
    import uvicorn
    from freezegun import freeze_time

    from mock_portal import cli  # noqa: F401  (what `mock-portal serve` imports first)
    from mock_portal.app import create_app
    from mock_portal.settings import Settings

    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(Settings(database=Path(tmp) / "portal.sqlite3", testing=True))
        config = uvicorn.Config(app, lifespan="off", log_level="warning")
        config.load()  # imports the HTTP protocol and event loop implementations serve uses
        modules = len(sys.modules)
        # freezegun replaces time.perf_counter too, in every module: a local reference stays real.
        real = time.perf_counter
        instant = datetime(2019, 6, 28, 7)
        started = real()
        freezer = freeze_time(instant, tick=False, real_asyncio=True)
        factory = freezer.start()
        first = (real() - started) * 1000
        moves = []
        for step in range(2000):
            began = real()
            factory.move_to(instant + timedelta(seconds=step))
            moves.append((real() - began) * 1e6)
        freezer.stop()
        restarts = []
        for _ in range(20):
            began = real()
            freezer = freeze_time(instant, tick=False, real_asyncio=True)
            freezer.start()
            restarts.append((real() - began) * 1000)
            freezer.stop()
        app.state.db.close()
    print(json.dumps({
        "modules": modules, "first_start_ms": round(first, 2),
        "restart_median_ms": round(median(restarts), 2),
        "restart_p95_ms": round(percentile(restarts, 0.95), 2),
        "restarts": len(restarts), "move_to_median_us": round(median(moves), 2),
    }))


if __name__ == "__main__":
    if sys.argv[1:] != ["freezegun-probe"]:
        sys.exit("usage: python -m bench.clocks freezegun-probe")
    _probe()
