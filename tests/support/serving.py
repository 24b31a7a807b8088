"""A ``mock-portal serve`` started by a test: wait until it listens, then keep its pipe drained."""

from __future__ import annotations

import collections
import subprocess
import threading

import pytest

READY = "Uvicorn running on"


def wait_until_listening(process: subprocess.Popen[str]) -> list[str]:
    """The lines the server printed up to its readiness line (the test fails if it stops first).

    What it prints afterwards (an access-log line per request) is read on a thread and only the
    last lines are kept: left in the pipe, 64 KB of it would block the server mid-test.
    """
    assert process.stdout is not None
    seen: list[str] = []
    for line in process.stdout:
        seen.append(line)
        if READY in line:
            break
    else:
        pytest.fail("the server stopped before listening:\n" + "".join(seen[-20:]))
    tail: collections.deque[str] = collections.deque(maxlen=50)
    threading.Thread(target=tail.extend, args=(process.stdout,), daemon=True).start()
    return seen
