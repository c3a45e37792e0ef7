"""Kneser-Ney training on a corpus small enough to check by hand."""

from __future__ import annotations

import lzma
from pathlib import Path

import numpy as np
import pytest

from normalize._hashindex import HashIndex, quantise
from normalize._ngram import NgramModel
from normalize.corpus import is_held_out
from normalize.training import paragraph_keys, train

DOCS = [
    "Ủy ban nhân dân tỉnh đề nghị các sở thực hiện.",
    "Các sở, ban, ngành tỉnh thực hiện kế hoạch.",
    "Ủy ban nhân dân huyện đề nghị các phòng thực hiện.",
    "Liên đoàn Lao động tỉnh đề nghị các cấp công đoàn thực hiện.",
] * 3


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> NgramModel:
    corpus = tmp_path_factory.mktemp("corpus")
    with lzma.open(corpus / "tiny.txt.xz", "wt", encoding="utf-8") as f:
        f.write("\n\n".join(DOCS) + "\n")
    trained, report = train(corpus, min_vocabulary_count=1, min_counts=(1, 1))
    assert report.tokens > 0 and report.trigrams > 0
    return trained


def test_paragraph_keys_old_style_numbers_as_a_class_case_kept() -> None:
    assert paragraph_keys("Hoà Bình, ngày 12/5") == ["Hòa", "Bình", ",", "ngày", "<num>"]


def test_the_model_learns_which_words_are_capitalised_mid_sentence(model: NgramModel) -> None:
    assert model.capitalised[model.id_of("lao")] > 0.5 > model.capitalised[model.id_of("nhân")]


def test_probabilities_after_a_seen_context_sum_to_one(model: NgramModel) -> None:
    everything = np.arange(len(model.vocabulary))
    for context in (("nhân", "dân"), ("đề", "nghị"), ("<s>", "<s>")):
        a, b = (np.full_like(everything, model.id_of(w)) for w in context)
        total = np.exp(model.logprob(a, b, everything)).sum()
        assert total == pytest.approx(1.0, abs=0.01)


def test_a_seen_continuation_beats_an_unseen_one(model: NgramModel) -> None:
    a, b = model.id_of("đề"), model.id_of("nghị")
    assert model.logprob(a, b, model.id_of("các")) > model.logprob(a, b, model.id_of("tỉnh"))


def test_a_saved_model_loads_the_same(model: NgramModel, tmp_path: Path) -> None:
    model.save(tmp_path / "m.npz")
    again = NgramModel.load(tmp_path / "m.npz")
    ids = np.array([model.id_of(w) for w in ("ủy", "ban", "nhân", "dân")])
    assert again.vocabulary == model.vocabulary
    np.testing.assert_allclose(again.logprob(ids[:-2], ids[1:-1], ids[2:]), model.logprob(ids[:-2], ids[1:-1], ids[2:]))


def test_training_never_reads_held_out_documents(tmp_path: Path) -> None:
    held_out = next(i for i in range(100) if is_held_out("tiny", i))
    docs = ["Ủy ban nhân dân tỉnh đề nghị."] * 100
    docs[held_out] = "Xêzêxa bí mật quỹ đen."
    with lzma.open(tmp_path / "tiny.txt.xz", "wt", encoding="utf-8") as f:
        f.write("\n\n".join(docs) + "\n")
    trained, _ = train(tmp_path, min_vocabulary_count=1, min_counts=(1, 1))
    assert "xêzêxa" not in trained.ids


def test_hash_index_finds_every_key_and_nothing_else() -> None:
    rng = np.random.default_rng(1)
    keys = np.unique(rng.integers(0, 1 << 45, 50_000))
    values = quantise(rng.uniform(-30, 5, len(keys)))
    index = HashIndex(keys, values)
    absent = keys + 1
    absent = absent[~np.isin(absent, keys)]
    np.testing.assert_allclose(index.get(keys, 99.0), values / 1000)
    assert (index.get(absent, 99.0) == 99.0).all()
    stored_keys, stored_values = index.items()
    np.testing.assert_array_equal(stored_keys, keys)
    np.testing.assert_array_equal(stored_values, values)


def test_values_are_kept_to_a_thousandth() -> None:
    logprobs = np.array([-0.0004, -3.14159, -27.5, 2.5])
    np.testing.assert_allclose(quantise(logprobs) / 1000, logprobs, atol=5e-4)
