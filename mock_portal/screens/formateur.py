"""« Bureau du formateur » (/formateur): the sandbox clock, where each learner stands, and the
class reset, behind the trainer code that ``serve`` prints at start. Every change is logged."""

from __future__ import annotations

import functools
import logging
import re
from datetime import datetime, timedelta
from typing import Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from mock_portal import desk, documents, sandbox, shared_clock, window
from mock_portal.auth import Endpoint
from mock_portal.classroom import Learner
from mock_portal.clock import clock
from mock_portal.desk import Preset, Progress
from mock_portal.errors import NotFound
from mock_portal.formats import date_fr, heure_fr, mois_fr
from mock_portal.middleware.csrf import csrf_first, read_form
from mock_portal.middleware.sessions import session_of
from mock_portal.web import field, flash, pop_flash, redirect, render

log = logging.getLogger("mock_portal")
SEAT = re.compile(r"[0-9]{1,2}")
TRAINER = "formateur"
WRONG_CODE = ("Ce code formateur est incorrect. Le code est affiché par la commande "
              "« mock-portal serve » au démarrage du portail.")
# What a preset changes beyond the window itself.
AFTER = {
    "dernier-jour": " ; fermeture à 23h59, dans 9 minutes",
    "apres-modification": " ; « Modifier » a disparu des déclarations déjà validées",
}


def _done(request: Request, message: str) -> RedirectResponse:
    flash(request, message)
    return redirect(request, "formateur:formateur")


def trainer_required(endpoint: Endpoint) -> Endpoint:
    @functools.wraps(endpoint)
    async def guarded(request: Request) -> Response:
        if session_of(request).get(TRAINER) is not True:
            return redirect(request, "formateur:connexion")
        return await endpoint(request)

    return guarded


def _sign_in_as_trainer(request: Request) -> None:
    # A new session token, as at any login (fixation); a learner logged in here is logged out.
    session = session_of(request)
    session.logout()
    session[TRAINER] = True


async def connexion(request: Request) -> Response:
    errors: dict[str, str] = {}
    if request.method == "POST":
        form = await read_form(request)
        typed = field(form, "code")
        if not typed:
            errors["code"] = "Saisissez le code formateur."
        else:
            result = desk.sign_in(request.app.state.db, typed, clock.now())
            if result.ok:
                _sign_in_as_trainer(request)
                log.info("trainer desk: trainer signed in")
                return redirect(request, "formateur:formateur")
            if result.locked_until is not None:
                errors["code"] = (f"Après {desk.LOCK_AFTER} codes erronés, le bureau du formateur est "
                                  f"bloqué jusqu'à {heure_fr(result.locked_until)}.")
                log.warning("trainer desk: wrong trainer code, desk locked until %s",
                            result.locked_until.isoformat())
            else:
                errors["code"] = WRONG_CODE
                log.warning("trainer desk: wrong trainer code")
    elif session_of(request).get(TRAINER) is True:
        return redirect(request, "formateur:formateur")
    return render(request, "formateur/connexion.html", {}, errors=errors)


def what_learners_see(preset_key: str, instant: datetime | None) -> str:
    if instant is None:
        return "Les apprenants voient la date et l'heure réelles"
    period = window.declared_period(instant)
    if period is None:
        opening = window.next_opening(instant)
        return (f"Le bouton M'actualiser est masqué ; la prochaine période ouvre le "
                f"{date_fr(opening)} à {heure_fr(opening)}")
    return f"Le bouton M'actualiser est visible ; période de {mois_fr(period)}{AFTER.get(preset_key, '')}"


def where(progress: Progress) -> list[str]:
    """Where a learner stands, in the words of the desk's table."""
    states = ["connecté" if progress.connected
              else "déconnecté" if progress.ever_connected else "jamais connecté"]
    declaration = progress.declaration
    if declaration is not None:
        states.append(f"déclaration modifiée à {heure_fr(declaration.validated_at)}"
                      if declaration.version > 1
                      else f"déclaration validée à {heure_fr(declaration.first_validated_at)}")
    if progress.documents:
        states.append("document envoyé")
    if progress.locked_until is not None:
        states.append(f"compte bloqué jusqu'à {heure_fr(progress.locked_until)}")
    return states


