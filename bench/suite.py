"""The whole e2e suite, timed with 1 and with 2 xdist workers, in file order (no random order).

Per-scenario durations come from the JUnit file (setup + call + teardown of each test), the
navigation counts from ``bench.navcount``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

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


@dataclass
class SuiteRun:
    workers: int
    wall_s: float
    exit_code: int
    scenarios: list[Scenario] = field(default_factory=list)

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
        navigations = None
        for prop in case.iter("property"):
            if prop.get("name") == "navigations":
                navigations = int(prop.get("value", "0"))
        name = f"{case.get('classname', '')}::{case.get('name', '')}"
        scenarios.append(Scenario(name, float(case.get("time", "0")), outcome, navigations))
    return scenarios


def run_suite(workers: int) -> SuiteRun:
    JUNIT_DIR.mkdir(parents=True, exist_ok=True)
    junit = JUNIT_DIR / f"e2e-n{workers}.xml"
    command = [sys.executable, "-m", "pytest", "tests/e2e", "-n", str(workers), "-p", "no:randomly",
               "-p", "bench.navcount", f"--junitxml={junit}", "-q", "--no-header", "-rfE"]
    # The workers import the plugin too: the repository must be on their path.
    paths = [str(ROOT), os.environ.get("PYTHONPATH", "")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(path for path in paths if path)}
    log = JUNIT_DIR / f"e2e-n{workers}.log"
    started = time.perf_counter()
    with log.open("w") as out:
        code = subprocess.run(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT).returncode
    wall = time.perf_counter() - started
    tail = log.read_text(errors="replace").strip().splitlines()[-1:] or [""]
    print(f"[bench]   -n {workers}: {wall:.1f} s, exit {code}: {tail[0]}", flush=True)
    return SuiteRun(workers, wall, code, read_junit(junit) if junit.exists() else [])


def run(report: Report) -> None:
    runs = {workers: run_suite(workers) for workers in (1, 2)}
    for workers, result in runs.items():
        ran = [s for s in result.scenarios if s.outcome != "skipped"]
        durations = [s.seconds * 1000 for s in ran]
        outcomes = ", ".join(f"{n} {what}" for what, n in sorted(result.outcomes().items()))
        report.add(SECTION, Figure(f"wall time, -n {workers}", round(result.wall_s, 1), "s",
                                   target=45.0 if workers == 2 else None,
                                   note=f"pytest exit {result.exit_code}; {outcomes}"))
        report.add(SECTION, Figure(f"scenarios, -n {workers}", len(ran), target=80 if workers == 2 else None,
                                   better="higher"))
        report.add(SECTION, Figure(f"per scenario, -n {workers}: median", round(median(durations)), "ms"))
        report.add(SECTION, Figure(f"per scenario, -n {workers}: p95", round(percentile(durations, 0.95)),
                                   "ms"))
        if durations:
            report.details[f"scenario_mean_ms_n{workers}"] = sum(durations) / len(durations)
        report.details[f"suite_n{workers}"] = {
            "wall_s": result.wall_s, "exit_code": result.exit_code,
            "slowest": sorted(((s.seconds, s.name) for s in ran), reverse=True)[:10],
        }
    counted = [s.navigations for s in runs[1].scenarios
               if s.navigations is not None and s.outcome != "skipped"]
    if counted:
        average = sum(counted) / len(counted)
        report.details["navigations_per_scenario"] = average
        report.add(SECTION, Figure("portal navigations per scenario: mean", round(average, 2),
                                   note=f"max {max(counted)}, total {sum(counted)} (main-frame page loads)"))
