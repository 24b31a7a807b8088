"""The blank declaration form rendered once: byte for byte a fresh render, each visitor's token."""

from __future__ import annotations

from datetime import datetime

import pytest
from starlette.applications import Starlette

from mock_portal import fragments
from mock_portal.clock import PARIS, clock
from tests.support.asgi_client import InProcessClient
from tests.support.auth import AuthActions, NewClient

FORM = "/actualisation/formulaire"
# Inside the June 2019 window, and inside the July one: another period on the page.
INSTANTS = [datetime(2019, 6, 28, 9, 0, tzinfo=PARIS), datetime(2019, 7, 29, 10, 0, tzinfo=PARIS)]


def logged_in_client(app: Starlette, client: InProcessClient, key: str = "demo") -> InProcessClient:
    persona = next(entry for entry in app.state.personas if entry["key"] == key)
    AuthActions(client).login(identifiant=persona["identifiant"], password=persona["password"],
                              departement=persona["department"])
    return client


def test_fragments_blank_form_is_the_fresh_render_with_each_visitors_token(
    app: Starlette, new_client: NewClient, monkeypatch: pytest.MonkeyPatch
):
    # One app for every Host and period, so that one cache serves them all.
    cases = [(base_url, instant) for instant in INSTANTS for base_url in ("http://127.0.0.1", "http://localhost")]
    cached, fresh, clients = {}, {}, {}
    for base_url, instant in cases:  # a new login ends the demo's other sessions: one case at a time
        clock.set(instant, frozen=True)
        clients[base_url, instant] = tuple(logged_in_client(app, new_client(app, base_url)) for _ in range(2))
        cached[base_url, instant] = [client.get(FORM) for client in clients[base_url, instant] * 2]
        monkeypatch.setattr(fragments, "enabled", False)
        fresh[base_url, instant] = [client.get(FORM) for client in clients[base_url, instant]]
        monkeypatch.setattr(fragments, "enabled", True)
    for case in cases:
        assert [r.status_code for r in cached[case] + fresh[case]] == [200] * 6
        assert "Déclarez votre situation mensuelle" in cached[case][0].text
        assert [r.content for r in cached[case]] == [r.content for r in fresh[case] * 2]
        assert cached[case][0].headers["content-type"] == fresh[case][0].headers["content-type"]
        first, second = clients[case]
        assert first.cookies["pe_csrf"] != second.cookies["pe_csrf"]
        assert f'value="{second.cookies["pe_csrf"]}"' in cached[case][1].text
        assert fragments.PLACEHOLDER not in cached[case][0].text
        assert case[0] in cached[case][0].text  # url_for's absolute links follow the Host
    assert cached[cases[0]][0].text != cached[cases[2]][0].text  # another period


def test_fragments_form_with_a_draft_is_not_served_from_the_cache(app: Starlette, new_client: NewClient):
    clock.set(INSTANTS[0], frozen=True)
    client = logged_in_client(app, new_client(app))
    blank = client.get(FORM).text
    token = client.cookies["pe_csrf"]
    client.post(FORM, data={"csrf_token": token, "travail": "oui"})  # refused, values kept
    client.post(FORM, data={"csrf_token": token, **{name: "non" for name in (
        "travail", "stage", "maladie", "maternite", "retraite", "invalidite")}, "recherche": "oui"})
    draft = client.get(FORM).text  # back from the confirmation: the answers are checked
    assert "checked" not in blank and "checked" in draft


def test_fragments_blank_form_names_its_own_visitor_in_the_header(app: Starlette, new_client: NewClient):
    clock.set(INSTANTS[0], frozen=True)
    camille = logged_in_client(app, new_client(app)).get(FORM).text
    karim = logged_in_client(app, new_client(app), "sms_only").get(FORM).text
    assert "Camille Martin" in camille and "Karim Benali" not in camille
    assert "Karim Benali" in karim and "Camille Martin" not in karim
