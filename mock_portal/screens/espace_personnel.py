"""« Mon espace personnel », reached after login."""

from __future__ import annotations

from datetime import datetime

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from mock_portal import declarations, window
from mock_portal.auth import login_required
from mock_portal.clock import clock
from mock_portal.formats import date_fr, heure_fr
from mock_portal.web import pop_flash, render


def period_state(request: Request, period: window.Period, now: datetime) -> str:
    """What the espace personnel says of the open period."""
    declaration = declarations.find(request.app.state.db, request.state.persona.id, period)
    if declaration is None:
        closes = period.closes_at()
        return f"actualisation à faire avant le {date_fr(closes)} à {heure_fr(closes)}"
    validated = declaration.validated_at
    return (f"déclaration validée le {date_fr(validated)} à {heure_fr(validated)}, "
            f"{declaration.status(now)}")


@login_required
async def espace_personnel(request: Request) -> Response:
    now = clock.now()
    period = window.declared_period(now)
    return render(request, "espace_personnel/espace_personnel.html", {
        "persona": request.state.persona,
        "period": period,
        "state": period_state(request, period, now) if period else None,
        "declared": period is not None and declarations.find(
            request.app.state.db, request.state.persona.id, period) is not None,
        "message": pop_flash(request),
        "next_opening": window.next_opening(now),
    })


routes = [Route("/espace-personnel", espace_personnel, name="espace_personnel")]
