"""JSON API for test tools, mounted under /_testing only when the portal runs with --testing.

It hands out passwords and sessions and moves the clock, so it answers only JSON, only
same-origin requests (another site's page cannot drive it: a cross-site form or fetch sends
text/plain or a foreign Origin) and only on a loopback Host unless the portal was started with
``testing_public_host``.
"""

from __future__ import annotations

import functools
import json
import secrets
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from mock_portal import classroom, declarations, desk, outbox, personas, questions, sandbox, window
from mock_portal.clock import PARIS, clock, parse_instant
from mock_portal.db import Database
from mock_portal.middleware.sessions import COOKIE, Session
from mock_portal.settings import LOOPBACK_HOSTS

# Pages compute months and deadlines around "now": far instants overflow datetime.
EARLIEST = datetime(1970, 1, 1, tzinfo=PARIS)
LATEST = datetime(2100, 12, 31, 23, 59, 59, tzinfo=PARIS)

Endpoint = Callable[[Request], Awaitable[Response]]


def _refusal(request: Request) -> Response | None:
    host = f"[{request.url.hostname}]" if ":" in (request.url.hostname or "") else request.url.hostname
    if host not in LOOPBACK_HOSTS and not request.app.state.settings.testing_public_host:
        return JSONResponse({"error": "API de test réservée à l'adresse locale"}, status_code=403)
    origin = request.headers.get("origin")
    if origin is not None and origin.lower() != f"{request.url.scheme}://{request.headers['host']}".lower():
        return JSONResponse({"error": "requête d'une autre origine refusée"}, status_code=403)
    has_body = request.headers.get("content-length", "0") != "0" or "transfer-encoding" in request.headers
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if (has_body or media_type) and media_type != "application/json":
        return JSONResponse({"error": "Content-Type: application/json attendu"}, status_code=415)
    return None


def _guarded(endpoint: Endpoint) -> Endpoint:
    @functools.wraps(endpoint)
    async def checked(request: Request) -> Response:
        return _refusal(request) or await endpoint(request)

    return checked


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
    except OverflowError:
        instant = None
    if instant is None or not EARLIEST <= instant <= LATEST:
        return JSONResponse({"error": "instant attendu entre 1970-01-01 et 2100-12-31"}, status_code=422)
    clock.set(instant, frozen=frozen)
    return JSONResponse(_clock_json())


async def reset(request: Request) -> Response:
    state = request.app.state
    sandbox.reset(state.db, state.settings, state.personas)
    return JSONResponse({"reset": True})


async def personas_endpoint(request: Request) -> Response:
    learners = [learner.public_json() for learner in classroom.learners(request.app.state.db)]
    return JSONResponse(personas.public_json(request.app.state.personas) + learners)


async def outbox_endpoint(request: Request) -> Response:
    """Oldest first, so that a test reads messages in the order they were sent; the newest
    ``outbox.SHOWN`` only, like the pages (a test resets long before that many)."""
    to = request.query_params.get("to")
    found = outbox.messages(request.app.state.db, to, limit=outbox.SHOWN)
    return JSONResponse([message.as_json() for message in found])


def _declarations_json(db: Database, identifiant: str | None, declaration_id: int | None = None) -> list[Any]:
    rows = db.all(
        "SELECT d.*, p.identifiant FROM declarations d JOIN personas p ON p.id = d.persona_id"
        " WHERE (? IS NULL OR p.identifiant = ?) AND (? IS NULL OR d.id = ?) ORDER BY d.id",
        (identifiant, identifiant, declaration_id, declaration_id),
    )
    result = []
    for row in rows:
        versions = declarations.versions(db, row["id"])
        result.append({
            "identifiant": row["identifiant"], "period": row["period"], "reference": row["reference"],
            "version": row["version"], "answers": json.loads(row["answers"]),
            "first_validated_at": row["first_validated_at"], "validated_at": row["validated_at"],
            "modifiable_until": row["modifiable_until"],
            "versions": [{"version": v["version"], "answers": json.loads(v["answers"]),
                          "validated_at": v["validated_at"]} for v in versions],
        })
    return result


async def declarations_endpoint(request: Request) -> Response:
    """GET: stored declarations with every version, for assertions a page cannot show
    (``?identifiant=``). POST: a declaration validated now, without the pages (below)."""
    if request.method == "POST":
        return await _declare(request)
    return JSONResponse(_declarations_json(request.app.state.db, request.query_params.get("identifiant")))


