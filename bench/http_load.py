"""Throughput and latency of one portal page under a loopback load: wrk, or a Python client.

wrk (Debian's package) is preferred: written in C, it leaves the second core to the portal. The
asyncio client is the fallback where wrk cannot be installed; it competes with the portal for
CPU, so its figures are a lower bound.
"""

from __future__ import annotations

import asyncio
import re
import shutil
import subprocess
import time
from dataclasses import dataclass, field

from bench.report import median, percentile
from bench.server import Server

CONNECTIONS = 50
UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


@dataclass
class LoadResult:
    tool: str
    requests: int
    seconds: float
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int
    statuses: dict[int, int] = field(default_factory=dict)
    server_cpu_ms_per_request: float = float("nan")


def wrk_available() -> bool:
    return shutil.which("wrk") is not None


def measure(server: Server, path: str, cookie: str | None, seconds: float) -> LoadResult:
    cpu_before = server.cpu_seconds()
    result = (_wrk if wrk_available() else _python_client)(server.base_url + path, cookie, seconds)
    if result.requests:
        result.server_cpu_ms_per_request = (server.cpu_seconds() - cpu_before) * 1000 / result.requests
    return result


# --- wrk ---------------------------------------------------------------------------------------

def _wrk(url: str, cookie: str | None, seconds: float) -> LoadResult:
    # One wrk thread: the other core is the portal's (uvicorn serves from one thread).
    command = ["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{max(1, round(seconds))}s", "--latency",
               "--timeout", "10s"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True,
                            timeout=seconds + 60).stdout
    return parse_wrk(output)


def parse_wrk(output: str) -> LoadResult:
    def latency(percent: str) -> float:
        match = re.search(rf"^\s*{percent}%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.MULTILINE)
        return float(match.group(1)) * UNITS[match.group(2)] if match else float("nan")

    done = re.search(r"(\d+) requests in ([\d.]+)(us|ms|s|m)", output)
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    errors = (int(non_2xx.group(1)) if non_2xx else 0) + (sum(map(int, sockets.groups())) if sockets else 0)
    requests = int(done.group(1)) if done else 0
    seconds = float(done.group(2)) * UNITS[done.group(3)] / 1000 if done else float("nan")
    return LoadResult("wrk", requests, seconds, float(rps.group(1)) if rps else float("nan"),
                      latency("50"), latency("99"), errors)


# --- the Python fallback -----------------------------------------------------------------------

def _python_client(url: str, cookie: str | None, seconds: float) -> LoadResult:
    return asyncio.run(_python_load(url, cookie, seconds))


async def _python_load(url: str, cookie: str | None, seconds: float) -> LoadResult:
    host_port, _, path = url.removeprefix("http://").partition("/")
    host, _, port = host_port.partition(":")
    request = (f"GET /{path} HTTP/1.1\r\nHost: {host_port}\r\n"
               + (f"Cookie: {cookie}\r\n" if cookie else "") + "\r\n").encode("latin-1")
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    errors = 0
    deadline = time.perf_counter() + seconds

    async def connection() -> None:
        nonlocal errors
        reader, writer = await asyncio.open_connection(host, int(port))
        try:
            while time.perf_counter() < deadline:
                start = time.perf_counter()
                writer.write(request)
                head = await reader.readuntil(b"\r\n\r\n")
                status = int(head.split(b" ", 2)[1])
                length = re.search(rb"(?i)content-length:\s*(\d+)", head)
                await reader.readexactly(int(length.group(1)) if length else 0)
                latencies.append((time.perf_counter() - start) * 1000)
                statuses[status] = statuses.get(status, 0) + 1
                errors += status >= 400
        except (OSError, asyncio.IncompleteReadError, ValueError):
            errors += 1
        finally:
            writer.close()

    started = time.perf_counter()
    await asyncio.gather(*(connection() for _ in range(CONNECTIONS)))
    elapsed = time.perf_counter() - started
    return LoadResult("python-asyncio", len(latencies), elapsed, len(latencies) / elapsed,
                      median(latencies), percentile(latencies, 0.99), errors, statuses)
