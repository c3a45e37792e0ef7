from __future__ import annotations

import pytest

from congvan.types import BBox
from ocr import PAGE_BREAK, OcrDocument, OcrLine, OcrPage, OcrWord, PageStatus


def _line(block: int, *words: tuple[str, BBox]) -> OcrLine:
    return OcrLine(tuple(OcrWord(text, box, 0.9) for text, box in words), block)


def test_text_joins_words_lines_blocks_and_pages() -> None:
    page1 = OcrPage(
        1,
        (
            _line(0, ("Số:", BBox(0, 0, 10, 5)), ("12/UBND", BBox(12, 0, 40, 5))),
            _line(1, ("Kính", BBox(0, 20, 10, 25))),
        ),
    )
    page2 = OcrPage(2, (_line(0, ("Trang", BBox(5, 5, 30, 10))),))
    document = OcrDocument((page1, page2))
    assert document.text == f"Số: 12/UBND\n\nKính{PAGE_BREAK}Trang"


def test_locate_gives_the_page_and_the_union_of_word_boxes() -> None:
    page1 = OcrPage(1, (_line(0, ("Số:", BBox(0, 0, 10, 5)), ("12/UBND", BBox(12, 1, 40, 6))),))
    page2 = OcrPage(2, (_line(0, ("Trang", BBox(5, 5, 30, 10))),))
    document = OcrDocument((page1, page2))
    assert document.locate(0, 11) == (1, BBox(0, 0, 40, 6))
    start = document.text.index("Trang")
    assert document.locate(start, start + 5) == (2, BBox(5, 5, 30, 10))
    assert document.locate(4, 5) == (1, BBox(12, 1, 40, 6))


def test_text_documents_have_no_boxes_but_have_pages() -> None:
    document = OcrDocument.from_text("một\nhai\fba")
    assert document.locate(0, 3) == (1, None)
    assert document.locate(len(document.text) - 2, len(document.text)) == (2, None)


@pytest.mark.parametrize("text", ["", "hai từ", "\t"])
def test_a_word_is_one_run_of_non_space(text: str) -> None:
    with pytest.raises(ValueError, match="word"):
        OcrWord(text, None, 1.0)


def test_confidence_must_be_a_share() -> None:
    with pytest.raises(ValueError, match="confidence"):
        OcrWord("x", None, 93.0)


def test_a_failed_page_must_say_why() -> None:
    with pytest.raises(ValueError, match="says why"):
        OcrPage(1, (), status=PageStatus.FAILED)


def test_boxes_cannot_be_inverted() -> None:
    with pytest.raises(ValueError, match="inverted"):
        BBox(10, 0, 5, 5)
