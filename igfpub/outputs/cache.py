"""One content-hash cache folder for every costly step.

Entries are files named by the hash of what made them, under one sub-folder per kind
(``pages/``, ``search/``, ...). Deleting the folder only makes the next build cold. Writes
go through a temporary file and a rename, so two processes filling the same entry, or a
build that is killed half-way, never leave a torn entry behind.

The cache is never the source of a page's text. A site's page or feed is a hard link to
its entry (one file, written once), so a built file edited in place (an analytics snippet
injected, a minifier writing into the file) would edit the entry too, and every site built
from it later. Each entry of a :class:`BlobCache` is therefore sealed when igfpub writes it:
``<key>.seal`` beside it, a symbolic link whose text is the entry's size and modification
time (:func:`seal_of`; one ``readlink`` to read back, no file to open). An entry whose
``stat`` no longer matches its seal was changed since: it is taken as missing, made again
and replaced by a new file, and the changed one is linked from no new site. A folder of
files made at once (a search index part) has one seal for all its files
(:func:`seal_folder`).
"""

from __future__ import annotations

import itertools
import os
import pickle
import shutil
import tempfile
from pathlib import Path

DEFAULT = Path(".igfpub-cache")
ENV = "IGFPUB_CACHE_DIR"  # where caches live, unless --cache-dir says
# What to set where a cache folder cannot be written: igfpub's command, the plugin's.
COMMAND_HINT = "set --cache-dir, the plugin's cache_dir or IGFPUB_CACHE_DIR"
PLUGIN_HINT = "set the igfpub plugin's cache_dir in mkdocs.yml, or IGFPUB_CACHE_DIR"


def chosen(given: Path | None, option: str | None, default: Path) -> Path:
    """The cache folder: ``given`` (``--cache-dir``), else ``$IGFPUB_CACHE_DIR``, else
    ``option`` (the plugin's ``cache_dir``, made absolute beside mkdocs.yml), else
    ``default``."""
    if given is not None:
        return given
    return Path(os.environ.get(ENV) or option or default)


class Unwritable(Exception):
    """The cache folder cannot be written (:func:`check_writable`): one line saying so."""


def check_writable(folder: Path, hint: str) -> None:
    """Raise :class:`Unwritable`, saying what to do (``hint``), unless ``folder`` can be
    written, or made where it is missing. Nothing is left behind: a file is made and
    removed in the folder or, while it is missing, in its nearest parent that exists (a
    first build must leave no cache behind if the content has errors)."""
    probe = folder.absolute()
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    try:
        fd, name = tempfile.mkstemp(dir=probe, prefix=".igfpub-write-test-")
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise Unwritable(f"cannot write the cache folder {folder}: {reason} ({hint})") from None
    os.close(fd)
    Path(name).unlink()


SEAL = ".seal"  # the suffix of an entry's seal (BlobCache) beside it
FOLDER_SEAL = ".igfpub-seal"  # the seal of a folder's files (seal_folder), in the folder


class BlobCache:
    """Bytes by key, in ``folder``; each entry sealed (see the module's text)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.changed = 0  # entries found changed since they were written (has, get)
        self._root = str(folder)

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / key

    def entry(self, key: str) -> str:
        """:meth:`path`, as a string (thousands of pages are linked in strings)."""
        return f"{self._root}/{key[:2]}/{key}"

    def has(self, key: str) -> bool:
        """The entry is there, as igfpub wrote it (a stat and a readlink: the pages of a
        large archive are looked up in strings, not Path objects)."""
        try:
            st = os.stat(f"{self._root}/{key[:2]}/{key}")  # noqa: PTH116
        except OSError:
            return False
        return self._unchanged(key, st)

    def get(self, key: str) -> bytes | None:
        """The entry's bytes, if it is there as igfpub wrote it."""
        try:
            with self.path(key).open("rb") as f:
                if not self._unchanged(key, os.fstat(f.fileno())):
                    return None
                return f.read()
        except FileNotFoundError:
            return None

    def put(self, key: str, data: bytes) -> None:
        # Thousands of entries share 256 folders: a folder is made when it is found missing,
        # not checked for every entry.
        target = self.path(key)
        try:
            st = atomic_write(target, data)
        except FileNotFoundError:
            target.parent.mkdir(parents=True, exist_ok=True)
            st = atomic_write(target, data)
        self._seal(key, st)

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
        st = fresh.stat()
        fresh.replace(target)
        self._seal(key, st)

    def _seal(self, key: str, st: os.stat_result) -> None:
        """Record what the entry is now. Written after the entry: until then its old seal,
        if any, does not match the new file, which is taken as missing (a build made
        meanwhile renders the page again), never the other way round."""
        seal = self.path(key).with_name(key + SEAL)
        try:
            seal.symlink_to(seal_of(st))  # the entry is new: one call
        except FileExistsError:
            fresh = seal.with_name(f".{seal.name}.{os.getpid()}.{next(_serial)}")
            fresh.symlink_to(seal_of(st))
            fresh.replace(seal)

    def _unchanged(self, key: str, st: os.stat_result) -> bool:
        try:
            sealed = os.readlink(f"{self._root}/{key[:2]}/{key}{SEAL}")  # noqa: PTH115
        except OSError:
            sealed = ""  # no seal: an entry of an igfpub without seals, or torn
        if matches(sealed, st):
            return True
        self.changed += 1
        return False


