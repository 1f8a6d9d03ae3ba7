"""A task's timeline on its page: newest first, a page of lines at a time in a box of
fixed height, each line "when · who · what" with what the person wrote under it, as
plain text."""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from analytics import formats
from analytics.labels import text
from analytics.timeline import Line
from ui.widgets import inert

PAGE = 20  # lines per page
SCROLL_FROM = 8  # more lines than this scroll inside a box of fixed height
BOX_HEIGHT = 560
WIDTHS = (1.15, 1.35, 2.8, 4.7)  # the day, who, what, what was written


def draw(lines: list[Line], language: str) -> None:
    """The timeline's heading and lines (``analytics.timeline.lines``)."""
    st.subheader(text("timeline", language))
    if not lines:
        st.info(text("timeline_empty", language))
        return
    start = 0
    if len(lines) > PAGE:
        pages = range(0, len(lines), PAGE)
        left, right = st.columns([1, 4], vertical_alignment="bottom")
        start = left.selectbox(
            text("timeline_page", language), list(pages), key="timeline_page",
            format_func=lambda first: f"{first // PAGE + 1} / {len(pages)}",
        )  # fmt: skip
        last = min(start + PAGE, len(lines))
        right.caption(
            text("timeline_range", language, first=start + 1, last=last,
                 n=formats.number(len(lines), language=language))
        )  # fmt: skip
    shown = lines[start : start + PAGE]
    height = BOX_HEIGHT if len(shown) > SCROLL_FROM else "content"
    with st.container(height=height, key="timeline", border=True, gap=None):
        head = _row("timeline_head", (text("col_on", language), text("col_actor", language),
                                      text("col_what", language)), bold=True)  # fmt: skip
        head.markdown(f"**{text('col_written', language)}**")
        for i, line in enumerate(shown):
            written = _row(f"timeline_row_{i}", (line.on, inert(line.who), inert(line.what)))
            if line.detail:
                written.text(line.detail)  # plain text: nothing in it is markup


def _row(key: str, cells: tuple[str, str, str], bold: bool = False) -> DeltaGenerator:
    """One line of the timeline in four columns: the day (bold), who and what (markdown of
    fixed words or escaped names); returns the fourth, for what was written."""
    columns = st.container(key=key).columns(WIDTHS, gap="small")
    for i, (column, cell) in enumerate(zip(columns, cells, strict=False)):
        column.markdown(f"**{cell}**" if bold or i == 0 else cell)
    return columns[-1]
