"""Small drawing pieces several pages share: headline cards, filter chips."""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from analytics import formats
from analytics.filters import Filters
from analytics.labels import text
from analytics.overview import Overview
from analytics.reference_data import PERIOD_KIND_NAMES
from analytics.reference_edit import EDITED_COLUMNS
from ui.sidebar import FILTER_KEYS

RATES = {"completion_rate", "on_time_rate"}
FILTER_WORDS = {"body": "body", "area": "area", "position": "position", "official": "official",
                "assigner": "assigner", "status": "status"}  # fmt: skip


def headline_cards(model: Overview, language: str) -> None:
    """A row of metric cards, each with its change and what it compares with (green when
    better), and one line saying how the comparison is made."""
    compared = text("vs_period", language, period=model.compared)
    for column, card in zip(st.columns(len(model.cards)), model.cards, strict=True):
        if card.key in RATES:
            value = formats.percent(card.value, 1, language)
            change = (
                None
                if card.change is None
                else f"{formats.signed(card.change * 100, 1, language)} {text('points', language)}"
            )
        else:
            value = formats.number(card.value, 0, language)
            change = None if card.change is None else formats.signed(card.change, 0, language)
        column.metric(
            text(card.key, language),
            value,
            delta=change,
            delta_description=None if change is None else compared,
            delta_color="off"
            if not card.change
            else ("normal" if card.higher_is_better else "inverse"),
            delta_arrow="auto" if card.change else "off",
            border=True,
        )
    if model.is_window:
        st.caption(text("changes_since_period", language, period=model.compared_dates))
    else:
        st.caption(text("changes_since", language, date=model.compared))


def filter_chips(filters: Filters, names: dict[str, dict[str, str]], language: str) -> None:
    """One button per active filter value; pressing it removes that value."""
    active = [(dim, value) for dim, values in filters.active().items() for value in values]
    if not active:
        return
    columns = st.columns(min(len(active), 6) + 1)
    for i, (dim, value) in enumerate(active):
        shown = names.get(dim, {}).get(value, value) or text("not_recorded", language)
        columns[i % 6].button(
            "✕ " + text("remove_filter", language, name=text(FILTER_WORDS[dim], language),
                        value=inert(shown)),
            key=f"chip_{dim}_{value}",
            on_click=_remove, args=(dim, value),
        )  # fmt: skip


def _remove(dimension: str, value: str) -> None:
    key = FILTER_KEYS[dimension]
    st.session_state[key] = [v for v in st.session_state.get(key, []) if v != value]


def select_from_chart(chart_key: str, dimension: str) -> None:
    """Callback: a click on a chart mark filters the page by the mark's key (customdata)."""
    state = st.session_state.get(chart_key)
    points = state.selection.points if state is not None else []
    keys = [p.get("customdata") for p in points if p.get("customdata") is not None]
    if keys:
        st.session_state[FILTER_KEYS[dimension]] = sorted({str(k) for k in keys})


def attention_table(rows: pd.DataFrame, body_names: dict[str, str], language: str) -> pd.DataFrame:
    """The overdue / at-risk list as the screen shows it, with a link to each task."""
    return pd.DataFrame(
        {
            "flag": [text(f, language) for f in rows["flag"]],
            "code": rows["code"],
            "title": rows["title"],
            "body": [body_names.get(b, b) for b in rows["body_code"]],
            "progress": rows["progress"],
            "days": [
                int(late) if flag == "qua_han" else int(left)
                for flag, late, left in zip(
                    rows["flag"], rows["days_late"], rows["days_left"], strict=True
                )
            ],
            "link": [task_link(code) for code in rows["code"]],
        }
    )


def attention_columns(language: str) -> dict:
    return {
        "flag": st.column_config.TextColumn(text("flag", language), width="small"),
        "code": st.column_config.TextColumn(text("task_code", language), width="small"),
        "title": st.column_config.TextColumn(text("task_title", language), width="large"),
        "body": st.column_config.TextColumn(text("body", language)),
        "progress": st.column_config.ProgressColumn(
            text("progress", language), min_value=0, max_value=100, format="%.0f %%"
        ),
        "days": st.column_config.NumberColumn(
            f"{text('days_late', language)} / {text('days_left', language)}", format="%d"
        ),
        "link": st.column_config.LinkColumn(
            text("open_task", language), display_text=text("open_task", language) + " →"
        ),
    }


