"""A little page CSS: less empty space above the content, so the overview fits one screen."""

import streamlit as st

CSS = """
<style>
.block-container {padding-top: 3.2rem; padding-bottom: 1rem;}
[data-testid="stMetricValue"] {font-size: 2.1rem;}
@media print {
  [data-testid="stSidebar"], header, [data-testid="stToolbar"] {display: none !important;}
  .block-container {padding: 0 !important;}
}
</style>
"""


def apply() -> None:
    """Add the app's CSS (static text only: no user text goes in here)."""
    st.html(CSS)
