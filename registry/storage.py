"""Content-addressed upload storage: the bytes are on disk before any row or any processing.

A file lives at ``<storage>/<sha[:2]>/<sha256><suffix>``. The suffix comes from
the media type, or else from the client's filename only when it is a short
run of letters and digits; the filename itself is metadata, never a path.
Storing the same bytes again returns the first upload (``created=False``),
also when two requests race: the row is inserted with ON CONFLICT DO NOTHING
on the unique SHA-256, so the loser simply finds the winner's row.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path, PurePosixPath

from sqlalchemy import select
from sqlalchemy.orm import Session

from registry._sql import upsert_insert
from registry.models import Upload, UploadStatus

__all__ = ["sha256_of", "store_upload", "upload_path"]

_SUFFIXES = {
    "application/pdf": ".pdf",
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/tiff": ".tif",
    "text/plain": ".txt",
}
_SAFE_SUFFIX = re.compile(r"\.[a-z0-9]{1,8}")


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def store_upload(
    session: Session, data: bytes, *, filename: str, media_type: str, storage_dir: Path
) -> tuple[Upload, bool]:
    """Store the bytes, then record the upload; the same bytes again return the first upload."""
    digest = sha256_of(data)
    existing = _by_sha256(session, digest)
    if existing is not None:
        _write_once(upload_path(existing, storage_dir), data)  # restores a file lost from disk
        return existing, False
    relative = PurePosixPath(digest[:2]) / f"{digest}{_suffix(media_type, filename)}"
    _write_once(storage_dir / relative, data)
    created = _insert_unless_present(
        session,
        sha256=digest,
        filename=_display_name(filename),
        media_type=media_type[:127],
        size_bytes=len(data),
        stored_path=relative.as_posix(),
        status=UploadStatus.STORED,
    )
    # Inserted above, or by the request that won the race: either way it is there now.
    return session.scalars(select(Upload).where(Upload.sha256 == digest)).one(), created


def upload_path(upload: Upload, storage_dir: Path) -> Path:
    """Where the upload's bytes are; ``stored_path`` was built from the hash, never from user input."""
    return storage_dir / upload.stored_path


def _by_sha256(session: Session, digest: str) -> Upload | None:
    return session.scalar(select(Upload).where(Upload.sha256 == digest))


def _insert_unless_present(session: Session, **values: object) -> bool:
    """INSERT … ON CONFLICT (sha256) DO NOTHING; True when this call inserted the row.

    Both databases the registry supports spell it the same; no savepoint needed.
    Whether a row was inserted is read from RETURNING: on PostgreSQL (psycopg)
    the rowcount of this INSERT is -1, inserted or not.
    """
    statement = upsert_insert(session, Upload).values(**values).on_conflict_do_nothing(index_elements=["sha256"])
    return session.execute(statement.returning(Upload.id)).first() is not None


def _write_once(path: Path, data: bytes) -> None:
    """Write atomically (temp file, fsync, rename): a reader never sees half a file."""
    if path.exists() and path.stat().st_size == len(data):
        return  # content-addressed: the same name holds the same bytes
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".incoming-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        Path(temp).replace(path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _suffix(media_type: str, filename: str) -> str:
    known = _SUFFIXES.get(media_type.split(";")[0].strip().lower())
    if known:
        return known
    suffix = PurePosixPath(_display_name(filename)).suffix.lower()
    return suffix if _SAFE_SUFFIX.fullmatch(suffix) else ".bin"


def _display_name(filename: str) -> str:
    """The last path part of what the client called the file, without control characters."""
    name = re.split(r"[\\/]", filename)[-1]
    name = re.sub(r"[\x00-\x1f\x7f]", "", name).strip()
    return name[:255] or "upload"
