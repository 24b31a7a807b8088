"""Documents sent by a job seeker: what a file really is, where it is kept, who may see it.

The type comes from the content (magic bytes and structure), never from the name or the
browser's Content-Type. Files live outside any served folder under a random name; the name the
user gave is only ever displayed.
"""

from __future__ import annotations

import io
import logging
import os
import re
import secrets
import sqlite3
import struct
import unicodedata
import zlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from mock_portal.db import Database
from mock_portal.settings import Settings

if TYPE_CHECKING:
    from pypdf import PdfReader

MAX_SIZE = 5 * 1024 * 1024
MAX_ROWID = 2**63 - 1
MAX_NAME = 120

SITUATIONS = {
    "salarie": "Salarié",
    "non-salarie": "Non salarié (à votre compte)",
    "stage-formation": "Stage / formation",
    "maladie-maternite": "Maladie / maternité",
    "retraite": "Retraite",
    "invalidite": "Invalidité",
}
KINDS = {
    "bulletin-de-salaire": "Bulletin de salaire",
    "attestation-employeur": "Attestation employeur",
    "autre": "Autre",
}

PDF_MAGIC = b"%PDF-"
JPEG_MAGIC = b"\xff\xd8\xff"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"

# Start-of-frame markers: a JPEG without one has no image in it.
JPEG_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


class DocumentError(ValueError):
    """A file that cannot be accepted; the message is shown to the user as is."""


@dataclass(frozen=True)
class Inspected:
    media_type: str
    extension: str
    pages: int


EMPTY = "Le fichier sélectionné est vide."
TOO_LARGE = "Le fichier sélectionné doit faire 5 Mo au maximum."
WRONG_TYPE = "Le fichier sélectionné doit être un PDF, un JPEG ou un PNG."
CORRUPT_PDF = (
    "Le fichier PDF est illisible ou endommagé. Enregistrez-le à nouveau (ou scannez de nouveau "
    "le document) puis réessayez."
)
PROTECTED_PDF = (
    "Le fichier PDF est protégé par un mot de passe. Envoyez une version sans protection."
)
CORRUPT_IMAGE = "L'image est illisible ou endommagée. Prenez une nouvelle photo ou un nouveau scan."
TOO_COMPLEX_PDF = (
    "Le fichier PDF est trop complexe pour être vérifié. Enregistrez-le à nouveau en PDF (ou "
    "scannez de nouveau le document) puis réessayez."
)
TOO_COMPLEX_IMAGE = (
    "L'image est trop complexe pour être vérifiée. Prenez une nouvelle photo ou un nouveau scan."
)
TOO_MANY_PIXELS = (
    "L'image est trop grande : 100 millions de pixels au maximum. Réduisez sa taille ou prenez "
    "une nouvelle photo."
)

# Above this, opening the image would take gigabytes in the browser of whoever looks at it;
# phone photos are 12 to 50 million pixels.
MAX_PIXELS = 100_000_000


def file_type(data: bytes) -> str:
    """« pdf », « jpeg » or « png » from the first bytes: cheap, so done before any parsing."""
    if not data:
        raise DocumentError(EMPTY)
    if len(data) > MAX_SIZE:
        raise DocumentError(TOO_LARGE)
    for name, magic in (("pdf", PDF_MAGIC), ("jpeg", JPEG_MAGIC), ("png", PNG_MAGIC)):
        if data.startswith(magic):
            return name
    raise DocumentError(WRONG_TYPE)


def inspect(data: bytes) -> Inspected:
    """What ``data`` is, from its content; raises DocumentError with the user's message.

    Parsing a crafted file can take seconds: the portal calls this through document_check, in a
    child process, never on the event loop.
    """
    found = file_type(data)
    if found == "pdf":
        return Inspected("application/pdf", "pdf", pdf_pages(data))
    if found == "jpeg":
        _check_jpeg(data)
        return Inspected("image/jpeg", "jpg", 1)
    _check_png(data)
    return Inspected("image/png", "png", 1)


def too_complex(found: str) -> str:
    """The message for a file whose check went past its time or memory bound."""
    return TOO_COMPLEX_PDF if found == "pdf" else TOO_COMPLEX_IMAGE


def pdf_pages(data: bytes) -> int:
    # Imported on the first upload only: pypdf is 11 MB and 100 modules the portal rarely needs.
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, LimitReachedError

    # pypdf reports every oddity of a damaged file on its logger; the user gets one message.
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not _open_without_password(reader):
            raise DocumentError(PROTECTED_PDF)
        pages = len(reader.pages)
    except DocumentError:
        raise
    except FileNotDecryptedError as exc:
        raise DocumentError(PROTECTED_PDF) from exc
    except (LimitReachedError, MemoryError, RecursionError) as exc:
        raise DocumentError(TOO_COMPLEX_PDF) from exc
    except Exception as exc:  # pypdf raises many kinds of errors on a damaged file
        raise DocumentError(CORRUPT_PDF) from exc
    finally:
        logger.setLevel(level)
    if pages < 1:
        raise DocumentError(CORRUPT_PDF)
    return pages


def _open_without_password(reader: PdfReader) -> bool:
    """Payslips are often "protected" with an owner password only: those open with ''."""
    try:
        return bool(reader.decrypt(""))
    except Exception:  # e.g. AES without a crypto library installed
        return False


