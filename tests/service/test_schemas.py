from __future__ import annotations

import registry
from service.api.schemas import Page


def test_a_page_shows_a_total_past_the_count_limit_as_that_many_and_inexact() -> None:
    past = Page[int](items=[], total=registry.COUNT_LIMIT + 1, limit=50, offset=0)
    assert (past.total, past.total_exact) == (registry.COUNT_LIMIT, False)
    exact = Page[int](items=[], total=registry.COUNT_LIMIT, limit=50, offset=0)
    assert (exact.total, exact.total_exact) == (registry.COUNT_LIMIT, True)
