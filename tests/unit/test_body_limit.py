"""Request bodies are capped while they arrive: small for forms, BODY_LIMIT for the upload."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.types import Message, Receive, Scope, Send

from mock_portal.middleware.body_limit import DEFAULT_LIMIT, BodyLimitMiddleware, BodyTooLarge
from mock_portal.screens.echanges import BODY_LIMIT
from tests.support.asgi_client import InProcessClient
from tests.support.own_loop import run_in_own_loop
from tests.unit.live import served

UPLOAD = "/mes-echanges/envoyer-un-document"


def _counting_receive(chunks: list[bytes]) -> tuple[Receive, Callable[[], int]]:
    """A client that streams ``chunks`` (no Content-Length) and counts what was read."""
    read = 0

    async def receive() -> Message:
        nonlocal read
        read += 1
        return {"type": "http.request", "body": chunks[read - 1], "more_body": read < len(chunks)}

    return receive, lambda: read


async def _reads_whole_body(scope: Scope, receive: Receive, send: Send) -> None:
    await Request(scope, receive).body()


def _scope(path: str, headers: list[tuple[bytes, bytes]] | None = None) -> Scope:
    return {"type": "http", "method": "POST", "path": path, "headers": headers or []}


async def _never_sends(message: Message) -> None:
    raise AssertionError("the middleware itself never answers")


def _run(app: BodyLimitMiddleware, scope: Scope, receive: Receive) -> None:
    run_in_own_loop(app, scope, receive, _never_sends)


def test_body_limit_chunked_form_body_stops_being_read_past_the_cap():
    chunks = [b"x" * 16 * 1024] * 100
    receive, read = _counting_receive(chunks)
    app = BodyLimitMiddleware(_reads_whole_body)
    with pytest.raises(BodyTooLarge):
        _run(app, _scope("/connexion/departement"), receive)
    assert read() == DEFAULT_LIMIT // (16 * 1024) + 1


def test_body_limit_declared_length_over_the_cap_reads_nothing():
    receive, read = _counting_receive([b"x"])
    app = BodyLimitMiddleware(_reads_whole_body)
    headers = [(b"content-length", str(150 * 1024 * 1024).encode())]
    with pytest.raises(BodyTooLarge):
        _run(app, _scope("/connexion/departement", headers), receive)
    assert read() == 0


def test_body_limit_route_with_a_larger_cap_reads_up_to_it_and_no_further():
    chunks = [b"x" * 1024 * 1024] * 30
    receive, read = _counting_receive(chunks)
    app = BodyLimitMiddleware(_reads_whole_body, limits={UPLOAD: BODY_LIMIT})
    with pytest.raises(BodyTooLarge):
        _run(app, _scope(UPLOAD), receive)
    assert read() == BODY_LIMIT // (1024 * 1024) + 1


def test_body_limit_form_over_the_cap_is_a_french_413(client: InProcessClient, csrf: str):
    response = client.post("/connexion/departement",
                           data={"csrf_token": csrf, "departement": "67", "rembourrage": "x" * DEFAULT_LIMIT})
    assert response.status_code == 413
    assert "Envoi trop volumineux" in response.text
    assert "pe_session" not in response.cookies


def test_body_limit_form_under_the_cap_is_accepted(client: InProcessClient, csrf: str):
    response = client.post("/connexion/departement", follow_redirects=False,
                           data={"csrf_token": csrf, "departement": "67", "rembourrage": "x" * 1000})
    assert response.status_code == 303


def test_body_limit_upload_over_the_small_cap_reaches_the_route(client: InProcessClient, csrf: str):
    """A file of a few hundred Ko goes past the form cap: the upload route has its own."""
    files = {"fichier": ("gros.pdf", b"%PDF-" + b"%" * 300 * 1024, "application/pdf")}
    response = client.post(UPLOAD, data={"csrf_token": csrf}, files=files, follow_redirects=False)
    # Not logged in: the route answers (login redirect), not the body cap.
    assert response.status_code == 303


def test_body_limit_server_answers_before_the_rest_of_a_huge_body(app: Starlette):
    """150 MB announced, 100 Ko sent: the 413 arrives without the server waiting for the rest."""
    with served(app) as conn:
        conn.putrequest("POST", "/connexion/departement")
        conn.putheader("Content-Type", "application/x-www-form-urlencoded")
        conn.putheader("Content-Length", str(150 * 1024 * 1024))
        conn.endheaders()
        conn.send(b"departement=67&x=" + b"x" * 100 * 1024)
        response = conn.getresponse()
        assert response.status == 413
        assert "Envoi trop volumineux" in response.read().decode()


def test_body_limit_refusal_keeps_the_connection_usable(app: Starlette):
    with served(app) as conn:
        conn.request("POST", "/connexion/departement", body=b"x" * (DEFAULT_LIMIT + 1),
                     headers={"Content-Type": "application/x-www-form-urlencoded"})
        assert conn.getresponse().read() and conn.sock is not None
        conn.request("GET", "/robots.txt")
        assert conn.getresponse().status == 200
