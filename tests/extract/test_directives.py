"""Directives: the operative items, each by its first sentence."""

from __future__ import annotations

from tests.extract.conftest import HEAD, record_of


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


def test_dash_items_after_the_request_are_directives_when_nothing_is_numbered() -> None:
    text = (
        HEAD + "Sở đề nghị các đơn vị:\n- Tổng hợp số liệu theo biểu mẫu;\n- Gửi báo cáo về Sở.\nNơi nhận:\n- Như trên;"
    )
    assert [d["text"] for d in record_of(text)["directives"]] == ["Tổng hợp số liệu theo biểu mẫu", "Gửi báo cáo về Sở"]


def test_an_item_runs_on_across_a_page_break_in_mid_sentence() -> None:
    text = HEAD + "1. Khen thưởng kịp thời những tập thể,\n\f\ncá nhân có thành tích.\n2. Báo cáo kết quả."
    assert record_of(text)["directives"][0]["text"] == "Khen thưởng kịp thời những tập thể, cá nhân có thành tích"


def test_trap_the_items_of_a_report_are_no_directives_but_its_proposals_are() -> None:
    text = (
        "Số: 215/BC-UBND\nHà Nội, ngày 01 tháng 3 năm 2022\nBÁO CÁO\nKết quả thực hiện\n"
        "I. KẾT QUẢ THỰC HIỆN\n1. Đã tổ chức 12 hội nghị tuyên truyền.\n"
        "II. KIẾN NGHỊ\n1. Đề nghị Bộ Tài chính bổ sung kinh phí.\n"
    )
    assert [d["text"] for d in record_of(text)["directives"]] == ["Đề nghị Bộ Tài chính bổ sung kinh phí"]


def test_trap_the_aims_of_a_plan_and_its_legal_bases_are_no_directives() -> None:
    text = HEAD + "I. MỤC ĐÍCH, YÊU CẦU\n1. Nâng cao nhận thức của cán bộ.\n- Căn cứ Luật Giáo dục năm 2019;\n"
    assert record_of(text)["directives"] == []


def test_trap_a_plan_whose_task_sections_are_not_given_has_no_directives() -> None:
    text = (
        "Số: 10/KH-UBND\nHà Nội, ngày 01 tháng 3 năm 2022\nKẾ HOẠCH\nCông tác dân số năm 2022\n"
        "I. MỤC TIÊU, CHỈ TIÊU\n1. Mục tiêu chung\nỔn định quy mô dân số.\n2. Chỉ tiêu\n- Tỷ suất sinh: 12,8‰.\n"
    )
    assert record_of(text)["directives"] == []


def test_trap_a_plan_s_aim_sub_heading_is_no_directive_but_an_article_opening_with_can_cu_is() -> None:
    plan = HEAD + "1. Mục đích\n- Tổ chức thành công đại hội đoàn các cấp.\n2. Yêu cầu\n- Bảo đảm đúng quy định.\n"
    assert record_of(plan)["directives"] == []
    decision = (
        HEAD
        + "QUYẾT ĐỊNH:\nĐiều 1. Giao chỉ tiêu kế hoạch năm 2022.\nĐiều 2. Căn cứ chỉ tiêu được giao, các đơn vị triển khai.\n"
    )
    assert [d["text"][:6] for d in record_of(decision)["directives"]] == ["Giao c", "Căn cứ"]
