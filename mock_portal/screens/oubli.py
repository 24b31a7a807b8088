"""« J'ai oublié mon identifiant » and « J'ai oublié mon mot de passe », by mail or by SMS.

Each recovery is: who are you → by mail or by SMS → « if this matches a record, it was sent ».
From the outside every step answers the same page whatever was typed: both channels are always
offered, nothing says where a message went (a masked address would confirm the account), and
the code page counts tries and expiry from the session, so that it behaves alike for a real
account and an unknown one. The message only goes out when the identity and the channel match
a record, within the limits of reset_codes.py and identifiant_messages.py; the outbox shows what
was really sent. A password reset then asks for the one-time code and the new password, twice.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from mock_portal import identifiant_messages, outbox, personas
from mock_portal.clock import clock, plus
from mock_portal.db import Database
from mock_portal.formats import date_fr, heure_fr
from mock_portal.identite import CHANNELS, identifiant_error, name_error, parse_birth_date
from mock_portal.middleware.csrf import read_form
from mock_portal.middleware.sessions import session_of
from mock_portal.password_rules import password_errors
from mock_portal.passwords import hash_in_thread
from mock_portal.personas import Persona
from mock_portal.reset_codes import CODE, CODE_ATTEMPTS, CODE_VALIDITY, check_code, issue_code
from mock_portal.web import field, flash, pop_flash, redirect, render

SIGNATURE = "Portail emploi (simulation d'entraînement)"
WRONG_CODE = "Ce code est incorrect. Vérifiez le code du dernier message reçu."
LAST_TRY = (f"Ce code est incorrect. Après {CODE_ATTEMPTS} essais, le code n'est plus valable : "
            "demandez un nouveau code.")
EXPIRED_CODE = ("Ce code n'est plus valable : il expire au bout de 15 minutes, et seul le dernier "
                "code reçu compte. Demandez un nouveau code.")
USED_CODE = "Ce code a déjà été utilisé : un code ne sert qu'une fois. Demandez un nouveau code."


# --- who is asking -------------------------------------------------------------------------


def _send(db: Database, persona: Persona, channel: str, subject: str, body: str) -> None:
    address = persona.address(channel)
    if address is not None:
        outbox.send(db, "email" if channel == "email" else "sms", address, subject, body)


def _persona(db: Database, state: dict[str, Any]) -> Persona | None:
    persona_id = state.get("persona_id")
    return None if persona_id is None else personas.get(db, persona_id)


def _page(request: Request, view: str, context: dict[str, Any], errors: dict[str, str]) -> Response:
    """Every recovery screen is ``connexion:<view>``, rendered from ``connexion/<view>.html``."""
    return render(request, f"connexion/{view}.html", context, errors=errors)


# --- J'ai oublié mon identifiant ------------------------------------------------------------

async def identifiant_oublie(request: Request) -> Response:
    form = await read_form(request) if request.method == "POST" else None
    session = session_of(request)
    typed = dict(session.get("oubli_identifiant", {}).get("saisie", {}))
    errors: dict[str, str] = {}
    if form is not None:
        typed = {name: field(form, name) for name in ("nom", "prenom", "date_naissance")}
        for name, what in (("nom", "nom"), ("prenom", "prénom")):
            if error := name_error(typed[name], what):
                errors[name] = error
        born, error = parse_birth_date(typed["date_naissance"])
        if error:
            errors["date_naissance"] = error
        if not errors and born is not None:
            persona = personas.by_identity(request.app.state.db, typed["nom"], typed["prenom"], born)
            session["oubli_identifiant"] = {"persona_id": persona.id if persona else None,
                                            "saisie": typed}
            return redirect(request, "connexion:identifiant_oublie_canal")
    return _page(request, "identifiant_oublie", {"saisie": typed}, errors)


def _identifiant_message(persona: Persona, channel: str) -> tuple[str, str]:
    if channel == "sms":
        return "", f"{SIGNATURE} : votre identifiant est {persona.identifiant}."
    return "Votre identifiant", (
        f"Bonjour {persona.first_name} {persona.last_name},\n\n"
        f"Vous avez demandé votre identifiant. Le voici : {persona.identifiant}\n\n"
        "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message.\n\n"
        f"{SIGNATURE}"
    )


async def _canal(request: Request, key: str, template: str, next_name: str, first_step: str) -> Response:
    """The « par mail / par SMS » step shared by both recoveries (one template each)."""
    form = await read_form(request) if request.method == "POST" else None
    session = session_of(request)
    state = dict(session.get(key) or {})
    if not state:
        return redirect(request, first_step)
    context = {"channels": CHANNELS, "canal": state.get("canal") if form is None else None}
    if form is None:
        return _page(request, template, context, {})
    chosen = field(form, "canal")
    if chosen not in CHANNELS:
        return _page(request, template, context,
                     {"canal": "Choisissez comment recevoir le message : par mail ou par SMS."})
    db: Database = request.app.state.db
    persona = _persona(db, state)
    state["canal"] = chosen
    if key == "oubli_mot_de_passe":
        # What the code page shows, the same whether a code went out or not.
        state["expire"] = plus(clock.now(), CODE_VALIDITY).isoformat()
        state["essais"] = 0
    if persona is not None and persona.address(chosen) is not None:
        with db.transaction():
            if key == "oubli_identifiant" and identifiant_messages.may_send(db, persona.id):
                _send(db, persona, chosen, *_identifiant_message(persona, chosen))
            elif key == "oubli_mot_de_passe" and (issued := issue_code(db, persona.id)) is not None:
                _send(db, persona, chosen, *_code_message(*issued, chosen))
    state.pop("verifie", None)
    session[key] = state
    return redirect(request, next_name)


async def identifiant_oublie_canal(request: Request) -> Response:
    return await _canal(request, "oubli_identifiant", "identifiant_oublie_canal",
                        "connexion:identifiant_oublie_envoye", "connexion:identifiant_oublie")


async def identifiant_oublie_envoye(request: Request) -> Response:
    state = session_of(request).get("oubli_identifiant") or {}
    if not state.get("canal"):
        return redirect(request, "connexion:identifiant_oublie")
    return _page(request, "identifiant_oublie_envoye",
                 {"canal": state["canal"], "par_heure": identifiant_messages.MESSAGES_PER_HOUR}, {})


# --- J'ai oublié mon mot de passe -----------------------------------------------------------


def _code_message(code: str, expires: datetime, channel: str) -> tuple[str, str]:
    if channel == "sms":
        return "", (f"{SIGNATURE} : votre code est {code}. Valable 15 minutes (jusqu'à "
                    f"{heure_fr(expires)}), une seule fois. Ne le communiquez à personne.")
    return "Votre code pour choisir un nouveau mot de passe", (
        f"Bonjour,\n\nVotre code : {code}\n\nIl est valable 15 minutes, jusqu'à {heure_fr(expires)}, "
        "et ne sert qu'une fois. Ne le communiquez à personne : aucun conseiller ne vous le "
        "demandera.\n\nSi vous n'êtes pas à l'origine de cette demande, ignorez ce message.\n\n"
        f"{SIGNATURE}"
    )


async def mot_de_passe_oublie(request: Request) -> Response:
    form = await read_form(request) if request.method == "POST" else None
    session = session_of(request)
    saved = session.get("oubli_mot_de_passe", {}).get("saisie", {})
    typed = {"identifiant": session.get("identifiant", ""), "date_naissance": "", **saved}
    errors: dict[str, str] = {}
    if form is not None:
        typed = {name: field(form, name) for name in ("identifiant", "date_naissance")}
        if error := identifiant_error(typed["identifiant"]):
            errors["identifiant"] = error
        born, error = parse_birth_date(typed["date_naissance"])
        if error:
            errors["date_naissance"] = error
        if not errors and born is not None:
            persona = personas.by_identifiant(request.app.state.db, typed["identifiant"])
            if persona is not None and persona.birth_date != born.isoformat():
                persona = None
            session["oubli_mot_de_passe"] = {"persona_id": persona.id if persona else None,
                                             "saisie": typed}
            return redirect(request, "connexion:mot_de_passe_oublie_canal")
    return _page(request, "mot_de_passe_oublie", {"saisie": typed, "message": pop_flash(request)},
                 errors)


async def mot_de_passe_oublie_canal(request: Request) -> Response:
    return await _canal(request, "oubli_mot_de_passe", "mot_de_passe_oublie_canal",
                        "connexion:mot_de_passe_oublie_code", "connexion:mot_de_passe_oublie")


def _code_error(db: Database, state: dict[str, Any], typed: str) -> str | None:
    """None when the code is good; else the message, from the session unless a real code matched."""
    if not typed:
        return "Saisissez le code à 6 chiffres reçu."
    if not CODE.fullmatch(typed):
        return "Le code est composé de 6 chiffres, sans lettre (exemple : 123456)."
    expire = state.get("expire")
    tries = int(state.get("essais") or 0)
    if not expire or clock.now() >= datetime.fromisoformat(expire) or tries >= CODE_ATTEMPTS:
        return EXPIRED_CODE
    persona = _persona(db, state)
    outcome = "wrong" if persona is None else check_code(db, persona.id, typed)
    if outcome == "ok":
        return None
    if outcome != "wrong":
        return USED_CODE if outcome == "used" else EXPIRED_CODE
    state["essais"] = tries + 1
    return LAST_TRY if tries + 1 >= CODE_ATTEMPTS else WRONG_CODE


async def mot_de_passe_oublie_code(request: Request) -> Response:
    form = await read_form(request) if request.method == "POST" else None
    session = session_of(request)
    state = dict(session.get("oubli_mot_de_passe") or {})
    if not state.get("canal"):
        return redirect(request, "connexion:mot_de_passe_oublie")
    expire = state.get("expire")
    context = {"canal": state["canal"], "expire": datetime.fromisoformat(expire) if expire else None,
               "code": ""}
    if form is None:
        return _page(request, "mot_de_passe_oublie_code", context, {})
    typed = "".join(field(form, "code").split())
    context["code"] = typed
    error = _code_error(request.app.state.db, state, typed)
    if error is None:
        state["verifie"] = clock.now().isoformat()
    session["oubli_mot_de_passe"] = state  # the count of tries, too
    if error:
        return _page(request, "mot_de_passe_oublie_code", context, {"code": error})
    return redirect(request, "connexion:mot_de_passe_oublie_nouveau")


async def mot_de_passe_oublie_nouveau(request: Request) -> Response:
    form = await read_form(request) if request.method == "POST" else None
    session = session_of(request)
    state = session.get("oubli_mot_de_passe") or {}
    db: Database = request.app.state.db
    persona = _persona(db, state)
    if persona is None or not state.get("verifie"):
        return redirect(request, "connexion:mot_de_passe_oublie")
    if clock.now() - datetime.fromisoformat(state["verifie"]) > CODE_VALIDITY:
        session.pop("oubli_mot_de_passe")
        flash(request, "Le délai de 15 minutes pour choisir un nouveau mot de passe est dépassé. "
                       "Recommencez votre demande.")
        return redirect(request, "connexion:mot_de_passe_oublie")
    if form is None:
        return _page(request, "mot_de_passe_oublie_nouveau", {}, {})
    password = form.get("nouveau_mot_de_passe")
    confirmation = form.get("confirmation")
    password = password if isinstance(password, str) else ""
    confirmation = confirmation if isinstance(confirmation, str) else ""
    errors = await password_errors(password, confirmation, persona.identifiant, persona.password_hash)
    if errors:
        return _page(request, "mot_de_passe_oublie_nouveau", {}, errors)
    new_hash = await hash_in_thread(password)
    now = clock.now()
    with db.transaction():
        personas.change_password(db, persona, new_hash)
        channel = state["canal"]
        body = (f"Votre mot de passe a été modifié le {date_fr(now)} à {heure_fr(now)}. Si vous n'êtes "
                "pas à l'origine de ce changement, contactez votre conseiller.")
        _send(db, persona, channel, "Votre mot de passe a été modifié", f"{SIGNATURE} : {body}")
    # This visitor's own session may have been one of them (a reset while logged in): it starts
    # afresh, logged out, and still shows the confirmation, then a new login.
    departement = session.get("departement")
    session.logout()
    if departement:
        session["departement"] = departement
    session["identifiant"] = persona.identifiant
    session["mot_de_passe_modifie"] = True
    return redirect(request, "connexion:mot_de_passe_oublie_modifie")


async def mot_de_passe_oublie_modifie(request: Request) -> Response:
    if not session_of(request).get("mot_de_passe_modifie"):
        return redirect(request, "connexion:mot_de_passe_oublie")
    return _page(request, "mot_de_passe_oublie_modifie", {}, {})


routes = [
    Route("/identifiant-oublie", identifiant_oublie, methods=["GET", "POST"], name="identifiant_oublie"),
    Route("/identifiant-oublie/canal", identifiant_oublie_canal, methods=["GET", "POST"],
          name="identifiant_oublie_canal"),
    Route("/identifiant-oublie/envoye", identifiant_oublie_envoye, name="identifiant_oublie_envoye"),
    Route("/mot-de-passe-oublie", mot_de_passe_oublie, methods=["GET", "POST"], name="mot_de_passe_oublie"),
    Route("/mot-de-passe-oublie/canal", mot_de_passe_oublie_canal, methods=["GET", "POST"],
          name="mot_de_passe_oublie_canal"),
    Route("/mot-de-passe-oublie/code", mot_de_passe_oublie_code, methods=["GET", "POST"],
          name="mot_de_passe_oublie_code"),
    Route("/mot-de-passe-oublie/nouveau", mot_de_passe_oublie_nouveau, methods=["GET", "POST"],
          name="mot_de_passe_oublie_nouveau"),
    Route("/mot-de-passe-oublie/modifie", mot_de_passe_oublie_modifie, name="mot_de_passe_oublie_modifie"),
]
