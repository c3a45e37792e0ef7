"""Reading an upload's bytes with a size limit, so a huge body is refused, not buffered."""

from __future__ import annotations

from fastapi import UploadFile

from congvan.errors import ImageTooLargeError

__all__ = ["read_limited"]

_CHUNK = 1024 * 1024


async def read_limited(file: UploadFile, limit: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while chunk := await file.read(_CHUNK):
        size += len(chunk)
        if size > limit:
            raise ImageTooLargeError(
                f"The upload is over {limit // (1024 * 1024)} MiB: split it or scan at a lower resolution."
            )
        chunks.append(chunk)
    return b"".join(chunks)
