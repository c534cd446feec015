"""Publishing a built site in one step: build beside the target, then swap.

``igfpub build`` writes into ``.<site>-building-<token>`` next to the target folder and,
once the build is complete, exchanges the two folders, so that readers (a web server
serving the folder) see either the whole previous site or the whole new one:

- The swap is one ``renameat2(RENAME_EXCHANGE)`` call (Linux 3.15+, glibc 2.28+): the target
  path is never missing. Where the system or the file system lacks it (macOS, some network
  or FUSE file systems), two renames are used instead, and for the moment between them the
  target path is missing.
- With a ``spare`` path (in the build's cache folder), the previous site, once replaced,
  is kept there and the next build is made in it: its files are removed but its folders
  kept (one folder per page: creating and removing tens of thousands of folders was
  seconds of every build of a large archive), and the folders the new build did not fill
  are removed before the swap. The spare is emptied while the content loads; if it is
  not emptied when the build is ready to write, the rest of it is removed beside the
  build, which makes its own folders. A build that fails in the spare's folders keeps them
  as the spare. A build claims the spare by renaming it, so two builds never share one.
  Where the cache is on another file system than the site, or the spare was deleted, the
  build just creates its folders.
- Each build holds an exclusive ``flock`` on ``.<site>-building-<token>.lock`` while it
  runs. The kernel releases it when the process dies, even by ``kill -9``; so the next build
  can tell what a killed build left (its lock can be taken) from the folder of a build that
  is still running (its lock cannot), and removes only the former.

What the site folder holds besides the build is the user's, as with ``mkdocs build``:

- The entries at its top whose names start with a dot (``.git`` of a gh-pages worktree,
  ``.nojekyll``, ``.well-known``) are moved into each new build just before the swap, so
  that they stay where they are. A build killed in that moment leaves them in its folder,
  and the next build moves them back (:func:`clear_leftovers`).
- A folder is replaced only if it is igfpub's (:data:`MARK`, which every build writes), a
  site that igfpub or MkDocs built before the mark existed (:data:`SITE_FILES`), or empty
  but for dot entries: :func:`check_replaceable` refuses any other, before anything is moved.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import multiprocessing
import os
import secrets
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import TracebackType
from typing import Any

from igfpub.lifetime import FORKING, leave_interrupts_to_parent

AT_FDCWD = -100
RENAME_EXCHANGE = 1 << 1
# The errors that mean "this system or file system cannot exchange": fall back to renames.
_UNSUPPORTED = {errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV}

# Written at the top of every site published: the folder is igfpub's to replace.
MARK = ".igfpub-site"
MARK_TEXT = (
    "This folder is a site built by igfpub. Each `igfpub build` into it replaces all it holds\n"
    "but the entries at its top whose names start with a dot (.git, .nojekyll, ...).\n"
)
# What every site that igfpub (before it wrote MARK) or MkDocs built has at its top.
SITE_FILES = ("index.html", "404.html", "sitemap.xml")


class ForeignFolder(Exception):
    """The site folder holds files that no igfpub build wrote (:func:`check_replaceable`)."""


def check_replaceable(site: Path) -> None:
    """Raise :class:`ForeignFolder` unless a build may replace ``site``: it is missing, a
    site igfpub built (its :data:`MARK`), a site built before the mark existed (all of
    :data:`SITE_FILES`, which igfpub and MkDocs write), or empty but for dot entries
    (kept by every build). Only the top of the folder is read."""
    try:
        with os.scandir(site) as listing:
            entries = {entry.name: entry.is_dir() for entry in listing}
    except FileNotFoundError:
        return
    except NotADirectoryError:
        raise ForeignFolder(f"{site} is a file, not a folder: nothing was changed") from None
    if MARK in entries or all(name in entries for name in SITE_FILES):
        return
    foreign = sorted(name + "/" * is_dir for name, is_dir in entries.items()
                     if not name.startswith("."))  # fmt: skip
    if not foreign:
        return
    named = ", ".join(foreign[:3]) + (f" and {len(foreign) - 3} more" if len(foreign) > 3 else "")
    raise ForeignFolder(
        f"{site} is not a site igfpub built and holds files it did not write ({named}): "
        "nothing was changed. Build into a new or empty folder, or move these out (a file "
        "the site is to publish, such as CNAME, goes in the content folder); entries whose "
        "names start with a dot (.git, .nojekyll) are kept by every build"
    )


class Staging:
    """``with Staging(site) as folder:`` build into ``folder``, then :meth:`publish`.

    Leaving the block removes ``folder``, which then holds either an unfinished build or,
    after :meth:`publish`, the previous site.
    """

    def __init__(self, site: Path, spare: Path | None = None, background: bool = False) -> None:
        """``spare``: where the previous site is kept for the next build to be made in.
        ``background``: the spare is emptied by a process of its own while the caller
        goes on (loading, planning: one core is idle then); :meth:`ready` waits for it and
        must be called before anything is written into the folder."""
        self.site = site
        self.background = background
        self._emptying: tuple[Any, Any] | None = None  # (process, pipe end)
        self._discarding: tuple[Any, Path] | None = None  # (process, folder): see ready()
        self.token = secrets.token_hex(6)
        self.path = site.with_name(f".{site.name}-building-{self.token}")
        self.old = site.with_name(f".{site.name}-old-{self.token}")
        self.lock = site.with_name(f".{site.name}-building-{self.token}.lock")
        self.spare = spare
        self._fd: int | None = None
        self._recycled: list[str] = []  # the spare's folders, deepest first
        self._replaced = False  # published over a previous site, now in self.path
        self._claimed = False  # self.path was the spare

    def __enter__(self) -> Path:
        self.site.parent.mkdir(parents=True, exist_ok=True)
        clear_leftovers(self.site)
        # The lock exists, held, before the folder does (taken under a private name, then
        # renamed): a folder without a held lock is always a leftover.
        pending = self.lock.with_name(self.lock.name + ".new")
        fd = os.open(pending, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o644)
        fcntl.flock(fd, fcntl.LOCK_EX)
        os.write(fd, str(os.getpid()).encode())
        pending.rename(self.lock)
        self._fd = fd
        self._claimed = self._claim_spare()
        if not self._claimed:
            self.path.mkdir()
        elif self.background:
            context = multiprocessing.get_context("fork")
            receive, send = context.Pipe(duplex=False)
            process = context.Process(target=_empty, args=(self.path, send, self._fd),
                                      daemon=True)  # fmt: skip
            with FORKING:
                process.start()
            send.close()
            self._emptying = (process, receive)
        else:
            self._settle(_emptied(self.path))
        return self.path

    def _claim_spare(self) -> bool:
        """Make the spare this build's folder; False if there is none (or another build
        claimed it first)."""
        if self.spare is None or not self.spare.is_dir() or self.spare.is_symlink():
            return False
        try:
            self.spare.rename(self.path)
        except OSError:
            return False
        return True

    def ready(self) -> Path:
        """The folder, emptied of the spare's files: from here on it may be written into.
        If the spare is not emptied yet, the rest of it is removed beside the build, and
        the build makes its own folders: a warm build of a large archive loads and plans
        in about as long as the spare takes to empty, and waited up to seconds for it."""
        if self._emptying is None:
            return self.path
        process, receive = self._emptying
        self._emptying = None
        if self.background and not receive.poll(0):
            process.terminate()  # it only unlinks files: stopped anywhere, nothing is torn
            process.join()
            receive.close()
            self._discard()
            return self.path
        try:
            found: list[str] | None = receive.recv()
        except EOFError:
            found = None  # the files could not all be removed
        receive.close()
        process.join()
        self._settle(found)
        return self.path

    def _discard(self) -> None:
        """The spare, half emptied, set aside under a name of this build's (which
        :func:`clear_leftovers` removes should the build be killed) and removed by a process
        of its own; the build's folder made anew."""
        aside = self.path.with_name(f"{self.path.name}-discarded")
        self.path.rename(aside)
        self.path.mkdir()
        self._recycled = []
        context = multiprocessing.get_context("fork")
        process = context.Process(target=_remove, args=(aside, self._fd), daemon=True)
        with FORKING:
            process.start()
        self._discarding = (process, aside)

    def _settle(self, recycled: list[str] | None) -> None:
        """The spare's folders once emptied; None: it could not be, and is replaced by an
        empty folder."""
        if recycled is None:
            shutil.rmtree(self.path, ignore_errors=True)
            self.path.mkdir()
        self._recycled = recycled or []

    def publish(self) -> None:
        """Put the finished build at the target path, the previous site in its place; the
        previous site's top-level dot entries are moved into the new one first."""
        self.ready()
        for folder in self._recycled:
            with contextlib.suppress(OSError):  # not empty: the new build uses it
                os.rmdir(folder)  # noqa: PTH106
        self._recycled = []
        (self.path / MARK).write_text(MARK_TEXT, encoding="utf-8")
        if not self.site.exists():
            self.path.rename(self.site)
            self.path.mkdir()  # so that leaving the block has the same thing to remove
            return
        carried: list[str] = []
        try:
            _carry_dot_entries(self.site, self.path, carried)
            if not exchange(self.path, self.site):
                self._swap_by_renames()
        except BaseException:
            _carry_dot_entries(self.path, self.site, [], carried)  # back, as if never tried
            raise
        self._replaced = True

    def _swap_by_renames(self) -> None:
        """No atomic exchange here: two renames, with the target path missing in between.
        Raises only if the previous site is still (or back) at the target path."""
        self.site.rename(self.old)
        try:
            self.path.rename(self.site)
        except BaseException:
            self.old.rename(self.site)
            raise
        with contextlib.suppress(OSError):  # published: leaving the block removes the old
            self.old.rename(self.path)

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._emptying is not None:
            self.ready()  # the build failed before it wrote anything
        kept = False
        if self.spare is not None and (self._replaced or (kind is not None and self._claimed)):
            # The previous site, or what a failed build left: the next build is made in its
            # folders (unless another build kept one meanwhile, or the cache is on another
            # file system). Removing it would cost a failed build as long as a build.
            with contextlib.suppress(OSError):
                self.spare.parent.mkdir(parents=True, exist_ok=True)
                if not self.spare.exists():
                    self.path.rename(self.spare)
                    kept = True
        if not kept:
            remove_tree(self.path)
        remove_tree(self.old)
        if self._discarding is not None:
            process, aside = self._discarding
            self._discarding = None
            process.join()
            shutil.rmtree(aside, ignore_errors=True)  # what it could not remove, if anything
        self.lock.unlink(missing_ok=True)
        if self._fd is not None:
            os.close(self._fd)  # releases the lock
            self._fd = None


