"""The noisy-channel corrector over the committed model: candidates, decoding, what it must keep."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.metrics import syllable_accuracy
from bench.restore import strip_diacritics
from normalize import repair_text, to_old_tone_style
from normalize._acronyms import AcronymLetters, as_spelt_out
from normalize.restore import MarkChannel, default_restorer
from samples.render import letter_text, load_letter

LETTERS = sorted((Path(__file__).parents[2] / "samples" / "letters").glob("*.json"))


def restore(text: str) -> str:
    return default_restorer().restore(text)


def test_candidates_are_every_toned_form_of_the_skeleton() -> None:
    forms = {c.text for c in default_restorer().inventory.candidates("duoc", MarkChannel(), {})}
    assert {"được", "đuốc", "dược"} <= forms


def test_a_mark_the_input_shows_outweighs_a_bare_one() -> None:
    channel = MarkChannel()
    assert channel.score("tiép", "tiếp") > channel.score("tiép", "tiệp")  # the tone it shows is right
    assert channel.score("tiếp", "tiếp") > channel.score("tiếp", "tiệp")


def test_in_text_typed_without_marks_a_bare_word_says_nothing_of_its_tone() -> None:
    channel = default_restorer().channel_for("Uy ban nhan dan tinh de nghi cac so thuc hien ke hoach")
    assert channel.score("tiep", "tiếp") == pytest.approx(channel.score("tiep", "tiệp"))


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("Uy ban nhan dan tinh Lai Chau", "Ủy ban nhân dân tỉnh Lai Châu"),
        ("Kinh gui cac so, ban, nganh", "Kính gửi các sở, ban, ngành"),
        ("hoan thanh truoc ngay 31/5/2022", "hoàn thành trước ngày 31/5/2022"),
        ("dat 148% chi tieu de ra", "đạt 148% chỉ tiêu đề ra"),
    ],
)
def test_decoding_picks_the_form_the_neighbours_call_for(typed: str, meant: str) -> None:
    assert restore(typed) == meant


def test_a_sentence_runs_on_across_a_line_break() -> None:
    assert restore("Thoi\nhan hoan thanh") == "Thời\nhạn hoàn thành"


def test_numbers_symbols_and_acronyms_are_kept() -> None:
    text = "Cong van so 4381/TLD-VP cua LDLD tinh ngay 21/6/2022 ve 1.775 sang kien"
    restored = restore(text)
    assert "4381/" in restored and "21/6/2022" in restored and "1.775" in restored
    assert restored.startswith("Công văn số") and "LĐLĐ" in restored


def test_letter_case_follows_the_input() -> None:
    assert restore("DE NGHI cac don vi") == "ĐỀ NGHỊ các đơn vị"
    assert restore("iPhone") == "iPhone"


def test_the_output_is_in_the_old_tone_style_whatever_the_input_used() -> None:
    assert repair_text("Thuỷ lợi tỉnh Hoà Bình").text == "Thủy lợi tỉnh Hòa Bình"
    assert repair_text("Thuy loi tinh Hoa Binh").text == "Thủy lợi tỉnh Hòa Bình"


def test_correct_text_comes_out_unchanged() -> None:
    text = to_old_tone_style(letter_text(load_letter(LETTERS[0])))
    assert repair_text(text).text.split() == text.split()


def test_eng_ocr_garble_is_read_back() -> None:
    garbled = "Kinh giri: - LDLD céc huyén, Thanh phd; tiép tuc thuc hién. D6 1a két qua ciia tinh than trach nhiem."
    assert restore(garbled) == (
        "Kính gửi: - LĐLĐ các huyện, Thành phố; tiếp tục thực hiện. Đó là kết quả của tinh thần trách nhiệm."
    )


def test_the_channel_is_judged_from_the_text() -> None:
    channel_for = default_restorer().channel_for
    accented, bare = channel_for("Ủy ban nhân dân tỉnh đề nghị các cấp"), channel_for("Uy ban nhan dan tinh de nghi")
    garbled = channel_for("Kinh giri: LDLD céc huyén, tiép tuc thuc hién 1a churc ndam")
    assert accented.drop < bare.drop
    assert bare.edit < garbled.edit


@pytest.mark.parametrize("path", LETTERS, ids=lambda p: p.stem)
def test_round_trip_strip_and_restore_on_letters_it_never_saw(path: Path) -> None:
    text = to_old_tone_style(letter_text(load_letter(path)))
    assert syllable_accuracy(text, restore(strip_diacritics(text))) >= 0.97


def test_changes_carry_the_restorer_confidence() -> None:
    repaired = repair_text("Cong van so 12")
    change = repaired.changes[0]
    assert (change.before, change.after, change.reason) == ("Cong", "Công", "restore")
    assert 0.5 < change.confidence <= 1.0


def test_text_typed_in_a_legacy_font_encoding_becomes_unicode() -> None:
    vni = "UÛy ban nhaân daân tænh ñeà nghò caùc sôû thöïc hieän keá hoaïch."
    repaired = repair_text(vni)
    assert repaired.text == "Ủy ban nhân dân tỉnh đề nghị các sở thực hiện kế hoạch."
    assert all(change.reason.startswith("legacy_vni") for change in repaired.changes)


def test_nothing_to_restore_gives_nothing() -> None:
    assert restore("") == "" and restore("  \n ") == "  \n "
    assert default_restorer().edits([]) == []


def test_decomposed_input_is_composed_first() -> None:
    import unicodedata

    assert restore(unicodedata.normalize("NFD", "có dấu được")) == "có dấu được"


def test_addresses_and_file_names_are_left_alone_in_noisy_text() -> None:
    text = "Kinh gui cac don vi, gui ve vanthu@mof.gov.vn hoac www.mof.gov.vn, tep bao_cao.docx"
    restored = restore(text)
    assert "vanthu@mof.gov.vn" in restored and "www.mof.gov.vn" in restored and "bao_cao.docx" in restored
    assert restored.startswith("Kính gửi các đơn vị")


def test_an_acronym_inside_a_document_symbol_gets_its_d_bar_back() -> None:
    assert restore("So: 960/LDLD ve viec") == "Số: 960/LĐLĐ về việc"
    assert restore("Ke hoach so 34/KH-SGDDT cua So").endswith("34/KH-SGDĐT của Sở")
    assert "UBND" in restore("Kinh gui UBND cac huyen")  # Nhân Dân: a D that stays


def test_the_letters_of_a_symbol_only_get_their_d_bar_back() -> None:
    assert restore("Chuong trinh so 18-CTrHD/TU ngay 12/3/2021") == "Chương trình số 18-CTrHD/TU ngày 12/3/2021"
    assert "Phan Rang-Tháp Chàm" in restore("Phan Rang-Thap Cham, ngay 5 thang 6 nam 2020")


def test_the_decoder_refuses_an_empty_position_or_beam() -> None:
    from normalize._decode import decode

    model = default_restorer().model
    candidate = default_restorer().inventory.candidates("duoc", MarkChannel(), {})[0]
    with pytest.raises(ValueError):
        decode(model, [[[candidate], []]])
    with pytest.raises(ValueError):
        decode(model, [[[candidate]]], beam=0)


def test_a_heading_in_capitals_ends_its_sentence() -> None:
    text = "UY BAN NHAN DAN\nTHANH PHO VINH YEN\nSo: 106 /BC-UBND\nVinh Yen, ngay 10 thang 5 nam 2007"
    assert restore(text).split("\n")[2] == "Số: 106 /BC-UBND"


def test_a_word_keeps_its_footnote_mark() -> None:
    assert restore("cac don vi truc thuoc1. Luat so 21-LCT/HDNN8 ngay") == (
        "các đơn vị trực thuộc1. Luật số 21-LCT/HĐNN8 ngày"
    )


def test_an_unknown_acronym_gets_the_d_bars_its_letter_pieces_call_for() -> None:
    letters = AcronymLetters({"CD|1": (9.0, 1.0), "ND|1": (1.0, 9.0)})
    assert letters.restore("XCDY") == "XCĐY"  # ``CĐ``: Công đoàn, Cao đẳng
    assert letters.restore("XNDY") == "XNDY"  # ``ND``: nhân dân
    assert letters.restore("XQDY") == "XQDY"  # no evidence: as typed


def test_the_committed_acronym_table_restores_acronyms_the_model_never_saw() -> None:
    assert "CĐCS" in restore("Ban Chap hanh CDCS cac don vi")  # Công đoàn cơ sở


def test_an_acronym_the_text_defines_is_spelt_as_its_definition() -> None:
    assert as_spelt_out("TBDH", "thiết bị dạy học (TBĐH) ở các trường") == "TBDH"
    assert as_spelt_out("DTN", "Đoàn thanh niên (DTN) tỉnh") == "ĐTN"
    assert as_spelt_out("DTN", "Đoàn thanh niên và DTN tỉnh") is None  # no definition: no evidence
    assert "(TBDH)" in restore("Cac truong thieu thiet bi day hoc (TBDH) va phong hoc.")


def test_a_text_that_writes_d_bars_keeps_its_unknown_acronyms_as_typed() -> None:
    assert restore("Người LĐ và NSD LĐ đóng bảo hiểm") == "Người LĐ và NSD LĐ đóng bảo hiểm"  # người sử dụng
    assert "CĐCS" in restore("Ban Chap hanh CDCS cac don vi")  # no Đ anywhere: the letters decide


def test_a_word_that_lost_a_letter_is_mended_even_in_clean_ocr() -> None:
    assert restore("Đây là một hiện tượn đáng chú ý trong công tác cán bộ.") == (
        "Đây là một hiện tượng đáng chú ý trong công tác cán bộ."
    )
