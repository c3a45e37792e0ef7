from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.orm import Session

import registry
from congvan.errors import InvalidRequestError, NotFoundError
from extract.types import Item, Value
from registry.bodies import bodies_named_in
from tests.registry.factories import LAI_CHAU, letter, save, store, where

SO_Y_TE = "Sở Y tế tỉnh Lai Châu"
MISSPELT = "Công đoàn tỉnh Lai Châu"


def _issuer(session: Session, document: registry.Document) -> registry.Body:
    assert document.issuer_body_id is not None
    return registry.get_body(session, document.issuer_body_id)


def test_an_issuer_becomes_a_body_named_as_a_reader_writes_it(session: Session, storage_dir: Path) -> None:
    document = save(session, store(session, storage_dir), letter("LIÊN ĐOÀN LAO ĐỘNG TỈNH LAI CHÂU"))
    body = _issuer(session, document)
    assert (body.name, body.name_folded) == (LAI_CHAU, "lien doan lao dong tinh lai chau")
    assert body.created_at.tzinfo is not None


@pytest.mark.parametrize("spelling", ["LĐLĐ tỉnh Lai Châu", "LĐLĐ TỈNH LAI CHÂU", "Liên đoàn Lao động tỉnh Lai Chau"])
def test_an_abbreviated_or_unaccented_spelling_is_the_same_body(
    session: Session, storage_dir: Path, spelling: str
) -> None:
    first = save(session, store(session, storage_dir, b"1"), letter(LAI_CHAU))
    second = save(session, store(session, storage_dir, b"2"), letter(spelling))
    assert second.issuer_body_id == first.issuer_body_id
    assert registry.list_bodies(session)[1] == 1


def test_the_parent_issuer_and_the_recipients_become_bodies(session: Session, storage_dir: Path) -> None:
    recipients = (
        Item("- Các Công đoàn ngành;", where()),
        Item("- Như trên;", where()),
        Item("CĐCS trực thuộc", where()),
    )
    document = save(
        session,
        store(session, storage_dir),
        letter(parent_issuer=Value("TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM", where()), recipients=recipients),
    )
    assert [b.name for b in document.recipient_bodies] == ["Các Công đoàn ngành", "Công đoàn cơ sở trực thuộc"]
    assert registry.find_body(session, "TLĐ Việt Nam") is not None
    assert registry.find_body(session, "Như trên") is None
    assert registry.list_bodies(session)[1] == 4


def test_an_alias_makes_another_spelling_find_the_body(session: Session, storage_dir: Path) -> None:
    body = _issuer(session, save(session, store(session, storage_dir, b"1"), letter(LAI_CHAU)))
    added = registry.add_alias(session, body, MISSPELT)
    assert added is not None and added.alias_folded == "cong doan tinh lai chau"
    assert registry.find_body(session, "CÔNG ĐOÀN TỈNH LAI CHÂU") is body
    assert save(session, store(session, storage_dir, b"2"), letter(MISSPELT)).issuer_body_id == body.id
    assert registry.add_alias(session, body, "LĐLĐ tỉnh Lai Châu") is None  # that is its name already


def test_an_alias_that_names_another_body_is_refused(session: Session, storage_dir: Path) -> None:
    lai_chau = _issuer(session, save(session, store(session, storage_dir, b"1"), letter(LAI_CHAU)))
    save(session, store(session, storage_dir, b"2"), letter(SO_Y_TE))
    with pytest.raises(InvalidRequestError, match="merge"):
        registry.add_alias(session, lai_chau, SO_Y_TE)
    with pytest.raises(InvalidRequestError):
        registry.add_alias(session, lai_chau, "- ")


