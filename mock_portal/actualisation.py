"""The monthly actualisation: only inside the window, whatever URL is typed."""

from __future__ import annotations

import functools

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from mock_portal import window
from mock_portal.auth import Endpoint, login_required
from mock_portal.clock import clock
from mock_portal.templating import templates


def window_required(endpoint: Endpoint) -> Endpoint:
    """Refuse server-side outside the window; the period is checked before anything else."""

    @functools.wraps(endpoint)
    async def guarded(request: Request) -> Response:
        now = clock.now()
        period = window.declared_period(now)
        if period is None:
            return templates.TemplateResponse(
                request, "actualisation/fermee.html",
                {"next_opening": window.next_opening(now)}, status_code=403,
            )
        request.state.period = period
        return await endpoint(request)

    return guarded


@window_required
@login_required
async def entree(request: Request) -> Response:
    return RedirectResponse(request.url_for("actualisation:formulaire"), status_code=303)


@window_required
@login_required
async def formulaire(request: Request) -> Response:
    return templates.TemplateResponse(
        request, "actualisation/formulaire.html", {"period": request.state.period}
    )


routes = [Route("/formulaire", formulaire, methods=["GET"], name="formulaire")]
entry_routes = [Route("/actualisation", entree, name="actualisation")]
