"""Reading back what the build wrote."""

from __future__ import annotations

from pathlib import Path


def site_text(folder: Path) -> str:
    """Every distinct character of the HTML pages under ``folder`` (markup included: the
    callers only look for characters of one script)."""
    chars: set[str] = set()
    for page in folder.rglob("*.html"):
        chars.update(page.read_text(encoding="utf-8"))
    return "".join(sorted(chars))
