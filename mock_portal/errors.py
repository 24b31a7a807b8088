"""French error pages: a visitor never sees a bare stack trace or an English status line."""

from __future__ import annotations

import logging

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from mock_portal.middleware.csrf import CsrfError
from mock_portal.templating import templates

log = logging.getLogger("mock_portal")

TITLES = {
    404: ("Page introuvable", "La page demandée n'existe pas ou plus."),
    405: ("Action impossible", "Cette page ne peut pas être utilisée de cette façon."),
}


def _page(request: Request, status: int, titre: str, texte: str) -> Response:
    if request.url.path.startswith("/_testing"):
        return JSONResponse({"error": titre}, status_code=status)
    return templates.TemplateResponse(
        request, "errors/erreur.html", {"titre": titre, "texte": texte}, status_code=status
    )


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    titre, texte = TITLES.get(exc.status_code, ("Requête invalide", "La demande n'a pas pu être traitée."))
    return _page(request, exc.status_code, titre, texte)


async def csrf_error(request: Request, exc: Exception) -> Response:
    return _page(request, 403, "Formulaire expiré ou non autorisé",
                 "Ce formulaire n'a pas été envoyé depuis le portail, ou il a expiré. "
                 "Rechargez la page et recommencez.")


async def server_error(request: Request, exc: Exception) -> Response:
    log.exception("unexpected error on %s", request.url.path, exc_info=exc)
    return _page(request, 500, "Une erreur est survenue",
                 "Le service rencontre un problème. Vos informations n'ont pas été modifiées.")


handlers = {HTTPException: http_error, CsrfError: csrf_error, Exception: server_error}
