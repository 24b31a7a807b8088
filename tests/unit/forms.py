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
