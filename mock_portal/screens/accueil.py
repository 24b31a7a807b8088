"""The home page (the pole-emploi.fr mock) and robots.txt."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from mock_portal import window
from mock_portal.clock import clock
from mock_portal.web import render


async def accueil(request: Request) -> Response:
    now = clock.now()
    return render(request, "accueil/accueil.html", {
        "period": window.declared_period(now),
        "next_opening": window.next_opening(now),
        "deconnecte": request.query_params.get("deconnecte") == "1",
    })


async def robots(request: Request) -> Response:
    return PlainTextResponse("User-agent: *\nDisallow: /\n")


routes = [
    Route("/", accueil, name="accueil"),
    Route("/robots.txt", robots, name="robots"),
]
