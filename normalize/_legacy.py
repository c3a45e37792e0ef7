"""Legacy 8-bit Vietnamese (TCVN3/ABC, VNI-Windows): detect it and convert it to Unicode NFC.

Before Unicode, Vietnamese was typed in font-encoded 8-bit charsets: TCVN3 (ABC, TCVN 5712:1993 VN3,
fonts ``.VnTime``/``.VnTimeH``) and VNI-Windows (fonts ``VNI-Times``). Their bytes reach us from old
``.txt`` files or, far more often, as a str decoded as cp1252/latin-1, e.g. copied out of an old Word
document: ``Uû ban nh©n d©n`` (TCVN3) or ``UÛy ban nhaân daân`` (VNI) for ``Uỷ ban nhân dân``.

    detect_legacy(text) -> "tcvn3" | "vni" | None
    from_legacy(text, encoding) -> str, NFC
    decode_bytes(data) -> (str NFC, "tcvn3" | "vni" | None)

Detection converts the words that hold Latin-1 characters with each table and names the encoding
whose output reads as Vietnamese syllables clearly better than the text as it stands; ordinary
Unicode (Vietnamese included), English, French or German text gives None and is left alone.
Conversion is faithful: tone placement (``Uỷ`` or ``Ủy``) is kept as typed.

TCVN3 has capitals of its own only for Ă Â Đ Ê Ô Ơ Ư; the other capitals were typed with the
lower-case codes (drawn as capitals by the ``.VnTimeH`` font), so their case is lost. It comes
back where the text shows it: a word such as ``NGHÞ`` (capitals around a lower-case code) was
typed in capitals, and so was every word without a–z in a run of single-space-separated words
that holds one (``§Ò NGHÞ`` → ``ĐỀ NGHỊ``); a code that opens the text or a sentence (after
``.`` ``!`` ``?``) is a capital. Elsewhere (a mid-sentence ``Ủy ban``) the case cannot be told
and stays lower.

Tables: UniKey's VnConv charset tables (Pham Kim Long, ``unikey/data.cpp`` as kept in
fcitx5-unikey), cross-checked against glibc iconv's TCVN5712-1 and published TCVN3/VNI converters.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Literal

from normalize._language import THRESHOLD, is_syllable, vietnamese_score
from normalize._tone import TONES, nfc, strip_tones

__all__ = ["ENCODINGS", "LegacyEncoding", "decode_bytes", "detect_legacy", "from_legacy"]

LegacyEncoding = Literal["tcvn3", "vni"]
ENCODINGS: tuple[LegacyEncoding, ...] = ("tcvn3", "vni")

# TCVN3: Unicode letters, then their one-character codes (cp1252/latin-1), tones in the order
# acute, grave, hook, tilde, dot. Toned capitals share the lower-case codes (see the docstring).
_TCVN3_ROWS: tuple[tuple[str, str], ...] = (
    ("áàảãạ", "¸µ¶·¹"),
    ("ăắằẳẵặ", "¨¾»¼½Æ"),
    ("âấầẩẫậ", "©ÊÇÈÉË"),
    ("đ", "®"),
    ("éèẻẽẹ", "ÐÌÎÏÑ"),
    ("êếềểễệ", "ªÕÒÓÔÖ"),
    ("íìỉĩị", "Ý×ØÜÞ"),
    ("óòỏõọ", "ãßáâä"),
    ("ôốồổỗộ", "«èåæçé"),
    ("ơớờởỡợ", "¬íêëìî"),
    ("úùủũụ", "óïñòô"),
    ("ưứừửữự", "\xadøõö÷ù"),  # ư is 0xAD, the soft hyphen in latin-1
    ("ýỳỷỹỵ", "ýúûüþ"),
    ("ĂÂĐÊÔƠƯ", "¡¢§£¤¥¦"),
)

# VNI-Windows: Unicode letters, then their codes: a base letter and a trailing mark character, or
# one character (đ, ơ, ư, and i/ỵ which have precomposed codes).
_VNI_ROWS: tuple[tuple[str, str], ...] = (
    ("áàảãạ", "aù aø aû aõ aï"),
    ("ÁÀẢÃẠ", "AÙ AØ AÛ AÕ AÏ"),
    ("ăắằẳẵặ", "aê aé aè aú aü aë"),
    ("ĂẮẰẲẴẶ", "AÊ AÉ AÈ AÚ AÜ AË"),
    ("âấầẩẫậ", "aâ aá aà aå aã aä"),
    ("ÂẤẦẨẪẬ", "AÂ AÁ AÀ AÅ AÃ AÄ"),
    ("đĐ", "ñ Ñ"),
    ("éèẻẽẹ", "eù eø eû eõ eï"),
    ("ÉÈẺẼẸ", "EÙ EØ EÛ EÕ EÏ"),
    ("êếềểễệ", "eâ eá eà eå eã eä"),
    ("ÊẾỀỂỄỆ", "EÂ EÁ EÀ EÅ EÃ EÄ"),
    ("íìỉĩị", "í ì æ ó ò"),
    ("ÍÌỈĨỊ", "Í Ì Æ Ó Ò"),
    ("óòỏõọ", "où oø oû oõ oï"),
    ("ÓÒỎÕỌ", "OÙ OØ OÛ OÕ OÏ"),
    ("ôốồổỗộ", "oâ oá oà oå oã oä"),
    ("ÔỐỒỔỖỘ", "OÂ OÁ OÀ OÅ OÃ OÄ"),
    ("ơớờởỡợ", "ô ôù ôø ôû ôõ ôï"),
    ("ƠỚỜỞỠỢ", "Ô ÔÙ ÔØ ÔÛ ÔÕ ÔÏ"),
    ("úùủũụ", "uù uø uû uõ uï"),
    ("ÚÙỦŨỤ", "UÙ UØ UÛ UÕ UÏ"),
    ("ưứừửữự", "ö öù öø öû öõ öï"),
    ("ƯỨỪỬỮỰ", "Ö ÖÙ ÖØ ÖÛ ÖÕ ÖÏ"),
    ("ýỳỷỹỵ", "yù yø yû yõ î"),
    ("ÝỲỶỸỴ", "YÙ YØ YÛ YÕ Î"),
)

# A detection sample: enough words to decide, few enough to stay fast on a whole book.
_SAMPLE_CHUNKS = 2000
# The converted words must read as Vietnamese this often, and this much more often than before.
_MIN_SHARE = 0.6
_MIN_GAIN = 0.3

# Latin-1 letters that Vietnamese uses; any other character from U+00A0–U+00FF left in a word
# (©, ¸, ß, ñ, ö…) means it is not Vietnamese Unicode.
_VIETNAMESE_LATIN1 = "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý"
_FOREIGN_RE = re.compile(f"[^\\x00-\\x9f{_VIETNAMESE_LATIN1}\\u0100-\\U0010ffff]")
_LATIN1_RE = re.compile("[\u00a0-\u00ff]")
_WORD_RE = re.compile(r"[^\W\d_]+")
_ABBREVIATION_RE = re.compile("[A-ZĐ]{1,6}")
_ASCII_LOWER_RE = re.compile("[a-z]")
# Combining tone marks after NFD: a Vietnamese syllable carries one at most.
_TONE_MARKS = frozenset(TONES)
# ``is_syllable`` folds every accent away, so the base letter + mark pairs of a wrong table
# (VNI ``aù`` ``oâ``, TCVN3 read as VNI…) can pass as diphthongs. These catch them: a vowel twice
# (only ``oo``, xoong, is Vietnamese), final ch/nh after a vowel other than a ê i y (``tổnh``),
# â ê ô ă ơ after a vowel outside these pairs, and a tone on a plain o or u that follows a vowel
# (Vietnamese puts it on the vowel before: ``cáu``, not ``caú``).
_VOWELS = frozenset("aăâeêioôơuưy")
_SPELLING_ERROR_RE = re.compile("([aeiuyăâêôơư])\\1|[^aêiy][cn]h$")
_SHAPED_PAIRS = frozenset({"uâ", "iê", "yê", "uê", "uô", "oă", "uă", "ươ", "uơ"})


def _tcvn3_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for letters, codes in _TCVN3_ROWS:
        for letter, code in zip(letters, codes, strict=True):
            table[ord(code)] = letter
    return table


def _vni_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for letters, codes in _VNI_ROWS:
        for letter, code in zip(letters, codes.split(), strict=True):
            table[code] = letter
    return table


_TCVN3 = _tcvn3_table()
_TCVN3_CODES = "".join(map(chr, _TCVN3))
_TCVN3_CAPITAL_CODES = "".join(code for code in _TCVN3_CODES if _TCVN3[ord(code)].isupper())
_TCVN3_LOWER_CODES = "".join(code for code in _TCVN3_CODES if _TCVN3[ord(code)].islower())
# A word with no a–z, and a run of them joined by single spaces: ``Së GD§T TØNH``.
_TCVN3_CODES_CLASS = re.escape(_TCVN3_CODES)
_TCVN3_UPPER_WORD = rf"(?<![A-Za-z{_TCVN3_CODES_CLASS}])[A-Z{_TCVN3_CODES_CLASS}]+(?![A-Za-z{_TCVN3_CODES_CLASS}])"
_TCVN3_UPPER_RUN_RE = re.compile(rf"{_TCVN3_UPPER_WORD}(?:[ \xa0]{_TCVN3_UPPER_WORD})*")
_TCVN3_SENTENCE_START_RE = re.compile(rf"(?:\A\s*|[.!?]\s+)([{re.escape(_TCVN3_LOWER_CODES)}])")

_VNI = _vni_table()
# Longest first, so ``ôù`` (ớ) wins over ``ô`` (ơ).
_VNI_RE = re.compile("|".join(map(re.escape, sorted(_VNI, key=len, reverse=True))))

# cp1252 over latin-1: latin-1 decodes any byte string, then cp1252's characters replace its C1
# controls at 0x80–0x9F, except at the five bytes cp1252 leaves undefined.
_CP1252_OVER_LATIN1 = {b: ch for b in range(0x80, 0xA0) if (ch := bytes([b]).decode("cp1252", errors="ignore"))}


def detect_legacy(text: str) -> LegacyEncoding | None:
    """The legacy encoding ``text`` (decoded as cp1252/latin-1) is most likely in, or None.

    The words holding Latin-1 characters must read as Vietnamese after conversion at least
    ``_MIN_SHARE`` of the time and ``_MIN_GAIN`` more often than before, better with one table
    than with the other, and the converted text must pass ``vietnamese_score``.
    """
    chunks = _suspect_chunks(text)
    if not chunks:
        return None
    before = _vietnamese_share(chunks)
    ranked = sorted(((_vietnamese_share([_convert(c, e) for c in chunks]), e) for e in ENCODINGS), reverse=True)
    (share, encoding), runner_up = ranked[0], ranked[1][0]
    if share < _MIN_SHARE or share - before < _MIN_GAIN or share == runner_up:
        return None
    if vietnamese_score(_convert(" ".join(chunks), encoding)) < THRESHOLD:
        return None
    return encoding


def from_legacy(text: str, encoding: str) -> str:
    """``text`` read as ``encoding`` ("tcvn3" or "vni"), converted to Unicode NFC."""
    if encoding not in ENCODINGS:
        raise ValueError(f"unknown legacy encoding {encoding!r}; expected one of {', '.join(ENCODINGS)}")
    return nfc(_convert(text, encoding))


def decode_bytes(data: bytes) -> tuple[str, LegacyEncoding | None]:
    """Decode a file's bytes to NFC text and name the legacy encoding found, if any.

    UTF-8 (with or without a BOM) is taken when the bytes are valid UTF-8, anything else is read
    as cp1252. Either way the text is checked for legacy codes, since a TCVN3 or VNI document
    that went through cp1252 once may since have been saved as UTF-8.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1").translate(_CP1252_OVER_LATIN1)
    encoding = detect_legacy(text)
    if encoding is None:
        return nfc(text), None
    return from_legacy(text, encoding), encoding


