"""The assignment cycle around the figures: tasks waiting to be assigned, reporting
discipline, and the year-end appraisal (no Streamlit here).

- **Waiting** (*đang chờ giao*): tasks registered, proposed or returned. They are kept
  out of every figure of CONTRACT.md section 4 and listed apart.
- **Reporting discipline**: assigned tasks not done as of D whose latest progress
  report is dated more than N days before D (90 by default), or that have none and were
  assigned more than N days before D. Report dates decide, not import dates.
- **Appraisal**: for a year Y, the assigned tasks whose period covers Y
  (``ngay_giao`` ≤ 31/12/Y and ``han_hoan_thanh`` ≥ 01/01/Y) and the rating each got
  for Y; ``chua_danh_gia`` counts those without one.
"""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pandas as pd

from analytics.choices import APPRAISAL_GROUPS
from analytics.figures import UNRECORDED_LABEL, task_frame
from analytics.periods import Choice
from analytics.statuses import APPRAISAL_RATINGS, NOT_APPRAISED
from analytics.store import cycle_sql
from analytics.store.connection import Database, use_connection
from analytics.store.figures_sql import reference_labels

STALE_DAYS = 90
RATING_COLUMNS = (*APPRAISAL_RATINGS, NOT_APPRAISED)


def waiting(db: Database = None) -> pd.DataFrame:
    """Tasks not assigned (registered, proposed, returned), with the reason of a return."""
    with use_connection(db) as con:
        return cycle_sql.waiting_tasks(con)


def stale(
    db: Database = None,
    as_of: date | None = None,
    days: int = STALE_DAYS,
) -> pd.DataFrame:
    """Open assigned tasks silent for more than ``days`` days as of ``as_of``, longest first."""
    if days < 1:
        raise ValueError("days must be at least 1")
    as_of = as_of or date.today()
    with use_connection(db) as con:
        return cycle_sql.stale_tasks(con, as_of, as_of - timedelta(days=days))


def stale_by_body(stale_tasks: pd.DataFrame, bodies: pd.DataFrame) -> pd.DataFrame:
    """How many silent tasks each body has (``key``, ``label``, ``tasks``), most first."""
    counts = stale_tasks.groupby("body_code").size().rename("tasks").reset_index()
    names = dict(zip(bodies["code"], bodies["name_vi"], strict=True))
    counts["label"] = [names.get(c, c) for c in counts["body_code"]]
    counts = counts.rename(columns={"body_code": "key"})
    return counts.sort_values(["tasks", "key"], ascending=[False, True])[["key", "label", "tasks"]]


def appraisal_summary(
    db: Database = None,
    year: int | None = None,
    by: str = "official",
) -> pd.DataFrame:
    """Per official (or body): how many tasks got each rating for ``year``, and how many
    are not yet appraised. Groups with no task whose period covers the year are left out."""
    if by not in APPRAISAL_GROUPS:
        raise ValueError(f"unknown group {by!r}; one of {', '.join(APPRAISAL_GROUPS)}")
    year = year or date.today().year
    with use_connection(db) as con:
        rows = cycle_sql.appraisal_rows(con, year)
        labels = reference_labels(con, "body") if by == "body" else None
    column = "official" if by == "official" else "body_code"
    rows["rating"] = rows["rating"].fillna(NOT_APPRAISED)
    counts = (
        pd.crosstab(rows[column], rows["rating"])
        .reindex(columns=list(RATING_COLUMNS), fill_value=0)
        .astype("int64")
    )
    out = counts.reset_index().rename(columns={column: "key"})
    if by == "body" and labels is not None:
        names = dict(zip(labels["key"], labels["name_vi"], strict=True))
        orders = dict(zip(labels["key"], labels["sort_order"], strict=True))
        out["label"] = [names.get(k, k) for k in out["key"]]
        out["_order"] = [orders.get(k, 10_000) for k in out["key"]]
        out = out.sort_values(["_order", "key"]).drop(columns="_order")
    else:
        out["label"] = [k if k else UNRECORDED_LABEL for k in out["key"]]
        out = out.sort_values("key")
    return out[["key", "label", *RATING_COLUMNS]].reset_index(drop=True)


def official_sheet(
    db: Database,
    official: str,
    year: int,
) -> pd.DataFrame:
    """One official's tasks for ``year``: status and progress as of 31/12/``year`` (CONTRACT.md
    section 4) and the rating for that year. Every task of the official whose period
    covers the year is listed, appraised or not."""
    year_end = date(year, 12, 31)
    with use_connection(db) as con:
        rows = cycle_sql.appraisal_rows(con, year)
        states = task_frame(con, Choice(as_of=year_end).window())
    mine = rows[rows["official"] == official]
    states = states[["code", "status", "progress", "done_on"]]
    sheet = mine.merge(states, on="code", how="left")
    sheet["progress"] = sheet["progress"].fillna(0.0)
    return sheet.reset_index(drop=True)


def appraisal_entry(
    code: str, year: int, rating: str, appraiser: str, appraised_on: date | None, comment: str
) -> bytes:
    """One rating typed on screen as an appraisal file (CONTRACT.md section 3), so that it
    goes through the same checks, transaction, history and undo as an uploaded file."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["ma_nhiem_vu", "nam", "muc_danh_gia", "nguoi_danh_gia", "ngay_danh_gia",
                     "nhan_xet"])  # fmt: skip
    day = appraised_on.strftime("%d/%m/%Y") if appraised_on else ""
    writer.writerow([code, str(year), rating, appraiser, day, comment])
    return out.getvalue().encode("utf-8")
