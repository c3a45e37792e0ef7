"""The header component, one behaviour a test, mostly on one-line inputs."""

from __future__ import annotations

import pytest

from tests.extract.conftest import record_of


@pytest.mark.parametrize(
    ("line", "number"),
    [
        ("Số: 31 /LĐLĐ", "31/LĐLĐ"),
        ("Số: 45/KH-UBND", "45/KH-UBND"),
        ("Số: 20/2015/QĐ-UBND", "20/2015/QĐ-UBND"),
        ("S6:960/LDLD", "960/LDLD"),
        ("Số 1378/SGDĐT-VP", "1378/SGDĐT-VP"),
    ],
)
def test_number_and_symbol_lose_their_spaces(line: str, number: str) -> None:
    assert record_of(f"UBND TỈNH AN GIANG\n{line}\nLong Xuyên, ngày 2 tháng 1 năm 2024")["number"] == number


@pytest.mark.parametrize(
    ("line", "place", "date"),
    [
        ("Hà Nội, ngày 15 tháng 3 năm 2022", "Hà Nội", "2022-03-15"),
        ("Số: 960/LĐLĐ Lai Châu, ngày 24 tháng 6 năm 2022", "Lai Châu", "2022-06-24"),
        ("TP. Hồ Chí Minh, ngày 01 tháng 12 năm 2023", "TP. Hồ Chí Minh", "2023-12-01"),
        ("Lai Chau, ngay 24 thang 6 nam 2022", "Lai Chau", "2022-06-24"),
    ],
)
def test_place_and_date_line(line: str, place: str, date: str) -> None:
    record = record_of(f"Số: 1/UBND\n{line}")
    assert (record["place"], record["date"]) == (place, date)


def test_issuer_and_parent_from_the_left_column() -> None:
    record = record_of(
        "UBND TỈNH NINH BÌNH\nSỞ TÀI NGUYÊN\nVÀ MÔI TRƯỜNG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 2/STNMT"
    )
    assert record["issuer"] == "Sở Tài nguyên và Môi trường"
    assert record["parent_issuer"] == "Ủy ban nhân dân tỉnh Ninh Bình"


def test_interleaved_columns_are_cut_at_the_national_title() -> None:
    text = "TỔNG LĐLĐ VIỆT NAM CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nLĐLĐ TỈNH LAI CHÂU Độc lập - Tự do - Hạnh phúc\nSố: 960/LĐLĐ"
    record = record_of(text)
    assert record["issuer"] == "Liên đoàn Lao động tỉnh Lai Châu"
    assert record["parent_issuer"] == "Tổng Liên đoàn Lao động Việt Nam"


def test_a_body_without_parent_has_none() -> None:
    record = record_of("ỦY BAN NHÂN DÂN\nHUYỆN HẢI LĂNG\nSố: 45/KH-UBND")
    assert record["issuer"] == "Ủy ban nhân dân huyện Hải Lăng" and record["parent_issuer"] is None


@pytest.mark.parametrize(
    ("text", "doc_type"),
    [
        ("Số: 45/KH-UBND\nKẾ HOẠCH\nTriển khai công tác năm 2024", "ke_hoach"),
        ("Số: 7/TB-VP\nTHÔNG BÁO\nKết luận của Chủ tịch", "thong_bao"),
        ("Số: 12/QĐ-UBND\nQUYẾT ĐỊNH\nVề việc thành lập Tổ công tác", "quyet_dinh"),
        ("Số: 03/CT-UBND", "chi_thi"),
        ("Số: 88/BC-SYT", "bao_cao"),
        ("Số: 31/LĐLĐ\nV/v đẩy mạnh thực hiện", "cong_van"),
        ("Số: 17/CĐ-TTg", "cong_dien"),
    ],
)
def test_document_type_from_heading_or_symbol(text: str, doc_type: str) -> None:
    assert record_of(text)["doc_type"] == doc_type


def test_subject_joins_wrapped_v_v_lines_until_kinh_gui() -> None:
    text = "Số: 960/LĐLĐ\nV/v tiếp tục thực hiện giai đoạn 2\nChương trình 01 triệu sáng kiến\n\nKính gửi: Các đơn vị"
    assert record_of(text)["subject"] == "tiếp tục thực hiện giai đoạn 2 Chương trình 01 triệu sáng kiến"


def test_title_under_the_type_heading_is_the_subject() -> None:
    text = "Số: 45/KH-UBND\nKẾ HOẠCH\nĐẩy mạnh dịch vụ công trực tuyến năm 2023\nThực hiện Kế hoạch số 120/KH-UBND của tỉnh"
    assert record_of(text)["subject"] == "Đẩy mạnh dịch vụ công trực tuyến năm 2023"


def test_every_header_value_carries_provenance() -> None:
    record = record_of("UBND TỈNH AN GIANG\nSố: 5/UBND\nAn Giang, ngày 2 tháng 1 năm 2024")
    span = record["provenance"]["number"]
    assert span["start"] < span["end"] and 0 < span["confidence"] <= 1 and span["page"] == 1


def test_ve_viec_under_a_type_heading_is_dropped_like_v_v() -> None:
    text = "Số: 12/QĐ-UBND\nQUYẾT ĐỊNH\nVề việc thành lập Tổ công tác\nnăm 2024\n\nCHỦ TỊCH ỦY BAN NHÂN DÂN"
    assert record_of(text)["subject"] == "thành lập Tổ công tác năm 2024"


