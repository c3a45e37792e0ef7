"""Content-addressed upload storage: the bytes are on disk before any row or any processing.

A file lives at ``<storage>/<sha[:2]>/<sha256><suffix>``; the user's filename is
kept as metadata only, never used as a path.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.models import Upload

__all__ = ["sha256_of", "store_upload", "upload_path"]

_SUFFIXES = {
    "application/pdf": ".pdf",
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/tiff": ".tif",
    "text/plain; charset=utf-8": ".txt",
}


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def store_upload(
    session: Session, data: bytes, *, filename: str, media_type: str, storage_dir: Path
) -> tuple[Upload, bool]:
    """Store the bytes and record the upload; the same bytes again return the first upload."""
    digest = sha256_of(data)
    existing = session.scalar(select(Upload).where(Upload.sha256 == digest))
    if existing is not None:
        return existing, False
    relative = Path(digest[:2]) / f"{digest}{_SUFFIXES.get(media_type, '.bin')}"
    _write_atomically(storage_dir / relative, data)
    upload = Upload(
        sha256=digest,
        filename=_display_name(filename),
        media_type=media_type,
        size_bytes=len(data),
        stored_path=relative.as_posix(),
        status="stored",
    )
    session.add(upload)
    session.flush()
    return upload, True


def upload_path(upload: Upload, storage_dir: Path) -> Path:
    return storage_dir / upload.stored_path


def _write_atomically(path: Path, data: bytes) -> None:
    if path.exists() and path.stat().st_size == len(data):
        return
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


def _display_name(filename: str) -> str:
    """The last path part of what the client called the file, without control characters."""
    name = re.split(r"[\\/]", filename)[-1]
    name = re.sub(r"[\x00-\x1f\x7f]", "", name).strip()
    return name[:255] or "upload"
