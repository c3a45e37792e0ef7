"""Settings, read from the environment (``CONGVAN_*``) through one cached function."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["Settings", "get_settings"]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CONGVAN_", env_file=None)

    data_dir: Path = Path("data")
    """Where the default SQLite registry and the stored uploads live."""
    database_url: str = ""
    """SQLAlchemy URL; empty means ``sqlite:///<data_dir>/congvan.db``."""
    storage_dir: Path | None = None
    """Where uploads are stored; empty means ``<data_dir>/uploads``."""
    max_upload_bytes: int = 100 * 1024 * 1024
    ocr_lang: str = "vie"
    ocr_dpi: int = 300
    ocr_page_timeout: float = 120.0
    ocr_workers: int = 0
    open_reads: bool = True
    """Whether reading (GET under /api/v1, the staff pages) needs no token; writing always needs one."""

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'congvan.db'}"

    @property
    def resolved_storage_dir(self) -> Path:
        return self.storage_dir or self.data_dir / "uploads"


@lru_cache
def get_settings() -> Settings:
    return Settings()
