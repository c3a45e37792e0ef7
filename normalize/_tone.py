"""Unicode and tone-mark style: NFC, the old style (hòa, thủy), and folding for search.

Vietnamese writes the tone of the diphthongs ``oa oe uy`` either on the first
vowel (old style: ``hòa``, ``thủy``) or on the second (new style: ``hoà``,
``thuỷ``). Official documents mostly use the old style, so that is what
congvan outputs; comparison and search fold both styles (and all accents)
away.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold", "nfc", "to_old_tone_style"]

# Combining tone marks (after NFD): grave, acute, hook above, tilde, dot below.
TONES = "\u0300\u0301\u0309\u0303\u0323"
_TONE_RE = re.compile(f"[{TONES}]")

# New-style spellings whose tone moves to the first vowel in the old style:
# oà→òa, oé→óe, uỳ→ùy, when the diphthong ends the syllable (``hoàn`` stays).
# The diphthong must end the syllable: no letter after it, and no shape mark either
# (``hoặc`` is o + ă, whose breve follows the dot below in NFD: not ``oa``).
_OLD_STYLE_RE = re.compile(
    r"(?i)(?<![^\W\d_])([^\W\d_]*?)(o|u)([aeyAEY])([" + TONES + r"])(?![^\W\d_]|[\u0302\u0306\u031b])"
)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def to_old_tone_style(text: str) -> str:
    """Move tone marks of final ``oa oe uy`` to the first vowel: ``hoà``→``hòa``, ``thuỷ``→``thủy``."""
    decomposed = unicodedata.normalize("NFD", text)
    moved = _OLD_STYLE_RE.sub(_move_tone, decomposed)
    return unicodedata.normalize("NFC", moved)


def _move_tone(match: re.Match[str]) -> str:
    head, first, second, tone = match.groups()
    if first.lower() == "u" and second.lower() != "y":
        return match.group(0)  # "uà"/"uá" are not oa/oe/uy diphthongs
    if first.lower() == "u" and head.lower().endswith("q"):
        return match.group(0)  # "quỳ"/"quý": u belongs to qu, tone stays on y
    return f"{head}{first}{tone}{second}"


def fold(text: str) -> str:
    """Lower-case, accent-free form for comparing and searching: ``Hòa``, ``hoà`` → ``hoa``."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.replace("đ", "d")


def strip_tones(text: str) -> str:
    """Remove tone marks only, keeping vowel shapes (â, ơ, ư, đ)."""
    return unicodedata.normalize("NFC", _TONE_RE.sub("", unicodedata.normalize("NFD", text)))
