"""The application factory: routes and middleware composed from plain lists."""

from __future__ import annotations

import os
from datetime import timedelta
from types import SimpleNamespace

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import BaseRoute, Mount, Router
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from mock_portal import declarations, errors, faults, personas, shared_clock
from mock_portal.clock import clock
from mock_portal.db import Database
from mock_portal.middleware.body_limit import BodyLimitMiddleware
from mock_portal.middleware.catch_all import CatchAllMiddleware
from mock_portal.middleware.clock_sync import ClockSyncMiddleware
from mock_portal.middleware.csrf import CsrfMiddleware
from mock_portal.middleware.hosts import AllowedHostsMiddleware
from mock_portal.middleware.security import SecurityHeadersMiddleware
from mock_portal.middleware.sessions import SessionMiddleware, SessionStore
from mock_portal.screens import (
    accueil,
    actualisation,
    aide,
    connexion,
    coordonnees,
    echanges,
    espace_personnel,
    formateur,
    oubli,
    outbox,
    testing_api,
)
from mock_portal.settings import Settings
from mock_portal.static_files import VersionedStaticFiles

SETTINGS_ENV = "MOCK_PORTAL_SETTINGS"
# Routes that take a file, by name, with their body cap; every other body is capped small.
BODY_LIMITS = {"echanges:envoyer_un_document": echanges.BODY_LIMIT}


def create_app(settings: Settings | None = None) -> Starlette:
    settings = settings or Settings()
    declarations.check_policy(settings.modification_deadline)
    entries = personas.load_file(settings.personas_file)
    db = Database(settings.database)
    db.init_schema()
    personas.seed_if_empty(db, entries)
    if settings.now is not None:
        clock.set(settings.now, frozen=settings.frozen)

    routes: list[BaseRoute] = [
        *accueil.routes,
        Mount("/connexion", routes=[*connexion.routes, *oubli.routes], name="connexion"),
        *outbox.routes,
        *espace_personnel.routes,
        *actualisation.entry_routes,
        Mount("/actualisation", routes=actualisation.routes, name="actualisation"),
        *echanges.entry_routes,
        Mount("/mes-echanges", routes=echanges.routes, name="echanges"),
        Mount("/aide", routes=aide.routes, name="aide"),
        *coordonnees.entry_routes,
        Mount("/coordonnees", routes=coordonnees.routes, name="coordonnees"),
        *formateur.entry_routes,
        Mount("/formateur", routes=formateur.routes, name="formateur"),
        Mount("/static", app=VersionedStaticFiles(), name="static"),
    ]
    if settings.testing:
        faults.arm_from_environment()
        routes.append(Mount("/_testing", routes=testing_api.routes, name="testing"))

    session_store = SessionStore(db, timedelta(minutes=settings.session_idle_minutes),
                                 timedelta(hours=settings.session_max_hours))
    router = Router(routes)
    body_limits = {str(router.url_path_for(name)): limit for name, limit in BODY_LIMITS.items()}
    follower = shared_clock.Follower()
    middleware = [
        Middleware(AllowedHostsMiddleware, allowed_hosts=settings.allowed_hosts),
        Middleware(SecurityHeadersMiddleware),
        Middleware(CatchAllMiddleware, handler=errors.server_error),
        # Inside the catch-all: it reads the database, which may fail like any page (a 503).
        Middleware(ClockSyncMiddleware, db=db, follower=follower),
        # Outside the CSRF and session layers: nothing reads a body before the cap applies.
        Middleware(BodyLimitMiddleware, limits=body_limits),
        Middleware(SessionMiddleware, store=session_store),
        Middleware(CsrfMiddleware),
    ]
    if settings.trusted_proxies:
        # Outermost: the scheme (https → Secure cookies) and client address come from the proxy.
        middleware.insert(0, Middleware(ProxyHeadersMiddleware, trusted_hosts=list(settings.trusted_proxies)))
    app = Starlette(routes=routes, middleware=middleware, exception_handlers=errors.handlers)
    app.state.settings = settings
    app.state.db = db
    app.state.session_store = session_store
    app.state.clock_follower = follower
    app.state.personas = entries
    first = entries[0]
    app.state.demo = SimpleNamespace(
        identifiant=first["identifiant"], password=first["password"], department=first["department"]
    )
    return app


def create_app_from_environment() -> Starlette:
    """The factory uvicorn calls in each worker process of ``serve --workers N``."""
    return create_app(Settings.from_json(os.environ[SETTINGS_ENV]))
