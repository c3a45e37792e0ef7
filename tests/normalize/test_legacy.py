from __future__ import annotations

import shutil
import subprocess
import unicodedata
from collections.abc import Callable

import pytest

from normalize._legacy import decode_bytes, detect_legacy, from_legacy

# The test side's own statement of the tables, typed from other sources than the module's (a
# published TCVN3 converter's code string; VNI's keyboard scheme), so that a slip in either shows.
_TCVN3_CODES = "µ¸¶·¹¨»¾¼½Æ©ÇÊÈÉË®ÌÐÎÏÑªÒÕÓÔÖ×ÝØÜÞßãáâä«åèæçé¬êíëìîïóñòô\xadõøö÷ùúýûüþ¡¢§£¤¥¦"
_TCVN3_LETTERS = "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵĂÂĐÊÔƠƯ"
# VNI: a base letter, then one mark key per tone (acute, grave, hook, tilde, dot).
_VNI_TONES = {"\u0301": "ù", "\u0300": "ø", "\u0309": "û", "\u0303": "õ", "\u0323": "ï"}
_VNI_CIRCUMFLEX_TONES = {"": "â", "\u0301": "á", "\u0300": "à", "\u0309": "å", "\u0303": "ã", "\u0323": "ä"}
_VNI_BREVE_TONES = {"": "ê", "\u0301": "é", "\u0300": "è", "\u0309": "ú", "\u0303": "ü", "\u0323": "ë"}
_VNI_ONE_KEY = {"đ": "ñ", "ơ": "ô", "ư": "ö", "í": "í", "ì": "ì", "ỉ": "æ", "ĩ": "ó", "ị": "ò", "ỵ": "î"}

SENTENCES = [
    "Ủy ban nhân dân tỉnh Lai Châu đề nghị các cấp công đoàn tiếp tục thực hiện.",
    "ĐỀ NGHỊ",
    "Quyết định số 12/QĐ-UBND",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
    "Về việc THỰC HIỆN kế hoạch năm 2023 của Sở Tài nguyên và Môi trường.",
    "Ở đây, người lao động được hưởng đầy đủ chế độ. Ấp Bình Yên được khen thưởng!",
]

NOT_LEGACY = [
    "The committee asked all trade unions to keep carrying out the plan.",
    "Le café est très bon à Paris, où l'été est chaud. Ça coûte 5 € à l'hôpital.",
    "Les élèves ont été très sages; ils ont mangé des crêpes à la crème.",
    "Grüße aus München: schöne Straße, Über die Brücke zum Bäcker.",
    "São Paulo não é longe; el niño está en la montaña.",
    "Copyright © 2020 Acme, ½ cup sugar",
    "Ủy ban nhân dân tỉnh Lai Châu đề nghị các cấp công đoàn tiếp tục thực hiện.",
    "Tôi là người Việt Nam và tôi yêu tiếng Việt",
    "Hà Nội, Cà Mau, Đà Nẵng",
]


def to_tcvn3(text: str) -> str:
    codes = dict(zip(_TCVN3_LETTERS, _TCVN3_CODES, strict=True))
    # Capitals TCVN3 lacks were typed with the lower-case codes.
    return "".join(codes.get(ch, codes.get(ch.lower(), ch)) for ch in unicodedata.normalize("NFC", text))


def to_vni(text: str) -> str:
    return "".join(_vni_letter(ch) for ch in unicodedata.normalize("NFC", text))


def _vni_letter(letter: str) -> str:
    upper = letter.isupper()
    if letter.lower() in _VNI_ONE_KEY:
        return _case(_VNI_ONE_KEY[letter.lower()], upper)
    decomposed = unicodedata.normalize("NFD", letter)
    base, marks = decomposed[0], decomposed[1:]
    if not marks:
        return letter
    tone = next((m for m in marks if m in _VNI_TONES), "")
    if "\u031b" in marks:  # horn: ơ ư are one key, the tone key follows
        return _vni_letter(unicodedata.normalize("NFC", base + "\u031b")) + _case(_VNI_TONES[tone], upper)
    if "\u0302" in marks:  # circumflex: â ê ô
        return base + _case(_VNI_CIRCUMFLEX_TONES[tone], upper)
    if "\u0306" in marks:  # breve: ă
        return base + _case(_VNI_BREVE_TONES[tone], upper)
    return base + _case(_VNI_TONES[tone], upper)


def _case(key: str, upper: bool) -> str:
    return key.upper() if upper else key


def all_vietnamese_letters() -> list[str]:
    letters = ["đ", "Đ"]
    for vowel in "aăâeêioôơuưy":
        for tone in ["", *_VNI_TONES]:
            letter = unicodedata.normalize("NFC", vowel + tone)
            if letter not in "aeiouy":
                letters += [letter, letter.upper()]
    return letters


def test_there_are_134_accented_letters_to_cover() -> None:
    assert len(set(all_vietnamese_letters())) == 134


@pytest.mark.parametrize("sentence", SENTENCES)
def test_tcvn3_text_is_detected_and_converted_back(sentence: str) -> None:
    legacy = to_tcvn3(sentence)
    assert legacy != sentence
    assert detect_legacy(legacy) == "tcvn3"
    assert from_legacy(legacy, "tcvn3") == sentence


@pytest.mark.parametrize("sentence", SENTENCES)
def test_vni_text_is_detected_and_converted_back(sentence: str) -> None:
    legacy = to_vni(sentence)
    assert legacy != sentence
    assert detect_legacy(legacy) == "vni"
    assert from_legacy(legacy, "vni") == sentence


def test_every_vni_letter_converts_back() -> None:
    for letter in all_vietnamese_letters():
        assert from_legacy(to_vni(letter), "vni") == letter, to_vni(letter)


