"""The suite drives a browser served by `playwright run-server` when MOCK_PORTAL_BROWSER_WS is set."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pytest

from mock_portal_testing import config as suite
from tests.support.paths import ROOT


@pytest.fixture
def server_log(tmp_path: Path) -> Path:
    return tmp_path / "run-server.log"


def _copy(lines: IO[str], log: Path) -> None:
    with log.open("a") as out:
        for line in lines:
            out.write(line)
            out.flush()


@pytest.fixture
def playwright_server(server_log: Path) -> Iterator[str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "playwright", "run-server", "--port", "0", "--host", "127.0.0.1", "--unsafe"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env={**os.environ, "DEBUG": "pw:server"},
        # Its own process group: the Python wrapper starts a node server that must go too.
        start_new_session=True,
    )
    assert process.stdout is not None
    try:
        # Blocking reads until the address shows (or the server exits): no polling loop taking a
        # core from the server while it starts. A thread then keeps its log for the assertions.
        match = None
        for line in process.stdout:
            _copy([line], server_log)
            if match := re.search(r"Listening on (ws://\S+)", line):
                break
        assert match is not None, server_log.read_text()
        threading.Thread(target=_copy, args=(process.stdout, server_log), daemon=True).start()
        yield match.group(1)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(10)


def test_remote_browser_runs_a_scenario(playwright_server: str, server_log: Path, tmp_path: Path):
    env = {**os.environ, suite.REMOTE_BROWSER_ENV: playwright_server}
    env.pop("PYTEST_XDIST_WORKER", None)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:randomly", "-n", "0", "-q", "--output", str(tmp_path / "out"),
         # A navigation to the portal and the suite's clock, through the remote browser.
         "tests/e2e/test_window.py::test_window_browser_clock_matches_the_portal"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout
    # The browser really was the server's: it logged the client that used it.
    assert re.search(r"pw:server \[\d+\] serving connection", server_log.read_text()), server_log.read_text()
