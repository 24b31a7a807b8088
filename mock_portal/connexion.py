"""« Connexion candidat » in three pages: département, identifiant, mot de passe."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from mock_portal import departements, lockout, personas
from mock_portal.auth import safe_next
from mock_portal.db import Database
from mock_portal.departements import DepartementError
from mock_portal.lockout import LOCK_AFTER
from mock_portal.middleware.csrf import read_form
from mock_portal.middleware.sessions import session_of
from mock_portal.passwords import absent_hash, verify_in_thread
from mock_portal.templating import heure_fr, templates

IDENTIFIANT = re.compile(r"[0-9A-Za-z]{1,20}")
# Even what « Retour » keeps in the session for later is bounded (the real format is 8 characters).
IDENTIFIANT_MAX = 64
GENERIC_FAILURE = (
    "Identifiant, mot de passe ou département incorrect. Vérifiez votre saisie et réessayez."
)


@dataclass(frozen=True)
class Attempt:
    """The outcome of a login attempt: who logged in, or until when the account is locked."""

    persona_id: int | None = None
    locked_until: datetime | None = None


def _redirect(request: Request, name: str) -> RedirectResponse:
    return RedirectResponse(request.url_for(name), status_code=303)


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


async def departement(request: Request) -> Response:
    session = session_of(request)
    context: dict[str, object] = {"departement": session.get("departement", ""), "errors": {}}
    if request.method == "POST":
        form = await read_form(request)
        typed = _text(form.get("departement"))
        try:
            session["departement"] = departements.normalize(typed)
        except DepartementError as exc:
            context.update(departement=typed, errors={"departement": str(exc)})
            return templates.TemplateResponse(
                request, "connexion/departement.html", context, status_code=400
            )
        return _redirect(request, "connexion:identifiant")
    context["message"] = session.pop("message")
    return templates.TemplateResponse(request, "connexion/departement.html", context)


async def identifiant(request: Request) -> Response:
    form = await read_form(request) if request.method == "POST" else None
    session = session_of(request)
    if not session.get("departement"):
        return _redirect(request, "connexion:departement")
    context: dict[str, object] = {
        "departement": session.get("departement"),
        "identifiant": session.get("identifiant", ""),
        "errors": {},
    }
    if form is not None:
        typed = _text(form.get("identifiant"))
        error = identifiant_error(typed)
        if form.get("action") == "retour" and not _too_long(typed):
            session["identifiant"] = typed
            return _redirect(request, "connexion:departement")
        if error:
            context.update(identifiant=typed, errors={"identifiant": error})
            return templates.TemplateResponse(
                request, "connexion/identifiant.html", context, status_code=400
            )
        session["identifiant"] = typed
        return _redirect(request, "connexion:mot_de_passe")
    return templates.TemplateResponse(request, "connexion/identifiant.html", context)


def _too_long(typed: str) -> bool:
    return len(typed) > IDENTIFIANT_MAX


def identifiant_error(typed: str) -> str | None:
    if not typed:
        return "Saisissez votre identifiant."
    if _too_long(typed):
        return f"L'identifiant ne doit pas dépasser {IDENTIFIANT_MAX} caractères (exemple : 1234567A)."
    if not IDENTIFIANT.fullmatch(typed):
        return "L'identifiant ne contient que des chiffres et des lettres (exemple : 1234567A)."
    return None


async def mot_de_passe(request: Request) -> Response:
    form = await read_form(request) if request.method == "POST" else None
    session = session_of(request)
    if not session.get("departement"):
        return _redirect(request, "connexion:departement")
    if not session.get("identifiant"):
        return _redirect(request, "connexion:identifiant")
    context: dict[str, object] = {
        "departement": session.get("departement"),
        "identifiant": session.get("identifiant"),
        "errors": {},
    }
    if form is None:
        return templates.TemplateResponse(request, "connexion/mot_de_passe.html", context)
    typed = _text(form.get("nom_utilisateur"))
    password = form.get("mot_de_passe")
    password = password if isinstance(password, str) else ""
    retour = form.get("action") == "retour"
    if retour and not _too_long(typed):
        session["identifiant"] = typed
        return _redirect(request, "connexion:identifiant")
    errors: dict[str, str] = {}
    error = identifiant_error(typed)
    if error:
        errors["nom_utilisateur"] = error
    if not password and not retour:
        errors["mot_de_passe"] = "Saisissez votre mot de passe."
    attempt = Attempt() if errors else await _authenticate(
        request.app.state.db, session.get("departement"), typed, password
    )
    if attempt.persona_id is None:
        if attempt.locked_until is not None:
            errors = {"mot_de_passe": _locked_message(attempt.locked_until)}
        errors = errors or {"mot_de_passe": GENERIC_FAILURE}
        context.update(identifiant=typed, errors=errors)
        return templates.TemplateResponse(
            request, "connexion/mot_de_passe.html", context, status_code=400
        )
    suite = safe_next(session.get("suite"))
    session.login(attempt.persona_id)
    session.pop("suite")
    return RedirectResponse(suite or request.url_for("espace_personnel"), status_code=303)


def _locked_message(until: datetime) -> str:
    return (
        f"Après {LOCK_AFTER} mots de passe erronés, votre compte est bloqué jusqu'à {heure_fr(until)}. "
        # The link's own words would make its accessible name ambiguous in the error summary.
        "Réessayez après cette heure, ou choisissez dès maintenant un nouveau mot de passe avec le "
        "lien placé sous le champ « Mot de passe »."
    )


async def _authenticate(db: Database, departement: str, identifiant: str, password: str) -> Attempt:
    # Counted before the check, refused before any hashing when locked (lockout.py).
    if (until := lockout.begin(db, identifiant)) is not None:
        # Even the right password waits: otherwise the lock would not slow a guesser down.
        return Attempt(locked_until=until)
    row = personas.by_identifiant(db, identifiant)
    # Verify against a dummy hash when nobody matches, so that timing tells nothing either.
    stored = row["password_hash"] if row is not None else await absent_hash()
    password_ok = await verify_in_thread(password, stored)
    # A wrong département counts too: the three answers form one secret, and splitting them
    # would tell a guesser which part was right.
    if row is not None and password_ok and row["department"] == departement:
        lockout.clear(db, identifiant)
        return Attempt(row["id"])
    return Attempt(locked_until=lockout.failed(db, identifiant))


async def deconnexion(request: Request) -> Response:
    await read_form(request)
    session_of(request).logout()
    return RedirectResponse(request.url_for("accueil").include_query_params(deconnecte="1"),
                            status_code=303)


routes = [
    Route("/departement", departement, methods=["GET", "POST"], name="departement"),
    Route("/identifiant", identifiant, methods=["GET", "POST"], name="identifiant"),
    Route("/mot-de-passe", mot_de_passe, methods=["GET", "POST"], name="mot_de_passe"),
    Route("/deconnexion", deconnexion, methods=["POST"], name="deconnexion"),
]
