"""A fresh data folder (registry + upload store) per test, an admin token, and an unseen letter.

Tests that use ``settings`` run twice: on the default SQLite registry in the
data folder, and with ``CONGVAN_DATABASE_URL`` naming a database of their own
on the session's PostgreSQL server (see ``tests/conftest.py``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from samples.render import Letter, Signer, render_pdf
from service.settings import Settings, get_settings
from tests.service.tokens import bearer


@pytest.fixture
def settings(
    backend: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> Iterator[Settings]:
    monkeypatch.setenv("CONGVAN_DATA_DIR", str(tmp_path / "data"))
    if backend == "postgresql":
        monkeypatch.setenv("CONGVAN_DATABASE_URL", request.getfixturevalue("postgres_url"))
    else:
        monkeypatch.delenv("CONGVAN_DATABASE_URL", raising=False)
    get_settings.cache_clear()
    yield get_settings()
    get_settings.cache_clear()


@pytest.fixture
def admin_headers(settings: Settings) -> dict[str, str]:
    """``Authorization: Bearer …`` with a new admin token: what every write through the API needs."""
    return bearer(settings, "admin", "quản trị")


@pytest.fixture(scope="session")
def unseen_letter() -> Letter:
    """A letter written for this test only: no sample, seed or rule was made from it."""
    return Letter(
        parent_issuer="UBND TỈNH QUẢNG TRỊ",
        issuer=("SỞ GIÁO DỤC VÀ ĐÀO TẠO",),
        number="Số: 1378/SGDĐT-VP",
        place_date="Quảng Trị, ngày 09 tháng 9 năm 2024",
        type_heading=None,
        title=None,
        subject="V/v triển khai phần mềm quản lý hồ sơ công việc năm học 2024-2025",
        recipients=("- Các phòng chuyên môn thuộc Sở;", "- Các trường trung học phổ thông trực thuộc."),
        paragraphs=(
            "Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh về chuyển đổi số trong cơ quan nhà nước, "
            "Sở Giáo dục và Đào tạo đề nghị các đơn vị thực hiện một số nội dung sau:",
            "1. Rà soát danh sách cán bộ, giáo viên sử dụng phần mềm và gửi về Văn phòng Sở trước ngày 20/9/2024.",
            "2. Tổ chức tập huấn cho cán bộ phụ trách văn thư của đơn vị, bảo đảm vận hành phần mềm "
            "từ ngày 01/10/2024.",
            "3. Thủ trưởng các đơn vị chịu trách nhiệm kiểm tra, đôn đốc việc cập nhật hồ sơ công việc.",
            "Trong quá trình thực hiện, nếu có vướng mắc, liên hệ Văn phòng Sở để được hướng dẫn.",
        ),
        signer=Signer(authority=("KT. GIÁM ĐỐC",), title="PHÓ GIÁM ĐỐC", name="Trần Thị Minh Nguyệt"),
        cc=("- Như trên;", "- Giám đốc Sở (b/c);", "- Lưu: VT, VP."),
    )


@pytest.fixture(scope="session")
def unseen_pdf(tmp_path_factory: pytest.TempPathFactory, unseen_letter: Letter) -> Path:
    path = tmp_path_factory.mktemp("unseen") / "1378-SGDDT-VP.pdf"
    render_pdf(unseen_letter, path)
    return path


@pytest.fixture(scope="session")
def bad_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One file per kind of bad input, each with the error code it must get."""
    folder = tmp_path_factory.mktemp("bad")
    good = folder / "good.pdf"
    c = canvas.Canvas(str(good), pagesize=A4)
    c.drawString(100, 700, "Trang")
    c.save()
    locked = folder / "locked.pdf"
    c = canvas.Canvas(str(locked), pagesize=A4, encrypt="mật khẩu")
    c.drawString(100, 700, "Trang")
    c.save()
    files = {
        "empty_document": folder / "empty.pdf",
        "unsupported_file": folder / "archive.zip",
        "corrupt_pdf": folder / "broken.pdf",
        "encrypted_pdf": locked,
    }
    files["empty_document"].write_bytes(b"")
    files["unsupported_file"].write_bytes(b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)))
    files["corrupt_pdf"].write_bytes(good.read_bytes()[:300])
    return files
