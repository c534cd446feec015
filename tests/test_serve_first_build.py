"""``igfpub serve`` listens before its first build: the browser opened on the address is
told the site is being built, then shown the page it asked for, by the preview's own
script; a server stopped during that build ends at once, without a traceback."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from igfpub.serve import ENDPOINT

ROOT = Path(__file__).resolve().parents[1]
PAGE = "sessions/2025/igf2025-ws-87/"
_READERS: dict[int, threading.Thread] = {}


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=60) as answer:
            return answer.status, answer.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def _start(tmp_path: Path) -> tuple[subprocess.Popen[str], list[str], str]:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "igfpub.cli", "serve", str(content), "-a", f"127.0.0.1:{port}",
         "--cache-dir", str(tmp_path / "cache")],
        cwd=ROOT, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip
    lines: list[str] = []
    reader = threading.Thread(
        target=lambda: lines.extend(line.rstrip() for line in proc.stderr or ()), daemon=True
    )
    reader.start()
    _READERS[proc.pid] = reader
    return proc, lines, f"http://127.0.0.1:{port}/"


def _wait_for(proc: subprocess.Popen[str], lines: list[str], text: str) -> None:
    end = time.monotonic() + 300
    while not any(text in line for line in lines):
        assert proc.poll() is None and time.monotonic() < end, "\n".join(lines)
        time.sleep(0.02)


def test_the_address_answers_during_the_first_build(tmp_path: Path) -> None:
    proc, lines, base = _start(tmp_path)
    try:
        _wait_for(proc, lines, "igfpub serve: http://")
        # The sample's first build takes seconds, without a cache: the page is not there.
        status, body = _get(base + PAGE)
        assert not any("rebuilt in" in line for line in lines)
        assert status == 503, body
        assert "<h1" in body and "Building the site" in body and 'lang="en"' in body
        # It carries the preview's script, which is told of the build once it is served.
        version = int(re.search(r"var version = (\d+)", body)[1])  # type: ignore[index]
        digest = re.search(r'digest = "(\w+)"', body)[1]  # type: ignore[index]
        assert version == 0
        status, said = _get(f"{base}{ENDPOINT[1:]}?v={version}&p=/{PAGE}")
        state = json.loads(said)
        assert status == 200 and state["version"] > version and state["digest"] != digest
        _wait_for(proc, lines, "rebuilt in")
        status, body = _get(base + PAGE)
        assert status == 200 and "IGF2025-WS-87" in body and "Building the site" not in body
        # A page that the build did not make is the site's own 404 page from then on.
        status, body = _get(base + "sessions/2025/nowhere/")
        assert status == 404 and "Building the site" not in body
        assert [line for line in lines if "Traceback" in line] == []
    finally:
        proc.terminate()
        proc.wait(timeout=60)
        _close(proc)


def test_a_server_stopped_during_its_first_build_ends_at_once(tmp_path: Path) -> None:
    proc, lines, _ = _start(tmp_path)
    _wait_for(proc, lines, "igfpub serve: building the site")
    time.sleep(0.5)  # the build is under way, its workers too
    # SIGTERM, as a service manager stops it (Ctrl-C's SIGINT is ignored by a process
    # that a shell without job control started in the background, as CI may).
    proc.send_signal(signal.SIGTERM)
    start = time.monotonic()
    proc.wait(timeout=60)
    assert time.monotonic() - start < 10
    _READERS[proc.pid].join(timeout=10)  # its last lines
    assert proc.returncode == 0, "\n".join(lines)
    assert any("stopped during the first build" in line for line in lines), lines
    assert not any("Traceback" in line for line in lines), "\n".join(lines)
    assert not any("rebuilt in" in line for line in lines)
    _close(proc)


def _close(proc: subprocess.Popen[str]) -> None:
    """Once the process has ended: its last lines read, its pipe closed."""
    _READERS.pop(proc.pid).join(timeout=10)
    if proc.stderr is not None:
        proc.stderr.close()


def test_an_address_in_use_or_not_an_address_is_one_line(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        for address, said in [
            (f"127.0.0.1:{port}", f"igfpub: cannot listen on 127.0.0.1:{port}: "),
            (f"127.0.0.1:{port}", "a preview may be running there already"),
            ("127.0.0.1:80x", "igfpub: -a 127.0.0.1:80x: expected HOST:PORT"),
        ]:
            done = subprocess.run(
                [sys.executable, "-m", "igfpub.cli", "serve", str(ROOT / "content"),
                 "-a", address, "--cache-dir", str(tmp_path / "cache")],
                cwd=ROOT, capture_output=True, text=True, timeout=120,
            )  # fmt: skip
            assert done.returncode == 1, done.stderr
            assert said in done.stderr and done.stderr.startswith("igfpub: "), done.stderr
            assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
