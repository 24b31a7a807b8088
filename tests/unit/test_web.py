"""web.py and the page frame: what every screen's answer has in common."""

from __future__ import annotations

import re

from tests.support.asgi_client import InProcessClient
from tests.support.auth import AuthActions
from tests.unit.forms import post, txt


def _title(page) -> str:
    found = re.search(r"<title>(.*?)</title>", txt(page), re.S)
    assert found
    return found.group(1)


def test_web_render_prefixes_the_title_when_the_page_shows_errors(client: InProcessClient, csrf: str):
    page = post(client, "/connexion/departement", csrf, departement="999")
    assert page.status_code == 400
    assert _title(page).startswith("Erreur : ")
    assert not _title(client.get("/connexion/departement")).startswith("Erreur")


def test_web_not_found_says_what_is_missing_in_french(client: InProcessClient, auth: AuthActions):
    auth.login()
    page = client.get("/actualisation/justificatif/2019-06")
    assert page.status_code == 404
    assert "Aucun justificatif ne correspond à cette adresse." in txt(page)
    assert "Not Found" not in txt(page)