def _check_jpeg(data: bytes) -> None:
    """Walk the segments up to the image data: a frame header must come before it."""
    position = 2
    frame = False
    while position + 4 <= len(data):
        if data[position] != 0xFF:
            raise DocumentError(CORRUPT_IMAGE)
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker == 0xD8 or 0xD0 <= marker <= 0xD7 or marker == 0x01:
            position += 2
            continue
        if marker == 0xD9:  # end of image before any image data
            break
        length = struct.unpack(">H", data[position + 2:position + 4])[0]
        if length < 2 or position + 2 + length > len(data):
            raise DocumentError(CORRUPT_IMAGE)
        if marker in JPEG_SOF:
            frame = length >= 8 and _size_ok(*struct.unpack(">HH", data[position + 5:position + 9]))
        if marker == 0xDA:  # start of scan: the compressed image follows
            if frame and len(data) > position + 2 + length:
                return
            raise DocumentError(CORRUPT_IMAGE)
        position += 2 + length
    raise DocumentError(CORRUPT_IMAGE)


def _size_ok(side: int, other_side: int) -> bool:
    """False for an empty image; refused outright when it has too many pixels."""
    if side * other_side > MAX_PIXELS:
        raise DocumentError(TOO_MANY_PIXELS)
    return side > 0 and other_side > 0


def _check_png(data: bytes) -> None:
    """Every chunk's CRC, an IHDR first with a size, image data, and IEND at the end."""
    position = len(PNG_MAGIC)
    seen: list[bytes] = []
    while position + 12 <= len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        end = position + 12 + length
        if end > len(data):
            break
        body = data[position + 8:end - 4]
        if zlib.crc32(kind + body) != struct.unpack(">I", data[end - 4:end])[0]:
            break
        if not seen and (kind != b"IHDR" or length != 13 or not _size_ok(*struct.unpack(">II", body[:8]))):
            break
        seen.append(kind)
        position = end
        if kind == b"IEND":
            if b"IDAT" in seen:
                return
            break
    raise DocumentError(CORRUPT_IMAGE)


def display_name(filename: str) -> str:
    """The user's file name, safe to keep: no folders, no control characters, not too long."""
    name = unicodedata.normalize("NFC", filename).replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(char for char in name if unicodedata.category(char)[0] != "C").strip()
    if len(name) > MAX_NAME:
        stem, dot, extension = name.rpartition(".")
        if dot and 0 < len(extension) <= 5:
            name = f"{stem[:MAX_NAME - len(extension) - 2]}….{extension}"
        else:
            name = f"{name[:MAX_NAME - 1]}…"
    return name or "document"


def size_fr(size: int) -> str:
    """« 12 Ko », « 1,5 Mo »: sizes as French portals write them."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} Ko"
    return f"{size / (1024 * 1024):.1f}".replace(".0", "").replace(".", ",") + " Mo"


# --- storage ---------------------------------------------------------------------------------

def folder(settings: Settings) -> Path:
    """``documents_dir``, or ``<database file name>-documents/`` beside the database.

    Named after the database, like SQLite's own ``-wal`` and ``-shm`` files: two portals whose
    databases share a folder never share (nor, on reset, delete) each other's files.
    """
    if settings.documents_dir is not None:
        return settings.documents_dir
    database = Path(settings.database).resolve()
    return database.with_name(f"{database.name}-documents")


STORED_NAME = re.compile(r"[0-9a-f]{32}\.(pdf|jpg|png)")


def write_file(directory: Path, data: bytes, extension: str) -> str:
    """Write under a random name (atomically: a half-written file never has the final name)."""
    directory.mkdir(parents=True, exist_ok=True)
    name = f"{secrets.token_hex(16)}.{extension}"
    temporary = directory / f".{name}.part"
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as out:
        out.write(data)
    os.replace(temporary, directory / name)
    return name


def wipe_files(directory: Path) -> None:
    """Remove the stored files (and any half-written one), nothing else of the folder."""
    if not directory.is_dir():
        return
    for path in directory.iterdir():
        if STORED_NAME.fullmatch(path.name) or (path.name.startswith(".") and path.name.endswith(".part")):
            path.unlink(missing_ok=True)


def stored_path(directory: Path, stored_name: str) -> Path | None:
    if not STORED_NAME.fullmatch(stored_name):
        return None
    path = directory / stored_name
    return path if path.is_file() else None


# --- the documents table ---------------------------------------------------------------------

def insert(db: Database, *, persona_id: int, sent_at: str, situation: str, kind: str,
           file_name: str, stored_name: str, inspected: Inspected, size: int, submission: str) -> int:
    cursor = db.execute(
        "INSERT INTO documents (persona_id, sent_at, subject, situation, kind, file_name,"
        " stored_name, media_type, size, pages, submission)"
        " VALUES (?, ?, 'actualisation', ?, ?, ?, ?, ?, ?, ?, ?)",
        (persona_id, sent_at, situation, kind, file_name, stored_name, inspected.media_type, size,
         inspected.pages, submission),
    )
    document_id = cursor.lastrowid
    assert document_id is not None
    return document_id


def of_persona(db: Database, persona_id: int) -> list[sqlite3.Row]:
    """Newest first. Sorted on the instants, not the text: offsets differ across DST changes."""
    rows = db.all("SELECT * FROM documents WHERE persona_id = ?", (persona_id,))
    return sorted(rows, key=lambda row: (datetime.fromisoformat(row["sent_at"]), row["id"]), reverse=True)


def one_of_persona(db: Database, persona_id: int, document_id: int) -> sqlite3.Row | None:
    """A document only for its owner: anyone else gets None, as if it did not exist."""
    # A number SQLite cannot even hold (the URL accepts any digits) names no document either.
    if not 0 < document_id <= MAX_ROWID:
        return None
    return db.one("SELECT * FROM documents WHERE id = ? AND persona_id = ?", (document_id, persona_id))


def by_submission(db: Database, persona_id: int, submission: str) -> sqlite3.Row | None:
    return db.one("SELECT * FROM documents WHERE persona_id = ? AND submission = ?",
                  (persona_id, submission))
