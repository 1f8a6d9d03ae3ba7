"""Who may send a file to Streamlit's upload endpoint: the check made before its body is read.

Streamlit keeps every file PUT to ``/_stcore/upload_file/<session>/<file>`` in the
server's memory, per browser session, before any page runs, whoever sends it (it checks
only that the session exists and the XSRF token). The app's HTTP guard (``ui.http_guard``)
asks :func:`may_upload` first: the request must carry the sign-in cookie of a session that
is still good (``accounts.session_state``) and whose role may import; in local mode (no
account yet) only a request made on this machine, not through a proxy, may.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from analytics import accounts, session_cookie
from analytics.store.connection import open_store


def may_upload(
    cookie: str | None, db_path: Path | str, *, local_request: bool, when: datetime | None = None
) -> bool:
    """Whether a request with sign-in ``cookie`` may upload a file to the app at ``db_path``.
    ``local_request``: it comes from this machine and not through a proxy."""
    if not open_store(db_path).exists():  # no store yet: nobody has an account, the app makes it
        return local_request
    stored = accounts.sessions_view(db_path)
    if not stored:
        return local_request
    session = session_cookie.decode(cookie, session_cookie.cookie_key(db_path))
    if session is None:
        return False
    when = when or accounts.now()
    ended = accounts.ended_sessions(db_path, when)
    state = accounts.session_state(session, stored, when, ended)
    return state == "ok" and accounts.Account(session.name, session.role).can("upload")
