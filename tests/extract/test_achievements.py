"""Achievements: reported figures and their share of the target."""

from __future__ import annotations

from extract._text import lines_of
from extract.components._tables import done_figures, tables
from tests.extract.conftest import HEAD, record_of


def test_an_achievement_with_its_percent_of_target() -> None:
    text = HEAD + "Giai đoạn 1 kết thúc với 1.775 sáng kiến, đạt 148% chỉ tiêu đề ra."
    record = record_of(text)
    assert [(a["value"], a["unit"], a["percent_of_target"]) for a in record["achievements"]] == [
        (1775, "sáng kiến", 148)
    ]
    assert record["targets"] == []  # "148% chỉ tiêu" reports, it does not aim


def test_a_count_after_a_past_marker_with_its_share() -> None:
    text = HEAD + "Năm 2023, toàn tỉnh đã kết nạp được 12.450 đoàn viên, đạt 124,5% chỉ tiêu được giao."
    found = record_of(text)["achievements"]
    assert [(a["value"], a["unit"], a["percent_of_target"], a["period"]) for a in found] == [
        (12450, "đoàn viên", 124.5, "Năm 2023")
    ]


def test_a_count_followed_by_its_share_of_the_plan() -> None:
    found = record_of(HEAD + "Trong năm, thành lập 85 CĐCS, đạt 106% kế hoạch.")["achievements"]
    assert [(a["value"], a["unit"], a["percent_of_target"]) for a in found] == [(85, "CĐCS", 106)]


def test_a_share_alone_is_its_own_value() -> None:
    found = record_of(HEAD + "Năm học vừa qua, toàn ngành đã hoàn thành 96% kế hoạch đề ra.")["achievements"]
    assert [(a["value"], a["unit"], a["percent_of_target"]) for a in found] == [(96, "%", 96)]


def test_trap_an_aim_is_no_achievement() -> None:
    record = record_of(HEAD + "Phấn đấu kết nạp ít nhất 10.000 đoàn viên mới.")
    assert record["achievements"] == [] and [t["value"] for t in record["targets"]] == [10000]


def test_a_count_of_a_total_is_an_achievement_and_a_count_of_aims_no_target() -> None:
    text = (
        HEAD + "Cần thực hiện 07 chỉ tiêu và 44 nội dung, đến nay đã hoàn thành 12/44 nội dung, còn lại theo tiến độ."
    )
    record = record_of(text)
    assert [(a["value"], a["unit"]) for a in record["achievements"]] == [(12, "nội dung")]
    assert record["targets"] == []


def test_a_share_of_the_plan_across_a_line_break() -> None:
    text = HEAD + "Kết thúc giai đoạn 1 với 1.775 sáng kiến, đạt 148% chỉ\ntiêu đề ra."
    assert [(a["value"], a["percent_of_target"]) for a in record_of(text)["achievements"]] == [(1775, 148)]


def _found(text: str) -> list[tuple]:
    return [(a["value"], a["unit"], a["percent_of_target"], a["who"]) for a in record_of(HEAD + text)["achievements"]]


# Tables: a header line, then rows of figures (tabs become single spaces on the way in).

_COVERAGE = (
    "1. Các nhóm đối tượng tham gia đến tháng 9/2013.\n"
    "Nhóm đối tượng\tSố đối tượng\tSố đã có thẻ\tTỷ lệ có thẻ\tSố chưa có thẻ\tTỷ lệ chưa có thẻ\n"
    "I. Nhóm hộ gia đình\t120.000\t90.500\t75,4%\t29.500\t24,6%\n"
)


def test_a_table_reports_the_done_columns_of_each_row_with_its_label_as_who() -> None:
    found = record_of(HEAD + _COVERAGE)["achievements"]
    assert [(a["metric"], a["value"], a["unit"], a["who"], a["period"]) for a in found] == [
        ("Số đã có thẻ", 90500, None, "Nhóm hộ gia đình", "đến tháng 9/2013"),
        ("Tỷ lệ có thẻ", 75.4, "%", "Nhóm hộ gia đình", "đến tháng 9/2013"),
    ]  # not the population (Số đối tượng) nor what is left (chưa có)


def test_a_table_share_of_the_plan_is_the_percent_of_target_and_a_totals_row_names_nobody() -> None:
    text = (
        "Kết quả phát triển đoàn viên năm 2023:\nSTT Đơn vị Kế hoạch Thực hiện Tỷ lệ so với KH\n"
        "1 Công đoàn ngành Y tế 500 620 124%\nTổng cộng 800 890 111%\n"
    )
    assert _found(text) == [(620, None, 124, "Công đoàn ngành Y tế"), (890, None, 111, None)]


