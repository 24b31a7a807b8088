"""JSON API for test tools, mounted under /_testing only when the portal runs with --testing."""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from mock_portal import personas
from mock_portal.clock import clock, parse_instant


def _clock_json() -> dict[str, Any]:
    return {"now": clock.now().isoformat(), "frozen": clock.frozen}


async def clock_endpoint(request: Request) -> Response:
    if request.method == "GET":
        return JSONResponse(_clock_json())
    try:
        body = json.loads(await request.body())
        if not isinstance(body, dict) or not isinstance(body.get("now"), str):
            raise ValueError('un objet {"now": "...", "frozen": true|false} est attendu')
        frozen = body.get("frozen", True)
        if not isinstance(frozen, bool):
            raise ValueError('"frozen" doit valoir true ou false')
        instant = parse_instant(body["now"])
    except ValueError as exc:  # json.JSONDecodeError is a ValueError too
        return JSONResponse({"error": str(exc)}, status_code=400)
    clock.set(instant, frozen=frozen)
    return JSONResponse(_clock_json())


async def reset(request: Request) -> Response:
    state = request.app.state
    state.db.wipe()
    personas.seed(state.db, state.personas)
    return JSONResponse({"reset": True})


async def personas_endpoint(request: Request) -> Response:
    return JSONResponse(personas.public_json(request.app.state.personas))


routes = [
    Route("/clock", clock_endpoint, methods=["GET", "PUT"], name="clock"),
    Route("/reset", reset, methods=["POST"], name="reset"),
    Route("/personas", personas_endpoint, methods=["GET"], name="personas"),
]
