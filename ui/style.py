"""The page's look: the tab's icon, and a little CSS (less empty space above the content,
so the overview fits one screen)."""

from pathlib import Path

import streamlit as st

# The browser tab's icon, a file of the project (64×64: three rising white bars on the
# blue of UX.md), served by the app itself. Not a ``:material/...`` icon: for those
# Streamlit points the tab's icon at fonts.gstatic.com, so every page view would ask
# Google's server for it (broken on an intranet cut off from the internet, and a third
# party told of every visit). Without a page_icon in st.set_page_config, Streamlit
# would make the open page's st.Page icon the tab's icon, with the same request. The
# icons drawn in the page and its navigation come from the font Streamlit serves
# itself, so they stay.
FAVICON = Path(__file__).with_name("favicon.png")

CSS = """
<style>
.block-container {padding-top: 3.2rem; padding-bottom: 1rem;}
[data-testid="stMetricValue"] {font-size: 2.1rem;}
/* A card's change and what it compares with: wrapped onto a second line, never cut. */
div:has(> [data-testid="stMetricDeltaDescription"]) {flex-wrap: wrap; row-gap: 0.15rem;}
[data-testid="stMetricDeltaDescription"], [data-testid="stMetricDeltaDescription"] *
  {white-space: normal !important; overflow: visible !important; text-overflow: clip !important;}
.st-key-page_scripts {display: none;}  /* ui/page_scripts.py: scripts only, nothing to see */
/* A task's title, drawn as plain text (ui/widgets.py: task_title) but sized as a heading. */
.st-key-task_title [data-testid="stText"] {font-size: 1.5rem; font-weight: 600; line-height: 1.3;}
/* The timeline of a task (ui/timeline_view.py): one ruled line per event. */
[class*="st-key-timeline_row_"], .st-key-timeline_head
  {border-bottom: 1px solid rgba(49, 51, 63, 0.12); padding: 0.4rem 0 0.3rem 0;}
.st-key-timeline_head {position: sticky; top: 0; z-index: 2; background: white;}
/* What waits (ui/waiting_view.py): a long line wraps instead of being cut. */
.st-key-waiting_box [data-testid="stPageLink"] p {white-space: normal;}
@media print {
  /* The browser's print of a page: landscape like the screen, laid out as on a wide
     screen and scaled to the paper, so the two-column charts and the tables keep
     their width; no widgets that only work on screen; no chart cut between pages. */
  @page {size: A4 landscape; margin: 8mm;}
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header,
  [data-testid="stToolbar"], [data-testid="stDownloadButton"], [data-testid="stDecoration"]
    {display: none !important;}
  .block-container {padding: 0 !important; max-width: none !important;}
  [data-testid="stMain"] {zoom: 0.72;}
  [data-testid="stHorizontalBlock"] {display: flex !important; flex-wrap: nowrap !important;}
  [data-testid="stColumn"] {min-width: 0 !important;}
  [data-testid="stPlotlyChart"], [data-testid="stMetric"], [data-testid="stDataFrame"]
    {break-inside: avoid;}
  [data-testid="stHeading"] {break-after: avoid;}
}
</style>
"""


def apply() -> None:
    """Add the app's CSS (static text only: no user text goes in here)."""
    st.html(CSS)
