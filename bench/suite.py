"""The e2e suite on 1 xdist worker, and the whole suite as ``make test`` runs it on 2, in file
order (no random order).

Per-scenario durations come from the JUnit file (setup + call + teardown of each test); the
navigation counts and the breakdown of each phase from ``bench.navcount``. Every scenario's
breakdown is written to ``reports/bench/scenarios-n1.tsv``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from bench import cpu
from bench._harness import ROOT
from bench.report import Figure, Report, median, percentile

SECTION = "e2e suite"
JUNIT_DIR = ROOT / "reports" / "bench"


@dataclass
class Scenario:
    name: str
    seconds: float
    outcome: str
    navigations: int | None = None
    properties: dict[str, float] = field(default_factory=dict)


@dataclass
class SuiteRun:
    workers: int
    wall_s: float
    exit_code: int
    scenarios: list[Scenario] = field(default_factory=list)
    cpu_s: float = 0.0  # the machine's busy CPU during the run: its workers, portals, browsers

    def outcomes(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for scenario in self.scenarios:
            counts[scenario.outcome] = counts.get(scenario.outcome, 0) + 1
        return counts


def read_junit(path: Path) -> list[Scenario]:
    scenarios = []
    for case in ET.parse(path).getroot().iter("testcase"):
        outcome = "passed"
        for tag in ("failure", "error", "skipped"):
            if case.find(tag) is not None:
                outcome = {"failure": "failed", "error": "error", "skipped": "skipped"}[tag]
                break
        properties = {}
        for prop in case.iter("property"):
            try:
                properties[prop.get("name", "")] = float(prop.get("value", "0"))
            except ValueError:
                continue
        navigations = properties.get("navigations")
        name = f"{case.get('classname', '')}::{case.get('name', '')}"
        scenarios.append(Scenario(name, float(case.get("time", "0")), outcome,
                                  None if navigations is None else int(navigations), properties))
    return scenarios


def run_suite(workers: int, tests: str = "tests/e2e") -> SuiteRun:
    JUNIT_DIR.mkdir(parents=True, exist_ok=True)
    junit = JUNIT_DIR / f"e2e-n{workers}.xml"
    command = [sys.executable, "-m", "pytest", tests, "-n", str(workers), "-p", "no:randomly",
               "-p", "bench.navcount", f"--junitxml={junit}", "-q", "--no-header", "-rfE"]
    # The workers import the plugin too: the repository must be on their path.
    paths = [str(ROOT), os.environ.get("PYTHONPATH", "")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(path for path in paths if path)}
    log = JUNIT_DIR / f"e2e-n{workers}.log"
    before = cpu.machine_busy_seconds()
    started = time.perf_counter()
    with log.open("w") as out:
        code = subprocess.run(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT).returncode
    wall = time.perf_counter() - started
    after = cpu.machine_busy_seconds()
    cpu_s = after - before if before is not None and after is not None else float("nan")
    tail = log.read_text(errors="replace").strip().splitlines()[-1:] or [""]
    print(f"[bench]   {tests} -n {workers}: {wall:.1f} s, exit {code}: {tail[0]}", flush=True)
    return SuiteRun(workers, wall, code, read_junit(junit) if junit.exists() else [], cpu_s)


# Where a scenario's time goes, in the order the table prints it: (property, label).
BREAKDOWN = [
    ("setup_s", "setup"), ("call_s", "call (test body)"), ("teardown_s", "teardown"),
    ("new_context_s", "  of which: new browser context"),
    ("new_page_s", "  of which: new page"),
    ("browser_clock_s", "  of which: freezing the browser clock"),
    ("api_s", "  of which: testing-API calls"),
    ("trace_start_s", "  of which: starting traces"),
    ("close_context_s", "  of which: closing contexts"),
    ("trace_stop_s", "  of which: stopping traces"),
    ("screenshot_s", "  of which: screenshots"),
    # Every browser call of the three phases, by kind (bench.navcount.CALL_KINDS).
    ("pw_action_s", "browser calls: actions (click, check, fill, press)"),
    ("pw_expect_s", "browser calls: expect assertions"),
    ("pw_navigation_s", "browser calls: goto and reload"),
    ("pw_evaluate_s", "browser calls: evaluate (axe-core, scripts)"),
    ("pw_query_s", "browser calls: queries (text, attributes, counts)"),
    ("pw_screenshot_s", "browser calls: screenshots"),
    ("pw_other_s", "browser calls: other (pages, contexts, traces, cookies)"),
]
# Calls per scenario, averaged; the floor repeats the actions and assertions (bench/floor.py).
CALL_COUNTS = ("api_calls", "pw_action_calls", "pw_expect_calls", "pw_navigation_calls",
               "pw_evaluate_calls", "pw_query_calls")


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else float("nan")


def breakdown(report: Report, scenarios: list[Scenario]) -> None:
    """Mean per scenario of each phase, and the slowest scenarios with theirs (figures + a TSV)."""
    for key, label in BREAKDOWN:
        values = [s.properties.get(key, 0.0) * 1000 for s in scenarios]
        report.add(SECTION, Figure(f"per scenario, -n 1: {label}, mean", round(_mean(values), 1), "ms"))
    for key in CALL_COUNTS:
        calls = _mean([s.properties.get(key, 0.0) for s in scenarios])
        report.details[f"{key}_per_scenario"] = calls
        label = "testing-API calls" if key == "api_calls" else f"browser calls ({key[3:-6]})"
        report.add(SECTION, Figure(f"{label} per scenario: mean", round(calls, 2)))
    columns = ["navigations", *(key for key, _ in BREAKDOWN), *CALL_COUNTS]
    lines = ["\t".join(["scenario", "outcome", "seconds", *columns])]
    for s in sorted(scenarios, key=lambda s: s.seconds, reverse=True):
        lines.append("\t".join([s.name, s.outcome, f"{s.seconds:.3f}",
                                *(f"{s.properties.get(c, 0):g}" for c in columns)]))
    (JUNIT_DIR / "scenarios-n1.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    slowest = ", ".join(f"{s.name.rsplit('::', 1)[-1]} {s.seconds:.2f} s "
                        f"({s.properties.get('setup_s', 0):.2f}/{s.properties.get('call_s', 0):.2f}/"
                        f"{s.properties.get('teardown_s', 0):.2f}, {s.navigations} nav)"
                        for s in sorted(scenarios, key=lambda s: s.seconds, reverse=True)[:3])
    report.add(SECTION, Figure("slowest scenarios (setup/call/teardown s)", "see note",
                               note=f"{slowest}; every scenario in reports/bench/scenarios-n1.tsv"))


def run(report: Report, tests: str | None = None) -> None:
    """``tests``: some scenarios instead of the whole suite, for trying the bench itself."""
    # -n 1: the e2e scenarios alone, for the ratio to the floor; -n 2: what `make test` runs.
    runs = {1: run_suite(1, tests or "tests/e2e"), 2: run_suite(2, tests or "tests")}
    for workers, result in runs.items():
        ran = [s for s in result.scenarios if s.outcome != "skipped" and ".e2e." in f".{s.name}"]
        durations = [s.seconds * 1000 for s in ran]
        outcomes = ", ".join(f"{n} {what}" for what, n in sorted(result.outcomes().items()))
        label = "e2e suite" if workers == 1 else "whole suite (make test)"
        report.add(SECTION, Figure(f"wall time, {label}, -n {workers}", round(result.wall_s, 1), "s",
                                   note=f"pytest exit {result.exit_code}; {outcomes}"))
        report.add(SECTION, Figure(f"CPU, {label}, -n {workers} (machine)", round(result.cpu_s, 1), "s",
                                   note=f"{result.cpu_s / result.wall_s:.2f} cores busy on average"))
        report.add(SECTION, Figure(f"scenarios, -n {workers}", len(ran), target=80 if workers == 2 else None,
                                   better="higher"))
        report.add(SECTION, Figure(f"per scenario, -n {workers}: median", round(median(durations)), "ms"))
        report.add(SECTION, Figure(f"per scenario, -n {workers}: p95", round(percentile(durations, 0.95)),
                                   "ms"))
        if durations:
            report.details[f"scenario_mean_ms_n{workers}"] = sum(durations) / len(durations)
            report.details[f"scenarios_n{workers}"] = len(durations)
        report.details[f"suite_n{workers}"] = {
            "wall_s": result.wall_s, "exit_code": result.exit_code, "cpu_s": result.cpu_s,
            "slowest": sorted(((s.seconds, s.name) for s in ran), reverse=True)[:10],
        }
    ran_n1 = [s for s in runs[1].scenarios if s.outcome != "skipped"]
    breakdown(report, ran_n1)
    counted = [s.navigations for s in ran_n1 if s.navigations is not None]
    if counted:
        average = sum(counted) / len(counted)
        report.details["navigations_per_scenario"] = average
        report.add(SECTION, Figure("portal navigations per scenario: mean", round(average, 2),
                                   note=f"max {max(counted)}, total {sum(counted)} (main-frame page loads)"))
