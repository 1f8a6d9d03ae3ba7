"""Cached reads for the pages, keyed on the database file's stamp.

A read is cached under the file's size and modification time (and its WAL's), so
a rerun with nothing changed never opens the database, while any write (an upload
here, an import from the CLI) changes the stamp and the next rerun reads afresh.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st

from analytics.figures import summary
from analytics.store.connection import open_db, resolve_db_path


def database_path() -> Path:
    """The database the app serves (``TRACKER_DB`` or ``data/tracker.duckdb``)."""
    return resolve_db_path(None)


def file_stamp(path: Path) -> tuple[int, ...]:
    """Size and modification time of the file and its write-ahead log."""
    stamp: list[int] = []
    for part in (path, path.with_name(path.name + ".wal")):
        try:
            info = part.stat()
            stamp += [info.st_size, info.st_mtime_ns]
        except FileNotFoundError:
            stamp += [0, 0]
    return tuple(stamp)


def ensure_database() -> tuple[Path, tuple[int, ...]]:
    """Create the default database with the demo data on first start; return path and stamp."""
    path = database_path()
    if not path.exists():
        with open_db(path):
            pass
    return path, file_stamp(path)


@st.cache_data(ttl=3600, max_entries=128, show_spinner=False)
def _summary(
    path: str, stamp: tuple[int, ...], by: str, as_of: date, language: str
) -> pd.DataFrame:
    return summary(path, by=by, as_of=as_of, language=language)


def summary_as_of(by: str, as_of: date, language: str) -> pd.DataFrame:
    """Figures per group as of a date (cached; refreshed when the file changes)."""
    path, stamp = ensure_database()
    return _summary(str(path), stamp, by, as_of, language)
