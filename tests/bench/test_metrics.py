"""The accuracy figures the benches report."""

from __future__ import annotations

import pytest

from bench.metrics import character_error_rate, syllable_accuracy


def test_syllable_accuracy_counts_gold_syllables_found_in_order() -> None:
    assert syllable_accuracy("Kính gửi các sở", "Kinh gửi các sở") == pytest.approx(0.75)


def test_character_error_rate_ignores_punctuation_and_counts_lost_marks() -> None:
    assert character_error_rate("Kính gửi: các sở, ban", "Kính gửi các sở ban") == 0.0
    assert character_error_rate("Kính gửi các sở", "Kinh gui cac so") == pytest.approx(4 / 15)


def test_character_error_rate_covers_only_the_stretch_a_one_page_scan_read() -> None:
    assert character_error_rate("một hai ba bốn năm sáu", "ba bốn") == 0.0


def test_a_page_read_as_garbage_is_at_most_wholly_wrong() -> None:
    assert character_error_rate("một hai ba", "một " + "x" * 500) == 1.0
