"""The bare-browser floor: what a scenario would cost if the portal and the test did nothing.

One browser (as one xdist worker has), and per "scenario" a new context and page, then as many
form navigations as an average e2e scenario makes (POST, 303, GET of a tiny page, the shape of
every portal form), then the context closed. The trivial site is served by a separate process,
so that it does not share the GIL with Playwright's client.

A second series adds what an average scenario does between its navigations, on the same tiny
page: as many actions (checking a radio button) and as many assertions and queries (``expect``)
as the suite's mean, so that the bench can say how much of a scenario is the browser's own cost
of its steps. Script evaluations (axe-core) are left out: they are what those tests check.

``python -m bench.floor serve`` is that trivial site: it prints its port, then serves.
"""

from __future__ import annotations

import math
import subprocess
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING

from bench import cpu
from bench._harness import ROOT, suite_config
from bench.report import Figure, Report, median, percentile

if TYPE_CHECKING:
    from playwright.sync_api import Browser

SECTION = "bare-browser floor (same run)"
PAGE = (b"<!doctype html><html lang=fr><head><meta charset=utf-8><title>Etape</title></head><body>"
        b"<form method=post action=/suivant><input type=hidden name=csrf_token value=x>"
        b"<fieldset><legend>Question</legend><label><input type=radio name=q value=oui>Oui</label>"
        b"<label><input type=radio name=q value=non>Non</label></fieldset>"
        b"<button type=submit>Poursuivre</button></form></body></html>")
PROBES = 40


class _Trivial(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, like uvicorn
    # Like asyncio's sockets (uvicorn's): the headers and the body go in two writes, and with
    # Nagle's algorithm the body waited for the browser's delayed ACK, ~30 ms a response; the
    # trivial site then answered more slowly than the portal and flattered every ratio to it.
    disable_nagle_algorithm = True

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(PAGE)))
        self.end_headers()
        self.wfile.write(PAGE)

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.send_response(303)
        self.send_header("Location", "/")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


def _serve() -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Trivial)
    print(server.server_address[1], flush=True)
    server.serve_forever()


def _one_probe(browser: Browser, options: dict[str, object], navigations: int, actions: int = 0,
               assertions: int = 0) -> float:
    from playwright.sync_api import expect

    started = time.perf_counter()
    context = browser.new_context(**options)  # type: ignore[arg-type]
    page = context.new_page()
    page.goto("/")
    for index in range(actions):
        page.get_by_label("Oui" if index % 2 else "Non").check()
    for _ in range(assertions):
        expect(page.get_by_role("button", name="Poursuivre")).to_be_visible()
    for _ in range(navigations - 1):
        with page.expect_navigation():
            page.get_by_role("button", name="Poursuivre").click()
    context.close()
    return (time.perf_counter() - started) * 1000


def _spread(mean: float) -> list[int]:
    """Whole counts, one per probe, whose mean is ``mean``: its floor and ceiling mixed."""
    low = math.floor(mean)
    high = round((mean - low) * PROBES)
    return [low + (index < high) for index in range(PROBES)]


def run(report: Report, navigations: float | None) -> None:
    """``navigations``: the e2e suite's average per scenario (from the same bench run)."""
    from playwright.sync_api import sync_playwright

    if navigations is None:
        navigations = 4.0
        report.add(SECTION, Figure("navigations per probe (suite not run: assumed)", navigations))
    config = suite_config()
    site = subprocess.Popen([sys.executable, "-m", "bench.floor", "serve"], cwd=ROOT,
                            stdout=subprocess.PIPE, text=True)
    try:
        assert site.stdout is not None
        options = config.context_options(f"http://127.0.0.1:{site.stdout.readline().strip()}")
        # The averages are fractional: mix floor and ceiling so that the probes' mean matches.
        counts = [max(1, count) for count in _spread(navigations)]
        extra = _extra_steps(report)
        actions, assertions = _spread(extra[0]), _spread(extra[1])
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(**config.launch_options(False))
            try:
                _one_probe(browser, options, 2)  # warm-up: first context and page are slower
                cpu_before = cpu.machine_busy_seconds()
                samples = [_one_probe(browser, options, count) for count in counts]
                cpu_after = cpu.machine_busy_seconds()
                stepped = [_one_probe(browser, options, count, acts, checks)
                           for count, acts, checks in zip(counts, actions, assertions, strict=True)]
            finally:
                browser.close()
    finally:
        site.terminate()
        site.wait()
    mean = sum(samples) / len(samples)
    report.details["floor_mean_ms"] = mean
    report.details["floor"] = {"navigations": navigations, "counts": counts, "samples_ms": samples}
    report.add(SECTION, Figure("navigations per probe (suite average)", round(navigations, 2)))
    report.add(SECTION, Figure("floor per scenario: mean", round(mean, 1), "ms", note=f"{PROBES} probes"))
    report.add(SECTION, Figure("floor per scenario: median", round(median(samples), 1), "ms"))
    report.add(SECTION, Figure("floor per scenario: p95", round(percentile(samples, 0.95), 1), "ms"))
    scenario_mean = report.details.get("scenario_mean_ms_n1")
    if scenario_mean:
        report.add(SECTION, Figure("scenario mean (-n 1) / floor mean", round(scenario_mean / mean, 2), "×",
                                   target=1.5))
    if cpu_before is not None and cpu_after is not None:
        # This process, the Playwright driver, Chromium and the trivial site (and whatever else
        # runs): what one probe takes from the cores, and how many it keeps busy while it runs.
        spent = cpu_after - cpu_before
        report.details["floor_cpu_ms"] = spent / len(samples) * 1000
        report.add(SECTION, Figure("floor per scenario: CPU (machine), mean",
                                   round(spent / len(samples) * 1000, 1), "ms",
                                   note=f"{spent / (sum(samples) / 1000):.2f} cores busy during the probes"))
    with_steps = sum(stepped) / len(stepped)
    report.details["floor_with_steps_mean_ms"] = with_steps
    report.add(SECTION, Figure("floor with the suite's actions and assertions: mean", round(with_steps, 1),
                               "ms", note=f"+{extra[0]:.1f} actions, +{extra[1]:.1f} expects per probe"))
    # The tests' own steps on a one-form page, no portal, no harness: how far below this the
    # scenario ratio can go without taking steps out of the tests.
    report.add(SECTION, Figure("floor with actions and assertions / floor mean",
                               round(with_steps / mean, 2), "×"))
    if scenario_mean:
        report.add(SECTION, Figure("scenario mean (-n 1) / floor with actions and assertions",
                                   round(scenario_mean / with_steps, 2), "×"))


def _extra_steps(report: Report) -> tuple[float, float]:
    """Actions that do not navigate, and assertions plus queries, per scenario (bench.suite).

    A scenario's navigating actions (a submit) are the floor's own clicks: its navigations
    beyond the ``goto`` calls.
    """
    details = report.details
    navigations = details.get("navigations_per_scenario", 0.0)
    gotos = details.get("pw_navigation_calls_per_scenario", 1.0)
    actions = details.get("pw_action_calls_per_scenario", 0.0) - max(0.0, navigations - gotos)
    assertions = (details.get("pw_expect_calls_per_scenario", 0.0)
                  + details.get("pw_query_calls_per_scenario", 0.0))
    return max(0.0, actions), assertions


if __name__ == "__main__":
    if sys.argv[1:] != ["serve"]:
        sys.exit("usage: python -m bench.floor serve")
    _serve()
