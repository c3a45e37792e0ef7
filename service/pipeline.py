"""The congvan pipeline, read top to bottom: store → read → repair → extract → save.

"Scan in" and "text in" are the same recipe: ``ocr.read`` returns an
``OcrDocument`` for both. ``analyse`` stops before the registry (for
``congvan extract`` and ``congvan ocr``); ``process_upload`` runs the whole
recipe on an upload that is already stored, so that nothing a user sent is
lost, whatever fails later.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

import extract
import normalize
import ocr
import registry
from congvan.errors import CongvanError, EmptyDocumentError, InputError, InterruptedProcessingError, NotVietnameseError
from extract.types import Extraction
from normalize.types import NormalizedDocument
from ocr.types import OcrDocument, OcrOptions
from service.settings import Settings

__all__ = [
    "Analysis",
    "analyse",
    "ingest_bytes",
    "ingest_file",
    "ocr_options",
    "process_upload",
    "validate_upload",
]


@dataclass(frozen=True, slots=True)
class Analysis:
    ocr: OcrDocument
    normalized: NormalizedDocument
    extraction: Extraction


def ocr_options(settings: Settings) -> OcrOptions:
    return OcrOptions(
        lang=settings.ocr_lang,
        dpi=settings.ocr_dpi,
        page_timeout=settings.ocr_page_timeout,
        workers=settings.ocr_workers,
    )


_MIN_WORDS = 5
"""Fewer words than this is a blank page, not a letter."""


def analyse(document: OcrDocument) -> Analysis:
    """Repair and extract an OCR (or text) document; refuse text that is not Vietnamese."""
    normalized = normalize.repair(document)
    if len(normalized.text.split()) < _MIN_WORDS:
        raise EmptyDocumentError("No text was found in the document: is the scan blank or too faint?")
    if not normalize.is_vietnamese(normalized.text):
        raise NotVietnameseError(
            "The document does not look like Vietnamese text, so no fields were extracted. "
            "Check that the right file was uploaded and that it is not upside down."
        )
    return Analysis(document, normalized, extract.extract(normalized))


def ingest_bytes(session: Session, data: bytes, filename: str, settings: Settings) -> tuple[registry.Upload, bool]:
    """Store an upload before anything else happens to it; the same bytes give the same upload."""
    media_type = _media_type(data)
    upload, created = registry.store_upload(
        session,
        data,
        filename=filename,
        media_type=media_type,
        storage_dir=settings.resolved_storage_dir,
    )
    session.commit()
    return upload, created


def _media_type(data: bytes) -> str:
    # Unreadable uploads are stored too (and fail later with their error), so
    # their type is only "bytes" here.
    try:
        return ocr.media_type(data[:8192])
    except CongvanError:
        return "application/octet-stream"


def ingest_file(session: Session, path: Path, settings: Settings) -> tuple[registry.Upload, bool]:
    return ingest_bytes(session, path.read_bytes(), path.name, settings)


def validate_upload(session: Session, upload: registry.Upload, settings: Settings) -> int:
    """Check a stored upload can be read (seconds, no OCR); record the error if not. Returns pages."""
    try:
        _, pages = ocr.inspect(registry.upload_path(upload, settings.resolved_storage_dir))
    except CongvanError as e:
        registry.set_upload_status(session, upload, "failed", error_code=e.code, error_message=str(e))
        session.commit()
        raise
    return pages


def process_upload(session: Session, upload: registry.Upload, settings: Settings) -> registry.Document:
    """OCR → repair → extract → save for a stored upload; its status records how it went."""
    registry.set_upload_status(session, upload, "processing")
    session.commit()
    finished = False
    try:
        path = registry.upload_path(upload, settings.resolved_storage_dir)
        analysis = analyse(ocr.read(path, ocr_options(settings)))
        document = registry.save(
            session,
            upload,
            analysis.extraction,
            ocr_text=analysis.ocr.text,
            text=analysis.normalized.text,
            page_count=len(analysis.ocr.pages),
            ocr_engine=analysis.ocr.engine,
            ocr_confidence=analysis.ocr.confidence,
        )
        registry.set_upload_status(session, upload, "done")
        session.commit()
        finished = True
        return document
    except CongvanError as e:
        session.rollback()
        registry.set_upload_status(session, upload, "failed", error_code=e.code, error_message=str(e))
        session.commit()
        finished = True
        raise
    finally:
        if not finished:  # an unexpected error: never leave the upload "processing"
            _record_interruption(session, upload)


def _record_interruption(session: Session, upload: registry.Upload) -> None:
    error = InterruptedProcessingError()
    session.rollback()
    registry.set_upload_status(session, upload, "failed", error_code=error.code, error_message=str(error))
    session.commit()


def needs_processing(upload: registry.Upload) -> bool:
    """A stored upload that was never processed, or whose failure was not the file's fault."""
    if upload.status == "stored":
        return True
    return upload.status == "failed" and upload.error_code not in _INPUT_ERROR_CODES


_INPUT_ERROR_CODES = {cls.code for cls in InputError.__subclasses__()} | {InputError.code}
