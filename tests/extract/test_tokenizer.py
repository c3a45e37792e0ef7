"""The syllable tokenizer: punctuation off, numbers and symbols whole."""

from __future__ import annotations

import pytest

from extract import build_pipeline


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Lai Châu, ngày 24/6/2022.", ["Lai", "Châu", ",", "ngày", "24/6/2022", "."]),
        ("Số: 960/LĐLĐ", ["Số", ":", "960/LĐLĐ"]),
        ("đạt 148% (1.775 sáng kiến)", ["đạt", "148", "%", "(", "1.775", "sáng", "kiến", ")"]),
        ("47,5 % Covid-19”,", ["47,5", "%", "Covid-19", "”", ","]),
        ("V/v đề t/h);", ["V/v", "đề", "t/h", ")", ";"]),
        ("Hà Nội,ngày", ["Hà", "Nội", ",", "ngày"]),
    ],
)
def test_punctuation_splits_off_but_numbers_and_symbols_stay_whole(text: str, tokens: list[str]) -> None:
    assert [t.text for t in build_pipeline().make_doc(text)] == tokens


def test_the_pipeline_names_its_tokenizer_in_its_config() -> None:
    assert build_pipeline().config["nlp"]["tokenizer"]["@tokenizers"] == "congvan.syllable_tokenizer.v1"
