"""Learning which letters OCR prints for which, from aligned (true, OCR) text."""

from __future__ import annotations

from pathlib import Path

import pytest

from normalize._confusions import learn, load, save

PAIRS = [
    ("Kính gửi các đơn vị trực thuộc", "Kinh giri céc don vi truc thuéc"),
    ("đề nghị gửi báo cáo trước ngày", "dé nghi giri bao cao trudc ngay"),
    ("các đơn vị gửi về Liên đoàn", "céc don vi giri vé Lién doan"),
    ("một số đơn vị chưa gửi", "mét s6 don vi chua giri"),
]


def test_letters_that_change_are_learned_with_the_bare_letters_they_stood_for() -> None:
    learned = {(c.printed, c.meant) for c in learn(PAIRS, min_count=2)}
    assert ("ir", "u") in learned  # ``giri`` for ``gửi``: the marks of ``ử`` are the mark channel's to weigh


def test_marks_alone_are_left_to_the_mark_channel() -> None:
    learned = {(c.printed, c.meant) for c in learn(PAIRS, min_count=1)}
    assert ("i", "í") not in learned and ("a", "á") not in learned  # Kinh/Kính, bao/báo: marks only


def test_a_confusion_seen_too_rarely_is_dropped() -> None:
    assert not [c for c in learn(PAIRS, min_count=5) if c.printed == "6"]


def test_the_table_round_trips_through_its_file(tmp_path: Path) -> None:
    learned = learn(PAIRS, min_count=2)
    save(learned, tmp_path / "c.json", about="test")
    again = load(tmp_path / "c.json")
    assert [(c.printed, c.meant, c.count) for c in again] == [(c.printed, c.meant, c.count) for c in learned]
    assert all(c.logprob == pytest.approx(d.logprob, abs=1e-3) for c, d in zip(again, learned, strict=True))
