"""The cache's entries as hard links to the site's files (igfpub/outputs/cache.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from igfpub.outputs import cache as cache_module
from igfpub.outputs.cache import BlobCache, link_or_copy


def test_an_adopted_file_is_its_entry(tmp_path: Path) -> None:
    page = tmp_path / "site" / "index.html"
    page.parent.mkdir()
    page.write_bytes(b"<p>page</p>")
    blobs = BlobCache(tmp_path / "cache")
    blobs.adopt("ab" * 32, page)
    entry = blobs.path("ab" * 32)
    assert entry.read_bytes() == b"<p>page</p>"
    assert entry.stat().st_ino == page.stat().st_ino
    assert page.stat().st_nlink == 2
    # No temporary left; the entry's seal beside it.
    assert sorted(p.name for p in entry.parent.iterdir()) == [entry.name, entry.name + ".seal"]


def test_an_entry_whose_folder_another_process_makes_meanwhile_is_still_a_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two workers adopt pages into the same missing folder: the one whose link failed
    because the folder was missing must not copy the page once the other made it (the CI
    failure of 2026-11-26: an entry that was a copy, with one link)."""
    page = tmp_path / "index.html"
    page.write_bytes(b"<p>page</p>")
    blobs = BlobCache(tmp_path / "cache")
    key = "cd" * 32
    real_link = os.link
    raced = []

    def link_as_the_other_worker_makes_the_folder(source: str, target: str) -> None:
        if not raced:
            raced.append(target)
            Path(target).parent.mkdir(parents=True)  # the other worker, in between
            raise FileNotFoundError(2, "No such file or directory", target)
        real_link(source, target)

    monkeypatch.setattr(cache_module.os, "link", link_as_the_other_worker_makes_the_folder)
    blobs.adopt(key, page)
    assert raced
    assert blobs.path(key).stat().st_ino == page.stat().st_ino
    assert page.stat().st_nlink == 2


def test_a_file_is_copied_only_where_it_cannot_be_linked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "a"
    source.write_bytes(b"data")
    with pytest.raises(FileNotFoundError):
        link_or_copy(source, tmp_path / "missing" / "b")

    def across_file_systems(source: str, target: str) -> None:
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(cache_module.os, "link", across_file_systems)
    target = tmp_path / "b"
    target.write_bytes(b"old")
    link_or_copy(source, target)
    assert target.read_bytes() == b"data"
    assert target.stat().st_ino != source.stat().st_ino
    assert source.read_bytes() == b"data"  # the old target was replaced, not written through


def test_an_entry_changed_since_it_was_written_is_missing_until_written_again(
    tmp_path: Path,
) -> None:
    page = tmp_path / "site" / "index.html"
    page.parent.mkdir()
    page.write_bytes(b"<p>page</p>")
    blobs = BlobCache(tmp_path / "cache")
    key = "ef" * 32
    blobs.adopt(key, page)
    blobs.put("01" * 32, b"<feed/>")
    assert blobs.has(key) and blobs.get(key) == b"<p>page</p>" and blobs.has("01" * 32)
    # Kept in an archive that stores whole seconds (tar's default format, zip): still whole.
    for entry in (blobs.path(key), blobs.path("01" * 32)):
        whole = entry.stat().st_mtime_ns // 10**9 * 10**9
        os.utime(entry, ns=(whole, whole))
    assert blobs.has(key) and blobs.has("01" * 32) and blobs.changed == 0
    # The site's file edited in place (the same size, even): it is the entry.
    with page.open("r+b") as f:
        f.write(b"<p>PAGE</p>")
    assert not blobs.has(key) and blobs.get(key) is None
    assert blobs.changed == 2
    # Made again, the entry is a new file: the edited one is no site's page any more.
    fresh = tmp_path / "site2" / "index.html"
    fresh.parent.mkdir()
    fresh.write_bytes(b"<p>page</p>")
    blobs.adopt(key, fresh)
    assert blobs.get(key) == b"<p>page</p>"
    assert blobs.path(key).stat().st_ino == fresh.stat().st_ino != page.stat().st_ino
    assert page.read_bytes() == b"<p>PAGE</p>"  # the edited site keeps its own edit
    # An entry without a seal (an older igfpub's) is missing too; put seals it.
    blobs.path(key).with_name(key + ".seal").unlink()
    assert not blobs.has(key)
    blobs.put(key, b"<p>page</p>")
    assert blobs.has(key)


