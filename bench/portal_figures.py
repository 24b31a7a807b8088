"""The portal alone, 1 worker: startup to first 200, pages under wrk, resident memory."""

from __future__ import annotations

import tempfile
from pathlib import Path

from bench.http_load import CONNECTIONS, measure
from bench.report import Figure, Report
from bench.server import Server
from tests.support.agent import Agent

SECTION = "portal (1 worker, loopback)"
DEMO = ("67", "1234567A", "Actu2019!")

FORM = "/actualisation/formulaire"
# Issue 14: the blank declaration form, portal CPU per render.
FORM_CPU_TARGET_MS = 0.4

# (label, path, logged in?) — « form page » without a session is the redirect to the connexion.
PAGES = [
    ("login page /connexion/departement, no cookie", "/connexion/departement", False),
    ("login page /connexion/departement, session cookie", "/connexion/departement", True),
    ("form page /actualisation/formulaire, session cookie", "/actualisation/formulaire", True),
    ("form page /actualisation/formulaire, no cookie (303)", "/actualisation/formulaire", False),
]


def logged_in_cookie(base_url: str) -> str:
    """A real login through the three connexion pages; the CSRF cookie goes along, as a browser's."""
    agent = Agent(base_url)
    try:
        landed = agent.login(*DEMO)
        if landed != "/espace-personnel":
            raise RuntimeError(f"login of the demo persona ended on {landed}")
        return "; ".join(f"{name}={value}" for name, value in agent.cookies.items())
    finally:
        agent.close()


def run(report: Report, seconds: float) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-portal-") as tmp:
        folder = Path(tmp)
        cold = Server(folder / "portal.sqlite3", folder / "portal.log")
        report.add(SECTION, Figure("serve → first 200, new database (seeds personas)",
                                   round(cold.startup_s, 3), "s", target=1.0))
        cold.stop()
        server = Server(folder / "portal.sqlite3", folder / "portal.log")
        report.add(SECTION, Figure("serve → first 200, existing database", round(server.startup_s, 3), "s",
                                   target=1.0))
        report.add(SECTION, Figure("resident memory (VmRSS) at start", round(server.rss_mb(), 1), "MB"))
        try:
            cookie = logged_in_cookie(server.base_url)
            details = {}
            for label, path, with_session in PAGES:
                measure(server, path, cookie if with_session else None, 1)  # warm-up
                result = measure(server, path, cookie if with_session else None, seconds)
                details[label] = vars(result)
                note = (f"{result.tool}, {CONNECTIONS} connections, {result.requests} requests, "
                        f"{result.errors} errors, "
                        f"portal CPU {result.server_cpu_ms_per_request:.2f} ms/request")
                report.add(SECTION, Figure(f"{label}: throughput", round(result.rps), "req/s",
                                           target=3000, better="higher", note=note))
                report.add(SECTION, Figure(f"{label}: p50", round(result.p50_ms, 2), "ms"))
                report.add(SECTION, Figure(f"{label}: p99", round(result.p99_ms, 2), "ms", target=20))
                if path == FORM and with_session:
                    report.add(SECTION, Figure("form page: CPU per request (ms)",
                                               round(result.server_cpu_ms_per_request, 3), "ms",
                                               target=FORM_CPU_TARGET_MS, note=f"portal CPU, {result.tool}"))
            report.details["portal_load"] = details
            report.add(SECTION, Figure("resident memory (VmRSS) after the load", round(server.rss_mb(), 1),
                                       "MB", target=80, note=f"peak (VmHWM) {server.peak_rss_mb():.1f} MB"))
        finally:
            server.stop()
