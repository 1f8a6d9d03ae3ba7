"""Importing twice changes nothing; undo puts back exactly what was there, or refuses."""

from __future__ import annotations

from analytics.importing import import_file, list_imports, undo_import
from analytics.store.schema import data_version
from tests.importing.helpers import (
    APPRAISAL_HEADER,
    PROGRESS_HEADER,
    TASKS_HEADER,
    csv_bytes,
    dump,
    without_bookkeeping,
    xlsx_bytes,
)

# Changes demo reports (2021-03-31 exists for DP01-2021) and adds new ones.
PROGRESS = [
    PROGRESS_HEADER,
    ["DP01-2021", "31/03/2021", "33,333333333333336", "", "", "", ""],  # update: values
    [
        "DP01-2021",
        "30/06/2021",
        "50",
        "",
        "Đang triển khai theo kế hoạch",
        "Phòng Tổng hợp",
        "Báo cáo số 42/BC-VP",
    ],
    ["DP02-2021", "15/05/2021", "10", "", "mới", "", ""],  # insert
    ["DP02-2021", "15/05/2021", "10", "", "mới", "", ""],  # the same row again: unchanged
]
TASKS = [
    TASKS_HEADER,
    [
        "DP01-GD",
        "Tên đổi",
        "TT",
        "Phó Chủ tịch HĐND tỉnh",
        "",
        "chat_van",
        "",
        "2021-2025",
        "15/07/2021",
        "31/12/2025",
        "",
        "",
        "Trả lại",
    ],
    [
        "MOI-01",
        "Nhiệm vụ mới",
        "VP",
        "Chuyên viên",
        "",
        "van_phong",
        "",
        "2027-2029",
        "01/01/2027",
        "31/12/2029",
        "",
        "",
        "",
    ],
]
APPRAISALS = [APPRAISAL_HEADER[:3], ["DP01-GD", "2023", "Hoàn thành"]]


def test_the_same_file_twice_is_all_unchanged_the_second_time(demo):
    for rows, make in ((TASKS, csv_bytes), (PROGRESS, xlsx_bytes), (APPRAISALS, csv_bytes)):
        first = import_file(make(rows), demo)
        assert first.ok, first.errors
        second = import_file(make(rows), demo)
        assert (second.inserted, second.updated, second.unchanged) == (0, 0, second.rows)
        assert second.rows == len(rows) - 1


def test_counts_and_history_of_every_changed_row(demo):
    result = import_file(csv_bytes(PROGRESS), demo)
    assert (result.rows, result.inserted, result.updated, result.unchanged) == (4, 1, 1, 2)
    history = demo.execute(
        "SELECT row_key, action, before_json IS NULL FROM row_history "
        "WHERE import_id = ? ORDER BY row_key",
        [result.import_id],
    ).fetchall()
    assert history == [
        ('["DP01-2021","2021-03-31"]', "update", False),
        ('["DP02-2021","2021-05-15"]', "insert", True),
    ]


def test_undo_restores_exactly_the_state_before(demo):
    original = without_bookkeeping(dump(demo))
    version = data_version(demo)
    ids = [import_file(csv_bytes(rows), demo).import_id for rows in (TASKS, PROGRESS, APPRAISALS)]
    assert without_bookkeeping(dump(demo)) != original
    assert data_version(demo) == version + 3
    for import_id in reversed(ids):
        assert undo_import(import_id, demo).ok
    assert without_bookkeeping(dump(demo)) == original  # periods, NULLs and floats included
    assert data_version(demo) == version + 6


def test_undo_is_refused_while_a_later_import_changed_the_same_rows(demo):
    first = import_file(csv_bytes(PROGRESS), demo)
    later_rows = [PROGRESS_HEADER[:3], ["DP02-2021", "15/05/2021", "20"]]
    later = import_file(csv_bytes(later_rows), demo)
    before = dump(demo)
    refused = undo_import(first.import_id, demo)
    assert refused.status == "later_changed" and refused.blocking == [later.import_id]
    assert f"lần nhập số {later.import_id}" in refused.message()
    assert dump(demo) == before
    assert undo_import(later.import_id, demo).ok
    assert undo_import(first.import_id, demo).ok


def test_undo_is_refused_when_later_imports_reported_on_tasks_it_added(demo):
    tasks = import_file(csv_bytes(TASKS), demo)
    reports = import_file(csv_bytes([PROGRESS_HEADER[:3], ["MOI-01", "01/02/2026", "5"]]), demo)
    refused = undo_import(tasks.import_id, demo)
    assert refused.status == "later_reports" and refused.blocking == [reports.import_id]
    assert undo_import(reports.import_id, demo).ok
    assert undo_import(tasks.import_id, demo).ok
    assert demo.execute("SELECT count(*) FROM tasks WHERE code = 'MOI-01'").fetchall() == [(0,)]


def test_undoing_twice_or_an_unknown_import_is_refused(demo):
    result = import_file(csv_bytes(APPRAISALS), demo)
    assert undo_import(result.import_id, demo, user="kiem_tra").ok
    again = undo_import(result.import_id, demo)
    assert again.status == "already_undone" and "kiem_tra" in again.message()
    assert undo_import(99, demo).status == "not_found"


def test_imports_lists_the_history_newest_first(demo):
    a = import_file(csv_bytes(APPRAISALS), demo, file_name="a.csv", user="an")
    b = import_file(csv_bytes(PROGRESS), demo, file_name="b.csv", user="binh")
    undo_import(b.import_id, demo, user="chi")
    listed = list_imports(demo)
    assert listed["id"].tolist() == [b.import_id, a.import_id]
    assert listed["file_name"].tolist() == ["b.csv", "a.csv"]
    assert listed["user_name"].tolist() == ["binh", "an"]
    assert listed["undone"].tolist() == [True, False]
    assert listed["undone_by"].tolist()[0] == "chi"
    first = listed.loc[1]
    assert (first["kind"], first["rows"]) == ("appraisal", 1)
    assert first["inserted"] + first["updated"] + first["unchanged"] == 1
    assert len(listed.loc[0, "sha256"]) == 64


def test_a_dry_run_counts_and_writes_nothing(demo):
    before = dump(demo)
    result = import_file(csv_bytes(PROGRESS), demo, dry_run=True)
    assert result.to_json() == {
        "status": "ok", "import_id": None, "kind": "progress", "rows": 4, "inserted": 1,
        "updated": 1, "unchanged": 2, "dry_run": True,
    }  # fmt: skip
    assert dump(demo) == before


def test_undo_restores_every_column_an_import_can_change(empty_con):
    # The undo statements are written out per table; a column added to a table later must
    # be added to them too, or an undo would leave its new value behind.
    from analytics.store.imports_sql import _RESTORED

    never_changed = {"tasks": {"id", "code"}, "progress": {"task_id", "report_date"},
                     "appraisals": {"task_id", "year"}}  # fmt: skip
    for table, (structure, statement) in _RESTORED.items():
        stored = dict(empty_con.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = 'main' AND table_name = ?", [table],
        ).fetchall())  # fmt: skip
        assert structure == stored, table
        for column in set(stored) - never_changed[table]:
            assert f"{column} = b.{column}" in statement, (table, column)
