"""« Envoyer un document » and « Mes échanges » through the HTTP interface (no browser)."""

from __future__ import annotations

import os
import re
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import anyio
import httpx2
import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from mock_portal import document_check, documents
from mock_portal.screens.echanges import BODY_LIMIT, NO_FILE, NO_KIND, NO_SITUATION, SEVERAL_FILES
from tests.support.asgi_client import InProcessClient
from tests.support.auth import AuthActions, NewClient
from tests.unit.test_documents import png_of_size

FILES = Path(__file__).resolve().parents[2] / "fixtures" / "files"
PDF = (FILES / "bulletin-de-salaire.pdf").read_bytes()
SEND = "/mes-echanges/envoyer-un-document"
CHOICES = {"situation": "salarie", "type_document": "bulletin-de-salaire"}


def persona(app: Starlette, key: str) -> dict:
    return next(entry for entry in app.state.personas if entry["key"] == key)


def credentials(entry: dict) -> dict[str, str]:
    """What a persona types at the connexion, as ``AuthActions.login`` takes it."""
    return {"identifiant": entry["identifiant"], "password": entry["password"], "departement": entry["department"]}


@pytest.fixture
def demo_token(app: Starlette, auth: AuthActions) -> str:
    demo = persona(app, "demo")
    return auth.login(**credentials(demo))


def send(client: httpx2.Client, token: str, files: list, **fields: str):
    data = {**CHOICES, "csrf_token": token, **fields}
    return client.post(SEND, data=data, files=files, follow_redirects=False)


def one_loop(app: Starlette, visitor: InProcessClient) -> TestClient:
    """The visitor's cookies on Starlette's TestClient: one event loop, in a thread of its own,
    answers requests sent from several threads at once, which an InProcessClient cannot."""
    return TestClient(app, base_url=str(visitor.base_url), cookies=visitor.cookies)


def stored(app: Starlette) -> list[Path]:
    folder = documents.folder(app.state.settings)
    return sorted(folder.iterdir()) if folder.exists() else []


def rows(app: Starlette) -> list:
    return app.state.db.all("SELECT * FROM documents")


def test_echanges_pages_require_login(client: InProcessClient):
    for path in ("/mes-echanges", SEND, "/mes-echanges/document-envoye", "/mes-echanges/documents/1"):
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 303, path
        assert response.headers["location"].endswith("/connexion/departement")


def test_echanges_empty_list(client: InProcessClient, demo_token: str):
    page = client.get("/mes-echanges")
    assert "<h1>Mes échanges avec Pôle emploi</h1>" in page.text
    assert "Vous n'avez envoyé aucun document." in page.text


def test_echanges_espace_personnel_links_to_mes_echanges(client: InProcessClient, demo_token: str):
    assert 'href="http://127.0.0.1/mes-echanges"' in client.get("/espace-personnel").text


@pytest.mark.parametrize(("name", "mime", "pages", "kind"), [
    ("bulletin-de-salaire.pdf", "application/pdf", 1, "pdf"),
    ("attestation-employeur-3-pages.pdf", "application/pdf", 3, "pdf"),
    ("bulletin-photo.jpg", "image/jpeg", 1, "jpg"),
    ("bulletin-scan.png", "image/png", 1, "png"),
])
def test_echanges_sent_document_is_stored_listed_and_downloadable(
    app: Starlette, client: InProcessClient, demo_token: str, name: str, mime: str, pages: int, kind: str
):
    content = (FILES / name).read_bytes()
    response = send(client, demo_token, [("fichier", (name, content, "application/octet-stream"))])
    assert response.status_code == 303
    assert response.headers["location"].endswith("/mes-echanges/document-envoye")

    confirmation = client.get("/mes-echanges/document-envoye").text
    assert "Votre document a bien été envoyé" in confirmation
    assert name in confirmation

    [row] = rows(app)
    assert (row["file_name"], row["media_type"]) == (name, mime)
    assert (row["pages"], row["size"]) == (pages, len(content))
    [path] = stored(app)
    assert path.name == row["stored_name"] and path.suffix == f".{kind}"
    assert name not in path.name
    assert path.read_bytes() == content

    listing = client.get("/mes-echanges").text
    assert name in listing and "Bulletin de salaire" in listing and "Actualisation – Salarié" in listing
    assert f"<td>{pages}</td>" in listing

    download = client.get(f"/mes-echanges/documents/{row['id']}")
    assert download.status_code == 200
    assert download.content == content
    assert download.headers["content-type"].startswith(mime)
    assert download.headers["content-disposition"].startswith("attachment")


EMPTY_INPUT = [("fichier", ("", b"", "application/octet-stream"))]


def file(name: str, content: bytes) -> list:
    return [("fichier", (name, content, "application/pdf"))]


