"""pytest plugin for the bench (``-p bench.navcount``): each scenario's portal page loads.

It counts main-frame navigations to an http(s) page in every page of every context a test opens
(a form POST answered by 303 then GET is one navigation, as the browser commits one document),
and records the count as the JUnit property ``navigations``. The floor probe then makes the
same number of navigations per scenario.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

_count = 0


def _watch_page(page: Page) -> None:
    def navigated(frame: Any) -> None:
        global _count
        if frame == page.main_frame and frame.url.startswith(("http://", "https://")):
            _count += 1

    page.on("framenavigated", navigated)


def _watch_context(context: BrowserContext) -> BrowserContext:
    context.on("page", _watch_page)  # also fires for pages made with context.new_page()
    return context


_original_new_context = Browser.new_context


def _new_context(self: Browser, *args: Any, **kwargs: Any) -> BrowserContext:
    return _watch_context(_original_new_context(self, *args, **kwargs))


Browser.new_context = _new_context  # type: ignore[method-assign]


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    global _count
    _count = 0


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, Any]:
    # The teardown report carries the properties into the JUnit file; the context is closed by
    # then, so every navigation event has been delivered.
    if call.when == "teardown":
        item.user_properties.append(("navigations", _count))
    return (yield)
