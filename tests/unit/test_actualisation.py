"""The declaration through the HTTP interface: what the draft keeps, date errors, the justificatif."""

from __future__ import annotations

import json

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from mock_portal.questions import QUESTIONS, TOO_LONG
from tests.support.auth import AuthActions
from tests.support.fuzzing import inside_the_window
from tests.unit.forms import post, txt

ALL_NON = {q.name: "non" for q in QUESTIONS} | {"recherche": "oui"}
FORM = "/actualisation/formulaire"


@pytest.fixture
def logged_in(app: Starlette, auth: AuthActions) -> str:
    demo = next(entry for entry in app.state.personas if entry["key"] == "demo")
    return auth.login(identifiant=demo["identifiant"], password=demo["password"])


def session_rows(app: Starlette) -> list[str]:
    return [row["data"] for row in app.state.db.all("SELECT data FROM sessions WHERE persona_id IS NOT NULL")]


def test_actualisation_draft_keeps_only_the_forms_fields(app: Starlette, client: TestClient, logged_in: str):
    extra = {f"extra{index}": "x" * 6_000 for index in range(8)}  # under the 64 KiB body cap
    with inside_the_window():
        response = post(client, FORM, logged_in, **ALL_NON, **extra, heures="9" * 50)
        assert response.url.path == "/actualisation/confirmation"
    [data] = session_rows(app)
    assert len(data) < 2_000
    draft = json.loads(data)["brouillon"]
    assert set(draft["values"]) == set(ALL_NON) | {"heures"}


def test_actualisation_over_long_answer_is_refused_next_to_the_field(
    app: Starlette, client: TestClient, logged_in: str
):
    before = session_rows(app)
    with inside_the_window():
        response = post(client, FORM, logged_in, **(ALL_NON | {
            "travail": "oui", "heures": "1" * 10_000, "salaire": "1 234,56"}))
    assert response.status_code == 400
    page = txt(response)
    assert page.count(TOO_LONG) == 2, "in the summary and next to the field"
    assert 'value="1 234,56"' in page and "1" * 101 not in page
    assert session_rows(app) == before


def test_actualisation_dates_far_from_the_month_are_refused_and_kept(client: TestClient, logged_in: str):
    with inside_the_window():
        response = post(client, FORM, logged_in, **(ALL_NON | {
            "stage": "oui", "stage_du": "01/01/0001", "stage_au": "31/12/9999",
            "maternite": "oui", "maternite_debut": "01/01/0001"}))
    assert response.status_code == 400
    page = txt(response)
    for message in ("La date doit se situer au plus tôt le 01/06/2016.",
                    "La date de fin doit se situer au plus tard le 30/06/2022.",
                    "La date doit se situer au plus tôt le 01/06/2018."):
        assert page.count(message) == 2, message
    for field, typed in (("stage_du", "01/01/0001"), ("stage_au", "31/12/9999"),
                         ("maternite_debut", "01/01/0001")):
        assert f'id="{field}-error"' in page and f'value="{typed}"' in page


def test_actualisation_justificatif_is_not_cached(client: TestClient, logged_in: str):
    with inside_the_window():
        post(client, FORM, logged_in, **ALL_NON)
        page = client.get("/actualisation/confirmation").text
        brouillon = page.split('name="brouillon" value="', 1)[1].split('"', 1)[0]
        post(client, "/actualisation/confirmation", logged_in, brouillon=brouillon)
        response = client.get("/actualisation/justificatif/2019-06")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert response.headers["cache-control"] == "no-store"
