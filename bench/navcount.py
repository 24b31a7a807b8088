"""pytest plugin for the bench (``-p bench.navcount``): where each scenario's time goes.

For every test it records, as JUnit properties:

- ``navigations``: main-frame navigations to an http(s) page in every page of every context the
  test opens (a form POST answered by 303 then GET is one navigation, as the browser commits one
  document); the floor probe then makes the same number per scenario;
- ``setup_s``, ``call_s``, ``teardown_s``: pytest's own phase durations;
- ``api_calls``, ``api_s``: calls to the portal's testing API and the time spent in them;
- ``new_context_s``, ``new_page_s``, ``close_context_s``: creating and closing contexts and pages;
- ``browser_clock_s``: freezing the browser clock (``context.clock.set_fixed_time``);
- ``trace_start_s``, ``trace_stop_s``, ``screenshot_s``: the artifacts recorded for every test;
- ``pw_<kind>_s`` and ``pw_<kind>_calls``: every call the test's Playwright client makes to the
  browser, in all three phases, by kind (``CALL_KINDS``): from the message sent to its answer,
  so that a test body's time reads as « N actions × their cost » rather than one figure.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Generator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page
from playwright.sync_api._generated import Clock, Tracing

from mock_portal_testing.portal import Portal

# Playwright protocol methods by kind; anything else counts as "other".
CALL_KINDS = {
    "action": {"click", "dblclick", "check", "uncheck", "fill", "press", "type", "selectOption",
               "setInputFiles", "hover", "tap", "focus", "blur", "keyboardPress", "keyboardType",
               "keyboardDown", "keyboardUp", "keyboardInsertText", "mouseClick", "mouseMove",
               "dispatchEvent", "selectText", "setChecked"},
    "expect": {"expect"},
    "navigation": {"goto", "reload", "goBack", "goForward", "waitForURL", "waitForNavigation"},
    "evaluate": {"evaluateExpression", "evaluateExpressionHandle"},
    "query": {"queryCount", "textContent", "innerText", "innerHTML", "getAttribute", "inputValue",
              "isVisible", "isHidden", "isChecked", "isEnabled", "isDisabled", "isEditable",
              "querySelector", "querySelectorAll", "ariaSnapshot", "title", "content"},
    "screenshot": {"screenshot", "expectScreenshot"},
}
_KIND = {method: kind for kind, methods in CALL_KINDS.items() for method in methods}

_count = 0
_timers: dict[str, float] = {}


def _timed(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            _timers[name + "_s"] = _timers.get(name + "_s", 0.0) + time.perf_counter() - started
            _timers[name + "_calls"] = _timers.get(name + "_calls", 0) + 1

    return wrapper


def _watch_page(page: Page) -> None:
    def navigated(frame: Any) -> None:
        global _count
        if frame == page.main_frame and frame.url.startswith(("http://", "https://")):
            _count += 1

    page.on("framenavigated", navigated)


_original_new_context = Browser.new_context


def _new_context(self: Browser, *args: Any, **kwargs: Any) -> BrowserContext:
    context = _original_new_context(self, *args, **kwargs)
    context.on("page", _watch_page)  # also fires for pages made with context.new_page()
    return context


Browser.new_context = _timed("new_context", _new_context)  # type: ignore[method-assign]
BrowserContext.close = _timed("close_context", BrowserContext.close)  # type: ignore[method-assign]
Portal.request = _timed("api", Portal.request)  # type: ignore[method-assign]
# The artifact policy's share: pytest-playwright starts a trace in every context and, for
# --screenshot only-on-failure, screenshots every page before closing it, failed or not.
Tracing.start = _timed("trace_start", Tracing.start)  # type: ignore[method-assign]
Tracing.stop = _timed("trace_stop", Tracing.stop)  # type: ignore[method-assign]
Page.screenshot = _timed("screenshot", Page.screenshot)  # type: ignore[method-assign]
BrowserContext.new_page = _timed("new_page", BrowserContext.new_page)  # type: ignore[method-assign]
# The browser clock: installing it adds a script to every document the context loads.
Clock.set_fixed_time = _timed("browser_clock", Clock.set_fixed_time)  # type: ignore[method-assign]


def _watch_protocol() -> None:
    """Times every message to the browser by kind (Playwright's internals: skipped if they moved)."""
    try:
        from playwright._impl.connection import Connection
    except ImportError:
        return
    original = getattr(Connection, "send_message_to_server", None)
    if original is None:
        return

    def send(self: Any, owner: Any, method: str, params: Any, options: Any) -> Any:
        future = original(self, owner, method, params, options)
        started = time.perf_counter()
        kind = "pw_" + _KIND.get(method, "other")

        def answered(_: Any) -> None:
            _timers[kind + "_s"] = _timers.get(kind + "_s", 0.0) + time.perf_counter() - started
            _timers[kind + "_calls"] = _timers.get(kind + "_calls", 0) + 1

        if hasattr(future, "add_done_callback") and not method.endswith("NoReply"):
            future.add_done_callback(answered)
        return future

    Connection.send_message_to_server = send  # type: ignore[method-assign]


_watch_protocol()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    global _count
    _count = 0
    _timers.clear()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, Any]:
    report = yield
    item.user_properties.append((f"{call.when}_s", round(report.duration, 4)))
    # The teardown report carries the properties into the JUnit file; the context is closed by
    # then, so every navigation event has been delivered.
    if call.when == "teardown":
        report.user_properties = [*item.user_properties, ("navigations", _count),
                                  *((name, round(value, 4)) for name, value in sorted(_timers.items()))]
    return report
