"""What a document's fields imply, worked out again after every save and every correction.

The folded copies that filters and links match on, the default hạn xử lý, the
bodies it names, whom its directives are for, its links to other documents, and
its entry in the search index.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from normalize import fold
from registry.bodies import assign_directive_bodies, resolve_document_bodies
from registry.links import link_achievements, link_citations, number_key
from registry.models import Correction, Document
from registry.register import earliest_due
from registry.search import index_document

__all__ = ["refresh"]


def refresh(session: Session, document: Document) -> None:
    """Bring everything derived from the document's (possibly corrected) fields up to date."""
    document.issuer_folded = fold(document.issuer) if document.issuer else None
    document.number_folded = number_key(document.number)
    for citation in document.referenced_documents:
        citation.number_folded = number_key(citation.number)
    if not _set_by_hand(session, document, "handling_deadline"):
        document.handling_deadline = earliest_due(document)
    session.flush()  # the items need ids before they are linked
    resolve_document_bodies(session, document)
    assign_directive_bodies(session, document)
    link_achievements(session, document)
    link_citations(session, document)
    session.flush()
    index_document(session, document)


def _set_by_hand(session: Session, document: Document, field: str) -> bool:
    if document.id is None:
        return False
    query = select(Correction.id).where(
        Correction.document_id == document.id, Correction.item_table.is_(None), Correction.field == field
    )
    return session.scalar(query.limit(1)) is not None
