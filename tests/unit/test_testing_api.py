"""The testing API: JSON only, same origin only, loopback only, and a clock that stays sane."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import httpx2 as httpx
import pytest
from starlette.applications import Starlette

from mock_portal.app import create_app
from mock_portal.clock import PARIS, clock
from mock_portal.questions import QUESTIONS
from mock_portal.settings import Settings
from mock_portal_testing.situations import STAGE, Situation
from tests.support.asgi_client import InProcessClient
from tests.support.auth import AuthActions, NewClient
from tests.support.fuzzing import inside_the_window
from tests.unit.forms import post

JSON = {"content-type": "application/json"}


def test_testing_api_refuses_a_cross_site_request(client: InProcessClient):
    response = client.post("/_testing/reset", headers={"origin": "http://evil.example", **JSON})
    assert response.status_code == 403


def test_testing_api_accepts_its_own_origin(client: InProcessClient):
    response = client.post("/_testing/reset", headers={"origin": "http://127.0.0.1"})
    assert response.status_code == 200


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded",
                                          "multipart/form-data; boundary=x"])
def test_testing_api_refuses_bodies_that_are_not_json(client: InProcessClient, content_type: str):
    """What a cross-site form or a no-preflight fetch can send."""
    assert client.post("/_testing/reset", content=b"{}", headers={"content-type": content_type}).status_code == 415
    response = client.post("/_testing/sessions", content=b'{"identifiant": "1234567A"}',
                           headers={"content-type": content_type})
    assert response.status_code == 415
    assert "value" not in response.json()


def test_testing_api_refuses_a_body_without_content_type(client: InProcessClient):
    response = client.put("/_testing/clock", content=b'{"now": "2019-06-28T09:00"}', headers={"content-type": ""})
    assert response.status_code == 415


@pytest.mark.parametrize("host", ["portal.example", "192.168.1.5:8000"])
def test_testing_api_refuses_a_public_host(tmp_path: Path, new_client: NewClient, host: str):
    app = create_app(Settings(database=tmp_path / "p.sqlite3", testing=True, allowed_hosts=("*",)))
    client = new_client(app)
    assert client.get("/_testing/personas", headers={"host": host}).status_code == 403
    assert client.get("/", headers={"host": host}).status_code == 200


def test_testing_api_on_a_public_host_only_when_asked(tmp_path: Path, new_client: NewClient):
    app = create_app(Settings(database=tmp_path / "p.sqlite3", testing=True, testing_public_host=True,
                              allowed_hosts=("portal.example",)))
    client = new_client(app, "http://portal.example")
    assert client.get("/_testing/clock").status_code == 200
    assert client.get("/_testing/clock", headers={"host": "other.example"}).status_code == 400


@pytest.mark.parametrize("instant", ["9999-12-31T23:59:59", "0001-01-01", "1969-12-31T23:59:59",
                                     "2101-01-01T00:00", "0001-01-01T00:00+05:00"])
def test_testing_api_clock_refuses_instants_the_pages_cannot_show(client: InProcessClient, instant: str):
    before = client.put("/_testing/clock", json={"now": "2019-06-28T09:00", "frozen": True}).json()
    response = client.put("/_testing/clock", json={"now": instant})
    assert response.status_code == 422
    assert client.get("/_testing/clock").json() == before
    assert client.get("/").status_code == 200


@pytest.mark.parametrize("instant", ["1970-01-01T00:00", "2100-12-31T23:59:59"])
def test_testing_api_clock_accepts_the_bounds(client: InProcessClient, instant: str):
    assert client.put("/_testing/clock", json={"now": instant}).status_code == 200
    assert client.get("/").status_code == 200


# --- classroom learners through the testing API ---------------------------------------------

def test_testing_personas_lists_learners_in_the_personas_shape(client: InProcessClient):
    seated = client.post("/_testing/classe", json={"n": 2}).json()
    entries = client.get("/_testing/personas").json()
    assert entries[-2:] == seated
    demo_keys = set(entries[0])
    for entry in seated:
        assert set(entry) == demo_keys | {"outbox_path"}
        assert entry["outbox_path"].startswith("/outbox/")


@pytest.mark.parametrize("body", [{"n": 0}, {"n": 31}, {"n": "3"}, {"n": True}, {}, [3], "x"])
def test_testing_classe_refuses_bad_bodies(client: InProcessClient, body: object):
    response = client.post("/_testing/classe", json=body)
    assert response.status_code == 400
    assert "attendu" in response.json()["error"]
    assert len(client.get("/_testing/personas").json()) == 6


# --- POST /_testing/declarations: a declaration without the pages --------------------------

WORKED = Situation().worked("35", "1 234,56").stopped_looking("20/06/2019", "Reprise du travail")
WORKED_FORM = {**{q.name: "non" for q in QUESTIONS}, "travail": "oui", "heures": "35",
               "salaire": "1 234,56", "recherche_depuis": "20/06/2019", "recherche_motif": "reprise"}


def _declare(client: InProcessClient, body: object) -> httpx.Response:
    return client.post("/_testing/declarations", content=json.dumps(body).encode(), headers=JSON)


def _words(situation: Situation, identifiant: str) -> dict[str, object]:
    return {"identifiant": identifiant, "answers": situation.answers, "details": situation.details}


def test_testing_declarations_post_stores_what_the_pages_store(client: InProcessClient, auth: AuthActions, app: Starlette):
    demo, other = app.state.personas[0], app.state.personas[1]
    with inside_the_window():
        csrf = auth.login(identifiant=demo["identifiant"], password=demo["password"])
        post(client, "/actualisation/formulaire", csrf, **WORKED_FORM)
        brouillon = client.get("/actualisation/confirmation").text.split('name="brouillon" value="', 1)[1][:22]
        assert post(client, "/actualisation/confirmation", csrf, brouillon=brouillon).url.path.endswith("/validation")
        answer = _declare(client, _words(WORKED, other["identifiant"]))
        assert answer.status_code == 201
        stored = {row["identifiant"]: row for row in client.get("/_testing/declarations").json()}
    assert answer.json() == stored[other["identifiant"]]
    assert stored[other["identifiant"]]["answers"] == stored[demo["identifiant"]]["answers"]
    assert stored[other["identifiant"]]["validated_at"] == "2019-06-28T09:00:00+02:00"
    assert stored[other["identifiant"]]["answers"]["recherche_motif"] == "reprise"


@pytest.mark.parametrize(("body", "status", "says"), [
    ("pas du JSON", 400, "objet"),
    ({"identifiant": "1234567A"}, 400, "objet"),
    ({"identifiant": 5, "answers": {}}, 400, "objet"),
    ({"identifiant": "1234567A", "answers": {"Avez-vous dansé ?": "Oui"}}, 400, "question ou réponse inconnue"),
    ({"identifiant": "1234567A", "answers": {STAGE: "Peut-être"}}, 400, "question ou réponse inconnue"),
    ({"identifiant": "1234567A", "answers": {}, "details": {STAGE: {"Quand": "hier"}}}, 400, "champ inconnu"),
    ({"identifiant": "1234567A", "answers": {}, "details": {STAGE: {"Du": 3}}}, 400, "valeur non textuelle"),
    (_words(Situation(), "0000000Z"), 404, "identifiant inconnu"),
    ({"identifiant": "1234567A", "answers": {}}, 422, "Répondez à la question"),
    (_words(Situation().worked("35,5", "100"), "1234567A"), 422, "nombre entier d'heures"),
])
def test_testing_declarations_post_refuses_like_the_pages(
    client: InProcessClient, body: object, status: int, says: str,
):
    with inside_the_window():
        answer = _declare(client, body) if not isinstance(body, str) else client.post(
            "/_testing/declarations", content=body.encode(), headers=JSON)
        assert client.get("/_testing/declarations").json() == []
    assert answer.status_code == status
    assert says in answer.text


def test_testing_declarations_post_outside_the_window_or_twice_is_a_409(client: InProcessClient):
    clock.set(datetime(2019, 6, 20, 9, 0, tzinfo=PARIS), frozen=True)
    try:
        closed = _declare(client, _words(Situation(), "1234567A"))
    finally:
        clock.reset()
    with inside_the_window():
        assert _declare(client, _words(Situation(), "1234567A")).status_code == 201
        again = _declare(client, _words(WORKED, "1234567A"))
        assert [row["answers"]["travail"] for row in client.get("/_testing/declarations").json()] == ["non"]
    assert (closed.status_code, closed.json()) == (409, {"error": "La période d'actualisation est fermée."})
    assert again.status_code == 409
