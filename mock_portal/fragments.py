"""Pages everyone sees alike, rendered once: the blank declaration form.

Rendering the form's seven questions and their follow-ups is most of the portal's CPU on that
page (~0.7 ms). Blank, it differs from one visitor to the next only by the CSRF token, and from
one request to the next by what the template reads besides: the base URL (the Host, one of the
allowed hosts, and the root path), the period, the demo account shown in the banner, the
testing flag and the logged-in person the header names. The page is rendered once per such key
with a placeholder token, and each answer substitutes the visitor's token, escaped as the template
would: the bytes are those of a fresh render (tests/unit/test_fragments.py compares them).
"""

from __future__ import annotations

import secrets
import weakref
from collections.abc import Hashable
from typing import Any

from markupsafe import escape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from mock_portal.middleware import csrf
from mock_portal.templating import templates, viewer

# Letters and digits only: autoescape leaves it as is, and no page text can contain it by chance.
PLACEHOLDER = "csrf" + secrets.token_hex(16)
# Bounded: the Host header is the client's (though only allowed hosts get this far).
CACHE_SIZE = 64
# False renders every time: what the test compares the cached pages with.
enabled = True

_pages: weakref.WeakKeyDictionary[Any, dict[tuple[Hashable, ...], str]] = weakref.WeakKeyDictionary()


def _varies(request: Request) -> tuple[Hashable, ...]:
    """Everything a page reads that is not in its own key: see base.html and _page_context."""
    state = request.app.state
    demo = state.demo
    # The header names who is logged in: one person's blank form is never served to another.
    person = viewer(request)
    who = None if person is None else (person.id, person.first_name, person.last_name)
    return (str(request.base_url), repr(demo), state.settings.testing, who)


def page(request: Request, name: str, context: dict[str, Any], key: Hashable) -> HTMLResponse:
    """``templates.TemplateResponse(request, name, context)`` for a page whose content depends
    only on ``key`` and the request's base URL, demo account and token."""
    if not enabled:
        return templates.TemplateResponse(request, name, context)
    cache = _pages.setdefault(request.app, {})
    cache_key = (name, key, *_varies(request))
    body = cache.get(cache_key)
    if body is None:
        if len(cache) >= CACHE_SIZE:
            cache.clear()
        request.scope["csrf_token"], real = PLACEHOLDER, csrf.token_of(request)
        try:
            body = templates.get_template(name).render(
                {**context, "request": request, **_context_processors(request)})
        finally:
            request.scope["csrf_token"] = real
        cache[cache_key] = body
    return HTMLResponse(body.replace(PLACEHOLDER, str(escape(csrf.token_of(request)))))


def _context_processors(request: Request) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for processor in templates.context_processors:
        merged.update(processor(request))
    return merged
