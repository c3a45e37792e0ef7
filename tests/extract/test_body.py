"""Targets, achievements, deadlines, references and directives, traps included."""

from __future__ import annotations

from tests.extract.conftest import record_of

HEAD = "Số: 10/UBND\nHà Nội, ngày 01 tháng 3 năm 2022\nKính gửi: Các đơn vị\n"


def test_a_target_with_its_comparator_and_period() -> None:
    targets = record_of(HEAD + "Phấn đấu đến hết năm 2023 có ít nhất 95% hồ sơ được giải quyết đúng hạn.")["targets"]
    assert [(t["value"], t["unit"], t["comparator"], t["period"]) for t in targets] == [(95, "%", ">=", "hết năm 2023")]
    assert targets[0]["metric"].startswith("hồ sơ")


def test_a_count_target() -> None:
    targets = record_of(HEAD + "Chương trình đặt chỉ tiêu 1.200 sáng kiến trong giai đoạn 1.")["targets"]
    assert [(t["value"], t["unit"], t["period"]) for t in targets] == [(1200, "sáng kiến", "giai đoạn 1")]


def test_tro_len_makes_a_floor_and_the_metric_comes_from_before() -> None:
    targets = record_of(HEAD + "Tỷ lệ thanh toán không dùng tiền mặt đạt từ 30% trở lên.")["targets"]
    assert [(t["value"], t["comparator"]) for t in targets] == [(30, ">=")]
    assert targets[0]["metric"].startswith("Tỷ lệ thanh toán")


def test_trap_chi_tieu_without_a_number_is_no_target() -> None:
    assert record_of(HEAD + "Các đơn vị điền vào mẫu biểu các chỉ tiêu thống kê theo quy định.")["targets"] == []


def test_trap_a_year_after_an_aim_word_is_no_value() -> None:
    values = [t["value"] for t in record_of(HEAD + "Phấn đấu đến năm 2025 hoàn thành chương trình.")["targets"]]
    assert 2025 not in values


def test_an_achievement_with_its_percent_of_target() -> None:
    text = HEAD + "Giai đoạn 1 kết thúc với 1.775 sáng kiến, đạt 148% chỉ tiêu đề ra."
    record = record_of(text)
    assert [(a["value"], a["unit"], a["percent_of_target"]) for a in record["achievements"]] == [
        (1775, "sáng kiến", 148)
    ]
    assert record["targets"] == []  # "148% chỉ tiêu" reports, it does not aim


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


def test_the_letters_own_number_is_not_a_reference() -> None:
    assert record_of(HEAD + "Thực hiện Kế hoạch số 01/KH-LĐLĐ.")["referenced_documents"][0]["number"] == "01/KH-LĐLĐ"
    assert all(r["number"] != "10/UBND" for r in record_of(HEAD + "Nội dung.")["referenced_documents"])


def test_numbered_items_are_directives_by_their_first_sentence() -> None:
    text = (
        HEAD
        + "Đề nghị các đơn vị:\n1. Rà soát danh sách. Gửi về Sở.\n2. Tổ chức tập huấn cho cán bộ;\nNơi nhận:\n- Lưu: VT."
    )
    assert [d["text"] for d in record_of(text)["directives"]] == ["Rà soát danh sách", "Tổ chức tập huấn cho cán bộ"]


def test_articles_of_a_decision_are_its_directives() -> None:
    text = "Số: 12/QĐ-UBND\nQUYẾT ĐỊNH\nVề việc thành lập Tổ công tác\nĐiều 1. Thành lập Tổ công tác.\nĐiều 2. Giao Văn phòng theo dõi."
    assert [d["text"] for d in record_of(text)["directives"]] == ["Thành lập Tổ công tác", "Giao Văn phòng theo dõi"]


def test_in_a_plan_only_task_sections_give_directives() -> None:
    text = (
        "Số: 5/KH-UBND\nKẾ HOẠCH\nChuyển đổi số\nI. MỤC ĐÍCH, YÊU CẦU\n1. Nâng cao chất lượng phục vụ.\n"
        "II. NHIỆM VỤ, GIẢI PHÁP\n1. Rà soát thủ tục hành chính.\n2. Tuyên truyền cho người dân.\n"
    )
    assert [d["text"] for d in record_of(text)["directives"]] == [
        "Rà soát thủ tục hành chính",
        "Tuyên truyền cho người dân",
    ]
