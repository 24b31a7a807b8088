"""Help pages behind every « Aide », « ? » and « [?] » link: one URL and one template each.

Help links open in a new tab (see ``help_link`` in macros.html), so that reading the help never
loses what was typed; every help page still has a way back for those who opened it directly.

A topic ``question-travail`` is served at ``/aide/question-travail``, named
``aide:question_travail`` and rendered from ``aide/question_travail.html``.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from mock_portal.web import render

TOPICS = (
    # Connexion
    "departement", "identifiant", "securite",
    # « AIDE EN LIGNE [?] » of the declaration, and the « [?] » of each question and field
    "actualisation", "question-travail", "heures", "salaire", "question-stage",
    "question-maladie", "question-maternite", "question-retraite", "question-invalidite",
    "question-recherche",
    # When the actualisation is open, and « Envoyer un document »
    "fenetre", "envoyer-un-document",
)


def _page(topic: str) -> Route:
    name = topic.replace("-", "_")

    async def endpoint(request: Request) -> Response:
        return render(request, f"aide/{name}.html", {})

    return Route(f"/{topic}", endpoint, name=name)


routes = [_page(topic) for topic in TOPICS]
