"""A task's timeline as the page words it (analytics/timeline.py), from events written by
hand in the shape ``actions.history`` gives them."""

from __future__ import annotations

from analytics.timeline import Line, lines, shown_name

EVENTS = [
    {"on": "2021-03-31", "kind": "report", "user": "Phòng Tổng hợp",  # stored by the demo
     "detail": {"report_date": "2021-03-31", "progress": 15.0, "status": "dang_thuc_hien",
                "note": "Đã ban hành kế hoạch", "evidence": None}},
    {"on": "2026-01-05", "kind": "register", "user": "ct.ktns",
     "detail": {"after": {"code": "DP99", "title": "**T**"}}},
    {"on": "2026-01-08", "kind": "propose", "user": "vanphong", "detail": {}},
    {"on": "2026-01-15", "kind": "assign", "user": "@local",
     "detail": {"before": {"state": "de_xuat"},
                "after": {"state": "da_giao", "assigner": "Thường trực HĐND tỉnh"}}},
    {"on": "2026-03-10", "kind": "report", "user": "ct.ktns",
     "detail": {"before": None, "after": {"report_date": "2026-03-10", "progress": 40.0,
                                          "note": "Giám sát 2 huyện", "evidence": "12/KH-KTNS"}}},
    {"on": "2026-06-20", "kind": "ask", "user": "thuongtruc",
     "detail": {"request": 1, "text": "Vì sao <b>chậm</b>?"}},
    {"on": "2026-06-28", "kind": "answer", "user": "ct.ktns",
     "detail": {"request": 1, "question": "Vì sao chậm?", "text": "Do mưa lũ"}},
    {"on": "2026-09-05", "kind": "extend", "user": "ct.ktns",
     "detail": {"due_in_force": "2026-12-31", "new_due": "2027-06-30", "reason": "Chờ số liệu"}},
    {"on": "2026-09-12", "kind": "refuse_extension", "user": "thuongtruc",
     "detail": {"new_due": "2027-06-30", "reason": "Quá dài"}},
    {"on": "2026-09-20", "kind": "approve_extension", "user": "thuongtruc",
     "detail": {"before": {"due": "2026-12-31"}, "after": {"due": "2027-03-31"}}},
    {"on": "2026-10-01", "kind": "import", "user": "vanthu",
     "detail": {"import_id": 7, "file": "tien_do.csv", "table": "progress"}},
    {"on": "2026-10-02", "kind": "undo", "user": "", "detail": {"import_id": 7,
                                                                 "file": "tien_do.csv"}},
    {"on": "2026-11-10", "kind": "comment", "user": "phantich", "detail": {"text": "**Gửi** sớm"}},
    {"on": "2026-11-12", "kind": "return", "user": "thuongtruc", "detail": {"reason": "Trùng"}},
]  # fmt: skip


def test_every_kind_in_vietnamese_newest_first():
    assert lines(EVENTS, "vi") == [
        Line("12/11/2026", "thuongtruc", "Trả lại", "Trùng"),
        Line("10/11/2026", "phantich", "Bình luận", "**Gửi** sớm"),
        Line("02/10/2026", "–", "Hoàn tác", "Tệp tien_do.csv (lần nhập số 7)"),
        Line("01/10/2026", "vanthu", "Nhập tệp", "Tệp tien_do.csv (lần nhập số 7)"),
        Line("20/09/2026", "thuongtruc", "Duyệt gia hạn đến 31/03/2027", ""),
        Line("12/09/2026", "thuongtruc", "Từ chối gia hạn", "Quá dài"),
        Line("05/09/2026", "ct.ktns", "Xin gia hạn đến 30/06/2027", "Chờ số liệu"),
        Line("28/06/2026", "ct.ktns", "Giải trình", "Do mưa lũ"),
        Line("20/06/2026", "thuongtruc", "Yêu cầu giải trình", "Vì sao <b>chậm</b>?"),
        Line("10/03/2026", "ct.ktns", "Báo cáo tiến độ 40 %",
             "Giám sát 2 huyện · Minh chứng: 12/KH-KTNS"),
        Line("15/01/2026", "(máy cục bộ)", "Giao", "Cấp giao: Thường trực HĐND tỉnh"),
        Line("08/01/2026", "vanphong", "Đề xuất", ""),
        Line("05/01/2026", "ct.ktns", "Đăng ký", ""),
        Line("31/03/2021", "Phòng Tổng hợp", "Báo cáo tiến độ 15 %", "Đã ban hành kế hoạch"),
    ]  # fmt: skip


def test_english_words_and_numbers():
    shown = {line.on: line for line in lines(EVENTS, "en")}
    assert shown["10/03/2026"].what == "Progress report 40%"
    assert shown["10/03/2026"].detail == "Giám sát 2 huyện · Evidence: 12/KH-KTNS"
    assert shown["05/09/2026"].what == "Asked for a new deadline of 30/06/2027"
    assert shown["15/01/2026"].who == "(local machine)"


def test_an_unknown_kind_is_named_as_stored_and_a_bad_day_is_a_dash():
    event = {"on": "bad", "kind": "merge", "user": "x", "detail": {"text": "y"}}
    assert lines([event]) == [Line("–", "x", "merge", "")]
    assert shown_name(None) == "–" and shown_name("@local", "en") == "(local machine)"