def test_a_table_header_in_capitals_splits_at_its_usual_column_words() -> None:
    text = "Bảng 1. Kết quả cấp thẻ năm 2022\nĐƠN VỊ SỐ ĐỐI TƯỢNG SỐ ĐÃ CÓ THẺ (người)\nHuyện Phù Yên 12.000 11.500\n"
    assert _found(text) == [(11500, "người", None, "Huyện Phù Yên")]


def test_a_table_row_named_by_a_year_gives_the_period_not_who() -> None:
    text = "Giải ngân vốn đầu tư\nNăm Kế hoạch (tỷ đồng) Đã giải ngân (tỷ đồng)\nNăm 2021 1.200 1.000\n"
    found = record_of(HEAD + text)["achievements"]
    assert [(a["value"], a["unit"], a["who"], a["period"]) for a in found] == [(1000, "tỷ đồng", None, "Năm 2021")]


def test_trap_a_table_of_plans_and_targets_reports_nothing() -> None:
    assert _found("Chỉ tiêu các năm\nNội dung Kế hoạch thực hiện Mục tiêu đạt\nSố xã đạt chuẩn 12 15\n") == []


def test_trap_a_column_of_what_is_not_done_reports_nothing() -> None:
    text = "Kết quả\nĐơn vị Số trường Số trường đạt chuẩn Số trường chưa đạt chuẩn\nHuyện A 40 32 8\n"
    assert [value for value, *_ in _found(text)] == [32]


def test_a_header_with_no_heading_over_the_labels() -> None:
    assert _found("Thoát nghèo\nSố hộ nghèo Số hộ đã thoát nghèo\nXã Tân Lập 120 45\n") == [
        (45, "hộ", None, "Xã Tân Lập")
    ]


def test_trap_a_row_with_a_missing_cell_is_left_out() -> None:
    text = "Kết quả\nĐơn vị Số đoàn viên Số đã kết nạp Tỷ lệ đạt\nHuyện A 500 450 90%\nHuyện B 300 95%\n"
    assert [who for *_, who in _found(text)] == ["Huyện A", "Huyện A"]  # Huyện B's 95% could be either column


def test_cells_split_at_tabs_keep_their_columns_even_when_one_is_empty() -> None:
    lines = lines_of("Đơn vị\tSố đối tượng\tSố đã có thẻ\tTỷ lệ có thẻ\nHuyện B\t300\t\t95%\n")
    [table] = tables(lines)
    assert [(f.column.text, f.value) for f in done_figures(table)] == [("Tỷ lệ có thẻ", 95)]


# Who did it, in prose.


def test_who_is_the_body_named_before_the_verb() -> None:
    assert _found("Công đoàn Viên chức tỉnh đã kết nạp 1.200 đoàn viên.") == [
        (1200, "đoàn viên", None, "Công đoàn Viên chức tỉnh")
    ]


def test_who_is_an_all_of_scope_after_an_opening_phrase() -> None:
    assert _found("Năm 2021, toàn tỉnh có 85 CĐCS đạt danh hiệu vững mạnh.") == [(85, "CĐCS", None, "toàn tỉnh")]


def test_trap_no_who_when_the_subject_is_no_name() -> None:
    assert _found("Trong năm, UBND tỉnh chỉ đạo các sở và đã hoàn thành 45 công trình.") == [
        (45, "công trình", None, None)
    ]


# More shapes of a reported figure.


def test_a_result_counted_with_what_was_done_to_it() -> None:
    assert _found("Kết quả: có 1.775 sáng kiến được công nhận.") == [(1775, "sáng kiến", None, None)]


def test_a_total_named_before_its_figure() -> None:
    found = record_of(HEAD + "Tổng số sáng kiến được công nhận là 1.775.")["achievements"]
    assert [(a["metric"], a["value"]) for a in found] == [("sáng kiến được công nhận", 1775)]


def test_trap_a_total_of_a_population_is_no_result() -> None:
    assert _found("Tổng số đối tượng là 590.126 người.") == []


def test_money_disbursed_with_its_share_of_the_plan() -> None:
    found = record_of(HEAD + "Sở Kế hoạch và Đầu tư đã giải ngân 1.250 tỷ đồng, đạt 65,3% kế hoạch vốn.")
    assert [(a["metric"], a["value"], a["unit"], a["percent_of_target"], a["who"]) for a in found["achievements"]] == [
        ("giải ngân", 1_250_000_000_000, "đồng", 65.3, "Sở Kế hoạch và Đầu tư")
    ]


