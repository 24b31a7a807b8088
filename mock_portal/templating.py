"""Jinja2 environment: templates, French date filters and what every page needs."""

from __future__ import annotations

import sqlite3
import weakref
from datetime import date, datetime
from pathlib import Path
from typing import Any

import jinja2
from starlette.datastructures import URL
from starlette.requests import Request
from starlette.templating import Jinja2Templates

from mock_portal import auth
from mock_portal.clock import to_paris
from mock_portal.middleware import csrf
from mock_portal.personas import Persona

MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
    "octobre", "novembre", "décembre",
)


def date_fr(value: date | datetime) -> str:
    if isinstance(value, datetime):
        value = to_paris(value)
    return value.strftime("%d/%m/%Y")


def heure_fr(value: datetime) -> str:
    """« 09h05 », as the tutorial writes times."""
    return to_paris(value).strftime("%Hh%M")


def mois_fr(value: Any) -> str:
    return f"{MONTHS[value.month - 1]} {value.year}"


def montant_fr(cents: int) -> str:
    """1234.56 € written the French way: « 1 234,56 € » (narrow no-break spaces kept plain)."""
    euros, rest = divmod(abs(cents), 100)
    grouped = f"{euros:,}".replace(",", " ")
    sign = "-" if cents < 0 else ""
    return f"{sign}{grouped},{rest:02d} €"


def _page_context(request: Request) -> dict[str, Any]:
    state = request.app.state
    return {
        "csrf_field": csrf.FIELD,
        "csrf_token": csrf.token_of(request),
        "demo": state.demo,
        "testing": state.settings.testing,
        "viewer": _viewer(request),
    }


def _viewer(request: Request) -> Persona | None:
    """Who the header names: every page shows « Se déconnecter » to a logged-in visitor."""
    persona: Persona | None = getattr(request.state, "persona", None)
    if persona is not None:
        return persona
    try:
        return auth.current_persona(request)
    except (KeyError, sqlite3.Error):
        # An error page rendered outside the session middleware (KeyError), or for a failing
        # database, must still render: without the name.
        return None


# Starlette's url_for walks every route on each call: about 40 % of a page's rendering time
# (15 calls on the declaration form). Routes are fixed once the app is built, so the answer for
# (base URL, name, parameters) never changes; bounded, since the Host header is the client's.
_URL_CACHE_SIZE = 512
_urls: weakref.WeakKeyDictionary[Any, dict[tuple[Any, ...], URL]] = weakref.WeakKeyDictionary()


@jinja2.pass_context
def _url_for(context: dict[str, Any], name: str, /, **path_params: Any) -> URL:
    request: Request = context["request"]
    cache = _urls.setdefault(request.app, {})
    key = (str(request.base_url), name, *sorted(path_params.items()))
    url = cache.get(key)
    if url is None:
        if len(cache) >= _URL_CACHE_SIZE:
            cache.clear()
        url = cache[key] = request.url_for(name, **path_params)
    return url


_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).with_name("templates")),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
)
templates = Jinja2Templates(env=_env, context_processors=[_page_context])
templates.env.globals["url_for"] = _url_for
templates.env.filters.update(date_fr=date_fr, heure_fr=heure_fr, mois_fr=mois_fr, montant_fr=montant_fr)
