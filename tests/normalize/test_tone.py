from __future__ import annotations

import unicodedata

import pytest

from normalize import fold, nfc, strip_tones, to_old_tone_style


@pytest.mark.parametrize(
    ("new", "old"),
    [
        ("hoà", "hòa"),
        ("thoả thuận", "thỏa thuận"),
        ("thuỷ lợi", "thủy lợi"),
        ("Uỷ ban", "Ủy ban"),
        ("khoẻ", "khỏe"),
        ("HOÀ BÌNH", "HÒA BÌNH"),
        ("toà án", "tòa án"),
        ("hoạ", "họa"),
    ],
)
def test_new_style_tones_move_to_the_first_vowel(new: str, old: str) -> None:
    assert to_old_tone_style(new) == old


@pytest.mark.parametrize("word", ["hoàn thành", "quý", "quỳ", "thuyền", "hòa", "của", "Thỏa ước", "khuya", "thuở"])
def test_words_without_a_final_diphthong_are_left_alone(word: str) -> None:
    assert to_old_tone_style(word) == word


def test_output_is_nfc_even_from_decomposed_input() -> None:
    decomposed = unicodedata.normalize("NFD", "Thuỷ")
    assert to_old_tone_style(decomposed) == "Thủy"
    assert unicodedata.is_normalized("NFC", to_old_tone_style(decomposed))
    assert nfc(decomposed) == "Thuỷ"


def test_fold_makes_both_styles_and_no_accents_compare_equal() -> None:
    assert fold("Hòa") == fold("hoà") == fold("HOA") == "hoa"
    assert fold("Liên đoàn Lao động tỉnh Lai Châu") == "lien doan lao dong tinh lai chau"


def test_strip_tones_keeps_vowel_shapes() -> None:
    assert strip_tones("Đường thủy") == "Đương thuy"


def test_o_before_a_breve_or_circumflex_is_no_diphthong_to_move() -> None:
    assert to_old_tone_style("hoặc hoằng hoẵng") == "hoặc hoằng hoẵng"
