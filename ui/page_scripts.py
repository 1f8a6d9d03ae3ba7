"""One fixed, hidden place for the few lines of script the app sends to the browser
(the sign-in cookie, closing Streamlit's "Page not found" box).

Streamlit matches the elements of one run to the last run's by position. A script drawn
on some runs and not on others would shift everything after it: the page's elements
would be drawn twice for a moment and rebuilt (a form seen twice after signing in). So
``app.py`` opens this slot at the top of every run, hidden by the app's CSS, and scripts
go into it.
"""

from __future__ import annotations

import streamlit as st

SLOT_KEY = "_page_scripts_slot"  # this run's slot (a container), in the session's state
CSS_KEY = "page_scripts"  # its key: the CSS class st-key-page_scripts hides it


def open_slot() -> None:
    """Open this run's slot (call once per run, before anything may send a script)."""
    st.session_state[SLOT_KEY] = st.container(key=CSS_KEY)


def send(script: str) -> None:
    """Run ``script`` (static text written by the app, never user text) in the browser."""
    slot = st.session_state.get(SLOT_KEY)
    (slot if slot is not None else st).html(
        f"<script>{script}</script>", unsafe_allow_javascript=True
    )
