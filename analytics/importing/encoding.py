"""Turning the bytes of a text file into NFC UTF-8.

Accepted: UTF-8 with or without BOM, UTF-16 with BOM (Excel's "Unicode text"), and
Windows-1258 (legacy Vietnamese Windows), which writes most tone marks as combining
characters; NFC puts them back together, so ``ế`` is one character whatever the source.
Control characters other than tab, CR and LF mean the file is not text.
"""

from __future__ import annotations

import re
import unicodedata

from analytics.importing.issues import reject_file

_CONTENT = re.compile(rb"[^ \t\r\n]")
BOM_UTF8 = b"\xef\xbb\xbf"
BOMS_UTF16 = (b"\xff\xfe", b"\xfe\xff")

# Bytes (in UTF-8, also the code points) that never occur in a text file, and the rest.
_CONTROL = bytes([*range(0, 9), 11, 12, *range(14, 32), 127])
_NOT_CONTROL = bytes(b for b in range(256) if b not in _CONTROL)


def to_utf8(data: bytes) -> bytes:
    """The file's text as NFC-normalised UTF-8 bytes without BOM.

    Raises :class:`~analytics.importing.issues.Rejected` when it is not text.
    """
    if data.startswith(BOMS_UTF16):
        text = _decode(data, "utf-16")
        return _checked(unicodedata.normalize("NFC", text).encode("utf-8"))
    if data.startswith(BOM_UTF8):
        data = data[len(BOM_UTF8) :]
    if data.isascii():
        return _checked(data)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _decode(data, "cp1258")
        return _checked(unicodedata.normalize("NFC", text).encode("utf-8"))
    if unicodedata.is_normalized("NFC", text):
        return _checked(data)
    return _checked(unicodedata.normalize("NFC", text).encode("utf-8"))


def _decode(data: bytes, codec: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        # Bytes Windows-1258 leaves undefined, or broken UTF-16: not text we can read.
        if b"\x00" in data[:4096] and codec != "utf-16":
            raise reject_file("not_text") from None
        raise reject_file("bad_encoding") from None


def _checked(utf8: bytes) -> bytes:
    if utf8.translate(None, _NOT_CONTROL):  # what is left are control bytes
        raise reject_file("not_text")
    if not _CONTENT.search(utf8):
        raise reject_file("empty_file")
    return utf8