def _convert(text: str, encoding: str) -> str:
    if encoding == "vni":
        return _VNI_RE.sub(lambda match: _VNI[match.group()], text)
    return _tcvn3_to_unicode(text)


def _tcvn3_to_unicode(text: str) -> str:
    # One code is one letter, so positions in ``text`` are positions in the result.
    letters = list(text.translate(_TCVN3))
    for position in _tcvn3_capitals(text):
        letters[position] = letters[position].upper()
    return "".join(letters)


def _tcvn3_capitals(text: str) -> Iterator[int]:
    """Positions of the lower-case codes in ``text`` that stand for capitals."""
    for run in _TCVN3_UPPER_RUN_RE.finditer(text):
        if any(map(_is_shouted, run.group().split())):
            yield from (run.start() + i for i, ch in enumerate(run.group()) if ch in _TCVN3_LOWER_CODES)
    for match in _TCVN3_SENTENCE_START_RE.finditer(text):
        yield match.start(1)


def _is_shouted(word: str) -> bool:
    """A raw TCVN3 word typed in capitals: ``NGHÞ`` (two capitals and a lower-case code, no a–z)."""
    capitals = sum((ch.isascii() and ch.isupper()) or ch in _TCVN3_CAPITAL_CODES for ch in word)
    has_code = any(ch in _TCVN3_LOWER_CODES for ch in word)
    return capitals >= 2 and has_code and not _ASCII_LOWER_RE.search(word)


