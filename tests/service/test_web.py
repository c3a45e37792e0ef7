"""The staff pages in a real browser: Debian's Chromium, headless, against a live server."""

from __future__ import annotations

import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from service.api import create_app
from service.cli import main
from service.settings import Settings

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="LOUD SKIP: Debian's chromium is not installed (make test installs it)"
)


@pytest.fixture
def server(settings: Settings, samples_dir: Path) -> Iterator[str]:
    assert main(["process", str(samples_dir / "thongbao-212-TB-STNMT-2023.txt")]) == 0
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not instance.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(10)


def _browse(url: str, tmp_path: Path, *extra: str) -> str:
    """The page's DOM after the browser has rendered it."""
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'chromium'}",
        *extra,
        url,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=90, check=True).stdout


def test_the_list_page_shows_the_processed_letter(server: str, tmp_path: Path) -> None:
    dom = _browse(server + "/", tmp_path, "--dump-dom")
    assert "212/TB-STNMT" in dom
    assert 'name="file"' in dom


def test_the_document_page_shows_its_fields_and_directives(server: str, tmp_path: Path) -> None:
    dom = _browse(server + "/documents/1", tmp_path, "--dump-dom")
    assert 'data-field="doc_type" data-value="thong_bao">Thông báo<' in dom
    assert "Ninh Bình" in dom
    assert '<ol id="cc">' in dom


def test_the_document_page_renders_to_a_screenshot(server: str, tmp_path: Path) -> None:
    shot = tmp_path / "document.png"
    _browse(server + "/documents/1", tmp_path, f"--screenshot={shot}", "--window-size=1200,1600")
    assert shot.stat().st_size > 10_000
