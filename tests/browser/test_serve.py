"""``igfpub serve`` in Chromium: a save shows up in the open page by itself, a content error
is shown as ``path:line`` in the page and in the terminal, the server survives it, and
fixing the file brings the page back."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from igfpub.serve import ENDPOINT
from tests.test_live import NEW_SESSION
from tests.test_mkdocs_serve import fetch

ROOT = Path(__file__).resolve().parents[2]
SESSION = Path("sessions") / "2025" / "igf2025-ws-87.md"
URL = "sessions/2025/igf2025-ws-87/"


class Server:
    def __init__(self, content: Path, cache: Path) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.lines: list[str] = []
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "igfpub.cli", "serve", str(content),
             "-a", f"127.0.0.1:{self.port}", "--cache-dir", str(cache)],
            cwd=ROOT, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )  # fmt: skip
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.wait_for_line("igfpub serve: http://", timeout=300)
        self.wait_for_line("igfpub serve: live pages ready", timeout=300)

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.lines.append(line.rstrip("\n"))

    def wait_for_line(self, text: str, timeout: float = 120, after: int = 0) -> str:
        """The last line with ``text``, once there are more than ``after`` of them."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            found = [line for line in self.lines if text in line]
            if len(found) > after:
                return found[-1]
            assert self.proc.poll() is None, "the server died:\n" + "\n".join(self.lines)
            time.sleep(0.05)
        raise AssertionError(f"no line with {text!r} in:\n" + "\n".join(self.lines))

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def version(self) -> int:
        """What the server serves now, as its pages' script is told."""
        with urllib.request.urlopen(f"{self.url}{ENDPOINT[1:]}?v=-1", timeout=30) as answer:
            return int(json.load(answer)["version"])

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)
        self._reader.join(timeout=10)
        assert self.proc.stderr is not None
        self.proc.stderr.close()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[Server, Path]]:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    srv = Server(content, tmp_path / "cache")
    yield srv, content
    srv.stop()


def mark(page: Page) -> None:
    """A flag that only survives as long as the page is not reloaded."""
    page.evaluate("window.__igfpubTestMark = true")


def reloaded(page: Page) -> bool:
    return bool(page.evaluate("window.__igfpubTestMark === undefined"))


def test_serve_follows_saves_errors_and_fixes(
    browser: Browser, server: tuple[Server, Path]
) -> None:
    srv, content = server
    source = content / SESSION
    original = source.read_text(encoding="utf-8")
    page = browser.new_page()
    polls: list[str] = []
    page.on("request", lambda r: polls.append(r.url) if ENDPOINT in r.url else None)
    page.goto(srv.url + URL)
    assert page.locator("h1").first.inner_text().strip() != ""
    assert page.locator("#igfpub-preview-error").count() == 0

    # 1. An edit appears without touching the browser.
    builds = sum("rebuilt in" in line for line in srv.lines)
    mark(page)
    source.write_text(original + "\nNewly saved sentence ✨ from the rapporteur.\n",
                      encoding="utf-8")  # fmt: skip
    page.wait_for_function(
        "document.body?.innerText.includes('Newly saved sentence ✨ from the rapporteur.')",
        timeout=120_000,
    )
    assert reloaded(page)
    # Shown by the live languages (the session's page in six languages) before the full
    # build; then the full build replaces the site, with this page as it is shown: the
    # page does not reload a second time.
    assert srv.wait_for_line("pages shown in").startswith("igfpub serve: 6 pages shown in")
    mark(page)
    srv.wait_for_line("rebuilt in", after=builds)
    version = srv.version()
    # The page asked what changed once the full build was served, and was told.
    end = time.monotonic() + 30
    while f"?v={version}&" not in " ".join(polls) and time.monotonic() < end:
        page.wait_for_timeout(50)
    assert f"?v={version}&" in " ".join(polls), (version, polls)
    assert not reloaded(page)
    assert "Newly saved sentence ✨ from the rapporteur." in page.inner_text("body")

    # 2. A content error: shown as path:line on the page and in the terminal.
    mark(page)
    broken = original.replace("edition: 2025", "edition: 1899", 1)
    assert broken != original
    source.write_text(broken, encoding="utf-8")
    box = page.locator("#igfpub-preview-error")
    box.wait_for(timeout=120_000)
    assert reloaded(page)
    shown = box.inner_text()
    assert "sessions/2025/igf2025-ws-87.md:3: error:" in shown, shown
    terminal = srv.wait_for_line("sessions/2025/igf2025-ws-87.md:3: error:")
    assert "1899" in terminal or "edition" in terminal
    # The last good page stays underneath, and the server is still there.
    assert "Newly saved sentence" in page.inner_text("body")
    assert srv.proc.poll() is None

    # 3. Fixing the file brings the page back, with the new text.
    mark(page)
    source.write_text(original + "\nFixed again, said the rapporteur.\n", encoding="utf-8")
    page.wait_for_function(
        "document.body?.innerText.includes('Fixed again, said the rapporteur.')",
        timeout=120_000,
    )
    assert reloaded(page)
    assert page.locator("#igfpub-preview-error").count() == 0
    assert "Newly saved sentence" not in page.inner_text("body")
    # Other languages follow too: the French page of the session shows the English
    # fallback text with the edit.
    page.goto(srv.url + "fr/" + URL)
    assert "Fixed again, said the rapporteur." in page.inner_text("body")

    # 4. A new report, on the tab the rapporteur opened at its address (not found yet):
    # the page shows it before the full build that adds it to the programme, and the
    # terminal said where it is.
    new_url = "sessions/2025/igf2025-of-301/"
    missing = page.goto(srv.url + new_url)
    assert missing is not None and missing.status == 404
    builds = sum("rebuilt in" in line for line in srv.lines)
    mark(page)
    (content / "sessions" / "2025" / "igf2025-of-301.md").write_text(NEW_SESSION, "utf-8")
    page.wait_for_function(
        "document.querySelector('h1')?.innerText.includes('Community networks 📡 in the Arctic')",
        timeout=120_000,
    )
    assert reloaded(page)
    said = srv.wait_for_line("igfpub serve: new page")
    assert said == f"igfpub serve: new page {srv.url}{new_url}"
    at = srv.lines.index(said)
    assert srv.lines[at - 1].startswith("igfpub serve: 6 pages shown in")
    # The first look came before the full build, which then lists the report.
    assert sum("rebuilt in" in line for line in srv.lines[:at]) == builds
    srv.wait_for_line("rebuilt in", after=builds)
    assert "igf2025-of-301/" in fetch(srv.url + "editions/2025/programme/")
    page.close()
