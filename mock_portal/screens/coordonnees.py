"""« Mes coordonnées »: see the e-mail and mobile on record, change one, confirm it with a code."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from mock_portal import contacts, outbox
from mock_portal.auth import login_required
from mock_portal.contacts import ContactError, TooManyRequests
from mock_portal.middleware.csrf import csrf_first, read_form
from mock_portal.personas import Persona
from mock_portal.web import field, redirect, render

TOO_MANY = ("Vous avez demandé trop de codes : attendez une heure avant d'en demander un nouveau. "
            "Le dernier code reçu reste valable.")
FIELDS = (("email", "email", "email"), ("mobile", "sms", "phone"))  # field, channel, personas column
MAX_FIELD = 300


def _render(request: Request, name: str, context: dict[str, Any], errors: dict[str, str]) -> Response:
    return render(request, f"coordonnees/{name}.html", {"persona": request.state.persona, **context},
                  errors=errors)


@login_required
async def coordonnees(request: Request) -> Response:
    change = contacts.pending(request.app.state.db, request.state.persona.id)
    waiting = contacts.mask(change.channel, change.new_value) if change else None
    return _render(request, "coordonnees", {"waiting": waiting}, {})


def _typed_changes(persona: Persona, values: dict[str, str]) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """The (channel, new value) pairs typed, and the errors by field."""
    errors: dict[str, str] = {}
    changes = []
    for name, channel, column in FIELDS:
        old = getattr(persona, column)
        normalize = contacts.normalize_email if name == "email" else contacts.normalize_mobile
        if not values[name]:
            if old:
                what = "votre adresse e-mail" if name == "email" else "votre numéro de portable"
                errors[name] = f"Saisissez {what} : il peut être remplacé, pas supprimé."
            continue
        try:
            new = normalize(values[name])
        except ContactError as exc:
            errors[name] = str(exc)
            continue
        if old is None or outbox.recipient_key(new) != outbox.recipient_key(old):
            changes.append((channel, new))
    if not errors and not changes:
        errors["email"] = ("Vos coordonnées n'ont pas changé : modifiez l'adresse e-mail ou le "
                           "numéro de portable.")
    if len(changes) == 2:
        errors["mobile"] = ("Modifiez une coordonnée à la fois : l'adresse e-mail d'abord, puis le "
                            "numéro de portable.")
    return changes, errors


@csrf_first
@login_required
async def modifier(request: Request) -> Response:
    persona: Persona = request.state.persona
    if request.method == "GET":
        return _render(request, "modifier", {"values": {"email": persona.email, "mobile": persona.phone}}, {})
    form = await read_form(request)
    values = {name: field(form, name)[:MAX_FIELD] for name, _, _ in FIELDS}
    changes, errors = _typed_changes(persona, values)
    if not errors:
        channel, new_value = changes[0]
        try:
            contacts.request_change(request.app.state.db, persona, channel, new_value)
        except TooManyRequests:
            errors["email" if channel == "email" else "mobile"] = TOO_MANY
    if errors:
        return _render(request, "modifier", {"values": values}, errors)
    return redirect(request, "coordonnees:code")


@csrf_first
@login_required
async def code(request: Request) -> Response:
    db = request.app.state.db
    persona: Persona = request.state.persona
    change = contacts.pending(db, persona.id)
    if change is None:
        return redirect(request, "coordonnees:coordonnees")
    errors: dict[str, str] = {}
    resent = False
    if request.method == "POST":
        form = await read_form(request)
        if form.get("action") == "renvoyer":
            try:
                contacts.resend(db, persona)
                resent = True
            except TooManyRequests:
                errors["code"] = TOO_MANY
        else:
            error = contacts.confirm(db, persona, field(form, "code")[:MAX_FIELD])
            if error is None:
                return redirect(request, "coordonnees:modifiees")
            errors["code"] = error
    return _render(request, "code", {
        "channel": change.channel, "destination": contacts.mask(change.channel, change.new_value),
        "resent": resent,
    }, errors)


@login_required
async def modifiees(request: Request) -> Response:
    return _render(request, "modifiees", {}, {})


entry_routes = [Route("/coordonnees", coordonnees, name="coordonnees:coordonnees")]
routes = [
    Route("/modifier", modifier, methods=["GET", "POST"], name="modifier"),
    Route("/code", code, methods=["GET", "POST"], name="code"),
    Route("/modifiees", modifiees, name="modifiees"),
]
