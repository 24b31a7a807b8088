"""The CSRF token is bound to the session, new at login and logout, and Secure over HTTPS."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from starlette.applications import Starlette

from mock_portal.app import create_app
from mock_portal.settings import Settings
from tests.support.asgi_client import InProcessClient
from tests.support.auth import AuthActions, NewClient
from tests.unit.forms import post
from tests.unit.test_app import _post_routes

POST_ENDPOINTS = [
    "/connexion/departement", "/connexion/identifiant", "/connexion/mot-de-passe", "/connexion/deconnexion",
    "/connexion/identifiant-oublie", "/connexion/identifiant-oublie/canal", "/connexion/mot-de-passe-oublie",
    "/connexion/mot-de-passe-oublie/canal", "/connexion/mot-de-passe-oublie/code",
    "/connexion/mot-de-passe-oublie/nouveau", "/actualisation/formulaire", "/actualisation/confirmation",
    "/mes-echanges/envoyer-un-document", "/coordonnees/modifier", "/coordonnees/code",
    "/formateur/connexion", "/formateur/horloge", "/formateur/apprenants/debloquer",
    "/formateur/apprenants/reinitialiser", "/formateur/reinitialiser-la-classe", "/formateur/deconnexion",
]


def _victim(client: InProcessClient) -> str:
    """A logged-in visitor who has opened a page: their session holds its token."""
    cookie = client.post("/_testing/sessions", json={"identifiant": "1234567A"}).json()["value"]
    client.cookies.set("pe_session", cookie)
    client.put("/_testing/clock", json={"now": "2019-06-28T09:00", "frozen": True})  # in the window
    return _token_in(client.get("/espace-personnel").text)


def _token_in(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "no CSRF field on the page"
    return found.group(1)


def test_csrf_table_lists_every_post_endpoint(app: Starlette):
    assert sorted(POST_ENDPOINTS) == sorted(p for p in _post_routes(app.routes) if not p.startswith("/_testing"))


@pytest.mark.parametrize("path", POST_ENDPOINTS)
def test_csrf_planted_cookie_cannot_stand_in_for_the_session_token(client: InProcessClient, path: str):
    """Double submit with a cookie set by someone else (a sibling domain, a plain-HTTP hop)."""
    real = _victim(client)
    session = client.cookies["pe_session"]
    client.cookies.clear()
    forged = client.post(path, data={"csrf_token": "x", "departement": "67"}, follow_redirects=False,
                         headers={"cookie": f"pe_session={session}; pe_csrf=x"})
    assert forged.status_code == 403, path
    assert "Formulaire expiré ou non autorisé" in forged.text
    genuine = client.post(path, data={"csrf_token": real, "departement": "67"}, follow_redirects=False,
                          headers={"cookie": f"pe_session={session}; pe_csrf={real}"})
    assert genuine.status_code != 403, path


def test_csrf_token_is_new_at_login_and_at_logout(client: InProcessClient, auth: AuthActions, csrf: str):
    logged_in = auth.login()
    assert logged_in != csrf
    assert _token_in(client.get("/espace-personnel").text) == logged_in
    assert post(client, "/connexion/deconnexion", csrf).status_code == 403  # the token of before
    assert post(client, "/connexion/deconnexion", logged_in).status_code == 200
    logged_out = client.cookies["pe_csrf"]
    assert logged_out not in (csrf, logged_in)
    assert _token_in(client.get("/connexion/departement").text) == logged_out


def _cookies(response) -> dict[str, str]:
    return {header.split("=")[0]: header for header in response.headers.get_list("set-cookie")}


def _login_cookies(client: InProcessClient) -> dict[str, str]:
    """The cookies as the server sets them: before login, then at login."""
    before = _cookies(client.get("/connexion/departement"))
    response = AuthActions(client).attempt(follow_redirects=False)
    assert response.status_code == 303
    return {**before, **_cookies(response)}


def test_csrf_cookies_are_secure_over_https(app: Starlette, new_client: NewClient):
    cookies = _login_cookies(new_client(app, "https://127.0.0.1"))
    assert "secure" in cookies["pe_csrf"].lower() and "secure" in cookies["pe_session"].lower()


def test_csrf_cookies_are_not_secure_over_http(client: InProcessClient):
    cookies = _login_cookies(client)
    assert all("secure" not in cookie.lower() for cookie in cookies.values())


@pytest.mark.parametrize(("trusted", "secure"), [((), False), (("*",), True)])
def test_csrf_forwarded_https_believed_only_from_a_trusted_proxy(
    tmp_path: Path, new_client: NewClient, trusted: tuple, secure: bool
):
    app = create_app(Settings(database=tmp_path / "p.sqlite3", trusted_proxies=trusted))
    client = new_client(app, headers={"x-forwarded-proto": "https"})
    first = client.get("/connexion/departement")
    token = _token_in(first.text)
    client.cookies.set("pe_csrf", token)  # the test client keeps Secure cookies for https only
    response = client.post("/connexion/departement", data={"departement": "67", "csrf_token": token},
                           follow_redirects=False)
    assert response.status_code == 303
    assert ("secure" in _cookies(first)["pe_csrf"].lower()) is secure
    assert ("secure" in _cookies(response)["pe_session"].lower()) is secure
    app.state.db.close()
