"""« Mes échanges avec Pôle emploi » and its « Envoyer un document » service."""

from __future__ import annotations

import re
import secrets
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from mock_portal import document_check, documents
from mock_portal.auth import login_required
from mock_portal.clock import clock
from mock_portal.documents import DocumentError
from mock_portal.errors import NotFound
from mock_portal.middleware.body_limit import BodyTooLarge
from mock_portal.middleware.csrf import read_form
from mock_portal.middleware.sessions import session_of
from mock_portal.web import redirect, render

# Above this the body is not even parsed: a 5 Mo file plus its form fits well within it, and a
# phone photo of a few Mo too large still gets its choices kept.
BODY_LIMIT = 4 * documents.MAX_SIZE
# More than one file is refused with its own message; beyond this the request is malformed.
MAX_FILES = 5

SUBMISSION = re.compile(r"[A-Za-z0-9_-]{1,64}")

NO_FILE = "Sélectionnez le fichier à envoyer."
SEVERAL_FILES = "Envoyez un seul fichier à la fois. Un fichier PDF peut contenir plusieurs pages."
UNREADABLE = "L'envoi n'a pas pu être lu. Sélectionnez de nouveau votre fichier et réessayez."
NO_SITUATION = "Sélectionnez votre situation."
NO_KIND = "Sélectionnez le type de document."


@dataclass
class Envoi:
    """What the form sent, or what to show again after an error."""

    situation: str = ""
    kind: str = ""
    submission: str = field(default_factory=lambda: secrets.token_urlsafe(16))
    uploads: list[UploadFile] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)
    # False when the body could not be read at all: then only the file gets an error.
    parsed: bool = True

    @classmethod
    def from_form(cls, form: FormData) -> Envoi:
        def text(name: str) -> str:
            value = form.get(name)
            return value.strip() if isinstance(value, str) else ""

        uploads = [item for item in form.getlist("fichier") if isinstance(item, UploadFile)]
        # A file input left empty still sends a part, with no name and no content.
        uploads = [item for item in uploads if item.filename or item.size]
        # The form's own token is stored with the document: anything else gets a fresh one.
        submission = text("envoi")
        if not SUBMISSION.fullmatch(submission):
            submission = secrets.token_urlsafe(16)
        return cls(situation=text("situation"), kind=text("type_document"),
                   submission=submission, uploads=uploads)


@login_required
async def mes_echanges(request: Request) -> Response:
    persona = request.state.persona
    rows = documents.of_persona(request.app.state.db, persona.id)
    return render(request, "echanges/mes_echanges.html", {
        "persona": persona, "documents": [_row(request, row) for row in rows],
    })


async def envoyer_un_document(request: Request) -> Response:
    if request.method != "POST":
        return await _envoyer(request)
    # The form is read (and its CSRF token checked) before the login guard: a forged post is
    # refused as such, and an expired session still leads back here after login.
    envoi = request.state.envoi = await _receive(request)
    try:
        return await _envoyer(request)
    finally:
        for upload in envoi.uploads:
            await upload.close()


@login_required
async def _envoyer(request: Request) -> Response:
    envoi: Envoi | None = getattr(request.state, "envoi", None)
    if envoi is None:
        return _form(request, Envoi())
    db = request.app.state.db
    persona = request.state.persona
    if not envoi.errors:
        already = documents.by_submission(db, persona.id, envoi.submission)
        if already is not None:
            session_of(request)["document_envoye"] = already["id"]
            return redirect(request, "echanges:document_envoye")
    checked = await _validate(envoi)
    if checked is None:
        return _form(request, envoi, status_code=400)
    inspected, upload_name, content = checked
    directory = documents.folder(request.app.state.settings)
    stored_name = documents.write_file(directory, content, inspected.extension)
    try:
        with db.transaction():
            document_id = documents.insert(
                db, persona_id=persona.id, sent_at=clock.now().isoformat(), situation=envoi.situation,
                kind=envoi.kind, file_name=upload_name, stored_name=stored_name,
                inspected=inspected, size=len(content), submission=envoi.submission,
            )
    except sqlite3.Error as exc:
        (directory / stored_name).unlink(missing_ok=True)
        # A double click: the other post of this form was stored while this one was checked.
        already = documents.by_submission(db, persona.id, envoi.submission)
        if not isinstance(exc, sqlite3.IntegrityError) or already is None:
            raise
        document_id = already["id"]
    session_of(request)["document_envoye"] = document_id
    return redirect(request, "echanges:document_envoye")


