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
    assert [p.name for p in entry.parent.iterdir()] == [entry.name]  # no temporary left


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
