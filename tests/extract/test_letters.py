"""Whole letters: the two seeds as samples, and every value a reader would write down."""

from __future__ import annotations

from pathlib import Path

from samples.render import letter_text, load_letter
from tests.extract.conftest import record_of

LETTERS = Path(__file__).resolve().parents[2] / "samples" / "letters"


def test_the_hanoi_letter() -> None:
    record = record_of(letter_text(load_letter(LETTERS / "hanoi-31-LDLD-2022.json")))
    assert record["number"] == "31/LĐLĐ"
    assert record["date"] == "2022-03-15" and record["place"] == "Hà Nội"
    assert record["doc_type"] == "cong_van"
    assert record["issuer"] == "Liên đoàn Lao động thành phố Hà Nội"
    assert record["subject"].startswith("đẩy mạnh thực hiện Chương trình")
    assert len(record["recipients"]) == 2 and len(record["cc"]) == 3
    assert len(record["directives"]) == 5
    assert [(c["name"], c["phone"]) for c in record["contacts"]] == [("Đinh Diệu Huyền", "0986528419")]
    assert [d["date"] for d in record["deadlines"]] == ["2022-03"]
    assert record["signer_name"] == "Lê Đình Hùng" and record["signer_title"] == "PHÓ CHỦ TỊCH"
    assert [r["number"] for r in record["referenced_documents"]] == ["01/KH-LĐLĐ"]


def test_the_lai_chau_letter() -> None:
    record = record_of(letter_text(load_letter(LETTERS / "laichau-960-LDLD-2022.json")))
    assert (record["number"], record["date"], record["place"]) == ("960/LĐLĐ", "2022-06-24", "Lai Châu")
    assert record["issuer"] == "Liên đoàn Lao động tỉnh Lai Châu"
    assert [(t["value"], t["unit"]) for t in record["targets"]][:1] == [(1200, "sáng kiến")]
    assert [(a["value"], a["percent_of_target"]) for a in record["achievements"]] == [(1775, 148)]
    assert [(d["start"], d["end"]) for d in record["deadlines"]] == [("2022-06-01", "2023-08-31")]
    assert len(record["directives"]) == 5
    assert record["referenced_documents"][0]["number"] == "4381/TLĐ-VP"


def test_the_plan_with_sections_targets_and_deadlines() -> None:
    record = record_of(letter_text(load_letter(LETTERS / "kehoach-45-KH-UBND-2023.json")))
    assert record["doc_type"] == "ke_hoach" and record["number"] == "45/KH-UBND"
    assert {t["value"] for t in record["targets"]} >= {95, 50, 100, 30}
    assert {d["date"] or d["end"] for d in record["deadlines"]} >= {"2023-10-15", "2023-11-30"}
    assert len(record["directives"]) == 6
    assert record["signer_title"] == "PHÓ CHỦ TỊCH" and record["signer_name"] == "Trần Quang Vinh"