async def _declare(request: Request) -> Response:
    """``{"identifiant", "answers": {question: "Oui"|"Non"}, "details": {question: {field: value}}}``,
    in the page's words, recorded as « Valider votre réponse » would: the same validation, the
    same refusals (window closed, already declared), at the portal's now. For tests whose
    subject comes after the declaration; test_confirmation.py and others walk the pages."""
    try:
        body = json.loads(await request.body())
        identifiant, answers, details = body["identifiant"], body["answers"], body.get("details", {})
        if not (isinstance(identifiant, str) and isinstance(answers, dict) and isinstance(details, dict)):
            raise TypeError
        form = questions.form_from_labels(answers, details)
    except (json.JSONDecodeError, KeyError, TypeError, AttributeError):
        return JSONResponse({"error": 'un objet {"identifiant": "...", "answers": {...}, "details": {...}}'
                                      " est attendu"}, status_code=400)
    except ValueError as exc:  # what form_from_labels() did not find on the page
        return JSONResponse({"error": str(exc)}, status_code=400)
    db: Database = request.app.state.db
    persona = personas.by_identifiant(db, identifiant)
    if persona is None:
        return JSONResponse({"error": f"identifiant inconnu : {identifiant}"}, status_code=404)
    now = clock.now()
    period = window.declared_period(now)
    if period is None:
        return JSONResponse({"error": "La période d'actualisation est fermée."}, status_code=409)
    parsed, errors = questions.validate(form, period)
    if errors:
        return JSONResponse({"errors": errors}, status_code=422)
    try:
        stored = declarations.record(
            db, persona_id=persona.id, period=period, answers=parsed, submission=secrets.token_urlsafe(16),
            now=now, policy=request.app.state.settings.modification_deadline, modification=False)
    except declarations.AlreadyDeclared:
        return JSONResponse({"error": "Une déclaration a déjà été validée pour cette période."},
                            status_code=409)
    return JSONResponse(_declarations_json(db, identifiant, stored.id)[0], status_code=201)


async def sessions_endpoint(request: Request) -> Response:
    """A logged-in session for ``{"identifiant": ...}``: tests whose subject is not the connexion
    start logged in with this cookie instead of typing three pages."""
    try:
        body = json.loads(await request.body())
        identifiant = body["identifiant"]
        if not isinstance(identifiant, str):
            raise TypeError
    except (ValueError, KeyError, TypeError):
        return JSONResponse({"error": 'un objet {"identifiant": "..."} est attendu'}, status_code=400)
    persona = personas.by_identifiant(request.app.state.db, identifiant)
    if persona is None:
        return JSONResponse({"error": f"identifiant inconnu : {identifiant}"}, status_code=404)
    session = Session()
    session.login(persona.id)
    request.app.state.session_store.save(session)
    return JSONResponse({"name": COOKIE, "value": session.token})


async def classe_endpoint(request: Request) -> Response:
    """``{"n": N}``: what ``mock-portal classe N`` does, minus the cards; any N from 1, so that a
    test seats a small class. Answers the class's first N learners as ``/personas`` shows them."""
    try:
        body = json.loads(await request.body())
        n = body["n"]
        if not isinstance(n, int) or isinstance(n, bool):
            raise TypeError
        classroom.check_class_size(n, minimum=1)
    except (ValueError, KeyError, TypeError):  # ClassSizeError is a ValueError too
        return JSONResponse({"error": 'un objet {"n": 1 à 30} est attendu'}, status_code=400)
    db = request.app.state.db
    # Hashing the passwords takes a while: off the event loop. The database stays on it.
    drawn = await run_in_threadpool(classroom.draw_credentials, classroom.empty_seats(db, n),
                                    classroom.taken_identifiants(db))
    classroom.store(db, drawn)
    return JSONResponse([learner.public_json() for learner in classroom.learners(db) if learner.seat <= n])


async def formateur_endpoint(request: Request) -> Response:
    """The trainer code ``serve`` prints, for scenarios of the trainer's desk."""
    return JSONResponse({"code": desk.trainer_code(request.app.state.db)})


routes = [
    Route("/clock", _guarded(clock_endpoint), methods=["GET", "PUT"], name="clock"),
    Route("/reset", _guarded(reset), methods=["POST"], name="reset"),
    Route("/personas", _guarded(personas_endpoint), methods=["GET"], name="personas"),
    Route("/outbox", _guarded(outbox_endpoint), methods=["GET"], name="outbox"),
    Route("/declarations", _guarded(declarations_endpoint), methods=["GET", "POST"], name="declarations"),
    Route("/sessions", _guarded(sessions_endpoint), methods=["POST"], name="sessions"),
    Route("/classe", _guarded(classe_endpoint), methods=["POST"], name="classe"),
    Route("/formateur", _guarded(formateur_endpoint), methods=["GET"], name="formateur"),
]
