"""``igfpub serve`` when saves come faster than full builds: a session saved while the full
build of an earlier save runs shows at once, stays shown when that build replaces the site
(which may have loaded the content before the save), and is built again after it."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

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
