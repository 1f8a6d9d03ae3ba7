"""Telling an XLSX workbook from a text file by the content, never by the name."""

from __future__ import annotations

import io
import re
import zipfile

from analytics.importing.issues import reject_file

XLSX = "xlsx"
TEXT = "text"

_CONTENT = re.compile(rb"[^ \t\r\n\x00\xef\xbb\xbf\xff\xfe]")  # beyond blanks and BOMs
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, .doc: old Office files
# Formats that are certainly not text, told apart only to say so clearly.
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b", b"7z\xbc\xaf", b"Rar!")


def detect_type(data: bytes) -> str:
    """``xlsx`` for an Office Open XML workbook, ``text`` for anything else that may be text.

    Raises :class:`~analytics.importing.issues.Rejected` for an empty file, an old .xls,
    a zip that is not a workbook, and a few well-known binary formats; whether the rest
    really is text is decided when it is decoded.
    """
    if not _CONTENT.search(data):
        raise reject_file("empty_file")
    if data.startswith(_ZIP):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except (zipfile.BadZipFile, ValueError, OSError) as error:
            raise reject_file("bad_xlsx", detail=str(error)[:100]) from None
        if "xl/workbook.xml" in names:
            return XLSX
        raise reject_file("not_text")
    if data.startswith(_OLE):
        raise reject_file("old_xls")
    if data.startswith(_BINARY_MAGIC):
        raise reject_file("not_text")
    return TEXT
