"""Directives: the top-level items of the operative part, each by its first sentence.

A quyết định's Điều; in a kế hoạch with Roman-numbered sections, the numbered
items of its task sections (nhiệm vụ, giải pháp, tổ chức thực hiện); otherwise
every top-level numbered item of the body, or its dash items when it has none.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from extract._candidates import add, candidates, doc_lines
from extract._lexicon import keywords
from extract._text import Line, folded, squash
from extract.components._layout import layout_of
from extract.types import DocType

__all__ = ["directives", "item_spans"]

_ARTICLE = re.compile(r"dieu\s+\d+\s*[.:]?\s*")
_NUMBERED = re.compile(r"\d{1,2}\s*[.)]\s+(?!\d)")
_SECTION = re.compile(r"[ivx]{1,4}\s*[.)]\s+")
_DASH = re.compile(r"[-–+•]\s+")
_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-ZĐÀ-Ỹ\"“(])|[.!?;]$")


@Language.component("congvan_directives", assigns=["doc.spans"])
def directives(doc: Doc) -> Doc:
    lines = doc_lines(doc)
    layout = layout_of(lines)
    body = lines[layout.body_start : layout.body_end]
    kinds = {c.value for c in candidates(doc, "doc_type")}
    not_directives = tuple(keywords()["not_directives"])
    items = _operative_items(body, report=DocType.BAO_CAO in kinds, plan=DocType.KE_HOACH in kinds)
    for start, _end, text in items:
        sentence = _first_sentence(text)
        article = _ARTICLE.match(folded(text))  # ``Điều 2. Căn cứ chỉ tiêu …`` orders, whatever its first word
        if len(sentence) < 8 or (not article and folded(sentence).startswith(not_directives)):
            continue
        if not article and _is_background_heading(text):
            continue
        add(doc, "directives", start, start + len(sentence) + _lead(text), sentence, 0.85)
    return doc


def _is_background_heading(text: str) -> bool:
    """``1. Mục đích``, ``2. Yêu cầu``: a plan's sub-heading that sets out aims, not an item that asks."""
    heading = folded(text)[_lead(text) :].strip(" :.")
    word = next((w for w in keywords()["report_sections"] if heading.startswith(w)), None)
    if word is None:
        return False
    rest = heading[len(word) :].lstrip(" :")  # the wrapped lines the item took in: its sub-items
    return len(heading.split()) <= 8 or bool(re.match(r"(?:[a-z]\)|[-–+•]|\d+\.\d)", rest))


def _operative_items(body: list[Line], *, report: bool = False, plan: bool = False) -> list[tuple[int, int, str]]:
    """Items that ask for something: of a report, only those of its proposals section (kiến nghị);
    of a plan with sections, only those of its task sections (nhiệm vụ, tổ chức thực hiện…).

    Items under sections that set out aims or report (mục đích, kết quả…) are
    background, however they are numbered.
    """
    starts = [i for i, line in enumerate(body) if _ARTICLE.match(line.fold)]
    if starts and not report:
        return item_spans(body, starts)
    sections = [i for i, line in enumerate(body) if _SECTION.match(line.fold) and line.text.isupper()]
    numbered = [i for i, line in enumerate(body) if _NUMBERED.match(line.fold)]
    kw = keywords()
    if report:
        proposals = _ranges(body, sections, kw["proposal_sections"])
        return item_spans(body, [i for i in numbered if any(a < i < b for a, b in proposals)])
    if sections:
        chosen = [i for i in numbered if any(a < i < b for a, b in _ranges(body, sections, kw["task_sections"]))]
        if chosen or plan:
            return item_spans(body, chosen)
        background = _ranges(body, sections, kw["report_sections"])
        numbered = [i for i in numbered if not any(a < i < b for a, b in background)]
    if numbered:
        return item_spans(body, numbered)
    dashes = [i for i, line in enumerate(body) if _DASH.match(line.text)]
    return item_spans(body, dashes)


def _ranges(body: list[Line], sections: list[int], words: list[str]) -> list[tuple[int, int]]:
    """(heading, next heading) of the sections whose heading has one of ``words``."""
    ends = [*sections[1:], len(body)][: len(sections)]
    return [(s, e) for s, e in zip(sections, ends, strict=True) if any(w in body[s].fold for w in words)]


def item_spans(body: list[Line], starts: list[int]) -> list[tuple[int, int, str]]:
    """Each item: its first line plus the wrapped lines that continue it."""
    items = []
    for position, first in enumerate(starts):
        limit = starts[position + 1] if position + 1 < len(starts) else len(body)
        text, end = body[first].text, body[first].end
        for line in body[first + 1 : limit]:
            if _SECTION.match(line.fold) or re.search(r"[.:;!?]$", text):
                break
            if line.blank_before and not line.text[:1].islower():
                break  # a blank line (a page break) inside a sentence is no item boundary
            text, end = f"{text} {line.text}", line.end
        items.append((body[first].start, end, text))
    return items


def _lead(text: str) -> int:
    """Length of the item's number or bullet."""
    match = _ARTICLE.match(folded(text)) or _NUMBERED.match(text) or _DASH.match(text)
    return match.end() if match else 0


def _first_sentence(text: str) -> str:
    body = squash(text[_lead(text) :])
    match = _SENTENCE_END.search(body)
    return (body[: match.start()] if match else body).strip(" ;:,.")