def _preset_row(preset: Preset, now: datetime, idle: timedelta) -> dict[str, Any]:
    when = (f"{date_fr(preset.instant)} à {heure_fr(preset.instant)}" if preset.instant
            else "l'heure de l'ordinateur")
    sees = what_learners_see(preset.key, preset.instant)
    # Sessions expire after this much idle time: a jump forward past it logs everyone out.
    if preset.instant is not None and preset.instant - now > idle:
        sees += " ; les apprenants connectés devront se reconnecter"
    return {"key": preset.key, "label": preset.label, "when": when, "sees": sees}


@trainer_required
async def formateur(request: Request) -> Response:
    state = request.app.state
    now = clock.now()
    idle = timedelta(minutes=state.settings.session_idle_minutes)
    return render(request, "formateur/formateur.html", {
        "now": now,
        "real_time": not clock.is_set,
        "sees_now": what_learners_see("", now),
        "presets": [_preset_row(p, now, idle)
                    for p in desk.presets(now, state.settings.modification_deadline)],
        "learners": [{"learner": p.learner, "states": where(p), "locked": p.locked_until is not None}
                     for p in desk.class_progress(state.db, now, idle)],
        "message": pop_flash(request),
    })


@csrf_first
@trainer_required
async def horloge(request: Request) -> Response:
    form = await read_form(request)
    key = form.get("preset")
    state = request.app.state
    policy = state.settings.modification_deadline
    chosen = desk.preset(clock.now(), policy, key if isinstance(key, str) else "")
    if chosen is None:
        return _done(request, "Ce réglage de l'horloge n'existe pas : choisissez-en un dans la liste.")
    shared_clock.choose(state.db, chosen.instant)
    state.clock_follower.follow(state.db)
    # A session lives 12 hours from its creation whatever its activity: a jump of days would end
    # the trainer's, so they get a new one, created at the new time.
    _sign_in_as_trainer(request)
    log.info("trainer desk: clock set to %s (%s)",
             chosen.instant.isoformat() if chosen.instant else "real time", chosen.key)
    sees = what_learners_see(chosen.key, chosen.instant)
    return _done(request, f"Horloge réglée : {chosen.label}. {sees}.")


async def _learner(request: Request) -> Learner:
    seat = (await read_form(request)).get("seat")
    # Seats are 1 to 30: two ASCII digits at most, so int() never sees a huge or exotic number.
    valid = isinstance(seat, str) and SEAT.fullmatch(seat) is not None
    found = desk.learner(request.app.state.db, int(str(seat))) if valid else None
    if found is None:
        raise NotFound()
    return found


@csrf_first
@trainer_required
async def apprenants_debloquer(request: Request) -> Response:
    one = await _learner(request)
    desk.unlock(request.app.state.db, one)
    log.info("trainer desk: learner %d (%s) unlocked", one.seat, one.identifiant)
    return _done(request, f"Le compte de {one.first_name} {one.last_name} est débloqué.")


@csrf_first
@trainer_required
async def apprenants_reinitialiser(request: Request) -> Response:
    one = await _learner(request)
    state = request.app.state
    desk.reset_learner(state.db, one, documents.folder(state.settings))
    log.info("trainer desk: learner %d (%s) reset to their card", one.seat, one.identifiant)
    return _done(request, f"Le compte de {one.first_name} {one.last_name} est revenu à sa fiche : "
                          "mot de passe de la fiche, déclarations, documents et messages effacés.")


@csrf_first
@trainer_required
async def reinitialiser_la_classe(request: Request) -> Response:
    state = request.app.state
    sandbox.reset(state.db, state.settings, state.personas)
    # The reset empties every session, the trainer's too: open a new one.
    _sign_in_as_trainer(request)
    log.info("trainer desk: class reset")
    return _done(request, "La classe est réinitialisée : chaque apprenant retrouve le compte de sa "
                          "fiche, sans déclaration, document ni message.")


@csrf_first
async def deconnexion(request: Request) -> Response:
    session_of(request).logout()
    return redirect(request, "accueil")


entry_routes = [Route("/formateur", formateur, name="formateur:formateur")]
routes = [
    Route("/connexion", connexion, methods=["GET", "POST"], name="connexion"),
    Route("/horloge", horloge, methods=["POST"], name="horloge"),
    Route("/apprenants/debloquer", apprenants_debloquer, methods=["POST"],
          name="apprenants_debloquer"),
    Route("/apprenants/reinitialiser", apprenants_reinitialiser, methods=["POST"],
          name="apprenants_reinitialiser"),
    Route("/reinitialiser-la-classe", reinitialiser_la_classe, methods=["POST"],
          name="reinitialiser_la_classe"),
    Route("/deconnexion", deconnexion, methods=["POST"], name="deconnexion"),
]
