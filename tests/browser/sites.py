"""Sites other than the sample, as a stranger makes them: `igfpub init`, a few content
files written beside the example session, then `igfpub build --no-pdf`."""

from __future__ import annotations

from pathlib import Path

from igfpub.cli import main as igfpub
from tests.contentkit import build_in


def init_and_build(root: Path, languages: list[str], name: str, files: dict[str, str]) -> Path:
    """The built site folder. ``files``: content-relative path -> text."""
    forum = root / "forum"
    assert igfpub(["init", str(forum), "--languages", ",".join(languages), "--name", name]) == 0
    for rel, text in files.items():
        (forum / "content" / rel).write_text(text, encoding="utf-8")
    assert build_in(forum) == 0
    return forum / "site"