def _suspect_chunks(text: str) -> list[str]:
    """Whitespace-separated chunks holding a Latin-1 character and at least one other letter or code."""
    chunks = []
    for chunk in text.split():
        if _LATIN1_RE.search(chunk) and sum(ch.isalpha() or ch >= "\u00a0" for ch in chunk) >= 2:
            chunks.append(chunk)
            if len(chunks) == _SAMPLE_CHUNKS:
                break
    return chunks


def _vietnamese_share(chunks: list[str]) -> float:
    return sum(map(_reads_vietnamese, chunks)) / len(chunks)


def _reads_vietnamese(chunk: str) -> bool:
    """Every word of ``chunk`` is a Vietnamese syllable (or a short abbreviation), with no stray code."""
    if _FOREIGN_RE.search(chunk):
        return False
    words = _WORD_RE.findall(chunk)
    return bool(words) and all(_is_vietnamese_word(w) or _ABBREVIATION_RE.fullmatch(w) for w in words)


def _is_vietnamese_word(word: str) -> bool:
    tones = sum(ch in _TONE_MARKS for ch in unicodedata.normalize("NFD", word))
    bare = strip_tones(word).lower()
    if tones > 1 or _SPELLING_ERROR_RE.search(bare) or _misplaced_mark(word.lower(), bare):
        return False
    return is_syllable(word)


def _misplaced_mark(word: str, bare: str) -> bool:
    """A shape or tone mark where Vietnamese spelling never puts one (``word`` NFC, lower-case)."""
    start = 3 if bare.startswith("gi") else 1  # the i of the onset gi is no vowel: giờ, giúp
    for i in range(start, min(len(word), len(bare))):
        before, letter = bare[i - 1], bare[i]
        if before not in _VOWELS:
            continue
        if letter in "âêôăơ" and before + letter not in _SHAPED_PAIRS:
            return True
        if word[i] != letter and letter in "ou" and before + letter != "oo":
            return True
    return False
