"""The cache keeps what some site uses, and loses the rest (igfpub/outputs/prune.py)."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from igfpub.build import Options, build
from igfpub.outputs import prune

PROJECT = Path(__file__).resolve().parent.parent
SITES = Path(__file__).resolve().parent / "sites"
CONFIG = PROJECT / "mkdocs.yml"


def _entries(folder: Path) -> dict[int, Path]:
    return {p.stat().st_ino: p for p in folder.rglob("*") if p.is_file()}


def _inodes(site: Path) -> set[int]:
    return {p.stat().st_ino for p in site.rglob("*") if p.is_file()}


def _session(content: Path) -> Path:
    return sorted(content.glob("sessions/*/*.md"))[0]


def test_pruning_removes_what_no_site_uses_and_keeps_the_rest(tmp_path: Path) -> None:
    content, site, cache = tmp_path / "content", tmp_path / "site", tmp_path / "cache"
    shutil.copytree(SITES / "emoji", content)
    options = Options(CONFIG, pdf=False, search=False, cache_dir=cache)
    first = build(content, site, options)
    assert first.rendered > 10
    # A build leaves a mark: pruning ran (nothing to remove yet) and is not due again soon.
    assert (cache / prune.MARK).is_file() and not prune.due(cache)
    used_by_first = _inodes(site)
    # Each edit changes the session's pages (and its body's feed); the third build empties
    # the spare that held the first site, whose changed pages no site uses any more.
    for n in (1, 2):
        session = _session(content)
        session.write_text(session.read_text(encoding="utf-8").replace(
            "title:", f"title: Édition {n} —", 1), encoding="utf-8")  # fmt: skip
        report = build(content, site, options)
        assert 0 < report.rendered < first.rendered
    current, spare = _inodes(site), _inodes(next((cache / "spare").iterdir()))
    pages, feeds = _entries(cache / "pages"), _entries(cache / "feeds")
    unused_pages = {i for i in pages if i not in current | spare}
    unused_feeds = {i for i in feeds if i not in current | spare}
    assert unused_pages and unused_pages <= used_by_first
    assert unused_feeds  # the edited session's body feeds, in every language

    # Within the grace period nothing goes: a change tried and undone finds its pages.
    assert prune.prune(cache, site) == 0
    assert prune.prune(cache, site, grace=0) == len(unused_pages) + len(unused_feeds)
    assert set(_entries(cache / "pages")) == set(pages) - unused_pages
    assert set(_entries(cache / "feeds")) == set(feeds) - unused_feeds
    # An entry's seal (igfpub/outputs/cache.py) goes with it, and only with it.
    for kind in ("pages", "feeds"):
        seals = {p.name.removesuffix(".seal") for p in (cache / kind).rglob("*.seal")}
        assert seals == {p.name for p in _entries(cache / kind).values()}
    # Every page and feed of the site and of the spare is still a cache entry.
    kept = set(_entries(cache / "pages")) | set(_entries(cache / "feeds"))
    assert {i for i in current if i in pages or i in feeds} <= kept

    # The next build finds every page it needs in the cache.
    session = _session(content)
    session.write_text(session.read_text(encoding="utf-8") + "\nOne more line.\n",
                       encoding="utf-8")  # fmt: skip
    again = build(content, site, options)
    assert again.rendered < first.rendered and again.reused > 0


def test_a_build_in_progress_holds_pruning_off(tmp_path: Path) -> None:
    cache, site = tmp_path / "cache", tmp_path / "site"
    (cache / "pages" / "ab").mkdir(parents=True)
    site.mkdir()
    entry = cache / "pages" / "ab" / "ab12"
    entry.write_bytes(b"<html>")
    old = time.time() - 2 * prune.GRACE
    os.utime(entry, (old, old))
    fd = prune.hold(cache)
    try:
        assert prune.prune(cache, site, grace=0) is None
        assert entry.is_file()
    finally:
        os.close(fd)
    assert prune.prune(cache, site, grace=0) == 1
    assert not entry.exists()


def test_leftover_temporary_files_go_after_a_day(tmp_path: Path) -> None:
    cache, site = tmp_path / "cache", tmp_path / "site"
    site.mkdir()
    folder = cache / "feeds" / "cd"
    folder.mkdir(parents=True)
    fresh, stale = folder / ".cd01.4242.0", folder / ".cd02.abcdef"
    for path in (fresh, stale):
        path.write_bytes(b"torn")
    old = time.time() - 2 * prune.GRACE
    os.utime(stale, (old, old))
    assert prune.prune(cache, site) == 1
    assert fresh.is_file() and not stale.exists()
