"""Reading the stored tasks and progress reports back in the columns of the import files.

One row per task (every assignment state) or per report, in a stable order (task code,
then report date), with body and area by their Vietnamese name, as a person fills the
import file in. Read through Arrow in batches, so an export of millions of reports
never holds them all in pandas at once.
"""

from __future__ import annotations

from collections.abc import Iterator

import duckdb
import pandas as pd

TASKS_SQL = """
SELECT
    t.code AS ma_nhiem_vu,
    t.title AS ten_nhiem_vu,
    coalesce(b.name_vi, t.body_code) AS co_quan,
    t.position AS chuc_danh,
    t.official AS nguoi_thuc_hien,
    coalesce(a.name_vi, t.area_code) AS linh_vuc,
    t.assigner AS cap_giao,
    t.period_label AS ky,
    t.assigned_on AS ngay_giao,
    t.due_on AS han_hoan_thanh,
    t.description AS mo_ta,
    t.target AS chi_tieu,
    t.assignment_state AS trang_thai_giao
FROM tasks t
LEFT JOIN bodies b ON b.code = t.body_code
LEFT JOIN areas a ON a.code = t.area_code
ORDER BY t.code
"""

PROGRESS_SQL = """
SELECT
    t.code AS ma_nhiem_vu,
    p.report_date AS ngay_bao_cao,
    p.progress AS tien_do,
    p.status AS trang_thai,
    p.note AS ghi_chu,
    p.reporter AS nguoi_bao_cao,
    p.evidence AS minh_chung
FROM progress p
JOIN tasks t ON t.id = p.task_id
ORDER BY t.code, p.report_date
"""

COUNT_SQL = {
    "tasks": "SELECT count(*) FROM tasks",
    "progress": "SELECT count(*) FROM progress p JOIN tasks t ON t.id = p.task_id",
}
ROWS_SQL = {"tasks": TASKS_SQL, "progress": PROGRESS_SQL}


def row_count(con: duckdb.DuckDBPyConnection, kind: str) -> int:
    """How many rows an export of ``kind`` (``tasks`` or ``progress``) holds."""
    return int(con.execute(COUNT_SQL[kind]).fetchall()[0][0])


def raw_batches(
    con: duckdb.DuckDBPyConnection, kind: str, batch_rows: int = 200_000
) -> Iterator[pd.DataFrame]:
    """The rows of ``kind`` as frames of at most ``batch_rows`` rows, columns named as the
    import file's columns (``ma_nhiem_vu``, ...), dates as ``datetime.date``.

    Yields one empty frame with the columns when there is no row.
    """
    con.complete()
    reader = con.sql(ROWS_SQL[kind]).to_arrow_reader(batch_rows)
    schema = reader.schema
    yielded = False
    for batch in reader:
        if batch.num_rows == 0:
            continue
        yielded = True
        yield batch.to_pandas(date_as_object=True)
    if not yielded:
        yield schema.empty_table().to_pandas(date_as_object=True)
