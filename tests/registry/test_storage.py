from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

import registry


def test_bytes_are_stored_under_their_hash_before_the_row(session: Session, tmp_path: Path) -> None:
    upload, created = registry.store_upload(
        session, b"%PDF-1.4 x", filename="a.pdf", media_type="application/pdf", storage_dir=tmp_path / "store"
    )
    path = registry.upload_path(upload, tmp_path / "store")
    assert created
    assert path.read_bytes() == b"%PDF-1.4 x"
    assert path.name == f"{upload.sha256}.pdf"
    assert path.parent.name == upload.sha256[:2]
    assert upload.status == "stored" and upload.size_bytes == 10


def test_the_same_bytes_give_the_same_upload_and_one_file(session: Session, tmp_path: Path) -> None:
    first, _ = registry.store_upload(
        session,
        b"abc",
        filename="a.txt",
        media_type="text/plain; charset=utf-8",
        storage_dir=tmp_path / "store",
    )
    again, created = registry.store_upload(
        session,
        b"abc",
        filename="renamed.txt",
        media_type="text/plain; charset=utf-8",
        storage_dir=tmp_path / "store",
    )
    assert not created and again.id == first.id and again.filename == "a.txt"
    assert len([p for p in (tmp_path / "store").rglob("*") if p.is_file()]) == 1


def test_hostile_filenames_are_only_metadata(session: Session, tmp_path: Path) -> None:
    upload, _ = registry.store_upload(
        session,
        b"x",
        filename="../../etc/passwd\x00.pdf",
        media_type="application/octet-stream",
        storage_dir=tmp_path / "s",
    )
    assert upload.filename == "passwd.pdf"
    assert registry.upload_path(upload, tmp_path / "s").resolve().is_relative_to((tmp_path / "s").resolve())
    assert not (tmp_path / "etc").exists()


def test_sha256_is_the_content_hash() -> None:
    assert registry.sha256_of(b"") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
