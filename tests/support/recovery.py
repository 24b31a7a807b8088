"""An HTTP visitor for the recovery flows, its answers kept to compare known and unknown people."""

from __future__ import annotations

import re

import httpx2 as httpx

from tests.support.asgi_client import InProcessClient

CODE = "123456"  # every code issued while secrets.randbelow is patched to return it
WRONG = "000000"
TOKEN = re.compile(r'(name="csrf_token" value=)"[^"]*"')

DEMO_IDENTITY = {"nom": "Martin", "prenom": "Camille", "date_naissance": "12/04/1985"}
NOBODY_IDENTITY = {"nom": "Martin", "prenom": "Camille", "date_naissance": "13/04/1985"}
DEMO_PASSWORD = {"identifiant": "1234567A", "date_naissance": "12/04/1985"}
NOBODY_PASSWORD = {"identifiant": "9999999Z", "date_naissance": "12/04/1985"}

Answer = tuple[int, str | None, str]


class HttpVisitor:
    """One browser: its own cookies and CSRF token; every answer is kept, token masked."""

    def __init__(self, client: InProcessClient) -> None:
        """``client`` does not follow redirects: each answer is kept as sent."""
        self.client = client
        self.client.get("/connexion/departement")
        self.csrf = self.client.cookies.get("pe_csrf") or ""
        self.answers: list[Answer] = []

    def _keep(self, response: httpx.Response) -> httpx.Response:
        self.answers.append((response.status_code, response.headers.get("location"),
                             TOKEN.sub(r'\1"…"', response.text)))
        return response

    def get(self, path: str) -> httpx.Response:
        return self._keep(self.client.get(path))

    def post(self, path: str, **data: str) -> httpx.Response:
        return self._keep(self.client.post(path, data={"csrf_token": self.csrf, **data}))


def ask_identifiant(visitor: HttpVisitor, identity: dict[str, str], channel: str) -> None:
    visitor.post("/connexion/identifiant-oublie", **identity)
    visitor.get("/connexion/identifiant-oublie/canal")
    visitor.post("/connexion/identifiant-oublie/canal", canal=channel)
    visitor.get("/connexion/identifiant-oublie/envoye")


def ask_code(visitor: HttpVisitor, identity: dict[str, str], channel: str) -> None:
    visitor.post("/connexion/mot-de-passe-oublie", **identity)
    visitor.get("/connexion/mot-de-passe-oublie/canal")
    visitor.post("/connexion/mot-de-passe-oublie/canal", canal=channel)
    visitor.get("/connexion/mot-de-passe-oublie/code")
