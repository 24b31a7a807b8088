"""« Mon espace personnel », reached after login."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from mock_portal import window
from mock_portal.auth import login_required
from mock_portal.clock import clock
from mock_portal.templating import date_fr, heure_fr, templates


def period_state(request: Request, period: window.Period) -> str:
    """What the espace personnel says of the open period (the declaration issue refines it)."""
    closes = period.closes_at()
    return f"actualisation à faire avant le {date_fr(closes)} à {heure_fr(closes)}"


@login_required
async def espace_personnel(request: Request) -> Response:
    now = clock.now()
    period = window.declared_period(now)
    return templates.TemplateResponse(request, "espace_personnel.html", {
        "persona": request.state.persona,
        "period": period,
        "state": period_state(request, period) if period else None,
        "next_opening": window.next_opening(now),
    })


routes = [Route("/espace-personnel", espace_personnel, name="espace_personnel")]
