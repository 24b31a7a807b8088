"""tests/support/asgi_client.py: Starlette TestClient's behaviour, without its thread per message."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.testclient import TestClient

from tests.support.asgi_client import InProcessClient
from tests.support.own_loop import run_in_own_loop


async def chunks(request: Request) -> Response:
    received = [len(chunk) async for chunk in request.stream() if chunk]
    return PlainTextResponse(",".join(map(str, received)))


async def broken(request: Request) -> Response:
    raise RuntimeError("broken on purpose")


async def start(request: Request) -> Response:
    response = RedirectResponse("/landed", status_code=303)
    response.set_cookie("visit", "1")
    return response


async def landed(request: Request) -> Response:
    return PlainTextResponse(f"cookie={request.cookies.get('visit')} client={request.client}")


APP = Starlette(routes=[Route("/chunks", chunks, methods=["POST"]), Route("/broken", broken),
                        Route("/start", start), Route("/landed", landed)])


@pytest.mark.parametrize("client_class", [TestClient, InProcessClient])
def test_asgi_client_follows_redirects_and_sends_cookies_like_testclient(client_class: type):
    with client_class(APP, base_url="http://127.0.0.1") as client:
        response = client.get("/start")
        assert [r.status_code for r in response.history] == [303]
        assert (response.status_code, response.text) == (200, "cookie=1 client=Address(host='testclient', port=50000)")
        assert client.get("/start", follow_redirects=False).status_code == 303


def test_asgi_client_hands_a_generator_body_over_chunk_by_chunk():
    def body() -> Iterator[bytes]:
        yield b"abc"
        yield b"de"
        yield b"f"

    with InProcessClient(APP) as client:
        assert client.post("/chunks", content=body()).text == "3,2,1"


def test_asgi_client_raises_the_apps_error_unless_told_not_to():
    with InProcessClient(APP) as client, pytest.raises(RuntimeError, match="broken on purpose"):
        client.get("/broken")
    with InProcessClient(APP, raise_server_exceptions=False) as client:
        assert client.get("/broken").status_code == 500


def test_asgi_client_answers_while_an_event_loop_runs_in_the_calling_thread():
    # What a browser test leaves in a pytest worker's main thread: a loop marked as running. Made
    # here on a thread of its own, since after a browser test the main thread refuses a second one.
    async def from_inside_a_running_loop() -> int:
        with InProcessClient(APP) as client:
            return client.get("/landed").status_code

    assert run_in_own_loop(from_inside_a_running_loop) == 200


def test_asgi_client_with_block_closes_it_and_its_thread():
    with InProcessClient(APP) as client:
        assert client.get("/landed").status_code == 200
        with pytest.raises(RuntimeError), client:  # httpx's own rule: opened once
            pass
    with pytest.raises(RuntimeError):
        client.get("/landed")
    assert not any(thread.name.startswith("in-process-client") for thread in threading.enumerate())
