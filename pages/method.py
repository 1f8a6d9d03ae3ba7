"""Cách tính: how every figure is computed, in plain words."""

import streamlit as st

from analytics.labels import text
from analytics.method import METHOD
from ui import auth
from ui.sidebar import current_view

auth.require("method")  # signed in, with a role that may open it
lang = current_view().language
st.title(text("page_method", lang))
for heading, body in METHOD[lang]:
    st.subheader(heading)
    st.markdown(body)
st.subheader(text("nguy_co", lang))
st.markdown(text("early_warning_rule", lang))