_serial = itertools.count()  # temporary names unique within a process


def seal_of(st: os.stat_result) -> str:
    """What a seal records of a file: its size and modification time, in nanoseconds."""
    return f"{st.st_size}:{st.st_mtime_ns}"


def matches(sealed: str, st: os.stat_result) -> bool:
    """The file ``st`` is the one sealed as ``sealed`` (:func:`seal_of`). Its time may
    have lost its nanoseconds, no more: a cache kept in an archive that stores whole
    seconds (tar's default format, zip) is still whole; a file written to since has the
    time it was written, to the nanosecond where the file system keeps them."""
    size, _, mtime = sealed.partition(":")
    if not mtime.isdigit() or size != str(st.st_size):
        return False
    if int(mtime) == st.st_mtime_ns:
        return True
    whole, part = divmod(st.st_mtime_ns, 1_000_000_000)
    return part == 0 and int(mtime) // 1_000_000_000 == whole


def seal_folder(folder: Path) -> None:
    """Seal every file under ``folder`` (made at once, and linked from sites file by file):
    their sizes and times in ``folder/.igfpub-seal``, which :func:`folder_unchanged` checks."""
    lines = []
    for parent, _, names in os.walk(folder):
        for name in sorted(names):
            path = os.path.join(parent, name)  # noqa: PTH118 (strings: thousands of files)
            lines.append(f"{os.path.relpath(path, folder)}\t{seal_of(os.stat(path))}\n")  # noqa: PTH116
    atomic_write(folder / FOLDER_SEAL, "".join(lines).encode())


def folder_unchanged(folder: Path) -> bool:
    """Every file :func:`seal_folder` sealed in ``folder`` is as it was then (one ``stat``
    each); False if any was changed or removed, or there is no seal."""
    try:
        sealed = (folder / FOLDER_SEAL).read_text(encoding="utf-8")
    except (OSError, ValueError):
        return False
    root = str(folder)
    for line in sealed.splitlines():
        rel, _, seal = line.partition("\t")
        try:
            st = os.stat(os.path.join(root, rel))  # noqa: PTH116, PTH118 (thousands of files)
        except OSError:
            return False
        if not matches(seal, st):
            return False
    return bool(sealed)


# The permissions a file gets where the process makes it: read once, at import (the
# umask can only be read by setting it, which threads would race with).
_UMASK = os.umask(0o022)
os.umask(_UMASK)
MODE = 0o666 & ~_UMASK


def atomic_write(target: Path, data: bytes) -> os.stat_result:
    """``data`` at ``target``, whole or not at all; the new file's ``stat``. The file has
    the permissions of any file the process makes (``mkstemp`` makes it readable by its
    owner alone, and a cached feed is linked into the site that a web server reads)."""
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        os.fchmod(fd, MODE)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        st = Path(tmp).stat()  # once closed: a network file system may set its time then
        Path(tmp).replace(target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return st


def link_new(source: str, target: str) -> None:
    """:func:`link_or_copy` into a folder being filled, where ``target`` is most often not
    there yet: one system call per page, not three Path objects and two calls."""
    try:
        os.link(source, target)
    except FileExistsError:
        link_or_copy(Path(source), Path(target))
    except FileNotFoundError:
        raise  # as in link_or_copy: the caller's to handle
    except OSError:
        shutil.copyfile(source, target)


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