@pytest.mark.parametrize(("files", "message"), [
    (EMPTY_INPUT, NO_FILE),
    ([], NO_FILE),
    (file("a.pdf", PDF) + file("b.pdf", PDF), SEVERAL_FILES),
    (file("vide.pdf", b""), documents.EMPTY),
    (file("gros.pdf", PDF + b"%" * (documents.MAX_SIZE + 1 - len(PDF))), documents.TOO_LARGE),
    (file("bulletin.pdf", (FILES / "programme-renomme.pdf").read_bytes()), documents.WRONG_TYPE),
    (file("bulletin.pdf", (FILES / "bulletin-tronque.pdf").read_bytes()), documents.CORRUPT_PDF),
    (file("bulletin.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64), documents.CORRUPT_IMAGE),
    (file("bulletin.docx", b"PK\x03\x04" + b"\x00" * 64), documents.WRONG_TYPE),
], ids=["no-file", "no-part", "two-files", "empty", "too-large", "executable", "corrupt-pdf",
        "corrupt-png", "word"])
def test_echanges_refused_file_stores_nothing(
    app: Starlette, client: InProcessClient, demo_token: str, files: list, message: str
):
    response = send(client, demo_token, files, situation="stage-formation", type_document="autre")
    assert response.status_code == 400
    html = response.text
    escaped = message.replace("'", "&#39;")
    assert html.count(escaped) == 2, "in the summary and next to the field"
    assert 'href="#fichier"' in html
    assert re.search(r'value="stage-formation"\s+checked', html)
    assert re.search(r'value="autre"\s+checked', html)
    assert rows(app) == [] and stored(app) == []
    assert "Vous n'avez envoyé aucun document." in client.get("/mes-echanges").text


def test_echanges_missing_choices_are_reported_and_nothing_is_stored(
    app: Starlette, client: InProcessClient, demo_token: str
):
    response = send(client, demo_token, file("bulletin.pdf", PDF), situation="", type_document="")
    assert response.status_code == 400
    for message in (NO_SITUATION, NO_KIND):
        assert response.text.count(message) == 2
    assert 'href="#situation"' in response.text and 'id="situation"' in response.text
    assert rows(app) == [] and stored(app) == []


def test_echanges_unknown_choice_is_refused(app: Starlette, client: InProcessClient, demo_token: str):
    response = send(client, demo_token, file("bulletin.pdf", PDF), situation="pirate")
    assert response.status_code == 400 and NO_SITUATION in response.text
    assert rows(app) == []


def test_echanges_body_above_the_limit_is_not_even_parsed(
    app: Starlette, client: InProcessClient, demo_token: str
):
    response = send(client, demo_token, file("enorme.pdf", PDF + b"%" * BODY_LIMIT))
    assert response.status_code == 400
    assert documents.TOO_LARGE.replace("'", "&#39;") in response.text
    assert rows(app) == [] and stored(app) == []


def test_echanges_user_file_name_is_escaped(app: Starlette, client: InProcessClient, demo_token: str):
    name = "<img src=x onerror=alert(1)> & co.pdf"
    send(client, demo_token, file(name, PDF))
    for page in (client.get("/mes-echanges/document-envoye").text, client.get("/mes-echanges").text):
        assert "<img src=x" not in page
        assert "&lt;img src=x onerror=alert(1)&gt; &amp; co.pdf" in page


def test_echanges_same_form_sent_twice_stores_one_document(
    app: Starlette, client: InProcessClient, demo_token: str
):
    for _ in range(2):
        response = send(client, demo_token, file("bulletin.pdf", PDF), envoi="formulaire-1")
        assert response.headers["location"].endswith("/mes-echanges/document-envoye")
    assert len(rows(app)) == 1 and len(stored(app)) == 1
    send(client, demo_token, file("bulletin.pdf", PDF), envoi="formulaire-2")
    assert len(rows(app)) == 2


def test_echanges_forged_upload_is_refused(app: Starlette, client: InProcessClient, demo_token: str):
    response = client.post(SEND, data=CHOICES, files=file("bulletin.pdf", PDF))
    assert response.status_code == 403
    assert rows(app) == [] and stored(app) == []


def test_echanges_another_persona_neither_sees_nor_fetches_the_document(
    app: Starlette, new_client: NewClient, demo_token: str
):
    owner = new_client(app)
    demo = persona(app, "demo")
    token = AuthActions(owner).login(**credentials(demo))
    send(owner, token, file("bulletin-camille.pdf", PDF))
    [row] = rows(app)

    other = new_client(app)
    salarie = persona(app, "salarie")
    AuthActions(other).login(**credentials(salarie))
    assert "bulletin-camille.pdf" not in other.get("/mes-echanges").text
    for number in (row["id"], row["id"] + 1, 0):
        response = other.get(f"/mes-echanges/documents/{number}")
        assert response.status_code == 404
        assert "Page introuvable" in response.text
    # The confirmation page of someone else's session shows nothing either.
    assert other.get("/mes-echanges/document-envoye", follow_redirects=False).status_code == 303
    assert owner.get(f"/mes-echanges/documents/{row['id']}").content == PDF


def test_echanges_confirmation_without_a_sent_document_goes_to_the_list(
    client: InProcessClient, demo_token: str
):
    response = client.get("/mes-echanges/document-envoye", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].endswith("/mes-echanges")


def test_echanges_file_missing_on_disk_is_a_404(app: Starlette, client: InProcessClient, demo_token: str):
    send(client, demo_token, file("bulletin.pdf", PDF))
    [path] = stored(app)
    path.unlink()
    assert client.get(f"/mes-echanges/documents/{rows(app)[0]['id']}").status_code == 404


def test_echanges_documents_dir_setting(tmp_path: Path, new_client: NewClient):
    from mock_portal.app import create_app
    from mock_portal.clock import clock
    from mock_portal.settings import Settings

    folder = tmp_path / "ailleurs"
    app = create_app(Settings(database=tmp_path / "p.sqlite3", documents_dir=folder))
    try:
        client = new_client(app)
        demo = persona(app, "demo")
        token = AuthActions(client).login(**credentials(demo))
        send(client, token, file("bulletin.pdf", PDF))
        assert len(list(folder.iterdir())) == 1
        assert not (tmp_path / "p.sqlite3-documents").exists()
    finally:
        app.state.db.close()
        clock.reset()


def test_echanges_chunked_body_above_the_limit_is_cut_short(
    app: Starlette, client: InProcessClient, demo_token: str
):
    def chunks():
        yield b"--cut\r\nContent-Disposition: form-data; name=\"fichier\"; filename=\"a.pdf\"\r\n\r\n%PDF-"
        for _ in range(BODY_LIMIT // (1024 * 1024) + 1):
            yield b"%" * 1024 * 1024
        yield b"\r\n--cut--\r\n"

    response = client.post(SEND, content=chunks(), headers={"content-type": "multipart/form-data; boundary=cut"})
    assert response.status_code == 400
    assert documents.TOO_LARGE.replace("'", "&#39;") in response.text
    assert rows(app) == [] and stored(app) == []


@pytest.mark.parametrize(("content", "content_type"), [
    (b"x", "multipart/form-data"),  # no boundary
    (b"--b\r\nno headers\r\n\r\n", "multipart/form-data; boundary=b"),
])
def test_echanges_malformed_body_gets_a_french_message(
    app: Starlette, client: InProcessClient, demo_token: str, content: bytes, content_type: str
):
    response = client.post(SEND, content=content, headers={"content-type": content_type})
    assert response.status_code in (400, 403, 413)
    assert "Une erreur est survenue" not in response.text
    assert rows(app) == []


def test_echanges_many_files_at_once_are_refused_without_reading_them(
    app: Starlette, client: InProcessClient, demo_token: str
):
    response = send(client, demo_token, [item for index in range(8) for item in file(f"{index}.pdf", PDF)])
    assert response.status_code == 400
    assert "L&#39;envoi n&#39;a pas pu être lu." in response.text
    assert rows(app) == [] and stored(app) == []


def test_echanges_reset_of_one_portal_keeps_the_files_of_a_neighbour(tmp_path: Path, new_client: NewClient):
    from mock_portal import sandbox
    from mock_portal.app import create_app
    from mock_portal.clock import clock
    from mock_portal.settings import Settings

    first, second = (create_app(Settings(database=tmp_path / name)) for name in ("a.sqlite3", "b.sqlite3"))
    try:
        for app in (first, second):
            client = new_client(app)
            demo = persona(app, "demo")
            send(client, AuthActions(client).login(**credentials(demo)),
                 file("bulletin.pdf", PDF))
        kept = stored(second)
        sandbox.reset(first.state.db, first.state.settings, first.state.personas)
        assert stored(first) == [] and len(kept) == 1
        assert stored(second) == kept and kept[0].read_bytes() == PDF
    finally:
        for app in (first, second):
            app.state.db.close()
        clock.reset()


@pytest.mark.parametrize("path", [
    "/mes-echanges/documents/9223372036854775807",  # SQLite's largest integer
    "/mes-echanges/documents/9223372036854775808",  # one more: used to be an OverflowError
    "/mes-echanges/documents/" + "9" * 5000,  # beyond what int() reads (4 300 digits)
    "/mes-echanges/documents/00000000000000000000001",
    "/mes-echanges/documents/-1",
    "/mes-echanges/documents/1e3",
    "/actualisation/justificatif/9999-12",
    "/actualisation/justificatif/0000-01",
    "/actualisation/justificatif/99999999999999999999-01",
])
def test_echanges_out_of_range_numbers_in_addresses_are_not_found(
    client: InProcessClient, demo_token: str, path: str
):
    response = client.get(path)
    assert response.status_code == 404
    assert "Page introuvable" in response.text
    assert client.get("/robots.txt").status_code == 200  # an answer, not an error that ends the visit


@pytest.mark.parametrize("length", [b"9" * 5000, b"00000000000000000000000012"])
def test_echanges_odd_content_length_is_no_server_error(client: InProcessClient, demo_token: str, length: bytes):
    response = client.post(SEND, content=b"x", headers={
        "content-type": "multipart/form-data; boundary=b", "content-length": length,
    })
    assert response.status_code in (400, 403, 413)
    assert "Une erreur est survenue" not in response.text


def test_echanges_pdf_inflating_to_70_mb_is_refused_next_to_the_field(
    app: Starlette, client: InProcessClient, demo_token: str
):
    from tests.support.crafted_files import inflating_pdf

    response = send(client, demo_token, file("bulletin.pdf", inflating_pdf(70_000_000)))
    assert response.status_code == 400
    assert response.text.count(documents.TOO_COMPLEX_PDF.replace("'", "&#39;")) == 2
    assert 'id="fichier-error"' in response.text
    assert rows(app) == [] and stored(app) == []


def _release(fifo: Path) -> None:
    """Open the pipe a blocked child waits on, if it is waiting (never blocks)."""
    try:
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    except OSError:
        pass


def test_echanges_other_requests_are_answered_while_a_document_is_checked(
    app: Starlette, client: InProcessClient, demo_token: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    started, go = tmp_path / "started", tmp_path / "go"
    os.mkfifo(started)
    os.mkfifo(go)
    # A check that reads one file (its length, then its bytes), says it started, then waits
    # until the test lets it answer.
    answer = '{"media_type": "application/pdf", "extension": "pdf", "pages": 1}'
    monkeypatch.setattr(document_check, "COMMAND", (sys.executable, "-c", (
        "import sys; sys.stdin.buffer.read(int.from_bytes(sys.stdin.buffer.read(8), 'big')); "
        f"open({str(started)!r}, 'w').close(); "
        f"open({str(go)!r}).read(); print({answer!r})"
    )))
    with one_loop(app, client) as shared, ThreadPoolExecutor(2) as pool:
        upload = pool.submit(send, shared, demo_token, file("bulletin.pdf", PDF))
        try:
            # Hang guards only: a blocked event loop would otherwise hang the test.
            pool.submit(started.read_bytes).result(timeout=60)
            robots = pool.submit(shared.get, "/robots.txt").result(timeout=60)
            assert robots.status_code == 200
            assert not upload.done(), "the check was still running"
        finally:
            _release(go)
        assert upload.result(timeout=60).status_code == 303
    assert len(rows(app)) == 1


def test_echanges_double_click_stores_one_document_and_confirms_both(
    app: Starlette, client: InProcessClient, demo_token: str, monkeypatch: pytest.MonkeyPatch
):
    first_checking, release = threading.Event(), threading.Event()
    real_check = document_check.inspect
    calls: list[bytes] = []

    async def first_check_slower(data: bytes) -> documents.Inspected:
        calls.append(data)
        if len(calls) == 1:
            first_checking.set()
            await anyio.to_thread.run_sync(release.wait)
        return await real_check(data)

    monkeypatch.setattr(document_check, "inspect", first_check_slower)
    big = png_of_size(2 * 1024 * 1024)
    with one_loop(app, client) as shared, ThreadPoolExecutor(1) as pool:
        first = pool.submit(send, shared, demo_token, file("scan.png", big), envoi="double-clic")
        try:
            assert first_checking.wait(timeout=60)
            second = send(shared, demo_token, file("scan.png", big), envoi="double-clic")
        finally:
            release.set()
        for response in (first.result(timeout=60), second):
            assert response.status_code == 303
            assert response.headers["location"].endswith("/mes-echanges/document-envoye")
    assert len(rows(app)) == 1 and len(stored(app)) == 1
    assert "Votre document a bien été envoyé" in client.get("/mes-echanges/document-envoye").text


def test_echanges_submission_token_is_bounded(app: Starlette, client: InProcessClient, demo_token: str):
    send(client, demo_token, file("bulletin.pdf", PDF), envoi="x" * 60_000)
    [row] = rows(app)
    assert len(row["submission"]) <= 64
