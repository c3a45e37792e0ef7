"""The staff pages in a real browser: Debian's Chromium, headless, against a live server.

Reading pages need no token (open reads); uploading does, so those tests sign in
first, typing the token into ``/signin`` as a person would (``tests/service/browser``).
"""

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

from samples.render import letter_text, load_letter
from service.api import create_app
from service.cli import main
from service.settings import Settings
from tests.service.browser import Browser
from tests.service.tokens import new_secret

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


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Browser]:
    assert CHROMIUM is not None
    with Browser(CHROMIUM, tmp_path / "chromium-driven") as browser:
        yield browser


def _sign_in(browser: Browser, server: str, secret: str) -> None:
    browser.open(server + "/signin")
    browser.type_into("#token", secret)
    browser.click_and_wait("#signin button[type=submit]")


def test_the_list_page_shows_the_processed_letter(
    server: str, settings: Settings, browser: Browser, tmp_path: Path
) -> None:
    anonymous = _browse(server + "/", tmp_path, "--dump-dom")
    assert "212/TB-STNMT" in anonymous  # reads are open
    assert 'name="file"' not in anonymous and 'id="signin-link"' in anonymous
    _sign_in(browser, server, new_secret(settings, "uploader", "Văn thư"))
    dom = browser.dom()
    assert browser.path() == "/"
    assert "212/TB-STNMT" in dom
    assert 'name="file"' in dom
    assert "Văn thư (uploader)" in dom


def test_signing_in_then_uploading_a_letter_lists_it(
    server: str, settings: Settings, browser: Browser, samples_dir: Path, tmp_path: Path
) -> None:
    letter = tmp_path / "hanoi-31-LDLD-2022.txt"
    letter.write_text(letter_text(load_letter(samples_dir / "letters" / "hanoi-31-LDLD-2022.json")), encoding="utf-8")
    _sign_in(browser, server, new_secret(settings, "uploader"))
    browser.choose_file("#upload input[type=file]", letter)
    browser.click_and_wait("#upload button[type=submit]")
    assert browser.path() == "/"
    assert letter.name in browser.evaluate("document.querySelector('#uploads').textContent")


def test_a_wrong_token_is_refused_and_signing_out_forgets_the_right_one(
    server: str, settings: Settings, browser: Browser
) -> None:
    _sign_in(browser, server, "cv_" + "x" * 43)
    assert browser.path() == "/signin"
    assert "không đúng hoặc đã bị thu hồi" in browser.dom()
    _sign_in(browser, server, new_secret(settings, "admin"))
    assert 'name="file"' in browser.dom()
    browser.click_and_wait("form[action='/signout'] button")
    assert 'name="file"' not in browser.dom() and 'id="signin-link"' in browser.dom()


def test_the_document_page_shows_its_fields_and_directives(server: str, tmp_path: Path) -> None:
    dom = _browse(server + "/documents/1", tmp_path, "--dump-dom")
    assert 'data-field="doc_type" data-value="thong_bao">Thông báo<' in dom
    assert "Ninh Bình" in dom
    assert '<ol id="cc">' in dom


def test_the_document_page_renders_to_a_screenshot(server: str, tmp_path: Path) -> None:
    shot = tmp_path / "document.png"
    _browse(server + "/documents/1", tmp_path, f"--screenshot={shot}", "--window-size=1200,1600")
    assert shot.stat().st_size > 10_000
