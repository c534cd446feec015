"""Files a command writes where its user said (``translate export -o``, ``new``,
``catalogs --init``): the folders they need are made, as ``pack -d`` and ``build -d`` make
theirs, and a file that cannot be written is one line saying why, with nothing left
behind: no torn file, no folder made for it."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

from igfpub.outputs.cache import MODE


class Unwritable(Exception):
    """Why a file cannot be written, in a few words ("Permission denied", "x is a file,
    not a folder"); the caller names the file."""


def write_file(path: Path, data: bytes) -> None:
    """``data`` at ``path``, whole or not at all, the missing folders made; raises
    :class:`Unwritable`. A path that is no regular file (``/dev/stdout``, a named pipe)
    is written through: a rename would put a file in its place."""
    made: list[Path] = []
    try:
        for folder in reversed(path.parents):
            if not folder.is_dir():
                folder.mkdir()
                made.append(folder)
        if path.exists() and not path.is_file():
            with path.open("wb") as f:
                f.write(data)
        else:
            # Through a link, to the file it names, as an editor saves.
            _replace(path.resolve(), data)
    except OSError as exc:
        for folder in reversed(made):
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise Unwritable(reason(path, exc)) from None


def _replace(path: Path, data: bytes) -> None:
    """A new file renamed into place; one it replaces keeps its permissions."""
    mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else MODE
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        Path(name).replace(path)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise


def reason(path: Path, exc: OSError) -> str:
    """Why ``path`` could not be written or its folders made, in a few words."""
    if exc.errno in (errno.EEXIST, errno.ENOTDIR):
        # mkdir of a folder whose name a file holds: "File exists" says nothing useful.
        for folder in reversed(path.parents):
            if folder.exists() and not folder.is_dir():
                return f"{folder} is a file, not a folder"
    if exc.errno == errno.EISDIR:
        return f"{path} is a folder"
    return exc.strerror or str(exc)
