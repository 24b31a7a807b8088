"""Who is logged in, and the guard for pages of the espace personnel."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import Response

from mock_portal import personas
from mock_portal.middleware.sessions import session_of
from mock_portal.personas import Persona
from mock_portal.web import flash, redirect

Endpoint = Callable[[Request], Awaitable[Response]]


def current_persona(request: Request) -> Persona | None:
    persona_id = session_of(request).persona_id
    if persona_id is None:
        return None
    return personas.get(request.app.state.db, persona_id)


def safe_next(path: str | None) -> str | None:
    """Only local paths: « suite » must never become an open redirect."""
    if path and path.startswith("/") and not path.startswith("//") and "\\" not in path:
        return path
    return None


def login_required(endpoint: Endpoint) -> Endpoint:
    @functools.wraps(endpoint)
    async def guarded(request: Request) -> Response:
        persona = current_persona(request)
        if persona is None:
            session = session_of(request)
            session["suite"] = request.url.path
            if session.expired:
                flash(request, "Votre session a expiré. Veuillez vous reconnecter.")
            return redirect(request, "connexion:departement")
        request.state.persona = persona
        return await endpoint(request)

    return guarded
