"""Checking a sent file in a child process, with bounds on time, memory and inflated bytes.

A 68 Ko PDF can inflate to 70 MB and keep pypdf busy for seconds; parsed on the event loop it
froze every visitor. Here the parsing runs in a fresh ``python -m mock_portal.document_check``
that reads the file on stdin and answers one line of JSON: the handler awaits it, the loop keeps
serving, and a check that overruns is killed and refused with a French message. A fresh process
per check (rather than a pool) means nothing a crafted file did survives it; an upload is rare,
so its start (~0.15 s) is paid only there.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
import sys
import weakref
from typing import Any

import anyio

from mock_portal import documents
from mock_portal.documents import DocumentError, Inspected

# A genuine 5 Mo PDF is counted in well under a second, even on a loaded machine.
TIME_LIMIT = 10.0
# Checks at once per portal process; more visitors wait their turn, at most this long.
CONCURRENT = 2
WAIT_LIMIT = 30.0
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

COMMAND: tuple[str, ...] = (sys.executable, "-m", "mock_portal.document_check")

UNAVAILABLE = (
    "Votre fichier n'a pas pu être vérifié pour le moment. Réessayez dans quelques minutes."
)

log = logging.getLogger("mock_portal")

# One semaphore per event loop: an asyncio primitive belongs to the loop that first waits on it
# (the test client runs a loop per request).
_slots: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, anyio.Semaphore] = weakref.WeakKeyDictionary()


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
        return await _run(data, found)
    finally:
        slots.release()


async def _run(data: bytes, found: str) -> Inspected:
    try:
        with anyio.fail_after(TIME_LIMIT):
            # Cancelled by the time limit, run_process kills the child before returning.
            done = await anyio.run_process(COMMAND, input=data, check=False)
    except TimeoutError:
        log.warning("document check: %s killed after %s s", found, TIME_LIMIT)
        raise DocumentError(documents.too_complex(found)) from None
    except OSError:
        log.exception("document check: the checking process could not start")
        raise DocumentError(UNAVAILABLE) from None
    try:
        answer = json.loads(done.stdout)
    except ValueError:
        # Killed by its own CPU or memory limit, most likely.
        log.warning("document check: %s ended with %s: %s", found, done.returncode,
                    done.stderr.decode(errors="replace")[-500:])
        raise DocumentError(documents.too_complex(found)) from None
    if "error" in answer:
        raise DocumentError(answer["error"])
    return Inspected(**answer)


def _limit_resources() -> None:
    """Bounds the child sets on itself, should the parent not be there to kill it."""
    try:
        import resource
    except ImportError:  # not on Windows
        return
    seconds = int(TIME_LIMIT) + 2
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds))
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _limit_pdf_inflation() -> None:
    try:
        from pypdf import Configuration, overwrite_configuration
    except ImportError:  # pypdf < 7: the time and memory bounds still apply
        return
    known = {field.name for field in dataclasses.fields(Configuration)}
    limits: dict[str, Any] = {name: INFLATED_LIMIT for name in INFLATED_SETTINGS if name in known}
    limits["maximum_declared_stream_length"] = documents.MAX_SIZE
    overwrite_configuration(**limits)


def main() -> None:
    _limit_resources()
    data = sys.stdin.buffer.read(documents.MAX_SIZE + 1)
    try:
        if documents.file_type(data) == "pdf":  # images need no pypdf: 50 ms saved on its import
            _limit_pdf_inflation()
        answer: dict[str, Any] = dataclasses.asdict(documents.inspect(data))
    except DocumentError as exc:
        answer = {"error": str(exc)}
    sys.stdout.write(json.dumps(answer))


if __name__ == "__main__":
    main()