def task_link(code: str) -> str:
    """The address of a task's page, keeping the current language."""
    from urllib.parse import quote

    lang = st.session_state.get("lang", "vi")
    return f"./nhiem-vu?ma={quote(code)}" + ("&lang=en" if lang == "en" else "")


_MARKDOWN_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_{}[]()#+-.!<>|~$:@"})
# Where Streamlit's markdown would start a link by itself (``http://``, ``www.``, ``@`` of
# an address): escaping does not stop it, an invisible word joiner there does.
_AUTOLINK = re.compile(r"(?<=:)(?=//)|(?i:(?<=www))(?=\.)|(?=@)")
WORD_JOINER = "\u2060"


def inert(value: object) -> str:
    """User text made safe where only markdown can show it (a message, a button label):
    links, bare addresses, emphasis and HTML show as typed. Text that needs no markdown
    is better drawn with :func:`plain_text`."""
    if value is None:
        return ""
    return _AUTOLINK.sub(WORD_JOINER, str(value)).translate(_MARKDOWN_SPECIAL)


def plain_text(value: object, where: DeltaGenerator | None = None, *, key: str | None = None):
    """Draw user text as it is: no markdown, so nothing in it becomes a link (``key``
    names a container that ui/style.py may dress, e.g. as a heading)."""
    shown = "–" if value is None or value == "" else str(value)
    target = where if where is not None else st
    if key is not None:
        target = target.container(key=key)
    target.text(shown)


def task_title(title: object) -> None:
    """A task's title as the heading of its page, in plain text."""
    plain_text(title, key="task_title")


