from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

import registry
from extract.types import Achievement, Item, ReferencedDocument, Target, Value
from tests.registry.factories import LAI_CHAU, letter, make_extraction, save, store, where


def _target_letter(*targets: Target, number: str = "960/LĐLĐ") -> object:
    """The Lai Châu letter that sets the target: 1.200 sáng kiến."""
    targets = targets or (Target("sáng kiến", 1200.0, "sáng kiến", "CNVCLĐ", "2022 – 2023", where(), comparator=">="),)
    return letter(
        LAI_CHAU,
        number=Value(number, where()),
        date=Value(dt.date(2022, 6, 24), where()),
        recipients=(Item("Các Công đoàn ngành", where()),),
        targets=targets,
    )


def _report(
    issuer: str = "LĐLĐ tỉnh Lai Châu",
    metric: str = "sáng kiến, cải tiến kỹ thuật",
    unit: str | None = "sáng kiến",
    period: str | None = "năm 2023",
    who: str | None = "CNVCLĐ",
    cites: str = "960 / LDLD",
) -> object:
    """A later report from the same body (its name abbreviated): 1.775 sáng kiến."""
    return letter(
        issuer,
        number=Value("112/BC-LĐLĐ", where()),
        date=Value(dt.date(2023, 12, 20), where()),
        achievements=(Achievement(metric, 1775.0, unit, None, who, period, where()),),
        referenced_documents=(ReferencedDocument(cites, dt.date(2022, 6, 24), "Công văn", LAI_CHAU, where()),),
    )


def _load(session: Session, storage_dir: Path, *extractions: object) -> list[registry.Document]:
    documents = [
        save(session, store(session, storage_dir, f"letter {i}".encode()), e)  # type: ignore[arg-type]
        for i, e in enumerate(extractions)
    ]
    session.commit()
    return documents


def _only_target(session: Session) -> registry.Target:
    rows, total = registry.list_targets(session)
    assert total == 1
    return rows[0]


@pytest.mark.parametrize("report_first", [False, True], ids=["target-then-report", "report-then-target"])
def test_a_report_meets_the_target_it_answers_in_either_loading_order(
    session: Session, storage_dir: Path, report_first: bool
) -> None:
    letters = [_target_letter(), _report()]
    documents = _load(session, storage_dir, *(reversed(letters) if report_first else letters))
    report = documents[0] if report_first else documents[1]
    progress = _only_target(session).progress
    assert progress is not None
    assert progress.percent == pytest.approx(147.9, abs=0.05)  # 1.775 / 1.200
    assert (progress.value, progress.achievement_id) == (1775, report.achievements[0].id)


def test_an_achievement_next_to_its_target_is_linked(session: Session, storage_dir: Path) -> None:
    (document,) = _load(session, storage_dir, make_extraction())
    assert document.achievements[0].target_id == document.targets[0].id
    assert _only_target(session).progress == registry.Progress(document.achievements[0].id, 1350, 112.5)


def test_who_can_name_the_body_the_target_was_set_for(session: Session, storage_dir: Path) -> None:
    target_letter = letter(
        "Tổng Liên đoàn Lao động Việt Nam",
        recipients=(Item("LĐLĐ tỉnh Lai Châu", where()),),
        targets=(Target("sáng kiến", 1200.0, "sáng kiến", None, None, where()),),
    )
    _load(session, storage_dir, target_letter, _report(issuer="Báo Lao động", who=LAI_CHAU))
    assert _only_target(session).progress is not None


@pytest.mark.parametrize(
    "report",
    [
        {"issuer": "LĐLĐ tỉnh Điện Biên"},
        {"metric": "đoàn viên mới"},
        {"unit": "đồng"},
        {"period": "năm 2019"},
    ],
    ids=["another-body", "another-metric", "another-unit", "another-year"],
)
def test_an_achievement_that_does_not_fit_is_not_linked(
    session: Session, storage_dir: Path, report: dict[str, str]
) -> None:
    _load(session, storage_dir, _target_letter(), _report(**report))
    assert _only_target(session).progress is None
    assert registry.METRIC_MATCH == 70


def test_the_target_with_the_closest_metric_wins_whichever_is_loaded_first(session: Session, storage_dir: Path) -> None:
    close = Target("sáng kiến cải tiến kỹ thuật", 1500.0, None, None, None, where())
    near = Target("sáng kiến mới", 1000.0, None, None, None, where())  # token_set_ratio 82
    report, near_letter, close_letter = _load(
        session,
        storage_dir,
        _report(metric="sáng kiến cải tiến"),
        _target_letter(near, number="1/LĐLĐ"),
        _target_letter(close, number="2/LĐLĐ"),
    )
    assert report.achievements[0].target_id == close_letter.targets[0].id
    late = save(session, store(session, storage_dir, b"late report"), _report(metric="sáng kiến cải tiến"))
    assert late.achievements[0].target_id == close_letter.targets[0].id
    assert near_letter.targets[0].linked_achievements == []


def test_reprocessing_the_target_letter_keeps_its_achievements(session: Session, storage_dir: Path) -> None:
    target_letter, _ = _load(session, storage_dir, _target_letter(), _report())
    save(session, target_letter.upload, _target_letter())
    session.commit()
    progress = _only_target(session).progress
    assert progress is not None and progress.percent == pytest.approx(147.9, abs=0.05)


@pytest.mark.parametrize("citing_first", [False, True])
def test_a_citation_names_the_loaded_document_with_that_number_either_way(
    session: Session, storage_dir: Path, citing_first: bool
) -> None:
    letters = [_target_letter(), _report(cites="960 / ldld")]
    documents = _load(session, storage_dir, *(reversed(letters) if citing_first else letters))
    cited, citing = (documents[1], documents[0]) if citing_first else documents
    session.expire_all()
    assert citing.referenced_documents[0].cited_document_id == cited.id
    assert cited.referenced_documents == []


def test_a_citation_of_the_same_number_in_another_year_or_a_corrected_number_names_nothing(
    session: Session, storage_dir: Path
) -> None:
    cited, citing = _load(session, storage_dir, _target_letter(), _report(cites="960/LĐLĐ"))
    registry.correct_document(session, cited, "date", "2021-06-24", "văn thư")
    session.commit()
    session.expire_all()
    assert citing.referenced_documents[0].cited_document_id is None
    registry.correct_document(session, cited, "date", "2022-06-24", "văn thư")
    registry.correct_document(session, cited, "number", "961/LĐLĐ", "văn thư")
    session.commit()
    session.expire_all()
    assert citing.referenced_documents[0].cited_document_id is None


def test_a_citation_without_a_number_names_no_document_without_one(session: Session, storage_dir: Path) -> None:
    unnumbered = letter(
        achievements=(), referenced_documents=(ReferencedDocument(None, None, "Nghị quyết", None, where()),)
    )
    citing, cited = _load(session, storage_dir, unnumbered, letter("Sở Y tế tỉnh Lai Châu"))
    session.expire_all()
    assert citing.referenced_documents[0].cited_document_id is None


@pytest.mark.parametrize(
    ("number", "key"),
    [("960/LĐLĐ", "960/ldld"), (" 960 / ldld ", "960/ldld"), ("45/KH–UBND", "45/kh-ubnd"), ("  ", None), (None, None)],
)
def test_numbers_are_compared_without_spaces_case_accents_or_dash_kinds(number: str | None, key: str | None) -> None:
    assert registry.number_key(number) == key
