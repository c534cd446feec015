"""``mkdocs serve`` follows saves through igfpub's preview (igfpub/mkdocs/serving.py): the
saved session's pages in every language at once, then the full build; a content error is
said as ``path:line`` and the server lives on; the fix brings the page back."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from igfpub.cli import main as igfpub

SESSION = Path("content/sessions/2026/igf2026-ws-1.md")


class Lines:
    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self.proc = proc
        self.seen: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.seen.append(line.rstrip("\n"))

    def wait(self, text: str, count: int = 1, timeout: float = 240) -> int:
        """The index of the ``count``-th line holding ``text``."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            found = [n for n, line in enumerate(self.seen) if text in line]
            if len(found) >= count:
                return found[count - 1]
            assert self.proc.poll() is None, "\n".join(self.seen[-30:])
            time.sleep(0.05)
        raise AssertionError(f"no {text!r} in:\n" + "\n".join(self.seen[-30:]))


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def wait_for_text(url: str, text: str, timeout: float = 120) -> None:
    end = time.monotonic() + timeout
    while text not in fetch(url):
        assert time.monotonic() < end, f"{text!r} never showed at {url}"
        time.sleep(0.05)


def test_mkdocs_serve_shows_saves_errors_and_fixes(tmp_path: Path) -> None:
    assert igfpub(["init", str(tmp_path / "s"), "--languages", "pt,en"]) == 0
    root = tmp_path / "s"
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    mkdocs = Path(sys.executable).parent / "mkdocs"
    temporary = tmp_path / "tmp"  # where MkDocs puts the site it serves
    temporary.mkdir()
    proc = subprocess.Popen(
        [str(mkdocs), "serve", "-a", f"127.0.0.1:{port}"],
        cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1", "NO_MKDOCS_2_WARNING": "1",
             "TMPDIR": str(temporary)},
    )  # fmt: skip
    lines = Lines(proc)
    base = f"http://127.0.0.1:{port}/"
    pt, en = base + "sessions/2026/igf2026-ws-1/", base + "en/sessions/2026/igf2026-ws-1/"
    source = root / SESSION
    original = source.read_text(encoding="utf-8")
    try:
        lines.wait("live pages ready", timeout=300)
        # 1. A save: the Portuguese page and its English fallback show it, first through
        # the live languages, then through the full build that replaces the site.
        source.write_text(original + "\nUma frase salva agora ✨.\n", encoding="utf-8")
        wait_for_text(pt, "Uma frase salva agora ✨.")
        wait_for_text(en, "Uma frase salva agora ✨.")
        shown = lines.wait("igfpub serve: 2 pages shown in")
        assert shown < lines.wait("igfpub serve: rebuilt in")
        lines.wait("search index refreshed")
        assert "Uma frase salva agora ✨." in fetch(pt)

        # 2. A content error: said as path:line; the server lives on, the last good page
        # stays served.
        source.write_text(original.replace("edition: 2026", "edition: 1899", 1), "utf-8")
        said = lines.seen[lines.wait("sessions/2026/igf2026-ws-1.md:")]
        assert "error:" in said and proc.poll() is None
        # ... and on the page, over the last good build, with MkDocs' reload script.
        wait_for_text(pt, 'id="igfpub-preview-error"')
        page = fetch(pt)
        assert "Uma frase salva agora ✨." in page and "livereload" in page
        box = page.partition('id="igfpub-preview-error"')[2]
        assert "sessions/2026/igf2026-ws-1.md:" in box and "1899" in box
        assert page.index('id="igfpub-preview-error"') < page.rindex("</body>")

        # 3. The fix brings the page back.
        source.write_text(original + "\nCorrigido.\n", encoding="utf-8")
        wait_for_text(pt, "Corrigido.")
        assert "Uma frase salva agora" not in fetch(pt)
        assert "igfpub-preview-error" not in fetch(pt)
        lines.wait("search index refreshed", count=2)
    finally:
        proc.terminate()
        proc.wait(timeout=60)
        lines.reader.join(timeout=10)
        assert proc.stderr is not None
        proc.stderr.close()
    # Stopped as a service manager stops it, the server removed the site it served, and
    # neither it nor its builds' workers printed a traceback.
    assert sorted(p.name for p in temporary.iterdir()) == []
    assert [line for line in lines.seen if "Traceback" in line] == []
