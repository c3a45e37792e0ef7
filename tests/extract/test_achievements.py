"""Achievements: reported figures and their share of the target."""

from __future__ import annotations

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