def _day(value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "–"
    return formats.day(pd.Timestamp(value).date())


def task_facts(
    task: dict, state: dict | None, as_of: object, body_names: dict, area_names: dict,
    language: str,
) -> None:  # fmt: skip
    """The task's fields in two columns, its status as of D as a coloured label with text."""
    from analytics.reference_data import period_display, period_kind
    from analytics.statuses import status_colour

    left, right = st.columns(2)
    facts_left = [
        ("body", body_names.get(task["body_code"], task["body_code"])),
        ("area", area_names.get(task["area_code"], task["area_code"])),
        ("position", task["position"]),
        ("official", task["official"] or text("not_recorded", language)),
        ("assigner", task["assigner"] or text("not_recorded", language)),
    ]
    facts_right = [
        (
            "period",
            period_display(task["period_label"], period_kind(task["period_label"]), language),
        ),
        ("assigned_on", _day(task["assigned_on"])),
        ("due_on", _day(task["due_on"])),
        ("target", task.get("target") or "–"),
        ("description", task.get("description") or "–"),
    ]
    for column, facts in ((left, facts_left), (right, facts_right)):
        for key, value in facts:
            row = column.container(horizontal=True, gap="small")
            row.markdown(f"**{text(key, language)}:**", width="content")
            plain_text(value, row)
    if state is not None:
        colour = status_colour(state["status"])
        label = text(state["status"], language)
        st.markdown(
            f"**{text('status_as_of', language, date=_day(as_of))}:** "
            f":{_badge_colour(colour)}-badge[{label}] · "
            f"{text('progress', language)} {formats.number(state['progress'], 0, language)} %"
            + (
                f" · {text('done_on', language)} {_day(state['done_on'])}"
                if not pd.isna(state["done_on"])
                else ""
            )
        )


def _badge_colour(hex_colour: str) -> str:
    """Nearest named badge colour Streamlit offers for a status colour."""
    return {
        "#009E73": "green", "#0072B2": "blue", "#56B4E9": "blue", "#999999": "gray",
        "#D55E00": "red", "#E69F00": "orange",
    }.get(hex_colour, "gray")  # fmt: skip


def reports_table(reports: pd.DataFrame, language: str) -> pd.DataFrame:
    from analytics.statuses import REPORT_STATUSES

    index = 0 if language == "vi" else 1
    return pd.DataFrame(
        {
            "report_date": [_day(d) for d in reports["report_date"]],
            "progress": reports["progress"],
            "status": [REPORT_STATUSES.get(s, (s, s))[index] for s in reports["status"]],
            "note": reports["note"].fillna(""),
            "reporter": reports["reporter"].fillna(""),
            "evidence": reports["evidence"].fillna(""),
        }
    ).iloc[::-1]


def reports_columns(language: str) -> dict:
    return {
        "report_date": st.column_config.TextColumn(text("report_date", language), width="small"),
        "progress": st.column_config.ProgressColumn(
            text("progress", language), min_value=0, max_value=100, format="%.0f %%"
        ),
        "status": st.column_config.TextColumn(text("status", language)),
        "note": st.column_config.TextColumn(text("note", language), width="large"),
        "reporter": st.column_config.TextColumn(text("reporter", language)),
        "evidence": st.column_config.TextColumn(text("evidence", language)),
    }


def task_list(
    tasks: pd.DataFrame, body_names: dict, area_names: dict, language: str
) -> pd.DataFrame:
    ordered = tasks.sort_values("code")
    return pd.DataFrame(
        {
            "link": [task_link(c) for c in ordered["code"]],
            "title": ordered["title"],
            "body": [body_names.get(b, b) for b in ordered["body_code"]],
            "area": [area_names.get(a, a) for a in ordered["area_code"]],
            "official": ordered["official"],
            "due_on": [_day(d) for d in ordered["due_on"]],
            "status": [text(s, language) for s in ordered["status"]],
            "progress": ordered["progress"],
        }
    )


def task_list_columns(language: str) -> dict:
    return {
        "link": st.column_config.LinkColumn(
            text("task_code", language), display_text=r"ma=([^&]+)", width="small"
        ),
        "title": st.column_config.TextColumn(text("task_title", language), width="large"),
        "body": st.column_config.TextColumn(text("body", language)),
        "area": st.column_config.TextColumn(text("area", language)),
        "official": st.column_config.TextColumn(text("official", language)),
        "due_on": st.column_config.TextColumn(text("due_on", language), width="small"),
        "status": st.column_config.TextColumn(text("status", language)),
        "progress": st.column_config.ProgressColumn(
            text("progress", language), min_value=0, max_value=100, format="%.0f %%"
        ),
    }


def pace_line(warning: dict | None, language: str) -> None:
    """The early-warning reading of an open task: its pace against the pace it needs."""
    if warning is None:
        return
    if pd.isna(warning["pace_per_month"]):
        st.caption(text("not_judged", language))
        return
    finish = (
        text("projected", language, date=_day(warning["projected_finish"]))
        if not pd.isna(warning["projected_finish"])
        else ""
    )
    needed = warning["needed_per_month"]
    line = text(
        "pace_line", language,
        pace=formats.number(warning["pace_per_month"], 1, language),
        needed=formats.number(needed, 1, language) if not pd.isna(needed) else "–",
        finish=finish,
    )  # fmt: skip
    if warning["nguy_co"]:
        st.warning(f"**{text('nguy_co', language)}** · {line}")
    else:
        st.caption(line)


def narrow_to_node(widget_key: str) -> None:
    """Callback: choosing a ring of the cascade (``a:X/b:Y/p:Z``) sets the assigner, body
    and position filters to its path; choosing nothing clears them."""
    node = st.session_state.get(widget_key) or ""
    path = dict(part.split(":", 1) for part in node.split("/") if ":" in part)
    for letter, dimension in (("a", "assigner"), ("b", "body"), ("p", "position")):
        st.session_state[FILTER_KEYS[dimension]] = [path[letter]] if letter in path else []


def cascade_table(nodes: pd.DataFrame, language: str) -> pd.DataFrame:
    from analytics.cascade import indented

    table = indented(nodes)
    return pd.DataFrame(
        {
            text("level_name", language): table["name"],
            text("tasks_total", language): table["tasks"],
            text("done_count", language): table["done"],
            text("qua_han", language): table["overdue"],
            text("completion_rate", language): [
                formats.percent(v / 100, 1, language) for v in table["completion"]
            ],
        }
    )


def waiting_table(waiting: pd.DataFrame, body_names: dict, language: str) -> pd.DataFrame:
    from analytics.statuses import ASSIGNMENT_STATES

    index = 0 if language == "vi" else 1
    return pd.DataFrame(
        {
            text("task_code", language): waiting["code"],
            text("open_task", language): [task_link(code) for code in waiting["code"]],
            text("task_title", language): waiting["title"],
            text("assignment_state", language): [
                ASSIGNMENT_STATES.get(s, (s, s))[index] for s in waiting["assignment_state"]
            ],
            text("body", language): [body_names.get(b, b) for b in waiting["body_code"]],
            text("official", language): waiting["official"],
            text("period", language): waiting["period_label"],
            text("return_reason", language): waiting["return_reason"],
        }
    )


def waiting_columns(language: str) -> dict:
    """The waiting table's link to each task (where a return's reason and the actions are)."""
    label = text("open_task", language)
    return {label: st.column_config.LinkColumn(label, display_text=label + " →", width="small")}


def silent_table(silent: pd.DataFrame, body_names: dict, language: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            text("task_code", language): silent["code"],
            text("task_title", language): silent["title"],
            text("body", language): [body_names.get(b, b) for b in silent["body_code"]],
            text("official", language): silent["official"],
            text("last_report", language): [_day(d) for d in silent["last_report_on"]],
            text("silent_days", language): silent["days_silent"],
            text("progress", language): [
                formats.number(v, 0, language) + " %" for v in silent["progress"]
            ],
        }
    )