async def _receive(request: Request) -> Envoi:
    try:
        form = await read_form(request, max_files=MAX_FILES, max_fields=20, max_part_size=64 * 1024)
    except BodyTooLarge:
        # The body limit (BODY_LIMIT, declared to the middleware in app.py) stopped reading.
        return Envoi(errors={"fichier": documents.TOO_LARGE}, parsed=False)
    except (HTTPException, ClientDisconnect):
        return Envoi(errors={"fichier": UNREADABLE}, parsed=False)
    return Envoi.from_form(form)


async def _validate(envoi: Envoi) -> tuple[documents.Inspected, str, bytes] | None:
    """Check everything and collect every error at once; the file's bytes are read here."""
    if not envoi.parsed:
        return None
    if envoi.situation not in documents.SITUATIONS:
        envoi.errors["situation"] = NO_SITUATION
    if envoi.kind not in documents.KINDS:
        envoi.errors["type_document"] = NO_KIND
    result = None
    if not envoi.uploads:
        envoi.errors["fichier"] = NO_FILE
    elif len(envoi.uploads) > 1:
        envoi.errors["fichier"] = SEVERAL_FILES
    else:
        upload = envoi.uploads[0]
        content = await upload.read(documents.MAX_SIZE + 1)
        try:
            inspected = await document_check.inspect(content)
        except DocumentError as exc:
            envoi.errors["fichier"] = str(exc)
        else:
            result = inspected, documents.display_name(upload.filename or ""), content
    # Errors in the order of the fields, for the summary at the top.
    order = ("situation", "type_document", "fichier")
    envoi.errors = {name: envoi.errors[name] for name in order if name in envoi.errors}
    return None if envoi.errors else result


def _form(request: Request, envoi: Envoi, status_code: int = 200) -> Response:
    return render(request, "echanges/envoyer_un_document.html", {
        "envoi": envoi, "errors": envoi.errors, "situations": documents.SITUATIONS,
        "kinds": documents.KINDS, "max_size": documents.size_fr(documents.MAX_SIZE),
    }, status_code=status_code)


@login_required
async def document_envoye(request: Request) -> Response:
    document_id = session_of(request).get("document_envoye")
    row = None
    if isinstance(document_id, int):
        row = documents.one_of_persona(request.app.state.db, request.state.persona.id, document_id)
    if row is None:
        return redirect(request, "echanges:mes_echanges")
    return render(request, "echanges/document_envoye.html",
                                      {"document": _row(request, row)})


@login_required
async def document(request: Request) -> Response:
    """The file, for its owner only; for anyone else it does not exist (404, not 403)."""
    # Digits only, read here rather than by the route's int convertor: past 4 300 digits int()
    # raises, and what SQLite cannot hold names no document (one_of_persona).
    numero = request.path_params["numero"]
    row = None
    if re.fullmatch(r"[0-9]{1,20}", numero):
        row = documents.one_of_persona(request.app.state.db, request.state.persona.id, int(numero))
    directory = documents.folder(request.app.state.settings)
    path = None if row is None else documents.stored_path(directory, row["stored_name"])
    if row is None or path is None:
        raise NotFound()
    return FileResponse(path, media_type=row["media_type"], filename=row["file_name"],
                        headers={"cache-control": "no-store"})


def _row(request: Request, row: sqlite3.Row) -> dict[str, Any]:
    return {
        "id": row["id"],
        "sent_at": datetime.fromisoformat(row["sent_at"]),
        "subject": f"Actualisation – {documents.SITUATIONS.get(row['situation'], row['situation'])}",
        "kind": documents.KINDS.get(row["kind"], row["kind"]),
        "file_name": row["file_name"],
        "pages": row["pages"],
        "size": documents.size_fr(row["size"]),
        "url": request.url_for("echanges:document", numero=row["id"]),
    }


routes = [
    Route("/envoyer-un-document", envoyer_un_document, methods=["GET", "POST"],
          name="envoyer_un_document"),
    Route("/document-envoye", document_envoye, methods=["GET"], name="document_envoye"),
    Route("/documents/{numero}", document, methods=["GET"], name="document"),
]
# The entry is outside the Mount (its URL is the prefix itself) but named in its namespace.
entry_routes = [Route("/mes-echanges", mes_echanges, methods=["GET"], name="echanges:mes_echanges")]
