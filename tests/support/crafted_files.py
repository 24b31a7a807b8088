"""Hostile files built on the fly, rather than committed: what an attacker would upload."""

from __future__ import annotations

import functools
import struct
import zlib

PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"


@functools.cache  # deflating 70 MB takes a quarter of a second; three tests ask for it
def inflating_pdf(padding: int) -> bytes:
    """A valid one-page PDF whose page object sits in a FlateDecode object stream padded with
    ``padding`` spaces: 70 MB of padding deflate to about 68 Ko, and pypdf must inflate the whole
    stream to reach the page."""
    header = b"3 0 "
    stream = zlib.compress(header + PAGE + b" " * padding, 9)
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}

    def add(number: int, body: bytes) -> None:
        offsets[number] = len(out)
        out.extend(b"%d 0 obj\n%s\nendobj\n" % (number, body))

    add(1, b"<< /Type /Catalog /Pages 2 0 R >>")
    add(2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
    add(4, b"<< /Type /ObjStm /N 1 /First %d /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream"
        % (len(header), len(stream), stream))
    # Objects inside an object stream need a cross-reference stream (type 2 entries).
    xref_at = len(out)
    entries = [(0, 0, 65535), (1, offsets[1], 0), (1, offsets[2], 0), (2, 4, 0), (1, offsets[4], 0),
               (1, xref_at, 0)]
    table = b"".join(struct.pack(">BIH", *entry) for entry in entries)
    add(5, b"<< /Type /XRef /Size 6 /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n%s\nendstream"
        % (len(table), table))
    out.extend(b"startxref\n%d\n%%%%EOF\n" % xref_at)
    return bytes(out)
