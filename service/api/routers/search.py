"""``GET /search?q=``: documents by the words of their text and fields, accents and tone style ignored."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query

import registry
from service.api.deps import SessionDep
from service.api.schemas import ErrorResponse, Page, SearchHitResponse

__all__ = ["router"]

router = APIRouter(tags=["search"])


@router.get("/search", response_model=Page[SearchHitResponse], responses={422: {"model": ErrorResponse}})
def search_documents(
    session: SessionDep,
    q: Annotated[
        str,
        Query(
            max_length=500,
            description="Words to find, all of them; accents, case and tone style are ignored (`lai chau sang kien`).",
        ),
    ],
    issuer: Annotated[str | None, Query(description="Words of the issuer's name, the last as a prefix.")] = None,
    doc_type: str | None = None,
    date_from: Annotated[dt.date | None, Query(description="The document's date, from this day on.")] = None,
    date_to: Annotated[dt.date | None, Query(description="The document's date, up to this day.")] = None,
    prefix: Annotated[bool, Query(description="Let the last word match the start of longer ones.")] = False,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Page[SearchHitResponse]:
    """Best first, each with a snippet of its text in HTML, the matched words in `<mark>`."""
    hits, total = registry.search(
        session,
        q,
        issuer=issuer,
        doc_type=doc_type,
        date_from=date_from,
        date_to=date_to,
        prefix=prefix,
        limit=limit,
        offset=offset,
    )
    items = [SearchHitResponse.model_validate(hit) for hit in hits]
    return Page(items=items, total=total, limit=limit, offset=offset)
