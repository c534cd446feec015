"""Problems as the terminal and the preview page show them: ``path:line: error: message``
with a path that opens from the current folder, as editors, ``grep``, CI problem matchers
and GitHub annotations resolve it. The core locates a problem in its content folder
(``sessions/2025/ws-1.md``); from the site's folder that file is
``content/sessions/2025/ws-1.md``."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from igfpub.core.issues import Issue


def shown(issue: Issue, content: Path) -> str:
    """``issue`` with its file named from the current folder (relative to it when the
    content folder is inside it, else absolute); a problem that names no file of the
    content folder (the configuration, a translation file, the folder itself) as it is."""
    if not issue.path or Path(issue.path).is_absolute():
        return str(issue)
    target = content / issue.path
    if not target.exists():
        return str(issue)
    here = Path.cwd()
    full = target.absolute()
    path = os.path.relpath(full, here) if full.is_relative_to(here) else os.path.normpath(full)
    return str(replace(issue, path=path))
