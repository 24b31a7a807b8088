"""The monthly actualisation: form (Etape 2), confirmation (Etape 3), validation page,
justificatif, modification. Forms only inside the window, whatever URL is typed."""

from __future__ import annotations

import functools
import re
import secrets
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from mock_portal import declarations, fragments, justificatif, questions, window
from mock_portal.auth import Endpoint, login_required
from mock_portal.clock import clock, to_paris
from mock_portal.declarations import AlreadyDeclared, DeadlinePassed, Declaration
from mock_portal.errors import NotFound
from mock_portal.formats import date_fr, heure_fr
from mock_portal.middleware.csrf import csrf_first, read_form
from mock_portal.middleware.sessions import Session, session_of
from mock_portal.web import flash, pop_flash, redirect, render

DRAFT = "brouillon"
PERIOD_KEY = re.compile(r"\d{4}-(0[1-9]|1[0-2])")


def window_required(endpoint: Endpoint) -> Endpoint:
    """Refuse server-side outside the window; the period is checked before anything else."""

    @functools.wraps(endpoint)
    async def guarded(request: Request) -> Response:
        now = clock.now()
        period = window.declared_period(now)
        if period is None:
            return render(
                request, "actualisation/fermee.html",
                {"next_opening": window.next_opening(now)}, status_code=403,
            )
        request.state.period = period
        return await endpoint(request)

    return guarded


def deadline_label(declaration: Declaration) -> str:
    """« 23h59 » the same day, « le 29/06/2019 à 09h00 » otherwise."""
    until = to_paris(declaration.modifiable_until)
    if until.date() == to_paris(declaration.first_validated_at).date():
        return heure_fr(until)
    return f"le {date_fr(until)} à {heure_fr(until)}"


def _current(request: Request) -> Declaration | None:
    return declarations.find(request.app.state.db, request.state.persona.id, request.state.period)


def _draft(request: Request) -> dict[str, Any] | None:
    draft = session_of(request).get(DRAFT)
    if isinstance(draft, dict) and draft.get("period") == request.state.period.key:
        return draft
    return None


def _abandon(request: Request, session: Session, modification: bool) -> Response:
    session.pop(DRAFT)
    flash(request, "Votre déclaration n'a pas été modifiée." if modification
          else "Votre déclaration n'a pas été enregistrée.")
    return redirect(request, "espace_personnel")


def _refused(request: Request, declaration: Declaration) -> Response:
    return render(
        request, "actualisation/modification_refusee.html", {"declaration": declaration}, status_code=403
    )


@window_required
@login_required
async def entree(request: Request) -> Response:
    if _current(request) is not None:
        return redirect(request, "actualisation:deja_declare")
    return redirect(request, "actualisation:formulaire")


@csrf_first
@window_required
@login_required
async def formulaire(request: Request) -> Response:
    form = await read_form(request) if request.method == "POST" else None
    session = session_of(request)
    declaration = _current(request)
    draft = _draft(request)
    modification = bool(draft and draft.get("modification"))
    if form is not None and form.get("action") == "abandonner":
        return _abandon(request, session, modification)
    if declaration is not None:
        if not modification:
            return redirect(request, "actualisation:deja_declare")
        if not declaration.can_modify(clock.now()):
            return _refused(request, declaration)
    context: dict[str, Any] = {
        "period": request.state.period, "questions": questions.QUESTIONS,
        "motifs": list(questions.MOTIFS.items()), "errors": {},
        "values": draft["values"] if draft else {},
        "declaration": declaration, "deadline": deadline_label(declaration) if declaration else None,
    }
    if form is None and draft is None and declaration is None:  # blank: the same for everyone
        return fragments.page(request, "actualisation/formulaire.html", context, request.state.period.key)
    if form is None:
        return render(request, "actualisation/formulaire.html", context)
    values = questions.form_values(form)
    answers, errors = questions.validate(form, request.state.period)
    if errors:
        context.update(values=values, errors=errors)
        return render(request, "actualisation/formulaire.html", context, status_code=400)
    session[DRAFT] = {
        "id": secrets.token_urlsafe(16), "period": request.state.period.key,
        "modification": modification, "values": values, "answers": answers,
    }
    return redirect(request, "actualisation:confirmation")


