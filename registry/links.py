"""Links between documents: which target an achievement reports against, which document a citation names.

An achievement reports against a target when
  * the same body speaks for both: the bodies of the achievement (its document's
    issuer, and the body its ``who`` names) meet those of the target (its
    document's issuer and recipients);
  * their metrics are alike: ``token_set_ratio`` of the folded metrics is at
    least :data:`METRIC_MATCH`;
  * their units agree (or one is not given), and their periods overlap when both
    name a year.
Of the targets that fit, the best score wins. Linking runs both ways on save:
the new document's achievements look for targets, and the new document's
targets take over achievements elsewhere that they fit better than their
current target, so the order documents are loaded in does not matter.

A citation names a loaded document when their numbers are the same once
normalised (:func:`number_key`) and their years agree where both are known.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from rapidfuzz import fuzz, utils
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from normalize import fold
from registry.bodies import body_key
from registry.models import (
    Achievement,
    Body,
    BodyAlias,
    Document,
    ReferencedDocument,
    Target,
    document_recipients,
)

__all__ = ["METRIC_MATCH", "link_achievements", "link_citations", "number_key"]

METRIC_MATCH = 70
"""rapidfuzz ``token_set_ratio`` (0–100) of the folded metrics, punctuation dropped, from which
an achievement may meet a target: ``sáng kiến, cải tiến kỹ thuật`` meets ``sáng kiến`` (100)."""

_UNIT_SYNONYMS = {"phan tram": "%"}
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")

Score = tuple[float, bool, int]
"""Metric likeness, then a target another letter set (a report that restates its target, ``đã đạt
mục tiêu 1.200 sáng kiến``, reports against the plan that set it), then the older target."""


def number_key(number: str | None) -> str | None:
    """``960 / LĐLĐ`` → ``960/ldld``: no spaces, no case, no accents, Đ as D, every dash a hyphen.

    ``0002_registry_model._number_key`` is a frozen copy: change both or neither.
    """
    if not number:
        return None
    decomposed = unicodedata.normalize("NFD", number.lower())
    folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("đ", "d")
    return re.sub(r"[‐‑‒–—−]", "-", re.sub(r"\s+", "", folded)) or None


# Achievements and targets


def link_achievements(session: Session, document: Document) -> None:
    """Link the document's achievements to their best targets, and hand its targets the achievements they fit best."""
    _link_own_achievements(session, document)
    if document.targets:
        _take_over_achievements(session, document)


def _link_own_achievements(session: Session, document: Document) -> None:
    speakers = [_speakers(session, document, a) for a in document.achievements]
    targets = _targets_of_bodies(session, set().union(*speakers))
    for achievement, its_bodies in zip(document.achievements, speakers, strict=True):
        best = _best(achievement, [t for t, bodies in targets if bodies & its_bodies])
        achievement.target_id = best.id if best else None


def _take_over_achievements(session: Session, document: Document) -> None:
    bodies = _target_bodies(session, [document.id])[document.id]
    if not bodies:
        return
    keys = _keys_of(session, bodies)
    query = (
        select(Achievement, Document.issuer_body_id)
        .join(Document, Document.id == Achievement.document_id)
        .where(Achievement.document_id != document.id)
        .where(or_(Document.issuer_body_id.in_(bodies), Achievement.who.is_not(None)))
        .execution_options(populate_existing=True)  # SET NULL by a reprocessed target is in the database only
    )
    for achievement, issuer_body_id in session.execute(query).all():
        who = keys.get(body_key(achievement.who)) if achievement.who else None
        if not {issuer_body_id, who} & bodies:
            continue
        best = _best(achievement, document.targets)
        if best is None:
            continue
        current = session.get(Target, achievement.target_id) if achievement.target_id else None
        if current is None or _score(achievement, best) > (_score(achievement, current) or (0.0, False, 0)):
            achievement.target_id = best.id


def _speakers(session: Session, document: Document, achievement: Achievement) -> set[int]:
    """The bodies an achievement speaks for: its document's issuer, and the known body its ``who`` names."""
    found = {document.issuer_body_id} if document.issuer_body_id else set()
    key = body_key(achievement.who) if achievement.who else ""
    if key:
        body = session.scalar(select(Body.id).where(Body.name_folded == key)) or session.scalar(
            select(BodyAlias.body_id).where(BodyAlias.alias_folded == key)
        )
        found |= {body} if body else set()
    return found


