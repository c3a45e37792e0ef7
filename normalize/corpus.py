"""The training corpus (../shared/corpus) and its one held-out split.

Training commands and benchmarks read the corpus only through here, so that no
held-out document is ever trained on: a document is held out when a hash of
its file name and index falls in the lowest tenth. The corpus itself is never
copied into the repository.
"""

from __future__ import annotations

import hashlib
import lzma
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = ["CorpusDocument", "default_corpus_dir", "documents", "is_held_out"]

HELD_OUT_PERCENT = 10


@dataclass(frozen=True, slots=True)
class CorpusDocument:
    source: str
    """File name without ``.txt.xz``."""
    index: int
    paragraphs: tuple[str, ...]

    @property
    def held_out(self) -> bool:
        return is_held_out(self.source, self.index)


def default_corpus_dir() -> Path:
    """``../shared/corpus`` beside the repository checkout."""
    return Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def is_held_out(source: str, index: int) -> bool:
    digest = hashlib.sha256(f"{source}:{index}".encode()).digest()
    return int.from_bytes(digest[:4], "big") % 100 < HELD_OUT_PERCENT


def documents(corpus_dir: Path, *, held_out: bool | None = None) -> Iterator[CorpusDocument]:
    """Every document of every corpus file, streamed; ``held_out`` picks one side of the split."""
    for path in sorted(corpus_dir.glob("*.txt.xz")):
        source = path.name.removesuffix(".txt.xz")
        with lzma.open(path, "rt", encoding="utf-8") as f:
            index, paragraphs = 0, []
            for line in f:
                line = line.strip()
                if line:
                    paragraphs.append(line)
                    continue
                if paragraphs:
                    yield from _selected(CorpusDocument(source, index, tuple(paragraphs)), held_out)
                index, paragraphs = index + 1, []
            if paragraphs:
                yield from _selected(CorpusDocument(source, index, tuple(paragraphs)), held_out)


def _selected(document: CorpusDocument, held_out: bool | None) -> Iterator[CorpusDocument]:
    if held_out is None or document.held_out is held_out:
        yield document
