"""The meeting-report buttons of the overview and analysis pages.

The file is made when a button is pressed, not on every rerun: the button is given a
function (Streamlit runs it on the click, in a thread of its own) and the bytes are
cached under the database's stamp, the period, the filters and the language, so a
second click on the same view is instant and any write makes the next report afresh.
"""

from __future__ import annotations

from datetime import date
from functools import partial

import streamlit as st

from analytics import report
from analytics.filters import Filters
from analytics.labels import text
from analytics.periods import Choice
from ui import auth, data
from ui.sidebar import View


@st.cache_data(ttl=3600, max_entries=8, show_spinner=False)
def _report(
    path: str, stamp: tuple, choice: Choice, filters: Filters, language: str, fmt: str,
    period_label: str, today: date,
) -> bytes:  # fmt: skip
    made = report.build_report(
        path, choice, filters, fmt, language=language, today=today, period_label=period_label
    )
    return made.data


def report_bytes(
    choice: Choice, filters: Filters, language: str, fmt: str, period_label: str = ""
) -> bytes:
    """The report (``pdf`` or ``docx``) for a period and filters, as the pages show them."""
    return _report(
        *data.ensure_database(), choice, filters, language, fmt, period_label, date.today()
    )


def download_buttons(view: View) -> None:
    """Two buttons, PDF and Word, that make and download the report of ``view``."""
    if not auth.can("export"):  # staff upload; reports are for the readers
        return
    lang = view.language
    for column, fmt in zip(st.columns(2), report.FORMATS, strict=True):
        column.download_button(
            text(f"report_{fmt}", lang),
            data=partial(report_bytes, view.choice, view.filters, lang, fmt, view.period_label),
            file_name=report.file_name(view.choice, fmt, date.today()),
            mime=report.MIME_TYPES[fmt],
            on_click="ignore",
            help=text("report_help", lang),
            icon=":material/description:",
            key=f"report_{fmt}",
        )
