"""Help pages behind every « Aide », « ? » and « [?] » link: one URL and one template each."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from mock_portal.templating import templates

TOPICS = ("departement", "identifiant", "securite")


def _page(topic: str) -> Route:
    async def endpoint(request: Request) -> Response:
        return templates.TemplateResponse(request, f"aide/{topic}.html", {})

    return Route(f"/{topic}", endpoint, name=topic)


routes = [_page(topic) for topic in TOPICS]
