"""Streamlit glue shared by the pages: cached reads and small drawing helpers.

Kept apart from ``analytics`` so that ``analytics`` never imports Streamlit.
"""
