"""flaskr's ``AuthActions`` for the HTTP-level unit tests: the connexion's three steps posted the
way a browser posts them, the demo persona unless told otherwise (the ``auth`` fixture)."""

from __future__ import annotations

from collections.abc import Callable

import httpx2 as httpx

from tests.support.asgi_client import InProcessClient

DEMO = {"identifiant": "1234567A", "password": "Actu2019!", "departement": "67"}

# The ``new_client`` fixture: ``new_client(app, base_url=..., **InProcessClient options)``.
NewClient = Callable[..., InProcessClient]


class AuthActions:
    def __init__(self, client: InProcessClient) -> None:
        self.client = client

    def _token(self) -> str:
        """The token the browser holds, opening a page first when it holds none yet."""
        if "pe_csrf" not in self.client.cookies:
            self.client.get("/connexion/departement")
        return self.client.cookies["pe_csrf"]

    def _post(self, path: str, follow_redirects: bool = True, **data: str) -> httpx.Response:
        return self.client.post(path, data={"csrf_token": self._token(), **data},
                                follow_redirects=follow_redirects)

    def attempt(self, *, identifiant: str = DEMO["identifiant"], password: str = DEMO["password"],
                departement: str = DEMO["departement"], follow_redirects: bool = True) -> httpx.Response:
        """The three steps, whatever the answer: the page the last one ends on (or its redirect)."""
        self._post("/connexion/departement", departement=departement)
        self._post("/connexion/identifiant", identifiant=identifiant)
        return self._post("/connexion/mot-de-passe", follow_redirects, nom_utilisateur=identifiant,
                          mot_de_passe=password)

    def login(self, *, identifiant: str = DEMO["identifiant"], password: str = DEMO["password"],
              departement: str = DEMO["departement"]) -> str:
        """A login that must succeed; the CSRF token it renews, for the forms that follow."""
        response = self.attempt(identifiant=identifiant, password=password, departement=departement,
                                follow_redirects=False)
        assert response.status_code == 303, response.text
        return self.client.cookies["pe_csrf"]

    def logout(self) -> httpx.Response:
        return self._post("/connexion/deconnexion")
