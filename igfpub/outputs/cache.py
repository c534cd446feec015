"""One content-hash cache folder for every costly step.

Entries are files named by the hash of what made them, under one sub-folder per kind
(``pages/``, ``search/``, ...). Deleting the folder only makes the next build cold. Writes
go through a temporary file and a rename, so two processes filling the same entry, or a
build that is killed half-way, never leave a torn entry behind.
"""

from __future__ import annotations

import itertools
import os
import pickle
import shutil
import tempfile
from pathlib import Path

DEFAULT = Path(".igfpub-cache")


class BlobCache:
    """Bytes by key, in ``folder``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / key

    def get(self, key: str) -> bytes | None:
        try:
            return self.path(key).read_bytes()
        except FileNotFoundError:
            return None

    def put(self, key: str, data: bytes) -> None:
        # Thousands of entries share 256 folders: a folder is made when it is found missing,
        # not checked for every entry.
        target = self.path(key)
        try:
            atomic_write(target, data)
        except FileNotFoundError:
            target.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(target, data)

    def adopt(self, key: str, source: Path) -> None:
        """``source``'s bytes as the entry ``key``: a hard link to it where the cache is on
        the same file system (a copy elsewhere), put in place by a rename."""
        target = self.path(key)
        fresh = target.with_name(f".{key}.{os.getpid()}.{next(_serial)}")
        try:
            link_or_copy(source, fresh)
        except FileNotFoundError:  # the entry's folder, as in put
            if not source.exists():
                raise
            target.parent.mkdir(parents=True, exist_ok=True)
            link_or_copy(source, fresh)
        fresh.replace(target)


_serial = itertools.count()  # temporary names unique within a process


def atomic_write(target: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        Path(tmp).replace(target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def link_or_copy(source: Path, target: Path) -> None:
    """``target`` as a hard link to ``source`` (no bytes copied), a copy where they are on
    different file systems; whatever was at ``target`` is replaced, never written through
    (it may itself be a link to a cache entry)."""
    target.unlink(missing_ok=True)
    try:
        os.link(source, target)
    except (FileNotFoundError, FileExistsError):
        # Not "cannot link here": the caller's to handle (BlobCache.adopt makes the folder).
        # Copying instead would race with another process making the folder meanwhile,
        # and leave an entry that is a copy, not the page's file.
        raise
    except OSError:
        shutil.copyfile(source, target)


def kept(path: Path, made_by: str) -> object | None:
    """What :func:`keep` put at ``path``; None if it is missing, torn, or was made by other
    code (``made_by``: a fingerprint of the code that made it)."""
    try:
        maker, value = pickle.loads(path.read_bytes())
    except Exception:  # missing, torn or foreign: the caller makes it again
        return None
    return value if maker == made_by else None


def keep(path: Path, made_by: str, value: object) -> None:
    """``value`` at ``path`` for a later build, with the fingerprint of the code that made
    it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, pickle.dumps((made_by, value), protocol=pickle.HIGHEST_PROTOCOL))
