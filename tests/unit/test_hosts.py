"""Only the portal's own host names are answered: links never point to a forged Host."""

from __future__ import annotations

from pathlib import Path

import pytest

from mock_portal.app import create_app
from mock_portal.cli import _allowed_hosts, main
from mock_portal.settings import Settings
from tests.support.asgi_client import InProcessClient
from tests.support.auth import NewClient


def test_hosts_forged_host_is_refused_in_french(client: InProcessClient, caplog: pytest.LogCaptureFixture):
    response = client.get("/actualisation", headers={"host": "evil.example"}, follow_redirects=False)
    assert response.status_code == 400
    assert "evil.example" not in response.headers.get("location", "")
    assert "Adresse non reconnue" in response.text
    assert "--allowed-host evil.example" in caplog.text


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost", "[::1]:8000"])
def test_hosts_loopback_names_are_answered(client: InProcessClient, host: str):
    assert client.get("/", headers={"host": host}).status_code == 200


def test_hosts_configured_name_is_answered(tmp_path: Path, new_client: NewClient):
    app = create_app(Settings(database=tmp_path / "p.sqlite3", allowed_hosts=("formation.example",)))
    client = new_client(app, "http://formation.example")
    response = client.get("/actualisation", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("http://formation.example/")
    assert client.get("/", headers={"host": "127.0.0.1"}).status_code == 400


def test_hosts_serve_allows_loopback_the_listening_host_and_each_allowed_host():
    assert _allowed_hosts("0.0.0.0", ["Salle-B.local", "fe80::1"]) == (
        "127.0.0.1", "localhost", "[::1]", "0.0.0.0", "salle-b.local", "[fe80::1]")
    assert _allowed_hosts("::1", []) == ("127.0.0.1", "localhost", "[::1]")


def test_hosts_settings_survive_the_trip_to_the_workers():
    settings = Settings(allowed_hosts=("a.example",), trusted_proxies=("10.0.0.1",))
    assert Settings.from_json(settings.to_json()) == settings


@pytest.mark.parametrize("name", ["a*.example", "**", "*example.org"])
def test_hosts_serve_refuses_a_malformed_wildcard_at_start(name: str):
    with pytest.raises(SystemExit) as exited:
        main(["serve", "--allowed-host", name])
    assert exited.value.code == 2
