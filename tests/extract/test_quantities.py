"""Targets: numeric aims with comparator, unit, scope and period; the traps that are no target."""

from __future__ import annotations

import pytest

from tests.extract.conftest import HEAD, record_of


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


def test_tro_len_after_the_number_makes_a_floor_without_an_aim_word() -> None:
    targets = record_of(HEAD + "2. Thành lập mới từ 60 CĐCS trở lên.")["targets"]
    assert [(t["value"], t["unit"], t["comparator"]) for t in targets] == [(60, "CĐCS", ">=")]


def test_a_percent_followed_by_a_time_takes_its_metric_from_before_the_aim_word() -> None:
    text = HEAD + "Phấn đấu tỷ lệ trường đạt chuẩn quốc gia tối thiểu 75% vào cuối năm học."
    assert [t["metric"] for t in record_of(text)["targets"]] == ["tỷ lệ trường đạt chuẩn quốc gia"]


def test_a_ceiling() -> None:
    targets = record_of(HEAD + "Tỷ lệ học sinh bỏ học không quá 2% học sinh bỏ học.")["targets"]
    assert [(t["value"], t["comparator"]) for t in targets] == [(2, "<=")]


@pytest.mark.parametrize(
    ("sentence", "scope"),
    [
        ("Mỗi xã, thị trấn thành lập ít nhất 01 Tổ công nghệ số.", "Mỗi xã, thị trấn"),
        ("Bố trí tối thiểu 02 máy tính tại mỗi Bộ phận Một cửa cấp xã để hỗ trợ.", "mỗi Bộ phận Một cửa cấp xã"),
        ("Phấn đấu đạt ít nhất 90% hồ sơ.", None),
    ],
)
def test_the_scope_of_a_target(sentence: str, scope: str | None) -> None:
    assert [t["scope"] for t in record_of(HEAD + sentence)["targets"]] == [scope]


def test_items_listed_under_a_chi_tieu_heading_are_targets_named_before_their_figure() -> None:
    text = (
        HEAD
        + "2. Chỉ tiêu kế hoạch năm 2024\n- Tỷ suất sinh: 12,80‰.\n- Giảm tỷ lệ sinh con thứ 3 trở lên 0,1 % so với năm 2023.\n"
    )
    targets = record_of(text)["targets"]
    assert [(t["metric"], t["value"]) for t in targets] == [
        ("Tỷ suất sinh", 12.8),
        ("Giảm tỷ lệ sinh con thứ 3 trở lên", 0.1),
    ]


def test_a_listed_figure_is_read_whole_and_revenue_is_no_ordinal() -> None:
    text = HEAD + "2. Chỉ tiêu\n- Năm học 2024/2025 có 30 trường đạt chuẩn.\n- Tổng thu ngân sách 500 tỷ đồng.\n"
    assert [t["value"] for t in record_of(text)["targets"]][:2] == [30, 500 * 1e9]


def test_every_figure_of_an_aim_sentence_is_a_target_but_a_qualifier_is_its_scope() -> None:
    text = HEAD + (
        "Phấn đấu đến năm 2018 có 10 triệu đoàn viên và có 90% số doanh nghiệp có từ 30 lao động trở lên "
        "thành lập được tổ chức công đoàn."
    )
    assert [(t["value"], t["unit"]) for t in record_of(text)["targets"]] == [(10_000_000, "đoàn viên"), (90, "%")]


def test_an_aim_reached_without_a_figure_does_not_run_on_past_its_comma() -> None:
    text = HEAD + "Phấn đấu đạt mức sinh thay thế, vận động mỗi cặp vợ chồng sinh đủ 02 con."
    assert record_of(text)["targets"] == []


def test_a_control_verb_with_an_upper_bound_is_a_target() -> None:
    text = HEAD + "Nhằm kiểm soát tốc độ tăng trưởng tín dụng dưới 20% theo Chỉ thị số 01/CT-NHNN."
    targets = record_of(text)["targets"]
    assert [(t["metric"], t["value"], t["comparator"]) for t in targets] == [("tốc độ tăng trưởng tín dụng", 20, "<=")]


def test_trap_a_count_controlled_without_a_bound_is_no_target() -> None:
    assert record_of(HEAD + "Kiểm soát chặt chẽ 20 dự án đầu tư công.")["targets"] == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Người lao động đóng bằng 8% mức tiền lương tháng vào quỹ hưu trí và tử tuất.",  # a statutory rate
        "Khi mực nước sông Hồng tại Hà Nội vượt mức 9,5 m thì ban bố báo động cấp 2.",  # an alert threshold
        "Mẫu số 02: Chỉ tiêu 1. Số đoàn viên: ......; Chỉ tiêu 2. Số CĐCS: ......",  # form fields
        "Biểu mẫu báo cáo gồm các chỉ tiêu: số hộ nghèo (hộ), tỷ lệ hộ nghèo (%).",
    ],
)
def test_trap_rates_thresholds_and_form_fields_are_no_targets(sentence: str) -> None:
    record = record_of(HEAD + sentence)
    assert record["targets"] == [] and record["achievements"] == []


def test_a_rate_brought_down_to_a_figure_per_hundred_thousand_is_a_target() -> None:
    text = HEAD + "Nội dung.\n- Giảm tỷ suất trẻ em bị tai nạn xuống còn 500/100.000 trẻ em và 450/100.000 trẻ em.\n"
    targets = record_of(text)["targets"]
    assert [(t["value"], t["unit"]) for t in targets] == [(500, "/100.000 trẻ em"), (450, "/100.000 trẻ em")]
    assert targets[0]["metric"].startswith("Giảm tỷ suất trẻ em")


def test_an_age_range_says_who_and_the_figure_after_it_is_the_target() -> None:
    text = HEAD + "Nội dung.\n- Phấn đấu giảm tỷ lệ lao động trẻ em từ 5 đến 17 tuổi xuống dưới 1 %.\n"
    assert [(t["value"], t["comparator"]) for t in record_of(text)["targets"]] == [(1, "<=")]


def test_an_item_under_a_heading_that_opens_with_its_bound_is_named_by_what_follows() -> None:
    text = HEAD + "II. MỤC TIÊU\n- Trên 90% trẻ em có nguy cơ được tiếp cận giáo dục phổ thông.\n"
    targets = record_of(text)["targets"]
    assert [(t["metric"], t["value"], t["comparator"]) for t in targets] == [("trẻ em có nguy cơ", 90, ">=")]


def test_an_item_labelled_by_its_period_is_named_by_what_follows_its_figure() -> None:
    text = HEAD + "I. CHỈ TIÊU\n- Giai đoạn 1 (đến hết ngày 31/5/2022): phấn đấu có 1.200 sáng kiến được đăng ký.\n"
    assert [(t["metric"], t["value"]) for t in record_of(text)["targets"]] == [("sáng kiến", 1200)]
