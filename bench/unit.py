"""The tests that need no browser (unit, fuzzing, plugin, packaging), on one worker: their CPU.

CPU, not wall time: it is what they take from the browser scenarios on a shared 2-core runner.
Counted with ``getrusage(RUSAGE_CHILDREN)``, so the processes the tests start (pytester runs,
document-check workers, portals) are included.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time

from bench._harness import ROOT
from bench.report import Figure, Report

SECTION = "tests without a browser (-n 0)"
TARGET_CPU_S = 30.0
COMMAND = [sys.executable, "-m", "pytest", "tests", "--ignore=tests/e2e", "-n", "0", "-p", "no:randomly",
           "-q", "--no-header", "-rfE"]


def run(report: Report) -> None:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    log = ROOT / "reports" / "bench" / "unit.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    paths = [str(ROOT), os.environ.get("PYTHONPATH", "")]
    # Bytecode caches allowed, as `make test` allows them (Makefile): with PYTHONDONTWRITEBYTECODE
    # set, as some images set it, and a tree without caches, each Python these tests start
    # (portals, pytest runs, workers) compiled the portal again: 39-42 s of CPU instead of 34.
    # `make bench` unexports it already; `python -m bench.run` by hand now measures the same.
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = os.pathsep.join(path for path in paths if path)
    with log.open("w") as out:
        code = subprocess.run(COMMAND, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT).returncode
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    tail = log.read_text(errors="replace").strip().splitlines()[-1:] or [""]
    print(f"[bench]   unit tests: {cpu:.1f} s CPU, {wall:.1f} s wall, exit {code}: {tail[0]}", flush=True)
    # 0: passed, 1: some failed; anything else (interrupted, usage error) measured a partial run.
    complete = code in (0, 1)
    if complete:
        report.details["unit_cpu_s"] = cpu
    report.add(SECTION, Figure("unit tests: CPU (s)", round(cpu, 1) if complete else None, "s",
                               target=TARGET_CPU_S,
                               note=f"{tail[0]}; exit {code}; wall {wall:.1f} s; reports/bench/unit.log"))
