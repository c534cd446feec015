"""`igfpub serve` serves the site where `mkdocs serve` does: under the path of its
``site_url`` (https://example.org/igf/ is served at /igf/, and / leads there), and a
missing page is answered with the site's own 404 page, status 404."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

from igfpub.cli import main as igfpub
from igfpub.serve import ENDPOINT, Problem, State, handler_for, mount_path

ROOT = Path(__file__).resolve().parent.parent
NOT_FOUND = "<!doctype html><title>Not found</title><body><h1>Page not found</h1></body>"


def _get(url: str, method: str = "GET") -> tuple[int, str, str]:
    """(status, final URL after redirects, body)."""
    request = urllib.request.Request(url, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.url, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.url, exc.read().decode("utf-8")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[str]:
    site = tmp_path / "site"
    (site / "sessions" / "a").mkdir(parents=True)
    (site / "assets").mkdir()
    (site / "index.html").write_text("<!doctype html><body>Home</body>", encoding="utf-8")
    (site / "sessions" / "a" / "index.html").write_text("<body>Session A</body>", "utf-8")
    (site / "assets" / "site.css").write_text("body{}", encoding="utf-8")
    (site / "404.html").write_text(NOT_FOUND, encoding="utf-8")
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), handler_for(State(site, ready=True), mount="/igf/")
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_the_site_is_served_under_its_site_urls_path(served: str) -> None:
    assert _get(served + "/") == (200, served + "/igf/", _get(served + "/igf/")[2])
    status, url, body = _get(served + "/igf")
    assert (status, url) == (200, served + "/igf/") and "Home" in body
    status, url, body = _get(served + "/igf/sessions/a")  # the folder's redirect
    assert (status, url) == (200, served + "/igf/sessions/a/") and "Session A" in body
    assert _get(served + "/igf/assets/site.css")[::2] == (200, "body{}")
    # The preview's script reloads the page; its endpoint stays at the root.
    assert f'fetch("{ENDPOINT}?v="' in body


@pytest.mark.parametrize(
    "path", ["/igf/nowhere/", "/igf/assets/nowhere.css", "/sessions/a/", "/elsewhere"]
)
def test_a_missing_page_is_the_sites_404_page(served: str, path: str) -> None:
    status, _, body = _get(served + path)
    assert status == 404
    assert "<h1>Page not found</h1>" in body and "Error response" not in body
    assert _get(served + path, "HEAD")[::2] == (404, "")


def test_mount_path() -> None:
    assert mount_path("") == "/"
    assert mount_path("https://example.org/") == "/"
    assert mount_path("https://example.org") == "/"
    assert mount_path("https://example.org/igf/") == "/igf/"
    assert mount_path("https://example.org/nri/igf") == "/nri/igf/"


def test_igfpub_serve_takes_the_path_of_the_sites_site_url(tmp_path: Path) -> None:
    site = tmp_path / "s"
    assert igfpub(["init", str(site), "--languages", "pt,en"]) == 0
    config = site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace(
            "site_url: https://outcomes.example.org/", "site_url: https://example.org/igf/"
        ),
        encoding="utf-8",
    )
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "igfpub.cli", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=site, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip
    lines: list[str] = []
    reader = threading.Thread(
        target=lambda: lines.extend(line.rstrip() for line in proc.stderr or ()), daemon=True
    )
    reader.start()
    try:
        end = time.monotonic() + 300
        # The address is said before the first build, the pages served after it.
        while not any("igfpub serve: rebuilt in" in line for line in lines):
            assert proc.poll() is None and time.monotonic() < end, "\n".join(lines)
            time.sleep(0.05)
        base = f"http://127.0.0.1:{port}"
        assert f"igfpub serve: {base}/igf/ (Ctrl-C to stop)" in lines
        status, url, body = _get(base + "/")
        assert (status, url) == (200, base + "/igf/") and '<html lang="pt"' in body
        status, _, body = _get(base + "/igf/en/sessions/2026/igf2026-ws-1/")
        assert status == 200 and "IGF2026-WS-1" in body
        status, _, body = _get(base + "/igf/en/sessions/2026/nowhere/")
        assert status == 404 and "Error response" not in body
        # igfpub's 404 page, whose links lead into the site under its path.
        assert 'href="/igf/en/"' in body
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        reader.join(timeout=10)
        assert proc.stderr is not None
        proc.stderr.close()


def test_a_tab_closed_during_the_wait_prints_nothing(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<!doctype html><body>Home</body>", encoding="utf-8")
    state = State(site)
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler_for(state))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        tabs = []
        for _ in range(3):
            tab = socket.create_connection(server.server_address[:2])
            tab.sendall(f"GET {ENDPOINT}?v={state.version} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
            tabs.append(tab)
        time.sleep(0.3)  # the requests wait for the next save
        for tab in tabs:
            # Closed with a reset, as a browser drops a page it leaves.
            tab.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
            tab.close()
        state.publish()  # a save: each waiting request answers a closed tab
        time.sleep(0.5)
        status, _, body = _get(f"http://127.0.0.1:{server.server_address[1]}/")
        assert status == 200 and "Home" in body
    finally:
        server.shutdown()
        server.server_close()
    err = capfd.readouterr().err
    assert "Traceback" not in err and "Broken pipe" not in err and "reset" not in err.lower()


def test_a_missing_page_stays_the_404_page_while_the_content_has_an_error(
    tmp_path: Path,
) -> None:
    """The last good build stays served under a content error, its 404 page too: a missing
    address was a blank page with the error box, with status 200 (an image, a JSON file
    too); and a tab on a missing page does not reload at a save that leaves it missing."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<!doctype html><body>Home</body>", encoding="utf-8")
    (site / "404.html").write_text(NOT_FOUND, encoding="utf-8")
    state = State(site, ready=True)
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler_for(state))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        _, _, before = _get(base + "/nowhere/")
        digest = re.search(r'digest = "(\w+)"', before)[1]  # type: ignore[index]
        seen = state.version
        state.publish([Problem("sessions/2025/a.md:3: error: broken")])
        for path in ("/nowhere/", "/nope.png", "/api/v1/nope.json"):
            status, _, body = _get(base + path)
            assert status == 404 and "<h1>Page not found</h1>" in body, path
            assert "sessions/2025/a.md:3: error: broken" in body
        # The tab is told of the error: its page changed (the box), so it reloads.
        answer = json.loads(_get(f"{base}{ENDPOINT}?v={seen}&p=/nowhere/")[2])
        assert answer["version"] == seen + 1 and answer["digest"] != digest
        # A save that fixes it: the 404 page is as it was, and a tab on it stays.
        state.publish()
        answer = json.loads(_get(f"{base}{ENDPOINT}?v={seen + 1}&p=/nowhere/")[2])
        assert answer["version"] == seen + 2 and answer["digest"] == digest
    finally:
        server.shutdown()
        server.server_close()
