"""The shared sidebar: language, period and filters, kept in the URL.

Every widget's value is kept in the URL by its code (see ``ui.url_state``), so a
view can be shared as a link and survives a reload. Pages read the result through
:func:`current_view`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import streamlit as st

from analytics import formats, periods
from analytics.filters import Filters
from analytics.labels import LANGUAGES, text
from analytics.reference_data import period_display
from analytics.statuses import TASK_STATUS_CODES
from ui import data, url_state

PERIOD_WORDS = {
    "as_of": "as_of",
    "year": "year",
    "half_year": "half_year",
    "quarter": "quarter",
    "term": "term",
    "range": "custom_range",
}
# Filter name -> query parameter (and widget key).
FILTER_KEYS = {
    "body": "co_quan",
    "area": "linh_vuc",
    "position": "chuc_danh",
    "official": "nguoi",
    "assigner": "cap_giao",
    "status": "trang_thai",
}


@dataclass(frozen=True)
class View:
    """What the user chose in the sidebar."""

    language: str
    choice: periods.Choice
    period_label: str
    filters: Filters


def language() -> str:
    """The chosen language: from the URL on a session's first run, then from the switch."""
    url_state.restore("lang", LANGUAGES, default="vi")
    return st.session_state.get("lang") or "vi"


def render() -> View:
    """Draw the sidebar and return the view it describes."""
    today = date.today()
    url_state.restore("lang", LANGUAGES, default="vi")
    lang = st.sidebar.radio(
        "Ngôn ngữ / Language",
        LANGUAGES,
        format_func=lambda code: {"vi": "Tiếng Việt", "en": "English"}[code],
        horizontal=True,
        key="lang",
    )
    ref = data.reference()
    choice, label = _period(ref, lang, today)
    filters = _filters(ref, lang)
    return View(lang, choice, label, filters)


def _period(ref: dict, lang: str, today: date) -> tuple[periods.Choice, str]:
    side = st.sidebar
    url_state.restore("ky", periods.PERIOD_KINDS, default="as_of")
    kind = side.selectbox(
        text("period_kind", lang),
        periods.PERIOD_KINDS,
        format_func=lambda k: text(PERIOD_WORDS[k], lang),
        key="ky",
    )
    dims = ref["dimensions"]
    first_year = dims["first_year"] or today.year
    years = list(range(today.year, int(first_year) - 1, -1))
    if kind == "year":
        url_state.restore("nam", years, parse=int, default=today.year)
        year = side.selectbox(text("year", lang), years, key="nam")
        start, end = periods.year_window(year)
        return periods.Choice(date_from=start, date_to=end), f"{text('year', lang)} {year}"
    if kind == "quarter":
        col_q, col_y = side.columns(2)
        url_state.restore("quy", (1, 2, 3, 4), parse=int, default=periods.quarter_of(today))
        url_state.restore("nam", years, parse=int, default=today.year)
        quarter = col_q.selectbox(
            text("quarter", lang), (1, 2, 3, 4), format_func=lambda q: periods.ROMAN[q], key="quy"
        )
        year = col_y.selectbox(text("year", lang), years, key="nam")
        start, end = periods.quarter_window(year, quarter)
        return periods.Choice(date_from=start, date_to=end), periods.quarter_label(
            year, quarter, lang
        )
    if kind == "half_year":
        col_h, col_y = side.columns(2)
        url_state.restore("nua", (1, 2), parse=int, default=1 if today.month <= 6 else 2)
        url_state.restore("nam", years, parse=int, default=today.year)
        half = col_h.selectbox(
            text("half_year", lang),
            (1, 2),
            format_func=lambda h: text(f"half_{h}", lang),
            key="nua",
        )
        year = col_y.selectbox(text("year", lang), years, key="nam")
        start, end = periods.half_window(year, half)
        return periods.Choice(date_from=start, date_to=end), periods.half_label(year, half, lang)
    if kind == "term":
        terms = ref["periods"]
        labels = list(terms["label"])
        kinds = dict(zip(terms["label"], terms["kind"], strict=True))
        starts = dict(zip(terms["label"], terms["start_year"], strict=True))
        ends = dict(zip(terms["label"], terms["end_year"], strict=True))
        current = [t for t in labels if starts[t] <= today.year <= ends[t]]
        url_state.restore("nhiem_ky", labels, default=(current or labels)[-1] if labels else None)
        term = side.selectbox(
            text("term", lang), labels,
            format_func=lambda t: period_display(t, kinds[t], lang), key="nhiem_ky",
        )  # fmt: skip
        start, end = periods.term_window(int(starts[term]), int(ends[term]))
        return periods.Choice(date_from=start, date_to=end), period_display(term, kinds[term], lang)
    if kind == "range":
        col_f, col_t = side.columns(2)
        url_state.restore("tu", parse=date.fromisoformat, default=date(today.year, 1, 1))
        url_state.restore("den", parse=date.fromisoformat, default=today)
        start = col_f.date_input(text("date_from", lang), format="DD/MM/YYYY", key="tu")
        end = col_t.date_input(text("date_to", lang), format="DD/MM/YYYY", key="den")
        if start is None or end is None or start > end:
            side.warning(text("range_incomplete", lang))
            return periods.Choice(as_of=today), formats.day(today)
        return (
            periods.Choice(date_from=start, date_to=end),
            f"{formats.day(start)} – {formats.day(end)}",
        )
    url_state.restore("ngay", parse=date.fromisoformat, default=today)
    as_of = side.date_input(
        text("as_of_date", lang), max_value=today, format="DD/MM/YYYY", key="ngay"
    )
    as_of = as_of or today
    return periods.Choice(as_of=as_of), ""


def _filters(ref: dict, lang: str) -> Filters:
    side = st.sidebar
    side.markdown(f"**{text('filters', lang)}**")
    name = "name_vi" if lang == "vi" else "name_en"
    bodies = dict(zip(ref["bodies"]["code"], ref["bodies"][name], strict=True))
    areas = dict(zip(ref["areas"]["code"], ref["areas"][name], strict=True))
    dims = ref["dimensions"]
    unrecorded = text("not_recorded", lang)
    choices = {
        "body": (list(bodies), lambda c: bodies.get(c, c)),
        "area": (list(areas), lambda c: areas.get(c, c)),
        "position": (dims["positions"], str),
        "official": (dims["officials"], lambda v: v or unrecorded),
        "assigner": (dims["assigners"], lambda v: v or unrecorded),
        "status": (list(TASK_STATUS_CODES), lambda c: text(c, lang)),
    }
    words = {"body": "body", "area": "area", "position": "position", "official": "official",
             "assigner": "assigner", "status": "status"}  # fmt: skip
    chosen: dict[str, tuple[str, ...]] = {}
    for dimension, (options, shown) in choices.items():
        url_state.restore(FILTER_KEYS[dimension], options, multi=True)
        values = side.multiselect(
            text(words[dimension], lang), options, format_func=shown,
            placeholder=text("all_values", lang), key=FILTER_KEYS[dimension],
        )  # fmt: skip
        chosen[dimension] = tuple(values)
    return Filters(**chosen)


def current_view() -> View:
    """The view the sidebar stored for this run (set by app.py).

    Should a page run without app.py around it (Streamlit's old pages/ discovery on a
    fresh server), the sidebar is drawn here so the page still works.
    """
    if "_view" not in st.session_state:
        st.session_state["_view"] = render()
    return st.session_state["_view"]
