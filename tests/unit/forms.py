"""Posting the portal's forms the way a browser does, for the HTTP-level unit tests."""

from __future__ import annotations

import html

import httpx2 as httpx
from starlette.testclient import TestClient


def txt(response: httpx.Response) -> str:
    """The page as a reader sees it: Jinja escapes apostrophes."""
    return html.unescape(response.text)


def post(client: TestClient, path: str, csrf: str, **data: str) -> httpx.Response:
    return client.post(path, data={"csrf_token": csrf, **data})


def login(client: TestClient, csrf: str, password: str, identifiant: str = "1234567A",
          departement: str = "67") -> httpx.Response:
    post(client, "/connexion/departement", csrf, departement=departement)
    post(client, "/connexion/identifiant", csrf, identifiant=identifiant)
    return post(client, "/connexion/mot-de-passe", csrf, nom_utilisateur=identifiant, mot_de_passe=password)