def appraisal_summary_table(summary: pd.DataFrame, language: str) -> pd.DataFrame:
    from analytics.statuses import APPRAISAL_RATINGS, NOT_APPRAISED

    index = 0 if language == "vi" else 1
    table = pd.DataFrame({text("group", language): summary["label"]})
    for rating, names in APPRAISAL_RATINGS.items():
        table[names[index]] = summary[rating]
    table[text("not_appraised", language)] = summary[NOT_APPRAISED]
    return table


def import_errors(result: object, language: str) -> None:
    """The messages of a rejected import, one line each, in the screen's language."""
    for message in result.error_table(language)["message"]:
        st.error(message)


def status_legend(language: str) -> None:
    """The five status colours with their names (fixed text only, no user input)."""
    from html import escape

    from analytics.statuses import TASK_STATUSES

    items = "".join(
        f'<span style="margin-right:18px;white-space:nowrap">'
        f'<span style="display:inline-block;width:12px;height:12px;background:{s.colour};'
        f'margin-right:6px;vertical-align:-1px"></span>{escape(text(s.code, language))}</span>'
        for s in TASK_STATUSES
    )
    st.html(f'<div style="font-size:0.9rem;color:#31333F">{items}</div>')


def reference_columns(list_name: str, language: str) -> dict:
    """How the reference-list editor shows each column (Quản trị → Danh mục)."""

    def title(column: str) -> str:
        return text(f"ref_col_{column}", language)

    kinds = list(PERIOD_KIND_NAMES)
    columns = {
        "code": st.column_config.TextColumn(title("code"), width="small", max_chars=40),
        "name_vi": st.column_config.TextColumn(title("name_vi"), max_chars=150),
        "name_en": st.column_config.TextColumn(title("name_en"), max_chars=150),
        "headline": st.column_config.CheckboxColumn(title("headline"), width="small"),
        "label": st.column_config.TextColumn(title("label"), width="small", max_chars=9),
        "kind": st.column_config.SelectboxColumn(
            title("kind"),
            options=kinds,
            width="medium",
            format_func=lambda kind: PERIOD_KIND_NAMES[kind][0 if language == "vi" else 1],
        ),
    }
    return {name: columns[name] for name in EDITED_COLUMNS[list_name]}
