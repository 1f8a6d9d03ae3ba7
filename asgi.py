"""The app as the office server runs it: ``streamlit run asgi.py``.

The same app as ``streamlit run app.py``, served by Streamlit's own ASGI server with two
additions (ui/http_guard.py): security headers on every answer, and uploads refused
before their body is read unless a signed-in session that may import sends them.
"""

import streamlit as st
from starlette.middleware import Middleware

from ui.http_guard import SecurityHeaders, UploadGate

app = st.App("app.py", middleware=[Middleware(SecurityHeaders), Middleware(UploadGate)])
