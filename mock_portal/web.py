"""What every screen's handlers share: redirects, form fields, rendering, flash messages.

Screens import this; the domain never does (the import-linter contract in pyproject.toml).
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from mock_portal.middleware.sessions import session_of
from mock_portal.templating import templates

_FLASH = "message"


def redirect(request: Request, name: str, /, **path_params: Any) -> RedirectResponse:
    """303 to a named route: after a POST the browser follows with a GET."""
    return RedirectResponse(request.url_for(name, **path_params), status_code=303)


def field(form: Any, name: str) -> str:
    """A text field, stripped; anything else (absent, a file) reads as empty."""
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def render(request: Request, template: str, context: dict[str, Any], *,
           errors: dict[str, str] | None = None, status_code: int | None = None) -> Response:
    """A page; with errors (shown in the summary and next to each field) it answers 400."""
    errors = errors if errors is not None else context.get("errors") or {}
    status = status_code if status_code is not None else 400 if errors else 200
    return templates.TemplateResponse(request, template, {**context, "errors": errors},
                                      status_code=status)


def flash(request: Request, message: str) -> None:
    """A notice shown once, by the next page that reads it (``pop_flash``)."""
    session_of(request)[_FLASH] = message


def pop_flash(request: Request) -> str | None:
    message = session_of(request).pop(_FLASH)
    return message if isinstance(message, str) else None
