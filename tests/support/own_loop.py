"""Running a coroutine from a plain test, whatever ran before it in this xdist worker."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import anyio

T = TypeVar("T")


def run_in_own_loop(function: Callable[..., Awaitable[T]], *args: Any) -> T:
    """``anyio.run`` on a thread of its own: a browser test run earlier in this worker leaves
    Playwright's event loop running in the main thread, where a second loop is refused."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(anyio.run, function, *args).result()
