"""``igfpub serve`` says the content's warnings: a rapporteur who pastes a ``<script>``
into a report sees the page without it, and is told why, at the foot of the page (a quiet
strip, folded: the site was built) and once in the terminal, as ``igfpub check`` says it.
Before, the preview said a warning only beside an error."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from tests.browser.test_serve import Server
from tests.test_mkdocs_serve import fetch

ROOT = Path(__file__).resolve().parents[1]
SESSION = Path("sessions/2025/igf2025-ws-87.md")
PAGE = "sessions/2025/igf2025-ws-87/"
PASTED = "\nPasted from a chat: <script>alert(1)</script> the closing words.\n"


def test_a_warning_shows_at_the_foot_of_the_page_and_once_in_the_terminal(
    tmp_path: Path,
) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    srv = Server(content, tmp_path / "cache")
    try:
        page = srv.url + PAGE
        assert "igfpub-preview-warnings" not in fetch(page)
        source = content / SESSION
        original = source.read_text(encoding="utf-8")
        builds = sum("rebuilt in" in line for line in srv.lines)
        source.write_text(original + PASTED, encoding="utf-8")
        srv.wait_for_line("rebuilt in", after=builds)
        said = [line for line in srv.lines if "warning:" in line]
        assert len(said) == 1, srv.lines
        assert said[0].startswith(f"{content / SESSION}:") or said[0].startswith(
            f"{SESSION.as_posix()}:"
        ), said
        assert "script" in said[0]
        body = fetch(page)
        assert "the closing words." in body and "alert(1)" not in body
        strip = body[body.index('id="igfpub-preview-warnings"') :]
        assert 'role="region"' in body and 'role="alert"' not in strip
        assert "igfpub: 1 warning" in strip and "igf2025-ws-87.md:" in strip
        assert "igfpub-preview-error" not in body
        # Another save that keeps it: the terminal does not say it again.
        builds = sum("rebuilt in" in line for line in srv.lines)
        source.write_text(original + PASTED + "\nOne more line.\n", encoding="utf-8")
        srv.wait_for_line("rebuilt in", after=builds)
        assert len([line for line in srv.lines if "warning:" in line]) == 1
        assert "igfpub: 1 warning" in fetch(page)
        # Removed, the strip goes.
        builds = sum("rebuilt in" in line for line in srv.lines)
        source.write_text(original, encoding="utf-8")
        srv.wait_for_line("rebuilt in", after=builds)
        end = time.monotonic() + 30
        while "igfpub-preview-warnings" in fetch(page):
            assert time.monotonic() < end
            time.sleep(0.05)
    finally:
        srv.stop()
