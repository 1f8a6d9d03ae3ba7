"""Cached reads for the pages, keyed on the data version.

Every write of data (an upload here, an import or undo from the command line) raises
the data version stored in the file. The version itself is re-read only when the
file's size or modification time (or its WAL's) changed, so a rerun with nothing
changed never opens the database. Cached frames are shared: callers must not modify
them in place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analytics import actions, charts, cycle, inbox, overview, reporting_calendar, waiting
from analytics.accounts import Account
from analytics.demo import create_demo_store
from analytics.early_warning import early_warning
from analytics.figures import summary, task_frame
from analytics.filters import Filters, apply_filters
from analytics.missing_reports import MissingReports, missing_reports
from analytics.periods import Choice, Window
from analytics.store import connection, cycle_sql, lookups
from analytics.store.connection import open_db, open_store, resolve_db

CACHE = {"ttl": 3600, "max_entries": 64, "show_spinner": False}


def store_location() -> Path | str:
    """Where the store the app serves is (``TRACKER_DB`` or ``data/tracker.duckdb``): a
    file's path or a PostgreSQL URL."""
    return resolve_db(None)


def ensure_database() -> tuple[str, tuple[int, ...]]:
    """Create the default file with the demo data on first start; return the store's name
    and the key every cached read is stored under: the data version.

    Only the default file is made here (a populated dashboard on first start); a missing
    store that ``TRACKER_DB`` names raises :class:`StoreMissing` (a mistyped path must not
    become a store of demo data).

    The store reads its version cheaply (a DuckDB file only when its size or time changed;
    PostgreSQL in one small query), so an unchanged rerun recomputes nothing, and a write
    that is not data (a sign-in's audit line) does not refresh the figures.
    """
    store = open_store(None)
    if store.name == str(connection.DEFAULT_DB) and not store.exists():
        create_demo_store(store)
    return store.name, (store.data_version(),)


def file_key() -> tuple[str, tuple[int, ...]]:
    """The store's name and a stamp that changes with any write: the key for reads of
    anything besides the data (accounts), which changes without raising the data version."""
    name, _ = ensure_database()
    return name, open_store(name).stamp()


@st.cache_data(**CACHE)
def _summary(path: str, stamp: tuple, by: str, as_of: date, language: str) -> pd.DataFrame:
    return summary(path, by=by, as_of=as_of, language=language)


def summary_as_of(by: str, as_of: date, language: str) -> pd.DataFrame:
    """Figures per group as of a date."""
    return _summary(*ensure_database(), by, as_of, language)


@st.cache_data(**CACHE)
def _tasks(path: str, stamp: tuple, window: Window) -> pd.DataFrame:
    with open_db(path) as con:
        return task_frame(con, window)


def tasks_in(choice: Choice) -> pd.DataFrame:
    """One row per assigned task in scope of ``choice`` (resolved today) with its status
    (see analytics.figures.task_frame)."""
    return _tasks(*ensure_database(), choice.window(date.today()))


@st.cache_data(**CACHE)
def _reference(path: str, stamp: tuple) -> dict:
    with open_db(path) as con:
        tables = lookups.reference_tables(con)
        tables["dimensions"] = lookups.task_dimensions(con)
        tables["last_update"] = lookups.last_update(con)
    return tables


def reference() -> dict:
    """Bodies, areas, positions, periods, the values found in tasks, the last report date."""
    return _reference(*ensure_database())


@st.cache_data(**CACHE)
def _task(path: str, stamp: tuple, code: str) -> tuple[dict | None, pd.DataFrame]:
    with open_db(path) as con:
        return lookups.task_detail(con, code), lookups.task_reports(con, code)


def task_with_reports(code: str) -> tuple[dict | None, pd.DataFrame]:
    """One task's fields and its progress reports."""
    return _task(*ensure_database(), code)


@st.cache_resource(max_entries=4, show_spinner=False)
def _quarter_rows(path: str, stamp: tuple, as_of: date) -> pd.DataFrame:
    # Shared, not copied (it can be millions of rows): callers only read it.
    with open_db(path) as con:
        return overview.quarter_rows(con, as_of)


@st.cache_data(**CACHE)
def _warnings(path: str, stamp: tuple, as_of: date) -> pd.DataFrame:
    with open_db(path) as con:
        return early_warning(con, as_of)


def warnings_as_of(as_of: date) -> pd.DataFrame:
    """Every open task as of ``as_of`` with its pace, needed pace and at-risk flag."""
    return _warnings(*ensure_database(), as_of)


def at_risk(as_of: date, filters: Filters) -> frozenset[str]:
    """Codes of the tasks at risk as of ``as_of`` among the filtered ones."""
    return frozenset(overview.at_risk_codes(warnings_as_of(as_of), filters))


@dataclass(frozen=True)
class _CachedReads:
    """The overview's reads (``analytics.overview.Reads``) through this module's caches."""

    path: str
    stamp: tuple

    def tasks(self, window: Window) -> pd.DataFrame:
        return _tasks(self.path, self.stamp, window)

    def warnings(self, as_of: date) -> pd.DataFrame:
        return _warnings(self.path, self.stamp, as_of)

    def quarter_rows(self, as_of: date) -> pd.DataFrame:
        return _quarter_rows(self.path, self.stamp, as_of)

    def silent(self, as_of: date) -> pd.DataFrame:
        return _silent(self.path, self.stamp, as_of, cycle.STALE_DAYS)


