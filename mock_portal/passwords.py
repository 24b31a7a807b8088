"""Password hashing (scrypt from the standard library), always off the event loop.

scrypt costs tens of milliseconds and 16 MB: on the event loop's thread one wrong login would
stall every visitor. ``hashlib.scrypt`` releases the GIL, so the async functions below run it in
a worker thread; a semaphore keeps at most a few running at once, so that a flood of logins
cannot take the memory of hundreds of simultaneous hashes.

The threads are this module's own few, not anyio's pool of 40: glibc gives each thread that
allocates its own arena and keeps a freed 16 MB scrypt buffer there, so hashes spread over 40
threads left the portal at 650 MB after 100 logins (bench/load.py); over 2 threads, 104 MB.
"""

from __future__ import annotations

import asyncio
import base64
import functools
import hashlib
import hmac
import secrets
import threading
import unicodedata
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

# Cheap enough to seed a test database in milliseconds (hashes are cached per process) while
# still being a real memory-hard hash: a mock must not teach storing passwords in clear.
_N, _R, _P = 2**14, 8, 1
_AT_ONCE = 2  # hashes are CPU-bound: more threads than cores add memory, not speed
_RUNNING = threading.BoundedSemaphore(_AT_ONCE)
_THREADS = ThreadPoolExecutor(max_workers=_AT_ONCE, thread_name_prefix="scrypt")
T = TypeVar("T")


def normalized(password: str) -> str:
    """NFC: « é » typed as one character or as « e » + accent is one password."""
    return unicodedata.normalize("NFC", password)


def _scrypt(password: str, salt: bytes) -> bytes:
    with _RUNNING:
        return hashlib.scrypt(normalized(password).encode(), salt=salt, n=_N, r=_R, p=_P)


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    return f"scrypt${_b64(salt)}${_b64(_scrypt(password, salt))}"


@functools.lru_cache(maxsize=256)
def seed_hash(password: str) -> str:
    """The hash used when seeding personas: computed once per process, reused at every reset."""
    return hash_password(password)


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    return hmac.compare_digest(_scrypt(password, _unb64(salt)), _unb64(digest))


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