def test_merging_moves_every_reference_and_keeps_the_merged_spellings_as_aliases(
    session: Session, storage_dir: Path
) -> None:
    keep = _issuer(session, save(session, store(session, storage_dir, b"1"), letter(LAI_CHAU)))
    misspelt_letter = save(session, store(session, storage_dir, b"2"), letter(MISSPELT))
    merged = _issuer(session, misspelt_letter)
    registry.add_alias(session, merged, "CĐ Lai Châu")
    to_both = (Item(LAI_CHAU, where()), Item(MISSPELT, where()))
    addressed = save(
        session,
        store(session, storage_dir, b"3"),
        letter(SO_Y_TE, recipients=to_both, directives=(Item("Báo cáo kết quả", where()),)),
    )
    assert {b.id for b in addressed.directives[0].bodies} == {keep.id, merged.id}
    merged_id = merged.id
    session.commit()

    assert registry.merge_bodies(session, keep.id, merged_id) is keep
    session.commit()
    assert misspelt_letter.issuer_body_id == keep.id
    assert [b.id for b in addressed.recipient_bodies] == [keep.id]
    assert [b.id for b in addressed.directives[0].bodies] == [keep.id]
    assert {a.alias for a in keep.aliases} == {MISSPELT, "CĐ Lai Châu"}
    assert registry.find_body(session, "CÔNG ĐOÀN TỈNH LAI CHÂU") is keep
    with pytest.raises(NotFoundError):
        registry.get_body(session, merged_id)
    assert save(session, store(session, storage_dir, b"4"), letter("CĐ Lai Châu")).issuer_body_id == keep.id


def test_a_body_is_merged_neither_into_itself_nor_with_one_that_is_not_there(
    session: Session, storage_dir: Path
) -> None:
    body = _issuer(session, save(session, store(session, storage_dir), letter(LAI_CHAU)))
    with pytest.raises(InvalidRequestError):
        registry.merge_bodies(session, body.id, body.id)
    with pytest.raises(NotFoundError):
        registry.merge_bodies(session, body.id, body.id + 100)


def test_a_directive_is_for_the_known_bodies_it_names_else_for_the_recipients(
    session: Session, storage_dir: Path
) -> None:
    so_y_te = _issuer(session, save(session, store(session, storage_dir, b"1"), letter(SO_Y_TE)))
    directives = (
        Item("Đề nghị Sở Y tế tỉnh Lai Châu phối hợp tổ chức khám sức khỏe", where()),
        Item("Tập trung truyền thông", where()),
        Item("LĐLĐ tỉnh Lai Châu sẽ tổng hợp, báo cáo", where()),  # names only the issuer itself
    )
    document = save(
        session,
        store(session, storage_dir, b"2"),
        letter("LĐLĐ tỉnh Lai Châu", recipients=(Item("Các Công đoàn ngành", where()),), directives=directives),
    )
    session.commit()
    assert [[b.name for b in d.bodies] for d in document.directives] == [
        [SO_Y_TE],
        ["Các Công đoàn ngành"],
        ["Các Công đoàn ngành"],
    ]
    rows, total = registry.list_directives(session, body_id=so_y_te.id)
    assert total == 1 and rows[0].text.startswith("Đề nghị Sở Y tế")
    assert registry.list_directives(session, body_id=so_y_te.id + 100) == ([], 0)


def test_a_name_inside_a_longer_name_in_the_text_does_not_count() -> None:
    known = [("lien doan lao dong tinh lai chau", 1), ("lien doan lao dong", 2), ("so y te tinh lai chau", 3)]
    assert bodies_named_in("Giao LĐLĐ tỉnh Lai Châu và Sở Y tế tỉnh Lai Châu", known) == [1, 3]
    assert bodies_named_in("Các cấp Liên đoàn Lao động", known) == [2]
    assert bodies_named_in("Sở Y tế tỉnh Lai Châuu", known) == []


def test_bodies_are_listed_by_name_and_found_by_part_of_a_name_or_an_alias(session: Session, storage_dir: Path) -> None:
    lai_chau = _issuer(session, save(session, store(session, storage_dir, b"1"), letter(LAI_CHAU)))
    save(session, store(session, storage_dir, b"2"), letter(SO_Y_TE))
    registry.add_alias(session, lai_chau, "Công đoàn tỉnh Lai Châu")
    session.commit()
    rows, total = registry.list_bodies(session)
    assert total == 2 and [b.name for b in rows] == [LAI_CHAU, SO_Y_TE]
    assert registry.list_bodies(session, name="y te")[0][0].name == SO_Y_TE
    assert registry.list_bodies(session, name="CÔNG ĐOÀN")[0] == [lai_chau]
    assert registry.list_bodies(session, name="%") == ([], 0)