# Shared, not copied: a copy (unpickled on every call) rebuilds the four plotly figures,
# validating every property again, which was half of a visit's run. Callers only read.
@st.cache_resource(**CACHE)
def _overview(
    path: str, stamp: tuple, choice: Choice, filters: Filters, language: str, today: date
) -> tuple[overview.Overview, dict[str, go.Figure]]:
    reads = _CachedReads(path, stamp)
    model, _ = overview.of_period(reads, choice, filters, _reference(path, stamp), language, today)
    return model, charts.overview_figures(model, language)


def overview_of(
    choice: Choice, filters: Filters, language: str
) -> tuple[overview.Overview, dict[str, go.Figure]]:
    """The overview's figures and charts for a period and filters (cached as a whole, so
    an unchanged rerun does no work)."""
    return _overview(*ensure_database(), choice, filters, language, date.today())


@st.cache_data(**CACHE)
def _waiting(path: str, stamp: tuple) -> pd.DataFrame:
    return cycle.waiting(path)


def waiting_tasks() -> pd.DataFrame:
    """Tasks registered, proposed or returned."""
    return _waiting(*ensure_database())


@st.cache_data(**CACHE)
def _silent(path: str, stamp: tuple, as_of: date, days: int) -> pd.DataFrame:
    return cycle.stale(path, as_of, days)


def silent_tasks(as_of: date, days: int = cycle.STALE_DAYS) -> pd.DataFrame:
    """Open assigned tasks with no report dated in the ``days`` days before ``as_of``."""
    return _silent(*ensure_database(), as_of, days)


@st.cache_data(**CACHE)
def _missing(path: str, stamp: tuple, today: date, kind: str) -> MissingReports:
    return missing_reports(path, today, kind)


def missing_reports_now(filters: Filters) -> MissingReports:
    """Tasks with no report in the last reporting period that ended (TRACKER_REPORTING),
    narrowed by the sidebar's ``filters``."""
    missing = _missing(*ensure_database(), date.today(), reporting_calendar.reporting_kind())
    return missing.filtered(apply_filters(missing.tasks, filters))


@st.cache_data(**CACHE)
def _appraisal(path: str, stamp: tuple, year: int, by: str) -> pd.DataFrame:
    return cycle.appraisal_summary(path, year, by)


def appraisal_summary(year: int, by: str) -> pd.DataFrame:
    """Ratings per official or body for a year."""
    return _appraisal(*ensure_database(), year, by)


@st.cache_data(**CACHE)
def _sheet(path: str, stamp: tuple, official: str, year: int) -> pd.DataFrame:
    return cycle.official_sheet(path, official, year)


def official_sheet(official: str, year: int) -> pd.DataFrame:
    """One official's tasks for a year with status on 31/12 and rating."""
    return _sheet(*ensure_database(), official, year)


@st.cache_data(**CACHE)
def _appraisal_rows(path: str, stamp: tuple, year: int) -> pd.DataFrame:
    with open_db(path) as con:
        return cycle_sql.appraisal_rows(con, year)


def appraisal_rows(year: int) -> pd.DataFrame:
    """Every assigned task covering ``year`` with its rating (if any)."""
    return _appraisal_rows(*ensure_database(), year)


# --- acting on tasks: the history, open requests, what waits ------------------------------


@st.cache_data(**CACHE)
def _history(path: str, stamp: tuple, code: str) -> list[dict]:
    return actions.history(path, code)["events"]


def task_history(code: str) -> list[dict]:
    """The events of task ``code`` (``actions.history``), oldest first."""
    return _history(*ensure_database(), code)


@st.cache_data(**CACHE)
def _requests(path: str, stamp: tuple, code: str, today: date) -> waiting.TaskRequests:
    return waiting.task_requests(path, code, today)


def task_requests(code: str) -> waiting.TaskRequests:
    """Task ``code``'s open extension and explanation requests and its deadline in force."""
    return _requests(*ensure_database(), code, date.today())


@st.cache_data(**CACHE)
def _waiting_for(path: str, stamp: tuple, account: Account, today: date, kind: str):
    return waiting.for_account(path, account, today, kind)


def waiting_for(account: Account) -> waiting.Waiting:
    """What waits for ``account`` today (``analytics.waiting``)."""
    kind = reporting_calendar.reporting_kind()
    return _waiting_for(*ensure_database(), account, date.today(), kind)


@st.cache_data(ttl=600, max_entries=64, show_spinner=False)
def _acting(path: str, stamp: tuple, account: Account) -> Account:
    return actions.acting_account(path, account)


def acting_account(account: Account) -> Account:
    """The signed-in account as stored (an official's body and position), re-read when
    the store changes; what the pages offer actions by. An action itself re-reads it."""
    return _acting(*file_key(), account)


@st.cache_data(ttl=600, max_entries=256, show_spinner=False)
def _unread(path: str, stamp: tuple, user: str) -> int:
    return inbox.unread(path, user)


def unread_messages(user: str) -> int:
    """How many of ``user``'s inbox messages are unread, re-read when the store changes."""
    return _unread(*file_key(), user)