def test_a_level_reached_keeps_what_reached_it_and_not_the_change() -> None:
    found = record_of(HEAD + "Thu ngân sách 6 tháng đầu năm 2021 đạt 5.230 tỷ đồng, tăng 12% so với cùng kỳ.")
    assert [(a["metric"], a["value"], a["period"]) for a in found["achievements"]] == [
        ("Thu ngân sách", 5_230_000_000_000, "6 tháng đầu năm 2021")
    ]


def test_trap_a_change_on_last_year_is_no_achievement() -> None:
    assert _found("Số hồ sơ tiếp nhận tăng 12% so với cùng kỳ năm trước.") == []
    assert _found("Năm 2021 tăng 12 CĐCS, đạt 106% kế hoạch.") == [(106, "%", 106, None)]  # the share stays
    assert _found("Thị phần đã tăng từ 9% lên 65%.") == []


def test_a_cumulative_figure_after_a_span_of_time() -> None:
    assert [v for v, *_ in _found("Lũy kế 6 tháng, toàn tỉnh cấp 1.200 thẻ.")] == [1200]


def test_trap_a_condition_or_a_number_alone_on_its_line_reports_nothing() -> None:
    assert _found("Trường hợp đã nộp 02 bộ hồ sơ thì không phải nộp lại.") == []
    assert _found("Hồ sơ được miễn khi doanh nghiệp đã nộp 02 bộ hồ sơ.") == []
    assert [v for v, *_ in _found("Sau khi triển khai, Sở đã cấp 120 giấy phép.")] == [120]
    assert _found("Hàng hóa đã qua sử dụng\n55\nKinh doanh khoáng sản") == []


def test_a_cumulative_figure_after_its_as_of_date() -> None:
    found = record_of(HEAD + "Lũy kế đến ngày 30/6/2021, toàn tỉnh giải ngân 3.450 tỷ đồng.")["achievements"]
    assert [(a["value"], a["period"]) for a in found] == [(3_450_000_000_000, "đến ngày 30/6/2021")]


def test_trap_aims_report_nothing() -> None:
    assert _found("Phấn đấu đến năm 2025 giải ngân 3.000 tỷ đồng.") == []
    assert _found("Mục tiêu: có 100% xã được công nhận đạt chuẩn nông thôn mới.") == []


def test_trap_a_level_in_a_year_after_the_letter_is_an_aim() -> None:
    assert _found("Đến năm 2025 tỷ lệ bao phủ bảo hiểm y tế đạt 95% dân số.") == []  # the letter is of 2022


def test_trap_document_numbers_articles_and_counts_of_documents() -> None:
    assert _found("UBND tỉnh đã ban hành Quyết định số 685/QĐ-UBND ngày 21/3/2021 và đã ban hành 15 văn bản.") == []
    assert _found("Đã thực hiện Điều 5 Nghị định 30/2020/NĐ-CP.") == []


def test_trap_words_that_fold_like_a_report_but_are_written_otherwise() -> None:
    assert _found("Ban tổ chức đã đặt 30 bàn tiệc.") == []  # đặt, not đạt
    assert _found("Đối với 02 người đến 05 người thì phạt tù.") == []  # đối với, not kết thúc … với


def test_trap_what_is_not_yet_done_is_no_result() -> None:
    assert _found("Đã có 3 nội dung chưa được triển khai.") == []


def test_a_count_as_of_a_date_is_an_achievement_and_a_future_one_is_not() -> None:
    text = HEAD + "Nội dung.\nTính đến cuối năm 2013, tỉnh Kon Tum có trên 395.850 người tham gia BHYT.\n"
    found = record_of(text)["achievements"]
    assert [(a["value"], a["period"]) for a in found] == [(395850, "Tính đến cuối năm 2013")]
    assert record_of(HEAD + "Nội dung.\nĐến năm 2030, tỉnh có 90% dân số tham gia BHYT.\n")["achievements"] == []


def test_a_table_whose_header_wraps_onto_a_second_line_is_still_read() -> None:
    text = HEAD + (
        "Nội dung.\nNhóm đối tượng Số đối tượng Số đã có thẻ BHYT Tỷ lệ có thẻ BHYT Số chưa\n"
        "có thẻ BHYT Tỷ lệ chưa có thẻ BHYT\n\nI. Nhóm có trách nhiệm tham gia 590.126 483.120 81,60% 108.697 18,40%\n"
    )
    assert [(a["value"], a["metric"]) for a in record_of(text)["achievements"]] == [
        (483120, "Số đã có thẻ BHYT"),
        (81.6, "Tỷ lệ có thẻ BHYT"),
    ]
