"""The ``congvan`` command line, run in-process on real files, Tesseract and SQLite."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import registry
from service.cli import main
from service.database import session_factory
from service.settings import Settings


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_help_lists_every_command() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "service.cli", "--help"], capture_output=True, text=True, check=True
    ).stdout
    for command in ("process", "ocr", "restore", "extract", "serve", "token"):
        assert command in out


@pytest.mark.parametrize("command", ["process", "ocr", "restore", "extract", "serve", "token", "token create"])
def test_each_command_has_its_own_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([*command.split(), "--help"])
    assert exit_info.value.code == 0
    assert "usage: congvan " + command in capsys.readouterr().out


def test_process_a_scan_saves_it_and_prints_its_record(
    settings: Settings, samples_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, "process", "--json", str(samples_dir / "laichau-960-LDLD-2022.png"))
    assert code == 0
    record = json.loads(out)
    assert record["number"] == "960/LĐLĐ"
    assert record["date"] == "2022-06-24"
    assert record["place"] == "Lai Châu"
    assert record["provenance"]["number"]["page"] == 1
    assert record["provenance"]["number"]["bbox"] is not None

    code, out, _ = _run(capsys, "process", "--json", str(samples_dir / "laichau-960-LDLD-2022.png"))
    again = json.loads(out)
    assert again["document_id"] == record["document_id"]
    with session_factory(settings.resolved_database_url)() as session:
        assert registry.list_documents(session)[1] == 1


def test_process_prints_a_readable_summary(settings: Settings, samples_dir: Path, capsys) -> None:
    code, out, _ = _run(capsys, "process", str(samples_dir / "thongbao-212-TB-STNMT-2023.txt"))
    assert code == 0
    assert "212/TB-STNMT" in out and "thong_bao" in out


@pytest.mark.parametrize("code", ["empty_document", "unsupported_file", "corrupt_pdf", "encrypted_pdf"])
def test_bad_input_gets_its_error_and_the_upload_is_kept(
    code: str, bad_files: dict[str, Path], settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    exit_code, _, err = _run(capsys, "process", str(bad_files[code]))
    assert exit_code == 3
    assert f"[{code}]" in err
    with session_factory(settings.resolved_database_url)() as session:
        upload = registry.get_upload_by_sha256(session, registry.sha256_of(bad_files[code].read_bytes()))
        assert upload.status == "failed"
        assert upload.error_code == code
        assert registry.upload_path(upload, settings.resolved_storage_dir).read_bytes() == bad_files[code].read_bytes()


def test_one_bad_file_does_not_stop_the_others(
    bad_files: dict[str, Path], settings: Settings, samples_dir: Path, capsys
) -> None:
    txt = samples_dir / "thongbao-212-TB-STNMT-2023.txt"
    exit_code, out, err = _run(capsys, "process", str(bad_files["corrupt_pdf"]), str(txt))
    assert exit_code == 3
    assert "212/TB-STNMT" in out and "corrupt_pdf" in err


def test_non_vietnamese_text_is_refused(settings: Settings, tmp_path: Path, capsys) -> None:
    letter = tmp_path / "english.txt"
    letter.write_text("Dear Sir, we are pleased to confirm the shipment of your order next week.\n")
    exit_code, _, err = _run(capsys, "process", str(letter))
    assert exit_code == 3 and "[not_vietnamese]" in err


def test_missing_file_is_a_clear_error(settings: Settings, tmp_path: Path, capsys) -> None:
    exit_code, _, err = _run(capsys, "process", str(tmp_path / "nowhere.pdf"))
    assert exit_code == 2 and "cannot read the file" in err


def test_ocr_prints_the_page_text(samples_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "ocr", str(samples_dir / "laichau-960-LDLD-2022-photo.jpg"))
    assert code == 0
    assert "Lai Châu, ngày 24 tháng 6 năm 2022" in out


def test_ocr_writes_words_with_boxes_as_json(samples_dir: Path, tmp_path: Path, capsys) -> None:
    out_path = tmp_path / "ocr.json"
    code, _, _ = _run(capsys, "ocr", "--json", "-o", str(out_path), str(samples_dir / "laichau-960-LDLD-2022.png"))
    data = json.loads(out_path.read_text())
    word = data["pages"][0]["lines"][0]["words"][0]
    assert code == 0 and len(word["bbox"]) == 4 and 0 <= word["confidence"] <= 1


def test_restore_reads_stdin_and_writes_the_old_tone_style(monkeypatch, capsys) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("Sở Thuỷ lợi tỉnh Hoà Bình\n  thoả thuận\n"))
    code, out, _ = _run(capsys, "restore")
    assert code == 0
    assert out == "Sở Thủy lợi tỉnh Hòa Bình\n  thỏa thuận\n"


def test_restore_diff_lists_the_changes(monkeypatch, capsys) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("Hoà Bình\n"))
    code, out, _ = _run(capsys, "restore", "--diff")
    assert out.strip() == "1:0\tHoà\t→\tHòa\t1.00\ttone_style"


def test_restore_puts_back_the_accents_across_line_breaks(monkeypatch, capsys) -> None:
    text = "Cong van cua Uy ban nhan dan tinh ve viec thuc hien ke hoach. Thoi\nhan hoan thanh truoc ngay 31/5.\n"
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))
    code, out, _ = _run(capsys, "restore")
    want = "Công văn của Ủy ban nhân dân tỉnh về việc thực hiện kế hoạch. Thời\nhạn hoàn thành trước ngày 31/5.\n"
    assert code == 0 and out == want


def test_restore_diff_gives_line_and_column_of_each_change(monkeypatch, capsys) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("Kinh gui cac so, ban, nganh.\n  Thoi han\n"))
    code, out, _ = _run(capsys, "restore", "--diff")
    rows = [line.split("\t") for line in out.splitlines()]
    assert [(r[0], r[1], r[3]) for r in rows][-2:] == [("2:2", "Thoi", "Thời"), ("2:7", "han", "hạn")]


def test_extract_gives_the_record_without_a_database(samples_dir: Path, capsys) -> None:
    code, out, _ = _run(capsys, "extract", "--json", str(samples_dir / "thongbao-212-TB-STNMT-2023.txt"))
    record = json.loads(out)
    assert code == 0
    assert record["number"] == "212/TB-STNMT"
    assert record["doc_type"] == "thong_bao"
    assert set(record) >= {
        "targets",
        "achievements",
        "deadlines",
        "directives",
        "provenance",
        "cc",
        "recipients",
    }


def test_the_same_bad_file_again_gets_the_same_error(bad_files: dict[str, Path], settings: Settings, capsys) -> None:
    first = _run(capsys, "process", str(bad_files["corrupt_pdf"]))
    again = _run(capsys, "process", str(bad_files["corrupt_pdf"]))
    assert first[0] == again[0] == 3 and "[corrupt_pdf]" in again[2]


@pytest.mark.parametrize("command", ["restore", "extract", "ocr"])
def test_a_missing_file_is_an_error_not_a_traceback(command: str, tmp_path: Path, capsys) -> None:
    code, _, err = _run(capsys, command, str(tmp_path / "nowhere.txt"))
    assert code == 2 and "No such file" in err


def test_restore_refuses_text_that_is_not_utf8(tmp_path: Path, capsys) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Hà Nội".encode("utf-16"))
    code, _, err = _run(capsys, "restore", str(path))
    assert code == 3 and "[unsupported_file]" in err


def test_a_bad_database_url_is_a_clear_error(tmp_path: Path, capsys, samples_dir: Path) -> None:
    code, _, err = _run(capsys, "process", "--db", "not a url", str(samples_dir / "thongbao-212-TB-STNMT-2023.txt"))
    assert code == 2 and "[invalid_request]" in err


def test_a_truncated_tiff_fails_cleanly_and_is_kept(
    settings: Settings, samples_dir: Path, tmp_path: Path, capsys
) -> None:
    data = (samples_dir / "kehoach-45-KH-UBND-2023.tif").read_bytes()
    path = tmp_path / "cut.tif"
    path.write_bytes(data[: len(data) // 3])
    code, _, err = _run(capsys, "process", str(path))
    assert code == 3 and "[unsupported_file]" in err
    with session_factory(settings.resolved_database_url)() as session:
        assert registry.get_upload_by_sha256(session, registry.sha256_of(path.read_bytes())).status == "failed"
