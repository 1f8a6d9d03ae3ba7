"""What waits for the signed-in account, at the top of the overview: the count of each
kind, the first few items as links to their task, the rest behind one click (each a link
too); nothing when nothing waits."""

from __future__ import annotations

import streamlit as st

from analytics import formats, reporting_calendar
from analytics.labels import text
from analytics.waiting import Waiting, item_line
from ui.widgets import inert

SHOWN = 5  # items listed at once; the rest behind one click
SCROLL_FROM = 10  # more of the rest than this scroll in a box
SCROLL_HEIGHT = 420
TITLE_CHARS = 90


def _short(title: object) -> str:
    shown = str(title or "")
    return shown if len(shown) <= TITLE_CHARS else shown[: TITLE_CHARS - 1].rstrip() + "…"


def draw(found: Waiting, language: str) -> None:
    """The box; drawn only when something waits."""
    if found.empty:
        return
    counts = " ".join(
        f":blue-badge[{text(f'waiting_{kind}', language)} ({formats.number(n, language=language)})]"
        for kind, n in found.counts().items()
    )
    with st.container(border=True, key="waiting_box"):
        st.markdown(f"**{text('waiting_for_you', language)}** {counts}")
        records = found.items.to_dict("records")
        for item in records[:SHOWN]:
            _link(item, found, language)
        if len(records) > SHOWN:
            rest = len(records) - SHOWN
            with (
                st.expander(text("waiting_more", language, n=rest)),
                st.container(height=SCROLL_HEIGHT if rest > SCROLL_FROM else "content"),
            ):
                for item in records[SHOWN:]:
                    _link(item, found, language)
        if "chua_bao_cao" in found.counts():
            start, end = found.period
            name = reporting_calendar.period_name(found.period, found.kind_of_period, language)
            st.caption(text("waiting_period_note", language, period=name,
                            start=formats.day(start), end=formats.day(end)))  # fmt: skip


def _link(item: dict, found: Waiting, language: str) -> None:
    """One item: its code, what it asks for, the task's title; a link to the task's page
    (user text escaped)."""
    label = (f"**{inert(item['code'])}** · {inert(item_line(item, found, language))}"
             f" — {inert(_short(item['title']))}")  # fmt: skip
    st.page_link("pages/tasks.py", label=label, icon=":material/arrow_forward:",
                 query_params={"ma": item["code"], "lang": language})  # fmt: skip
