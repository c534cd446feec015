"""A content-hash cache of rendered PDFs, kept between builds (``<cache>/pdf``).

The key covers everything that decides a PDF's bytes: the document's full HTML (for a
brief, the unshortened one: the shortened versions follow from it), the templates, the
stylesheet and the catalog, the font files, the site's files it shows (images) and the
WeasyPrint version. An unchanged
rebuild renders nothing; an edited session changes the HTML of exactly the briefs that
show it. No WeasyPrint import here: a ``--no-pdf`` build reads the cache too.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

# Bump when the rendering code changes in a way the key does not see.
CACHE_VERSION = "2"
# Entries not used by a build are kept this long, so that two sites built with one cache
# (the real content and a test fixture, two branches) do not evict each other.
KEEP_UNUSED_SECONDS = 14 * 24 * 3600


def key(
    html: str,
    *,
    fingerprint: str,
    fonts: Iterable[object],
    max_pages: int | None,
    files: Sequence[str] = (),
) -> str:
    material = {
        "files": list(files),  # the site's files it shows (printing.named_files)
        "version": CACHE_VERSION,
        "weasyprint": version("weasyprint"),
        "fingerprint": fingerprint,
        "fonts": list(fonts),
        "max_pages": max_pages,
        "html": hashlib.sha256(html.encode()).hexdigest(),
    }
    blob = json.dumps(material, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode()).hexdigest()


@dataclass(frozen=True)
class Entry:
    pdf: Path
    pages: int
    shown: int | None  # briefs: how many messages fitted in two pages
    notes: tuple[str, ...] = ()  # what rendering reported (refused URLs), told on every build


class PdfCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.used: set[str] = set()

    def get(self, key: str) -> Entry | None:
        pdf, meta = self._paths(key)
        if not (pdf.is_file() and meta.is_file()):
            return None
        try:
            info = json.loads(meta.read_text(encoding="utf-8"))
        except ValueError:
            return None  # a damaged entry is a miss, and is overwritten
        self.used.add(key)
        for path in (pdf, meta):
            path.touch()  # the mtime says when an entry was last used, for prune()
        return Entry(pdf, int(info["pages"]), info.get("shown"), tuple(info.get("notes", ())))

    def put(
        self, key: str, data: bytes, *, pages: int, shown: int | None, notes: Sequence[str] = ()
    ) -> Entry:
        self.folder.mkdir(parents=True, exist_ok=True)
        pdf, meta = self._paths(key)
        # Write-then-rename, PDF first: an interrupted build never leaves an entry whose
        # metadata points at a truncated PDF.
        _atomic_write(pdf, data)
        info = {"pages": pages, "shown": shown, "notes": list(notes)}
        _atomic_write(meta, json.dumps(info).encode())
        self.used.add(key)
        return Entry(pdf, pages, shown, tuple(notes))

    def prune(self) -> int:
        """Delete entries this build did not use and no build used for a while."""
        if not self.folder.is_dir():
            return 0
        limit = time.time() - KEEP_UNUSED_SECONDS
        removed = 0
        for path in self.folder.glob("*.pdf"):
            if path.stem in self.used or path.stat().st_mtime > limit:
                continue
            path.unlink(missing_ok=True)
            path.with_suffix(".json").unlink(missing_ok=True)
            removed += 1
        return removed

    def _paths(self, key: str) -> tuple[Path, Path]:
        return self.folder / f"{key}.pdf", self.folder / f"{key}.json"


def _atomic_write(path: Path, data: bytes) -> None:
    with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False) as tmp:
        tmp.write(data)
    Path(tmp.name).replace(path)
