"""Two-column header and closing read column by column, from word boxes."""

from __future__ import annotations

from congvan.types import BBox
from ocr import OcrDocument, OcrLine, OcrPage, OcrWord
from ocr._columns import reorder_columns

WIDTH = 2480


def _line(y: int, *runs: tuple[int, str]) -> OcrLine:
    """A line of word runs, each starting at an x position; words are 100 px wide, 20 px apart."""
    words = []
    for x, text in runs:
        for i, word in enumerate(text.split()):
            left = x + i * 120
            words.append(OcrWord(word, BBox(left, y, left + 100, y + 45), 0.95))
    return OcrLine(tuple(words))


def _text(lines: tuple[OcrLine, ...]) -> str:
    return OcrDocument((OcrPage(1, lines, WIDTH, 3508),)).text


def test_an_interleaved_header_comes_out_column_by_column() -> None:
    lines = (
        _line(100, (300, "UBND TỈNH AN GIANG"), (1300, "CỘNG HÒA XÃ HỘI")),
        _line(160, (300, "SỞ NỘI VỤ"), (1300, "Độc lập - Tự do")),
        _line(240, (300, "Số: 12/SNV"), (1300, "An Giang, ngày 2/1/2024")),
        _line(400, (250, "Nội dung của công văn trải dài hết cả chiều ngang của trang giấy như văn bản")),
    )
    assert _text(reorder_columns(lines, WIDTH)) == (
        "UBND TỈNH AN GIANG\nSỞ NỘI VỤ\nSố: 12/SNV\n\n"
        "CỘNG HÒA XÃ HỘI\nĐộc lập - Tự do\nAn Giang, ngày 2/1/2024\n\n"
        "Nội dung của công văn trải dài hết cả chiều ngang của trang giấy như văn bản"
    )


def test_the_closing_puts_noi_nhan_before_the_signature() -> None:
    lines = (
        _line(3000, (300, "Nơi nhận:"), (1500, "KT. GIÁM ĐỐC")),
        _line(3060, (300, "- Như trên;"), (1500, "PHÓ GIÁM ĐỐC")),
        _line(3120, (300, "- Lưu: VT.")),
        _line(3300, (1500, "Đỗ Mạnh Cường")),
    )
    text = _text(reorder_columns(lines, WIDTH))
    assert text == "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nĐỗ Mạnh Cường"


def test_body_lines_and_a_centred_heading_are_left_alone() -> None:
    lines = (
        _line(100, (250, "Dòng thân bài dài chạy qua giữa trang giấy từ lề trái sang lề phải")),
        _line(200, (1100, "KẾ HOẠCH")),
        _line(300, (250, "Một dòng thân bài khác cũng chạy qua giữa trang giấy của văn bản")),
    )
    assert reorder_columns(lines, WIDTH) == lines


def test_one_split_row_is_not_enough_to_call_it_columns() -> None:
    lines = (
        _line(100, (300, "Trái"), (1500, "Phải")),
        _line(200, (250, "Thân bài chạy qua giữa trang giấy hết cả dòng")),
    )
    assert reorder_columns(lines, WIDTH) == lines


def test_text_without_boxes_is_unchanged() -> None:
    lines = OcrDocument.from_text("Số: 1/UBND   Hà Nội, ngày 1/1/2024").pages[0].lines
    assert reorder_columns(lines, WIDTH) == lines


def test_a_long_issuer_run_into_the_national_title_is_split_where_the_title_starts() -> None:
    header = OcrLine(
        (
            OcrWord("ỦY", BBox(355, 100, 419, 145), 0.95),
            OcrWord("BAN", BBox(432, 100, 526, 145), 0.95),
            OcrWord("TỈNH", BBox(794, 100, 909, 145), 0.95),
            OcrWord("NINH", BBox(921, 100, 1039, 145), 0.95),
            OcrWord("BÌNHCỘNG", BBox(1051, 100, 1320, 145), 0.95),  # one word: no gap between the columns
            OcrWord("HÒA", BBox(1335, 100, 1452, 145), 0.95),
            OcrWord("XÃ", BBox(1470, 100, 1530, 145), 0.95),
        )
    )
    lines = (
        header,
        _line(160, (1300, "Độc lập - Tự do")),
        _line(240, (300, "Số: 12/UBND"), (1300, "Ninh Bình, ngày 2/1/2024")),
    )
    assert _text(reorder_columns(lines, WIDTH)) == (
        "ỦY BAN TỈNH NINH BÌNH\nSố: 12/UBND\n\nCỘNG HÒA XÃ\nĐộc lập - Tự do\nNinh Bình, ngày 2/1/2024"
    )
