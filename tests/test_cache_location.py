"""Where the cache lives changes nothing in the site: two cold builds of the same content
with caches in different folders, on different file systems where there are two, write
the same bytes, search index included (Pagefind numbers pages in the order it finds them
in folders, which each file system lists in its own order)."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from igfpub.build import Options, build
from tests.conftest import SITES

CONFIG = Path(__file__).resolve().parent.parent / "mkdocs.yml"
SHM = Path("/dev/shm")


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


@pytest.fixture
def elsewhere(tmp_path: Path) -> Iterator[Path]:
    """A folder on another file system than ``tmp_path`` (memory, /dev/shm), else skip."""
    if not SHM.is_dir() or SHM.stat().st_dev == tmp_path.stat().st_dev:
        pytest.skip("no /dev/shm on another file system than the site")
    folder = Path(tempfile.mkdtemp(prefix="igfpub-cache-", dir=SHM))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def cold(site: Path, cache: Path) -> dict[str, bytes]:
    report = build(SITES / "bilingual", site, Options(CONFIG, pdf=False, cache_dir=cache))
    assert report.reused == 0 and report.rendered > 50
    # Nothing left beside the site (the folders Pagefind read are gone with the build).
    assert sorted(p.name for p in site.parent.iterdir()) == [site.name]
    return files(site)


def test_caches_in_two_folders_build_the_same_site(tmp_path: Path) -> None:
    first = cold(tmp_path / "a" / "site", tmp_path / "cache-a")
    second = cold(tmp_path / "b" / "site", tmp_path / "deeper" / "folder" / "cache-b")
    assert "pagefind/pagefind-entry.json" in first
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


def test_a_cache_on_another_file_system_builds_the_same_site(
    tmp_path: Path, elsewhere: Path
) -> None:
    here = cold(tmp_path / "a" / "site", tmp_path / "cache")
    there = cold(tmp_path / "b" / "site", elsewhere / "cache")
    assert (elsewhere / "cache").stat().st_dev != tmp_path.stat().st_dev
    assert sorted(here) == sorted(there)
    differ = [name for name in here if here[name] != there[name]]
    assert differ == [], f"{len(differ)} files differ, e.g. {differ[:5]}"


def test_the_pages_pagefind_reads_are_linked_beside_the_site_else_in_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from igfpub.outputs import search

    site, cache = tmp_path / "out" / "site", tmp_path / "cache"
    site.mkdir(parents=True)
    cache.mkdir()
    view = search._view(site, cache, "en-main")
    assert view.parent == site.parent and view.name.startswith(".site-pages-en-main-")
    building = site.with_name(".site-building-0123456789ab")  # a build's folder: its name
    assert search._view(building, cache, "fr-main").name.startswith(
        ".site-building-0123456789ab-pages-fr-main-"
    )
    # A folder mounted for the site alone, in a parent that cannot be written.
    real = tempfile.mkdtemp

    def refused(prefix: str, dir: Path) -> str:
        if Path(dir) == site.parent:
            raise PermissionError(13, "Permission denied", str(dir))
        return real(prefix=prefix, dir=dir)

    monkeypatch.setattr(search.tempfile, "mkdtemp", refused)
    assert search._view(site, cache, "en-main").parent == cache
