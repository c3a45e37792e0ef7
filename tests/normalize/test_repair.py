from __future__ import annotations

import unicodedata

from normalize import NOT_VIETNAMESE_WARNING, is_vietnamese, repair, repair_many, repair_text, vietnamese_score
from ocr import OcrDocument


def test_repair_lists_each_change_with_both_spans() -> None:
    source = "Kính gửi: Sở Thuỷ lợi tỉnh Hoà Bình"
    repaired = repair_text(source)
    assert repaired.text == "Kính gửi: Sở Thủy lợi tỉnh Hòa Bình"
    assert [(c.before, c.after) for c in repaired.changes] == [("Thuỷ", "Thủy"), ("Hoà", "Hòa")]
    change = repaired.changes[0]
    assert repaired.text[change.start : change.end] == "Thủy"
    assert source[change.source_start : change.source_end] == "Thuỷ"
    assert change.reason == "tone_style"


def test_offsets_map_back_to_the_source_when_lengths_change() -> None:
    source = unicodedata.normalize("NFD", "Hoà Bình") + ", ngày 1/2/2022"
    repaired = repair_text(source)
    position = repaired.text.index("ngày")
    assert repaired.source.text[repaired.source_offset(position) :].startswith("ngày")


def test_provenance_carries_page_and_box_from_the_scan() -> None:
    from congvan.types import BBox
    from ocr import OcrLine, OcrPage, OcrWord

    words = (OcrWord("Thuỷ", BBox(0, 0, 40, 10), 0.8), OcrWord("lợi", BBox(45, 0, 70, 10), 0.9))
    document = OcrDocument((OcrPage(1, (OcrLine(words),)),))
    repaired = repair(document)
    provenance = repaired.provenance(0, len(repaired.text), 0.9)
    assert provenance.page == 1
    assert provenance.bbox == BBox(0, 0, 70, 10)
    assert provenance.confidence == 0.72  # rule 0.9 × weakest OCR word 0.8


def test_english_is_not_vietnamese_and_is_left_unchanged() -> None:
    text = "The committee will meet on Monday to discuss the annual budget and staffing."
    assert not is_vietnamese(text)
    repaired = repair_text(text)
    assert repaired.text == text and repaired.changes == ()
    assert repaired.warnings and repaired.warnings[0].startswith(NOT_VIETNAMESE_WARNING)


def test_vietnamese_without_accents_is_still_vietnamese() -> None:
    assert is_vietnamese("Lien doan Lao dong tinh de nghi cac cap cong doan trien khai thuc hien")
    assert vietnamese_score("Liên đoàn Lao động tỉnh Lai Châu") == 1.0


def test_repairing_several_texts_at_once_gives_what_one_at_a_time_gives() -> None:
    texts = [
        "Kinh gui cac so, ban, nganh",
        "The committee will meet on Monday to discuss the budget.",
        "Thoi\nhan hoan thanh",
    ]
    together = repair_many([OcrDocument.from_text(text) for text in texts])
    assert [r.text for r in together] == [repair_text(text).text for text in texts]
    assert [r.warnings for r in together] == [repair_text(text).warnings for text in texts]
    assert together[0].text == "Kính gửi các sở, ban, ngành"


def test_a_text_without_letters_is_left_alone_without_a_warning() -> None:
    repaired = repair_text("********\n12/5/2022 - 1.775")
    assert repaired.text == "********\n12/5/2022 - 1.775" and repaired.warnings == ()
