"""Checking a sent file in a child process, with bounds on time, memory and inflated bytes.

A 68 Ko PDF can inflate to 70 MB and keep pypdf busy for seconds; parsed on the event loop it
froze every visitor. Here the parsing runs in a ``python -m mock_portal.document_check`` worker
that reads length-prefixed files on stdin and answers one line of JSON for each. The exchange
runs in a thread (never on the event loop) with a deadline; a worker that overruns it is killed
and the file refused with a French message, one that dies or answers garbage is dropped too.

A worker is reused for up to ``CHECKS_PER_WORKER`` files, then replaced: starting Python and
pypdf costs ~0.1 s, more than checking a page. Its bounds hold per file: the CPU limit is
re-armed before each one, the address space is capped for its whole life, and a file that made
it fail in any way ends it.
"""

from __future__ import annotations

import asyncio
import atexit
import dataclasses
import json
import logging
import os
import selectors
import subprocess
import sys
import threading
import time
import weakref
from typing import Any

import anyio
import anyio.to_thread

from mock_portal import documents
from mock_portal.documents import DocumentError, Inspected

# A genuine 5 Mo PDF is counted in well under a second, even on a loaded machine.
TIME_LIMIT = 10.0
# Checks at once per portal process; more visitors wait their turn, at most this long.
CONCURRENT = 2
WAIT_LIMIT = 30.0
# Files one worker checks before it is replaced: bounds what a long life could accumulate.
CHECKS_PER_WORKER = 200
# The child's address space: pypdf plus a 5 Mo file and 16 MB inflated streams fit easily.
MEMORY_LIMIT = 1024 * 1024 * 1024
# Bytes one PDF stream may inflate to (pypdf's defaults are 75 MB), and its settings that say so.
INFLATED_LIMIT = 16 * 1024 * 1024
INFLATED_SETTINGS = (
    "zlib_maximum_output_length", "lzw_maximum_output_length", "run_length_maximum_output_length",
    "brotli_maximum_output_length", "jbig2_maximum_output_length",
    "array_based_stream_maximum_output_length", "image_maximum_buffer_size",
    "stream_decoding_work_maximum_length",
)
# The length prefix of each file sent to a worker.
HEADER_BYTES = 8

COMMAND: tuple[str, ...] = (sys.executable, "-m", "mock_portal.document_check")

UNAVAILABLE = (
    "Votre fichier n'a pas pu être vérifié pour le moment. Réessayez dans quelques minutes."
)

log = logging.getLogger("mock_portal")

# One semaphore per event loop: an asyncio primitive belongs to the loop that first waits on it
# (the test client runs a loop per request).
_slots: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, anyio.Semaphore] = weakref.WeakKeyDictionary()


def _monotonic() -> float:
    """Real elapsed time: the portal's freezegun fakes time.monotonic, not clock_gettime."""
    if hasattr(time, "clock_gettime"):
        return time.clock_gettime(time.CLOCK_MONOTONIC)
    return time.monotonic()  # Windows, where the portal does not freeze time in-process


class _Overran(Exception):
    """The worker did not answer within the time limit: it has been killed."""


class _Died(Exception):
    """The worker ended or answered something that is not one line of JSON."""


class _Worker:
    """One child process and the blocking exchange with it (called from a thread)."""

    def __init__(self, command: tuple[str, ...]) -> None:
        self.command = command
        self.checks = 0
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE)
        self.stderr = b""

    def check(self, data: bytes, deadline: float) -> dict[str, Any]:
        self.checks += 1
        answer = self._exchange(len(data).to_bytes(HEADER_BYTES, "big") + data, deadline)
        try:
            parsed = json.loads(answer)
            if not isinstance(parsed, dict):
                raise ValueError(parsed)
            return parsed
        except ValueError:
            raise _Died from None

    def _exchange(self, message: bytes, deadline: float) -> bytes:
        """Write ``message``, read one line back, both within the deadline (a child that reads
        nothing must not block the write either)."""
        process = self.process
        assert process.stdin and process.stdout and process.stderr
        out = bytearray()
        view = memoryview(message)
        with selectors.DefaultSelector() as selector:
            streams = ((process.stdin, selectors.EVENT_WRITE), (process.stdout, selectors.EVENT_READ),
                       (process.stderr, selectors.EVENT_READ))
            for stream, events in streams:
                os.set_blocking(stream.fileno(), False)
                selector.register(stream, events)
            while True:
                remaining = deadline - _monotonic()
                if remaining <= 0:
                    self.kill()
                    raise _Overran
                for key, _ in selector.select(remaining):
                    if key.fileobj is process.stdin:
                        try:
                            written = os.write(process.stdin.fileno(), view)
                        except BrokenPipeError:
                            selector.unregister(process.stdin)
                            continue
                        view = view[written:]
                        if not view:
                            selector.unregister(process.stdin)
                        continue
                    chunk = os.read(key.fileobj.fileno(), 65536)  # type: ignore[union-attr]
                    if key.fileobj is process.stderr:
                        self.stderr = (self.stderr + chunk)[-500:]
                        if not chunk:
                            selector.unregister(process.stderr)
                        continue
                    if not chunk:
                        raise _Died
                    out += chunk
                    if b"\n" in out:
                        line, _, rest = bytes(out).partition(b"\n")
                        if rest or view:  # more than asked for: not our protocol
                            raise _Died
                        return line

    def kill(self) -> None:
        self.process.kill()
        self.close()

    def close(self) -> None:
        """End the worker (its stdin closed, it leaves its loop) and reap it."""
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()
        try:
            self.process.wait(1.0)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


