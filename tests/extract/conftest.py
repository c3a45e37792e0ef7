from __future__ import annotations

from typing import Any

import pytest

from extract import extract
from normalize import repair_text


def record_of(text: str) -> dict[str, Any]:
    """The extraction record of ``text``, as the CLI's ``extract --json`` gives it."""
    return extract(repair_text(text)).to_record()


@pytest.fixture
def record():
    return record_of
