"""A build killed at any moment (kill -9) leaves the previous site whole and served, and
the next build clears what the killed ones left (igfpub/sitedir.py)."""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from igfpub.cli import main as igfpub
from igfpub.sitedir import Staging, clear_leftovers, exchange
from tests.conftest import SITES

CONTENT = SITES / "emoji"


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def in_group(group: int) -> list[int]:
    """The live processes of a process group (their /proc stat's fifth field)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        if int(fields[2]) == group and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith((".site-", ".site.")))


def test_killed_builds_leave_the_previous_site_whole(tmp_path: Path) -> None:
    site = tmp_path / "site"
    started = time.monotonic()
    assert igfpub(["build", str(CONTENT), "-d", str(site), "--no-pdf"]) == 0
    duration = time.monotonic() - started
    before = snapshot(site)
    assert len(before) > 50 and "index.html" in before and "pagefind/pagefind-entry.json" in before
    command = [
        sys.executable,
        "-m",
        "igfpub.cli",
        "build",
        str(CONTENT),
        "-d",
        str(site),
        "--no-pdf",
    ]
    killed = []
    for seed in (1, 2, 3, 4):
        # A fresh process is slower than the warm one above: up to 1.5 times as long,
        # so that some kills land in the after-build steps and the final swap.
        delay = random.Random(seed).uniform(0.3, duration * 1.5)
        # A cache of its own, empty: an unchanged build would be over before any kill.
        cache = ["--cache-dir", str(tmp_path / f"cache-{seed}")]
        process = subprocess.Popen([*command, *cache], cwd=tmp_path, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)  # fmt: skip
        try:
            process.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
            killed.append(seed)
        # The same content builds the same bytes: whether the kill came before or after
        # the swap, the site is a whole build, equal to the one before.
        after = snapshot(site)
        changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
        assert changed == [], f"seed {seed}, killed after {delay:.1f} s"
    assert len(killed) >= 2, "most builds must really be killed"
    assert igfpub(["build", str(CONTENT), "-d", str(site), "--no-pdf"]) == 0
    assert snapshot(site) == before
    assert leftovers(tmp_path) == []


def test_ctrl_c_stops_a_build_in_one_line_and_leaves_the_site_as_it_was(tmp_path: Path) -> None:
    content = Path(__file__).resolve().parent.parent / "content"  # a build of some seconds
    site = tmp_path / "site"
    assert igfpub(["build", str(CONTENT), "-d", str(site), "--no-pdf"]) == 0
    before = snapshot(site)
    # The sample's own mkdocs.yml, named: igfpub says which it uses when it finds one
    # beside the content folder that it was not given.
    command = [sys.executable, "-m", "igfpub.cli", "build", str(content), "-d", str(site),
               "--no-pdf", "--cache-dir", str(tmp_path / "cold"),
               "-f", str(content.parent / "mkdocs.yml")]  # fmt: skip
    # Started as from a terminal: a suite run in the background of a shell ignores SIGINT,
    # and its children would inherit that.
    process = subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True, start_new_session=True,
                               env={**os.environ, "IGFPUB_TIMINGS": "1"},
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))  # fmt: skip
    assert process.stderr is not None
    said = []
    for line in process.stderr:  # until the workers start rendering
        said.append(line)
        if "timing: site folder ready" in line:
            break
    time.sleep(0.5)
    # As a terminal does on Ctrl-C: SIGINT to every process of the command.
    os.killpg(process.pid, signal.SIGINT)
    said += process.stderr.readlines()
    process.stderr.close()
    assert process.wait(timeout=60) == 130, "".join(said)
    told = [line.rstrip() for line in said if "igfpub: timing:" not in line]
    assert told == ["igfpub: interrupted"], "".join(said)
    assert snapshot(site) == before
    assert leftovers(tmp_path) == []
    # Nothing of the command runs on: its workers ended with it.
    time.sleep(0.5)
    assert in_group(process.pid) == []


def test_a_running_build_keeps_its_folder_a_dead_one_does_not(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("old", encoding="utf-8")
    # What a build of an older igfpub (no lock) and a killed build (lock free) left.
    (tmp_path / ".site-building-k2j_x8a").mkdir()
    (tmp_path / ".site-old").mkdir()
    (tmp_path / ".site-building-dead00000000").mkdir()
    (tmp_path / ".site-building-dead00000000.lock").write_text("12345", encoding="utf-8")
    with Staging(site) as running:
        (running / "index.html").write_text("new", encoding="utf-8")
        assert leftovers(tmp_path) == sorted([running.name, running.name + ".lock"])
        # Another build starting now clears leftovers too, but not this running build.
        clear_leftovers(site)
        assert (running / "index.html").is_file()
        assert leftovers(tmp_path) == sorted([running.name, running.name + ".lock"])
    assert leftovers(tmp_path) == []
    assert (site / "index.html").read_text(encoding="utf-8") == "old"  # never published


def test_killed_between_two_renames_the_old_site_comes_back(tmp_path: Path) -> None:
    # Where the system cannot exchange, a kill between the two renames leaves no site and
    # the old one under another name: the next build puts it back before anything else.
    (tmp_path / ".site-old-abcdef012345").mkdir()
    (tmp_path / ".site-old-abcdef012345" / "index.html").write_text("old", encoding="utf-8")
    (tmp_path / ".site-building-abcdef012345").mkdir()
    (tmp_path / ".site-building-abcdef012345.lock").touch()
    clear_leftovers(tmp_path / "site")
    assert (tmp_path / "site" / "index.html").read_text(encoding="utf-8") == "old"
    assert leftovers(tmp_path) == []


def test_an_old_igfpub_killed_between_renames_gets_its_site_back(tmp_path: Path) -> None:
    (tmp_path / ".site-old").mkdir()
    (tmp_path / ".site-old" / "index.html").write_text("old", encoding="utf-8")
    (tmp_path / ".site-building-x1y2z3").mkdir()  # the new build, never moved in
    clear_leftovers(tmp_path / "site")
    assert (tmp_path / "site" / "index.html").read_text(encoding="utf-8") == "old"
    assert leftovers(tmp_path) == []


def test_readers_never_see_the_site_missing_during_swaps(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("0", encoding="utf-8")
    seen: list[str] = []
    missing = 0
    stop = threading.Event()

    def reader() -> None:
        nonlocal missing
        while not stop.is_set():
            try:
                seen.append((site / "index.html").read_text(encoding="utf-8"))
            except FileNotFoundError:
                missing += 1

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        for n in range(1, 301):
            staging = Staging(site)
            with staging as folder:
                (folder / "index.html").write_text(str(n), encoding="utf-8")
                staging.publish()
    finally:
        stop.set()
        thread.join()
    assert missing == 0
    assert (site / "index.html").read_text(encoding="utf-8") == "300"
    assert len(set(seen)) > 10  # the reader really read during the swaps
    assert leftovers(tmp_path) == []


def test_exchange_swaps_two_folders(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "from-a").touch()
    if not exchange(tmp_path / "a", tmp_path / "b"):
        pytest.skip("this file system cannot exchange: igfpub falls back to two renames")
    assert [p.name for p in (tmp_path / "b").iterdir()] == ["from-a"]
    assert list((tmp_path / "a").iterdir()) == []
    with pytest.raises(FileNotFoundError):
        exchange(tmp_path / "a", tmp_path / "missing")
    shutil.rmtree(tmp_path / "a")


def test_swap_without_exchange_publishes_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import igfpub.sitedir

    # Where renameat2 cannot exchange (not Linux, some network file systems): two renames.
    monkeypatch.setattr(igfpub.sitedir, "exchange", lambda a, b: False)
    site = tmp_path / "site"
    for n in range(3):
        staging = Staging(site)
        with staging as folder:
            (folder / "index.html").write_text(str(n), encoding="utf-8")
            staging.publish()
        assert (site / "index.html").read_text(encoding="utf-8") == str(n)
        assert leftovers(tmp_path) == []