def test_a_wrapped_subject_stops_at_the_national_title_of_the_right_column() -> None:
    text = "SỞ NỘI VỤ\nSố: 1502/SNV-CCVC\nV/v báo cáo số lượng\ncán bộ năm 2024\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert record_of(text)["subject"] == "báo cáo số lượng cán bộ năm 2024"


def test_a_v_v_label_missing_its_second_v_still_anchors_the_subject() -> None:
    text = (
        "Số: 1378/SGDĐT-VP\nV/ triển khai phần mềm quản lý hồ\nsơ công việc năm học 2024-2025\n\nKính gửi: Các trường"
    )
    assert record_of(text)["subject"] == "triển khai phần mềm quản lý hồ sơ công việc năm học 2024-2025"


def test_a_gazette_title_names_the_issuer_after_cua_and_the_type_heading_is_no_issuer() -> None:
    text = "CHỈ THỊ\nCỦA THỦ TƯỚNG CHÍNH PHỦ SỐ 16/2001/CT-TTG NGÀY 21 THÁNG 6 NĂM 2001 VỀ VIỆC XÂY DỰNG KẾ HOẠCH\n"
    assert record_of(text + "Các Bộ, ngành thực hiện.")["issuer"] == "Thủ tướng Chính phủ"


def test_a_party_style_number_and_a_city_place() -> None:
    record = record_of("Số: 225 - KH/TWĐTN-CTTN\nThành phố Hồ Chí Minh, ngày 16 tháng 5 năm 2024\nNội dung.")
    assert record["number"] == "225-KH/TWĐTN-CTTN" and record["place"] == "Thành phố Hồ Chí Minh"


def test_a_subject_after_a_dash_is_not_part_of_the_number() -> None:
    assert record_of("Số: 12/UBND – V/v triển khai\nHà Nội, ngày 01 tháng 3 năm 2022\nNội dung.")["number"] == "12/UBND"


def test_a_province_misread_by_ocr_is_spelt_as_the_gazetteer_has_it() -> None:
    from extract._names import canonical_body

    assert canonical_body("LIÊN ĐOÀN LAO ĐỘNG TỈNH LAL CHÂU") == "Liên đoàn Lao động tỉnh Lai Châu"
    assert canonical_body("ỦY BAN NHÂN DÂN THÀNH PHỐ VĨNH YÊN") == "Ủy ban nhân dân thành phố Vĩnh Yên"  # no province


def test_the_gazetteer_has_the_provinces_before_and_after_the_2025_merger() -> None:
    from extract._lexicon import current_provinces, provinces

    assert len(current_provinces()) == 34 and "Hồ Chí Minh" in current_provinces()
    assert {"Hà Giang", "Bình Dương"} <= set(provinces().values())  # merged in 2025, still cited


def test_viet_nam_on_its_own_line_ends_the_issuer_and_a_blank_number_is_none() -> None:
    record = record_of(
        "NGÂN HÀNG NHÀ NƯỚC\nVIỆT NAM\n-------\nSố: 68/NHNN-CSTT\nHà Nội, ngày 01 tháng 3 năm 2022\nNội dung."
    )
    assert record["issuer"] == "Ngân hàng Nhà nước Việt Nam"
    record = record_of("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI\nSố: /TB-UBND\nHà Nội, ngày tháng năm 2026\nNội dung.")
    assert record["issuer"] == "Ủy ban nhân dân thành phố Hà Nội"


@pytest.mark.parametrize(
    ("head", "issuer"),
    [
        ("Số: 31 /LĐLĐ\nHà Nội, ngày 15 tháng 3 năm 2022\n", "Liên đoàn Lao động thành phố Hà Nội"),
        ("Số: 960/LĐLĐ\nLai Châu, ngày 24 tháng 6 năm 2022\n", "Liên đoàn Lao động tỉnh Lai Châu"),
        ("Số: 12/KH-UBND\nNghệ An, ngày 2 tháng 1 năm 2024\n", "Ủy ban nhân dân tỉnh Nghệ An"),
        ("Số: 5/TLĐ-VP\nHà Nội, ngày 2 tháng 1 năm 2024\n", None),  # a national body: no province to add
        ("Số: 7/UBND\nVĩnh Yên, ngày 2 tháng 1 năm 2024\n", None),  # a town's place line: which province?
    ],
)
def test_without_a_header_column_the_symbol_and_place_name_a_local_issuer(head: str, issuer: str | None) -> None:
    assert record_of(head + "Kính gửi: Các đơn vị\nNội dung.")["issuer"] == issuer


def test_a_local_body_named_without_its_province_takes_the_place_line_s() -> None:
    record = record_of("ỦY BAN NHÂN DÂN\nSố: 135/BC-UBND\nThành phố Hồ Chí Minh, ngày 11 tháng 9 năm 2019\nNội dung.")
    assert record["issuer"] == "Ủy ban nhân dân thành phố Hồ Chí Minh"


def test_a_central_committee_under_the_doan_title_is_the_doan_s_and_its_symbol_gives_the_type() -> None:
    record = record_of(
        "BAN CHẤP HÀNH TRUNG ƯƠNG\nSố: 411-KH/TWĐTN-BTC\n\nĐOÀN TNCS HỒ CHÍ MINH\n"
        "Hà Nội, ngày 25 tháng 8 năm 2021\n\nNội dung."
    )
    assert record["issuer"] == "Ban Chấp hành Trung ương Đoàn TNCS Hồ Chí Minh"
    assert record["doc_type"] == "ke_hoach"
