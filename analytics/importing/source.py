"""Reading the bytes of a file to import, from a path or an uploaded file object."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from analytics.importing.issues import reject_file

MAX_BYTES = 100 * 1024 * 1024  # the same limit as Streamlit's server.maxUploadSize
MAX_ROWS = 2_000_000

Readable = str | os.PathLike[str] | bytes | bytearray | memoryview | BinaryIO


@dataclass(frozen=True)
class Source:
    """The bytes of one file, its name and their sha256."""

    data: bytes
    file_name: str
    sha256: str


def read_source(source: Readable, file_name: str | None = None) -> Source:
    """Read a file (path, bytes, or a binary file object such as an upload).

    A file over ``MAX_BYTES`` is refused before it is read in full.
    """
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        name = file_name or "upload"
    elif isinstance(source, (str, os.PathLike)):
        path = Path(source)
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise reject_file("too_big", detail=_megabytes(size))
        data = path.read_bytes()
        name = file_name or path.name
    else:
        if hasattr(source, "seek"):
            source.seek(0)
        data = source.read(MAX_BYTES + 1)
        name = file_name or Path(str(getattr(source, "name", "") or "upload")).name
    if len(data) > MAX_BYTES:
        raise reject_file("too_big", detail=_megabytes(len(data)))
    return Source(data, name, hashlib.sha256(data).hexdigest())


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f}"
