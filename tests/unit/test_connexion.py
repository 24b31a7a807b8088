"""The connexion screens: what the session keeps of what is typed."""

from __future__ import annotations

import pytest

from tests.support.asgi_client import InProcessClient
from tests.unit.forms import post, txt

# --- what the session keeps ------------------------------------------------------------------

HUGE = "1234567A" * 1_250  # 10 000 characters: far over every field, under the 64 KiB body cap


def _largest_session(app) -> int:
    row = app.state.db.one("SELECT MAX(LENGTH(data)) AS n FROM sessions")
    return int(row["n"] or 0)


@pytest.mark.parametrize(("path", "field"), [
    ("/connexion/identifiant", "identifiant"), ("/connexion/mot-de-passe", "nom_utilisateur"),
])
def test_connexion_retour_refuses_an_overlong_identifiant_without_storing_it(
    app, client: InProcessClient, csrf: str, path: str, field: str
):
    post(client, "/connexion/departement", csrf, departement="67")
    post(client, "/connexion/identifiant", csrf, identifiant="1234567A")
    page = post(client, path, csrf, action="retour", **{field: HUGE})
    assert page.status_code == 400
    assert f'id="{field}-error"' in page.text
    assert "L'identifiant ne doit pas dépasser 64 caractères" in txt(page)
    assert "Saisissez votre mot de passe" not in txt(page)
    assert _largest_session(app) < 1_000


def test_connexion_retour_keeps_a_reasonable_identifiant(client: InProcessClient, csrf: str):
    post(client, "/connexion/departement", csrf, departement="67")
    post(client, "/connexion/identifiant", csrf, action="retour", identifiant="1234567-A")
    assert 'value="1234567-A"' in client.get("/connexion/identifiant").text


@pytest.mark.parametrize(("path", "data"), [
    ("/connexion/departement", {"departement": HUGE}),
    ("/connexion/identifiant-oublie", {"nom": HUGE, "prenom": HUGE, "date_naissance": HUGE}),
    ("/connexion/mot-de-passe-oublie", {"identifiant": HUGE, "date_naissance": "12/04/1985"}),
    ("/connexion/mot-de-passe-oublie", {"identifiant": "1234567A", "date_naissance": HUGE}),
])
def test_connexion_and_recovery_forms_never_store_overlong_fields(app, client: InProcessClient, csrf: str,
                                                                  path: str, data: dict[str, str]):
    page = post(client, path, csrf, **data)
    assert page.status_code == 400
    assert _largest_session(app) < 1_000