def remove_tree(folder: Path) -> None:
    """``shutil.rmtree``, its top-level entries in parallel: the previous site of a large
    archive is tens of thousands of files and folders, and removing them was the last
    seconds of every build; unlinking is system calls, which threads overlap."""
    try:
        entries = list(folder.iterdir())
    except OSError:
        return  # not there (or not a folder): nothing to remove
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(_remove_entry, entries))
    shutil.rmtree(folder, ignore_errors=True)


def _empty(folder: Path, send: Any, lock: int | None) -> None:
    """:func:`_emptied`, sent through ``send`` (nothing if it failed)."""
    leave_interrupts_to_parent()
    if lock is not None:
        # Not this process's to hold: were the build killed, its lock must be free at once.
        os.close(lock)
    try:
        found = _emptied(folder)
        if found is not None:
            send.send(found)
    finally:
        send.close()


def _remove(folder: Path, lock: int | None) -> None:
    """:func:`remove_tree`, in a process of its own (see :func:`_empty`)."""
    leave_interrupts_to_parent()
    if lock is not None:
        os.close(lock)
    remove_tree(folder)


def _emptied(folder: Path) -> list[str] | None:
    """:func:`_remove_files`; None if it failed."""
    try:
        return _remove_files(folder)
    except OSError:
        return None