def test_every_tcvn3_letter_converts_back_in_lower_case_and_the_seven_capitals_exactly() -> None:
    for letter in all_vietnamese_letters():
        expected = letter if letter in "ĂÂĐÊÔƠƯ" else letter.lower()
        # Mid-sentence, where no context says "capital".
        assert from_legacy("x " + to_tcvn3(letter), "tcvn3") == "x " + expected, to_tcvn3(letter)


def test_tcvn3_codes_agree_with_iconv() -> None:
    iconv = shutil.which("iconv")
    if iconv is None:
        pytest.skip("iconv (glibc) is not installed: no second TCVN3 table to check against")
    done = subprocess.run(
        [iconv, "-f", "TCVN5712-1", "-t", "UTF-8"], input=_TCVN3_CODES.encode("latin-1"), capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"this iconv has no TCVN5712-1: {done.stderr.decode().strip()}")
    expected = unicodedata.normalize("NFC", done.stdout.decode())
    assert expected == _TCVN3_LETTERS
    assert from_legacy("x " + " ".join(_TCVN3_CODES), "tcvn3") == "x " + " ".join(expected)


def test_published_legacy_examples_convert() -> None:
    assert from_legacy("Uû ban nh©n d©n", "tcvn3") == "Uỷ ban nhân dân"
    assert from_legacy("Xin chµo tÊt c¶ mäi ng\xadêi", "tcvn3") == "Xin chào tất cả mọi người"
    assert from_legacy("UÛy ban nhaân daân", "vni") == "Ủy ban nhân dân"
    assert from_legacy("Xin chaøo caùc baïn", "vni") == "Xin chào các bạn"


def test_tone_placement_is_kept_as_typed() -> None:
    assert from_legacy("Uû ban", "tcvn3") == "Uỷ ban"
    assert from_legacy("thuûy lôïi, hoøa", "vni") == "thủy lợi, hòa"


def test_vni_reads_the_longest_code_first() -> None:
    assert from_legacy("ôù ô oâ", "vni") == "ớ ơ ô"


def test_tcvn3_capitals_come_back_from_capitalised_neighbours_and_sentence_starts() -> None:
    assert (
        from_legacy("Së GD§T TØNH NGHÖ AN        §éc lËp - Tù do", "tcvn3")
        == "SỞ GDĐT TỈNH NGHỆ AN        Độc lập - Tự do"
    )
    assert from_legacy("TM. BAN TH¦êNG Vô", "tcvn3") == "TM. BAN THƯỜNG VỤ"
    assert from_legacy("Sè: 12/Q§-UBND", "tcvn3") == "Số: 12/QĐ-UBND"


def test_tcvn3_capitals_in_mid_sentence_cannot_be_told_and_stay_lower_case() -> None:
    assert from_legacy("c¸c cÊp ñy vµ ñy ban", "tcvn3") == "các cấp ủy và ủy ban"


def test_output_is_nfc() -> None:
    converted = from_legacy(to_vni(SENTENCES[0]), "vni")
    assert unicodedata.is_normalized("NFC", converted)


def test_a_whole_letter_is_detected_in_either_encoding(laichau_text: str) -> None:
    assert detect_legacy(to_tcvn3(laichau_text)) == "tcvn3"
    assert detect_legacy(to_vni(laichau_text)) == "vni"
    assert from_legacy(to_vni(laichau_text), "vni") == unicodedata.normalize("NFC", laichau_text)
    # TCVN3 loses some capitals (see the module docstring), never a letter.
    assert from_legacy(to_tcvn3(laichau_text), "tcvn3").lower() == unicodedata.normalize("NFC", laichau_text).lower()


@pytest.mark.parametrize("text", NOT_LEGACY)
def test_unicode_and_other_languages_are_not_legacy(text: str) -> None:
    assert detect_legacy(text) is None
    assert decode_bytes(text.encode("utf-8")) == (text, None)


def test_ascii_and_empty_text_are_not_legacy() -> None:
    assert detect_legacy("") is None
    assert detect_legacy("Quyet dinh so 12/QD-UBND") is None


def test_decode_bytes_reads_utf8_with_or_without_a_bom() -> None:
    text = SENTENCES[0]
    assert decode_bytes(text.encode("utf-8")) == (text, None)
    assert decode_bytes(b"\xef\xbb\xbf" + text.encode("utf-8")) == (text, None)
    assert decode_bytes(unicodedata.normalize("NFD", text).encode("utf-8")) == (text, None)


@pytest.mark.parametrize(("encoding", "encode"), [("tcvn3", to_tcvn3), ("vni", to_vni)])
def test_decode_bytes_detects_and_converts_legacy_bytes(encoding: str, encode: Callable[[str], str]) -> None:
    sentence = SENTENCES[0]
    data = encode(sentence).encode("cp1252")
    assert decode_bytes(data) == (sentence, encoding)


def test_decode_bytes_converts_legacy_text_that_was_saved_as_utf8() -> None:
    assert decode_bytes("Uû ban nh©n d©n tØnh".encode()) == ("Uỷ ban nhân dân tỉnh", "tcvn3")


def test_decode_bytes_reads_other_8bit_text_as_cp1252() -> None:
    assert decode_bytes("Le café coûte 5 €.".encode("cp1252")) == ("Le café coûte 5 €.", None)
    assert decode_bytes(b"caf\xe9 \x81") == ("café \x81", None)  # 0x81 is undefined in cp1252


def test_from_legacy_rejects_an_unknown_encoding() -> None:
    with pytest.raises(ValueError, match="viscii"):
        from_legacy("abc", "viscii")
