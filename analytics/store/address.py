"""How ``--db`` and ``TRACKER_DB`` name a store: a file path, or a PostgreSQL URL (no heavy
import here: the command line and the cookie code read it before any store is opened)."""

from __future__ import annotations

URL_PREFIXES = ("postgresql://", "postgres://")


def is_url(db: object) -> bool:
    """Whether ``db`` names a PostgreSQL database rather than a file."""
    return isinstance(db, str) and db.strip().startswith(URL_PREFIXES)
