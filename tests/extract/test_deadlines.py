"""Deadlines: dates set for what the letter asks, never past events or cited documents' dates."""

from __future__ import annotations

from tests.extract.conftest import HEAD, record_of


def test_deadline_before_a_day() -> None:
    deadlines = record_of(HEAD + "1. Gửi báo cáo về Sở Nội vụ trước ngày 31/5/2022.")["deadlines"]
    assert [(d["date"], d["raw"]) for d in deadlines] == [("2022-05-31", "trước ngày 31/5/2022")]
    assert deadlines[0]["what"] == "Gửi báo cáo về Sở Nội vụ"


def test_deadline_at_month_precision() -> None:
    deadlines = record_of(HEAD + "Dự kiến tổ chức Hội nghị giao ban vào cuối tháng 3/2022.")["deadlines"]
    assert [d["date"] for d in deadlines] == ["2022-03"]


def test_a_window_from_to() -> None:
    deadlines = record_of(HEAD + "Giai đoạn 2 (từ ngày 01/6/2022 – 31/8/2023) tiếp tục triển khai.")["deadlines"]
    assert [(d["start"], d["end"]) for d in deadlines] == [("2022-06-01", "2023-08-31")]


def test_a_clock_time_is_kept() -> None:
    deadlines = record_of(HEAD + "Các đơn vị nộp hồ sơ chậm nhất 17 giờ 00 ngày 15/3/2022.")["deadlines"]
    assert [d["date"] for d in deadlines] == ["2022-03-15T17:00"]


def test_trap_a_past_event_is_no_deadline() -> None:
    text = HEAD + "Ngày 11/01/2022 Ban Thường vụ đã ban hành kế hoạch; giai đoạn 1 đã kết thúc trước ngày 31/01/2022."
    assert record_of(text)["deadlines"] == []


def test_trap_the_date_of_a_cited_document_is_no_deadline() -> None:
    record = record_of(
        HEAD + "Căn cứ Công văn số 4381/TLĐ-VP ngày 21/6/2022 của Tổng Liên đoàn Lao động Việt Nam về việc."
    )
    assert record["deadlines"] == []
    assert [(r["number"], r["date"], r["type"], r["issuer"]) for r in record["referenced_documents"]] == [
        ("4381/TLĐ-VP", "2022-06-21", "Công văn", "Tổng Liên đoàn Lao động Việt Nam")
    ]


def test_a_window_after_a_label_belongs_to_the_label() -> None:
    deadlines = record_of(HEAD + "4. Thời gian thực hiện: từ ngày 05/9/2022 đến ngày 31/5/2023.")["deadlines"]
    assert [(d["what"], d["start"], d["end"]) for d in deadlines] == [
        ("Thời gian thực hiện", "2022-09-05", "2023-05-31")
    ]


def test_a_window_in_brackets_belongs_to_the_words_before_it() -> None:
    text = HEAD + "Triển khai có hiệu quả giai đoạn 2 (từ ngày 01/6/2022 – 31/8/2023), Liên đoàn đề nghị."
    assert record_of(text)["deadlines"][0]["what"].endswith("giai đoạn 2")


def test_a_long_clause_keeps_its_head() -> None:
    clause = "Sở dự kiến tổ chức hội nghị " + "về chuyển đổi số, " * 12
    what = record_of(HEAD + clause + "vào cuối tháng 5/2022.")["deadlines"][0]["what"]
    assert what.startswith("Sở dự kiến tổ chức hội nghị") and len(what) <= 160


def test_a_day_written_out_after_truoc_ngay_keeps_its_day() -> None:
    deadlines = record_of(HEAD + "Đề nghị gửi báo cáo về Sở trước ngày 08 tháng 6 năm 2022.")["deadlines"]
    assert [d["date"] for d in deadlines] == ["2022-06-08"]


def test_a_window_to_the_end_of_a_day() -> None:
    text = HEAD + "Đề nghị các hộ gia đình treo cờ Tổ quốc từ ngày 10/5/2022 đến hết ngày 14/5/2022."
    assert [(d["start"], d["end"]) for d in record_of(text)["deadlines"]] == [("2022-05-10", "2022-05-14")]


def test_a_date_written_with_dots() -> None:
    deadlines = record_of(HEAD + "Các đơn vị gửi ý kiến về Phòng Khảo thí trước ngày 13.12.2022.")["deadlines"]
    assert [d["date"] for d in deadlines] == ["2022-12-13"]


def test_a_time_something_is_moved_to_or_set_for() -> None:
    text = HEAD + "Đồng ý lùi thời gian trình Đề án sang tháng 12 năm 2022. Sơ kết giữa kỳ vào năm 2023."
    assert [d["date"] for d in record_of(text)["deadlines"]] == ["2022-12", "2023"]


def test_trap_the_year_of_a_target_is_its_period_not_a_deadline() -> None:
    record = record_of(HEAD + "Phấn đấu có 70.000 ngôi nhà an toàn vào năm 2025.")
    assert [t["value"] for t in record["targets"]] == [70000] and record["deadlines"] == []


def test_a_monthly_deadline_is_kept_without_one_date() -> None:
    deadlines = record_of(HEAD + "Báo cáo tháng gửi về Bảo hiểm xã hội Việt Nam trước ngày 28 hàng tháng.")["deadlines"]
    assert [(d["raw"], d["date"]) for d in deadlines] == [("trước ngày 28 hàng tháng", None)]
