from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

import registry

PDF = b"%PDF-1.4 x"


def _store(session: Session, storage_dir: Path, data: bytes = PDF, **kw: str) -> tuple[registry.Upload, bool]:
    args = {"filename": "a.pdf", "media_type": "application/pdf"} | kw
    return registry.store_upload(session, data, storage_dir=storage_dir, **args)


def test_bytes_are_stored_under_their_hash(session: Session, storage_dir: Path) -> None:
    upload, created = _store(session, storage_dir)
    path = registry.upload_path(upload, storage_dir)
    assert created and upload.id is not None
    assert path.read_bytes() == PDF
    assert path == storage_dir / upload.sha256[:2] / f"{upload.sha256}.pdf"
    assert upload.stored_path == f"{upload.sha256[:2]}/{upload.sha256}.pdf"
    assert (upload.status, upload.size_bytes, upload.filename) == ("stored", 10, "a.pdf")
    assert not list(storage_dir.rglob(".incoming-*"))


def test_the_same_bytes_give_the_same_upload_and_the_file_is_written_once(session: Session, storage_dir: Path) -> None:
    first, _ = _store(session, storage_dir, filename="a.pdf")
    session.commit()
    written = registry.upload_path(first, storage_dir).stat()
    again, created = _store(session, storage_dir, filename="renamed.pdf")
    assert not created and again.id == first.id and again.filename == "a.pdf"
    assert registry.upload_path(again, storage_dir).stat().st_mtime_ns == written.st_mtime_ns
    assert len([p for p in storage_dir.rglob("*") if p.is_file()]) == 1


def test_the_same_bytes_from_another_session_are_found_by_hash(session_factory, storage_dir: Path) -> None:
    with session_factory() as first_session:
        first, _ = _store(first_session, storage_dir)
        first_session.commit()
    with session_factory() as second_session:
        again, created = _store(second_session, storage_dir, media_type="application/octet-stream")
        assert not created and again.id == first.id


def test_a_stored_file_lost_from_disk_is_written_again(session: Session, storage_dir: Path) -> None:
    upload, _ = _store(session, storage_dir)
    registry.upload_path(upload, storage_dir).unlink()
    _store(session, storage_dir)
    assert registry.upload_path(upload, storage_dir).read_bytes() == PDF


def test_hostile_filenames_are_only_metadata(session: Session, storage_dir: Path) -> None:
    upload, _ = _store(
        session, storage_dir, b"x", filename="../../etc/passwd\x00.pdf", media_type="application/octet-stream"
    )
    assert upload.filename == "passwd.pdf"
    assert registry.upload_path(upload, storage_dir).resolve().is_relative_to(storage_dir.resolve())
    assert not (storage_dir.parent / "etc").exists()


@pytest.mark.parametrize(
    ("filename", "media_type", "suffix"),
    [
        ("scan.PDF", "application/pdf", ".pdf"),
        ("x", "text/plain; charset=utf-8", ".txt"),
        ("trang 1.TIFF", "application/octet-stream", ".tiff"),
        ("a.ph p", "application/octet-stream", ".bin"),
        ("a.$(rm -rf)", "application/octet-stream", ".bin"),
        ("no-suffix", "application/x-unknown", ".bin"),
    ],
)
def test_the_suffix_is_sanitised(
    session: Session, storage_dir: Path, filename: str, media_type: str, suffix: str
) -> None:
    upload, _ = _store(session, storage_dir, filename.encode(), filename=filename, media_type=media_type)
    assert upload.stored_path.endswith(f"{upload.sha256}{suffix}")


def test_sha256_is_the_content_hash() -> None:
    assert registry.sha256_of(b"") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


def test_concurrent_stores_of_the_same_bytes_make_one_upload(
    session_factory: sessionmaker[Session], storage_dir: Path
) -> None:
    barrier = threading.Barrier(4)

    def store_in_own_session() -> tuple[int, bool]:
        with session_factory() as own:
            barrier.wait()
            upload, created = _store(own, storage_dir)
            own.commit()
            return upload.id, created

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda _: store_in_own_session(), range(4)))
    assert len({upload_id for upload_id, _ in results}) == 1
    assert sum(created for _, created in results) == 1
