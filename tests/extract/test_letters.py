"""Whole letters: the two seeds as samples, and every value a reader would write down."""

from __future__ import annotations

from pathlib import Path

from samples.render import letter_text, load_letter
from tests.extract.conftest import letter, record_of

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
    assert record["signer_name"] == "Lê Đình Hùng" and record["signer_title"] == "TM. Ban thường vụ, Phó chủ tịch"
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
    assert record["signer_title"] == "TM. Ủy ban nhân dân, KT. Chủ tịch, Phó chủ tịch"
    assert record["signer_name"] == "Trần Quang Vinh"


def test_the_hanoi_seed_as_it_came_without_its_left_header() -> None:
    record = letter("hanoi-31-LDLD-2022.txt")
    assert record["number"] == "31/LĐLĐ"
    assert (record["date"], record["place"], record["doc_type"]) == ("2022-03-15", "Hà Nội", "cong_van")
    assert record["subject"].startswith("đẩy mạnh thực hiện Chương trình")
    assert len(record["recipients"]) == 2 and len(record["directives"]) == 5
    assert [(c["name"], c["phone"]) for c in record["contacts"]] == [("Đinh Diệu Huyền", "0986528419")]
    assert [(d["raw"], d["date"]) for d in record["deadlines"]] == [("vào cuối tháng 3/2022", "2022-03")]
    assert [c["text"] for c in record["cc"]] == [
        "Như trên (đề t/h)",
        "Thường trực LĐLĐ Thành phố (Đề b/c)",
        "Lưu: VT, CSPL & QHLĐ",
    ]
    assert record["issuer"] == "Liên đoàn Lao động thành phố Hà Nội"  # no left header: from ``31/LĐLĐ``, Hà Nội
    assert (record["signer_title"], record["signer_name"]) == ("TM. Ban thường vụ, Phó chủ tịch", "Lê Đình Hùng")


def test_an_invented_decision_with_articles_and_interleaved_columns() -> None:
    record = letter("quyetdinh-1024-QD-UBND-invented.txt")
    assert (record["doc_type"], record["number"]) == ("quyet_dinh", "1024/QĐ-UBND")
    assert (record["issuer"], record["parent_issuer"]) == ("Ủy ban nhân dân tỉnh Thái Bình", None)
    assert (record["place"], record["date"]) == ("Thái Bình", "2024-04-05")
    assert record["subject"] == "thành lập Ban Chỉ đạo chuyển đổi số tỉnh Thái Bình năm 2024"
    assert [d["text"][:20] for d in record["directives"]] == [
        "Thành lập Ban Chỉ đạ",
        "Ban Chỉ đạo có nhiệm",
        "Quyết định này có hi",
    ]
    references = [(r["number"], r["type"], r["date"]) for r in record["referenced_documents"]]
    assert references[0] == (None, "Luật", "2015-06-19")  # a law cited by name and date
    assert [number for number, _, _ in references[1:]] == ["749/QĐ-TTg", "15/TTr-STTTT"]
    assert [d["date"] for d in record["deadlines"]] == ["2024-12-15"]  # not 2015, 2020 nor 20/3/2024
    assert [c["text"] for c in record["cc"]] == ["Như Điều 3", "Chủ tịch, các PCT UBND tỉnh", "Lưu: VT, KGVX"]
    assert (record["signer_title"], record["signer_name"]) == ("KT. Chủ tịch, Phó chủ tịch", "Nguyễn Quang Hưng")


def test_an_invented_report_with_achievements_and_next_years_targets() -> None:
    record = letter("baocao-215-BC-LDLD-invented.txt")
    assert record["doc_type"] == "bao_cao"
    assert (record["issuer"], record["parent_issuer"]) == (
        "Liên đoàn Lao động tỉnh Bắc Ninh",
        "Tổng Liên đoàn Lao động Việt Nam",
    )
    assert [(a["value"], a["percent_of_target"]) for a in record["achievements"]] == [(12450, 124.5), (85, 106)]
    assert [(t["value"], t["comparator"]) for t in record["targets"]] == [(10000, ">="), (60, ">=")]
    assert [r["text"] for r in record["recipients"]] == ["Tổng Liên đoàn Lao động Việt Nam"]


def test_an_invented_directive_with_deadlines_and_a_ceiling() -> None:
    record = letter("chithi-07-CT-SGDDT-invented.txt")
    assert (record["doc_type"], record["issuer"]) == ("chi_thi", "Sở GDĐT tỉnh Nghệ An")
    assert [d["date"] or (d["start"], d["end"]) for d in record["deadlines"]] == [
        "2024-08-30",
        "2024-09-20",
        ("2024-09-05", "2025-05-31"),
    ]
    assert [(t["value"], t["comparator"]) for t in record["targets"]] == [(75, ">="), (2, "<=")]
    assert len(record["directives"]) == 4 and record["signer_name"] == "Trần Văn Hoa"


def test_an_invented_letter_whose_header_comes_as_left_block_then_right_block() -> None:
    record = letter("congvan-1502-SNV-invented.txt")
    assert (record["issuer"], record["parent_issuer"]) == ("Sở Nội vụ", "Ủy ban nhân dân thành phố Đà Nẵng")
    assert record["subject"] == "báo cáo số lượng, chất lượng cán bộ, công chức năm 2024"
    assert (record["place"], record["date"]) == ("Đà Nẵng", "2024-06-03")
    assert [d["date"] for d in record["deadlines"]] == ["2024-06-25T17:00"]
    assert [(c["name"], c["phone"]) for c in record["contacts"]] == [("Nguyễn Văn An", "02363821456")]
    assert record["targets"] == []  # "các chỉ tiêu thống kê" in a form is no target
    assert (record["signer_title"], record["signer_name"]) == ("KT. Giám đốc, Phó giám đốc", "Lê Thị Mai")
