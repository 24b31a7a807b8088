"""The naming chain, whole: URL → route name → template → page object → fixture.

The rule (README « Layout »): a screen module ``screens/<m>.py`` serves the routes of one Mount
named after its URL prefix (``connexion``, ``actualisation``, ``echanges``, ``aide``), or plain
names at the site's root (``accueil``, ``espace_personnel``, ``outbox``). A route's view name is
its URL after the prefix, ``-`` and ``/`` written ``_`` (the prefix's own last word for the
entry). Its page renders ``templates/<namespace>/<view>.html`` (``<m>/<view>.html`` at the root),
its page object is ``<View>Page`` in ``pages/<m>.py``, and its fixture ``<view>_page``. A page
shown in another state at the same URL (``fermee``, ``modification_refusee``) has its own
template and page object, named after the state. ``screens/oubli.py``'s routes are mounted under
``/connexion``: they are ``connexion:*`` and render ``connexion/*.html``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.routing import BaseRoute, Mount, Route

import mock_portal_testing.page_fixtures as page_fixtures
from mock_portal.app import create_app
from mock_portal.settings import Settings
from mock_portal_testing.pages import PAGES, AidePage, BasePage

TEMPLATES = Path(__file__).parents[2] / "mock_portal" / "templates"


@dataclass(frozen=True)
class Entry:
    path: str
    prefix: str
    namespace: str | None
    view: str
    module: str


def _walk(routes: list[BaseRoute], prefix: str = "", namespace: str | None = None) -> list[Entry]:
    found = []
    for route in routes:
        if isinstance(route, Mount) and route.routes:
            found += _walk(route.routes, prefix + route.path, route.name)
        elif isinstance(route, Route):
            name = route.name
            ns, _, view = name.rpartition(":") if ":" in name else (namespace, "", name)
            # An entry outside its Mount (the prefix itself) is named in the Mount's namespace.
            entry_prefix = prefix if namespace else route.path if ns else ""
            found.append(Entry(prefix + route.path, entry_prefix, ns or None, view,
                               route.endpoint.__module__.rsplit(".", 1)[-1]))
    return found


def _slug(text: str) -> str:
    text = re.sub(r"\.\w+$", "", text)
    return re.sub(r"[-/]+", "_", text.strip("/"))


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Starlette:
    settings = Settings(database=tmp_path_factory.mktemp("chain") / "portal.sqlite3", testing=True)
    return create_app(settings)


@pytest.fixture(scope="module")
def entries(app: Starlette) -> list[Entry]:
    return [entry for entry in _walk(app.routes) if entry.module != "staticfiles"]


def _folder(entry: Entry) -> str:
    return entry.namespace or entry.module


def test_naming_chain_every_route_is_a_screens_module(entries: list[Entry]):
    import mock_portal.screens as screens

    modules = {path.stem for path in Path(screens.__file__).parent.glob("*.py")}
    assert {entry.module for entry in entries} <= modules


def test_naming_chain_route_name_is_the_url(entries: list[Entry]):
    wrong = []
    for entry in entries:
        if "{" in entry.path:
            continue  # named for what it serves: /outbox/{token} is outbox_personnel
        rest = entry.path[len(entry.prefix):] if entry.namespace else entry.path
        expected = _slug(rest) or _slug(entry.prefix) or entry.module
        if entry.view != expected:
            wrong.append((entry.path, entry.namespace, entry.view, expected))
    assert wrong == []


def test_naming_chain_page_objects_match_route_template_and_fixture(entries: list[Entry]):
    by_path = {entry.path: entry for entry in entries}
    fixtures = Path(page_fixtures.__file__).read_text(encoding="utf-8")
    wrong = []
    for page in PAGES:
        entry = by_path.get(page.path)
        if entry is None:
            wrong.append((page.__name__, "no route at", page.path))
            continue
        if page.__module__.rsplit(".", 1)[-1] != entry.module:
            wrong.append((page.__name__, "lives in", page.__module__, "route in", entry.module))
        stem = _snake(page.__name__.removesuffix("Page"))
        if f"\ndef {stem}_page(page: Page) -> {page.__name__}:" not in fixtures:
            wrong.append((page.__name__, "no fixture", f"{stem}_page"))
        if page is AidePage:
            continue  # one page object for every help topic: aide/<topic>.html, each its route
        if not (TEMPLATES / _folder(entry) / f"{stem}.html").is_file():
            wrong.append((page.__name__, "no template", f"{_folder(entry)}/{stem}.html"))
        other_route = next((e for e in entries if e.view == stem and _folder(e) == _folder(entry)), None)
        if other_route is not None and other_route.path != page.path:
            wrong.append((page.__name__, "path", page.path, "but the route is at", other_route.path))
        if other_route is None and (TEMPLATES / _folder(entry) / f"{entry.view}.html").is_file():
            wrong.append((page.__name__, "not named after its route", entry.view))
    assert wrong == []


def test_naming_chain_every_template_has_its_route_or_page(entries: list[Entry]):
    names = {f"{_folder(entry)}/{entry.view}" for entry in entries}
    states = {f"{page.__module__.rsplit('.', 1)[-1]}/{_snake(page.__name__.removesuffix('Page'))}"
              for page in PAGES}
    states |= {state.replace("oubli/", "connexion/") for state in states}
    orphans = [
        str(path.relative_to(TEMPLATES).with_suffix(""))
        for path in TEMPLATES.glob("*/*.html")
        if not path.name.startswith("_") and path.parent.name != "errors"
    ]
    assert [name for name in orphans if name not in names | states] == []
    assert sorted(path.name for path in TEMPLATES.glob("*.html")) == ["base.html", "macros.html"]


def test_naming_chain_every_page_with_a_template_has_a_page_object(entries: list[Entry]):
    paths = {page.path for page in PAGES}
    missing = [
        f"{_folder(entry)}:{entry.view}" for entry in entries
        if (TEMPLATES / _folder(entry) / f"{entry.view}.html").is_file()
        and entry.path not in paths and _folder(entry) != "aide" and "{" not in entry.path
    ]
    assert missing == []


def test_naming_chain_pages_are_base_pages():
    assert all(issubclass(page, BasePage) for page in PAGES)
    assert len({page.__name__ for page in PAGES}) == len(PAGES)
