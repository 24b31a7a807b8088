"""CPU the whole machine spent, from Linux's ``/proc/stat``: what a run took from the cores.

Not ``getrusage(RUSAGE_CHILDREN)``: it counts a process only once its parent has waited for it,
and Chromium's processes often end without that reaching the test run (measured: it saw half of
a run's CPU). The machine's busy time counts every process, others' too: take it on a quiet
machine, as the whole bench.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def machine_busy_seconds() -> float | None:
    """CPU seconds every core has spent busy since boot (not idle, not waiting on I/O); None
    where /proc/stat is not there."""
    try:
        first = Path("/proc/stat").read_text().splitlines()[0].split()
    except (OSError, IndexError):
        return None
    # cpu user nice system idle iowait irq softirq steal ...
    user, nice, system, _idle, _iowait, irq, softirq = (int(value) for value in first[1:8])
    return (user + nice + system + irq + softirq) / _TICK


def reference_ms(rounds: int = 5) -> float:
    """CPU milliseconds of a fixed pure-Python workload, best of ``rounds``: this host's speed at
    the moment, so that two runs' CPU figures can be compared (the same code has measured 15-25 %
    apart on this shared machine an hour apart)."""
    best = float("inf")
    for _ in range(rounds):
        started = time.process_time()
        total = 0
        for number in range(2_000_000):
            total += number * number % 7
        best = min(best, time.process_time() - started)
    return best * 1000
