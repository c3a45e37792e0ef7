from __future__ import annotations

import lzma
from pathlib import Path

from normalize.corpus import documents, is_held_out


def _corpus(folder: Path) -> Path:
    folder.mkdir()
    text = "\n\n".join(f"Tiêu đề {i}\nĐoạn văn số {i}." for i in range(200)) + "\n"
    with lzma.open(folder / "tiny.txt.xz", "wt", encoding="utf-8") as f:
        f.write(text)
    return folder


def test_documents_are_split_by_blank_lines(tmp_path: Path) -> None:
    docs = list(documents(_corpus(tmp_path / "corpus")))
    assert len(docs) == 200
    assert docs[3].paragraphs == ("Tiêu đề 3", "Đoạn văn số 3.") and docs[3].source == "tiny"


def test_the_held_out_tenth_never_meets_the_training_side(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus")
    held = {d.index for d in documents(corpus, held_out=True)}
    train = {d.index for d in documents(corpus, held_out=False)}
    assert held and train and not held & train and len(held | train) == 200
    assert 5 <= len(held) <= 40  # about a tenth
    assert all(is_held_out("tiny", i) for i in held)