def test_a_site_edited_in_place_changes_no_later_build(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """An analytics snippet injected into a built page, a minifier writing into a built
    feed and into the search script: the site's files are hard links to the cache, and a
    later build into another folder must still write what igfpub makes, not the edits."""
    from igfpub.build import Options, build
    from tests.conftest import SITES

    cache = tmp_path / "cache"
    options = Options(CONFIG, pdf=False, cache_dir=cache)
    first = tmp_path / "first"
    assert build(SITES / "emoji", first, options).rendered > 10
    made = files(first)
    page = sorted(first.glob("sessions/*/*/index.html"))[0]
    # A body's feed: a cache entry (the feed of messages to everyone is made anew).
    feed = sorted(p for p in first.glob("bodies/*/feed.xml") if p.parent.name != "all")[0]
    script = first / "pagefind" / "pagefind.js"
    for path, old, new in ((page, "</body>", "<script>track()</script></body>"),
                           (feed, "\n", ""), (script, "\n", "")):  # fmt: skip
        text = path.read_text(encoding="utf-8")
        assert old in text and path.stat().st_nlink > 1  # a link to the cache's entry
        with path.open("w", encoding="utf-8") as f:  # in place, as open(p, "w") does
            f.write(text.replace(old, new))
    edited = {p: p.stat().st_ino for p in (page, feed, script)}
    for name in ("second", "third"):
        caplog.clear()
        report = build(SITES / "emoji", tmp_path / name, options)
        assert files(tmp_path / name) == made, f"the {name} build has the edits"
        # The edited page alone is rendered again, and said; its new file is the entry.
        assert (report.rendered, report.changed) == ((1, 1) if name == "second" else (0, 0))
        said = [r.getMessage() for r in caplog.records if "cached page" in r.getMessage()]
        assert said == (["warning: 1 cached page had been changed since igfpub wrote it, "
                         "so it was rendered again: built files are hard links to the cache "
                         "and must not be edited in place (post-process a copy of the site, "
                         "or write a new file and rename it over the old one)"]
                        if name == "second" else [])  # fmt: skip
    cached = {p.stat().st_ino for p in cache.rglob("*") if p.is_file()}
    assert not cached & set(edited.values())
    assert all(p.stat().st_ino == inode for p, inode in edited.items())  # still edited there


def test_every_file_of_a_site_has_the_permissions_of_a_file_the_build_makes(
    tmp_path: Path,
) -> None:
    """A web server running as another user reads the site: the feeds, hard links to
    cache entries that were written through a temporary file (which its maker alone may
    read), are no exception."""
    from igfpub.build import Options, build
    from tests.conftest import SITES

    site = tmp_path / "site"
    build(SITES / "emoji", site, Options(CONFIG, pdf=False, search=False,
                                         cache_dir=tmp_path / "cache"))  # fmt: skip
    umask = os.umask(0o022)
    os.umask(umask)
    modes = {p.relative_to(site).as_posix(): p.stat().st_mode & 0o777
             for p in site.rglob("*") if p.is_file()}  # fmt: skip
    assert any(name.endswith("/feed.xml") for name in modes)
    assert {name: oct(mode) for name, mode in modes.items() if mode != 0o666 & ~umask} == {}
    blobs = BlobCache(tmp_path / "more")
    blobs.put("ab" * 32, b"<feed/>")
    assert blobs.path("ab" * 32).stat().st_mode & 0o777 == 0o666 & ~umask


CONFIG = Path(__file__).resolve().parent.parent / "mkdocs.yml"


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
