"""The outbox: what lands in it, the trainers' page and the testing API."""

from __future__ import annotations

import html
import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from mock_portal import classroom, outbox
from mock_portal.app import create_app
from mock_portal.clock import PARIS, clock
from mock_portal.settings import Settings
from tests.support.asgi_client import InProcessClient
from tests.support.auth import NewClient

START = datetime(2019, 6, 28, 9, 0, tzinfo=PARIS)


def _send_three(app) -> None:
    clock.set(START, frozen=True)
    outbox.send(app.state.db, "email", "camille.martin@exemple.fr", "Premier", "corps 1")
    clock.set(START + timedelta(minutes=5), frozen=True)
    outbox.send(app.state.db, "sms", "06 12 34 56 78", "ignoré", "corps 2")
    outbox.send(app.state.db, "email", "lea.moreau@exemple.fr", "Troisième", "corps 3")


def test_outbox_keeps_order_and_filters_by_recipient(app):
    _send_three(app)
    bodies = [message.body for message in outbox.messages(app.state.db)]
    assert bodies == ["corps 1", "corps 2", "corps 3"]
    newest = [message.body for message in outbox.messages(app.state.db, newest_first=True)]
    assert newest == ["corps 3", "corps 2", "corps 1"]
    assert [m.body for m in outbox.messages(app.state.db, "0612345678")] == ["corps 2"]
    assert [m.body for m in outbox.messages(app.state.db, "Camille.Martin@exemple.fr")] == ["corps 1"]
    assert outbox.messages(app.state.db, "personne@exemple.fr") == []


def test_outbox_sms_have_no_subject(app):
    _send_three(app)
    assert outbox.messages(app.state.db, "06 12 34 56 78")[0].subject == ""


def test_outbox_testing_api_shape_order_and_filter(app, client: InProcessClient):
    _send_three(app)
    everything = client.get("/_testing/outbox").json()
    assert [entry["body"] for entry in everything] == ["corps 1", "corps 2", "corps 3"]
    assert everything[0] == {
        "channel": "email", "to": "camille.martin@exemple.fr", "subject": "Premier", "body": "corps 1",
        "sent_at": "2019-06-28T09:00:00+02:00",
    }
    assert everything[1]["channel"] == "sms" and everything[1]["to"] == "06 12 34 56 78"
    only = client.get("/_testing/outbox", params={"to": "06 12 34 56 78"}).json()
    assert [entry["body"] for entry in only] == ["corps 2"]
    assert client.get("/_testing/outbox", params={"to": "x@y.z"}).json() == []


def test_outbox_reset_empties_it(app, client: InProcessClient):
    _send_three(app)
    client.post("/_testing/reset")
    assert client.get("/_testing/outbox").json() == []


def test_outbox_testing_api_absent_without_testing(tmp_path: Path, new_client: NewClient):
    plain = create_app(Settings(database=tmp_path / "p.sqlite3"))
    try:
        assert new_client(plain).get("/_testing/outbox").status_code == 404
    finally:
        plain.state.db.close()


def test_outbox_page_newest_first(app, client: InProcessClient):
    _send_three(app)
    page = html.unescape(client.get("/outbox").text)
    assert page.index("corps 3") < page.index("corps 2") < page.index("corps 1")
    assert "28/06/2019 à 09h05" in page and "28/06/2019 à 09h00" in page
    assert "06 12 34 56 78" in page and "SMS" in page and "Premier" in page


def test_outbox_page_empty(client: InProcessClient):
    page = html.unescape(client.get("/outbox").text)
    assert "Aucun message envoyé pour l'instant." in page


def test_outbox_page_escapes_bodies(app, client: InProcessClient):
    outbox.send(app.state.db, "email", "a@exemple.fr", "<b>objet</b>", "<script>alert(1)</script>")
    page = client.get("/outbox").text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


def test_outbox_linked_from_the_sandbox_banner(client: InProcessClient):
    for path in ("/", "/connexion/departement", "/outbox"):
        assert 'href="http://127.0.0.1/outbox"' in client.get(path).text


def test_outbox_page_says_it_is_public(client: InProcessClient):
    page = " ".join(html.unescape(client.get("/outbox").text).split())
    assert "Cette page est publique." in page
    assert "peut y lire son identifiant et un code pour changer son mot de passe" in page


