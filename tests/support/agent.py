"""A scripted job seeker over plain HTTP (no browser), for load and multi-process tests.

It follows the same pages a person does: connexion in three steps, form, confirmation.
"""

from __future__ import annotations

import http.client
import re
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import urlencode, urlsplit

BROUILLON = re.compile(r'name="brouillon" value="([^"]+)"')
ALL_NON = {"travail": "non", "stage": "non", "maladie": "non", "maternite": "non", "retraite": "non",
           "invalidite": "non", "recherche": "oui"}


class Agent:
    def __init__(self, base_url: str, timeout: float = 30) -> None:
        parts = urlsplit(base_url)
        self.conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port or 80, timeout=timeout)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict[str, Any] | None = None) -> tuple[int, str, str]:
        """Status, final path (one redirect followed) and body."""
        body = None
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if form is not None:
            body = urlencode({**form, "csrf_token": self.cookies.get("pe_csrf", "")})
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.conn.request(method, path, body=body, headers=headers)
        response = self.conn.getresponse()
        text = response.read().decode()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        if response.status in (302, 303):
            location = urlsplit(response.headers["Location"]).path
            return self.request("GET", location)
        return response.status, path, text

    def login(self, department: str, identifiant: str, password: str) -> str:
        self.request("GET", "/connexion/departement")
        self.request("POST", "/connexion/departement", {"departement": department})
        self.request("POST", "/connexion/identifiant", {"identifiant": identifiant})
        _, path, _ = self.request("POST", "/connexion/mot-de-passe",
                                  {"nom_utilisateur": identifiant, "mot_de_passe": password})
        return path

    def declare(self, answers: dict[str, str] | None = None) -> str:
        """Fill and confirm the declaration; the path of the page reached."""
        _, path, _ = self.request("GET", "/actualisation")
        if not path.endswith("/formulaire"):
            return path
        _, _, page = self.request("POST", "/actualisation/formulaire", answers or ALL_NON)
        match = BROUILLON.search(page)
        if match is None:
            return path
        _, path, _ = self.request("POST", "/actualisation/confirmation", {"brouillon": match.group(1)})
        return path

    def close(self) -> None:
        self.conn.close()
