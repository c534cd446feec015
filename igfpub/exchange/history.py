"""The source version a translation was made from, found in the repository's history.

For translations made before the old-source store (``.igfpub/sources/``) existed, or made
by hand: ``git log`` lists the commits that touched the source file, and the version whose
SHA-256 starts with the translation's ``source_hash`` is the one it translated. Outside a
git repository, or when no version matches, the answer is "unknown".
"""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

from igfpub.core.frontmatter import ReadError, read_document
from igfpub.core.segments import Segment, raw_document_segments

_LIMIT = 200  # commits searched per file: old enough for any translation still in use


def _git(cwd: Path, *args: str) -> bytes | None:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout


def version(content: Path, rel: str, source_hash: str) -> bytes | None:
    """The bytes of ``content/rel`` at the commit whose content matches ``source_hash``."""
    want = source_hash.removeprefix("sha256:").lower()
    path = content / rel
    name = _git(path.parent, "ls-files", "--full-name", "--", path.name)
    if not name or not name.strip():
        return None
    full = name.decode().splitlines()[0]
    log = _git(path.parent, "log", f"-n{_LIMIT}", "--format=%H", "--", path.name)
    for commit in (log or b"").decode().split():
        data = _git(path.parent, "show", f"{commit}:{full}")
        if data is not None and hashlib.sha256(data).hexdigest().startswith(want):
            return data
    return None


def segments(content: Path, rel: str, source_hash: str, source: str) -> list[Segment] | None:
    data = version(content, rel, source_hash)
    if data is None:
        return None
    try:
        doc = read_document(data)
    except ReadError:
        return None
    return raw_document_segments(doc.meta, doc.body, rel, source)