@csrf_first
@window_required
@login_required
async def confirmation(request: Request) -> Response:
    form = await read_form(request) if request.method == "POST" else None
    session = session_of(request)
    draft = _draft(request)
    db = request.app.state.db
    if form is not None:
        submission = form.get("brouillon")
        if form.get("action") == "abandonner":
            return _abandon(request, session, bool(draft and draft.get("modification")))
        if isinstance(submission, str) and declarations.submitted(db, submission):
            # The same confirmation sent again: it was recorded once, show the result.
            if draft and draft["id"] == submission:
                session.pop(DRAFT)
            return redirect(request, "actualisation:validation")
        if not draft or draft["id"] != submission or not draft.get("answers"):
            return redirect(request, "actualisation:actualisation")
        return _record(request, session, draft)
    if not draft or not draft.get("answers"):
        return redirect(request, "actualisation:formulaire")
    if declarations.submitted(db, draft["id"]):
        # Recorded, but the answer never reached the browser (the portal stopped in between).
        session.pop(DRAFT)
        return redirect(request, "actualisation:validation")
    return render(request, "actualisation/confirmation.html", {
        "period": request.state.period, "sentences": questions.sentences(draft["answers"]),
        "brouillon": draft["id"],
    })


def _record(request: Request, session: Session, draft: dict[str, Any]) -> Response:
    db = request.app.state.db
    try:
        declarations.record(
            db, persona_id=request.state.persona.id, period=request.state.period,
            answers=draft["answers"], submission=draft["id"], now=clock.now(),
            policy=request.app.state.settings.modification_deadline,
            modification=bool(draft.get("modification")),
        )
    except DeadlinePassed:
        session.pop(DRAFT)
        current = _current(request)
        assert current is not None
        return _refused(request, current)
    except AlreadyDeclared:
        session.pop(DRAFT)
        flash(request,
              "Une déclaration avait déjà été validée pour cette période : elle n'a pas été remplacée.")
        return redirect(request, "actualisation:deja_declare")
    session.pop(DRAFT)
    return redirect(request, "actualisation:validation")


@window_required
@login_required
async def deja_declare(request: Request) -> Response:
    declaration = _current(request)
    if declaration is None:
        return redirect(request, "actualisation:formulaire")
    now = clock.now()
    return render(request, "actualisation/deja_declare.html", {
        "period": request.state.period, "declaration": declaration,
        "status": declaration.status(now), "can_modify": declaration.can_modify(now),
        "deadline": deadline_label(declaration), "message": pop_flash(request),
    })


@window_required
@login_required
async def modifier(request: Request) -> Response:
    declaration = _current(request)
    if declaration is None:
        return redirect(request, "actualisation:formulaire")
    if not declaration.can_modify(clock.now()):
        return _refused(request, declaration)
    session_of(request)[DRAFT] = {
        "id": secrets.token_urlsafe(16), "period": declaration.period.key, "modification": True,
        "values": questions.to_form(declaration.answers), "answers": None,
    }
    return redirect(request, "actualisation:formulaire")


@login_required
async def validation(request: Request) -> Response:
    """Not behind the window: a declaration's confirmation stays readable after the 15th."""
    persona = request.state.persona
    declaration = declarations.latest(request.app.state.db, persona.id)
    if declaration is None:
        return redirect(request, "actualisation:actualisation")
    now = clock.now()
    can_modify = declaration.can_modify(now) and window.declared_period(now) == declaration.period
    content = justificatif.render(declaration, persona)
    return render(request, "actualisation/validation.html", {
        "declaration": declaration, "can_modify": can_modify, "deadline": deadline_label(declaration),
        "status": declaration.status(now), "size": justificatif.size_label(content),
        "activity": questions.declared_activity(declaration.answers),
        "message": pop_flash(request),
    })


@login_required
async def justificatif_pdf(request: Request) -> Response:
    key = request.path_params["periode"]
    persona = request.state.persona
    # Only the persona's own declaration: another period key or persona simply does not exist.
    declaration = (declarations.find(request.app.state.db, persona.id, window.Period.parse(key))
                   if PERIOD_KEY.fullmatch(key) else None)
    if declaration is None:
        raise NotFound("Aucun justificatif ne correspond à cette adresse.")
    return Response(
        justificatif.render(declaration, persona), media_type="application/pdf",
        # Name, identifiant and answers: no copy may stay in a shared computer's cache.
        headers={"Content-Disposition": f'attachment; filename="{justificatif.filename(declaration)}"',
                 "Cache-Control": "no-store"},
    )


routes = [
    Route("/formulaire", formulaire, methods=["GET", "POST"], name="formulaire"),
    Route("/confirmation", confirmation, methods=["GET", "POST"], name="confirmation"),
    Route("/validation", validation, name="validation"),
    Route("/deja-declare", deja_declare, name="deja_declare"),
    Route("/modifier", modifier, name="modifier"),
    Route("/justificatif/{periode}", justificatif_pdf, name="justificatif"),
]
# The entry is outside the Mount (its URL is the prefix itself) but named in its namespace.
entry_routes = [Route("/actualisation", entree, name="actualisation:actualisation")]