def _targets_of_bodies(session: Session, bodies: set[int]) -> list[tuple[Target, set[int]]]:
    """Every target of a document issued by, or addressed to, one of ``bodies``, with that document's bodies."""
    if not bodies:
        return []
    addressed = select(document_recipients.c.document_id).where(document_recipients.c.body_id.in_(bodies))
    query = (
        select(Target)
        .join(Document, Document.id == Target.document_id)
        .where(or_(Document.issuer_body_id.in_(bodies), Document.id.in_(addressed)))
        .order_by(Target.id)
    )
    targets = list(session.scalars(query))
    of_document = _target_bodies(session, {t.document_id for t in targets})
    return [(t, of_document[t.document_id]) for t in targets]


def _target_bodies(session: Session, document_ids: Iterable[int]) -> dict[int, set[int]]:
    """Per document, the bodies its targets are for: its issuer and its recipients."""
    ids = list(document_ids)
    out: dict[int, set[int]] = {i: set() for i in ids}
    for doc_id, issuer in session.execute(select(Document.id, Document.issuer_body_id).where(Document.id.in_(ids))):
        out[doc_id] |= {issuer} if issuer else set()
    links = select(document_recipients).where(document_recipients.c.document_id.in_(ids))
    for doc_id, body_id in session.execute(links):
        out[doc_id].add(body_id)
    return out


def _keys_of(session: Session, bodies: set[int]) -> dict[str, int]:
    """The name and alias keys of ``bodies``, to tell whether a ``who`` names one of them."""
    names = session.execute(select(Body.name_folded, Body.id).where(Body.id.in_(bodies)))
    aliases = session.execute(select(BodyAlias.alias_folded, BodyAlias.body_id).where(BodyAlias.body_id.in_(bodies)))
    return {key: body_id for key, body_id in [*names, *aliases]}


def _best(achievement: Achievement, targets: Iterable[Target]) -> Target | None:
    scored = [(score, t) for t in targets if (score := _score(achievement, t)) is not None]
    return max(scored, key=lambda pair: pair[0])[1] if scored else None


def _score(achievement: Achievement, target: Target) -> Score | None:
    """How well ``target`` fits ``achievement``; None when it does not fit at all."""
    if not _units_agree(achievement.unit, target.unit) or not _periods_overlap(achievement.period, target.period):
        return None
    likeness = fuzz.token_set_ratio(fold(achievement.metric), fold(target.metric), processor=utils.default_process)
    if likeness < METRIC_MATCH:
        return None
    return (likeness, target.document_id != achievement.document_id, -target.id)


def _unit(unit: str | None) -> str | None:
    if not unit or not unit.strip():
        return None
    folded = " ".join(fold(unit).split())
    return _UNIT_SYNONYMS.get(folded, folded)


def _units_agree(a: str | None, b: str | None) -> bool:
    first, second = _unit(a), _unit(b)
    return first is None or second is None or first == second


def _years(period: str | None) -> tuple[int, int] | None:
    """The years a period names, as a range (``2021–2025`` → 2021…2025), or None."""
    years = [int(y) for y in _YEAR.findall(period or "")]
    return (min(years), max(years)) if years else None


def _periods_overlap(a: str | None, b: str | None) -> bool:
    first, second = _years(a), _years(b)
    return first is None or second is None or (first[0] <= second[1] and second[0] <= first[1])


# Citations


def link_citations(session: Session, document: Document) -> None:
    """Point the document's citations at the loaded documents they name, and citations elsewhere at it."""
    for citation in document.referenced_documents:
        citation.cited_document_id = _cited(session, citation, document.id)
    key = document.number_folded
    naming = ReferencedDocument.cited_document_id == document.id
    if key:
        naming = or_(naming, ReferencedDocument.number_folded == key)
    query = (
        select(ReferencedDocument)
        .where(ReferencedDocument.document_id != document.id, naming)
        .execution_options(populate_existing=True)
    )
    for citation in session.scalars(query):
        names_it = bool(key) and citation.number_folded == key and _years_agree(citation, document)
        if names_it and citation.cited_document_id is None:
            citation.cited_document_id = document.id
        elif not names_it and citation.cited_document_id == document.id:  # its number was corrected
            citation.cited_document_id = None


def _cited(session: Session, citation: ReferencedDocument, own_id: int) -> int | None:
    if not citation.number_folded:
        return None
    query = select(Document).where(Document.number_folded == citation.number_folded, Document.id != own_id)
    candidates = [d for d in session.scalars(query.order_by(Document.id)) if _years_agree(citation, d)]
    chosen = [d for d in candidates if citation.date is not None and d.date == citation.date] or candidates
    return chosen[0].id if chosen else None


def _years_agree(citation: ReferencedDocument, document: Document) -> bool:
    return citation.date is None or document.date is None or citation.date.year == document.date.year
