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


def test_a_file_seen_empty_is_looked_at_until_it_is_written(tmp_path: Path) -> None:
    """An editor that empties a file and then writes it: a poll between the two saw an
    empty report, and the preview printed its content error, then took it back."""
    import threading

    from igfpub.serve import settled

    report, kept = tmp_path / "report.md", tmp_path / "kept.md"
    report.write_text("", encoding="utf-8")
    kept.write_text("---\ntitle: Kept\n---\n", encoding="utf-8")

    def state(path: Path) -> tuple[int, int]:
        st = path.stat()
        return st.st_mtime_ns, st.st_size

    seen = {str(report): state(report), str(kept): state(kept)}
    later = threading.Timer(0.3, lambda: report.write_text("---\ntitle: A\n---\n", "utf-8"))
    later.start()
    start = time.monotonic()
    now = settled(seen, {str(report)}, threading.Event())
    assert 0.3 <= time.monotonic() - start < 1.0
    assert now[str(report)] == state(report) and now[str(report)][1] > 0
    assert now[str(kept)] == seen[str(kept)]
    # A file that stays as it is, not empty: one short look.
    start = time.monotonic()
    assert settled(now, {str(kept)}, threading.Event()) == now
    assert time.monotonic() - start < 0.2
    # A file emptied on purpose: built as it is, after a second at most.
    report.write_text("", encoding="utf-8")
    start = time.monotonic()
    emptied = settled({**now, str(report): state(report)}, {str(report)}, threading.Event())
    assert emptied[str(report)][1] == 0
    assert 0.9 <= time.monotonic() - start < 1.5


def test_a_save_written_in_two_steps_shows_no_error(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    srv = Server(content, tmp_path / "cache")
    try:
        srv.wait_for_line("search index refreshed")  # idle: a save is built at once
        path = content / FIRST
        text = path.read_text("utf-8")
        with path.open("w", encoding="utf-8"):
            pass  # emptied, as some editors do first
        time.sleep(0.6)  # polls see it empty, and a build of it would be done
        path.write_text(text + "\nWritten in two steps.\n", encoding="utf-8")
        url = srv.url + "sessions/2025/igf2025-ws-87/"
        end = time.monotonic() + 60
        while "Written in two steps." not in fetch(url):
            assert time.monotonic() < end, "\n".join(srv.lines)
            time.sleep(0.02)
        srv.wait_for_line("rebuilt in", after=1)
        said = "\n".join(srv.lines)
        assert "error" not in said and "not rebuilt" not in said, said
    finally:
        srv.stop()
