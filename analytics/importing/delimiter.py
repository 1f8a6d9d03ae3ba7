"""Choosing the delimiter of a text file: ``,``, ``;`` or tab."""

from __future__ import annotations

import csv
import io

from analytics.importing.headers import recognised

DELIMITERS = (",", ";", "\t")
_HEAD_CHARS = 64 * 1024


def first_record(text: str, delimiter: str) -> list[str]:
    """The first non-blank record of ``text`` read with ``delimiter`` (empty if none)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for record in reader:
            if any(cell.strip() for cell in record):
                return record
    except csv.Error:
        pass
    return []


def sniff_delimiter(head: str) -> str:
    """The delimiter that splits the header row into the most known columns.

    ``head`` is the start of the file. Ties go to the delimiter giving more cells,
    then to the order ``,`` ``;`` tab. The csv module parses each try, so quoted
    headers containing another delimiter are read right.
    """
    head = head[:_HEAD_CHARS]
    best, best_score = DELIMITERS[0], (-1, -1)
    for delimiter in DELIMITERS:
        header = first_record(head, delimiter)
        score = (recognised(header), len(header))
        if score > best_score:
            best, best_score = delimiter, score
    return best
