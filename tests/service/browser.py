"""Drive Debian's headless Chromium over the DevTools protocol on a pipe: type, click, choose a file.

``--dump-dom`` shows a page but cannot fill a form; this can, with nothing but
the standard library. Chromium reads commands on its file descriptor 3 and
writes replies and events on 4, each a JSON object ended by a NUL byte
(``--remote-debugging-pipe``). One page, attached in flat mode, so that every
page command carries its ``sessionId``.
"""

from __future__ import annotations

import itertools
import json
import os
import queue
import subprocess
import threading
from pathlib import Path
from typing import Any

__all__ = ["Browser"]

WAIT_SECONDS = 60.0
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--remote-debugging-pipe",
)


class Browser:
    """One headless Chromium with one page; ``close`` (or ``with``) ends it."""

    def __init__(self, executable: str, profile: Path) -> None:
        commands_in, self._commands = os.pipe()
        self._replies, replies_out = os.pipe()
        # bash puts the pipes on 3 and 4 (sh's redirections stop at fd 9; pytest holds many open).
        shell = f'exec "$0" "$@" 3<&{commands_in} 4>&{replies_out} {commands_in}<&- {replies_out}>&-'
        self._process = subprocess.Popen(
            ["bash", "-c", shell, executable, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
            pass_fds=(commands_in, replies_out),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(commands_in)
        os.close(replies_out)
        self._ids = itertools.count(1)
        self._inbox: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._events: list[dict[str, Any]] = []
        threading.Thread(target=self._read, daemon=True).start()
        target = self._call("Target.createTarget", url="about:blank")["targetId"]
        self._session = self._call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        self._page("Page.enable")

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def open(self, url: str) -> None:
        """Go to ``url`` and wait until it has loaded."""
        self._events.clear()
        self._page("Page.navigate", url=url)
        self._wait_for_load()

    def type_into(self, selector: str, text: str) -> None:
        """Focus the field and type ``text`` as a keyboard would."""
        self.evaluate(f"document.querySelector({json.dumps(selector)}).focus()")
        self._page("Input.insertText", text=text)

    def choose_file(self, selector: str, path: Path) -> None:
        """What picking ``path`` in a file input's dialog does."""
        root = self._page("DOM.getDocument")["root"]["nodeId"]
        node = self._page("DOM.querySelector", nodeId=root, selector=selector)["nodeId"]
        self._page("DOM.setFileInputFiles", nodeId=node, files=[str(path)])

    def click_and_wait(self, selector: str) -> None:
        """Click (a submit button, a link) and wait for the page it leads to."""
        self._events.clear()
        self.evaluate(f"document.querySelector({json.dumps(selector)}).click()")
        self._wait_for_load()

    def evaluate(self, expression: str) -> Any:
        reply = self._page("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in reply:
            raise RuntimeError(f"{expression}: {reply['exceptionDetails']}")
        return reply["result"].get("value")

    def dom(self) -> str:
        return str(self.evaluate("document.documentElement.outerHTML"))

    def path(self) -> str:
        return str(self.evaluate("location.pathname + location.search"))

    def close(self) -> None:
        """Closing its command pipe makes Chromium quit."""
        os.close(self._commands)
        try:
            self._process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()

    def _page(self, method: str, **params: Any) -> dict[str, Any]:
        return self._call(method, session_id=self._session, **params)

    def _call(self, method: str, session_id: str | None = None, **params: Any) -> dict[str, Any]:
        number = next(self._ids)
        message: dict[str, Any] = {"id": number, "method": method, "params": params}
        if session_id:
            message["sessionId"] = session_id
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        reply = self._next(lambda m: m.get("id") == number)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return reply["result"]

    def _wait_for_load(self) -> None:
        if not any(e.get("method") == "Page.loadEventFired" for e in self._events):
            self._next(lambda m: m.get("method") == "Page.loadEventFired")

    def _next(self, wanted: Any) -> dict[str, Any]:
        """The next message ``wanted`` accepts; events passed over are kept for ``_wait_for_load``."""
        while True:
            try:
                message = self._inbox.get(timeout=WAIT_SECONDS)
            except queue.Empty:
                raise TimeoutError(f"Chromium sent nothing wanted in {WAIT_SECONDS:.0f} s") from None
            if message is None:
                raise RuntimeError("Chromium closed the DevTools pipe")
            if wanted(message):
                return message
            if "method" in message:
                self._events.append(message)

    def _read(self) -> None:
        pending = b""
        with os.fdopen(self._replies, "rb", buffering=0) as stream:
            while chunk := stream.read(1 << 16):
                *messages, pending = (pending + chunk).split(b"\0")
                for raw in messages:
                    self._inbox.put(json.loads(raw))
        self._inbox.put(None)
