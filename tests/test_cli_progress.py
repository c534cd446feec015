"""igfpub build on a terminal says each language as its pages are written: a cold build of
a large archive is minutes, and it said nothing between its first and last lines."""

from __future__ import annotations

import os
import select
import subprocess
import sys
from pathlib import Path

from igfpub.cli import main as igfpub
from igfpub.core.languages import UN, use


def _build(site: Path, terminal: bool) -> tuple[str, str]:
    """``igfpub build --no-pdf`` in ``site``: (stdout, stderr), stderr a terminal or not."""
    command = [sys.executable, "-m", "igfpub", "build", "--no-pdf"]
    if not terminal:
        done = subprocess.run(command, cwd=site, capture_output=True, text=True, check=True)
        return done.stdout, done.stderr
    leader, follower = os.openpty()
    try:
        with subprocess.Popen(command, cwd=site, stdout=subprocess.PIPE, stderr=follower) as run:
            os.close(follower)
            said = b""
            while True:
                try:
                    chunk = os.read(leader, 4096)
                except OSError:  # the terminal's other end is closed: the build ended
                    break
                if not chunk:
                    break
                said += chunk
            out = run.stdout.read().decode() if run.stdout else ""
        assert run.returncode == 0
    finally:
        os.close(leader)
    return out, said.decode().replace("\r\n", "\n")


def test_a_build_on_a_terminal_says_each_language_and_a_log_only_the_result(
    tmp_path: Path,
) -> None:
    try:
        assert igfpub(["init", str(tmp_path / "s"), "--languages", "pt,en,es"]) == 0
    finally:
        use(UN)
    site = tmp_path / "s"
    out, err = _build(site, terminal=True)
    lines = err.splitlines()
    assert lines[0] == "igfpub: rendering 3 languages (pt, en, es), 2 at a time"
    done = sorted(line for line in lines[1:] if " pages written, " in line)
    assert [line.split(":")[1] for line in done] == [" en", " es", " pt"]
    written = [int(line.split(": ")[2].split(" ")[0]) for line in done]
    assert written[0] == written[1] == written[2] > 5  # the same pages in each language
    assert f"{sum(written)} pages rendered, 0 from the cache" in out
    # A log (CI, a pipe) gets the result alone; an unchanged site is said in one line.
    (site / ".igfpub-cache").rename(site / "old-cache")
    out, err = _build(site, terminal=False)
    assert err == "" and f"({sum(written)} pages rendered, 0 from the cache" in out
    out, err = _build(site, terminal=True)
    assert err == "" and out.strip().endswith("is up to date (nothing changed)")


def test_the_previews_first_build_on_a_terminal_says_each_language(tmp_path: Path) -> None:
    """The preview's first build too (the later ones are a page or two, and say none)."""
    try:
        assert igfpub(["init", str(tmp_path / "s"), "--languages", "pt,en"]) == 0
    finally:
        use(UN)
    leader, follower = os.openpty()
    command = [sys.executable, "-m", "igfpub", "serve", "-a", "127.0.0.1:0"]
    said = b""
    try:
        with subprocess.Popen(command, cwd=tmp_path / "s", stdout=follower, stderr=follower,
                              stdin=subprocess.DEVNULL) as run:  # fmt: skip
            os.close(follower)
            try:
                while b"rebuilt in" not in said:
                    ready, _, _ = select.select([leader], [], [], 120)
                    assert ready, said  # not a word in two minutes
                    chunk = os.read(leader, 4096)
                    assert chunk, said
                    said += chunk
            finally:
                run.terminate()
    finally:
        os.close(leader)
    lines = said.decode().replace("\r\n", "\n").splitlines()
    start = lines.index("igfpub serve: rendering 2 languages (pt, en), 2 at a time")
    done = sorted(line.split(":")[1] for line in lines[start + 1 :] if "pages written" in line)
    assert done == [" en", " pt"]
    assert lines[-1].startswith("igfpub serve: rebuilt in ")
