"""Referenced documents: number, date, type and issuer of what the letter cites."""

from __future__ import annotations

from tests.extract.conftest import HEAD, record_of


def test_the_letters_own_number_is_not_a_reference() -> None:
    assert record_of(HEAD + "Thực hiện Kế hoạch số 01/KH-LĐLĐ.")["referenced_documents"][0]["number"] == "01/KH-LĐLĐ"
    assert all(r["number"] != "10/UBND" for r in record_of(HEAD + "Nội dung.")["referenced_documents"])


def test_the_issuer_of_a_reference_stops_at_its_verb() -> None:
    text = HEAD + "Căn cứ Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ phê duyệt Chương trình."
    refs = record_of(text)["referenced_documents"]
    assert [(r["number"], r["date"], r["type"], r["issuer"]) for r in refs] == [
        ("749/QĐ-TTg", "2020-06-03", "Quyết định", "Thủ tướng Chính phủ")
    ]


def test_a_reference_without_a_type_word() -> None:
    refs = record_of(HEAD + "Theo đề nghị tại số 15/TTr-STTTT ngày 20/3/2022.")["referenced_documents"]
    assert [(r["number"], r["type"]) for r in refs] == [("15/TTr-STTTT", None)]


def test_a_party_symbol_and_a_type_without_so() -> None:
    text = HEAD + "Thực hiện Nghị quyết 21-NQ/TW ngày 22/11/2012 của Bộ Chính trị và Quyết định 538/QĐ-TTg."
    numbers = {r["number"] for r in record_of(text)["referenced_documents"]}
    assert numbers == {"21-NQ/TW", "538/QĐ-TTg"}


def test_a_document_cited_twice_is_one_reference_with_all_that_is_known() -> None:
    text = (
        HEAD
        + "Theo Công văn số 847/UBND-VX ngày 22/3/2011 của UBND tỉnh Quảng Ninh. Tại Công văn số 847/UBND-VX, đề nghị."
    )
    (reference,) = record_of(text)["referenced_documents"]
    assert reference["date"] == "2011-03-22" and reference["issuer"]


def test_a_law_by_name_and_date_and_symbols_typed_with_spaces() -> None:
    text = HEAD + (
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; "
        "Theo văn bản số 906/KT- KĐ ngày 03/12/2021 và Quyết định số 84 QĐ/TWĐTN ngày 22/02/2013."
    )
    references = [(r["number"], r["type"], r["date"]) for r in record_of(text)["referenced_documents"]]
    assert ("906/KT-KĐ", "Văn bản", "2021-12-03") in references and (
        "84QĐ/TWĐTN",
        "Quyết định",
        "2013-02-22",
    ) in references
    assert (None, "Luật", "2015-06-19") in references


def test_a_type_then_so_read_by_ocr_as_s() -> None:
    text = HEAD + "Căn cứ công văn s 4381/TLĐ-VP, ngày 21/6/2022 của Tổng Liên đoàn Lao động Việt Nam."
    assert [r["number"] for r in record_of(text)["referenced_documents"]] == ["4381/TLĐ-VP"]
