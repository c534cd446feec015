"""The next build is made in the previous site's folders (igfpub/sitedir.py): what was
removed since is gone, files that are hard links into the cache are unlinked and never
written through, and the spare is used by one build at a time."""

from __future__ import annotations

import os
from pathlib import Path

from igfpub.sitedir import Staging


def build(site: Path, pages: dict[str, str]) -> Path:
    staging = Staging(site, spare(site))
    with staging as folder:
        for name, text in pages.items():
            page = folder / name / "index.html"
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(text, encoding="utf-8")
        staging.publish()
    return folder


def spare(site: Path) -> Path:
    return site.parent / "cache" / "spare"


def tree(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def test_builds_reuse_the_previous_sites_folders(tmp_path: Path) -> None:
    site = tmp_path / "site"
    build(site, {"a/x": "1", "a/y": "1", "b": "1"})
    assert not spare(site).exists()  # nothing was replaced yet
    build(site, {"a/x": "2", "c": "2"})
    kept = spare(site)
    assert (kept / "a" / "y" / "index.html").read_text(encoding="utf-8") == "1"
    folders = {p.relative_to(kept).as_posix(): p.stat().st_ino for p in kept.rglob("*")
               if p.is_dir()}  # fmt: skip
    # The third build is made in the first one's folders; "a/y" and "b" are gone from it,
    # folders included.
    build(site, {"a/x": "3", "d/e": "3"})
    assert tree(site) == ["a", "a/x", "a/x/index.html", "d", "d/e", "d/e/index.html"]
    assert (site / "a" / "x" / "index.html").read_text(encoding="utf-8") == "3"
    assert (site / "a" / "x").stat().st_ino == folders["a/x"]
    # The previous site is the spare now, whole.
    assert tree(spare(site)) == ["a", "a/x", "a/x/index.html", "c", "c/index.html"]
    # Beside the site, nothing: the spare is in the cache.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "site"]


def test_a_file_linked_to_the_cache_is_unlinked_not_written_over(tmp_path: Path) -> None:
    site = tmp_path / "site"
    entry = tmp_path / "cache" / "page"
    entry.parent.mkdir()
    entry.write_text("cached", encoding="utf-8")
    for _ in range(2):
        staging = Staging(site, spare(site))
        with staging as folder:
            (folder / "p").mkdir(exist_ok=True)
            os.link(entry, folder / "p" / "index.html")
            staging.publish()
    # The third build is made in the first one's folder, whose page was a link to the
    # entry: the build writes a page of its own there.
    build(site, {"p": "rendered again"})
    assert entry.read_text(encoding="utf-8") == "cached"
    assert (site / "p" / "index.html").read_text(encoding="utf-8") == "rendered again"


def test_a_failed_build_in_the_spare_leaves_the_site_and_keeps_the_spare(tmp_path: Path) -> None:
    site = tmp_path / "site"
    build(site, {"a": "1"})
    build(site, {"a": "2"})
    try:
        with Staging(site, spare(site)) as folder:
            (folder / "a").mkdir(exist_ok=True)
            (folder / "a" / "index.html").write_text("half", encoding="utf-8")
            raise RuntimeError("the build failed")
    except RuntimeError:
        pass
    assert (site / "a" / "index.html").read_text(encoding="utf-8") == "2"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "site"]
    # Its folders are the next build's: the half-written page is not published.
    assert (spare(site) / "a").is_dir()
    build(site, {"b": "3"})
    assert (site / "b" / "index.html").read_text(encoding="utf-8") == "3"
    assert not (site / "a").exists()
    build(site, {"a": "3"})
    assert (site / "a" / "index.html").read_text(encoding="utf-8") == "3"
