"""Removing from the cache what no site uses any more.

Every change of igfpub, the theme or the configuration makes every page's key new, and a
cold build adds a whole site's pages to the cache (600 MiB at 2,000 sessions): without
pruning, the cache only grows. After ``igfpub build`` has published a site (at most once
an hour), entries are removed:

- ``pages/`` and ``feeds/``: an entry that no site links to (a link count of 1: a site's
  pages and feeds are hard links to their entries, and so are those of the previous site,
  kept as the spare) and that has had no link made or removed for a day. Where the cache is
  on another file system than the site, the site has copies and the link count tells
  nothing: those folders are left as they are.
- an entry's seal (igfpub/outputs/cache.py) once the entry is gone.
- temporary files that a killed build left, a day old.

The day lets a change that is tried and undone find its pages again. Builds hold a shared
lock on the cache while they may read it (:func:`hold`); pruning takes it exclusively,
and is skipped while any build holds it, so that no build finds a page in the cache that
is removed before it links it.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from pathlib import Path

from igfpub.outputs.cache import SEAL

LOCK = ".in-use"
MARK = ".pruned"
GRACE = 24 * 3600.0  # seconds an unused entry is kept
EVERY = 3600.0  # seconds between two prunings
KINDS = ("pages", "feeds")  # the cache folders whose entries sites link to


def hold(cache: Path) -> int:
    """A shared lock on ``cache``, held until the returned descriptor is closed (or the
    process, and every process forked from it, ends). -1 where the cache cannot be written:
    nothing prunes it then either, and where it does not exist yet: there is nothing in it
    to keep."""
    fd = _lock_file(cache)
    if fd >= 0:
        fcntl.flock(fd, fcntl.LOCK_SH)  # waits only for a pruning in progress
    return fd


def due(cache: Path, now: float | None = None, every: float = EVERY) -> bool:
    try:
        last = (cache / MARK).stat().st_mtime
    except OSError:
        return True
    return (now or time.time()) - last >= every


def prune(cache: Path, site: Path, grace: float = GRACE, now: float | None = None) -> int | None:
    """Remove what no site uses (see the module's text): the number of files removed, or
    None if a build holds the cache."""
    now = now or time.time()
    fd = _lock_file(cache)
    if fd < 0:
        return None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return None
        try:
            (cache / MARK).touch()
        except OSError:
            return None  # a cache that cannot be written is not pruned either
        linked = _same_device(cache, site)
        return sum(_sweep(cache / kind, linked, now, grace) for kind in KINDS)
    finally:
        os.close(fd)


def _lock_file(cache: Path) -> int:
    try:
        return os.open(cache / LOCK, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError:
        return -1


def _same_device(a: Path, b: Path) -> bool:
    try:
        return a.stat().st_dev == b.stat().st_dev
    except OSError:
        return False


def _sweep(folder: Path, linked: bool, now: float, grace: float) -> int:
    """Remove the entries of ``folder``'s sub-folders that no site links to (if ``linked``:
    sites link to them) and temporary files (dot names), unchanged for ``grace``, and the
    seals of the entries that are gone; the number of entries and temporary files removed."""
    removed = 0
    for sub in _entries(folder):
        if not sub.is_dir(follow_symlinks=False):
            continue
        seals = []
        for entry in _entries(Path(sub.path)):
            if entry.name.endswith(SEAL) and not entry.name.startswith("."):
                seals.append(entry.path)  # once the folder's entries are swept
                continue
            try:
                st = entry.stat(follow_symlinks=False)
                if entry.name.startswith("."):
                    gone = now - st.st_mtime >= grace
                else:
                    gone = linked and st.st_nlink == 1 and now - st.st_ctime >= grace
                if gone:
                    os.unlink(entry.path)  # noqa: PTH108 (strings: tens of thousands of entries)
                    removed += 1
            except OSError:
                continue  # removed meanwhile, or not ours to remove
        for seal in seals:
            if not os.path.lexists(seal[: -len(SEAL)]):
                try:
                    os.unlink(seal)  # noqa: PTH108
                except OSError:
                    continue
    return removed


def _entries(folder: Path) -> Iterator[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as listing:
            yield from listing
    except OSError:
        return