def _remove_files(folder: Path) -> list[str]:
    """Remove every file under ``folder``, keep its folders; returns them, deepest first,
    ``folder`` itself left out. (A file may be a hard link to a cache entry: it must be
    unlinked, never written over.) Tens of thousands of entries: no Path objects.
    Folders at the top whose names start with a dot are removed whole: a build makes none
    (it is given the site's, :func:`_carry_dot_entries`), so that a build folder holds
    such an entry only once it was carried into it."""
    found: list[str] = []
    with os.scandir(folder) as top:
        dotted = [entry.path for entry in top
                  if entry.name.startswith(".") and entry.is_dir(follow_symlinks=False)]  # fmt: skip
    for path in dotted:
        shutil.rmtree(path)
    stack = [str(folder)]
    while stack:
        with os.scandir(stack.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    found.append(entry.path)  # after its parent, before its children
                    stack.append(entry.path)
                else:
                    os.unlink(entry.path)  # noqa: PTH108
    return found[::-1]


def _carry_dot_entries(
    source: Path, target: Path, moved: list[str], names: list[str] | None = None
) -> None:
    """Move the entries at the top of ``source`` whose names start with a dot (or
    ``names``) into ``target``, those it does not hold already, :data:`MARK` left out (each
    build writes its own); each name is added to ``moved`` as soon as it is moved (for an
    interrupted move to be undone). Renames in one folder: each entry stays what it is (a
    gh-pages worktree's ``.git`` file, a symbolic link, a whole folder)."""
    if names is None:
        with os.scandir(source) as listing:
            names = sorted(entry.name for entry in listing if entry.name.startswith("."))
    for name in names:
        if name == MARK or os.path.lexists(target / name):
            continue
        try:
            (source / name).rename(target / name)
        except FileNotFoundError:
            continue  # removed meanwhile
        moved.append(name)


def _remove_entry(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
        return
    # As rmtree(ignore_errors=True): the folder's removal says nothing either.
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


def exchange(a: Path, b: Path) -> bool:
    """Swap two existing paths atomically; False where the system cannot."""
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p]
    renameat2.argtypes += [ctypes.c_uint]
    if renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in _UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), str(a), None, str(b))


