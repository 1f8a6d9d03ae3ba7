"""Reports missing for the last reporting period that ended ("chưa báo cáo kỳ này"): a
line on the overview linking to Giao việc, and there the count by body and the tasks."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics import formats
from analytics.labels import text
from analytics.missing_reports import MissingReports
from ui.widgets import inert


def _span(missing: MissingReports, language: str) -> str:
    first, last = missing.period
    return f"{missing.name(language)} ({formats.day(first)} – {formats.day(last)})"


def overview_line(missing: MissingReports, bodies: pd.DataFrame, language: str) -> None:
    """One line: how many tasks have no report in the period, by body, linking to Giao việc."""
    if missing.tasks.empty:
        return
    by_body = missing.by_body(bodies, language)
    parts = " · ".join(f"{label} {n}" for label, n in zip(by_body["label"], by_body["tasks"],
                                                           strict=True))  # fmt: skip
    st.page_link(
        "pages/cascade.py", icon=":material/event_busy:",
        label=inert(text("missing_line", language, n=formats.number(len(missing.tasks),
                                                                      language=language),
                         period=_span(missing, language), bodies=parts)),
    )  # fmt: skip


def section(missing: MissingReports, bodies: pd.DataFrame, language: str) -> None:
    """Giao việc's section: the rule, the count by body and the tasks, each linking to it."""
    st.subheader(text("missing_title", language, period=_span(missing, language)))
    st.caption(text("missing_note", language))
    if missing.tasks.empty:
        st.success(text("missing_none", language))
        return
    by_body = missing.by_body(bodies, language)
    st.markdown(
        " · ".join(f"{inert(label)}: **{n}**" for label, n in zip(by_body["label"],
                                                                by_body["tasks"], strict=True))
    )  # fmt: skip
    names = dict(zip(bodies["code"], bodies["name_vi" if language == "vi" else "name_en"],
                     strict=True))  # fmt: skip
    tasks = missing.tasks
    st.dataframe(
        pd.DataFrame(
            {
                text("task_code", language): [f"nhiem-vu?ma={c}" for c in tasks["code"]],
                text("task_title", language): tasks["title"],
                text("body", language): [names.get(b, b) for b in tasks["body_code"]],
                text("last_report", language): [
                    formats.day(pd.Timestamp(d).date()) if not pd.isna(d) else "–"
                    for d in tasks["last_report_on"]
                ],
            }
        ),
        hide_index=True, width="stretch",
        column_config={text("task_code", language): st.column_config.LinkColumn(
            text("task_code", language), display_text=r"nhiem-vu\?ma=(.*)")},
    )  # fmt: skip
