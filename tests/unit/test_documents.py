"""What a sent file really is: magic bytes and structure, never its name."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from mock_portal import documents
from mock_portal.documents import DocumentError, Inspected
from mock_portal.settings import Settings

FILES = Path(__file__).resolve().parents[2] / "fixtures" / "files"


def sample(name: str) -> bytes:
    return (FILES / name).read_bytes()


def png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_of_size(size: int) -> bytes:
    """A valid PNG padded with a private ancillary chunk to exactly ``size`` bytes."""
    valid = sample("bulletin-scan.png")
    end = valid.rindex(b"IEND") - 4
    padding = size - len(valid) - 12
    return valid[:end] + png_chunk(b"prVt", b"\x00" * padding) + valid[end:]


@pytest.mark.parametrize(("name", "expected"), [
    ("bulletin-de-salaire.pdf", Inspected("application/pdf", "pdf", 1)),
    ("attestation-employeur-3-pages.pdf", Inspected("application/pdf", "pdf", 3)),
    ("bulletin-photo.jpg", Inspected("image/jpeg", "jpg", 1)),
    ("bulletin-scan.png", Inspected("image/png", "png", 1)),
])
def test_documents_samples_are_recognised_with_their_pages(name: str, expected: Inspected):
    assert documents.inspect(sample(name)) == expected


PDF = sample("bulletin-de-salaire.pdf")
PNG = sample("bulletin-scan.png")
JPEG = sample("bulletin-photo.jpg")


@pytest.mark.parametrize(("data", "message"), [
    (b"", documents.EMPTY),
    (sample("programme-renomme.pdf"), documents.WRONG_TYPE),
    (b"\x7fELF\x02\x01\x01" + b"\x00" * 100, documents.WRONG_TYPE),
    (b"PK\x03\x04 a zip or a .docx", documents.WRONG_TYPE),
    (b"GIF89a\x01\x00\x01\x00", documents.WRONG_TYPE),
    (b"Bulletin de salaire en texte", documents.WRONG_TYPE),
    (b" %PDF-1.4 not at the start", documents.WRONG_TYPE),
    (sample("bulletin-tronque.pdf"), documents.CORRUPT_PDF),
    (b"%PDF-1.4\n", documents.CORRUPT_PDF),
    (b"%PDF-1.4\n" + bytes(range(256)) * 8 + b"\n%%EOF\n", documents.CORRUPT_PDF),
    (PNG[:len(PNG) // 2], documents.CORRUPT_IMAGE),
    (PNG[:19] + bytes([PNG[19] ^ 0xFF]) + PNG[20:], documents.CORRUPT_IMAGE),  # IHDR's CRC is wrong
    (PNG[:8] + png_chunk(b"IEND", b""), documents.CORRUPT_IMAGE),
    (JPEG[:3] + b"garbage" * 10, documents.CORRUPT_IMAGE),
    (JPEG[:200], documents.CORRUPT_IMAGE),
    (b"\xff\xd8\xff\xd9", documents.CORRUPT_IMAGE),
])
def test_documents_refused_content(data: bytes, message: str):
    with pytest.raises(DocumentError) as refused:
        documents.inspect(data)
    assert str(refused.value) == message


def test_documents_size_limit_is_5_mo_inclusive():
    assert documents.MAX_SIZE == 5 * 1024 * 1024
    assert documents.inspect(png_of_size(documents.MAX_SIZE)).media_type == "image/png"
    with pytest.raises(DocumentError, match="5 Mo au maximum"):
        documents.inspect(png_of_size(documents.MAX_SIZE + 1))


def png_sized(width: int, height: int) -> bytes:
    """The sample PNG with another size in its header (its data is never inflated)."""
    ihdr = PNG[16:29]
    return PNG[:8] + png_chunk(b"IHDR", struct.pack(">II", width, height) + ihdr[8:]) + PNG[33:]


def jpeg_sized(width: int, height: int) -> bytes:
    """The sample JPEG with another size in its start-of-frame segment."""
    frame = JPEG.index(b"\xff\xc0")
    return JPEG[:frame + 5] + struct.pack(">HH", height, width) + JPEG[frame + 9:]


@pytest.mark.parametrize("sized", [png_sized, jpeg_sized])
def test_documents_image_with_too_many_pixels_is_refused(sized):
    assert documents.inspect(sized(10_000, 10_000)).pages == 1  # 100 million: the limit, accepted
    for width, height in ((10_000, 10_001), (65_535, 65_535)):
        with pytest.raises(DocumentError) as refused:
            documents.inspect(sized(width, height))
        assert str(refused.value) == documents.TOO_MANY_PIXELS


def test_documents_pdf_inflating_beyond_the_limit_is_refused():
    from pypdf import apply_configuration

    from tests.support.crafted_files import inflating_pdf

    assert documents.inspect(inflating_pdf(1000)).pages == 1
    with apply_configuration(zlib_maximum_output_length=1_000_000):
        with pytest.raises(DocumentError) as refused:
            documents.inspect(inflating_pdf(2_000_000))
    assert str(refused.value) == documents.TOO_COMPLEX_PDF


def encrypted(name: str, user_password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(FILES / name))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_documents_pdf_protected_by_a_user_password_is_refused():
    with pytest.raises(DocumentError, match="protégé par un mot de passe"):
        documents.inspect(encrypted("bulletin-de-salaire.pdf", "secret"))


def test_documents_pdf_with_an_owner_password_only_is_accepted():
    # Payroll software often restricts printing or editing this way: the payslip stays readable.
    assert documents.inspect(encrypted("attestation-employeur-3-pages.pdf", "")).pages == 3


@pytest.mark.parametrize(("given", "kept"), [
    ("bulletin juin.pdf", "bulletin juin.pdf"),
    ("C:\\Users\\camille\\Documents\\bulletin.pdf", "bulletin.pdf"),
    ("../../etc/passwd", "passwd"),
    ("bulle\x00tin\r\n.pdf", "bulletin.pdf"),
    ("", "document"),
    ("   ", "document"),
    ("e\u0301te\u0301.png", "été.png"),
    ("<img src=x onerror=alert(1)>.pdf", "<img src=x onerror=alert(1)>.pdf"),  # escaped when shown
    ("a" * 300 + ".pdf", "a" * 115 + "….pdf"),
    ("b" * 300, "b" * 119 + "…"),
])
def test_documents_display_name(given: str, kept: str):
    assert documents.display_name(given) == kept
    assert len(documents.display_name(given)) <= documents.MAX_NAME


@pytest.mark.parametrize(("size", "text"), [
    (1, "1 Ko"), (1536, "2 Ko"), (120 * 1024, "120 Ko"), (1024 * 1024, "1 Mo"),
    (int(1.5 * 1024 * 1024), "1,5 Mo"), (5 * 1024 * 1024, "5 Mo"), (int(10.04 * 1024 * 1024), "10 Mo"),
])
def test_documents_size_fr(size: int, text: str):
    assert documents.size_fr(size) == text


def test_documents_folder_defaults_next_to_the_database(tmp_path: Path):
    expected = tmp_path / "db" / "p.sqlite3-documents"
    assert documents.folder(Settings(database=tmp_path / "db" / "p.sqlite3")) == expected
    chosen = tmp_path / "ailleurs"
    assert documents.folder(Settings(database=tmp_path / "p.sqlite3", documents_dir=chosen)) == chosen


def test_documents_folder_is_one_per_database_in_the_same_folder(tmp_path: Path):
    first = documents.folder(Settings(database=tmp_path / "a.sqlite3"))
    second = documents.folder(Settings(database=tmp_path / "b.sqlite3"))
    assert first.parent == second.parent == tmp_path and first != second


def test_documents_write_file_uses_a_random_name_readable_by_owner_only(tmp_path: Path):
    first = documents.write_file(tmp_path, b"%PDF-", "pdf")
    second = documents.write_file(tmp_path, b"%PDF-", "pdf")
    assert first != second
    assert documents.STORED_NAME.fullmatch(first)
    assert (tmp_path / first).read_bytes() == b"%PDF-"
    assert (tmp_path / first).stat().st_mode & 0o777 == 0o600
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted([first, second])


@pytest.mark.parametrize("name", ["../portal.sqlite3", "x.pdf", "ABCDEF0123456789ABCDEF0123456789.pdf", ""])
def test_documents_stored_path_refuses_anything_but_a_generated_name(tmp_path: Path, name: str):
    assert documents.stored_path(tmp_path, name) is None


def test_documents_listed_newest_first_across_the_dst_change(tmp_path: Path):
    from mock_portal.db import Database

    db = Database(tmp_path / "p.sqlite3")
    db.init_schema()
    db.execute("INSERT INTO personas (id, key, identifiant, password_hash, department, civility, first_name,"
               " last_name) VALUES (1, 'p', '1', 'x', '67', 'M.', 'A', 'B')")
    inspected = Inspected("application/pdf", "pdf", 1)
    # 27/10/2019: 02:40 summer time (00:40 UTC) comes before 02:10 winter time (01:10 UTC).
    for number, sent_at in enumerate(["2019-10-27T02:40:00+02:00", "2019-10-27T02:10:00+01:00"]):
        documents.insert(db, persona_id=1, sent_at=sent_at, situation="salarie", kind="autre",
                         file_name=f"{number}.pdf", stored_name=f"{number}", inspected=inspected, size=1,
                         submission=str(number))
    assert [row["file_name"] for row in documents.of_persona(db, 1)] == ["1.pdf", "0.pdf"]
    db.close()
