"""``make flake``: the full suite N times in random order on 2 workers; failures per test.

    FLAKE_RUNS=20 python -m bench.flake     # default 20 runs; reports/flake.json and a table
    FLAKE_LOAD=2 python -m bench.flake      # the same with 2 busy processes stealing the CPU

Races that never show on an idle machine show on a shared CI runner: FLAKE_LOAD starts that many
processes spinning on the CPU for the whole campaign, so that pages load slowly and the
browser, portal and pytest interleave differently.

Each run gets its own pytest-randomly seed (printed and kept, so that a failing order can be
replayed with ``--randomly-seed=N``) and its own JUnit file and log under
``reports/flake/``. Exit status 1 when any test failed in any run.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import subprocess
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import datetime

from bench._harness import ROOT
from bench.suite import read_junit

OUT = ROOT / "reports" / "flake"
REPORT = ROOT / "reports" / "flake.json"


@dataclass
class Run:
    run: int
    seed: int
    exit_code: int
    wall_s: float
    tests: int
    junit: str
    log: str
    failed: list[str] = field(default_factory=list)


def one_run(index: int, seed: int, workers: int) -> Run:
    junit = OUT / f"run-{index:02d}.xml"
    log = OUT / f"run-{index:02d}.log"
    # pytest-randomly is active by default: the seed alone sets this run's order.
    command = [sys.executable, "-m", "pytest", "-n", str(workers), f"--randomly-seed={seed}",
               f"--junitxml={junit}", "-q", "--no-header", "-rfE"]
    started = time.perf_counter()
    with log.open("w") as out:
        code = subprocess.run(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT).returncode
    wall = time.perf_counter() - started
    scenarios = read_junit(junit) if junit.exists() else []
    failed = sorted(s.name for s in scenarios if s.outcome in ("failed", "error"))
    tail = (log.read_text(errors="replace").strip().splitlines() or [""])[-1]
    print(f"[flake] run {index}: seed {seed}, {wall:.0f} s, exit {code}, {len(failed)} failing: {tail}",
          flush=True)
    return Run(index, seed, code, round(wall, 1), len(scenarios), str(junit.relative_to(ROOT)),
               str(log.relative_to(ROOT)), failed)


def spin() -> None:
    while True:
        pass


def main() -> int:
    runs = int(os.environ.get("FLAKE_RUNS", "20"))
    workers = int(os.environ.get("FLAKE_WORKERS", "2"))
    load = int(os.environ.get("FLAKE_LOAD", "0"))
    OUT.mkdir(parents=True, exist_ok=True)
    started = datetime.now().astimezone()
    seeds = random.Random().sample(range(1, 2**31), runs)
    spinners = [multiprocessing.Process(target=spin, daemon=True) for _ in range(load)]
    for spinner in spinners:
        spinner.start()
    try:
        results = [one_run(index, seed, workers) for index, seed in enumerate(seeds, start=1)]
    finally:
        for spinner in spinners:
            spinner.kill()
    failures: Counter[str] = Counter(name for result in results for name in result.failed)
    # A run that failed without any failing test (collection error, crash) counts too.
    broken = [r.run for r in results if r.exit_code != 0 and not r.failed]
    document = {
        "date": started.isoformat(timespec="seconds"), "cpu_count": os.cpu_count(), "runs": runs,
        "workers": workers, "busy_processes": load,
        "failed_runs": sum(1 for r in results if r.exit_code != 0),
        "failures_per_test": dict(failures.most_common()), "runs_broken_without_a_failing_test": broken,
        "results": [asdict(r) for r in results],
    }
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    tests = max((r.tests for r in results), default=0)
    print(f"\nFlakiness, {started:%Y-%m-%d %H:%M}, {os.cpu_count()} cores: {runs} runs × {tests} tests, "
          f"{workers} workers, random order, {load} busy processes beside")
    if failures:
        print(f"{'failures':>8}  test")
        for name, count in failures.most_common():
            print(f"{count:>4}/{runs:<3}  {name}")
    else:
        print("no test failed in any run")
    if broken:
        print(f"runs that failed with no failing test (see their logs): {broken}")
    print(f"written to {REPORT.relative_to(ROOT)}")
    return 1 if failures or broken else 0


if __name__ == "__main__":
    sys.exit(main())
