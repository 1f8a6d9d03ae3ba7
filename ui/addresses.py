"""The address a visitor opened: Streamlit's English "Page not found" box closed, and a
word in the visitor's language when the address names no page.

On a fresh server Streamlit treats the app as an old-style multipage app (``pages/`` sits
beside ``app.py``) until ``st.navigation`` has run once, so the first visitor to follow a
shared link such as ``/phan-tich`` got Streamlit's own "Page not found" box over the right
page. Once per browser session a line of script closes that box (the app has no dialog of
its own); when the address really names no page, the app says so itself, in Vietnamese or
English, and shows the overview.
"""

from __future__ import annotations

from collections.abc import Collection
from urllib.parse import unquote, urlparse

import streamlit as st

from analytics.labels import text
from ui import page_scripts
from ui.widgets import inert

CHECKED_KEY = "_address_checked"
SHOWN_LENGTH = 60  # of an unknown address in the notice

# Closes Streamlit's "Page not found" box now or when it appears in the next seconds.
CLOSE_NOT_FOUND = """
(function () {
  const doc = (window.frameElement ? window.parent : window).document;
  const close = () => {
    for (const box of doc.querySelectorAll('[role="dialog"]')) {
      if (box.textContent.includes("Page not found")) {
        const button = box.querySelector('button[aria-label="Close"]');
        if (button) button.click();
      }
    }
  };
  close();
  const watcher = new MutationObserver(close);
  watcher.observe(doc.body, {childList: true, subtree: true});
  setTimeout(() => watcher.disconnect(), 8000);
})();
"""


def requested_address(url: str, base_path: str = "") -> str:
    """The page part of ``url`` (``phan-tich`` in ``https://host/hdnd/phan-tich?ky=year``
    served under the base path ``hdnd``); empty for the app's root."""
    path = unquote(urlparse(url).path).strip("/")
    base = base_path.strip("/")
    if base and (path == base or path.startswith(base + "/")):
        path = path[len(base) :].strip("/")
    return path


def check_once(addresses: Collection[str], language: str) -> None:
    """On the first run of a browser session: close Streamlit's box, and say so when the
    address names none of ``addresses``."""
    if st.session_state.get(CHECKED_KEY):
        return
    st.session_state[CHECKED_KEY] = True
    page_scripts.send(CLOSE_NOT_FOUND)
    asked = requested_address(st.context.url or "", st.get_option("server.baseUrlPath") or "")
    if asked and asked not in addresses:
        shown = asked if len(asked) <= SHOWN_LENGTH else asked[:SHOWN_LENGTH] + "…"
        st.toast(text("unknown_address", language, address=inert(shown)),
                 icon=":material/info:")  # fmt: skip
