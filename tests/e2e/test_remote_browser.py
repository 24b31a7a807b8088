"""The suite drives a browser served by `playwright run-server` when MOCK_PORTAL_BROWSER_WS is set."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from mock_portal_testing import config as suite
from tests.support.paths import ROOT


@pytest.fixture
def server_log(tmp_path: Path) -> Path:
    return tmp_path / "run-server.log"


@pytest.fixture
def playwright_server(server_log: Path) -> Iterator[str]:
    with server_log.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "playwright", "run-server", "--port", "0", "--host", "127.0.0.1",
             "--unsafe"],
            stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "DEBUG": "pw:server"},
            # Its own process group: the Python wrapper starts a node server that must go too.
            start_new_session=True,
        )
    try:
        match = None
        with server_log.open() as reader:
            while match is None:
                line = reader.readline()
                if not line:
                    assert process.poll() is None, server_log.read_text()
                    continue
                match = re.search(r"Listening on (ws://\S+)", line)
        yield match.group(1)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(10)


def test_remote_browser_runs_a_scenario(playwright_server: str, server_log: Path, tmp_path: Path):
    env = {**os.environ, suite.REMOTE_BROWSER_ENV: playwright_server}
    env.pop("PYTEST_XDIST_WORKER", None)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:randomly", "-n", "0", "-q", "--output", str(tmp_path / "out"),
         "tests/e2e/test_connexion.py::test_connexion_full_path_of_the_tutorial",
         "tests/e2e/test_window.py::test_window_browser_clock_matches_the_portal"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 passed" in result.stdout
    # The browser really was the server's: it logged the client that used it.
    assert re.search(r"pw:server \[\d+\] serving connection", server_log.read_text()), server_log.read_text()
