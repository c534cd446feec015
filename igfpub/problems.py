"""Problems as the terminal and the preview page show them: ``path:line: error: message``
with a path that opens from the current folder, as editors, ``grep``, CI problem matchers
and GitHub annotations resolve it. The core locates a problem in its content folder
(``sessions/2025/ws-1.md``); from the site's folder that file is
``content/sessions/2025/ws-1.md``. The other files of the content folder that a message
names (``duplicate id ...: already used in sessions/2025/b.md:2``) are named the same way:
the core lists them with the problem (``Issue.mentions``)."""

from __future__ import annotations

import os
import re
from dataclasses import replace
from pathlib import Path

from igfpub.core.issues import Issue


def shown(issue: Issue, content: Path) -> str:
    """``issue`` with its file named from the current folder (relative to it when the
    content folder is named from it or is inside it, else absolute); a problem that names
    no file of the content folder (the configuration, a translation file, the folder
    itself) as it is. The files its message names are named so too."""
    message = issue.message
    for rel in issue.mentions:
        # The path as a whole word of the message: not a part of a longer path, and
        # followed by what ends it (":2", ";", ",", a space, the end, a closing ".").
        named = re.compile(rf"(?<![\w./\\-]){re.escape(rel)}(?![\w/\\-]|\.\w)")
        here = path_from_here(content / rel).replace("\\", "\\\\")  # as sub reads its text
        message = named.sub(here, message)
    if not issue.path or Path(issue.path).is_absolute():
        return str(replace(issue, message=message))
    target = content / issue.path
    if not target.exists():
        return str(replace(issue, message=message))
    return str(replace(issue, path=path_from_here(target), message=message))


def from_here(rel: str, content: Path) -> str:
    """``rel``, a file of the content folder ``content``, named from the current folder."""
    return path_from_here(content / rel)


def path_from_here(target: Path) -> str:
    """``target`` named from the current folder: relative to it when it is inside it,
    else absolute."""
    here = Path.cwd()
    full = target.absolute()
    return os.path.relpath(full, here) if full.is_relative_to(here) else os.path.normpath(full)
