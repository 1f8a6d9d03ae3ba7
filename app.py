"""Entry point: page settings, language, navigation. Nothing else."""

import streamlit as st

from analytics.labels import LANGUAGES, text

st.set_page_config(page_title="Nhiệm vụ đột phá, đổi mới", page_icon="📊", layout="wide")

language = st.sidebar.radio(
    "Ngôn ngữ / Language",
    LANGUAGES,
    format_func=lambda code: {"vi": "Tiếng Việt", "en": "English"}[code],
    horizontal=True,
    key="language",
)

pages = [
    st.Page("pages/overview.py", title=text("page_overview", language), icon="📊", default=True),
]
st.navigation(pages).run()
