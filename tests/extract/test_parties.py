from __future__ import annotations

from tests.extract.conftest import HEAD, record_of


def _texts(items: list[dict]) -> list[str]:
    return [item["text"] for item in items]


def test_kinh_gui_dash_items_are_recipients() -> None:
    text = "Số: 1/UBND\nKính gửi:\n- Sở Tài chính;\n- Sở Nội vụ.\nThực hiện chỉ đạo của tỉnh."
    assert _texts(record_of(text)["recipients"]) == ["Sở Tài chính", "Sở Nội vụ"]


def test_an_inline_kinh_gui_is_one_recipient() -> None:
    assert _texts(record_of("Số: 1/UBND\nKính gửi: Ủy ban nhân dân các huyện\nNội dung.")["recipients"]) == [
        "Ủy ban nhân dân các huyện"
    ]


def test_a_rough_ocr_label_still_anchors() -> None:
    assert _texts(record_of("Số: 1/UBND\nKinh giri: - LDLD cac huyen;\n- Cong doan nganh.")["recipients"]) == [
        "LDLD cac huyen",
        "Cong doan nganh",
    ]


def test_noi_nhan_items_without_the_signature_column() -> None:
    text = "Nội dung.\nNơi nhận: TM. BAN THƯỜNG VỤ\n- Như trên; PHÓ CHỦ TỊCH\n- Lưu: VT, VP.\nLê Đình Hùng"
    record = record_of(text)
    assert _texts(record["cc"]) == ["Như trên", "Lưu: VT, VP"]
    assert record["signer_title"] == "TM. Ban thường vụ, Phó chủ tịch"
    assert record["signer_name"] == "Lê Đình Hùng"


def test_the_title_comes_with_its_authority_line() -> None:
    record = record_of("Nơi nhận:\n- Lưu: VT.\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nĐỗ Mạnh Cường")
    assert record["signer_title"] == "KT. Giám đốc, Phó giám đốc" and record["signer_name"] == "Đỗ Mạnh Cường"


def test_contact_with_name_and_phone() -> None:
    contacts = record_of("Liên hệ Đồng chí Đinh Diệu Huyền, ĐT: 0986528419 để được hướng dẫn.")["contacts"]
    assert [(c["name"], c["phone"]) for c in contacts] == [("Đinh Diệu Huyền", "0986528419")]


def test_a_phone_without_a_name_is_still_a_contact() -> None:
    contacts = record_of("Đăng ký qua số điện thoại 0229.3871.456 trong giờ hành chính.")["contacts"]
    assert [(c["name"], c["phone"]) for c in contacts] == [(None, "02293871456")]


def test_a_signature_mark_read_into_a_noi_nhan_line_is_cut() -> None:
    record = record_of(
        "Nội dung.\nNơi nhận: KT. CHỦ TỊCH\n- Như Điều 3; PHÓ CHỦ TỊCH\n- Lưu: VT, KGVX. (Đã ký)\nNguyễn Quang Hưng"
    )
    assert _texts(record["cc"]) == ["Như Điều 3", "Lưu: VT, KGVX"]
    assert (record["signer_title"], record["signer_name"]) == ("KT. Chủ tịch, Phó chủ tịch", "Nguyễn Quang Hưng")


def test_a_signer_name_read_into_the_last_noi_nhan_line_is_cut() -> None:
    record = record_of("Nội dung.\nNơi nhận: GIÁM ĐỐC\n- Sở Nội vụ;\n- Lưu: VT. Trần Văn Hoa")
    assert _texts(record["cc"]) == ["Sở Nội vụ", "Lưu: VT"]
    assert record["signer_name"] == "Trần Văn Hoa"


def test_an_authority_line_alone_is_the_title() -> None:
    record = record_of("Nơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. BỘ TRƯỞNG\nNguyễn Văn An")
    assert record["signer_title"] == "KT. Bộ trưởng" and record["signer_name"] == "Nguyễn Văn An"


def test_a_telegram_lists_its_recipients_after_dien() -> None:
    text = (
        "Số: 438/CĐ-TTg\nHà Nội, ngày 20 tháng 3 năm 2017\nTHỦ TƯỚNG CHÍNH PHỦ điện:\n- Bộ Quốc phòng;\n- Bộ Công an.\n"
    )
    assert [r["text"] for r in record_of(text + "Yêu cầu khẩn trương tìm kiếm.")["recipients"]] == [
        "Bộ Quốc phòng",
        "Bộ Công an",
    ]


def test_trap_a_two_word_heading_is_no_signer_name() -> None:
    assert record_of(HEAD + "Nội dung.\n1. Mục đích\nNâng cao nhận thức.")["signer_name"] is None


def test_trap_a_plan_listing_who_attends_has_no_telegram_recipients() -> None:
    text = "Số: 12/KH-UBND\nHà Nội, ngày 01 tháng 3 năm 2022\nKẾ HOẠCH\nThành phần gồm đại diện:\n- Sở Y tế;\n"
    assert record_of(text + "- Sở Tài chính.")["recipients"] == []


def test_a_mobile_number_with_the_name_in_brackets_after_it() -> None:
    text = HEAD + "Thông tin gửi về Văn phòng. Di động: 0904255733 (Đ/c Cương)."
    assert [(c["name"], c["phone"]) for c in record_of(text)["contacts"]] == [("Cương", "0904255733")]