def clear_leftovers(site: Path) -> list[Path]:
    """Remove what killed builds of ``site`` left beside it; returns what was removed.

    A build folder is removed when its lock is free (its build died) or missing (a build
    of an igfpub without locks); a build that still runs keeps its lock, and its folder.
    """
    removed: list[Path] = []
    parent, name = site.parent, site.name
    if not parent.is_dir():
        return removed
    for lock in sorted(parent.glob(f".{name}-building-*.lock")):
        token = lock.name[len(f".{name}-building-") : -len(".lock")]
        if not _is_free(lock):
            continue
        old = parent / f".{name}-old-{token}"
        if old.is_dir() and not site.exists():
            # Killed between the two renames of a swap without exchange: the old site back.
            old.rename(site)
        building = parent / f".{name}-building-{token}"
        if building.is_dir() and site.is_dir():
            # Killed while the site's dot entries were being moved into the new build, or
            # between the two renames: they go back to the site.
            _carry_dot_entries(building, site, [])
        for leftover in (building, old):
            if leftover.exists():
                shutil.rmtree(leftover, ignore_errors=True)
                removed.append(leftover)
        lock.unlink(missing_ok=True)
    for leftover in sorted(parent.glob(f".{name}-building-*")) + sorted(
        parent.glob(f".{name}-old*")
    ):
        if leftover.suffix in (".lock", ".new") or not leftover.is_dir():
            continue
        # ".site-building-<token>", ".site-old-<token>", ".site-old", or what the running
        # build of <token> keeps beside its folder (".site-building-<token>-...").
        parts = leftover.name[len(f".{name}-") :].split("-")
        token = parts[1] if len(parts) > 1 else ""
        if (parent / f".{name}-building-{token}.lock").exists():
            continue  # a running build's (its lock was not free above)
        if leftover.name.startswith(f".{name}-old") and not site.exists():
            # An igfpub without locks was killed between the two renames of its swap.
            leftover.rename(site)
            continue
        shutil.rmtree(leftover, ignore_errors=True)
        removed.append(leftover)
    for pending in parent.glob(f".{name}-building-*.lock.new"):
        if _is_free(pending):
            pending.unlink(missing_ok=True)
    return removed


def _is_free(lock: Path) -> bool:
    """True if no process holds ``lock`` (taking it and letting it go at once)."""
    try:
        fd = os.open(lock, os.O_RDWR)
    except FileNotFoundError:
        return False  # removed meanwhile, by the build that finished or another cleaner
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(fd)
    return True
