"""Jinja2 environment: templates, the French formats as filters, and what every page needs."""

from __future__ import annotations

import sqlite3
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from starlette.datastructures import URL
from starlette.requests import Request
from starlette.templating import Jinja2Templates

from mock_portal import personas, static_files
from mock_portal.formats import date_fr, heure_fr, mois_fr, montant_fr
from mock_portal.middleware import csrf
from mock_portal.middleware.sessions import session_of
from mock_portal.personas import Persona


def _page_context(request: Request) -> dict[str, Any]:
    state = request.app.state
    return {
        "csrf_field": csrf.FIELD,
        "csrf_token": csrf.token_of(request),
        "demo": state.demo,
        "testing": state.settings.testing,
        "viewer": viewer(request),
    }


def viewer(request: Request) -> Persona | None:
    """Who the header names: every page shows « Se déconnecter » to a logged-in visitor."""
    persona: Persona | None = getattr(request.state, "persona", None)
    if persona is not None:
        return persona
    try:
        # auth.current_persona's two lines, not an import of auth: auth renders through web.py,
        # which imports this module.
        persona_id = session_of(request).persona_id
        return None if persona_id is None else personas.get(request.app.state.db, persona_id)
    except (KeyError, sqlite3.Error):
        # An error page rendered outside the session middleware (KeyError), or for a failing
        # database, must still render: without the name.
        return None


# Starlette's url_for walks every route on each call: about 40 % of a page's rendering time
# (15 calls on the declaration form). Routes are fixed once the app is built, so the answer for
# (base URL, name, parameters) never changes; bounded, since the Host header is the client's.
_URL_CACHE_SIZE = 512
_urls: weakref.WeakKeyDictionary[Any, dict[tuple[Any, ...], URL]] = weakref.WeakKeyDictionary()


def _cached(request: Request, key: tuple[Any, ...], make: Callable[[], URL]) -> URL:
    cache = _urls.setdefault(request.app, {})
    url = cache.get(key)
    if url is None:
        if len(cache) >= _URL_CACHE_SIZE:
            cache.clear()
        url = cache[key] = make()
    return url


@jinja2.pass_context
def _url_for(context: dict[str, Any], name: str, /, **path_params: Any) -> URL:
    request: Request = context["request"]
    key = (str(request.base_url), name, *sorted(path_params.items()))
    return _cached(request, key, lambda: request.url_for(name, **path_params))


@jinja2.pass_context
def _static_url(context: dict[str, Any], path: str, /) -> URL:
    """``url_for('static', path=...)`` with the file's version: see static_files.py."""
    request: Request = context["request"]
    return _cached(request, (str(request.base_url), static_files.QUERY, path),
                   lambda: request.url_for("static", path=path).include_query_params(
                       **{static_files.QUERY: static_files.version(path)}))


_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).with_name("templates")),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
)
templates = Jinja2Templates(env=_env, context_processors=[_page_context])
templates.env.globals.update(url_for=_url_for, static_url=_static_url)
templates.env.filters.update(date_fr=date_fr, heure_fr=heure_fr, mois_fr=mois_fr, montant_fr=montant_fr)
