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
