"""Bodies: the canonical issuers and recipients that documents name, however they spell them.

    body = resolve_body(session, "LĐLĐ tỉnh Lai Châu")    # found, or made
    add_alias(session, body, "Công đoàn tỉnh Lai Châu")   # another spelling of the same body
    merge_bodies(session, keep_id=body.id, merge_id=7)   # two bodies found to be one

A name is matched by its key (:func:`body_key`): written out as a reader would
(known abbreviations expanded, by ``extract``'s ``canonical_body``), then folded.
The key must equal a body's name or one of its aliases; nothing is fuzzy here,
so two spellings that differ otherwise stay two bodies until a person merges
them, and the merge leaves the merged spellings behind as aliases.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from congvan.errors import InvalidRequestError
from extract._lexicon import abbreviations
from extract._names import canonical_body
from normalize import fold
from registry._keys import body_key, clean_name
from registry._sql import upsert_insert
from registry.models import Body, BodyAlias, Document, directive_bodies, document_recipients
from registry.queries import get_body

__all__ = [
    "add_alias",
    "assign_directive_bodies",
    "bodies_named_in",
    "body_key",
    "find_body",
    "known_names",
    "merge_bodies",
    "resolve_body",
    "resolve_document_bodies",
    "searchable",
]

# Lines of a recipient list that name no body: "Như trên", "Lưu: VT, VP".
_NO_BODY = re.compile(r"^(?:nhu tren|luu)\b")


def _names_a_body(key: str) -> bool:
    return sum(ch.isalpha() for ch in key) >= 2 and not _NO_BODY.match(key)


def _by_key(session: Session, key: str) -> Body | None:
    body = session.scalar(select(Body).where(Body.name_folded == key))
    if body is None:
        body = session.scalar(select(Body).join(BodyAlias).where(BodyAlias.alias_folded == key))
    return body


def find_body(session: Session, name: str) -> Body | None:
    """The known body ``name`` spells, or None; never makes one."""
    key = body_key(name)
    return _by_key(session, key) if key else None


def resolve_body(session: Session, name: str | None) -> Body | None:
    """The body ``name`` spells, made when none matches; None for no name or a line naming no body.

    Two saves that make the same body at once both end with the one row: the
    INSERT does nothing on a name that is already there (as ``store_upload``).
    """
    key = body_key(name) if name else ""
    if not _names_a_body(key):
        return None
    found = _by_key(session, key)
    if found is not None:
        return found
    values = {"name": canonical_body(clean_name(name or "")), "name_folded": key}
    session.execute(
        upsert_insert(session, Body).values(**values).on_conflict_do_nothing(index_elements=["name_folded"])
    )
    return _by_key(session, key)


def add_alias(session: Session, body: Body, alias: str) -> BodyAlias | None:
    """Make ``alias`` another spelling of ``body``; None when it already is its name or alias."""
    key = body_key(alias)
    if not _names_a_body(key):
        raise InvalidRequestError(f"“{alias}” does not name a body.")
    owner = _by_key(session, key)
    if owner is body:
        return None
    if owner is not None:
        raise InvalidRequestError(
            f"“{alias}” already names body {owner.id} ({owner.name}): merge the two bodies instead."
        )
    added = BodyAlias(alias=clean_name(alias), alias_folded=key)
    body.aliases.append(added)
    session.flush()
    return added


def merge_bodies(session: Session, keep_id: int, merge_id: int) -> Body:
    """Fold body ``merge_id`` into ``keep_id``: its name and aliases become aliases, its references move.

    Documents it issued, documents and directives addressed to it follow. The
    session is expired afterwards, since the moves are made in SQL.
    """
    if keep_id == merge_id:
        raise InvalidRequestError(f"Body {keep_id} cannot be merged into itself.")
    keep, merged = get_body(session, keep_id), get_body(session, merge_id)
    session.add(BodyAlias(body_id=keep.id, alias=merged.name, alias_folded=merged.name_folded))
    session.flush()
    session.execute(update(BodyAlias).where(BodyAlias.body_id == merge_id).values(body_id=keep_id))
    session.execute(update(Document).where(Document.issuer_body_id == merge_id).values(issuer_body_id=keep_id))
    for table, owner in ((directive_bodies, "directive_id"), (document_recipients, "document_id")):
        already = select(table.c[owner]).where(table.c.body_id == keep_id)
        session.execute(delete(table).where(table.c.body_id == merge_id, table.c[owner].in_(already)))
        session.execute(update(table).where(table.c.body_id == merge_id).values(body_id=keep_id))
    session.execute(delete(Body).where(Body.id == merge_id))
    session.flush()
    session.expunge(merged)
    session.expire_all()
    return keep


# Bodies named in a text


@cache
def _abbreviation() -> re.Pattern[str]:
    alternatives = "|".join(re.escape(a) for a in sorted(abbreviations(), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def searchable(text: str) -> str:
    """A text as keys are found in it: abbreviations written out (as written, case and all), folded."""
    table = abbreviations()
    expanded = _abbreviation().sub(lambda m: table[m.group(0)], text)
    return " ".join(fold(expanded).split())


def known_names(session: Session) -> list[tuple[str, int]]:
    """Every body's name and alias keys with the body's id, the longest first."""
    rows = [
        *session.execute(select(Body.name_folded, Body.id)),
        *session.execute(select(BodyAlias.alias_folded, BodyAlias.body_id)),
    ]
    return sorted(((key, body_id) for key, body_id in rows), key=lambda row: -len(row[0]))


def bodies_named_in(text: str, known: Sequence[tuple[str, int]]) -> list[int]:
    """The bodies ``text`` names, in order; a name found inside a longer one found there does not count.

    ``Liên đoàn Lao động tỉnh Lai Châu`` names that body, not also a body called
    ``Liên đoàn Lao động``.
    """
    haystack = searchable(text)
    found: list[tuple[int, int, int]] = []
    for key, body_id in known:
        for match in re.finditer(rf"(?<!\w){re.escape(key)}(?!\w)", haystack):
            start, end = match.span()
            if not any(s <= start and end <= e for s, e, _ in found):
                found.append((start, end, body_id))
    ordered = [body_id for _, _, body_id in sorted(found)]
    return list(dict.fromkeys(ordered))


# A saved document's bodies


def resolve_document_bodies(session: Session, document: Document) -> None:
    """Resolve the issuer, the parent issuer and the recipients to bodies, making the ones not known yet."""
    issuer = resolve_body(session, document.issuer)
    document.issuer_body_id = issuer.id if issuer else None
    if issuer is not None and document.issuer:
        _remember_spelling(session, issuer, document.issuer)
    resolve_body(session, document.parent_issuer)
    recipients = [resolve_body(session, item.get("text")) for item in document.record.get("recipients") or []]
    document.recipient_bodies = list({body.id: body for body in recipients if body is not None}.values())


def _remember_spelling(session: Session, body: Body, issuer: str) -> None:
    """Keep the issuer as the letter spells it (``ubnd tinh lai chau``, folded) as an alias of its body
    when it is not the body's key: the issuer filter of the lists matches names and aliases."""
    spelling = fold(issuer)
    if spelling == body.name_folded or not _names_a_body(spelling):
        return
    values = {"body_id": body.id, "alias": clean_name(issuer), "alias_folded": spelling}
    session.execute(
        upsert_insert(session, BodyAlias).values(**values).on_conflict_do_nothing(index_elements=["alias_folded"])
    )


def assign_directive_bodies(session: Session, document: Document) -> None:
    """Each directive is for the known bodies its text names (other than the issuer), else the recipients."""
    if not document.directives:
        return
    known = known_names(session)
    for directive in document.directives:
        named = [b for b in bodies_named_in(directive.text, known) if b != document.issuer_body_id]
        directive.bodies = [session.get_one(Body, b) for b in named] if named else list(document.recipient_bodies)
