"""``igfpub serve`` when saves come faster than full builds: a session saved while the full
build of an earlier save runs shows at once, stays shown when that build replaces the site
(which may have loaded the content before the save), and is built again after it."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from igfpub.build import Options
from igfpub.serve import Preview
from tests.browser.test_serve import Server
from tests.test_mkdocs_serve import fetch

ROOT = Path(__file__).resolve().parents[1]
FIRST = Path("sessions/2025/igf2025-ws-87.md")
SECOND = Path("sessions/2024/igf2024-ns-17.md")


def test_a_save_during_a_full_build_is_never_lost(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    srv = Server(content, tmp_path / "cache")
    try:
        first, second = content / FIRST, content / SECOND
        first.write_text(first.read_text("utf-8") + "\nFirst save.\n", encoding="utf-8")
        srv.wait_for_line("pages shown in")
        # The full build of the first save starts now and loads the content first (a
        # tenth of a second here): the second save lands during the build, after the load.
        time.sleep(0.5)
        second.write_text(second.read_text("utf-8") + "\nSecond save 🌱.\n", encoding="utf-8")
        url = srv.url + "sessions/2024/igf2024-ns-17/"
        end = time.monotonic() + 60
        while "Second save 🌱." not in fetch(url):
            assert time.monotonic() < end, "the second save never showed"
            time.sleep(0.02)
        # From then on it stays, through both full builds.
        end = time.monotonic() + 300
        while sum("rebuilt in" in line for line in srv.lines) < 3:
            assert "Second save 🌱." in fetch(url), "\n".join(srv.lines)
            assert time.monotonic() < end, "\n".join(srv.lines)
            time.sleep(0.05)
        assert "Second save 🌱." in fetch(url)
        assert "First save." in fetch(srv.url + "sessions/2025/igf2025-ws-87/")
        assert not any("not rebuilt" in line or "failed" in line for line in srv.lines)
    finally:
        srv.stop()


def test_a_build_that_publishes_during_a_first_look_shows_that_save_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The race behind the test above, made to happen every time: a full build that loaded
    the content before a save publishes its site while that save's pages are being shown.
    The build must show the save again in its new site (else the reader sees the old
    text until the next full build), so the save is known while it is being shown."""
    preview = Preview(tmp_path, Options(tmp_path / "mkdocs.yml"), tmp_path / "site")
    calls: list[tuple[set[str], Path | None]] = []

    def show(changed: set[str], start: float, into: Path | None = None) -> None:
        calls.append((set(changed), into))
        if into is None:
            preview._saved_meanwhile(into=tmp_path / "new-site")  # the build publishes now

    monkeypatch.setattr(preview, "_show_own_pages", show)
    preview.saved({"sessions/2025/a.md"})
    assert calls == [
        ({"sessions/2025/a.md"}, None),
        ({"sessions/2025/a.md"}, tmp_path / "new-site"),
    ]
    assert preview._changes == {"sessions/2025/a.md"}  # the builder is told after the look