def test_outbox_page_for_one_recipient_ignores_spaces_and_case(app, client: InProcessClient):
    _send_three(app)
    for typed in ("0612345678", " 06 12 34 56 78 ", "06%2012%2034%2056%2078"):
        page = html.unescape(client.get(f"/outbox?to={typed}").text)
        assert "corps 2" in page and "corps 1" not in page and "corps 3" not in page
    page = html.unescape(client.get("/outbox", params={"to": "CAMILLE.Martin@exemple.fr"}).text)
    assert "corps 1" in page and "corps 2" not in page
    assert "Messages envoyés à" in page and "Voir tous les messages" in page


def test_outbox_page_for_one_recipient_without_messages(app, client: InProcessClient):
    _send_three(app)
    page = html.unescape(client.get("/outbox", params={"to": "personne@exemple.fr"}).text)
    assert "Aucun message envoyé à cette adresse ou à ce numéro pour l'instant." in page
    assert "corps" not in page


def test_outbox_page_refuses_an_overlong_recipient(app, client: InProcessClient):
    _send_three(app)
    page = client.get("/outbox", params={"to": "a" * 255})
    assert page.status_code == 400
    assert 'id="to-error"' in page.text and "ne doit pas dépasser 254 caractères" in html.unescape(page.text)
    assert "corps" not in page.text


def _send_more_than_shown(db, to: str = "lea.moreau@exemple.fr") -> None:
    """SHOWN + 2 messages, numbered from 0 (the oldest)."""
    for number in range(outbox.SHOWN + 2):
        outbox.send(db, "email", to, "Objet", f"message n°{number:04d}")


MORE = f"Seuls les {outbox.SHOWN} messages les plus récents sont affichés."


def _bodies(page: str) -> list[str]:
    return re.findall(r'<td class="outbox-body">([^<]*)</td>', page)


@pytest.mark.parametrize("query", ["", "?to=LEA.MOREAU@exemple.fr"])
def test_outbox_page_shows_only_the_newest(app, client: InProcessClient, query: str):
    clock.set(START, frozen=True)
    _send_more_than_shown(app.state.db)
    page = html.unescape(client.get(f"/outbox{query}").text)
    newest = [f"message n°{number:04d}" for number in range(outbox.SHOWN + 1, 1, -1)]
    assert _bodies(page) == newest
    assert MORE in " ".join(page.split())


def test_outbox_page_says_nothing_when_all_are_shown(app, client: InProcessClient):
    clock.set(START, frozen=True)
    for number in range(outbox.SHOWN):
        outbox.send(app.state.db, "sms", "06 12 34 56 78", "", f"message n°{number:04d}")
    page = html.unescape(client.get("/outbox").text)
    assert len(_bodies(page)) == outbox.SHOWN
    assert "les plus récents sont affichés" not in page


def test_outbox_learner_page_shows_only_the_newest(app, db, client: InProcessClient):
    learner = classroom.create(db, 1, minimum=1)[1][0]
    assert learner.email
    _send_more_than_shown(db, learner.email)
    page = html.unescape(client.get(learner.outbox_path).text)
    assert _bodies(page) == [f"message n°{number:04d}" for number in range(outbox.SHOWN + 1, 1, -1)]
    assert MORE in " ".join(page.split())


def test_outbox_testing_api_keeps_the_newest_oldest_first(app, client: InProcessClient):
    clock.set(START, frozen=True)
    _send_more_than_shown(app.state.db)
    for query in ({}, {"to": "lea.moreau@exemple.fr"}):
        bodies = [entry["body"] for entry in client.get("/_testing/outbox", params=query).json()]
        assert bodies == [f"message n°{number:04d}" for number in range(2, outbox.SHOWN + 2)]


def test_outbox_keeps_only_the_newest_kept_messages(app, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(outbox, "KEPT", 5)
    for number in range(8):
        outbox.send(app.state.db, "sms", "06 00 00 00 00", "", f"message {number}")
    kept = outbox.messages(app.state.db)
    assert [message.body for message in kept] == [f"message {number}" for number in range(3, 8)]
