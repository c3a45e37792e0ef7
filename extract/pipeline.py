"""``extract.extract``: the spaCy pipeline over repaired text, and the record built from it.

The pipeline is ``spacy.blank("vi")`` with pyvi's word segmentation replaced by
the congvan syllable tokenizer (tokens are syllables as written, punctuation
split off, numbers and symbols whole) and the congvan rule components, in
order: the header first, since later components read the document's own
number and date.
"""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from extract import (
    _tokenizer,  # noqa: F401 - registers the syllable tokenizer
    assemble,
)
from extract.components import achievements, deadlines, directives, header, parties, quantities, references  # noqa: F401
from extract.types import Extraction
from normalize.types import NormalizedDocument

__all__ = ["COMPONENTS", "build_pipeline", "extract"]

COMPONENTS = (
    "congvan_header",
    "congvan_parties",
    "congvan_contacts",
    "congvan_references",
    "congvan_quantities",
    "congvan_achievements",
    "congvan_deadlines",
    "congvan_directives",
)


@cache
def build_pipeline() -> Language:
    """The pipeline, built once per process (the data files load on first use)."""
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": "congvan.syllable_tokenizer.v1"}}})
    nlp.max_length = 20_000_000  # a 300-page archive scan is far below this
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


def run(text: str) -> Doc:
    return build_pipeline()(text)


def extract(document: NormalizedDocument) -> Extraction:
    """Every field of the dispatch, each value with provenance into ``document``."""
    return assemble.build(run(document.text), document)