_idle: list[_Worker] = []
_idle_lock = threading.Lock()


def _take() -> _Worker:
    """An idle worker started with the current COMMAND, else a new one (OSError if it cannot start)."""
    while True:
        with _idle_lock:
            worker = _idle.pop() if _idle else None
        if worker is None:
            return _Worker(COMMAND)
        if worker.command == COMMAND and worker.process.poll() is None:
            return worker
        worker.close()


def _give_back(worker: _Worker) -> None:
    if worker.checks < CHECKS_PER_WORKER:
        with _idle_lock:
            if len(_idle) < CONCURRENT:
                _idle.append(worker)
                return
    worker.close()


@atexit.register
def _close_idle() -> None:
    with _idle_lock:
        workers, _idle[:] = list(_idle), []
    for worker in workers:
        worker.close()


async def inspect(data: bytes) -> Inspected:
    """documents.inspect, off the event loop and bounded; raises DocumentError."""
    found = documents.file_type(data)  # empty, too large or not a document: no process needed
    slots = _slots.setdefault(asyncio.get_running_loop(), anyio.Semaphore(CONCURRENT))
    acquired = False
    with anyio.move_on_after(WAIT_LIMIT):
        await slots.acquire()
        acquired = True
    if not acquired:
        log.warning("document check: no free slot within %s s", WAIT_LIMIT)
        raise DocumentError(UNAVAILABLE)
    try:
        # The thread itself is bounded by TIME_LIMIT: a cancelled request waits at most that.
        answer = await anyio.to_thread.run_sync(_check, data, found)
    finally:
        slots.release()
    if "error" in answer:
        raise DocumentError(answer["error"])
    return Inspected(**answer)


def _check(data: bytes, found: str) -> dict[str, Any]:
    """One file through a worker, in a thread; the answer, or DocumentError."""
    deadline = _monotonic() + TIME_LIMIT
    try:
        worker = _take()
    except OSError:
        log.exception("document check: the checking process could not start")
        raise DocumentError(UNAVAILABLE) from None
    try:
        answer = worker.check(data, deadline)
    except _Overran:
        log.warning("document check: %s killed after %s s", found, TIME_LIMIT)
        raise DocumentError(documents.too_complex(found)) from None
    except _Died:
        # Killed by its own CPU or memory limit, most likely.
        worker.kill()
        log.warning("document check: %s ended the worker (%s): %s", found, worker.process.returncode,
                    worker.stderr.decode(errors="replace"))
        raise DocumentError(documents.too_complex(found)) from None
    except BaseException:
        worker.kill()
        raise
    _give_back(worker)
    return answer


def _limit_resources() -> None:
    """The address-space bound, for the worker's whole life."""
    try:
        import resource
    except ImportError:  # not on Windows
        return
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _arm_cpu_limit() -> None:
    """CPU time is counted over the worker's life: allow this file TIME_LIMIT + 2 s more, so that
    the kernel ends a runaway check should the parent not be there to kill it."""
    try:
        import resource
    except ImportError:
        return
    used = resource.getrusage(resource.RUSAGE_SELF)
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    soft = int(used.ru_utime + used.ru_stime) + int(TIME_LIMIT) + 2
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))


def _limit_pdf_inflation() -> None:
    try:
        from pypdf import Configuration, overwrite_configuration
    except ImportError:  # pypdf < 7: the time and memory bounds still apply
        return
    known = {field.name for field in dataclasses.fields(Configuration)}
    limits: dict[str, Any] = {name: INFLATED_LIMIT for name in INFLATED_SETTINGS if name in known}
    limits["maximum_declared_stream_length"] = documents.MAX_SIZE
    overwrite_configuration(**limits)


def _answer(data: bytes) -> dict[str, Any]:
    try:
        return dataclasses.asdict(documents.inspect(data))
    except DocumentError as exc:
        return {"error": str(exc)}


def main() -> None:
    """Files until stdin closes: an 8-byte big-endian length, the bytes; one JSON line each."""
    _limit_resources()
    _limit_pdf_inflation()  # imports pypdf once, for every file this worker checks
    stdin, stdout = sys.stdin.buffer, sys.stdout
    while True:
        header = stdin.read(HEADER_BYTES)
        if len(header) < HEADER_BYTES:
            return
        size = int.from_bytes(header, "big")
        if size > documents.MAX_SIZE + 1:
            return  # not the portal talking: stop rather than read without bound
        data = stdin.read(size)
        _arm_cpu_limit()
        stdout.write(json.dumps(_answer(data)) + "\n")
        stdout.flush()


if __name__ == "__main__":
    main()
