"""The one error hierarchy of congvan.

Every error a user can cause or meet has a stable ``code``, the HTTP status
the API answers with and the exit code the CLI ends with; its message says
what to do next. The API and the CLI translate these in one handler each.

    CongvanError
    ├── InputError                  (the file or text itself is the problem)
    │   ├── EmptyDocumentError
    │   ├── UnsupportedFileError
    │   ├── CorruptPdfError
    │   ├── EncryptedPdfError
    │   ├── ImageTooLargeError
    │   ├── UploadTooLargeError
    │   ├── ArchiveRejectedError
    │   └── NotVietnameseError
    ├── NotFoundError               (an id that the registry does not hold)
    ├── InvalidRequestError         (an API parameter or CLI argument that is not valid)
    ├── AccessError                 (who is asking may not do this)
    │   ├── AuthenticationRequiredError
    │   └── PermissionDeniedError
    ├── MissingDependencyError      (Tesseract, its Vietnamese data or poppler absent)
    ├── OcrEngineError              (the OCR engine failed on a whole document)
    └── InterruptedProcessingError  (the service stopped or crashed while processing)
"""

from __future__ import annotations

from typing import ClassVar

__all__ = [
    "AccessError",
    "ArchiveRejectedError",
    "AuthenticationRequiredError",
    "CongvanError",
    "CorruptPdfError",
    "EmptyDocumentError",
    "EncryptedPdfError",
    "ImageTooLargeError",
    "InterruptedProcessingError",
    "InvalidRequestError",
    "InputError",
    "MissingDependencyError",
    "NotFoundError",
    "NotVietnameseError",
    "OcrEngineError",
    "PermissionDeniedError",
    "UnsupportedFileError",
    "UploadTooLargeError",
]


class CongvanError(Exception):
    """Base of every error congvan raises on purpose."""

    code: ClassVar[str] = "congvan_error"
    http_status: ClassVar[int] = 500
    exit_code: ClassVar[int] = 1

    def __init__(self, message: str | None = None, *, upload_id: int | None = None) -> None:
        super().__init__(message or (self.__doc__ or self.code).strip())
        self.upload_id = upload_id
        """The stored upload the error belongs to, when there is one."""

    @classmethod
    def for_code(cls, code: str, message: str | None = None, *, upload_id: int | None = None) -> CongvanError:
        """Rebuild the error a stored code names (an upload's recorded failure)."""
        pending = [CongvanError]
        while pending:
            candidate = pending.pop()
            if candidate.code == code:
                return candidate(message, upload_id=upload_id)
            pending.extend(candidate.__subclasses__())
        return CongvanError(message, upload_id=upload_id)

    @property
    def message(self) -> str:
        return str(self)


class InputError(CongvanError):
    """The input cannot be processed as given."""

    code = "invalid_input"
    http_status = 422
    exit_code = 3


class EmptyDocumentError(InputError):
    """The file is empty or holds no page and no text: upload the whole document."""

    code = "empty_document"


class UnsupportedFileError(InputError):
    """The file is neither a PDF, a PNG/JPEG/TIFF image nor UTF-8 text."""

    code = "unsupported_file"
    http_status = 415


class CorruptPdfError(InputError):
    """The PDF is damaged and cannot be read: export or scan it again."""

    code = "corrupt_pdf"


class EncryptedPdfError(InputError):
    """The PDF is password-protected: remove the password and upload it again."""

    code = "encrypted_pdf"


class ImageTooLargeError(InputError):
    """The image or page is too large to process safely: scan at 300 dpi or less."""

    code = "image_too_large"
    http_status = 413


class UploadTooLargeError(InputError):
    """The upload is larger than this service accepts: split the file or scan at 300 dpi."""

    code = "upload_too_large"
    http_status = 413


class ArchiveRejectedError(InputError):
    """The archive holds a path that would escape its folder, or is too large."""

    code = "archive_rejected"


class NotVietnameseError(InputError):
    """The text does not look like Vietnamese, so it was left as it is."""

    code = "not_vietnamese"


class NotFoundError(CongvanError):
    """The registry holds no such item."""

    code = "not_found"
    http_status = 404
    exit_code = 4


class MissingDependencyError(CongvanError):
    """A program congvan needs is not installed: run `make run` or install it."""

    code = "missing_dependency"
    http_status = 503
    exit_code = 5


class OcrEngineError(CongvanError):
    """The OCR engine failed on every page of the document."""

    code = "ocr_failed"
    http_status = 500
    exit_code = 6


class InterruptedProcessingError(CongvanError):
    """Processing stopped before it finished (a restart or an internal error): upload the file again."""

    code = "interrupted"
    http_status = 500
    exit_code = 7


class InvalidRequestError(CongvanError):
    """The request's parameters are not valid: see the message for which one."""

    code = "invalid_request"
    http_status = 422
    exit_code = 2


class AccessError(CongvanError):
    """The request was refused for who sent it, not for what it asks."""

    code = "access_denied"
    http_status = 403
    exit_code = 8


class AuthenticationRequiredError(AccessError):
    """This needs an API token: send `Authorization: Bearer <token>` (`congvan token create` makes one)."""

    code = "authentication_required"
    http_status = 401


class PermissionDeniedError(AccessError):
    """The token's role may not do this: ask an admin for a token with a higher role."""

    code = "permission_denied"
    http_status = 403
