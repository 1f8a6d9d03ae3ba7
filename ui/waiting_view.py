"""What waits for the signed-in account, at the top of the overview: the count of each
kind, the first few items as links to their task, the rest behind one click; nothing
when nothing waits."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics import formats, reporting_calendar
from analytics.labels import text
from analytics.waiting import Waiting, item_line
from ui.widgets import inert, task_link

SHOWN = 5  # items listed as links; the rest are in the table behind "see all"
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
        for item in found.items.head(SHOWN).to_dict("records"):
            label = (f"**{inert(item['code'])}** · {inert(item_line(item, found, language))}"
                     f" — {inert(_short(item['title']))}")  # fmt: skip
            st.page_link("pages/tasks.py", label=label, icon=":material/arrow_forward:",
                         query_params={"ma": item["code"], "lang": language})  # fmt: skip
        if len(found.items) > SHOWN:
            with st.expander(text("waiting_more", language, n=len(found.items))):
                st.dataframe(_table(found, language), hide_index=True, width="stretch",
                             column_config=_columns(language))  # fmt: skip
        if "chua_bao_cao" in found.counts():
            start, end = found.period
            name = reporting_calendar.period_name(found.period, found.kind_of_period, language)
            st.caption(text("waiting_period_note", language, period=name,
                            start=formats.day(start), end=formats.day(end)))  # fmt: skip


def _table(found: Waiting, language: str) -> pd.DataFrame:
    items = found.items.to_dict("records")
    return pd.DataFrame(
        {
            "kind": [text(f"waiting_{i['kind']}", language) for i in items],
            "link": [task_link(i["code"]) for i in items],
            "title": [i["title"] for i in items],
            "what": [item_line(i, found, language) for i in items],
            "text": [i["text"] or "" for i in items],
        }
    )


def _columns(language: str) -> dict:
    return {
        "kind": st.column_config.TextColumn(text("col_waiting_kind", language)),
        "link": st.column_config.LinkColumn(
            text("task_code", language), display_text=r"ma=([^&]+)", width="small"
        ),
        "title": st.column_config.TextColumn(text("task_title", language), width="large"),
        "what": st.column_config.TextColumn(text("col_waiting_what", language), width="medium"),
        "text": st.column_config.TextColumn(text("col_detail", language), width="medium"),
    }
