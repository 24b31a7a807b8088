"""Password hashing (scrypt from the standard library), always off the event loop.

scrypt costs tens of milliseconds and 16 MB: on the event loop's thread one wrong login would
stall every visitor. ``hashlib.scrypt`` releases the GIL, so the async functions below run it in
a worker thread; a semaphore keeps at most a few running at once, so that a flood of logins
cannot take the memory of hundreds of simultaneous hashes.

The threads are this module's own few, not anyio's pool of 40: glibc gives each thread that
allocates its own arena and keeps a freed 16 MB scrypt buffer there, so hashes spread over 40
threads left the portal at 650 MB after 100 logins (bench/load.py); over 2 threads, 104 MB. Even
two arenas keep their buffer: glibc raises its mmap threshold to the size of the first large block
freed, so every later 16 MB buffer came from an arena and stayed. A fixed threshold (1 MiB) keeps
each buffer a mapping of its own, returned to the system when the hash ends (66 MB after the load).

A hash records its cost (``scrypt$n$r$p$salt$digest``) and is checked with it, so a test suite
may hash at a trivial cost (``costing(TESTING)``, as Django's docs advise), and so does a portal
started for one (``serve --testing``, ``use(TESTING)``), while every hash of a portal for people
(``make serve``, the load bench) keeps the production cost. Hashes from before the cost was recorded
(``scrypt$salt$digest``, still in databases seeded then) were made at the production cost.
"""

from __future__ import annotations

import asyncio
import base64
import ctypes
import functools
import hashlib
import hmac
import secrets
import threading
import unicodedata
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import NamedTuple, TypeVar


class Cost(NamedTuple):
    """scrypt's parameters: memory is 128 * n * r bytes, time grows with n * r * p."""

    n: int
    r: int
    p: int


# Cheap enough to seed a database in milliseconds (hashes are cached per process) while still
# being a real memory-hard hash: a mock must not teach storing passwords in clear.
PRODUCTION = Cost(n=2**14, r=8, p=1)
# For test suites only: a thousandth of the work, so that hundreds of logins cost nothing.
TESTING = Cost(n=2**4, r=1, p=1)
# What a stored hash may ask for (twice the production memory, four times its time): a damaged
# row must not take gigabytes or minutes.
_MOST_MEMORY, _MOST_P = 2 * 128 * PRODUCTION.n * PRODUCTION.r, 4
_cost = PRODUCTION
_AT_ONCE = 2  # hashes are CPU-bound: more threads than cores add memory, not speed
_RUNNING = threading.BoundedSemaphore(_AT_ONCE)
_THREADS = ThreadPoolExecutor(max_workers=_AT_ONCE, thread_name_prefix="scrypt")
_M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter (malloc.h)


def _return_freed_buffers() -> None:
    """A fixed mmap threshold (glibc only; elsewhere nothing to do), see the module's docstring."""
    try:
        mallopt = ctypes.CDLL(None).mallopt  # the C library the interpreter runs on
    except (OSError, AttributeError):
        return
    mallopt(_M_MMAP_THRESHOLD, 1 << 20)


_return_freed_buffers()

T = TypeVar("T")


def use(cost: Cost) -> None:
    """New hashes cost ``cost`` from now on, in this process (``serve --testing``)."""
    global _cost
    _cost = cost


def normalized(password: str) -> str:
    """NFC: « é » typed as one character or as « e » + accent is one password."""
    return unicodedata.normalize("NFC", password)


@contextmanager
def costing(cost: Cost) -> Iterator[None]:
    """New hashes cost ``cost`` inside the block (test suites: ``costing(TESTING)``)."""
    previous = _cost
    use(cost)
    try:
        yield
    finally:
        use(previous)


def _scrypt(password: str, salt: bytes, cost: Cost) -> bytes:
    with _RUNNING:
        return hashlib.scrypt(normalized(password).encode(), salt=salt, n=cost.n, r=cost.r, p=cost.p,
                              maxmem=2 * _MOST_MEMORY)


def hash_password(password: str) -> str:
    return _hash(password, _cost)


def _hash(password: str, cost: Cost) -> str:
    salt = secrets.token_bytes(16)
    digest = _scrypt(password, salt, cost)
    return f"scrypt${cost.n}${cost.r}${cost.p}${_b64(salt)}${_b64(digest)}"


def seed_hash(password: str) -> str:
    """The hash used when seeding personas: computed once per process and cost, reused at every
    reset."""
    return _seed_hash(password, _cost)


_seed_hash = functools.lru_cache(maxsize=256)(_hash)


def verify_password(password: str, stored: str) -> bool:
    fields = stored.split("$", 6)
    if fields[0] != "scrypt" or len(fields) not in (3, 6):
        return False
    cost = PRODUCTION if len(fields) == 3 else _stored_cost(fields[1:4])
    if cost is None:
        return False
    try:  # a damaged row (n not a power of 2, bad base64) refuses the password, without a 500
        return hmac.compare_digest(_scrypt(password, _unb64(fields[-2]), cost), _unb64(fields[-1]))
    except ValueError:
        return False


def _stored_cost(fields: list[str]) -> Cost | None:
    if not all(field.isascii() and field.isdigit() and len(field) <= 6 for field in fields):
        return None
    cost = Cost(*map(int, fields))
    bounded = 128 * cost.n * cost.r <= _MOST_MEMORY and cost.r >= 1 and 1 <= cost.p <= _MOST_P
    return cost if bounded else None


async def _in_thread(function: Callable[..., T], *args: str) -> T:
    # The portal runs on asyncio; a cancelled request drops a hash not yet started.
    return await asyncio.wrap_future(_THREADS.submit(function, *args))


async def hash_in_thread(password: str) -> str:
    return await _in_thread(hash_password, password)


async def verify_in_thread(password: str, stored: str) -> bool:
    return await _in_thread(verify_password, password, stored)


async def absent_hash() -> str:
    """What a password is checked against when nobody matches, so that timing tells nothing."""
    return await _in_thread(seed_hash, "\x00absent")


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
