"""The stylesheet and the script: versioned URLs the browser may keep for a year."""

from __future__ import annotations

import hashlib
import re

import pytest

from mock_portal import static_files
from tests.support.asgi_client import InProcessClient


def _linked(client: InProcessClient) -> list[str]:
    return re.findall(r'(?:href|src)="(http://[^"]+/static/[^"]+)"', client.get("/").text)


def test_static_files_pages_link_each_file_under_its_digest(client: InProcessClient):
    links = _linked(client)
    assert len(links) == 2
    for name in ("portal.css", "portal.js"):
        digest = hashlib.sha256((static_files.DIRECTORY / name).read_bytes()).hexdigest()[:12]
        assert any(link.endswith(f"/static/{name}?v={digest}") for link in links), links


def test_static_files_current_version_is_immutable_even_when_revalidated(client: InProcessClient):
    for link in _linked(client):
        first = client.get(link)
        assert first.status_code == 200
        assert first.headers["cache-control"] == "private, max-age=31536000, immutable"
        again = client.get(link, headers={"if-none-match": first.headers["etag"]})
        assert again.status_code == 304
        assert again.headers["cache-control"] == "private, max-age=31536000, immutable"


@pytest.mark.parametrize("query", ["", "?v=0123456789ab", "?v=", "?w=1"])
def test_static_files_other_versions_are_served_but_not_kept(client: InProcessClient, query: str):
    # An address from before a change of the file must not pin the new content for a year.
    answer = client.get(f"/static/portal.css{query}")
    assert answer.status_code == 200
    assert "cache-control" not in answer.headers


def test_static_files_unknown_file_is_a_404_without_cache(client: InProcessClient):
    answer = client.get("/static/absent.css?v=0123456789ab")
    assert answer.status_code == 404
    assert "immutable" not in answer.headers.get("cache-control", "")
