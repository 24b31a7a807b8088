"""The document check in its child process: same answers as in process, bounded in time and in
inflated bytes, a child that overruns killed."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from mock_portal import document_check, documents
from mock_portal.documents import DocumentError
from tests.support.crafted_files import inflating_pdf
from tests.support.own_loop import run_in_own_loop

FILES = Path(__file__).resolve().parents[2] / "fixtures" / "files"


def check(data: bytes) -> documents.Inspected:
    return run_in_own_loop(document_check.inspect, data)


def refusal(data: bytes) -> str:
    with pytest.raises(DocumentError) as refused:
        check(data)
    return str(refused.value)


@pytest.mark.parametrize("name", ["bulletin-de-salaire.pdf", "attestation-employeur-3-pages.pdf",
                                  "bulletin-photo.jpg", "bulletin-scan.png"])
def test_document_check_answers_like_the_parser_in_process(name: str):
    data = (FILES / name).read_bytes()
    assert check(data) == documents.inspect(data)


@pytest.mark.parametrize(("data", "message"), [
    ((FILES / "bulletin-tronque.pdf").read_bytes(), documents.CORRUPT_PDF),
    (b"", documents.EMPTY),
    (b"GIF89a", documents.WRONG_TYPE),
])
def test_document_check_passes_the_parsers_message_on(data: bytes, message: str):
    assert refusal(data) == message


def test_document_check_refuses_a_pdf_that_inflates_to_70_mb():
    bomb = inflating_pdf(70_000_000)
    assert len(bomb) < 100_000
    assert refusal(bomb) == documents.TOO_COMPLEX_PDF


def test_document_check_kills_a_check_that_overruns_its_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    pid_file, never = tmp_path / "pid", tmp_path / "never"
    os.mkfifo(never)
    # A check that never ends: it blocks opening a pipe nobody writes to.
    monkeypatch.setattr(document_check, "COMMAND", (sys.executable, "-c", (
        f"import os; open({str(pid_file)!r}, 'w').write(str(os.getpid())); open({str(never)!r}).read()"
    )))
    monkeypatch.setattr(document_check, "TIME_LIMIT", 2.0)  # ample for the child to start
    assert refusal((FILES / "bulletin-scan.png").read_bytes()) == documents.TOO_COMPLEX_IMAGE
    with pytest.raises(ProcessLookupError):  # killed and reaped, not left running
        os.kill(int(pid_file.read_text()), 0)


def test_document_check_child_that_dies_means_too_complex(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(document_check, "COMMAND", (sys.executable, "-c", "raise MemoryError"))
    assert refusal((FILES / "bulletin-de-salaire.pdf").read_bytes()) == documents.TOO_COMPLEX_PDF


def test_document_check_that_cannot_start_asks_to_retry_later(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setattr(document_check, "COMMAND", (str(tmp_path / "missing-python"),))
    assert refusal((FILES / "bulletin-de-salaire.pdf").read_bytes()) == document_check.UNAVAILABLE
