"""The declaration through the HTTP interface: what the draft keeps, date errors, the justificatif."""

from __future__ import annotations

import json

import pytest
from starlette.applications import Starlette

from mock_portal.questions import QUESTIONS, TOO_LONG
from tests.support.asgi_client import InProcessClient
from tests.support.auth import AuthActions
from tests.support.fuzzing import inside_the_window
from tests.unit.forms import RenderedForm, post, txt

ALL_NON = {q.name: "non" for q in QUESTIONS} | {"recherche": "oui"}
FORM = "/actualisation/formulaire"


@pytest.fixture
def logged_in(app: Starlette, auth: AuthActions) -> str:
    demo = next(entry for entry in app.state.personas if entry["key"] == "demo")
    return auth.login(identifiant=demo["identifiant"], password=demo["password"])


def session_rows(app: Starlette) -> list[str]:
    return [row["data"] for row in app.state.db.all("SELECT data FROM sessions WHERE persona_id IS NOT NULL")]


def test_actualisation_draft_keeps_only_the_forms_fields(app: Starlette, client: InProcessClient, logged_in: str):
    extra = {f"extra{index}": "x" * 6_000 for index in range(8)}  # under the 64 KiB body cap
    with inside_the_window():
        response = post(client, FORM, logged_in, **ALL_NON, **extra, heures="9" * 50)
        assert response.url.path == "/actualisation/confirmation"
    [data] = session_rows(app)
    assert len(data) < 2_000
    draft = json.loads(data)["brouillon"]
    assert set(draft["values"]) == set(ALL_NON) | {"heures"}


def test_actualisation_over_long_answer_is_refused_next_to_the_field(
    app: Starlette, client: InProcessClient, logged_in: str
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


def test_actualisation_dates_far_from_the_month_are_refused_and_kept(client: InProcessClient, logged_in: str):
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


NOT_WORKED = "Si vous n'avez pas travaillé, répondez « Non »."
IN_JUNE = "(du 01/06/2019 au 30/06/2019)."


@pytest.mark.parametrize(("question", "answer", "fields", "bad_field", "message"), [
    ("travail", "oui", {"heures": "", "salaire": "100"}, "heures",
     "Indiquez le nombre d'heures travaillées dans le mois."),
    ("travail", "oui", {"heures": "0", "salaire": "100"}, "heures",
     f"Le nombre d'heures doit être d'au moins 1. {NOT_WORKED}"),
    ("travail", "oui", {"heures": "421", "salaire": "100"}, "heures",
     "Le nombre d'heures ne peut pas dépasser 420 dans le mois."),
    ("travail", "oui", {"heures": "35,5", "salaire": "100"}, "heures",
     "Saisissez un nombre entier d'heures, sans virgule (exemple : 35)."),
    ("travail", "oui", {"heures": "trente", "salaire": "100"}, "heures",
     "Saisissez un nombre entier d'heures, sans virgule (exemple : 35)."),
    ("travail", "oui", {"heures": "35", "salaire": ""}, "salaire",
     "Indiquez le montant total de vos salaires bruts."),
    ("travail", "oui", {"heures": "35", "salaire": "-100"}, "salaire",
     "Le montant ne peut pas être négatif."),
    ("travail", "oui", {"heures": "35", "salaire": "0"}, "salaire",
     f"Le montant doit être supérieur à 0. {NOT_WORKED}"),
    ("travail", "oui", {"heures": "35", "salaire": "mille"}, "salaire",
     "Saisissez un montant en euros, en chiffres (exemple : 1 234,56)."),
    ("travail", "oui", {"heures": "35", "salaire": "12,345"}, "salaire",
     "Le montant ne peut pas avoir plus de 2 chiffres après la virgule."),
    ("stage", "oui", {"stage_du": "", "stage_au": "14/06/2019"}, "stage_du", "Indiquez une date."),
    ("stage", "oui", {"stage_du": "3 juin", "stage_au": "14/06/2019"}, "stage_du",
     "Saisissez une date au format JJ/MM/AAAA (exemple : 15/06/2019)."),
    ("stage", "oui", {"stage_du": "31/06/2019", "stage_au": "14/06/2019"}, "stage_du",
     "Cette date n'existe pas : vérifiez le jour et le mois."),
    ("stage", "oui", {"stage_du": "14/06/2019", "stage_au": "03/06/2019"}, "stage_au",
     "La date de fin ne peut pas être avant la date de début."),
    ("stage", "oui", {"stage_du": "01/07/2019", "stage_au": "05/07/2019"}, "stage_du",
     "La date de début doit se situer au plus tard le 30/06/2019."),
    ("maladie", "oui", {"maladie_du": "01/05/2019", "maladie_au": "20/05/2019"}, "maladie_au",
     f"La période doit concerner le mois déclaré {IN_JUNE}"),
    ("maternite", "oui", {"maternite_debut": "02/07/2019"}, "maternite_debut",
     "La date doit se situer au plus tard le 30/06/2019."),
    ("retraite", "oui", {"retraite_depuis": ""}, "retraite_depuis", "Indiquez une date."),
    ("invalidite", "oui", {"invalidite_depuis": "2019-13-01"}, "invalidite_depuis",
     "Cette date n'existe pas : vérifiez le jour et le mois."),
    ("recherche", "non", {"recherche_depuis": "20/05/2019", "recherche_motif": "reprise"}, "recherche_depuis",
     f"La date doit se situer dans le mois déclaré {IN_JUNE}"),
])
def test_actualisation_bad_follow_up_is_refused_next_to_it_and_values_kept(
    app: Starlette, client: InProcessClient, logged_in: str, question: str, answer: str, fields: dict[str, str],
    bad_field: str, message: str,
):
    before = session_rows(app)
    with inside_the_window():
        response = post(client, FORM, logged_in, **(ALL_NON | {question: answer} | fields))
    assert response.status_code == 400
    form = RenderedForm(response)
    form.assert_refused(bad_field, message)
    assert form.kept(question) == [answer]
    for name, typed in fields.items():
        assert form.kept(name) == ([typed] if name == "recherche_motif" else typed), name
    assert session_rows(app) == before


def test_actualisation_justificatif_is_not_cached(client: InProcessClient, logged_in: str):
    with inside_the_window():
        post(client, FORM, logged_in, **ALL_NON)
        page = client.get("/actualisation/confirmation").text
        brouillon = page.split('name="brouillon" value="', 1)[1].split('"', 1)[0]
        post(client, "/actualisation/confirmation", logged_in, brouillon=brouillon)
        response = client.get("/actualisation/justificatif/2019-06")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert response.headers["cache-control"] == "no-store"
