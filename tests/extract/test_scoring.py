"""The development-set scorer: matching rules, one-to-one lists, and the set itself."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.scoring import FIELDS, score_documents, score_record

DEV = Path(__file__).parents[1] / "data" / "extract_dev"
RESERVED = (
    "730/LĐLĐ", "34/KH-LĐLĐ", "20/2015/QĐ-UBND", "4240/UBND-VX", "4085/UBND-ĐT", "5095/SGDĐT-CTTTHSSV",
    "11298/VPCP-KTTH", "11208/BNV-KHTC", "172/KH-UBND", "174/KH-UBND", "636/TB-VPCP", "659/TB-VPCP",
    "983/TB-CT", "012/CT-UBND", "217/CĐ-TTg", "1627/QĐ-UBND", "11654/VPCP-CN", "5615/CT-CS",
)  # fmt: skip


def test_numbers_compare_as_values_and_dates_at_the_gold_precision() -> None:
    gold = {"targets": [{"metric": "sáng kiến", "value": 1200}], "deadlines": [{"date": "2022-03"}]}
    got = {"targets": [{"metric": "Sáng kiến", "value": 1200.0}], "deadlines": [{"date": "2022-03-31"}]}
    counts = score_record(gold, got)
    assert counts["targets"].true_positives == 1 and counts["deadlines"].true_positives == 1
    assert (
        score_record({"deadlines": [{"date": "2022-03-31"}]}, {"deadlines": [{"date": "2022-03"}]})[
            "deadlines"
        ].true_positives
        == 0
    )  # a month is not the day the gold gives


def test_a_list_item_matches_once_even_when_predicted_twice() -> None:
    gold = {"directives": ["Tập trung triển khai thực hiện chương trình"]}
    got = {
        "directives": ["Tập trung triển khai thực hiện chương trình.", "Tập trung triển khai thực hiện chương trình"]
    }
    counts = score_record(gold, got)["directives"]
    assert (counts.true_positives, counts.false_positives, counts.false_negatives) == (1, 1, 0)


def test_a_wrong_scalar_is_both_a_false_positive_and_a_false_negative() -> None:
    counts = score_record({"place": "Hà Nội"}, {"place": "Lai Châu"})["place"]
    assert (counts.true_positives, counts.false_positives, counts.false_negatives) == (0, 1, 1)
    assert score_record({"place": None}, {"place": "Hà Nội"})["place"].false_positives == 1


def test_text_is_compared_with_case_tone_style_and_punctuation_folded() -> None:
    assert (
        score_record({"issuer": "Ủy ban nhân dân tỉnh Hòa Bình"}, {"issuer": "UỶ BAN NHÂN DÂN TỈNH HOÀ BÌNH."})[
            "issuer"
        ].true_positives
        == 1
    )
    assert score_record({"number": "1225/CĐ-TTg"}, {"number": "1225 /CĐ-TTG"})["number"].true_positives == 1


def test_micro_and_macro_f1() -> None:
    scores = score_documents([({"place": "Hà Nội", "date": "2022-01-02"}, {"place": "Hà Nội", "date": None})])
    assert scores.micro.precision == 1.0 and scores.micro.recall == 0.5
    assert scores.macro_f1 == pytest.approx((1.0 + 0.0) / 2)


GOLD = sorted(DEV.glob("*.json"))
CHECK = sorted(DEV.with_name("extract_check").glob("*.json"))


def test_the_development_set_has_thirty_documents_or_more() -> None:
    assert len(GOLD) >= 30
    assert all(path.with_suffix(".txt").exists() for path in GOLD)


@pytest.mark.parametrize("path", GOLD + CHECK, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_each_gold_record_has_every_field_and_its_source(path: Path) -> None:
    gold = json.loads(path.read_text(encoding="utf-8"))
    assert set(FIELDS) <= set(gold) and gold["source"]["url"]
    assert gold["number"] not in (*RESERVED, "31/LĐLĐ", "960/LĐLĐ")  # held out, and the seeds


def test_the_check_set_shares_no_document_with_the_development_set() -> None:
    numbers = {json.loads(path.read_text(encoding="utf-8"))["number"] for path in GOLD}
    assert len(CHECK) >= 12 and not numbers & {json.loads(p.read_text(encoding="utf-8"))["number"] for p in CHECK}


def test_a_body_named_by_its_abbreviation_is_the_same_body() -> None:
    from extract.scoring import FIELDS

    same, _ = FIELDS["parent_issuer"]
    assert same("UBND thành phố Hà Nội", "Ủy ban nhân dân thành phố Hà Nội") == 1.0
    assert same("UBND thành phố Hà Nội", "Ủy ban nhân dân tỉnh Hà Nam") == 0.0
