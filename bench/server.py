"""A ``mock-portal serve`` process for the bench: started like a person would, then watched.

Not the test harness's inherited socket: the bench measures the real command, including the
time it takes to listen.
"""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from bench._harness import ROOT

# Inside the June 2019 window, clock frozen: the form is open and sessions never idle out.
INSTANT = "2019-06-28T09:00"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    def __init__(self, database: Path, log: Path, personas: Path | None = None,
                 testing: bool = False) -> None:
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        command = [sys.executable, "-m", "mock_portal", "serve", "--port", str(self.port),
                   "--db", str(database), "--now", INSTANT, "--frozen", "--log-level", "warning"]
        if personas is not None:
            command += ["--personas", str(personas)]
        if testing:
            command.append("--testing")
        self.started = time.perf_counter()
        with log.open("ab") as out:
            self.process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT)
        self.log = log
        self.startup_s = self._first_200()

    def _first_200(self, timeout: float = 60.0) -> float:
        """Seconds from the command's start to the first 200 answer (polling every 2 ms)."""
        deadline = self.started + timeout
        while time.perf_counter() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the portal stopped: {self.log.read_text(errors='replace')}")
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
            try:
                conn.request("GET", "/connexion/departement")
                if conn.getresponse().status == 200:
                    return time.perf_counter() - self.started
            except OSError:
                time.sleep(0.002)  # not listening yet
            finally:
                conn.close()
        raise RuntimeError("the portal did not answer within 60 s")

    def cpu_seconds(self) -> float:
        """User + system CPU time of the server process so far."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def rss_mb(self) -> float:
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def peak_rss_mb(self) -> float:
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
