"""Đăng nhập: the sign-in form; once signed in, on to the overview."""

import streamlit as st

from ui import auth

if auth.current_user() is None:
    auth.require("overview")  # draws the sign-in form (or the local-only notice) and stops
st.switch_page("pages/overview.py")
