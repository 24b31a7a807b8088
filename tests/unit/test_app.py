"""The application as a whole: headers, CSRF on every POST, error pages, testing API gate."""

from __future__ import annotations

from pathlib import Path

import pytest
from starlette.routing import Mount, Route

from mock_portal.app import create_app
from mock_portal.settings import Settings
from tests.support.asgi_client import InProcessClient
from tests.support.auth import NewClient


def _post_routes(routes, prefix: str = ""):
    for route in routes:
        if isinstance(route, Mount):
            yield from _post_routes(route.routes, prefix + route.path)
        elif isinstance(route, Route) and route.methods and "POST" in route.methods:
            yield prefix + route.path


def test_app_security_headers_on_pages(client: InProcessClient):
    response = client.get("/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "same-origin"
    assert response.headers["cache-control"] == "no-store"


def test_app_no_inline_script(client: InProcessClient):
    for path in ("/", "/connexion/departement"):
        html = client.get(path).text
        assert "<script>" not in html and "onclick" not in html


def test_app_every_post_route_refuses_a_forged_form(app, client: InProcessClient):
    paths = [path for path in _post_routes(app.routes) if not path.startswith("/_testing")]
    assert "/connexion/departement" in paths
    for path in paths:
        response = client.post(path, data={"departement": "67"}, follow_redirects=False)
        assert response.status_code == 403, path
        assert "Formulaire expiré ou non autorisé" in response.text


def test_app_post_with_wrong_token_is_refused(client: InProcessClient, csrf: str):
    response = client.post("/connexion/departement", data={"departement": "67", "csrf_token": "x"})
    assert response.status_code == 403


def test_app_post_with_token_is_accepted(client: InProcessClient, csrf: str):
    response = client.post("/connexion/departement", data={"departement": "67", "csrf_token": csrf},
                           follow_redirects=False)
    assert response.status_code == 303


def test_app_cookies_are_httponly_and_lax(client: InProcessClient, csrf: str):
    response = client.post("/connexion/departement", data={"departement": "67", "csrf_token": csrf},
                           follow_redirects=False)
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("pe_session=")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_app_unknown_page_is_a_french_404(client: InProcessClient):
    response = client.get("/nulle-part")
    assert response.status_code == 404
    assert "Page introuvable" in response.text


def test_app_testing_api_absent_without_testing(tmp_path: Path, new_client: NewClient):
    client = new_client(create_app(Settings(database=tmp_path / "p.sqlite3")))
    assert client.get("/_testing/clock").status_code == 404
    assert client.put("/_testing/clock", json={"now": "2019-06-28T09:00"}).status_code == 404
    assert client.post("/_testing/reset").status_code == 404
    assert client.get("/_testing/personas").status_code == 404


def test_app_reset_keeps_only_personas(app, client: InProcessClient, csrf: str):
    client.post("/connexion/departement", data={"departement": "67", "csrf_token": csrf})
    db = app.state.db
    assert db.one("SELECT COUNT(*) AS n FROM sessions")["n"] == 1
    assert client.post("/_testing/reset").json() == {"reset": True}
    assert db.one("SELECT COUNT(*) AS n FROM sessions")["n"] == 0
    assert db.one("SELECT COUNT(*) AS n FROM personas")["n"] == len(app.state.personas)


def test_app_login_suite_keeps_only_local_paths():
    from mock_portal.auth import safe_next

    assert safe_next("//evil.example") is None
    assert safe_next("https://evil.example") is None
    assert safe_next("/actualisation") == "/actualisation"


@pytest.mark.parametrize("bad", ["", "{", "[]", '{"now": 5}', '{"now": "x"}'])
def test_app_testing_clock_rejects(client: InProcessClient, bad: str):
    response = client.put("/_testing/clock", content=bad, headers={"content-type": "application/json"})
    assert response.status_code == 400
    assert "error" in response.json()
