"""« Connexion candidat » in three pages: département, identifiant, mot de passe."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from mock_portal import departements, lockout, personas
from mock_portal.auth import safe_next
from mock_portal.clock import clock
from mock_portal.db import Database
from mock_portal.departements import DepartementError
from mock_portal.formats import heure_fr
from mock_portal.identite import identifiant_error, identifiant_too_long
from mock_portal.lockout import LOCK_AFTER
from mock_portal.middleware.csrf import read_form
from mock_portal.middleware.sessions import session_of
from mock_portal.passwords import absent_hash, verify_in_thread
from mock_portal.web import field, pop_flash, redirect, render

GENERIC_FAILURE = (
    "Identifiant, mot de passe ou département incorrect. Vérifiez votre saisie et réessayez."
)


@dataclass(frozen=True)
class Attempt:
    """The outcome of a login attempt: who logged in, or until when the account is locked."""

    persona_id: int | None = None
    locked_until: datetime | None = None


async def departement(request: Request) -> Response:
    session = session_of(request)
    context: dict[str, object] = {"departement": session.get("departement", "")}
    if request.method == "POST":
        form = await read_form(request)
        typed = field(form, "departement")
        try:
            session["departement"] = departements.normalize(typed)
        except DepartementError as exc:
            return render(request, "connexion/departement.html", {"departement": typed},
                          errors={"departement": str(exc)})
        return redirect(request, "connexion:identifiant")
    context["message"] = pop_flash(request)
    return render(request, "connexion/departement.html", context)


async def identifiant(request: Request) -> Response:
    form = await read_form(request) if request.method == "POST" else None
    session = session_of(request)
    if not session.get("departement"):
        return redirect(request, "connexion:departement")
    context: dict[str, object] = {
        "departement": session.get("departement"),
        "identifiant": session.get("identifiant", ""),
    }
    if form is not None:
        typed = field(form, "identifiant")
        error = identifiant_error(typed)
        if form.get("action") == "retour" and not identifiant_too_long(typed):
            session["identifiant"] = typed
            return redirect(request, "connexion:departement")
        if error:
            return render(request, "connexion/identifiant.html", {**context, "identifiant": typed},
                          errors={"identifiant": error})
        session["identifiant"] = typed
        return redirect(request, "connexion:mot_de_passe")
    return render(request, "connexion/identifiant.html", context)


async def mot_de_passe(request: Request) -> Response:
    form = await read_form(request) if request.method == "POST" else None
    session = session_of(request)
    if not session.get("departement"):
        return redirect(request, "connexion:departement")
    if not session.get("identifiant"):
        return redirect(request, "connexion:identifiant")
    context: dict[str, object] = {
        "departement": session.get("departement"),
        "identifiant": session.get("identifiant"),
    }
    if form is None:
        return render(request, "connexion/mot_de_passe.html", context)
    typed = field(form, "nom_utilisateur")
    password = form.get("mot_de_passe")
    password = password if isinstance(password, str) else ""
    retour = form.get("action") == "retour"
    if retour and not identifiant_too_long(typed):
        session["identifiant"] = typed
        return redirect(request, "connexion:identifiant")
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
        return render(request, "connexion/mot_de_passe.html", {**context, "identifiant": typed},
                      errors=errors)
    suite = safe_next(session.get("suite"))
    session.login(attempt.persona_id)
    personas.record_login(request.app.state.db, attempt.persona_id, clock.now())
    session.pop("suite")
    return RedirectResponse(suite, status_code=303) if suite else redirect(request, "espace_personnel")


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
    persona = personas.by_identifiant(db, identifiant)
    # Verify against a dummy hash when nobody matches, so that timing tells nothing either.
    stored = persona.password_hash if persona is not None else await absent_hash()
    password_ok = await verify_in_thread(password, stored)
    # A wrong département counts too: the three answers form one secret, and splitting them
    # would tell a guesser which part was right.
    if persona is not None and password_ok and persona.department == departement:
        lockout.clear(db, identifiant)
        return Attempt(persona.id)
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
