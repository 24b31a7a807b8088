"""French error pages: a visitor never sees a bare stack trace or an English status line."""

from __future__ import annotations

import logging
import sqlite3

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from mock_portal.middleware.body_limit import BodyTooLarge
from mock_portal.middleware.csrf import CsrfError
from mock_portal.templating import templates

log = logging.getLogger("mock_portal")

TITLES = {
    404: ("Page introuvable", "La page demandée n'existe pas ou plus."),
    405: ("Action impossible", "Cette page ne peut pas être utilisée de cette façon."),
}


class NotFound(HTTPException):
    """A 404 raised by a screen, optionally saying in French what is missing (Starlette's
    own details are English, and never shown)."""

    def __init__(self, texte: str | None = None) -> None:
        super().__init__(404)
        self.texte = texte


def _page(request: Request, status: int, titre: str, texte: str) -> Response:
    if request.url.path.startswith("/_testing"):
        return JSONResponse({"error": titre}, status_code=status)
    return templates.TemplateResponse(
        request, "errors/erreur.html", {"titre": titre, "texte": texte}, status_code=status
    )


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    titre, texte = TITLES.get(exc.status_code, ("Requête invalide", "La demande n'a pas pu être traitée."))
    if isinstance(exc, NotFound) and exc.texte:
        texte = exc.texte
    return _page(request, exc.status_code, titre, texte)


async def csrf_error(request: Request, exc: Exception) -> Response:
    return _page(request, 403, "Formulaire expiré ou non autorisé",
                 "Ce formulaire n'a pas été envoyé depuis le portail, ou il a expiré. "
                 "Rechargez la page et recommencez.")


async def body_too_large(request: Request, exc: Exception) -> Response:
    return _page(request, 413, "Envoi trop volumineux",
                 "Les informations envoyées dépassent la taille acceptée par ce formulaire. "
                 "Vérifiez votre saisie et recommencez.")


async def database_unavailable(request: Request, exc: Exception) -> Response:
    # The cause (locked, read-only, full or damaged file) is for the operator, not the visitor.
    log.error("database unavailable on %s: %s: %s", request.url.path, type(exc).__name__, exc)
    return _page(request, 503, "Service indisponible",
                 "Le service est momentanément indisponible. Vos informations n'ont pas été "
                 "modifiées. Réessayez dans quelques minutes.")


async def server_error(request: Request, exc: Exception) -> Response:
    """Anything unexpected; a database that cannot be used is told apart (503, not 500)."""
    if isinstance(exc, sqlite3.DatabaseError):
        return await database_unavailable(request, exc)
    log.exception("unexpected error on %s", request.url.path, exc_info=exc)
    return _page(request, 500, "Une erreur est survenue",
                 "Le service rencontre un problème. Vos informations n'ont pas été modifiées.")


async def last_resort(request: Request, exc: Exception) -> Response:
    """For Starlette's outermost ServerErrorMiddleware, reached only by an error outside the
    portal's own guard (CatchAllMiddleware): Starlette re-raises after answering and uvicorn
    then drops the connection, so the answer says so instead of leaving the client to guess."""
    response = await server_error(request, exc)
    response.headers["connection"] = "close"
    return response


handlers = {
    HTTPException: http_error, CsrfError: csrf_error, BodyTooLarge: body_too_large,
    sqlite3.DatabaseError: database_unavailable, Exception: last_resort,
}
